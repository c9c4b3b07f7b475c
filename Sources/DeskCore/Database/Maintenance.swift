import Foundation
import GRDB

/// What `desk db info` reports.
public struct DatabaseInfo: Sendable {
  public var path: String
  public var sizeBytes: Int64
  public var schemaVersion: String
  public var migrations: [String]
  public var sqliteVersion: String
  public var journalMode: String
  public var readOnly: Bool
  public var counts: [(table: String, rows: Int64)]
}

extension AppDatabase {
  /// SQLite's integrity check, the foreign-key check and FTS index checks; empty when healthy.
  public func check() throws -> [String] {
    let readOnly = isReadOnly
    do {
      return try queue.writeWithoutTransaction { db in try AppDatabase.problems(db, checkingSearch: !readOnly) }
    } catch {
      throw AppDatabase.translate(error, path: path)
    }
  }

  private static func problems(_ db: Database, checkingSearch: Bool) throws -> [String] {
    var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
    let fk = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
    problems += fk.map { "foreign key: \($0[0] as String) row \($0[1] as Int64? ?? -1) refers to a missing \($0[2] as String)" }
    for table in ["ticket_fts", "message_fts"] where checkingSearch {
      do {
        try db.execute(sql: "INSERT INTO \(table)(\(table), rank) VALUES ('integrity-check', 1)")
      } catch {
        problems.append("\(table): the search index does not match its table")
      }
    }
    return problems
  }

  /// Copies the live database to `destination` with SQLite's online backup; writers may go on.
  public func backup(to destination: String, replace: Bool) throws {
    let fm = FileManager.default
    if fm.fileExists(atPath: destination) {
      guard replace else {
        throw DeskError.invalidInput("\(destination) exists", hint: "use --force to replace it")
      }
      try? fm.removeItem(atPath: destination)
      try? fm.removeItem(atPath: destination + "-wal")
      try? fm.removeItem(atPath: destination + "-shm")
    }
    if let problem = AppDatabase.createPrivateFile(destination) {
      throw DeskError.cannotCreate("cannot create \(destination): \(problem)")
    }
    do {
      let target = try DatabaseQueue(path: destination)
      try queue.backup(to: target)
      try target.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
      try target.close()
    } catch {
      try? fm.removeItem(atPath: destination)
      throw AppDatabase.translate(error, path: destination)
    }
  }

  public func info() throws -> DatabaseInfo {
    let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    return try read { db in
      let migrations = try AppDatabase.migrator.appliedMigrations(db)
      let tables = ["ticket", "message", "attachment", "customer", "agent", "history"]
      let counts = try tables.map { ($0, try Int64.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0) }
      return DatabaseInfo(
        path: path, sizeBytes: size, schemaVersion: migrations.last ?? "none", migrations: migrations,
        sqliteVersion: SQLiteInfo.libraryVersion,
        journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?", readOnly: isReadOnly,
        counts: counts)
    }
  }
}
