import Crypto
import Foundation
import GRDB

/// A file handed to desk to keep with a ticket.
public struct AttachmentInput: Sendable {
  public var name: String
  public var contentType: String?
  public var data: Data
  public init(name: String, contentType: String? = nil, data: Data) {
    self.name = name
    self.contentType = contentType
    self.data = data
  }
}

/// Who wrote a message.
enum Author {
  case customer(id: Int64, name: String)
  case agent(Actor)
  case system
}

extension Tickets {
  /// Answers the customer on each ticket: a public message from the acting agent. A new
  /// ticket becomes open (or `status`, e.g. pending when the answer asks the customer something).
  /// `articles` (slugs or ids of knowledge-base articles) add a link to each, in the customer's
  /// language where the article has that translation; the body may then be empty.
  public func reply(
    _ ids: [Int64], body: String, articles: [String] = [], status: TicketStatus? = nil, attachments: [AttachmentInput] = []
  ) throws -> [Outcome] {
    try reply(ids, articles: articles, status: status, attachments: attachments) { _, _ in RenderedMessage(subject: "", body: body) }
  }

  /// Sends a template to each ticket's customer as the acting agent's reply.
  public func reply(
    _ ids: [Int64], template: String, articles: [String] = [], status: TicketStatus? = nil, attachments: [AttachmentInput] = []
  ) throws -> [Outcome] {
    try reply(ids, articles: articles, status: status, attachments: attachments) { ctx, ticket in
      try desk.templates.render(ctx.db, name: template, ticket: ticket, agentLogin: ctx.actor)
    }
  }

  private func reply(
    _ ids: [Int64], articles: [String], status: TicketStatus?, attachments: [AttachmentInput],
    text: (Context, Ticket) throws -> RenderedMessage
  ) throws -> [Outcome] {
    try eachTicket(ids) { ctx, ticket in
      guard ticket.status != .closed else { throw Tickets.transitionError(ticket, to: .open) }
      let agent = ctx.actorAgent!
      var message = try text(ctx, ticket)
      if !articles.isEmpty {
        let links = try desk.kb.links(ctx.db, articles, customer: ticket.customerID)
        let text = message.body.trimmingCharacters(in: .whitespacesAndNewlines)
        message.body = text.isEmpty ? links : text + "\n\n" + links
      }
      let id = try addMessage(
        ctx, ticket: ticket.id, author: .agent(agent), visibility: .public,
        channel: ticket.channel, body: message.body, attachments: attachments,
        outboxSubject: message.subject.isEmpty ? nil : message.subject)
      if ticket.firstReplyAt == nil {
        try ctx.db.execute(sql: "UPDATE ticket SET first_reply_at = ? WHERE id = ?", arguments: [ctx.now, ticket.id])
      }
      let target = status ?? (ticket.status == .new ? .open : ticket.status)
      let moved = try move(ctx, ticket, to: target)
      return Outcome(
        ticket: try Ticket.fetch(ctx.db, id: ticket.id), changed: true,
        summary: "replied (message \(id))" + (moved ? ", now \(target.rawValue)" : ""))
    }
  }

  /// An internal note: seen by agents only, never a response to the customer.
  public func note(_ ids: [Int64], body: String, attachments: [AttachmentInput] = []) throws -> [Outcome] {
    try eachTicket(ids) { ctx, ticket in
      let id = try addMessage(
        ctx, ticket: ticket.id, author: .agent(ctx.actorAgent!), visibility: .internal,
        channel: ticket.channel, body: body, attachments: attachments)
      return Outcome(ticket: try Ticket.fetch(ctx.db, id: ticket.id), changed: true, summary: "noted (message \(id))")
    }
  }

  /// Sends a template to the ticket's customer as an automatic public message.
  func sendTemplate(_ ctx: Context, ticket id: Int64, template: String, event: String, channel: String? = nil) throws {
    let ticket = try Ticket.fetch(ctx.db, id: id)
    let rendered = try desk.templates.render(ctx.db, name: template, ticket: ticket, agentLogin: nil)
    _ = try addMessage(
      ctx, ticket: id, author: .system, visibility: .public, channel: channel ?? ticket.channel, body: rendered.body,
      automatic: true, outboxEvent: event, outboxSubject: rendered.subject.isEmpty ? nil : rendered.subject, fetched: ticket)
  }

  /// Keeps files with a ticket without a message.
  public func attach(_ id: Int64, files: [AttachmentInput]) throws -> [Attachment] {
    guard !files.isEmpty else { throw DeskError.usage("no files given") }
    return try change { ctx in
      let ticket = try Ticket.fetch(ctx.db, id: id)
      let ids = try store(ctx, ticket: ticket.id, message: nil, files)
      try ctx.touch(ticket.id)
      return try ids.map { try fetchAttachment(ctx.db, $0) }
    }
  }

  /// Writes a message, its attachments and a history line; returns the message id.
  /// `fetched`: the ticket as the caller read it in this transaction, before the message.
  func addMessage(
    _ ctx: Context, ticket: Int64, author: Author, visibility: Visibility, channel: String,
    body: String, automatic: Bool = false, attachments: [AttachmentInput] = [],
    outboxEvent: String = "ticket.reply", outboxSubject: String? = nil, sendToCustomer: Bool = true, fetched: Ticket? = nil
  ) throws -> Int64 {
    let body = try TextRules.body(body, maxBytes: try desk.settings.integer(ctx.db, "message.max-bytes"))
    guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || !attachments.isEmpty else {
      throw DeskError.invalidInput("the message is empty", hint: "give a body, or attach a file")
    }
    let (kind, name, agentID, customerID): (AuthorKind, String, Int64?, Int64?) = {
      switch author {
      case .customer(let id, let name): return (.customer, name, nil, id)
      case .agent(let actor): return (.agent, actor.login, actor.agentID, nil)
      case .system: return (.system, "desk", nil, nil)
      }
    }()
    try ctx.db.cachedStatement(
      sql: """
        INSERT INTO message(ticket_id, author_kind, author_name, agent_id, customer_id, visibility, channel, body, automatic, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [ticket, kind, name, agentID, customerID, visibility, channel, body, automatic, ctx.now])
    let id = ctx.db.lastInsertedRowID
    _ = try store(ctx, ticket: ticket, message: id, attachments)
    if kind != .customer, visibility == .public, sendToCustomer {
      // What desk says in public goes to the customer, through the outbox, in this transaction.
      try desk.outbox.enqueueReply(
        ctx.db, ticket: try fetched ?? Ticket.fetch(ctx.db, id: ticket), messageID: id, body: body, now: ctx.now,
        automatic: kind == .system, event: outboxEvent, subject: outboxSubject, channel: channel)
    }
    if visibility == .public, kind == .customer {
      // Waiting for an answer: what unanswered alerts watch.
      try ctx.db.cachedStatement(sql: "UPDATE ticket SET waiting_message_id = ?, waiting_since = ? WHERE id = ?").execute(arguments: [id, ctx.now, ticket])
    } else if visibility == .public, kind == .agent {
      try ctx.db.cachedStatement(sql: "UPDATE ticket SET waiting_message_id = NULL, waiting_since = NULL WHERE id = ?").execute(arguments: [ticket])
    }
    let field = kind == .customer ? "customer message" : visibility == .internal ? "internal note" : "\(kind.rawValue) reply"
    try ctx.record(ticket, field, from: nil, to: "message \(id)")
    try ctx.touch(ticket)
    return id
  }

  func store(_ ctx: Context, ticket: Int64, message: Int64?, _ files: [AttachmentInput]) throws -> [Int64] {
    let limit = try desk.settings.integer(ctx.db, "attachment.max-bytes")
    return try files.map { file in
      let name = AttachmentName.safe(file.name)
      let original = name == file.name ? nil : String(file.name.prefix(1000))
      guard file.data.count <= limit else {
        throw DeskError.invalidInput(
          "\(name) is \(file.data.count) bytes; attachments may be at most \(limit)",
          hint: "raise attachment.max-bytes with desk config set")
      }
      let digest = SHA256.hash(data: file.data).map { String(format: "%02x", $0) }.joined()
      let type = file.contentType.flatMap { $0.isEmpty ? nil : $0 } ?? MediaType.guess(name)
      try ctx.db.execute(
        sql: """
          INSERT INTO attachment(ticket_id, message_id, name, original_name, content_type, size, sha256, data, created_at, created_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [ticket, message, name, original, type, file.data.count, digest, file.data, ctx.now, ctx.actor])
      let id = ctx.db.lastInsertedRowID
      try ctx.record(ticket, "attachment", from: nil, to: "\(name) (\(id))")
      return id
    }
  }

  func fetchAttachment(_ db: Database, _ id: Int64) throws -> Attachment {
    guard let row = try Row.fetchOne(db, sql: Attachment.selectSQL + " WHERE id = ?", arguments: [id]) else {
      throw DeskError.notFound("no attachment \(id)", hint: "desk ticket attachment list TICKET shows a ticket's files")
    }
    return Attachment(row: row)
  }

  /// One attachment's description and bytes.
  public func attachment(_ id: Int64) throws -> (Attachment, Data) {
    try desk.database.read { db in
      let info = try fetchAttachment(db, id)
      let data = try Data.fetchOne(db, sql: "SELECT data FROM attachment WHERE id = ?", arguments: [id]) ?? Data()
      return (info, data)
    }
  }

  public func attachments(of ticket: Int64) throws -> [Attachment] {
    try desk.database.read { db in
      _ = try Ticket.fetch(db, id: ticket)
      return try Row.fetchAll(db, sql: Attachment.selectSQL + " WHERE ticket_id = ? ORDER BY id", arguments: [ticket])
        .map(Attachment.init(row:))
    }
  }
}

/// A content type from a file name, for files handed over without one.
enum MediaType {
  static let byExtension: [String: String] = [
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
    "heic": "image/heic", "svg": "image/svg+xml", "pdf": "application/pdf", "txt": "text/plain", "log": "text/plain",
    "csv": "text/csv", "json": "application/json", "html": "text/html", "zip": "application/zip",
    "ogg": "audio/ogg", "oga": "audio/ogg", "opus": "audio/opus", "mp3": "audio/mpeg", "m4a": "audio/mp4",
    "wav": "audio/wav", "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm",
    "doc": "application/msword", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ]

  static func guess(_ name: String) -> String {
    byExtension[(name as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
  }
}
