import GRDB

extension AppDatabase {
  /// A failure that means the file no longer holds desk's schema — a table or column gone, the
  /// schema itself unreadable — as one line: SQLite's reason in printable ASCII, never the SQL
  /// or the raw bytes of a damaged schema. nil for any other failure.
  static func damage(_ error: DatabaseError, path: String) -> DeskError? {
    let reason = String((error.message ?? "corrupt").split(whereSeparator: \.isNewline).first ?? "corrupt")
    let schemaGone = ["no such table", "no such column", "malformed database schema"].contains { reason.hasPrefix($0) }
    guard error.resultCode == .SQLITE_CORRUPT || (error.resultCode == .SQLITE_ERROR && schemaGone) else { return nil }
    return DeskError.databaseDamaged(
      "the database \(path) is damaged: \(VisibleText.line(reason))",
      hint: "run desk db check, and restore from a backup")
  }
}
