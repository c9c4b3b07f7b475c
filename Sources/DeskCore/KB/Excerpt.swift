import Foundation

/// Titles and excerpts with the words that matched a search marked, made from the article's
/// own text (the index holds folded text only).
struct Excerpt {
  /// Folded, lower-cased prefixes; a word matches when its folded form starts with one.
  let terms: [String]
  var words = 24

  /// Every matching word of `text` marked.
  func marked(_ text: String) -> String {
    let spans = self.spans(text)
    return mark(text, spans, in: spans.indices, whole: true)
  }

  /// The stretch of `words` words with the most matches, marked, with "…" where text was cut.
  func snippet(_ text: String) -> String {
    let spans = self.spans(text)
    guard !spans.isEmpty else { return "" }
    var best = 0
    var bestScore = -1
    var start = 0
    while start < spans.count {
      let window = spans[start..<min(start + words, spans.count)]
      let score = Set(window.compactMap(\.term)).count * 100 + window.filter { $0.term != nil }.count
      if score > bestScore {
        bestScore = score
        best = start
      }
      // Windows that start on a match are the only ones worth trying.
      start += 1
      while start < spans.count, spans[start].term == nil { start += 1 }
    }
    // Begin a few words before the first match, for context.
    let first = max(0, min(best - 3, spans.count - words))
    let range = first..<min(first + words, spans.count)
    var out = mark(text, spans, in: range, whole: false)
    if range.lowerBound > 0 { out = "…" + out }
    if range.upperBound < spans.count {
      out += "…"
    } else {
      // The end of the text: its last punctuation too.
      out += text[spans[spans.count - 1].range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return out
  }

  private struct Span {
    var range: Range<String.Index>
    var term: String?
  }

  private func spans(_ text: String) -> [Span] {
    var spans: [Span] = []
    var i = text.startIndex
    while i < text.endIndex {
      guard text[i].isLetter || text[i].isNumber else {
        i = text.index(after: i)
        continue
      }
      var j = i
      while j < text.endIndex, text[j].isLetter || text[j].isNumber { j = text.index(after: j) }
      let word = FullText.fold(String(text[i..<j])).lowercased()
      spans.append(Span(range: i..<j, term: terms.first(where: { word.hasPrefix($0) })))
      i = j
    }
    return spans
  }

  /// The text from the first span of `range` to its last (all of it when `whole`), on one
  /// line, matches marked.
  private func mark(_ text: String, _ spans: [Span], in range: Range<Int>, whole: Bool) -> String {
    guard !range.isEmpty else { return text }
    var out = ""
    var cursor = whole ? text.startIndex : spans[range.lowerBound].range.lowerBound
    for span in spans[range] where span.term != nil {
      out += text[cursor..<span.range.lowerBound]
      out.append(ArticleHit.markStart)
      out += text[span.range]
      out.append(ArticleHit.markEnd)
      cursor = span.range.upperBound
    }
    out += text[cursor..<(whole ? text.endIndex : spans[range.upperBound - 1].range.upperBound)]
    return String(out.map { $0.isNewline || $0 == "\t" ? " " : $0 })
  }
}
