import GRDB

/// Rows an import writes into one table, collected and inserted many at a time in one
/// multi-row `INSERT … VALUES (…), (…)` (issue 16): a statement a row paid SQLite's per-statement
/// work (a savepoint, `AUTOINCREMENT`'s sequence row, and a temporary b-tree for every
/// `CHECK (x IN (…))` and partial index `WHERE status IN (…)`: some 45,000 instructions each) five
/// to ten times a ticket. The rows go in in the order they were added, so they get the ids
/// a statement a row gave them.
struct RowBuffer {
  /// `INSERT INTO table(columns) VALUES`, or with `OR IGNORE`.
  private let head: String
  private let placeholders: String
  private let columns: Int
  /// Rows a statement: SQLite binds at most 32,766 values, and a few hundred rows already make
  /// the per-statement work small.
  let rowsPerStatement: Int
  private var values: [DatabaseValue] = []

  init(_ verb: String = "INSERT", into table: String, _ columns: [String]) {
    head = "\(verb) INTO \(table)(\(columns.joined(separator: ", "))) VALUES "
    placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    self.columns = columns.count
    rowsPerStatement = min(500, 32_766 / columns.count)
  }

  /// Rows added and not yet written.
  var count: Int { values.count / columns }

  mutating func add(_ row: [(any DatabaseValueConvertible)?]) {
    precondition(row.count == columns, "a row of \(head) has \(row.count) values")
    for value in row { values.append(value?.databaseValue ?? .null) }
  }

  /// Writes the rows added since the last call, a statement of `rowsPerStatement` rows at a time.
  mutating func write(_ db: Database) throws {
    var start = 0
    while start < values.count {
      let rows = min(rowsPerStatement, (values.count - start) / columns)
      let sql = head + Array(repeating: placeholders, count: rows).joined(separator: ", ")
      // The full-size statement is prepared once; the last, shorter one of a transaction is not kept.
      let statement = rows == rowsPerStatement ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
      try statement.execute(arguments: StatementArguments(values[start..<start + rows * columns]))
      start += rows * columns
    }
    values.removeAll(keepingCapacity: true)
  }
}
