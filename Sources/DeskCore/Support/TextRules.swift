import Foundation

/// Checks on the text people and gateways hand desk.
enum TextRules {
  /// A one-line value such as a subject or a name: trimmed, not empty, no control characters.
  static func line(_ value: String, _ what: String, maxCharacters: Int = 500) throws -> String {
    // Most lines have nothing to trim: asking Foundation anyway bridged each to an NSString (issue 16).
    let space = CharacterSet.whitespacesAndNewlines
    let ends = (value.unicodeScalars.first, value.unicodeScalars.last)
    let trimmed =
      if let first = ends.0, let last = ends.1, !space.contains(first), !space.contains(last) { value } else {
        value.trimmingCharacters(in: space)
      }
    guard !trimmed.isEmpty else {
      throw DeskError.invalidInput("\(what) is empty")
    }
    guard trimmed.count <= maxCharacters else {
      throw DeskError.invalidInput("\(what) is \(trimmed.count) characters long; at most \(maxCharacters) are allowed")
    }
    guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
      throw DeskError.invalidInput("\(what) contains control characters (a newline or tab?)")
    }
    return trimmed
  }

  /// A message body: may be multi-line, must fit the configured byte limit and hold no NUL.
  static func body(_ value: String, maxBytes: Int) throws -> String {
    let size = value.utf8.count
    guard size <= maxBytes else {
      throw DeskError.invalidInput(
        "the message is \(size) bytes; the limit is \(maxBytes)",
        hint: "attach large text as a file with --attach, or raise message.max-bytes with desk config set")
    }
    guard !value.utf8.contains(0) else { throw DeskError.invalidInput("the message contains a NUL byte") }
    return value
  }

  /// A language code such as en, ru, uk or pt-br, lower-cased.
  static func language(_ language: String) throws -> String {
    let l = language.trimmingCharacters(in: .whitespaces).lowercased()
    guard (2...8).contains(l.count), l.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) else {
      throw DeskError.usage("'\(language)' is not a language code", hint: "e.g. en, ru, uk, pt-br")
    }
    return l
  }

  /// A C0 or C1 control character (CR, LF, tab, ESC, NEL…).
  static func isControl(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .control }

  static func optionalLine(_ value: String?, _ what: String) throws -> String? {
    guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
    return try line(value, what)
  }
}
