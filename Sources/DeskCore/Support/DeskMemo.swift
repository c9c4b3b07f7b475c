import GRDB
import Mustache

/// What desk would otherwise read or parse again for every item of a long run (`desk cron`).
/// Compiled templates are kept by their text, so they can never be stale. The SLA policies and
/// their calendars are kept only inside `remembering(_:_:)`, one transaction's work: a write
/// transaction holds the write lock, so no other process changes them meanwhile, and a change
/// this connection makes to their tables forgets them at once. (SQLite reports no rows of
/// `calendar_holiday`, a WITHOUT ROWID table; desk changes holidays only with their calendar's
/// row, `updated_at`, which it does report.)
final class DeskMemo: TransactionObserver, @unchecked Sendable {
  private var isRemembering = false
  private var policies: [SLAPolicy]?
  private var calendars: [Int64: BusinessCalendar] = [:]
  private var compiled: [String: MustacheTemplate] = [:]

  static let slaTables: Set<String> = ["sla_policy", "calendar"]

  /// Runs `body` (in a transaction) with the SLA policies and calendars remembered once read.
  func remembering<T>(_ db: Database, _ body: () throws -> T) rethrows -> T {
    db.add(transactionObserver: self)
    isRemembering = true
    defer {
      isRemembering = false
      forget()
      db.remove(transactionObserver: self)
    }
    return try body()
  }

  func policies(_ read: () throws -> [SLAPolicy]) rethrows -> [SLAPolicy] {
    if let policies { return policies }
    let read = try read()
    if isRemembering { policies = read }
    return read
  }

  func calendar(_ id: Int64, _ read: () throws -> BusinessCalendar) rethrows -> BusinessCalendar {
    if let known = calendars[id] { return known }
    let read = try read()
    if isRemembering { calendars[id] = read }
    return read
  }

  /// A template part compiled once per text (and name and part, which its errors name).
  func template(_ text: String, name: String, part: String, _ compile: () throws -> MustacheTemplate) rethrows -> MustacheTemplate {
    let key = "\(name)\u{0}\(part)\u{0}\(text)"
    if let known = compiled[key] { return known }
    let template = try compile()
    compiled[key] = template
    return template
  }

  private func forget() {
    policies = nil
    calendars = [:]
  }

  func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { DeskMemo.slaTables.contains(eventKind.tableName) }
  func databaseDidChange(with event: DatabaseEvent) { forget() }
  func databaseDidCommit(_ db: Database) { forget() }
  func databaseDidRollback(_ db: Database) { forget() }
}
