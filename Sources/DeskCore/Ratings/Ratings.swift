import Foundation
import GRDB

/// A customer's rating of a ticket.
public struct Rating: Sendable {
  public enum Level: Int, CaseIterable, Sendable {
    case bad = 1, normal, great
    public var name: String { ["", "bad", "normal", "great"][rawValue] }

    /// `bad|normal|great`, `1|2|3`, or 😞 😐 😍.
    public init?(parsing text: String) {
      switch text.trimmingCharacters(in: .whitespaces).lowercased() {
      case "bad", "1", "😞": self = .bad
      case "normal", "2", "😐": self = .normal
      case "great", "3", "😍": self = .great
      default: return nil
      }
    }

    /// The words a customer answers a rating request with, in desk's languages (en, pt, ru, uk).
    static let replyWords: [String: Level] = [
      "bad": .bad, "1": .bad, "😞": .bad, "ruim": .bad, "плохо": .bad, "погано": .bad,
      "normal": .normal, "2": .normal, "😐": .normal, "нормально": .normal,
      "great": .great, "3": .great, "😍": .great, "ótimo": .great, "otimo": .great, "супер": .great, "отлично": .great,
      "чудово": .great, "super": .great,
    ]

    /// A reply that starts with a rating word, alone or followed by a comment:
    /// `great`, `1`, `Плохо!`, `😍 thanks a lot` → the level and the rest as the comment.
    static func reply(_ text: String) -> (Level, String?)? {
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      let word = trimmed.prefix { !$0.isWhitespace && !$0.isPunctuation }
      guard let level = replyWords[word.lowercased()] else { return nil }
      let rest = trimmed.dropFirst(word.count).drop { $0.isWhitespace || $0.isPunctuation }
        .replacingOccurrences(of: "\n", with: " ")
      return (level, rest.isEmpty ? nil : rest)
    }
  }

  public var id: Int64
  public var ticketID: Int64
  public var customerID: Int64?
  public var agent: String?
  public var level: Level
  public var comment: String?
  public var createdAt: Timestamp
  public var current: Bool
  public var excluded: Bool
  public var excludedReason: String?

  static let selectSQL = """
    SELECT r.id, r.ticket_id, r.customer_id, a.login, r.score, r.comment, r.created_at, r.current, r.excluded, r.excluded_reason
    FROM rating r LEFT JOIN agent a ON a.id = r.agent_id
    """

  init(row: Row) {
    id = row[0]
    ticketID = row[1]
    customerID = row[2]
    agent = row[3]
    level = Level(rawValue: row[4]) ?? .normal
    comment = row[5]
    createdAt = row[6]
    current = row[7]
    excluded = row[8]
    excludedReason = row[9]
  }
}

/// `desk rate`: three-level ratings, NPS, alerts on bad ones.
public struct Ratings {
  let desk: Desk

  /// The template a rating request is sent with (rating.request-on-solve).
  static let requestTemplate = "rating-request"

  /// Records the customer's rating; a new one replaces the current (kept in history). Credited
  /// to the agent who solved the ticket; at or below rating.alert-at, the leads hear at once.
  public func rate(_ ticketID: Int64, _ level: Rating.Level, comment: String?) throws -> Rating {
    let comment = try TextRules.optionalLine(comment.map { $0.replacingOccurrences(of: "\n", with: " ") }, "the comment")
    return try desk.tickets.change { ctx in try record(ctx, ticketID, level, comment: comment) }
  }

  /// Records a rating in the transaction of `ctx` (a command, or a customer's reply).
  func record(_ ctx: Tickets.Context, _ ticketID: Int64, _ level: Rating.Level, comment: String?) throws -> Rating {
    let db = ctx.db
    let ticket = try Ticket.fetch(db, id: ticketID)
    let solver = try Int64.fetchOne(
      db,
      sql: """
        SELECT a.id FROM history h JOIN agent a ON a.login = h.actor
        WHERE h.ticket_id = ? AND h.field = 'status' AND h.new_value = 'solved' ORDER BY h.id DESC LIMIT 1
        """,
      arguments: [ticketID]) ?? ticket.assigneeID
    let old = try Int.fetchOne(db, sql: "SELECT score FROM rating WHERE ticket_id = ? AND current = 1", arguments: [ticketID])
    try db.execute(sql: "UPDATE rating SET current = 0 WHERE ticket_id = ? AND current = 1", arguments: [ticketID])
    try db.execute(
      sql: "INSERT INTO rating(ticket_id, customer_id, agent_id, score, comment, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
      arguments: [ticketID, ticket.customerID, solver, level.rawValue, comment, ctx.now, ctx.actor])
    let id = db.lastInsertedRowID
    try ctx.record(ticketID, "rating", from: old.flatMap { Rating.Level(rawValue: $0)?.name }, to: level.name + (comment.map { ": \($0)" } ?? ""))
    let threshold = Rating.Level(parsing: try desk.settings.value(db, "rating.alert-at")) ?? .normal
    if level.rawValue <= threshold.rawValue {
      let agent = try solver.flatMap { try String.fetchOne(db, sql: "SELECT login FROM agent WHERE id = ?", arguments: [$0]) } ?? "nobody"
      let customer = try ticket.customerID.map { try desk.customers.fetch(db, id: $0).name } ?? "the customer"
      try desk.outbox.notifyLeads(
        db, event: "rating.alert", ticket: ticketID, subject: "Rated \(level.name): ticket #\(ticketID)",
        body: "Ticket #\(ticketID) \"\(ticket.subject)\" was rated \(level.name) by \(customer)"
          + (comment.map { ": \"\($0)\"" } ?? " (no comment)") + ". Agent: \(agent).",
        dedupeKey: "rating:\(id)", now: ctx.now)
    }
    return try fetch(db, id)
  }

  /// A customer's answer to a rating request, when it is one: the ticket is solved, the last
  /// message desk sent the customer on it was the rating request, and the reply starts with a
  /// rating word (`great`, `1`, `😍`, `плохо`, `супер` …). The rating is recorded, with the rest
  /// of the text as its comment, and the ticket stays solved. Nil when the reply is not a rating.
  func ratingReply(_ ctx: Tickets.Context, _ ticket: Ticket, body: String) throws -> Rating? {
    guard ticket.status == .solved, let (level, comment) = Rating.Level.reply(body) else { return nil }
    let last = try String.fetchOne(
      ctx.db, sql: "SELECT event FROM outbox WHERE ticket_id = ? AND audience = 'customer' ORDER BY id DESC LIMIT 1",
      arguments: [ticket.id])
    guard last == "rating.request" else { return nil }
    // Nobody owes the customer an answer to a rating.
    try ctx.db.execute(sql: "UPDATE ticket SET waiting_message_id = NULL, waiting_since = NULL WHERE id = ?", arguments: [ticket.id])
    return try record(ctx, ticket.id, level, comment: try TextRules.optionalLine(comment, "the comment"))
  }

  /// Sends the rating-request template to the ticket's customer (phone tickets: by email).
  public func request(_ ticketID: Int64) throws -> Tickets.Outcome {
    try desk.tickets.change({ ctx in
      let ticket = try Ticket.fetch(ctx.db, id: ticketID)
      try requestRating(ctx, ticket)
      return Tickets.Outcome(ticket: ticket, changed: true, summary: "rating requested")
    }, refresh: Tickets.refreshOutcome)
  }

  func requestRating(_ ctx: Tickets.Context, _ ticket: Ticket) throws {
    let channel = ticket.channel == "phone" ? "email" : ticket.channel
    try desk.tickets.sendTemplate(ctx, ticket: ticket.id, template: Ratings.requestTemplate, event: "rating.request", channel: channel)
  }

  /// What `exclude` did: the rating, and whether it was already out of the statistics.
  public struct Exclusion: Sendable {
    public var rating: Rating
    public var changed: Bool
  }

  /// Keeps a rating given by mistake out of the statistics; it stays in history. Bonuses rest
  /// on these figures, so only leads and admins may exclude, and never a rating credited to
  /// themselves. A second exclusion changes nothing and keeps the first reason.
  public func exclude(_ ticketID: Int64, reason: String) throws -> Exclusion {
    let reason = try TextRules.line(reason, "the reason")
    return try desk.tickets.change { ctx in
      let actor = try desk.actor(ctx.db, requiring: [.admin, .lead], to: "exclude a rating")
      guard let id = try Int64.fetchOne(ctx.db, sql: "SELECT id FROM rating WHERE ticket_id = ? AND current = 1", arguments: [ticketID]) else {
        throw DeskError.notFound("ticket \(ticketID) has no rating")
      }
      let rating = try fetch(ctx.db, id)
      if rating.excluded { return Exclusion(rating: rating, changed: false) }
      if let credited = rating.agent, credited == actor.login {
        throw DeskError.permissionDenied(
          "the rating of ticket \(ticketID) is credited to \(actor.login), who may not exclude it",
          hint: "ask another lead or an admin")
      }
      try ctx.db.execute(
        sql: "UPDATE rating SET excluded = 1, excluded_reason = ?, excluded_by = ?, excluded_at = ? WHERE id = ?",
        arguments: [reason, ctx.actor, ctx.now, id])
      try ctx.record(ticketID, "rating excluded", from: nil, to: reason)
      return Exclusion(rating: try fetch(ctx.db, id), changed: true)
    }
  }

  public struct Filter: Sendable {
    public var negative = false
    public var agent: String?
    public var from: Timestamp?
    public var to: Timestamp?
    public var includeReplaced = false
    public init() {}
  }

  public func list(_ f: Filter, each: (Rating) throws -> Void) throws {
    var clauses: [String] = []
    var args: [any DatabaseValueConvertible] = []
    if !f.includeReplaced { clauses.append("r.current = 1") }
    if f.negative { clauses.append("r.score <= 2 AND r.excluded = 0") }
    if let agent = f.agent { clauses.append("a.login = ?"); args.append(agent) }
    if let from = f.from { clauses.append("r.created_at >= ?"); args.append(from) }
    if let to = f.to { clauses.append("r.created_at < ?"); args.append(to) }
    let sql = Rating.selectSQL + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")) + " ORDER BY r.created_at, r.id"
    try desk.database.read { db in
      let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
      while let row = try rows.next() { try each(Rating(row: row)) }
    }
  }

  /// Net Promoter Score answer: 0–10.
  public func nps(customer ref: String, score: Int, comment: String?) throws -> Int64 {
    guard (0...10).contains(score) else { throw DeskError.usage("an NPS score is 0 to 10") }
    let comment = try TextRules.optionalLine(comment, "the comment")
    return try desk.database.write { db in
      let actor = try desk.actor(db)
      let customer = try desk.customers.resolve(db, ref)
      try db.execute(
        sql: "INSERT INTO nps(customer_id, score, comment, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
        arguments: [customer.id, score, comment, desk.clock.now, actor.login])
      return db.lastInsertedRowID
    }
  }

  func fetch(_ db: Database, _ id: Int64) throws -> Rating {
    guard let row = try Row.fetchOne(db, sql: Rating.selectSQL + " WHERE r.id = ?", arguments: [id]) else {
      throw DeskError.notFound("no rating \(id)")
    }
    return Rating(row: row)
  }
}
