import GRDB

/// What one transaction did to tickets, for the work that follows it before commit:
/// rules for the events, SLA timers for every ticket touched, acknowledgements.
final class TouchedTickets {
  var ids = Set<Int64>()
  var events: [(ticket: Int64, event: RuleEvent, text: String)] = []
  /// Tickets a customer's own message opened, to be acknowledged.
  var acknowledge: [Int64] = []
  /// While rules run, their own changes raise no new events (no rule loops).
  var runningRules = false
  /// The fields each ticket's history records in this transaction, for the leads' SLA reports.
  var fields: [Int64: [(field: String, old: String?, new: String?)]] = [:]
  /// Tickets whose SLA change the leads were already told of (`sla set`).
  var slaReported = Set<Int64>()
  /// What the acting person set on a ticket in this command, which rules leave as it is.
  var kept: [Int64: Set<KeptField>] = [:]

  enum KeptField { case assignee, type, priority }
}

/// Tickets: opening, routing, the conversation, status changes and their history.
/// Every public method is one transaction: all of it happens, or none.
public struct Tickets {
  let desk: Desk

  /// What one change did to one ticket, for the command to report.
  public struct Outcome: Sendable {
    public var ticket: Ticket
    public var changed: Bool
    /// `solved`, `already solved`, `assigned to adelia`, …
    public var summary: String
  }

  /// The state a change runs in: the transaction, who acts (as history names them) and when.
  struct Context {
    let db: Database
    let actor: String
    let actorAgent: Actor?
    let now: Timestamp
    /// The tickets this transaction changed, whose SLA timers are brought up to date at the end.
    var touched = TouchedTickets()

    init(db: Database, actor: String, actorAgent: Actor?, now: Timestamp, touched: TouchedTickets = TouchedTickets()) {
      self.db = db
      self.actor = actor
      self.actorAgent = actorAgent
      self.now = now
      self.touched = touched
    }

    func raise(_ event: RuleEvent, on ticket: Int64, text: String = "") {
      if !touched.runningRules { touched.events.append((ticket, event, text)) }
    }

    func record(_ ticket: Int64, _ field: String, from old: String?, to new: String?) throws {
      touched.ids.insert(ticket)
      touched.fields[ticket, default: []].append((field, old, new))
      try db.cachedStatement(sql: "INSERT INTO history(ticket_id, at, actor, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)")
        .execute(arguments: [ticket, now, actor, field, old, new])
    }

    func touch(_ ticket: Int64) throws {
      try db.cachedStatement(sql: "UPDATE ticket SET updated_at = ? WHERE id = ?").execute(arguments: [now, ticket])
    }

    /// Sets one column and records the change, if it is a change.
    @discardableResult
    func set(
      _ ticket: Int64, column: String, field: String, from old: String?, to new: String?,
      value: (any DatabaseValueConvertible)?
    ) throws -> Bool {
      guard old != new else { return false }
      try db.cachedStatement(sql: "UPDATE ticket SET \(column) = ?, updated_at = ? WHERE id = ?").execute(arguments: [value, now, ticket])
      try record(ticket, field, from: old, to: new)
      return true
    }
  }

  /// Runs `body` in one write transaction as the acting agent.
  /// `refresh` re-reads the result once the SLA timers have followed the change.
  func change<T>(_ body: (Context) throws -> T, refresh: (Database, T) throws -> T = { $1 }) throws -> T {
    try desk.database.write { db in
      let actor = try desk.actor(db)
      let ctx = Context(db: db, actor: actor.login, actorAgent: actor, now: desk.clock.now)
      let result = try body(ctx)
      try finish(ctx)
      return try refresh(db, result)
    }
  }

  /// Ends a change, in its transaction: rules run for the events it raised, the SLA timers
  /// of every ticket it touched follow the new state, new tickets from customers are acknowledged.
  func finish(_ ctx: Context) throws {
    let log = ctx.touched
    if !log.runningRules {
      log.runningRules = true
      defer { log.runningRules = false }
      while !log.events.isEmpty {
        let e = log.events.removeFirst()
        try desk.rules.run(ctx, ticket: e.ticket, event: e.event, text: e.text)
      }
    }
    var changes: [SLATargetChange] = []
    for id in log.ids.sorted() {
      let before = try desk.slaTimers.targets(ctx.db, tickets: [id])
      try desk.slaTimers.reconcile(ctx.db, ticket: id, now: ctx.now, actor: ctx.actor)
      changes += desk.slaTimers.changes(from: before, to: try desk.slaTimers.targets(ctx.db, tickets: [id]))
    }
    try desk.slaTimers.audit(ctx, changes)
    let acknowledge = log.acknowledge
    log.acknowledge = []
    for id in acknowledge {
      try desk.autoreplies.acknowledge(ctx, ticket: id)
      try desk.slaTimers.reconcile(ctx.db, ticket: id, now: ctx.now, actor: ctx.actor)
    }
  }

  /// Applies `body` to each ticket in order, all in one transaction.
  func eachTicket(_ ids: [Int64], _ body: (Context, Ticket) throws -> Outcome) throws -> [Outcome] {
    guard !ids.isEmpty else { throw DeskError.usage("no ticket ids given") }
    return try change(
      { ctx in
        var seen = Set<Int64>()
        return try ids.filter { seen.insert($0).inserted }.map { id in
          try body(ctx, try Ticket.fetch(ctx.db, id: id))
        }
      },
      refresh: { db, outcomes in
        try outcomes.map {
          var o = $0
          o.ticket = try Ticket.fetch(db, id: o.ticket.id)
          return o
        }
      })
  }

  public func get(_ id: Int64) throws -> Ticket {
    try desk.database.read { try Ticket.fetch($0, id: id) }
  }

  /// Moves a ticket to `status`, stamping solved/closed times. Refuses moves the lifecycle
  /// forbids unless `force` (closing an unsolved ticket).
  func move(_ ctx: Context, _ ticket: Ticket, to status: TicketStatus, force: Bool = false) throws -> Bool {
    if ticket.status == status { return false }
    guard ticket.status.mayMove(to: status) || (force && status == .closed && ticket.status != .closed) else {
      throw Tickets.transitionError(ticket, to: status)
    }
    try ctx.set(ticket.id, column: "status", field: "status", from: ticket.status.rawValue, to: status.rawValue, value: status)
    ctx.raise(.statusChange, on: ticket.id)
    if status == .pending {
      // The pending-reminder sequence starts now; leaving pending ends it.
      try ctx.db.execute(sql: "UPDATE ticket SET pending_since = ?, reminders_sent = 0 WHERE id = ?", arguments: [ctx.now, ticket.id])
    } else if ticket.status == .pending {
      try ctx.db.execute(sql: "UPDATE ticket SET pending_since = NULL, reminders_sent = 0 WHERE id = ?", arguments: [ticket.id])
    }
    switch status {
    case .solved:
      try ctx.db.execute(sql: "UPDATE ticket SET solved_at = ? WHERE id = ?", arguments: [ctx.now, ticket.id])
      // Ask for a rating where the team wants one (rating.request-on-solve).
      let channels = try desk.settings.list(ctx.db, "rating.request-on-solve")
      if channels.contains(ticket.channel), ticket.customerID != nil {
        // A missing template must not stop a ticket from being solved: the history says why no request went.
        if try Bool.fetchOne(ctx.db, sql: "SELECT 1 FROM template WHERE name = ?", arguments: [Ratings.requestTemplate]) == true {
          try desk.ratings.requestRating(ctx, try Ticket.fetch(ctx.db, id: ticket.id))
        } else {
          try ctx.record(ticket.id, "rating request", from: nil, to: "skipped: no template \(Ratings.requestTemplate)")
        }
      }
    case .closed:
      try ctx.db.execute(sql: "UPDATE ticket SET closed_at = ? WHERE id = ?", arguments: [ctx.now, ticket.id])
    case .open, .pending, .onHold, .new:
      if ticket.status == .solved {
        try ctx.db.execute(sql: "UPDATE ticket SET solved_at = NULL WHERE id = ?", arguments: [ticket.id])
      }
    }
    return true
  }

  static func transitionError(_ ticket: Ticket, to status: TicketStatus) -> DeskError {
    switch (ticket.status, status) {
    case (.closed, _):
      return .notAllowed(
        "ticket \(ticket.id) is closed; a closed ticket cannot change",
        hint: "a new customer message opens a follow-up; or open a new ticket")
    case (_, .new):
      return .notAllowed("a ticket cannot go back to new (ticket \(ticket.id) is \(ticket.status.rawValue))")
    case (_, .closed):
      return .notAllowed(
        "ticket \(ticket.id) is \(ticket.status.rawValue); only solved tickets can be closed",
        hint: "solve it first (desk ticket solve \(ticket.id)), or a lead may use close --force")
    default:
      return .notAllowed(
        "ticket \(ticket.id) is \(ticket.status.rawValue) and cannot move to \(status.rawValue)",
        hint: "reopen it first: desk ticket reopen \(ticket.id)")
    }
  }
}
