import GRDBSQLite

/// Facts about the SQLite library desk runs on.
public enum SQLiteInfo {
  public static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}
