import Foundation

/// Where a customer's reply ends and the history their mail client quoted (or their signature)
/// begins. The rules follow talon (mailgun) and Zammad: a cut happens at an attribution line
/// ("On … wrote:" and its translations), an Outlook header block ("From: … Sent: … To: …"), an
/// "-----Original Message-----" line, a trailing block of `>` lines, or a signature after "-- ";
/// nothing is cut when the customer answered between the quoted lines.
enum QuotedReply {
  /// The text split at the first cut: `shown + quoted` is always the whole `text`.
  static func split(_ text: String) -> (shown: String, quoted: String) {
    let lines = Line.split(text)
    guard let cut = cutLine(lines) else { return (text, "") }
    // Blank lines before the cut go with the quoted part, so that what is shown ends with its last words.
    var start = cut
    while start > 0, lines[start - 1].isBlank { start -= 1 }
    let at = lines[start].range.lowerBound
    return (String(text[..<at]), String(text[at...]))
  }

  /// The index of the first line that is no longer the customer's reply, or nil.
  private static func cutLine(_ lines: [Line]) -> Int? {
    let signature = lines.firstIndex { $0.isSignatureSeparator }
    let end = signature ?? lines.count
    for i in 0..<end {
      if let length = attributionLength(lines, at: i) {
        // An inline or bottom-posted answer (a quoted line, then the customer's own text) is all shown.
        return answeredBelow(lines, after: i + length) ? signature : i
      }
      if isOriginalMessage(String(lines[i].content)) || isHeaderBlock(lines, at: i) {
        // Outlook's separator line of underscores belongs to the quoted part.
        return i > 0 && lines[i - 1].content.wholeMatch(of: #/\s*[_-]{10,}\s*/#) != nil ? i - 1 : i
      }
    }
    return trailingQuote(lines, before: end) ?? signature
  }

  // MARK: - Attributions: Gmail, Thunderbird, Apple Mail, Yandex, Mail.ru, Outlook.com in en/ru/uk/pt/de

  /// How many lines the attribution at `i` spans (clients wrap a long one onto a second line), or nil.
  private static func attributionLength(_ lines: [Line], at i: Int) -> Int? {
    let first = lines[i].content.trimmingCharacters(in: .whitespaces)
    guard !first.isEmpty, !first.hasPrefix(">") else { return nil }
    if isAttribution(first) { return 1 }
    guard i + 1 < lines.count, !lines[i + 1].isBlank, !first.hasSuffix(":") else { return nil }
    return isAttribution(first + " " + lines[i + 1].content.trimmingCharacters(in: .whitespaces)) ? 2 : nil
  }

  /// An attribution names a date with a time and ends with a verb of writing, or with the sender's
  /// `<address>:` (Gmail in Russian, Yandex and Mail.ru write no verb).
  static func isAttribution(_ line: String) -> Bool {
    guard line.count <= 300, line.hasSuffix(":"),
      line.contains(#/\b\d{1,2}:\d{2}\b/#),
      line.contains(#/\d{4}|\b\d{1,2}[.\/-]\d{1,2}[.\/-]\d{2,4}\b/#)
    else { return false }
    return line.contains(writingVerb) || line.contains(#/>\s*:$/#)
  }

  private static let writingVerb =
    #/(?i)(wrote|writes|sent|schrieb|a écrit|escreveu|escribió|scritto|пишет|пише|написал|написала|написали|написав):$/#

  // MARK: - Outlook

  /// `-----Original Message-----` and its translations.
  static func isOriginalMessage(_ line: String) -> Bool {
    line.wholeMatch(of: originalMessage) != nil
  }

  private static let originalMessage =
    #/(?i)\s*-{2,}\s*(original message|reply message|исходное сообщение|оригинальное сообщение|исходное письмо|оригінальне повідомлення|вихідне повідомлення|mensagem original|ursprüngliche nachricht)\s*-{2,}\s*/#

  /// Outlook's quoted header block: a From line followed, within the next four lines, by a Sent/Date
  /// line and a To/Subject line. A lone "From: Moscow" in a customer's prose is not one.
  static func isHeaderBlock(_ lines: [Line], at i: Int) -> Bool {
    guard lines[i].content.prefixMatch(of: fromField) != nil else { return false }
    let next = lines[(i + 1)..<min(lines.count, i + 5)].map(\.content)
    return next.contains { $0.prefixMatch(of: sentField) != nil } && next.contains { $0.prefixMatch(of: toField) != nil }
  }

  private static let fromField = #/\s*\*?(From|От|Від|De|Von|Od)\*?\s?:\*?\s*\S/#
  private static let sentField =
    #/\s*\*?(Sent|Date|Отправлено|Дата|Надіслано|Відправлено|Enviado|Enviada|Data|Gesendet|Datum)\*?\s?:/#
  private static let toField = #/\s*\*?(To|Cc|Subject|Кому|Копия|Тема|Копія|Para|Assunto|An|Betreff)\*?\s?:/#

  // MARK: - `>` lines

  /// The first line of a block of `>` lines that runs to `end` (blank lines allowed), when the block
  /// has at least three quoted lines: fewer is a customer quoting one line ("> 5 items"), as talon has it.
  private static func trailingQuote(_ lines: [Line], before end: Int) -> Int? {
    var first: Int?
    var quoted = 0
    for i in stride(from: end - 1, through: 0, by: -1) {
      if lines[i].isBlank { continue }
      guard lines[i].isQuoted else { break }
      first = i
      quoted += 1
    }
    return quoted >= 3 ? first : nil
  }

  /// Whether the customer wrote text of their own below a quoted line after `start`.
  private static func answeredBelow(_ lines: [Line], after start: Int) -> Bool {
    var sawQuote = false
    for line in lines[min(start, lines.count)...] {
      if line.isSignatureSeparator { return false }
      if line.isQuoted {
        sawQuote = true
      } else if sawQuote, !line.isBlank {
        return true
      }
    }
    return false
  }

  /// One line of the text: where it lies (its line break included) and its content without the break.
  struct Line {
    let range: Range<String.Index>
    let content: Substring

    var isBlank: Bool { content.allSatisfy(\.isWhitespace) }
    var isQuoted: Bool { content.first == ">" }
    /// RFC 3676's "-- " (and "--", as clients that trim trailing spaces send it).
    var isSignatureSeparator: Bool { content == "-- " || content == "--" }

    /// The lines of `text`; a CRLF pair is one Character, so it ends a line as "\n" does.
    static func split(_ text: String) -> [Line] {
      var lines: [Line] = []
      var start = text.startIndex
      var i = text.startIndex
      while i < text.endIndex {
        let c = text[i]
        let next = text.index(after: i)
        if c.isNewline {
          lines.append(Line(range: start..<next, content: text[start..<i]))
          start = next
        }
        i = next
      }
      if start < text.endIndex { lines.append(Line(range: start..<text.endIndex, content: text[start...])) }
      return lines
    }
  }
}
