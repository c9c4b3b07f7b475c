import CGMime
import Foundation

/// One RFC 5322 message as GMime read it (Sources/CGMime/parse.c): decoded headers, the sender, the
/// ids it threads by, and its leaves — body text, HTML, files, forwarded messages, a report's parts.
struct InboundMail {
  struct Part {
    enum Kind: Int32 {
      case text = 0, html, attachment, message, deliveryStatus, originalHeaders
    }
    var kind: Kind
    var contentType: String
    var filename: String?
    var contentID: String?
    var data: Data
    var text: String { String(decoding: data, as: UTF8.self) }
  }

  var headers: [(name: String, value: String)]
  var subject: String?
  var fromName: String?
  var fromAddress: String?
  /// Without the angle brackets.
  var messageID: String?
  /// In-Reply-To, then References.
  var references: [String]
  /// The addresses in To, then Cc.
  var recipients: [String]
  var contentType: String
  var reportType: String?
  var parts: [Part]
  /// Parts nested too deep, or too many, were left out (the original message keeps them).
  var tooDeep: Bool

  /// The first header of that name, case-insensitively.
  func header(_ name: String) -> String? {
    headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
  }

  /// Parses raw mail; nil when the bytes hold no message at all.
  static func parse(_ raw: Data) throws -> InboundMail? {
    try GMime.load()
    var why = [CChar](repeating: 0, count: 256)
    let bytes = raw.isEmpty ? Data([0]) : raw
    let parsed = bytes.withUnsafeBytes { buffer in
      desk_mail_parse(buffer.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count, &why, why.count)
    }
    guard let parsed else { return nil }
    defer { desk_mail_free(parsed) }
    let m = parsed.pointee
    func text(_ p: UnsafeMutablePointer<CChar>?) -> String? { p.map { String(cString: $0) } }
    let headers = (0..<m.header_count).map { i in
      (name: String(cString: m.headers[i].name), value: String(cString: m.headers[i].value))
    }
    let parts = (0..<m.part_count).map { i -> Part in
      let p = m.parts[i]
      return Part(
        kind: Part.Kind(rawValue: p.kind) ?? .attachment, contentType: text(p.content_type) ?? "application/octet-stream",
        filename: text(p.filename), contentID: text(p.content_id),
        data: p.size == 0 ? Data() : Data(bytes: p.data, count: p.size))
    }
    return InboundMail(
      headers: headers, subject: text(m.subject), fromName: text(m.from_name), fromAddress: text(m.from_address),
      messageID: text(m.message_id),
      references: text(m.references)?.split(separator: "\n").map(String.init) ?? [],
      recipients: text(m.recipients)?.split(separator: "\n").map(String.init) ?? [],
      contentType: text(m.content_type) ?? "text/plain", reportType: text(m.report_type), parts: parts,
      tooDeep: m.too_deep != 0)
  }

  /// The text a person reads: the text/plain parts, else the HTML ones made readable.
  var bodyText: String {
    let plain = parts.filter { $0.kind == .text }.map(\.text)
    let chosen = plain.isEmpty ? parts.filter { $0.kind == .html }.map { HTMLText.readable($0.text) } : plain
    return chosen.map { $0.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
      .filter { !$0.isEmpty }.joined(separator: "\n\n")
  }

  /// The files a person sent: attachments, inline images, forwarded messages (as .eml), and the HTML
  /// of a message that also had text/plain beside it in a mixed multipart.
  var files: [AttachmentInput] {
    let hasText = parts.contains { $0.kind == .text }
    var files: [AttachmentInput] = []
    for (i, part) in parts.enumerated() {
      switch part.kind {
      case .attachment:
        let name = part.filename ?? part.contentID.map { "\($0)" + InboundMail.suffix(part.contentType) } ?? "part-\(i + 1)" + InboundMail.suffix(part.contentType)
        files.append(AttachmentInput(name: name, contentType: part.contentType, data: part.data))
      case .message:
        let inner = (try? InboundMail.parse(part.data)) ?? nil
        let stem = inner?.subject.map { Tickets.oneLine($0) }.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) } ?? "message-\(i + 1)"
        files.append(AttachmentInput(name: stem + ".eml", contentType: "message/rfc822", data: part.data))
      case .html where hasText:
        files.append(AttachmentInput(name: "message-\(i + 1).html", contentType: "text/html", data: part.data))
      default: continue
      }
    }
    return files
  }

  /// `.png` for image/png: a file name for a part that has none.
  static func suffix(_ contentType: String) -> String {
    switch contentType {
    case "image/png": return ".png"
    case "image/jpeg": return ".jpg"
    case "image/gif": return ".gif"
    case "application/pdf": return ".pdf"
    case "text/plain": return ".txt"
    case "text/html": return ".html"
    case "text/calendar": return ".ics"
    default: return ".bin"
    }
  }
}
