import CGMime
import Foundation
import GRDB

/// One outgoing mail as desk decides it: who, what, and how it threads. GMime writes it
/// (Sources/CGMime/compose.c): it encodes names and the subject, folds headers, and chooses
/// quoted-printable and MIME parts; desk chooses every value that goes in.
struct OutgoingMail {
  var sender: Mailbox
  var recipient: Mailbox
  var replyTo: Mailbox?
  var subject: String
  var date: String
  /// The Message-ID without `<>`: the same on every retry of the outbox message.
  var mailID: String
  var inReplyTo: String?
  var references: [String]
  /// Headers desk adds as they are (ASCII it wrote itself).
  var headers: [(name: String, value: String)]
  var text: String
  var attachments: [(name: String, contentType: String, data: Data)]
  /// The envelope sender (sendmail -f, SMTP MAIL FROM); nil leaves it to the mail server.
  var envelope: EmailAddress?
}

extension Outbox {
  /// The mail of an outbox message. Every address is checked again here (old data), and every
  /// name and subject loses its control characters, so no customer text can add a recipient or a header.
  func mail(_ m: OutboxMessage) throws -> OutgoingMail {
    try desk.database.read { db in
      let settings = desk.settings
      let to: String?
      switch m.audience {
      case .customer: to = m.channel == "email" ? m.recipient : nil
      case .agent: to = try m.recipient.flatMap { try String.fetchOne(db, sql: "SELECT email FROM agent WHERE login = ?", arguments: [$0]) }
      case .team:
        let team = try settings.value(db, "notify.email")
        to = team.isEmpty ? nil : team
      }
      guard let to, !to.isEmpty else {
        throw DeskError.unavailable("no email address for \(m.recipient ?? m.audience.rawValue)")
      }
      let recipient = Mailbox(name: m.recipientName, address: try EmailAddress(to, "the recipient's address"))
      let sender = try Mailbox(parsing: try settings.value(db, "mail.from"), "mail.from", localDomain: true)
      let replyTo = try settings.value(db, "mail.reply-to")
      guard let mailID = try String.fetchOne(db, sql: "SELECT mail_id FROM outbox WHERE id = ?", arguments: [m.id]) else {
        throw DeskError.unavailable("outbox message \(m.id) has no Message-ID yet")
      }
      var subject = m.subject
      if m.event == "autoreply", m.audience == .customer, let ticket = m.ticketID,
        let original = try String.fetchOne(db, sql: "SELECT subject FROM ticket WHERE id = ?", arguments: [ticket])
      {
        // An acknowledgement answers the customer's mail: it keeps their subject, so it threads.
        subject = "Re: \(original) [#\(ticket)]"
      }
      var headers: [(String, String)] = []
      if m.automatic {
        // RFC 3834: acknowledgements answer a message; reminders and notifications are generated.
        // Precedence and X-Auto-Response-Suppress keep other robots (Exchange's out-of-office too) from answering.
        headers += [
          ("Auto-Submitted", m.event == "autoreply" ? "auto-replied" : "auto-generated"), ("Precedence", "bulk"),
          ("X-Auto-Response-Suppress", "All"),
        ]
      }
      if let ticket = m.ticketID { headers.append(("X-Desk-Ticket", "\(ticket)")) }
      let thread = try Outbox.thread(db, m)
      let attachments = try m.messageID.map {
        try Row.fetchAll(db, sql: "SELECT name, content_type, data FROM attachment WHERE message_id = ? ORDER BY id", arguments: [$0])
          .map { (name: $0["name"] as String, contentType: $0["content_type"] as String, data: $0["data"] as Data) }
      }
      let text = m.body.replacingOccurrences(of: "\r\n", with: "\n")
      return OutgoingMail(
        sender: sender, recipient: recipient,
        replyTo: replyTo.isEmpty ? nil : try Mailbox(parsing: replyTo, "mail.reply-to"),
        subject: subject, date: Outbox.rfc5322Date(m.createdAt), mailID: mailID, inReplyTo: thread.inReplyTo,
        references: thread.references, headers: headers, text: text.hasSuffix("\n") ? text : text + "\n",
        attachments: attachments ?? [], envelope: try Outbox.envelope(db, settings, sender: sender, outbox: m.id))
    }
  }

  /// The envelope sender: mail.envelope-from, with `+<outbox id>` after its local part when mail.verp
  /// is on (bounces then name the message they report); nil when neither is set.
  static func envelope(_ db: Database, _ settings: Settings, sender: Mailbox, outbox id: Int64) throws -> EmailAddress? {
    let configured = try settings.value(db, "mail.envelope-from")
    guard try settings.bool(db, "mail.verp") else {
      return configured.isEmpty ? nil : try EmailAddress(configured, "mail.envelope-from", localDomain: true)
    }
    let base = configured.isEmpty ? sender.address.text : configured
    guard let at = base.lastIndex(of: "@"), !base.hasPrefix("\"") else {
      return try EmailAddress(base, "mail.envelope-from", localDomain: true)
    }
    return try EmailAddress(base[..<at] + "+\(id)" + base[at...], "the VERP envelope sender", localDomain: true)
  }

  /// The outbox message a bounce's VERP address names: `LOCAL+42@DOMAIN` anywhere in `text` → 42, where
  /// LOCAL@DOMAIN is the address envelope(…) starts from (mail.envelope-from, else mail.from).
  static func verpID(_ db: Database, _ settings: Settings, in text: String) throws -> Int64? {
    let configured = try settings.value(db, "mail.envelope-from")
    let from = try settings.value(db, "mail.from")
    let base = configured.isEmpty ? (try? Mailbox(parsing: from, "mail.from", localDomain: true))?.address.text : configured
    guard let base, let at = base.lastIndex(of: "@") else { return nil }
    var rest = text[...]
    while let r = rest.range(of: base[..<at] + "+", options: .caseInsensitive) {
      let digits = rest[r.upperBound...].prefix { $0.isASCII && $0.isNumber }
      let before = rest[..<r.lowerBound].last
      let domain = rest[r.upperBound...].dropFirst(digits.count)
      if !digits.isEmpty, domain.lowercased().hasPrefix(base[at...].lowercased()),
        domain.dropFirst(base[at...].count).first.map({ !($0.isLetter || $0.isNumber || ".-".contains($0)) }) ?? true,
        before.map({ !($0.isLetter || $0.isNumber || ".+-_".contains($0)) }) ?? true
      {
        return Int64(digits)
      }
      rest = rest[r.upperBound...]
    }
    return nil
  }

  /// What the mail answers: the customer's last message that came by mail, and the ticket's chain
  /// of Message-IDs before it (the first and the last ten, as mail clients keep them).
  static func thread(_ db: Database, _ m: OutboxMessage) throws -> (inReplyTo: String?, references: [String]) {
    guard let ticket = m.ticketID else { return (nil, []) }
    let before = m.messageID ?? Int64.max
    let inReplyTo = try String.fetchOne(
      db,
      sql: """
        SELECT mail_id FROM message WHERE ticket_id = ? AND id < ? AND author_kind = 'customer' AND mail_id IS NOT NULL
        ORDER BY id DESC LIMIT 1
        """, arguments: [ticket, before])
    let chain = try String.fetchAll(
      db, sql: "SELECT mail_id FROM message WHERE ticket_id = ? AND id < ? AND mail_id IS NOT NULL ORDER BY id", arguments: [ticket, before])
    return (inReplyTo, chain.count > 11 ? [chain[0]] + chain.suffix(10) : chain)
  }

  /// A new Message-ID: 128 random bits and the domain of mail.from, so no two desks (or hosts) share one.
  static func newMailID(_ db: Database, _ settings: Settings) throws -> String {
    let from = try Mailbox(parsing: try settings.value(db, "mail.from"), "mail.from", localDomain: true).address.text
    let domain = from.lastIndex(of: "@").map { String(from[from.index(after: $0)...]) } ?? "localhost"
    var random = SystemRandomNumberGenerator()
    // Two base-36 numbers of 13 digits each (zero-padded): every Message-ID has one length.
    func part() -> String {
      let digits = String(random.next() as UInt64, radix: 36)
      return String(repeating: "0", count: 13 - digits.count) + digits
    }
    let bits = part() + "." + part()
    return "desk.\(bits)@\(domain)"
  }

  static func rfc5322Date(_ t: Timestamp) -> String {
    let (y, m, d, hh, mm, ss) = CivilTime.utcFields(t.seconds)
    let days = Int(t.seconds >= 0 ? t.seconds / 86400 : (t.seconds - 86399) / 86400)
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
    return String(format: "%@, %02d %@ %04d %02d:%02d:%02d +0000", weekday, d, month, y, hh, mm, ss)
  }
}

extension OutgoingMail {
  /// The RFC 5322 bytes, lines ended by LF (for sendmail) or CRLF (for SMTP).
  func composed(crlf: Bool = false) throws -> Data {
    try GMime.load()
    func name(_ box: Mailbox?) -> String? { box?.name.map { MailHeader.clean($0).trimmingCharacters(in: .whitespaces) } }
    // C strings that live until the message is written.
    var owned: [UnsafeMutablePointer<CChar>] = []
    defer { owned.forEach { free($0) } }
    func c(_ s: String?) -> UnsafePointer<CChar>? {
      guard let s, let p = strdup(s) else { return nil }
      owned.append(p)
      return UnsafePointer(p)
    }
    func bytes(_ data: Data) -> UnsafeRawPointer? {
      guard let p = malloc(max(data.count, 1))?.assumingMemoryBound(to: CChar.self) else { return nil }
      data.withUnsafeBytes { _ = memcpy(p, $0.baseAddress ?? UnsafeRawPointer(p), data.count) }
      owned.append(p)
      return UnsafeRawPointer(p)
    }
    let refs = references.map { c($0) }
    let extra = headers.map { desk_compose_header(name: c($0.name), value: c($0.value)) }
    let files = attachments.map {
      desk_compose_attachment(filename: c($0.name), content_type: c($0.contentType), data: bytes($0.data), size: $0.data.count)
    }
    return try refs.withUnsafeBufferPointer { refs in
      try extra.withUnsafeBufferPointer { extra in
        try files.withUnsafeBufferPointer { files in
          var mail = desk_compose_message(
            from_name: c(name(sender)), from_address: c(sender.address.text), to_name: c(name(recipient)),
            to_address: c(recipient.address.text), reply_to_name: c(name(replyTo)), reply_to_address: c(replyTo?.address.text),
            subject: c(MailHeader.clean(subject)), date: c(date), message_id: c(mailID), in_reply_to: c(inReplyTo),
            references: refs.baseAddress, reference_count: refs.count, headers: extra.baseAddress, header_count: extra.count,
            text: c(text), attachments: files.baseAddress, attachment_count: files.count, crlf: crlf ? 1 : 0)
          var length = 0
          var why = [CChar](repeating: 0, count: 256)
          guard let composed = desk_compose_mail(&mail, &length, &why, why.count) else {
            throw DeskError.unavailable(String(cString: why))
          }
          defer { desk_compose_free(composed) }
          return Data(bytes: composed, count: length)
        }
      }
    }
  }
}

/// Header text desk writes: never a control character that could end the header.
enum MailHeader {
  /// `value` with every C0 and C1 control (CR, LF, tab, NEL…) and line separator a space.
  static func clean(_ value: String) -> String {
    String(
      String.UnicodeScalarView(
        value.unicodeScalars.map {
          TextRules.isControl($0) || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
        }))
  }

  /// An RFC 5322 quoted-string: `Kim, Olga "K"` → `"Kim, Olga \"K\""`.
  static func quoted(_ text: String) -> String {
    "\"" + clean(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }
}
