import GRDB

/// One measured interval of a ticket: its first response, a next response, or its resolution.
public struct SLATimer: Sendable, Equatable {
  public var id: Int64
  public var ticketID: Int64
  public var target: SLATargetKind
  public var policyID: Int64?
  public var goalSeconds: Int64
  public var startedAt: Timestamp
  public var startMessageID: Int64?
  public var runningSince: Timestamp?
  public var elapsedSeconds: Int64
  public var dueAt: Timestamp?
  public var metAt: Timestamp?
  public var breachedAt: Timestamp?
  public var warnedAt: Timestamp?

  static let selectSQL = """
    SELECT id, ticket_id, target, policy_id, goal_seconds, started_at, start_message_id, running_since, elapsed_seconds,
           due_at, met_at, breached_at, warned_at FROM sla_timer
    """

  init(row: Row) {
    id = row[0]
    ticketID = row[1]
    target = SLATargetKind(rawValue: row[2]) ?? .resolution
    policyID = row[3]
    goalSeconds = row[4]
    startedAt = row[5]
    startMessageID = row[6]
    runningSince = row[7]
    elapsedSeconds = row[8]
    dueAt = row[9]
    metAt = row[10]
    breachedAt = row[11]
    warnedAt = row[12]
  }

  func save(_ db: Database) throws {
    try db.execute(
      sql: """
        UPDATE sla_timer SET policy_id = ?, goal_seconds = ?, running_since = ?, elapsed_seconds = ?, due_at = ?, met_at = ?,
          breached_at = ?, warned_at = ? WHERE id = ?
        """,
      arguments: [policyID, goalSeconds, runningSince, elapsedSeconds, dueAt, metAt, breachedAt, warnedAt, id])
  }
}

/// Keeps a ticket's SLA timers true to its state. Every change to a ticket ends with
/// `reconcile`, in the same transaction, so timers start, pause, resume and stop at the
/// minute the change happened.
public struct SLATimers {
  let desk: Desk

  /// Chooses the ticket's policy again (unless pinned by hand) and brings its timers up to date.
  func reconcile(_ db: Database, ticket id: Int64, now: Timestamp, actor: String) throws {
    let t = try Ticket.fetch(db, id: id)
    let policies = desk.policies
    var policy: SLAPolicy?
    if t.slaPinned, let pinned = t.slaPolicyID {
      policy = try policies.fetch(db, id: pinned)
    } else {
      policy = try policies.choose(db, for: t)
    }
    if policy?.id != t.slaPolicyID {
      try db.execute(sql: "UPDATE ticket SET sla_policy_id = ? WHERE id = ?", arguments: [policy?.id, id])
      try db.execute(
        sql: "INSERT INTO history(ticket_id, at, actor, field, old_value, new_value) VALUES (?, ?, ?, 'sla policy', ?, ?)",
        arguments: [id, now, actor, t.slaPolicy, policy?.name])
    }
    let calendar = try desk.calendars.load(db, id: policy?.calendarID)
    func goal(_ kind: SLATargetKind) -> Int64? {
      policy?.targets[kind]?.goal(type: t.type, priority: t.priority, calendar: calendar)
    }
    let paused = policy?.pauseOn.contains(t.status) ?? false
    let finished = t.status == .solved || t.status == .closed
    var timers = try Row.fetchAll(db, sql: SLATimer.selectSQL + " WHERE ticket_id = ? ORDER BY id", arguments: [id]).map(
      SLATimer.init(row:))

    // Timers whose target the policy no longer has are dropped, unless they were already measured.
    for kind in SLATargetKind.allCases where goal(kind) == nil {
      for timer in timers where timer.target == kind && timer.metAt == nil {
        try db.execute(sql: "DELETE FROM sla_timer WHERE id = ?", arguments: [timer.id])
      }
      timers.removeAll { $0.target == kind && $0.metAt == nil }
    }
    func start(_ kind: SLATargetKind, at: Timestamp, message: Int64? = nil) throws {
      try db.execute(
        sql: """
          INSERT INTO sla_timer(ticket_id, target, policy_id, goal_seconds, started_at, start_message_id, running_since)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [id, kind.rawValue, policy?.id, goal(kind) ?? 0, at, message, at])
      timers.append(try SLATimer(row: Row.fetchOne(db, sql: SLATimer.selectSQL + " WHERE id = ?", arguments: [db.lastInsertedRowID])!))
    }
    for kind in [SLATargetKind.firstResponse, .resolution] where goal(kind) != nil && !timers.contains(where: { $0.target == kind }) {
      try start(kind, at: t.createdAt)
    }
    // Next response: from the oldest customer message no agent has answered yet.
    var nextStops: [Int64: Timestamp] = [:]
    if goal(.nextResponse) != nil, t.firstReplyAt != nil {
      for timer in timers where timer.target == .nextResponse && timer.metAt == nil {
        if let reply = try Row.fetchOne(
          db,
          sql:
            "SELECT created_at FROM message WHERE ticket_id = ? AND author_kind = 'agent' AND visibility = 'public' AND id > ? ORDER BY id LIMIT 1",
          arguments: [id, timer.startMessageID ?? 0])
        {
          nextStops[timer.id] = reply[0]
        }
      }
      let lastReply =
        try Int64.fetchOne(
          db, sql: "SELECT max(id) FROM message WHERE ticket_id = ? AND author_kind = 'agent' AND visibility = 'public'", arguments: [id])
        ?? 0
      if let waiting = try Row.fetchOne(
        db,
        sql:
          "SELECT id, created_at FROM message WHERE ticket_id = ? AND author_kind = 'customer' AND visibility = 'public' AND id > ? ORDER BY id LIMIT 1",
        arguments: [id, lastReply]),
        !timers.contains(where: { $0.target == .nextResponse && $0.startMessageID == waiting[0] })
      {
        try start(.nextResponse, at: waiting[1], message: waiting[0])
      }
    }

    var earliest: Timestamp? = nil
    for var timer in timers {
      let before = timer
      let wanted = goal(timer.target) ?? timer.goalSeconds
      if timer.metAt == nil, wanted != timer.goalSeconds {
        // A new target (the ticket changed type, priority or policy): measured from the same
        // start, warned and breached afresh, and recorded so nobody buys time quietly.
        try db.execute(
          sql: "INSERT INTO history(ticket_id, at, actor, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)",
          arguments: [
            id, now, actor, "sla \(timer.target.rawValue)", Duration(seconds: timer.goalSeconds).compact,
            Duration(seconds: wanted).compact,
          ])
        timer.goalSeconds = wanted
        timer.warnedAt = nil
        timer.breachedAt = nil
      }
      if timer.metAt == nil { timer.policyID = policy?.id }
      var stopAt: Timestamp? = nil
      switch timer.target {
      case .firstResponse: stopAt = t.firstReplyAt
      case .nextResponse: stopAt = nextStops[timer.id]
      case .resolution:
        if finished {
          stopAt = t.solvedAt ?? t.closedAt ?? now
        } else if timer.metAt != nil {
          timer.metAt = nil  // reopened: the clock goes on from where it stopped
          timer.goalSeconds = wanted
          timer.policyID = policy?.id
        }
      }
      if timer.metAt == nil {
        if let stopAt {
          if let since = timer.runningSince {
            let due = calendar.add(max(0, timer.goalSeconds - timer.elapsedSeconds), to: since)
            timer.elapsedSeconds += calendar.seconds(from: since, to: max(stopAt, since))
            if timer.elapsedSeconds > timer.goalSeconds, timer.breachedAt == nil { timer.breachedAt = due ?? stopAt }
          } else if timer.elapsedSeconds > timer.goalSeconds, timer.breachedAt == nil {
            timer.breachedAt = stopAt
          }
          timer.runningSince = nil
          timer.metAt = stopAt
        } else if paused, let since = timer.runningSince {
          timer.elapsedSeconds += calendar.seconds(from: since, to: max(now, since))
          timer.runningSince = nil
        } else if !paused, timer.runningSince == nil {
          timer.runningSince = now
        }
      }
      if timer.metAt == nil, let since = timer.runningSince {
        timer.dueAt = calendar.add(max(0, timer.goalSeconds - timer.elapsedSeconds), to: since)
        if let due = timer.dueAt { earliest = min(earliest ?? due, due) }
      } else {
        timer.dueAt = nil
        if timer.metAt == nil, timer.elapsedSeconds > timer.goalSeconds, timer.breachedAt == nil { timer.breachedAt = now }
      }
      if timer != before { try timer.save(db) }
    }
    if earliest != t.slaDueAt {
      try db.execute(sql: "UPDATE ticket SET sla_due_at = ? WHERE id = ?", arguments: [earliest, id])
    }
  }

  /// After a policy or calendar changes: every ticket still being worked on is measured again.
  func recomputeUnsolved(_ db: Database, now: Timestamp, actor: String) throws {
    let ids = try Int64.fetchAll(db, sql: "SELECT id FROM ticket WHERE status IN ('new', 'open', 'pending', 'on-hold') ORDER BY id")
    for id in ids { try reconcile(db, ticket: id, now: now, actor: actor) }
  }
}
