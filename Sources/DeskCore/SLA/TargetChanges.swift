import GRDB

/// One target of a ticket as people compare it: how long, from which policy, and when due.
public struct SLATargetState: Sendable, Equatable {
  public var policy: String?
  public var calendarID: Int64?
  public var goal: Duration
  /// nil while paused.
  public var due: Timestamp?

  /// `1h (by-type), due 2026-11-23T09:00:00Z` or `1h (by-type), paused`.
  public var description: String {
    "\(goal.compact) (\(policy ?? "-")), " + (due.map { "due \($0.iso8601)" } ?? "paused")
  }
}

/// A target of an unsolved ticket that a change gave, took away or moved.
public struct SLATargetChange: Sendable {
  public var ticketID: Int64
  public var target: SLATargetKind
  /// nil: the ticket had no such target.
  public var from: SLATargetState?
  /// nil: the ticket has no such target any more.
  public var to: SLATargetState?

  /// Whether it gives more time: a later deadline, a longer target while paused, or no target at all.
  public var isLater: Bool {
    guard let from else { return false }
    guard let to else { return true }
    if let a = from.due, let b = to.due { return b > a }
    return to.goal.seconds > from.goal.seconds
  }
}

/// What a change to a policy or a calendar does to the unsolved tickets.
public struct SLARetargeting: Sendable {
  public var changes: [SLATargetChange]
  public init(changes: [SLATargetChange] = []) { self.changes = changes }
  public var tickets: [Int64] { Array(Set(changes.map(\.ticketID))).sorted() }
  /// `2 open tickets change target`.
  public var summary: String {
    let n = tickets.count
    return n == 1 ? "1 open ticket changes target" : "\(n) open tickets change target"
  }
}

extension SLATimers {
  /// One timer as a target: the ticket, the target, whether measured, and where it stands.
  struct TimerTarget {
    var id: Int64
    var ticketID: Int64
    var kind: SLATargetKind
    var met: Bool
    var state: SLATargetState
  }

  /// The timers of `tickets`, or of every unsolved ticket when nil.
  func targets(_ db: Database, tickets: [Int64]?) throws -> [TimerTarget] {
    // Placeholders, not the ids, so that one ticket's reading is one cached statement.
    let which =
      tickets.map { "s.ticket_id IN (\(Array(repeating: "?", count: $0.count).joined(separator: ", ")))" }
      ?? "s.ticket_id IN (SELECT id FROM ticket WHERE \(TicketStatus.unsolvedSQL("status")))"
    return try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT s.id, s.ticket_id, s.target, s.met_at IS NOT NULL AS met, p.name, p.calendar_id, s.goal_seconds, s.due_at
          FROM sla_timer s LEFT JOIN sla_policy p ON p.id = s.policy_id WHERE \(which) ORDER BY s.ticket_id, s.id
          """),
      arguments: StatementArguments(tickets ?? [])
    ).map { row in
      TimerTarget(
        id: row["id"], ticketID: row["ticket_id"], kind: SLATargetKind(rawValue: row["target"]) ?? .resolution, met: row["met"],
        state: SLATargetState(
          policy: row["name"], calendarID: row["calendar_id"], goal: Duration(seconds: row["goal_seconds"]), due: row["due_at"]))
    }
  }

  /// What changed between two readings of the same tickets' timers. Pausing, resuming and meeting
  /// a target are measurement, not change; a first response or resolution target that appears on a
  /// ticket that had timers before is a change.
  func changes(from before: [TimerTarget], to after: [TimerTarget]) -> [SLATargetChange] {
    let now = Dictionary(uniqueKeysWithValues: after.map { ($0.id, $0) })
    let then = Set(before.map(\.id))
    var out: [SLATargetChange] = []
    for old in before where !old.met {
      guard let new = now[old.id] else {
        out.append(SLATargetChange(ticketID: old.ticketID, target: old.kind, from: old.state, to: nil))
        continue
      }
      if new.met { continue }
      let a = old.state
      let b = new.state
      let moved = a.due != nil && b.due != nil && a.due != b.due
      if a.policy != b.policy || a.goal != b.goal || moved {
        out.append(SLATargetChange(ticketID: old.ticketID, target: old.kind, from: a, to: b))
      }
    }
    for new in after where !new.met && !then.contains(new.id) && new.kind != .nextResponse {
      let earlier = before.filter { $0.ticketID == new.ticketID }
      if !earlier.isEmpty, !earlier.contains(where: { $0.kind == new.kind }) {
        out.append(SLATargetChange(ticketID: new.ticketID, target: new.kind, from: nil, to: new.state))
      }
    }
    let order = SLATargetKind.allCases
    return out.sorted { ($0.ticketID, order.firstIndex(of: $0.target)!) < ($1.ticketID, order.firstIndex(of: $1.target)!) }
  }

  /// Each change in its ticket's history: `sla first_response`, `1h (by-type), due …` → `4h (by-type), due …`.
  func record(_ db: Database, _ changes: [SLATargetChange], actor: String, now: Timestamp) throws {
    for c in changes {
      try db.execute(
        sql: "INSERT INTO history(ticket_id, at, actor, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [c.ticketID, now, actor, "sla \(c.target.rawValue)", c.from?.description ?? "none", c.to?.description ?? "none"])
    }
  }

  /// Runs a change to policies or calendars, then measures every unsolved ticket again: each
  /// ticket whose targets moved gets a history row by the actor, and the leads one notification.
  func retarget(_ db: Database, actor: String, did what: String, _ change: () throws -> Void) throws -> SLARetargeting {
    let before = try targets(db, tickets: nil)
    try change()
    let now = desk.clock.now
    try recomputeUnsolved(db, now: now, actor: actor)
    let result = SLARetargeting(changes: changes(from: before, to: try targets(db, tickets: nil)))
    try record(db, result.changes, actor: actor, now: now)
    if !result.changes.isEmpty {
      let list = result.tickets.map { "#\($0)" }.joined(separator: ", ")
      try desk.outbox.notifyLeads(
        db, event: "sla.changed", ticket: nil, subject: "SLA targets changed by \(actor)",
        body: "\(actor) \(what): \(result.summary) (\(list))", dedupeKey: "sla-retarget:\(db.lastInsertedRowID)", now: now)
    }
    return result
  }

  /// How a change reads to a lead: `resolution due 2026-11-23 16:00 GMT+3 → 2026-11-25 11:00 GMT+3`.
  func describe(_ db: Database, _ c: SLATargetChange) throws -> String {
    let what = c.target.rawValue.replacingOccurrences(of: "_", with: " ")
    func when(_ s: SLATargetState?) throws -> String {
      guard let s else { return "no target" }
      guard let due = s.due else { return "\(s.goal.compact) (paused)" }
      return due.wallClock(in: try desk.calendars.load(db, id: s.calendarID).timeZone)
    }
    return "\(what) due \(try when(c.from)) → \(try when(c.to))"
  }
}
