import Foundation
import GRDB

extension AppDatabase {
  /// Opens the database at `location`. The default location is created on first use; any other
  /// path must exist (`desk db init` makes one), so a mistyped path fails instead of making an
  /// empty desk.
  public static func open(_ location: DatabaseLocation) throws -> AppDatabase {
    if !location.isDefault, !FileManager.default.fileExists(atPath: location.path) {
      throw DeskError.notFound(
        "no database at \(location.path)", hint: "create it with desk db init \(location.path), or check --db / DESK_DB")
    }
    return try open(path: location.path)
  }

  /// Makes a desk database at `path` (missing directories 0700, the file 0600, migrated), or opens
  /// (and migrates forward) the desk database already there: `created` says which. A file that holds
  /// anything else is refused and left as it is.
  public static func create(path: String) throws -> (database: AppDatabase, created: Bool) {
    var info = stat()
    guard stat(path, &info) == 0 else { return (try open(path: path), true) }
    let refusal = "move it away, or choose another path"
    if (info.st_mode & S_IFMT) == S_IFDIR { throw DeskError.invalidInput("\(path) is a directory, not a desk database", hint: refusal) }
    let contents = info.st_size == 0 ? .nothing : contents(of: path)
    if contents == .other { throw DeskError.invalidInput("\(path) exists and is not a desk database", hint: refusal) }
    return (try open(path: path), contents == .nothing)
  }

  private enum Contents { case nothing, desk, other }

  /// What an existing file holds, found by reading only: an empty SQLite database holds nothing; one
  /// that ran desk's first migration is a desk (perhaps a newer one, which `open` refuses).
  private static func contents(of path: String) -> Contents {
    guard let queue = try? DatabaseQueue(path: path) else { return .other }
    defer { try? queue.close() }
    let found = try? queue.read { db -> Contents in
      if try migrator.appliedIdentifiers(db).contains(migrator.migrations[0]) { return .desk }
      return try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0 ? .nothing : .other
    }
    return found ?? .other
  }
}
