import GRDB

/// One timer as `sla status` shows it.
public struct SLAStatusRow: Sendable {
  public enum State: String, Sendable { case running, paused, met, breached, warned }
  public var ticketID: Int64
  public var subject: String
  public var assignee: String?
  public var policy: String?
  public var timer: SLATimer
  public var state: State
  public var goal: Duration
  /// Working time left on the calendar (negative: overdue); nil unless running.
  public var businessLeft: Duration?
  /// Wall-clock time left (negative: overdue); nil unless running.
  public var wallLeft: Duration?
}

/// `desk sla status` and `desk sla set`.
public struct SLA {
  let desk: Desk

  /// The timers of the given tickets, or of every unsolved ticket with a policy, soonest deadline first.
  public func status(_ ids: [Int64]?, each: (SLAStatusRow) throws -> Void) throws {
    let now = desk.clock.now
    try desk.database.read { db in
      var sql = """
        SELECT s.id, t.id, t.subject, a.login, p.name, p.calendar_id FROM sla_timer s
        JOIN ticket t ON t.id = s.ticket_id LEFT JOIN agent a ON a.id = t.assignee_id LEFT JOIN sla_policy p ON p.id = s.policy_id
        """
      if let ids {
        for id in ids { _ = try Ticket.fetch(db, id: id) }
        sql += " WHERE s.ticket_id IN (\(ids.map(String.init).joined(separator: ", "))) ORDER BY s.ticket_id, s.id"
      } else {
        sql += " WHERE \(TicketStatus.unsolvedSQL("t.status")) AND s.met_at IS NULL ORDER BY s.due_at IS NULL, s.due_at, s.id"
      }
      var calendars: [Int64: BusinessCalendar] = [:]
      let rows = try Row.fetchCursor(db, sql: sql)
      while let row = try rows.next() {
        let timer = try SLATimer(row: Row.fetchOne(db, sql: SLATimer.selectSQL + " WHERE id = ?", arguments: [row[0] as Int64])!)
        let calendarID: Int64? = row[5]
        let calendar: BusinessCalendar
        if let calendarID {
          if calendars[calendarID] == nil { calendars[calendarID] = try desk.calendars.load(db, id: calendarID) }
          calendar = calendars[calendarID]!
        } else {
          calendar = .always
        }
        try each(SLA.describe(timer, ticket: row[1], subject: row[2], assignee: row[3], policy: row[4], calendar: calendar, now: now))
      }
    }
  }

  static func describe(
    _ timer: SLATimer, ticket: Int64, subject: String, assignee: String?, policy: String?,
    calendar: BusinessCalendar, now: Timestamp
  ) -> SLAStatusRow {
    var state: SLAStatusRow.State
    var business: Duration? = nil
    var wall: Duration? = nil
    if let met = timer.metAt {
      state = timer.breachedAt != nil || timer.elapsedSeconds > timer.goalSeconds ? .breached : .met
      _ = met
    } else if let due = timer.dueAt, let since = timer.runningSince {
      let used = timer.elapsedSeconds + calendar.seconds(from: since, to: max(now, since))
      business = Duration(seconds: timer.goalSeconds - used)
      wall = due - now
      state = due <= now ? .breached : timer.warnedAt != nil ? .warned : .running
    } else {
      state = timer.breachedAt != nil || timer.elapsedSeconds > timer.goalSeconds ? .breached : .paused
      business = Duration(seconds: timer.goalSeconds - timer.elapsedSeconds)
    }
    return SLAStatusRow(
      ticketID: ticket, subject: subject, assignee: assignee, policy: policy, timer: timer, state: state,
      goal: Duration(seconds: timer.goalSeconds), businessLeft: business, wallLeft: wall)
  }

  /// Sets a ticket's SLA policy by hand (or back to `auto`), recorded in its history and
  /// reported to the leads. Agents may do it only while `sla.agents-may-change` is true.
  public func set(_ id: Int64, policy name: String, reason: String) throws -> Tickets.Outcome {
    let reason = try TextRules.line(reason, "the reason", maxCharacters: 500)
    return try desk.tickets.change(
      { ctx in
        let db = ctx.db
        let actor = ctx.actorAgent!
        if actor.role == .agent, !(try desk.settings.bool(db, "sla.agents-may-change")) {
          throw DeskError.permissionDenied(
            "agents may not change SLAs on this desk",
            hint: "ask a lead; a lead can allow it with desk config set sla.agents-may-change true")
        }
        let ticket = try Ticket.fetch(db, id: id)
        guard ticket.status != .closed else { throw Tickets.transitionError(ticket, to: .open) }
        let auto = name.lowercased() == "auto"
        let policyID = auto ? nil : try desk.policies.existing(db, name)
        let newName = auto ? "auto" : try desk.policies.fetch(db, id: policyID!).name
        let oldName = ticket.slaPinned ? (ticket.slaPolicy ?? "none") : "auto (\(ticket.slaPolicy ?? "none"))"
        if auto ? !ticket.slaPinned : (ticket.slaPinned && ticket.slaPolicyID == policyID) {
          return Tickets.Outcome(ticket: ticket, changed: false, summary: "SLA already \(newName)")
        }
        try db.execute(
          sql: "UPDATE ticket SET sla_pinned = ?, sla_policy_id = ? WHERE id = ?",
          arguments: [!auto, auto ? ticket.slaPolicyID : policyID, id])
        try ctx.record(id, "sla", from: oldName, to: "\(newName) (reason: \(reason))")
        try ctx.touch(id)
        ctx.touched.slaReported.insert(id)
        let text = "\(actor.login) changed the SLA of ticket #\(id) (\(ticket.subject)) from \(oldName) to \(newName): \(reason)"
        try desk.outbox.notifyLeads(
          db, event: "sla.changed", ticket: id, subject: "SLA of ticket #\(id) changed by \(actor.login)",
          body: text, dedupeKey: "sla-changed:\(id):\(db.lastInsertedRowID)", now: ctx.now)
        return Tickets.Outcome(ticket: ticket, changed: true, summary: "SLA \(oldName) → \(newName)")
      }, refresh: Tickets.refreshOutcome)
  }
}
