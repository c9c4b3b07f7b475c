import Foundation
import GRDB

/// One thing `desk cron` did (or, with --dry-run, would do).
public struct CronAction: Sendable {
  public var action: String  // sla-warning, sla-breach, sent, retry, failed, interrupted, would-…
  public var ticketID: Int64?
  public var target: String?
  public var outboxID: Int64?
  public var recipient: String?
  public var detail: String
}

/// A duty, or one item of it, that failed in a `desk cron` run; the rest went on.
public struct CronFailure: Sendable {
  public var duty: String  // SLA timer, pending reminder, auto-close, unanswered alert, or a whole duty
  public var ticketID: Int64?
  public var error: DeskError

  /// `pending reminder of ticket 3`.
  public var subject: String { duty + (ticketID.map { " of ticket \($0)" } ?? "") }
}

public struct CronReport: Sendable {
  public var actions: [CronAction] = []
  public var failures: [CronFailure] = []
  /// Set when another run holds the lease: this run did nothing.
  public var heldBy: String?
  public var deliveryFailed: Bool { actions.contains { $0.action == "failed" || $0.action == "retry" } }
}

/// `desk cron`: every time-based duty, exactly once, however often or concurrently it runs.
/// A lease in the database keeps overlapping runs apart; each duty records that it was done
/// (warned_at, breached_at, outbox states, unique dedupe keys) in the transaction that does it.
public struct Cron {
  let desk: Desk

  public func run(dryRun: Bool = false) throws -> CronReport {
    var report = CronReport()
    let lease = Lease(desk: desk, name: "cron")
    if !dryRun {
      if let holder = try lease.acquire(ttl: .minutes(10)) {
        report.heldBy = holder
        return report
      }
    }
    defer { if !dryRun { try? lease.release() } }
    // Each duty on its own: one that fails is reported and the next still runs; delivery always does.
    let log = CronLog()
    let duties: [(String, (Bool, CronLog) throws -> Void)] = [("SLA duties", slaDuties), ("automation duties", automationDuties)]
    for (duty, run) in duties {
      do { try run(dryRun, log) } catch { try log.failed(duty, ticket: nil, error) }
    }
    do { log.actions += try deliveries(dryRun: dryRun) } catch { try log.failed("delivery", ticket: nil, error) }
    report.actions = log.actions
    report.failures = log.failures
    return report
  }

  /// A duty's failure that the duty's transaction must not outlive: it is rolled back whole.
  struct Abort: Error {
    let error: any Error
  }

  /// What a run did and what failed, as the duties go.
  final class CronLog {
    var actions: [CronAction] = []
    var failures: [CronFailure] = []

    /// Keeps a failure; an interruption, or a duty that cannot leave its transaction whole, still stops the run.
    func failed(_ duty: String, ticket: Int64?, _ error: any Error) throws {
      if let error = error as? DeskError, error == .interrupted { throw error }
      if let abort = error as? Abort { throw abort.error }
      let deskError = error as? DeskError ?? .unexpected(String(describing: error))
      failures.append(CronFailure(duty: duty, ticketID: ticket, error: deskError))
    }
  }

  /// Does one item of a duty on its own: if it fails, what it wrote is undone, the failure is
  /// logged and recorded in the ticket's history (once while it repeats), and the duty goes on.
  func item(_ db: Database, _ duty: String, ticket: Int64?, dryRun: Bool, _ log: CronLog, _ body: () throws -> Void) throws {
    do {
      if dryRun {
        try body()
      } else {
        try db.inSavepoint {
          try body()
          return .commit
        }
      }
    } catch {
      try log.failed(duty, ticket: ticket, error)
      guard !dryRun, let ticket, let failure = log.failures.last else { return }
      let text = "\(duty): \(failure.error.message)"
      let last = try String.fetchOne(
        db, sql: "SELECT new_value FROM history WHERE ticket_id = ? AND field = 'cron failure' ORDER BY id DESC LIMIT 1",
        arguments: [ticket])
      if last != text {
        try db.execute(
          sql: "INSERT INTO history(ticket_id, at, actor, field, old_value, new_value) VALUES (?, ?, 'cron', 'cron failure', NULL, ?)",
          arguments: [ticket, desk.clock.now, text])
      }
    }
  }

  /// `desk outbox deliver`: delivery alone, under the same lease.
  public func deliverOnly(dryRun: Bool) throws -> CronReport {
    var report = CronReport()
    let lease = Lease(desk: desk, name: "cron")
    if !dryRun, let holder = try lease.acquire(ttl: .minutes(10)) {
      report.heldBy = holder
      return report
    }
    defer { if !dryRun { try? lease.release() } }
    report.actions = try deliveries(dryRun: dryRun)
    return report
  }

  private func deliveries(dryRun: Bool) throws -> [CronAction] {
    try desk.outbox.deliver(dryRun: dryRun).map { r in
      CronAction(
        action: r.outcome == .wouldSend ? "would-send" : r.outcome.rawValue, ticketID: r.message.ticketID, target: nil,
        outboxID: r.message.id, recipient: r.message.recipient ?? r.message.audience.rawValue,
        detail: r.error ?? "\(r.message.event) via \(r.adapter ?? "?") on \(r.message.channel)")
    }
  }

  /// Warnings before deadlines (to the assignee, or the team) and breaches (to the leads).
  func slaDuties(dryRun: Bool, _ log: CronLog) throws {
    let body = { (db: Database) throws in
      let now = desk.clock.now
      let horizon = (try Int64.fetchOne(db, sql: "SELECT max(warn_before) FROM sla_policy")) ?? 0
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT s.id, t.id, t.subject, a.login, p.name, p.warn_before, p.calendar_id FROM sla_timer s
          JOIN ticket t ON t.id = s.ticket_id LEFT JOIN agent a ON a.id = t.assignee_id LEFT JOIN sla_policy p ON p.id = s.policy_id
          WHERE s.due_at IS NOT NULL AND s.due_at <= ? AND s.met_at IS NULL AND s.breached_at IS NULL
          ORDER BY s.due_at, s.id
          """,
        arguments: [now + Duration(seconds: horizon)])
      for row in rows {
        try item(db, "SLA timer", ticket: row[1] as Int64, dryRun: dryRun, log) {
          var timer = try SLATimer(row: Row.fetchOne(db, sql: SLATimer.selectSQL + " WHERE id = ?", arguments: [row[0] as Int64])!)
          guard let due = timer.dueAt else { return }
          let ticket: Int64 = row[1]
          let subject: String = row[2]
          let assignee: String? = row[3]
          let policy: String = row[4] ?? "?"
          let warnBefore = Duration(seconds: row[5] ?? 900)
          let zone = try desk.calendars.load(db, id: row[6]).timeZone
          let what = timer.target.rawValue.replacingOccurrences(of: "_", with: " ")
          if due <= now {
            guard timer.breachedAt == nil else { return }
            if !dryRun {
              try desk.slaTimers.breach(db, &timer, at: due, now: now)
              try timer.save(db)
            }
            log.actions.append(
              CronAction(
                action: dryRun ? "would-breach" : "sla-breach", ticketID: ticket, target: timer.target.rawValue,
                outboxID: nil, recipient: "leads", detail: "due \(due.iso8601)"))
          } else if timer.warnedAt == nil, due - warnBefore <= now {
            let left = (due - now).humane
            let text =
              "Ticket #\(ticket) \"\(subject)\": the \(what) is due at \(due.wallClock(in: zone)), \(left) from now (policy \(policy))."
            if !dryRun {
              timer.warnedAt = now
              try timer.save(db)
              try desk.outbox.notify(
                db, login: assignee, event: "sla.warning", ticket: ticket,
                subject: "SLA warning: ticket #\(ticket) \(what) due in \(left)", body: text,
                dedupeKey: "sla-warning:\(timer.id):\(timer.goalSeconds)", now: now)
            }
            log.actions.append(
              CronAction(
                action: dryRun ? "would-warn" : "sla-warning", ticketID: ticket, target: timer.target.rawValue,
                outboxID: nil, recipient: assignee ?? "team", detail: "due \(due.iso8601), \(left) left"))
          }
        }
      }
    }
    try transaction(dryRun: dryRun, body)
  }

  /// One duty's transaction (read-only for --dry-run), in which the SLA policies and calendars
  /// are read once for all its items (see DeskMemo).
  func transaction(dryRun: Bool, _ body: (Database) throws -> Void) throws {
    if dryRun {
      try desk.database.read { db in try desk.memo.remembering(db) { try body(db) } }
    } else {
      try desk.database.write(itemSavepoints: true) { db in try desk.memo.remembering(db) { try body(db) } }
    }
  }
}
