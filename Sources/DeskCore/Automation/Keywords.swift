/// An `--if-text` keyword: whole words, at word boundaries (letters and digits by Unicode
/// properties), case- and accent-insensitive; a trailing `*` makes its last word a prefix
/// (`зарплат*`, `import*`). A keyword of several words matches them in a row.
struct Keyword: Equatable {
  let source: String
  let words: [String]
  let prefix: Bool

  init(_ raw: String) throws {
    let trimmed = raw.trimmingCharacters(in: .whitespaces)
    prefix = trimmed.hasSuffix("*")
    let body = prefix ? String(trimmed.dropLast()) : trimmed
    words = FullText.words(FullText.folded(body))
    guard !words.isEmpty, !body.contains("*") else {
      throw DeskError.invalidInput(
        "'\(raw)' is not a keyword: give words, with at most a trailing * for a prefix", hint: "e.g. --if-text \"salary,import*,зарплат*\"")
    }
    source = trimmed
  }

  /// The words of `text` it matches, as they are written there, or nil.
  func match(in text: KeywordText) -> String? {
    let n = words.count
    guard text.folded.count >= n else { return nil }
    for start in 0...(text.folded.count - n) {
      let matches = (0..<n).allSatisfy { i in
        let word = text.folded[start + i]
        return prefix && i == n - 1 ? word.hasPrefix(words[i]) : word == words[i]
      }
      if matches { return String(text.text[text.original[start].startIndex..<text.original[start + n - 1].endIndex]) }
    }
    return nil
  }
}

/// A text split into words once, to be tried against every keyword of every rule.
struct KeywordText {
  let text: String
  let original: [Substring]
  let folded: [String]

  init(_ text: String) {
    self.text = text
    original = FullText.wordSlices(text)
    folded = original.map { FullText.folded(String($0)) }
  }
}
