import GRDB

extension SLATimers {
  /// A timer passed its deadline at `due`: it is breached at that instant, whenever desk
  /// notices (cron, or the next change to the ticket), and the leads are told once.
  func breach(_ db: Database, _ timer: inout SLATimer, at due: Timestamp, now: Timestamp) throws {
    timer.breachedAt = due
    guard
      let row = try Row.fetchOne(
        db.cachedStatement(
          sql: """
            SELECT t.subject, a.login, p.name, p.calendar_id FROM ticket t LEFT JOIN agent a ON a.id = t.assignee_id
            LEFT JOIN sla_policy p ON p.id = ? WHERE t.id = ?
            """), arguments: [timer.policyID, timer.ticketID])
    else { return }
    let subject: String = row[0]
    let assignee: String? = row[1]
    let policy: String = row[2] ?? "?"
    let zone = try desk.calendars.load(db, id: row[3]).timeZone
    let what = timer.target.rawValue.replacingOccurrences(of: "_", with: " ")
    let text =
      "Ticket #\(timer.ticketID) \"\(subject)\" breached its \(what) target (policy \(policy)) at \(due.wallClock(in: zone)). Assignee: \(assignee ?? "nobody")."
    try desk.outbox.notifyLeads(
      db, event: "sla.breach", ticket: timer.ticketID, subject: "SLA breached: ticket #\(timer.ticketID) \(what)",
      body: text, dedupeKey: "sla-breach:\(timer.id):\(timer.goalSeconds)", now: now)
  }
}
