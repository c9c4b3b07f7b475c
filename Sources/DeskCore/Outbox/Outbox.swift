import Foundation
import GRDB

/// A message waiting to go out, or gone: to a customer, an agent, or the team.
public struct OutboxMessage: Sendable, Equatable {
  public enum State: String, CaseIterable, Sendable { case queued, sending, sent, failed, dropped, bounced }
  public enum Audience: String, Sendable { case customer, agent, team }

  public var id: Int64
  public var createdAt: Timestamp
  public var event: String
  public var audience: Audience
  public var channel: String
  public var recipient: String?
  public var recipientName: String?
  public var ticketID: Int64?
  public var messageID: Int64?
  public var subject: String
  public var body: String
  public var automatic: Bool
  public var state: State
  public var attempts: Int
  public var nextAttemptAt: Timestamp
  public var lastError: String?
  public var adapter: String?
  public var sentAt: Timestamp?

  static let selectSQL = """
    SELECT id, created_at, event, audience, channel, recipient, recipient_name, ticket_id, message_id, subject, body, automatic,
           state, attempts, next_attempt_at, last_error, adapter, sent_at FROM outbox
    """

  init(row: Row) {
    id = row[0]
    createdAt = row[1]
    event = row[2]
    audience = Audience(rawValue: row[3]) ?? .team
    channel = row[4]
    recipient = row[5]
    recipientName = row[6]
    ticketID = row[7]
    messageID = row[8]
    subject = row[9]
    body = row[10]
    automatic = row[11]
    state = State(rawValue: row[12]) ?? .queued
    attempts = row[13]
    nextAttemptAt = row[14]
    lastError = row[15]
    adapter = row[16]
    sentAt = row[17]
  }
}

/// A message for the outbox, written in the same transaction as the change that caused it.
struct OutgoingMessage {
  var event: String
  var audience: OutboxMessage.Audience
  var channel: String
  var recipient: String?
  var recipientName: String?
  var ticketID: Int64?
  var messageID: Int64?
  var subject: String
  var body: String
  var automatic = false
  /// Makes enqueueing idempotent: a second message with the same key is not added.
  var dedupeKey: String?
  var customerID: Int64? = nil
  /// Set when the message cannot be delivered at all (no address): it is kept, failed, with why.
  var problem: String?
}

/// `desk outbox`: everything desk sends, kept until delivered and after.
public struct Outbox {
  let desk: Desk

  /// Adds a message; returns its id, or nil if one with the same dedupe key exists.
  @discardableResult
  func enqueue(_ db: Database, _ m: OutgoingMessage, now: Timestamp) throws -> Int64? {
    try db.cachedStatement(
      sql: """
        INSERT INTO outbox(created_at, event, audience, channel, recipient, recipient_name, ticket_id, message_id, subject, body,
                           automatic, dedupe_key, state, next_attempt_at, last_error, customer_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(dedupe_key) DO NOTHING
        """
    ).execute(
      arguments: [
        now, m.event, m.audience.rawValue, m.channel, m.recipient, m.recipientName, m.ticketID, m.messageID, m.subject,
        m.body, m.automatic, m.dedupeKey, m.problem == nil ? "queued" : "failed", now, m.problem, m.customerID,
      ])
    return db.changesCount > 0 ? db.lastInsertedRowID : nil
  }

  /// A public message to the ticket's customer on the ticket's channel.
  @discardableResult
  func enqueueReply(
    _ db: Database, ticket: Ticket, messageID: Int64, body: String, now: Timestamp, automatic: Bool = false,
    event: String = "ticket.reply", subject: String? = nil, dedupeKey: String? = nil, channel: String? = nil
  ) throws -> Int64? {
    guard let customerID = ticket.customerID else { return nil }
    let customer = try desk.customers.fetch(db, id: customerID)
    let channel = channel ?? ticket.channel
    // A Telegram ticket answers to the chat it came from (a customer may write from several).
    let address =
      try (channel == "telegram" ? Int64.fetchOne(db, sql: "SELECT chat_id FROM telegram_ticket WHERE ticket_id = ?", arguments: [ticket.id]).map(String.init) : nil)
      ?? Outbox.address(of: customer, on: channel)
    return try enqueue(
      db,
      OutgoingMessage(
        event: event, audience: .customer, channel: channel, recipient: address, recipientName: customer.name,
        ticketID: ticket.id, messageID: messageID, subject: subject ?? "Re: \(ticket.subject) [#\(ticket.id)]", body: body,
        automatic: automatic, dedupeKey: dedupeKey ?? "message:\(messageID)", customerID: customerID,
        problem: address == nil ? "customer \(customer.id) has no address for the \(channel) channel" : nil),
      now: now)
  }

  /// A notification to one agent (by login), or to the team when `login` is nil.
  func notify(
    _ db: Database, login: String?, event: String, ticket: Int64?, subject: String, body: String, dedupeKey: String?,
    now: Timestamp
  ) throws {
    let name = try login.flatMap { try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM agent WHERE login = ?"), arguments: [$0]) }
    try enqueue(
      db,
      OutgoingMessage(
        event: event, audience: login == nil ? .team : .agent, channel: "notify", recipient: login,
        recipientName: name ?? (login == nil ? "team" : nil),
        ticketID: ticket, subject: subject, body: body, automatic: true, dedupeKey: dedupeKey),
      now: now)
  }

  /// A notification to every active lead (the admins when there are no leads).
  func notifyLeads(
    _ db: Database, event: String, ticket: Int64?, subject: String, body: String, dedupeKey: String,
    now: Timestamp
  ) throws {
    // One statement for all of them, as enqueue would write each (in login order, so ids are as one a time):
    // a breach on a desk with ten leads is one insert, not twenty statements.
    for role in ["lead", "admin"] {
      let statement = try db.cachedStatement(
        sql: """
          INSERT INTO outbox(created_at, event, audience, channel, recipient, recipient_name, ticket_id, message_id, subject, body,
                             automatic, dedupe_key, state, next_attempt_at, last_error, customer_id)
          SELECT ?1, ?2, 'agent', 'notify', login, name, ?3, NULL, ?4, ?5, 1, ?6 || ':' || login, 'queued', ?1, NULL, NULL
          FROM agent WHERE role = ?7 AND active = 1 ORDER BY login
          ON CONFLICT(dedupe_key) DO NOTHING
          """)
      try statement.execute(arguments: [now, event, ticket, subject, body, dedupeKey, role])
      let any = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM agent WHERE role = ? AND active = 1 LIMIT 1"), arguments: [role])
      if any == true { return }
    }
    try notify(db, login: nil, event: event, ticket: ticket, subject: subject, body: body, dedupeKey: dedupeKey, now: now)
  }

  /// Where a customer is reached on a channel: email, phone, or a messenger handle of that kind.
  static func address(of c: Customer, on channel: String) -> String? {
    switch channel {
    case "email": return c.email
    case "phone": return c.phone
    default:
      if let handle = c.handles.first(where: { $0.hasPrefix(channel + ":") }) { return String(handle.dropFirst(channel.count + 1)) }
      return ["chat", "widget", "web", "api"].contains(channel) ? c.email : nil
    }
  }

  // MARK: - Reading and managing

  public struct Filter: Sendable {
    public var states: [OutboxMessage.State] = []
    public var ticket: Int64?
    public var channel: String?
    public var limit: Int?
    public init() {}
  }

  public func list(_ f: Filter, each: (OutboxMessage) throws -> Void) throws {
    var clauses: [String] = []
    var args: [any DatabaseValueConvertible] = []
    if !f.states.isEmpty {
      clauses.append("state IN (\(f.states.map { "'\($0.rawValue)'" }.joined(separator: ", ")))")
    }
    if let t = f.ticket {
      clauses.append("ticket_id = ?")
      args.append(t)
    }
    if let c = f.channel {
      clauses.append("channel = ?")
      args.append(c)
    }
    var sql = OutboxMessage.selectSQL + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")) + " ORDER BY id"
    if let limit = f.limit { sql += " LIMIT \(max(0, limit))" }
    try desk.database.read { db in
      let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
      while let row = try rows.next() { try each(OutboxMessage(row: row)) }
    }
  }

  public func show(_ id: Int64) throws -> OutboxMessage {
    try desk.database.read { try fetch($0, id) }
  }

  func fetch(_ db: Database, _ id: Int64) throws -> OutboxMessage {
    guard let row = try Row.fetchOne(db, sql: OutboxMessage.selectSQL + " WHERE id = ?", arguments: [id]) else {
      throw DeskError.notFound("no outbox message \(id)", hint: "desk outbox list shows the outbox")
    }
    return OutboxMessage(row: row)
  }

  /// Queues failed (or dropped) messages again, now, with a fresh count of attempts.
  public func retry(_ ids: [Int64]) throws -> [(OutboxMessage, Bool)] {
    try desk.database.write { db in
      _ = try desk.actor(db)
      return try ids.map { id in
        let m = try fetch(db, id)
        guard m.state == .failed || m.state == .dropped else {
          if m.state == .queued { return (m, false) }
          throw DeskError.notAllowed("outbox message \(id) is \(m.state.rawValue) and cannot be retried")
        }
        try db.execute(
          sql: "UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?, claimed_by = NULL WHERE id = ?",
          arguments: [desk.clock.now, id])
        return (try fetch(db, id), true)
      }
    }
  }

  /// Gives up on queued or failed messages; they stay listed as dropped.
  public func drop(_ ids: [Int64]) throws -> [(OutboxMessage, Bool)] {
    try desk.database.write { db in
      _ = try desk.actor(db)
      return try ids.map { id in
        let m = try fetch(db, id)
        guard m.state == .queued || m.state == .failed else {
          if m.state == .dropped { return (m, false) }
          throw DeskError.notAllowed("outbox message \(id) is \(m.state.rawValue) and cannot be dropped")
        }
        try db.execute(sql: "UPDATE outbox SET state = 'dropped' WHERE id = ?", arguments: [id])
        return (try fetch(db, id), true)
      }
    }
  }
}
