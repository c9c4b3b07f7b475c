/// Turns what a person typed into FTS5 queries. Every term is quoted, so FTS5 syntax in the
/// text (AND, NEAR, *, ") is searched for, never read as an operator.
enum FullText {
  /// Every word must match, each as a prefix: `pass reset` finds "password was reset".
  static func allWords(_ text: String, option: String) throws -> String {
    let words = self.words(text)
    guard !words.isEmpty else {
      throw DeskError.usage("\(option) '\(text)' has no words to search for")
    }
    return match(words, all: true)
  }

  /// A query of prefix terms, all of which (or any of which) must match.
  static func match(_ terms: [String], all: Bool) -> String {
    terms.map { "\"\($0)\"*" }.joined(separator: all ? " " : " OR ")
  }

  /// The terms to rank articles by for a long text such as a ticket: short words are dropped,
  /// long ones lose their last letters so that other forms of the word match too ("пароля"
  /// finds "пароль", "passwords" finds "password"). Folded and lower-cased, each once.
  static func stems(_ text: String, limit: Int = 48) -> [String] {
    var seen = Set<String>()
    var terms: [String] = []
    for word in words(folded(text)) where word.count >= 3 {
      let stem = word.count > 5 ? String(word.prefix(max(5, word.count - 2))) : word
      guard seen.insert(stem).inserted else { continue }
      terms.append(stem)
      if terms.count == limit { break }
    }
    return terms
  }

  /// The text without diacritics in any script: "Ёлка" reads "Елка", "їжак" "іжак", "ação" "acao".
  static func fold(_ text: String) -> String {
    // Plain ASCII has nothing to fold, and most text of an English desk is.
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .enclosingMark: continue
      default: out.append(scalar)
      }
    }
    return String(out)
  }

  /// Without diacritics and lower-cased: how desk compares words people typed
  /// ("НЕ РАБОТАЕТ" is "не работает", "Relatório" is "relatorio").
  static func folded(_ text: String) -> String { fold(text).lowercased() }

  static func words(_ text: String) -> [String] { wordSlices(text).map(String.init) }

  /// The words of a text (runs of letters and digits), where they are in it.
  static func wordSlices(_ text: String) -> [Substring] {
    text.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
  }
}
