/// A cheap look at a template's tags before the Mustache parser sees it: the parser recurses
/// once per open section, so thousands of nested `{{#x}}` would overflow the stack. The scan
/// reads tags as the parser does (a tag is `{{` up to the first `}}`), and refuses what desk's
/// templates do not use: delimiter changes (they would let a later section hide from this
/// scan), partials, inheritance blocks and pragmas.
enum TemplateSyntax {
  /// The deepest nesting of sections a template may have.
  static let maxNesting = 32

  enum Problem: Error, Equatable {
    /// Bad structure, in words with a position: "unclosed section 'due' opened at line 3, column 5".
    case syntax(String)
    /// A tag desk does not fill in, as written between the braces: "> partial".
    case unsupported(String)
  }

  /// Checks the structure; throws the first problem.
  static func scan(_ text: String) throws(Problem) {
    let chars = Array(text)
    var open: [(name: String, line: Int, column: Int)] = []
    var i = 0
    var line = 1
    var lineStart = 0
    func position(_ at: Int) -> String { "line \(line), column \(at - lineStart + 1)" }
    while i < chars.count {
      let c = chars[i]
      if c.isNewline {
        i += 1
        line += 1
        lineStart = i
        continue
      }
      guard c == "{", i + 1 < chars.count, chars[i + 1] == "{" else {
        i += 1
        continue
      }
      let start = i
      guard let end = closing(chars, from: i + 2) else {
        throw .syntax("unclosed tag {{ at \(position(start))")
      }
      let inside = String(chars[(i + 2)..<end])
      i = end + 2
      if inside.first == "{", i < chars.count, chars[i] == "}" { i += 1 }
      let sigil = inside.first
      let name = String(inside.dropFirst()).trimmingCharacters(in: .whitespaces)
      switch sigil {
      case "#", "^":
        open.append((name, line, start - lineStart + 1))
        if open.count > maxNesting {
          throw .syntax("sections are nested more than \(maxNesting) deep at \(position(start))")
        }
      case "/":
        guard let last = open.popLast() else {
          throw .syntax("{{/\(name)}} at \(position(start)) closes no section")
        }
        guard last.name == name else {
          throw .syntax(
            "section '\(last.name)' opened at line \(last.line), column \(last.column) is closed by {{/\(name)}} at \(position(start))")
        }
      case "=", ">", "<", "$", "%":
        throw .unsupported(inside.trimmingCharacters(in: .whitespaces))
      default:
        break
      }
      // A tag may span lines (a comment); keep the position right after it.
      for k in start..<min(i, chars.count) where chars[k].isNewline {
        line += 1
        lineStart = k + 1
      }
    }
    if let last = open.last {
      throw .syntax("unclosed section '\(last.name)' opened at line \(last.line), column \(last.column)")
    }
  }

  /// The index of the first `}}` at or after `from`.
  private static func closing(_ chars: [Character], from: Int) -> Int? {
    var k = from
    while k + 1 < chars.count {
      if chars[k] == "}", chars[k + 1] == "}" { return k }
      k += 1
    }
    return nil
  }
}
