import Foundation
import GRDB

/// One step of the pending-reminder sequence: after `wait` (counted from the step before),
/// send `template`, and close the ticket if `closes`.
public struct ReminderStep: Sendable, Equatable {
  public var wait: Duration
  public var template: String?
  public var closes: Bool

  /// `2d=pending-reminder-1,3d=pending-reminder-2,72h=close:pending-closed`; empty: no reminders.
  public static func parse(_ spec: String) throws -> [ReminderStep] {
    let steps = try spec.split(separator: ",").map { raw -> ReminderStep in
      let parts = raw.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard parts.count == 2, let wait = Duration(parsing: parts[0]), wait.seconds > 0 else {
        throw DeskError.invalidInput("'\(raw)' is not a reminder step: write DURATION=TEMPLATE or DURATION=close[:TEMPLATE]")
      }
      if parts[1] == "close" { return ReminderStep(wait: wait, template: nil, closes: true) }
      if parts[1].hasPrefix("close:") { return ReminderStep(wait: wait, template: String(parts[1].dropFirst(6)), closes: true) }
      return ReminderStep(wait: wait, template: parts[1], closes: false)
    }
    if let i = steps.firstIndex(where: \.closes), i != steps.count - 1 {
      throw DeskError.invalidInput("close must be the last reminder step")
    }
    return steps
  }

  /// The setting's text for `steps`, as `parse` reads it.
  public static func spec(_ steps: [ReminderStep]) -> String {
    steps.map { step in
      let what = step.closes ? (step.template.map { "close:\($0)" } ?? "close") : step.template ?? ""
      return "\(step.wait.compact)=\(what)"
    }.joined(separator: ",")
  }

  /// `steps` without `template`: a closing step closes without it, another step goes and its wait
  /// is added to the next, so that the steps after it keep their times.
  static func removing(_ template: String, from steps: [ReminderStep]) -> [ReminderStep] {
    var out: [ReminderStep] = []
    var carried: Int64 = 0
    for var step in steps {
      step.wait = Duration(seconds: step.wait.seconds + carried)
      carried = 0
      guard step.template == template else {
        out.append(step)
        continue
      }
      if step.closes {
        step.template = nil
        out.append(step)
      } else {
        carried = step.wait.seconds
      }
    }
    return out
  }
}

/// The time-based duties of automation, each done once and recorded in the ticket's history
/// with "rule:…" as the actor.
extension Cron {
  func automationDuties(dryRun: Bool, _ log: CronLog) throws {
    let body = { (db: Database) throws in
      // A duty that cannot start (its setting is unreadable) is one failure; the others still run.
      // A duty writes only in its items, each its own savepoint; none is kept open around them,
      // or SQLite would hold a copy of every page each item changed until the duty ended.
      let duties: [(String, (Database, Bool, CronLog) throws -> Void)] = [
        ("pending reminders", pendingReminders), ("auto-close", closeSolved), ("unanswered alerts", unanswered),
      ]
      for (duty, run) in duties {
        do { try run(db, dryRun, log) } catch { try log.failed(duty, ticket: nil, error) }
      }
    }
    try transaction(dryRun: dryRun, body)
  }

  // The duty queries name their partial indexes (INDEXED BY): each reads only the few rows that
  // can be due, where the planner, going by status, would read every pending or open ticket.

  /// Reminders while a ticket waits on the customer, then closing it.
  private func pendingReminders(_ db: Database, dryRun: Bool, _ log: CronLog) throws {
    let now = desk.clock.now
    let steps = try ReminderStep.parse(try desk.settings.value(db, "pending.reminders"))
    guard let first = steps.first else { return }
    let due = try Row.fetchAll(
      db,
      sql:
        "SELECT id, pending_since, reminders_sent FROM ticket INDEXED BY ticket_pending WHERE pending_since <= ? AND status = 'pending' ORDER BY pending_since, id",
      arguments: [now - first.wait]
    ).compactMap { row -> (id: Int64, since: Timestamp, sent: Int)? in
      let since: Timestamp = row["pending_since"]
      let sent: Int = row["reminders_sent"]
      guard sent < steps.count, steps[...sent].reduce(since, { $0 + $1.wait }) <= now else { return nil }
      return (row["id"], since, sent)
    }
    // The reminders' messages are indexed for search once, after the last (see DeferredSearchIndex);
    // a run with none due leaves the schema alone.
    var search = dryRun || due.isEmpty ? nil : try DeferredSearchIndex(db)
    // The triggers are back, and the reminders indexed, before the transaction commits; what
    // stops that (or the loop, outside its items) rolls the whole transaction back.
    do {
      try remind(db, due, steps: steps, now: now, dryRun: dryRun, log)
      try search?.finish(db)
    } catch {
      throw Abort(error: error)
    }
  }

  private func remind(
    _ db: Database, _ due: [(id: Int64, since: Timestamp, sent: Int)], steps: [ReminderStep], now: Timestamp, dryRun: Bool,
    _ log: CronLog
  ) throws {
    for (id, since, sent) in due {
      let step = steps[sent]
      try item(db, "pending reminder", ticket: id, dryRun: dryRun, log) {
        let ctx = Tickets.Context(db: db, actor: "rule:pending-reminders", actorAgent: nil, now: now)
        if dryRun, let template = step.template {
          _ = try desk.templates.render(db, name: template, ticket: try Ticket.fetch(db, id: id), agentLogin: nil)
        }
        if !dryRun {
          if let template = step.template {
            try desk.tickets.sendTemplate(ctx, ticket: id, template: template, event: step.closes ? "pending.closed" : "pending.reminder")
          }
          Failpoint.hit("cron.reminder")
          try db.cachedStatement(sql: "UPDATE ticket SET reminders_sent = reminders_sent + 1 WHERE id = ?").execute(arguments: [id])
          try ctx.record(id, "reminder", from: "\(sent)", to: "\(sent + 1)")
          if step.closes {
            _ = try desk.tickets.move(ctx, try Ticket.fetch(db, id: id), to: .closed, force: true)
          }
          try desk.tickets.finish(ctx)
        }
        let what = step.closes ? "closed" : "reminder \(sent + 1)"
        log.actions.append(
          CronAction(
            action: (dryRun ? "would-" : "") + (step.closes ? "close" : "remind"), ticketID: id, target: nil,
            outboxID: nil, recipient: "customer",
            detail: "\(what) after \(Duration(seconds: (now - since).seconds).humane) pending"
              + (step.template.map { ", template \($0)" } ?? "")))
      }
    }
  }

  /// Solved tickets close after solved.close-after.
  private func closeSolved(_ db: Database, dryRun: Bool, _ log: CronLog) throws {
    guard let after = Duration(parsing: try desk.settings.value(db, "solved.close-after")), after.seconds > 0 else { return }
    let now = desk.clock.now
    let ids = try Int64.fetchAll(
      db, sql: "SELECT id FROM ticket INDEXED BY ticket_solved WHERE status = 'solved' AND solved_at <= ? ORDER BY solved_at, id",
      arguments: [now - after])
    for id in ids {
      try item(db, "auto-close", ticket: id, dryRun: dryRun, log) {
        if !dryRun {
          let ctx = Tickets.Context(db: db, actor: "rule:auto-close", actorAgent: nil, now: now)
          _ = try desk.tickets.move(ctx, try Ticket.fetch(db, id: id), to: .closed)
          try desk.tickets.finish(ctx)
        }
        log.actions.append(
          CronAction(
            action: dryRun ? "would-close" : "close", ticketID: id, target: nil, outboxID: nil, recipient: nil,
            detail: "solved more than \(after.compact) ago"))
      }
    }
  }

  /// A customer's message nobody answered within unanswered.after: the assignee (or the team) hears of it, once.
  private func unanswered(_ db: Database, dryRun: Bool, _ log: CronLog) throws {
    guard let after = Duration(parsing: try desk.settings.value(db, "unanswered.after")), after.seconds > 0 else { return }
    let now = desk.clock.now
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT t.id, t.subject, t.waiting_message_id, t.waiting_since, a.login FROM ticket t INDEXED BY ticket_waiting
        LEFT JOIN agent a ON a.id = t.assignee_id
        WHERE t.waiting_since <= ? AND t.status IN ('new', 'open') ORDER BY t.waiting_since, t.id
        """,
      arguments: [now - after])
    for row in rows {
      let id: Int64 = row[0]
      try item(db, "unanswered alert", ticket: id, dryRun: dryRun, log) {
        let subject: String = row[1]
        let message: Int64 = row[2]
        let since: Timestamp = row[3]
        let login: String? = row[4]
        let key = "unanswered:\(message)"
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM outbox WHERE dedupe_key IN (?, ?)", arguments: [key, "\(key):team"]) == true {
          return
        }
        let waited = (now - since).humane
        if !dryRun {
          try desk.outbox.notify(
            db, login: login, event: "ticket.unanswered", ticket: id, subject: "Unanswered for \(waited): ticket #\(id)",
            body: "The customer's message on ticket #\(id) \"\(subject)\" has waited \(waited) for an answer.", dedupeKey: key, now: now)
          let ctx = Tickets.Context(db: db, actor: "rule:unanswered", actorAgent: nil, now: now)
          try ctx.record(id, "notified", from: nil, to: "\(login ?? "team"): unanswered for \(waited)")
        }
        log.actions.append(
          CronAction(
            action: dryRun ? "would-notify" : "unanswered", ticketID: id, target: nil, outboxID: nil,
            recipient: login ?? "team", detail: "message \(message) waiting \(waited)"))
      }
    }
  }
}
