import Foundation
import GRDB

/// The one owner of the SQLite connection: opens, migrates, and runs each command's work
/// in a single transaction.
public struct AppDatabase: @unchecked Sendable {
  public let path: String
  public let isReadOnly: Bool
  let queue: DatabaseQueue
  private let journal = JournalSetUp()

  /// Opens (creating with mode 0600 if missing) and migrates the database at `path`.
  /// A file nobody may write is opened read-only, even by root, so a `chmod a-w` is honoured.
  public static func open(path: String, busyTimeout: TimeInterval = 5) throws -> AppDatabase {
    let fm = FileManager.default
    var readOnly = false
    if fm.fileExists(atPath: path) {
      var info = stat()
      if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
        throw DeskError.databaseDamaged("\(path) is a directory, not a desk database")
      }
      readOnly = access(path, W_OK) != 0 || (info.st_mode & 0o222) == 0
      if access(path, R_OK) != 0 {
        throw DeskError.permissionDenied("cannot read the database \(path): permission denied")
      }
      // An empty file made with touch is about to hold the desk: make it private first.
      if info.st_size == 0, !readOnly, (info.st_mode & 0o077) != 0, chmod(path, 0o600) != 0 {
        throw DeskError.permissionDenied("cannot make the empty database \(path) private: \(String(cString: strerror(errno)))")
      }
    } else if let problem = createPrivateFile(path) {
      throw DeskError.cannotCreate("cannot create the database \(path): \(problem)")
    }
    var config = Configuration()
    config.readonly = readOnly
    config.foreignKeysEnabled = true
    // WAL is set up by the first write (`ensureWAL`), not by the open: a command that only
    // reads skips GRDB's WAL set-up, which writes to the file when no -wal file exists.
    config.journalMode = .default
    config.busyMode = .timeout(busyTimeout)
    config.label = "desk"
    do {
      let queue = try DatabaseQueue(path: path, configuration: config)
      let db = AppDatabase(path: path, isReadOnly: readOnly, queue: queue)
      try db.migrate()
      return db
    } catch {
      throw AppDatabase.translate(error, path: path)
    }
  }

  /// An in-memory database for tests.
  public static func inMemory() throws -> AppDatabase {
    let queue = try DatabaseQueue()
    let db = AppDatabase(path: ":memory:", isReadOnly: false, queue: queue)
    db.journal.done = true  // memory has no WAL
    try db.migrate()
    return db
  }

  private func migrate() throws {
    let migrator = AppDatabase.migrator
    let state = try queue.read { db in
      (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
    }
    if state.0 {
      throw DeskError.configuration(
        "the database \(path) was written by a newer desk than this one (\(deskVersion))",
        hint: "upgrade desk; this one will not touch a schema it does not know")
    }
    if !state.1 {
      if isReadOnly {
        throw DeskError.databaseReadOnly("the database \(path) is read-only and needs a schema upgrade")
      }
      try queue.writeWithoutTransaction { try ensureWAL($0) }
      try migrator.migrate(queue)
    }
  }

  /// Whether this connection has put the database in WAL mode; the mode is kept in the file,
  /// so this is one pragma in a process, and nothing for one that only reads.
  private final class JournalSetUp: @unchecked Sendable {
    var done = false
  }

  /// Puts the database in WAL mode (persistent) and this connection in synchronous NORMAL,
  /// as GRDB's `journalMode = .wal` would on open, once, before the first write.
  private func ensureWAL(_ db: Database) throws {
    guard !journal.done else { return }
    guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
      throw DeskError.databaseDamaged("cannot put the database \(path) in WAL mode")
    }
    try db.execute(sql: "PRAGMA synchronous = NORMAL")
    journal.done = true
  }

  /// Creates an empty file only its owner may read and write (and its directory, 0700).
  /// Returns why it could not, or nil.
  static func createPrivateFile(_ path: String) -> String? {
    let dir = (path as NSString).deletingLastPathComponent
    if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
      do {
        try FileManager.default.createDirectory(
          atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        return "cannot create the directory \(dir)"
      }
    }
    let fd = PrivateFile.openNew(path)
    if fd < 0 { return String(cString: strerror(errno)) }
    close(fd)
    return nil
  }

  /// One write transaction. `BEGIN IMMEDIATE` takes the write lock up front, so concurrent
  /// writers wait on the busy timeout instead of failing half-way. `dryRun` rolls it back:
  /// the result says what the change would do, and nothing is kept.
  ///
  /// `itemSavepoints`: the transaction does many items, each in a savepoint of its own (cron).
  /// SQLite copies every page a savepoint changes into a statement journal, a temporary file once
  /// it passes 64 KiB: a cron reminder changes some 60 pages, so 10,000 of them made 2 million
  /// writes to it (issue 16). Here the journal is kept in memory for the transaction; that is
  /// bounded only while no savepoint stays open around the items, which the caller sees to.
  public func write<T>(dryRun: Bool = false, itemSavepoints: Bool = false, _ body: (Database) throws -> T) throws -> T {
    if isReadOnly { throw DeskError.databaseReadOnly("the database \(path) is read-only") }
    do {
      return try queue.writeWithoutTransaction { db in
        try ensureWAL(db)
        if itemSavepoints { try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        defer { if itemSavepoints { try? db.execute(sql: "PRAGMA temp_store = DEFAULT") } }
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return dryRun ? .rollback : .commit
        }
        return result!
      }
    } catch {
      throw AppDatabase.translate(error, path: path)
    }
  }

  public func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try queue.read(body)
    } catch {
      throw AppDatabase.translate(error, path: path)
    }
  }

  /// Maps SQLite's failures to desk's errors and exit codes.
  static func translate(_ error: any Error, path: String) -> any Error {
    guard let dbError = error as? DatabaseError else { return error }
    switch dbError.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return DeskError.databaseBusy("the database \(path) is busy")
    case .SQLITE_NOTADB:
      return DeskError.databaseDamaged(
        "\(path) is not a desk database (file is not a database)",
        hint: "check --db / DESK_DB, or restore from a backup")
    case .SQLITE_CORRUPT:
      return damage(dbError, path: path) ?? error
    case .SQLITE_READONLY:
      return DeskError.databaseReadOnly("the database \(path) is read-only")
    case .SQLITE_FULL:
      return DeskError.temporary("cannot write the database \(path): the disk is full", hint: "free some space and try again")
    case .SQLITE_NOMEM,
      .SQLITE_IOERR where dbError.extendedResultCode == .SQLITE_IOERR_NOMEM:
      return DeskError.temporary("cannot use the database \(path): out of memory", hint: "try again")
    case .SQLITE_CANTOPEN, .SQLITE_IOERR:
      return DeskError.databaseDamaged("cannot use the database \(path): \(dbError.message ?? "I/O error")")
    case .SQLITE_PERM, .SQLITE_AUTH:
      return DeskError.permissionDenied("cannot use the database \(path): permission denied")
    default:
      return error
    }
  }
}

#if canImport(Glibc)
  import Glibc
  func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Glibc.open(path, flags, mode) }
#else
  import Darwin
  func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Darwin.open(path, flags, mode) }
#endif
