import Crypto
import Foundation
import GRDB

/// What `desk mail ingest` did with one mail.
public struct MailIngestResult: Sendable {
  public enum Outcome: String, Sendable {
    /// A person's mail that opened a ticket, or joined one.
    case created, appended
    /// Taken in before (the same Message-ID): nothing done again.
    case duplicate
    /// Sent by a machine (an auto-reply, a list, a report): recorded, never answered.
    case automatic
    /// A delivery status notification about mail desk sent.
    case bounce
    /// desk's own mail come back: dropped.
    case loop
    /// A mail that can never be taken (too large, no sender to answer): kept in the dead-letter Maildir.
    case refused
  }
  public var outcome: Outcome
  /// The Message-ID without <>, or `sha256:…` of a mail without one.
  public var mailID: String
  public var ticket: Int64?
  public var message: Int64?
  public var customer: Int64?
  /// The outbox message a bounce reported.
  public var outbox: Int64?
  /// Why it was automatic, a bounce's diagnostic code, why it was refused.
  public var detail: String?
  /// Where a refused mail was kept.
  public var deadLetter: String?
}

/// Raw mail in (`desk mail ingest`): one RFC 5322 message, parsed with GMime, becomes a ticket
/// message, or is recorded as automatic, a bounce or a loop, or is refused into the dead-letter
/// Maildir — each mail one transaction, recognised by its Message-ID when it comes again.
public struct MailIn {
  let desk: Desk

  /// The mail as the mail server handed it; `recipient` is the envelope recipient (a VERP bounce address).
  public func ingest(_ raw: Data, recipient: String? = nil) throws -> MailIngestResult {
    let (maxBytes, attachmentMax, deadLetter, from) = try desk.database.read { db in
      (
        try desk.settings.integer(db, "mail.max-bytes"), try desk.settings.integer(db, "attachment.max-bytes"),
        try desk.settings.value(db, "mail.dead-letter"), try desk.settings.value(db, "mail.from")
      )
    }
    let digest = "sha256:" + SHA256.hash(data: raw).map { String(format: "%02x", $0) }.joined()
    if raw.count > min(maxBytes, attachmentMax) {
      let limit = raw.count > maxBytes ? "mail.max-bytes" : "attachment.max-bytes"
      return try refuse(
        raw, id: digest, because: "the mail is \(raw.count) bytes; \(limit) is \(min(maxBytes, attachmentMax))", into: deadLetter)
    }
    guard let mail = try InboundMail.parse(raw) else {
      return try refuse(raw, id: digest, because: "no mail message could be read", into: deadLetter)
    }
    let id = mail.messageID.flatMap { $0.isEmpty ? nil : String($0.prefix(500)) } ?? digest
    // The same check ticket ingest makes: an address it would refuse is refused here, with the mail kept.
    guard let sender = mail.fromAddress.flatMap({ try? EmailAddress($0).text }) else {
      // Bounces and other machines' mail often come from the null sender: no answer is needed.
      let own = (try? Mailbox(parsing: from, "mail.from", localDomain: true).address.text.lowercased()) ?? ""
      if MailIn.isDeliveryReport(mail) || MailIn.automaticKind(mail, deskAddress: own) != nil {
        return try record(mail, raw: raw, id: id, recipient: recipient, from: from)
      }
      return try refuse(
        raw, id: id, because: mail.fromAddress.map { "the sender '\($0)' is not an address desk can answer" } ?? "the mail has no sender (From)",
        into: deadLetter)
    }
    return try record(mail, raw: raw, id: id, recipient: recipient, from: from, sender: sender)
  }

  private func record(
    _ mail: InboundMail, raw: Data, id: String, recipient: String?, from: String, sender: String? = nil
  ) throws -> MailIngestResult {
    try desk.database.write { db in
      if let seen = try Row.fetchOne(
        db, sql: "SELECT ticket_id, message_id, outbox_id FROM mail_in WHERE mail_id = ?", arguments: [id])
      {
        return MailIngestResult(
          outcome: .duplicate, mailID: id, ticket: seen["ticket_id"], message: seen["message_id"], outbox: seen["outbox_id"])
      }
      if let seen = try Row.fetchOne(db, sql: "SELECT id, ticket_id FROM message WHERE mail_id = ? LIMIT 1", arguments: [id]) {
        return MailIngestResult(outcome: .duplicate, mailID: id, ticket: seen["ticket_id"], message: seen["id"])
      }
      var result: MailIngestResult
      let own = try Mailbox(parsing: from, "mail.from", localDomain: true).address.text.lowercased()
      let kind = MailIn.automaticKind(mail, deskAddress: own)
      let ours = try ownAddresses(db)
      if let sender, try isOwn(db, sender, ours) {
        result = MailIngestResult(outcome: .loop, mailID: id, detail: "from desk's own address \(sender.lowercased())")
      } else if kind == AutomaticMail.Kind.loop.rawValue {
        result = MailIngestResult(outcome: .loop, mailID: id, detail: "X-Loop")
      } else if MailIn.isDeliveryReport(mail) {
        result = try bounce(db, mail, id: id, recipient: recipient)
      } else if let sender, let agent = try agent(db, sender), let thread = try thread(db, mail),
        try Ticket.fetch(db, id: thread.ticket).status != .closed
      {
        result = try agentMail(db, mail, raw: raw, id: id, agent: agent, ticket: thread.ticket, notice: thread.notice)
      } else if let kind {
        result = try automatic(db, mail, raw: raw, id: id, sender: sender, kind: kind)
      } else if let sender {
        result = try person(db, mail, raw: raw, id: id, sender: sender, own: ours)
      } else {
        throw DeskError.unexpected("a mail without a sender reached the ticket path")
      }
      try db.execute(
        sql: """
          INSERT INTO mail_in(mail_id, received_at, outcome, sender, subject, ticket_id, message_id, outbox_id, detail)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          id, desk.clock.now, result.outcome.rawValue, sender ?? mail.fromAddress, mail.subject.map { String($0.prefix(500)) },
          result.ticket, result.message, result.outbox, result.detail,
        ])
      return result
    }
  }

  /// A person wrote: the message joins the ticket it answers (by In-Reply-To/References, else `[#N]`
  /// from someone on the ticket's thread), or opens one; the original mail is kept as its attachment
  /// `original.eml`, the other people it was sent to become the ticket's participants.
  private func person(
    _ db: Database, _ mail: InboundMail, raw: Data, id: String, sender: String, own: Set<String>
  ) throws -> MailIngestResult {
    var request = IngestRequest(channel: "email")
    request.email = sender
    request.name = mail.fromName.map(Tickets.oneLine).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
    request.subject = mail.subject
    let thread = try thread(db, mail)
    request.ticket = thread?.ticket
    if let thread {
      request.joinsAs = thread.answered ? .answered : try Tickets.participation(db, ticket: thread.ticket, email: sender)
    }
    var seen: Set<String> = [sender.lowercased()]
    for address in mail.recipients.prefix(100) {
      guard let valid = try? EmailAddress(address).text, seen.insert(valid.lowercased()).inserted, try !isOwn(db, valid, own) else { continue }
      request.copied.append(valid)
    }
    request.joinsLatestTicket = false
    let limit = try desk.settings.integer(db, "attachment.max-bytes")
    // A file over the limit stays in the original mail, which is always kept.
    let files = mail.files.filter { $0.data.count <= limit } + [MailIn.original(raw)]
    let text = MailIn.reply(mail.bodyText)
    let body = try MailIn.fit(text.shown, maxBytes: try desk.settings.integer(db, "message.max-bytes"))
    let r = try desk.tickets.ingest(db, request, attachments: files, body: body)
    try keep(db, message: r.messageID, mailID: id, quoted: text.quoted)
    return MailIngestResult(
      outcome: r.created ? .created : .appended, mailID: id, ticket: r.ticket.id, message: r.messageID, customer: r.customerID)
  }

  /// A mail's text split into the reply shown and the history it quoted (nil when nothing was cut,
  /// or when the mail is nothing but quotation: then all of it is shown).
  static func reply(_ text: String) -> (shown: String, quoted: String?) {
    let (shown, quoted) = QuotedReply.split(text)
    let reply = shown.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reply.isEmpty, !quoted.isEmpty else { return (text, nil) }
    return (reply, quoted.trimmingCharacters(in: .newlines))
  }

  /// Marks a ticket message as the mail it came from (its Message-ID, for threading and duplicates)
  /// and keeps the quoted history cut from its text.
  private func keep(_ db: Database, message: Int64, mailID: String, quoted: String?) throws {
    let limit = try desk.settings.integer(db, "message.max-bytes")
    try db.execute(
      sql: "UPDATE message SET mail_id = ?, quoted = ? WHERE id = ?",
      arguments: [mailID, try quoted.map { try MailIn.fit($0, maxBytes: limit) }, message])
  }

  /// Whether an address is one of desk's own: a loop when mail comes from it, never a participant.
  private func isOwn(_ db: Database, _ address: String, _ own: Set<String>) throws -> Bool {
    try own.contains(address.lowercased()) || Outbox.verpID(db, desk.settings, in: address) != nil
  }

  /// desk's addresses, lower-cased: mail.from, mail.reply-to, mail.envelope-from and mail.addresses.
  private func ownAddresses(_ db: Database) throws -> Set<String> {
    var own = Set<String>()
    for key in ["mail.from", "mail.reply-to"] {
      if let box = try? Mailbox(parsing: try desk.settings.value(db, key), key, localDomain: true) { own.insert(box.address.text.lowercased()) }
    }
    let others = try desk.settings.value(db, "mail.envelope-from") + "," + desk.settings.value(db, "mail.addresses")
    for address in others.split(separator: ",") { own.insert(address.trimmingCharacters(in: .whitespaces).lowercased()) }
    return own
  }

  /// The active agent whose address (`desk agent edit --email`) sent the mail.
  private func agent(_ db: Database, _ sender: String) throws -> Actor? {
    try Row.fetchOne(db, sql: "SELECT id, login, role FROM agent WHERE lower(email) = lower(?) AND active = 1", arguments: [sender])
      .map { Actor(login: $0["login"], agentID: $0["id"], role: $0["role"]) }
  }

  /// An agent answered a ticket from their mailbox: their public reply, sent on to the customer
  /// through the outbox; `#note` as the first line makes it an internal note instead, and so does
  /// answering a notice desk sent the team (an SLA warning, a bounce): that never reaches the customer.
  private func agentMail(
    _ db: Database, _ mail: InboundMail, raw: Data, id: String, agent: Actor, ticket number: Int64, notice: Bool
  ) throws -> MailIngestResult {
    let text = MailIn.reply(mail.bodyText)
    var body = text.shown
    var visibility = notice ? Visibility.internal : .public
    if let first = body.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first,
      first.trimmingCharacters(in: .whitespaces).lowercased() == "#note"
    {
      visibility = .internal
      body = String(body.dropFirst(first.count)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    body = try MailIn.fit(body, maxBytes: try desk.settings.integer(db, "message.max-bytes"))
    let limit = try desk.settings.integer(db, "attachment.max-bytes")
    let tickets = desk.tickets
    let ctx = Tickets.Context(db: db, actor: agent.login, actorAgent: agent, now: desk.clock.now)
    let ticket = try Ticket.fetch(db, id: number)
    let message = try tickets.addMessage(
      ctx, ticket: number, author: .agent(agent), visibility: visibility, channel: ticket.channel, body: body,
      attachments: mail.files.filter { $0.data.count <= limit } + [MailIn.original(raw)])
    if visibility == .public {
      if ticket.firstReplyAt == nil {
        try db.execute(sql: "UPDATE ticket SET first_reply_at = ? WHERE id = ?", arguments: [ctx.now, number])
      }
      if ticket.status == .new { _ = try tickets.move(ctx, ticket, to: .open) }
    }
    try tickets.finish(ctx)
    try keep(db, message: message, mailID: id, quoted: text.quoted)
    return MailIngestResult(outcome: .appended, mailID: id, ticket: number, message: message, detail: visibility == .internal ? "note by \(agent.login)" : "reply by \(agent.login)")
  }

  /// An auto-reply, a list's mail, a report: kept on the ticket it answers when it is the sender's, as an
  /// automatic message that neither reopens the ticket nor waits for an answer; otherwise only recorded.
  private func automatic(
    _ db: Database, _ mail: InboundMail, raw: Data, id: String, sender: String?, kind: String
  ) throws -> MailIngestResult {
    var result = MailIngestResult(outcome: .automatic, mailID: id, detail: kind)
    guard let sender, let ticket = try thread(db, mail)?.ticket,
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT t.status, t.waiting_message_id, t.waiting_since, c.id AS customer FROM ticket t JOIN customer c ON c.id = t.customer_id
          WHERE t.id = ? AND lower(c.email) = lower(?) AND t.status != 'closed' AND t.merged_into IS NULL
          """, arguments: [ticket, sender])
    else { return result }
    var request = IngestRequest(channel: "email")
    request.email = sender
    request.ticket = ticket
    request.automatic = true
    let body = try MailIn.fit(mail.bodyText, maxBytes: try desk.settings.integer(db, "message.max-bytes"))
    let r = try desk.tickets.ingest(db, request, attachments: [MailIn.original(raw)], body: body)
    try keep(db, message: r.messageID, mailID: id, quoted: nil)
    // An auto-reply is not a question: what the unanswered alert waits on stays as it was.
    try db.execute(
      sql: "UPDATE ticket SET waiting_message_id = ?, waiting_since = ? WHERE id = ?",
      arguments: [row["waiting_message_id"] as Int64?, row["waiting_since"] as String?, ticket])
    result.ticket = ticket
    result.message = r.messageID
    result.customer = row["customer"]
    return result
  }

  /// A delivery status notification: the outbox message it reports (by the original Message-ID, the
  /// Original-Envelope-Id, or the VERP recipient Outbox.envelope wrote) is marked bounced with the diagnostic
  /// code, and the ticket's assignee (or the team) is told. No ticket, no customer.
  private func bounce(_ db: Database, _ mail: InboundMail, id: String, recipient: String?) throws -> MailIngestResult {
    let report = MailIn.deliveryFields(mail.parts.filter { $0.kind == .deliveryStatus }.map(\.text).joined(separator: "\n\n"))
    let diagnostic = (report["diagnostic-code"] ?? report["status"]).map { String(Tickets.oneLine($0).prefix(500)) }
    var candidates: [String] = []
    for part in mail.parts where part.kind == .originalHeaders {
      if let original = (try? InboundMail.parse(part.data)) ?? nil, let mid = original.messageID { candidates.append(mid) }
    }
    if let envelope = report["original-envelope-id"] { candidates.append(MailIn.bare(envelope)) }
    var outbox = try candidates.lazy.compactMap {
      try Int64.fetchOne(db, sql: "SELECT id FROM outbox WHERE mail_id = ?", arguments: [$0])
    }.first
    if outbox == nil {
      let addresses: [String?] = [recipient, mail.header("To"), mail.header("X-Original-To"), mail.header("Delivered-To")]
      outbox = try addresses.compactMap { try $0.flatMap { try Outbox.verpID(db, desk.settings, in: $0) } }.first.flatMap {
        try Int64.fetchOne(db, sql: "SELECT id FROM outbox WHERE id = ?", arguments: [$0])
      }
    }
    var result = MailIngestResult(outcome: .bounce, mailID: id, outbox: outbox, detail: diagnostic)
    guard let outbox, let row = try Row.fetchOne(
      db, sql: "SELECT o.ticket_id, o.recipient, t.assignee_id FROM outbox o LEFT JOIN ticket t ON t.id = o.ticket_id WHERE o.id = ?",
      arguments: [outbox])
    else { return result }
    try db.execute(
      sql: "UPDATE outbox SET state = 'bounced', last_error = ?, claimed_by = NULL WHERE id = ?",
      arguments: [diagnostic ?? "bounced", outbox])
    let ticket: Int64? = row["ticket_id"]
    result.ticket = ticket
    let assignee = try (row["assignee_id"] as Int64?).flatMap {
      try String.fetchOne(db, sql: "SELECT login FROM agent WHERE id = ? AND active = 1", arguments: [$0])
    }
    let to: String = row["recipient"] ?? "the customer"
    try desk.outbox.notify(
      db, login: assignee, event: "outbox.bounced", ticket: ticket,
      subject: "Mail to \(to) bounced" + (ticket.map { " [#\($0)]" } ?? ""),
      body: "Outbox message \(outbox)\(ticket.map { " of ticket \($0)" } ?? "") to \(to) could not be delivered: \(diagnostic ?? "no reason given").\n",
      dedupeKey: "bounce:\(outbox)", now: desk.clock.now)
    return result
  }

  /// The ticket a mail answers: a Message-ID it refers to that desk took in or sent for a ticket, newest
  /// reference first (`answered`; `notice` when it is a notification desk sent an agent or the team);
  /// else `[#N]` in the subject.
  private func thread(_ db: Database, _ mail: InboundMail) throws -> (ticket: Int64, answered: Bool, notice: Bool)? {
    for ref in mail.references.reversed() {
      if let t = try Int64.fetchOne(db, sql: "SELECT ticket_id FROM message WHERE mail_id = ? LIMIT 1", arguments: [ref]) {
        return (t, true, false)
      }
      if let row = try Row.fetchOne(
        db, sql: "SELECT ticket_id, audience FROM outbox WHERE mail_id = ? AND ticket_id IS NOT NULL", arguments: [ref])
      {
        return (row["ticket_id"], true, (row["audience"] as String) != OutboxMessage.Audience.customer.rawValue)
      }
    }
    return Tickets.subjectReference(mail.subject).map { ($0, false, false) }
  }

  private func refuse(_ raw: Data, id: String, because why: String, into folder: String) throws -> MailIngestResult {
    let dir = folder.isEmpty
      ? URL(fileURLWithPath: desk.database.path).deletingLastPathComponent().appendingPathComponent("dead-letter").path : folder
    let path = try Maildir.deliver(raw, to: dir)
    return MailIngestResult(outcome: .refused, mailID: id, detail: why, deadLetter: path)
  }

  /// Why a machine sent the mail (its headers, an out-of-office subject, a report), or nil: a person wrote it.
  static func automaticKind(_ mail: InboundMail, deskAddress: String) -> String? {
    if let kind = AutomaticMail.kind(headers: mail.headers, subject: mail.subject ?? "", deskAddress: deskAddress) { return kind.rawValue }
    return mail.contentType == "multipart/report" ? "report" : nil
  }

  static func isDeliveryReport(_ mail: InboundMail) -> Bool {
    mail.contentType == "multipart/report" && mail.reportType?.lowercased() == "delivery-status"
  }

  static func original(_ raw: Data) -> AttachmentInput {
    AttachmentInput(name: "original.eml", contentType: "message/rfc822", data: raw)
  }

  /// The text, cut at a character boundary to fit the body limit (the original mail keeps all of it).
  static func fit(_ text: String, maxBytes: Int) throws -> String {
    var text = text.replacingOccurrences(of: "\0", with: "")
    guard text.utf8.count > maxBytes else { return text }
    let note = "\n\n[cut: the whole text is in original.eml]"
    var cut = text.utf8.prefix(max(0, maxBytes - note.utf8.count))
    while !cut.isEmpty, String(bytes: cut, encoding: .utf8) == nil { cut = cut.dropLast() }
    text = String(decoding: cut, as: UTF8.self) + note
    return text
  }

  static func bare(_ id: String) -> String {
    id.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
  }

  /// The fields of a message/delivery-status body (RFC 3464), lower-cased names, the first of each.
  static func deliveryFields(_ text: String) -> [String: String] {
    var fields: [String: String] = [:]
    var last: String?
    for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
      if let first = line.first, first == " " || first == "\t", let key = last {
        fields[key]? += " " + line.trimmingCharacters(in: .whitespaces)
        continue
      }
      guard let colon = line.firstIndex(of: ":") else {
        last = nil
        continue
      }
      let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      if fields[key] == nil {
        fields[key] = value
        last = key
      } else {
        last = nil
      }
    }
    return fields
  }
}
