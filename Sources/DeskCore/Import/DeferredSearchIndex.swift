import GRDB

/// The search index of an import's transaction, or of a cron run's reminders, written once at
/// its end instead of row by row by the insert triggers: FTS5 flushes its pending terms at every
/// statement savepoint, which cost an import more than all its rows and cron half its run
/// (issue 16). The two insert triggers are dropped for the transaction (or the savepoint) and
/// re-created from their own stored SQL before it ends, so no other connection ever sees them
/// gone, and a killed run, or a savepoint undone, rolls back with them in place. What was
/// written and undone in between (a cron item that failed alone) is simply not indexed.
struct DeferredSearchIndex {
  /// Each deferred trigger's stored SQL, and what fills its index at the end.
  private let triggers: [(name: String, sql: String)]
  /// Messages get ids after the newest one (no AUTOINCREMENT, one writer): those from here on are the import's.
  private let firstMessage: Int64
  private var tickets: [Int64] = []
  /// Ticket ids indexed a statement at a time, so that their list stays small.
  private static let ticketsPerStatement = 10_000

  init(_ db: Database) throws {
    triggers = try Row.fetchAll(
      db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('ticket_fts_insert', 'message_fts_insert')"
    ).map { ($0["name"], $0["sql"]) }
    for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger.name)") }
    firstMessage = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM message")!
  }

  private func defers(_ trigger: String) -> Bool { triggers.contains { $0.name == trigger } }

  /// A ticket the import inserted; its subject is indexed with the others.
  mutating func add(ticket id: Int64, _ db: Database) throws {
    guard defers("ticket_fts_insert") else { return }
    tickets.append(id)
    if tickets.count == Self.ticketsPerStatement { try indexTickets(db) }
  }

  private mutating func indexTickets(_ db: Database) throws {
    guard !tickets.isEmpty else { return }
    try db.execute(
      sql: "INSERT INTO ticket_fts(rowid, subject) SELECT id, subject FROM ticket WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
      arguments: ["[" + tickets.map(String.init).joined(separator: ",") + "]"])
    tickets.removeAll(keepingCapacity: true)
  }

  /// Indexes what the transaction inserted and puts the triggers back; call it last, before the commit.
  mutating func finish(_ db: Database) throws {
    try indexTickets(db)
    if defers("message_fts_insert") {
      try db.execute(
        sql: "INSERT INTO message_fts(rowid, body) SELECT id, body FROM message WHERE id >= ? ORDER BY id", arguments: [firstMessage])
    }
    for trigger in triggers { try db.execute(sql: trigger.sql) }
  }
}
