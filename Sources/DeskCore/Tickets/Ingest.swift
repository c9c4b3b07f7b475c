import Foundation
import GRDB

/// A message arriving from a gateway (mail, Telegram bot, widget). Built from flags or
/// decoded from one JSON object; field names are the JSON keys.
public struct IngestRequest: Decodable, Sendable {
  /// Any customer reference (`42`, an email, `telegram:@anna`, an account ID).
  public var customer: String?
  public var email: String?
  public var phone: String?
  /// A messenger handle; without `KIND:` the channel is the kind (`@anna` on telegram).
  public var handle: String?
  public var account: String?
  /// The customer's name, used when the customer is new.
  public var name: String?
  public var channel: String
  public var subject: String?
  /// The ticket the message answers, when the gateway knows it (a reply in a thread).
  public var ticket: Int64?
  public var body: String?
  /// An automatic message (an auto-reply, a bounce): desk never auto-answers one.
  public var automatic: Bool?
  /// Mail headers; `Auto-Submitted` other than `no` and `Precedence: bulk|junk|list|auto_reply` mark it automatic.
  public var headers: [String: String]?
  public var attachments: [IngestAttachment]?
  /// Files given as files rather than base64 (the command-line flags).
  public var files: [AttachmentInput] = []
  /// Whether a message that names no ticket joins the customer's latest open one (chat channels);
  /// mail sets it off: on email a new subject is a new request.
  var joinsLatestTicket = true
  /// Mail: why the sender may join `ticket` though it is not theirs (they answered its mail, were
  /// copied on it, or work where its customer works); they are recorded as its participant.
  var joinsAs: Participation?
  /// Mail: the other people the mail was sent to (To, Cc), recorded as the ticket's participants.
  var copied: [String] = []
  /// What a ticket this message opens starts with, when the gateway asked (the Telegram bot's topic).
  var opening = Opening()
  /// Telegram: the chat the ticket answers to, recorded before anything is sent to it (the acknowledgement).
  var telegramChat: Int64?

  struct Opening {
    var type: String?
    var tags: [String] = []
    var fields: [(String, String)] = []
  }

  enum CodingKeys: String, CodingKey {
    case customer, email, phone, handle, account, name, channel, subject, ticket, body, automatic, headers, attachments
  }

  public struct IngestAttachment: Decodable, Sendable {
    public var name: String
    public var contentType: String?
    /// Base64.
    public var data: String
    enum CodingKeys: String, CodingKey {
      case name
      case contentType = "content_type"
      case data
    }
  }

  public init(channel: String) { self.channel = channel }

  /// Whether the message was sent by a machine, from the flag or the mail headers.
  public var isAutomatic: Bool {
    if automatic == true { return true }
    for (key, value) in headers ?? [:] {
      let v = value.trimmingCharacters(in: .whitespaces).lowercased()
      switch key.lowercased() {
      case "auto-submitted" where v != "no" && !v.isEmpty: return true
      case "precedence" where ["bulk", "junk", "list", "auto_reply"].contains(v): return true
      case "x-autoreply", "x-autorespond": return true
      default: continue
      }
    }
    return false
  }
}

/// What ingest did.
public struct IngestResult: Sendable {
  public var ticket: Ticket
  public var created: Bool
  public var messageID: Int64
  public var customerID: Int64
  public var customerCreated: Bool
  /// The closed ticket this one follows up, when the customer wrote to a closed ticket.
  public var followUpOf: Int64?
}

extension Tickets {
  /// Appends a customer's message to the right ticket, or opens one:
  /// 1. the ticket given (`ticket`) or named `[#N]` in the subject, if it is this customer's;
  /// 2. else the customer's most recently updated ticket on this channel that is not closed;
  /// 3. else a new ticket. A message for a closed ticket opens a follow-up linked to it.
  /// A pending or solved ticket that receives a message is open again.
  public func ingest(_ request: IngestRequest) throws -> IngestResult {
    let attachments =
      try request.files
      + (request.attachments ?? []).map { a -> AttachmentInput in
        guard let data = Data(base64Encoded: a.data, options: .ignoreUnknownCharacters) else {
          throw DeskError.invalidInput("attachment \(AttachmentName.safe(a.name)): data is not base64")
        }
        return AttachmentInput(name: a.name, contentType: a.contentType, data: data)
      }
    let body = request.body ?? ""
    if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && attachments.isEmpty {
      throw DeskError.invalidInput("the message is empty", hint: "give a body, or an attachment")
    }
    return try desk.database.write { db in try ingest(db, request, attachments: attachments, body: body) }
  }

  /// `ingest` in the caller's transaction (`desk mail ingest` records the mail beside the message).
  func ingest(_ db: Database, _ request: IngestRequest, attachments: [AttachmentInput], body: String) throws -> IngestResult {
    let agent = try desk.actor(db)
    let channel = try validChannel(db, request.channel)
    let (customer, customerCreated) = try findOrCreateCustomer(db, request, channel: channel)
    let ctx = Context(db: db, actor: "customer:\(customer.id)", actorAgent: agent, now: desk.clock.now)
    var result = try route(
      ctx, request, customer: customer, customerCreated: customerCreated, channel: channel,
      body: body, attachments: attachments)
    if let chat = request.telegramChat {
      try db.execute(sql: "INSERT OR IGNORE INTO telegram_ticket(ticket_id, chat_id) VALUES (?, ?)", arguments: [result.ticket.id, chat])
    }
    try finish(ctx)
    result.ticket = try Ticket.fetch(db, id: result.ticket.id)
    return result
  }

  private func route(
    _ ctx: Context, _ request: IngestRequest, customer: Customer, customerCreated: Bool, channel: String,
    body: String, attachments: [AttachmentInput]
  ) throws -> IngestResult {
    let db = ctx.db
    let author = Author.customer(id: customer.id, name: customer.name)
    var target = try (request.ticket ?? Tickets.subjectReference(request.subject)).flatMap { id in
      try Row.fetchOne(
        db, sql: "SELECT id FROM ticket WHERE id = ? AND (customer_id = ? OR ?)", arguments: [id, customer.id, request.joinsAs != nil]
      ).map { _ in id }
    }
    if target == nil, request.joinsLatestTicket {
      target = try Int64.fetchOne(
        db,
        sql: """
          SELECT id FROM ticket WHERE customer_id = ? AND channel = ? AND status != 'closed'
          ORDER BY updated_at DESC, id DESC LIMIT 1
          """,
        arguments: [customer.id, channel])
    }
    target = try target.map { try Tickets.surviving(db, $0) }
    if let id = target {
      let ticket = try Ticket.fetch(db, id: id)
      if ticket.status != .closed {
        if let via = request.joinsAs, ticket.customerID != customer.id, let email = request.email ?? customer.email {
          try addParticipant(ctx, id, email: email, via: via)
        }
        for email in request.copied { try addParticipant(ctx, id, email: email, via: .copied) }
        let message = try addMessage(
          ctx, ticket: id, author: author, visibility: .public, channel: channel,
          body: body, automatic: request.isAutomatic, attachments: attachments)
        // The answer to a rating request is a rating: recorded, and the ticket stays solved.
        if !request.isAutomatic, try desk.ratings.ratingReply(ctx, ticket, body: body) != nil {
          return IngestResult(
            ticket: ticket, created: false, messageID: message, customerID: customer.id, customerCreated: customerCreated, followUpOf: nil)
        }
        ctx.raise(.customerMessage, on: id, text: body)
        // An auto-reply (an out-of-office) is kept on the ticket, but the ticket stays as it was.
        if !request.isAutomatic, ticket.status == .pending || ticket.status == .solved { _ = try move(ctx, ticket, to: .open) }
        return IngestResult(
          ticket: try Ticket.fetch(db, id: id), created: false, messageID: message,
          customerID: customer.id, customerCreated: customerCreated, followUpOf: nil)
      }
      return try followUp(
        ctx, of: ticket, request, customer: customer, channel: channel, body: body,
        attachments: attachments, customerCreated: customerCreated)
    }
    var new = NewTicket(subject: Tickets.subject(request.subject, body: body))
    new.channel = channel
    new.body = body
    new.attachments = attachments
    new.type = request.opening.type
    new.tags = request.opening.tags
    new.fields = request.opening.fields
    let ticket = try create(ctx, new, as: customer, automatic: request.isAutomatic)
    for email in request.copied { try addParticipant(ctx, ticket.id, email: email, via: .copied) }
    if !request.isAutomatic { ctx.touched.acknowledge.append(ticket.id) }
    let message = try Int64.fetchOne(db, sql: "SELECT max(id) FROM message WHERE ticket_id = ?", arguments: [ticket.id]) ?? 0
    return IngestResult(
      ticket: ticket, created: true, messageID: message, customerID: customer.id,
      customerCreated: customerCreated, followUpOf: nil)
  }

  private func followUp(
    _ ctx: Context, of closed: Ticket, _ request: IngestRequest, customer: Customer, channel: String,
    body: String, attachments: [AttachmentInput], customerCreated: Bool
  ) throws -> IngestResult {
    var new = NewTicket(subject: Tickets.subject(request.subject, body: "", fallback: closed.subject))
    new.channel = channel
    new.body = body
    new.attachments = attachments
    new.type = closed.type
    new.priority = closed.priority
    new.tags = closed.tags
    if let login = closed.assigneeLogin,
      try Bool.fetchOne(ctx.db, sql: "SELECT active FROM agent WHERE login = ?", arguments: [login]) == true
    {
      new.assignee = login
    }
    let ticket = try create(ctx, new, as: customer, automatic: request.isAutomatic, followUpOf: closed.id)
    try addLink(ctx, ticket.id, kind: "follow-up-of", target: "#\(closed.id)")
    try addLink(ctx, closed.id, kind: "follow-up", target: "#\(ticket.id)")
    let message = try Int64.fetchOne(ctx.db, sql: "SELECT min(id) FROM message WHERE ticket_id = ?", arguments: [ticket.id]) ?? 0
    return IngestResult(
      ticket: try Ticket.fetch(ctx.db, id: ticket.id), created: true, messageID: message,
      customerID: customer.id, customerCreated: customerCreated, followUpOf: closed.id)
  }

  private func findOrCreateCustomer(_ db: Database, _ r: IngestRequest, channel: String) throws -> (Customer, Bool) {
    let customers = desk.customers
    let handle = r.handle.map { $0.contains(":") ? $0 : "\(channel):\($0)" }
    let known = try r.customer.map { try customers.resolve(db, $0).id }
    let given = [r.email, handle, r.account, r.phone].map { $0?.trimmingCharacters(in: .whitespaces) ?? "" }
    guard known != nil || given.contains(where: { !$0.isEmpty }) else {
      throw DeskError.usage("ingest needs to know the customer", hint: "give --customer, --email, --handle, --phone or --account")
    }
    var identifiers: [CustomerIdentifier] = []
    // A sender's address is checked before it is looked up: a gateway's bad one is refused, not matched.
    if !given[0].isEmpty { identifiers.append(.email(try EmailAddress(given[0]).text)) }
    if !given[1].isEmpty { identifiers.append(try .handle(given[1])) }
    if !given[2].isEmpty { identifiers.append(try .account(checking: given[2])) }
    if let phone = try Customers.validPhone(given[3]) { identifiers.append(.phone(phone)) }
    // Every identifier the message gives is the customer's from now on.
    if let id = try customers.recognise(db, identifiers, known: known, actor: { "customer:\($0)" }) {
      return (try customers.fetch(db, id: id), false)
    }
    let name = r.name.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? r.email ?? handle ?? r.phone ?? r.account!
    var changes = CustomerChanges()
    changes.email = r.email.map { .some($0) }
    changes.phone = r.phone.map { .some($0) }
    changes.addHandles = handle.map { [$0] } ?? []
    changes.addAccounts = r.account.map { [$0] } ?? []
    let id = try customers.insert(db, name: name)
    try customers.apply(db, id: id, changes, actor: nil)
    return (try customers.fetch(db, id: id), true)
  }

  /// The ticket `id` lives on in: a ticket merged away lives on in the one it was merged into
  /// (followed for at most ten merges).
  static func surviving(_ db: Database, _ id: Int64) throws -> Int64 {
    var current = id
    for _ in 0..<10 {
      guard let into = try Int64.fetchOne(db, sql: "SELECT merged_into FROM ticket WHERE id = ?", arguments: [current]) else { break }
      current = into
    }
    return current
  }

  /// `Re: printer on fire [#12]` → 12.
  static func subjectReference(_ subject: String?) -> Int64? {
    guard let subject, let open = subject.range(of: "[#") else { return nil }
    let rest = subject[open.upperBound...]
    guard let close = rest.firstIndex(of: "]") else { return nil }
    return Int64(rest[..<close])
  }

  /// The subject given, or the first line of the body, or a placeholder for a message with only files.
  static func subject(_ given: String?, body: String, fallback: String = "(no subject)") -> String {
    if let given = given.map(oneLine), !given.isEmpty {
      return given.count > 500 ? String(given.prefix(499)) + "…" : given
    }
    let first = body.split(whereSeparator: \.isNewline).first.map { oneLine(String($0)) } ?? ""
    guard !first.isEmpty else { return fallback }
    return first.count > 80 ? String(first.prefix(79)) + "…" : first
  }

  /// Gateways hand over folded headers with tabs and newlines: they become single spaces.
  static func oneLine(_ text: String) -> String {
    text.unicodeScalars.split(whereSeparator: { $0.properties.generalCategory == .control || $0 == " " })
      .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
  }
}
