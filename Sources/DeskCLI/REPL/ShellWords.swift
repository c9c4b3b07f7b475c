import DeskCore

/// Splits a line into words as a POSIX shell does, without expansions: blanks separate words;
/// single quotes keep everything literally; inside double quotes a backslash escapes only
/// `"`, `\`, `$` and `` ` ``; elsewhere a backslash escapes any character. Quoted parts join
/// the text around them (`a"b c"d` is one word), and `""` is an empty word.
enum ShellWords {
  /// What was still open when the text ended.
  enum Open: Equatable {
    case singleQuote, doubleQuote, backslash
  }

  /// The words of a possibly unfinished line, as far as they go.
  struct Scan: Equatable {
    /// The finished words.
    var words: [String] = []
    /// The word the text ends in, if it does not end in a blank.
    var last: String?
    /// Whether `last` was typed as is, without quotes or backslashes.
    var lastIsPlain = true
    /// A quote or backslash still open at the end.
    var open: Open?
  }

  /// The words of a complete line; an unterminated quote or a trailing backslash is a usage error.
  static func split(_ line: String) throws -> [String] {
    let scan = scan(line)
    switch scan.open {
    case .singleQuote?: throw DeskError.usage("unterminated single quote", hint: "end the quoted text with another '")
    case .doubleQuote?: throw DeskError.usage("unterminated double quote", hint: "end the quoted text with another \"")
    case .backslash?: throw DeskError.usage("the line ends with a backslash", hint: "write \\\\ for a backslash")
    case nil: return scan.words + (scan.last.map { [$0] } ?? [])
    }
  }

  private enum State {
    case blank, plain, single, double, escaped, escapedInDouble
  }

  /// Reads as much of `text` as there is: for completion, where the last word is still being typed.
  static func scan(_ text: String) -> Scan {
    var result = Scan()
    var word = String.UnicodeScalarView()
    var state = State.blank
    var plain = true

    for scalar in text.unicodeScalars {
      switch state {
      case .blank, .plain:
        switch scalar {
        case " ", "\t", "\n", "\r":
          if state == .plain { result.words.append(String(word)) }
          word = String.UnicodeScalarView()
          plain = true
          state = .blank
        case "'":
          state = .single
          plain = false
        case "\"":
          state = .double
          plain = false
        case "\\":
          state = .escaped
          plain = false
        default:
          word.append(scalar)
          state = .plain
        }
      case .single:
        if scalar == "'" { state = .plain } else { word.append(scalar) }
      case .double:
        switch scalar {
        case "\"": state = .plain
        case "\\": state = .escapedInDouble
        default: word.append(scalar)
        }
      case .escaped:
        word.append(scalar)
        state = .plain
      case .escapedInDouble:
        if !"\"\\$`".unicodeScalars.contains(scalar) { word.append("\\") }
        word.append(scalar)
        state = .double
      }
    }

    switch state {
    case .blank: break
    case .plain, .single, .double, .escaped, .escapedInDouble:
      result.last = String(word)
      result.lastIsPlain = plain
    }
    switch state {
    case .single: result.open = .singleQuote
    case .double, .escapedInDouble: result.open = .doubleQuote
    case .escaped: result.open = .backslash
    case .blank, .plain: result.open = nil
    }
    return result
  }
}
