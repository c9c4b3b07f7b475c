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
    try db.cachedStatement(
      sql: """
        UPDATE sla_timer SET policy_id = ?, goal_seconds = ?, running_since = ?, elapsed_seconds = ?, due_at = ?, met_at = ?,
          breached_at = ?, warned_at = ? WHERE id = ?
        """
    ).execute(
      arguments: [policyID, goalSeconds, runningSince, elapsedSeconds, dueAt, metAt, breachedAt, warnedAt, id])
  }
}

/// Keeps a ticket's SLA timers true to its state. Every change to a ticket ends with
/// `reconcile`, in the same transaction, so timers start, pause, resume and stop at the
/// minute the change happened.
public struct SLATimers {
  let desk: Desk

  /// Chooses the ticket's targets again and brings its timers up to date. Each target comes on
  /// its own from the first candidate policy (see `Policies.candidates`) that sets it for this
  /// ticket's type and priority, on that policy's calendar and pauses.
  func reconcile(_ db: Database, ticket id: Int64, now: Timestamp, actor: String) throws {
    let t = try Ticket.fetch(db, id: id)
    let candidates = try desk.policies.candidates(db, for: t)
    var calendars: [Int64: BusinessCalendar] = [:]
    func calendar(_ policy: SLAPolicy) throws -> BusinessCalendar {
      guard let id = policy.calendarID else { return .always }
      if let known = calendars[id] { return known }
      let loaded = try desk.calendars.load(db, id: id)
      calendars[id] = loaded
      return loaded
    }
    var source: [SLATargetKind: (policy: SLAPolicy, goal: Int64)] = [:]
    for kind in SLATargetKind.allCases {
      for policy in candidates {
        if let goal = try policy.targets[kind]?.goal(type: t.type, priority: t.priority, calendar: calendar(policy)) {
          source[kind] = (policy, goal)
          break
        }
      }
    }
    // The ticket's policy, as listings show it: the pinned one, else the first that gives it a target.
    let main = t.slaPinned ? candidates.first : candidates.first { p in source.values.contains { $0.policy.id == p.id } }
    if main?.id != t.slaPolicyID {
      try db.cachedStatement(sql: "UPDATE ticket SET sla_policy_id = ? WHERE id = ?").execute(arguments: [main?.id, id])
      try db.cachedStatement(
        sql: "INSERT INTO history(ticket_id, at, actor, field, old_value, new_value) VALUES (?, ?, ?, 'sla policy', ?, ?)"
      ).execute(arguments: [id, now, actor, t.slaPolicy, main?.name])
    }
    let finished = t.status == .solved || t.status == .closed
    var timers = try Row.fetchAll(db.cachedStatement(sql: SLATimer.selectSQL + " WHERE ticket_id = ? ORDER BY id"), arguments: [id])
      .map(SLATimer.init(row:))

    // Timers whose target no policy gives any more are dropped, unless they were already measured.
    for kind in SLATargetKind.allCases where source[kind] == nil {
      for timer in timers where timer.target == kind && timer.metAt == nil {
        try db.cachedStatement(sql: "DELETE FROM sla_timer WHERE id = ?").execute(arguments: [timer.id])
      }
      timers.removeAll { $0.target == kind && $0.metAt == nil }
    }
    func start(_ kind: SLATargetKind, at: Timestamp, message: Int64? = nil) throws {
      try db.cachedStatement(
        sql: """
          INSERT INTO sla_timer(ticket_id, target, policy_id, goal_seconds, started_at, start_message_id, running_since)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """
      ).execute(
        arguments: [id, kind.rawValue, source[kind]?.policy.id, source[kind]?.goal ?? 0, at, message, at])
      timers.append(try SLATimer(row: Row.fetchOne(db.cachedStatement(sql: SLATimer.selectSQL + " WHERE id = ?"), arguments: [db.lastInsertedRowID])!))
    }
    for kind in [SLATargetKind.firstResponse, .resolution] where source[kind] != nil && !timers.contains(where: { $0.target == kind }) {
      try start(kind, at: t.createdAt)
    }
    // Next response: from the oldest customer message no agent has answered yet.
    var nextStops: [Int64: Timestamp] = [:]
    if source[.nextResponse] != nil, t.firstReplyAt != nil {
      for timer in timers where timer.target == .nextResponse && timer.metAt == nil {
        if let reply = try Row.fetchOne(
          db.cachedStatement(
            sql:
              "SELECT created_at FROM message WHERE ticket_id = ? AND author_kind = 'agent' AND visibility = 'public' AND id > ? ORDER BY id LIMIT 1"),
          arguments: [id, timer.startMessageID ?? 0])
        {
          nextStops[timer.id] = reply[0]
        }
      }
      let lastReply =
        try Int64.fetchOne(
          db.cachedStatement(sql: "SELECT max(id) FROM message WHERE ticket_id = ? AND author_kind = 'agent' AND visibility = 'public'"),
          arguments: [id])
        ?? 0
      if let waiting = try Row.fetchOne(
        db.cachedStatement(
          sql:
            "SELECT id, created_at FROM message WHERE ticket_id = ? AND author_kind = 'customer' AND visibility = 'public' AND id > ? ORDER BY id LIMIT 1"),
        arguments: [id, lastReply]),
        !timers.contains(where: { $0.target == .nextResponse && $0.startMessageID == waiting[0] })
      {
        try start(.nextResponse, at: waiting[1], message: waiting[0])
      }
    }

    var earliest: Timestamp? = nil
    for var timer in timers {
      let before = timer
      let chosen = source[timer.target]
      var stopAt: Timestamp? = nil
      switch timer.target {
      case .firstResponse: stopAt = t.firstReplyAt
      case .nextResponse: stopAt = nextStops[timer.id]
      case .resolution:
        if finished {
          stopAt = t.solvedAt ?? t.closedAt ?? now
        } else if timer.metAt != nil, chosen != nil {
          timer.metAt = nil  // reopened: the clock goes on from where it stopped
        }
      }
      if timer.metAt == nil, let chosen {
        let calendar = try calendar(chosen.policy)
        let paused = chosen.policy.pauseOn.contains(t.status)
        // A running deadline that has passed is a breach at that instant, whenever desk notices,
        // before a pause, a stop or a new target can move it.
        if timer.breachedAt == nil, timer.runningSince != nil, let due = timer.dueAt, due <= (stopAt ?? now) {
          try breach(db, &timer, at: due, now: now)
        }
        // A new target (type, priority, policy or calendar changed) is measured from the same start
        // and warned afresh; a breached timer keeps the target it broke.
        if timer.breachedAt == nil {
          if chosen.goal != timer.goalSeconds {
            timer.goalSeconds = chosen.goal
            timer.warnedAt = nil
          }
          timer.policyID = chosen.policy.id
        }
        if let stopAt {
          if let since = timer.runningSince { timer.elapsedSeconds += calendar.seconds(from: since, to: max(stopAt, since)) }
          timer.runningSince = nil
          timer.metAt = stopAt
        } else if paused, let since = timer.runningSince {
          timer.elapsedSeconds += calendar.seconds(from: since, to: max(now, since))
          timer.runningSince = nil
        } else if !paused, timer.runningSince == nil {
          timer.runningSince = now
        }
        // Over its target while stopped (a shorter target arrived): the instant it passed is unknown, so now.
        if timer.breachedAt == nil, timer.runningSince == nil, timer.elapsedSeconds > timer.goalSeconds {
          try breach(db, &timer, at: now, now: now)
        }
        if let breached = timer.breachedAt {
          timer.dueAt = breached  // a breach keeps its due time, through pauses and after it is met
        } else if let since = timer.runningSince {
          timer.dueAt = calendar.add(max(0, timer.goalSeconds - timer.elapsedSeconds), to: since)
        } else {
          timer.dueAt = nil
        }
        if timer.metAt == nil, let due = timer.dueAt { earliest = min(earliest ?? due, due) }
      }
      if timer != before { try timer.save(db) }
    }
    if earliest != t.slaDueAt {
      try db.cachedStatement(sql: "UPDATE ticket SET sla_due_at = ? WHERE id = ?").execute(arguments: [earliest, id])
    }
  }

  /// After a policy or calendar changes: every ticket still being worked on is measured again.
  func recomputeUnsolved(_ db: Database, now: Timestamp, actor: String) throws {
    let ids = try Int64.fetchAll(db, sql: "SELECT id FROM ticket WHERE \(TicketStatus.unsolvedSQL("status")) ORDER BY id")
    for id in ids { try reconcile(db, ticket: id, now: now, actor: actor) }
  }
}
