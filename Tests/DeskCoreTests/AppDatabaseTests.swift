import Foundation
import GRDB
import Testing

@testable import DeskCore

/// A private temporary directory, removed when the test is done with it.
final class TemporaryDirectory {
  let path: String
  init() throws {
    path = NSTemporaryDirectory() + "desk-core-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("AppDatabase")
struct AppDatabaseTests {
  func permissions(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return try #require(attributes[.posixPermissions] as? NSNumber).intValue
  }

  @Test("open creates a missing database private to its owner, in WAL mode, with its directory")
  func createsPrivateWALDatabase() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/nested/desk.db"
    let db = try AppDatabase.open(path: path)
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(try permissions(path) == 0o600)
    #expect(try permissions(dir.path + "/nested") == 0o700)
    #expect(try db.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    #expect(try db.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") } == 1)
    let info = try db.info()
    #expect(info.journalMode == "wal")
    #expect(info.migrations == AppDatabase.migrator.migrations)
    #expect(info.migrations.first == "v1-tickets")
    #expect(info.schemaVersion == AppDatabase.migrator.migrations.last)
    #expect(!info.readOnly)
    #expect(try db.check() == [])

    let desk = Desk(database: db, clock: DeskClock(fixed: testNow), login: "root")
    try desk.newTicket("written through the WAL")
    #expect(try permissions(path + "-wal") == 0o600)
    #expect(try permissions(path + "-shm") == 0o600)
  }

  @Test("a database keeps its data between opens")
  func reopen() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/desk.db"
    do {
      let desk = Desk(database: try AppDatabase.open(path: path), clock: DeskClock(fixed: testNow), login: "root")
      try desk.newTicket("persisted")
    }
    let desk = Desk(database: try AppDatabase.open(path: path), clock: DeskClock(fixed: testNow), login: "root")
    #expect(try desk.tickets.get(1).subject == "persisted")
    #expect(try permissions(path) == 0o600)
  }

  @Test("a file that is not a database is reported as damaged")
  func notADatabase() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/notes.txt"
    try Data(String(repeating: "these are my notes, not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
    let error = expectDeskError("database_damaged", exit: 74) { try AppDatabase.open(path: path) }
    #expect(error?.message == "\(path) is not a desk database (file is not a database)")
    #expect(error?.hint == "check --db / DESK_DB, or restore from a backup")
  }

  @Test("a directory is not a database")
  func directory() throws {
    let dir = try TemporaryDirectory()
    expectDeskError("database_damaged", exit: 74, message: "\(dir.path) is a directory, not a desk database") {
      try AppDatabase.open(path: dir.path)
    }
  }

  @Test("a database migrated by a newer desk is refused as a configuration error")
  func newerSchema() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/desk.db"
    _ = try AppDatabase.open(path: path)
    do {
      let queue = try DatabaseQueue(path: path)
      try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99-from-the-future')") }
      try queue.close()
    }
    let error = expectDeskError("configuration", exit: 78) { try AppDatabase.open(path: path) }
    #expect(error?.message == "the database \(path) was written by a newer desk than this one (\(deskVersion))")
    #expect(error?.hint == "upgrade desk; this one will not touch a schema it does not know")
  }

  @Test("an in-memory database is fully migrated and empty")
  func inMemory() throws {
    let db = try AppDatabase.inMemory()
    let info = try db.info()
    #expect(info.path == ":memory:")
    #expect(info.migrations == AppDatabase.migrator.migrations)
    #expect(
      info.counts.map { "\($0.table)=\($0.rows)" } == [
        "ticket=0", "message=0", "attachment=0", "customer=0", "agent=0", "history=0",
      ])
  }

  @Test("errors map to sysexits codes and stable names")
  func exitCodes() {
    let cases: [(DeskError, Int32, String)] = [
      (.usage("x"), 64, "usage"), (.invalidInput("x"), 65, "invalid_input"), (.notAllowed("x"), 65, "not_allowed"),
      (.notFound("x"), 66, "not_found"), (.unavailable("x"), 69, "unavailable"),
      (.cannotCreate("x"), 73, "cannot_create"), (.databaseDamaged("x"), 74, "database_damaged"),
      (.databaseBusy("x"), 75, "database_busy"), (.temporary("x"), 75, "temporary"),
      (.permissionDenied("x"), 77, "permission_denied"), (.databaseReadOnly("x"), 77, "database_read_only"),
      (.configuration("x"), 78, "configuration"), (.interrupted, 130, "interrupted"), (.unexpected("x"), 1, "unexpected"),
    ]
    for (error, exit, code) in cases {
      #expect(error.exitCode == exit, "\(error)")
      #expect(error.code == code, "\(error)")
    }
  }

  /// Issue 16: a cron duty's items are savepoints; SQLite copies the pages each changes into a
  /// statement journal, a temporary file past 64 KiB (2 million writes for 10,000 reminders).
  /// A write for such items keeps that journal in memory, and only for its transaction.
  @Test("a write of many savepoint items keeps the statement journal in memory, for that transaction only")
  func itemSavepoints() throws {
    let dir = try TemporaryDirectory()
    let db = try AppDatabase.open(path: dir.path + "/desk.db")
    let tempStore = { (db: Database) in try Int.fetchOne(db, sql: "PRAGMA temp_store") }
    #expect(try db.write { try tempStore($0) } == 0)
    // 200 items of 2 KB rows each: far past the 64 KiB a statement journal keeps in memory.
    let (inside, count) = try db.write(itemSavepoints: true) { db in
      try db.execute(sql: "CREATE TABLE item(id INTEGER PRIMARY KEY, body TEXT)")
      for i in 0..<200 {
        try db.inSavepoint {
          try db.execute(sql: "INSERT INTO item(id, body) VALUES (?, ?)", arguments: [i, String(repeating: "x", count: 2000)])
          return i % 50 == 49 ? .rollback : .commit
        }
      }
      return (try tempStore(db), try Int.fetchOne(db, sql: "SELECT count(*) FROM item"))
    }
    #expect(inside == 2)
    #expect(count == 196)
    #expect(try db.write { try tempStore($0) } == 0)
    #expect(try db.read { try tempStore($0) } == 0)
  }
}
