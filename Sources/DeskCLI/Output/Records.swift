import ArgumentParser
import DeskCore

/// How a command prints records: `--format table|json|jsonl|csv|tsv|ids`.
enum OutputFormat: String, ArgumentChoice {
  case table, json, jsonl, csv, tsv, ids
}

/// One value of one field, kept typed until the format decides how it reads.
enum Cell {
  case null
  case text(String)
  case int(Int64)
  case bool(Bool)
  case time(Timestamp)
  case list([String])
  /// Counts in a row (a tag's tickets per week): numbers in JSON, `4,0,2` in text.
  case numbers([Int64])
  case json(JSON)
  /// A length of time: seconds for programs, `3h 20m` for people.
  case seconds(Int64)
  /// A share: 0.8750 for programs, 88% for people.
  case ratio(Double)

  init(_ s: String?) { self = s.map(Cell.text) ?? .null }
  init(_ n: Int64?) { self = n.map(Cell.int) ?? .null }
  init(_ t: Timestamp?) { self = t.map(Cell.time) ?? .null }

  var json: JSON {
    switch self {
    case .null: return .null
    case .text(let s): return .string(s)
    case .int(let n): return .int(n)
    case .bool(let b): return .bool(b)
    case .time(let t): return .string(t.iso8601)
    case .list(let items): return .array(items.map(JSON.string))
    case .numbers(let items): return .array(items.map(JSON.int))
    case .json(let j): return j
    case .seconds(let s): return .int(s)
    case .ratio(let r): return .double(r)
    }
  }

  /// Exact text for CSV, TSV and ids: UTC times, lists joined by commas.
  var plain: String {
    var bytes: [UInt8] = []
    appendPlain(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Whether `plain` can hold a TAB, a line break or a backslash: numbers, times and flags never do,
  /// so a TSV row scans only its text (issue 16: the scan was 6% of listing 100,000 tickets).
  var mayNeedEscaping: Bool {
    switch self {
    case .text, .list, .json: return true
    case .null, .int, .bool, .time, .numbers, .seconds, .ratio: return false
    }
  }

  /// Appends the bytes of `plain`, so that a row is written without making a String a cell.
  func appendPlain(to out: inout [UInt8]) {
    switch self {
    case .null: break
    case .text(let s): out += s.utf8
    case .int(let n): Cell.appendDecimal(n, to: &out)
    case .bool(let b): out += (b ? "true" : "false").utf8
    case .time(let t): t.appendISO8601(to: &out)
    case .list(let items):
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        out += item.utf8
      }
    case .numbers(let items):
      for (i, n) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        Cell.appendDecimal(n, to: &out)
      }
    case .json(let j): out += j.encoded.utf8
    case .seconds(let s): Cell.appendDecimal(s, to: &out)
    case .ratio(let r): out += String(format: "%.4f", r).utf8
    }
  }

  /// `String(n)`'s digits, without the String.
  private static func appendDecimal(_ n: Int64, to out: inout [UInt8]) {
    if n < 0 { out.append(UInt8(ascii: "-")) }
    let start = out.count
    var m = n.magnitude
    repeat {
      out.append(UInt8(ascii: "0") + UInt8(m % 10))
      m /= 10
    } while m > 0
    out[start...].reverse()
  }

  /// For people: local times, one line.
  var human: String {
    switch self {
    case .null: return "-"
    case .time(let t): return t.localShort
    case .seconds(let s): return Duration(seconds: s).humane
    case .ratio(let r): return String(format: "%.0f%%", r * 100)
    case .text(let s): return VisibleText.line(s)
    case .list(let items): return items.map(VisibleText.line).joined(separator: ",")
    default: return VisibleText.line(plain)
    }
  }
}

/// A named field of a record type; the name is the JSON key, the CSV header and the table column.
struct Field<T> {
  let name: String
  let value: (T) -> Cell
  init(_ name: String, _ value: @escaping (T) -> Cell) {
    self.name = name
    self.value = value
  }
}

/// The fields a record type offers and the ones a table shows by default.
struct Schema<T> {
  let fields: [Field<T>]
  let tableDefault: [String]
  /// The free-text columns a narrow terminal shortens, the widest first.
  var flexible: [String] = ["subject"]
  /// Default columns a terminal too narrow for the free-text ones leaves out, in this order.
  var droppable: [String] = []
  var idField: String = "id"

  /// These fields, read from a value that holds the record (a card holds its ticket).
  func fields<Whole>(of part: KeyPath<Whole, T>) -> [Field<Whole>] {
    fields.map { field in Field(field.name) { field.value($0[keyPath: part]) } }
  }

  /// Every field of `item`, as JSON: a record nested in another (a card's customer, its timers).
  func object(_ item: T) -> JSON { .object(fields.map { ($0.name, $0.value(item).json) }) }

  func select(_ requested: [String]?, for format: OutputFormat) throws -> [Field<T>] {
    let names = requested ?? (format == .table ? tableDefault : fields.map(\.name))
    return try names.map { name in
      guard let field = fields.first(where: { $0.name == name }) else {
        throw ValidationError("unknown field '\(name)'; valid fields: \(fields.map(\.name).joined(separator: ", "))")
      }
      return field
    }
  }
}

/// Streams records in the chosen format: nothing is collected except the first rows of a
/// table, which decide its column widths.
final class RecordWriter<T> {
  let format: OutputFormat
  private(set) var fields: [Field<T>]
  let schema: Schema<T>
  /// One record, as an object in JSON: what a command that names or makes one record prints.
  let one: Bool
  private var count = 0
  /// The row being written, reused: one write a row, no String a cell.
  private var bytes: [UInt8] = []
  private var pending: [[String]] = []
  private var widths: [Int]? = nil
  /// The width the table fits, nil for none (piped, no COLUMNS).
  private let limit = Terminal.width
  private let noPager: Bool
  /// Whether the table shows the default columns, of which a narrow terminal may leave some out.
  private let defaultColumns: Bool
  private let style = Style(enabled: Terminal.useColor)
  private static var tableSample: Int { 500 }

  init(_ schema: Schema<T>, options: OutputOptions, one: Bool = false) throws {
    self.schema = schema
    self.one = one
    self.format = options.resolvedFormat
    self.fields = try schema.select(options.fieldList, for: format)
    self.noPager = options.noPager
    self.defaultColumns = options.fieldList == nil
  }

  func write(_ item: T) {
    defer { count += 1 }
    switch format {
    case .json where one:
      Terminal.write(object(item).encoded + "\n")
    case .json:
      Terminal.write((count == 0 ? "[\n" : ",\n") + object(item).encoded)
    case .jsonl:
      Terminal.write(object(item).encoded + "\n")
    case .csv:
      if count == 0 { Terminal.write(fields.map { csv($0.name) }.joined(separator: ",") + "\n") }
      writeRow { out in
        for (i, field) in fields.enumerated() {
          if i > 0 { out.append(UInt8(ascii: ",")) }
          out += csv(spreadsheetSafe(field.value(item))).utf8
        }
      }
    case .tsv:
      if count == 0 { Terminal.write(fields.map(\.name).joined(separator: "\t") + "\n") }
      writeRow { out in
        for (i, field) in fields.enumerated() {
          if i > 0 { out.append(9) }
          let start = out.count
          let cell = field.value(item)
          cell.appendPlain(to: &out)
          if cell.mayNeedEscaping { escapeTSV(&out, from: start) }
        }
      }
    case .ids:
      let field = schema.fields.first(where: { $0.name == schema.idField }) ?? fields[0]
      writeRow { field.value(item).appendPlain(to: &$0) }
    case .table:
      let row = fields.map { $0.value(item).human }
      if widths == nil {
        pending.append(row)
        if pending.count >= RecordWriter.tableSample { flushTable() }
      } else {
        emit(row)
      }
    }
  }

  /// Whether only the records' ids are printed (`--format ids`): a listing may then read ids alone.
  var printsIDsOnly: Bool { format == .ids }

  /// One record given by its id alone, as `write` prints it with `--format ids`.
  func write(id: Int64) {
    defer { count += 1 }
    writeRow { Cell.int(id).appendPlain(to: &$0) }
  }

  /// Ends the output: closes a JSON array, prints a buffered table.
  func finish() {
    switch format {
    case .json where one: break
    case .json: Terminal.write(count == 0 ? "[]\n" : "\n]\n")
    case .table: if widths == nil { flushTable() }
    default: break
    }
  }

  func object(_ item: T) -> JSON {
    .object(fields.map { ($0.name, $0.value(item).json) })
  }

  private func flushTable() {
    guard !pending.isEmpty || count > 0 else {
      widths = []
      return
    }
    var header = fields.map { $0.name.uppercased() }
    var w = header.map(CellWidth.of)
    for row in pending { for (i, cell) in row.enumerated() { w[i] = max(w[i], CellWidth.of(cell)) } }
    if let limit {
      // Columns the free-text ones need room from go first, then those shrink to fit.
      for name in defaultColumns ? schema.droppable : [] where !fits(w, header: header, limit) {
        guard let i = fields.firstIndex(where: { $0.name == name }) else { continue }
        fields.remove(at: i)
        header.remove(at: i)
        w.remove(at: i)
        pending = pending.map { var row = $0; row.remove(at: i); return row }
      }
      w = fitted(w, header: header, to: limit)
    }
    widths = w
    Pager.start(forLines: pending.count + 1, disabled: noPager)
    Terminal.write(style.bold(line(header)) + "\n")
    for row in pending { emit(row) }
    pending = []
  }

  /// How narrow a free-text column may get: 16 cells, or its header, or what it holds if less.
  private func floors(_ natural: [Int], header: [String]) -> [(column: Int, floor: Int)] {
    fields.indices.filter { schema.flexible.contains(fields[$0].name) }.map { ($0, min(natural[$0], max(CellWidth.of(header[$0]), 16))) }
  }

  /// Whether the columns fit `limit` with the free-text ones at their floors.
  private func fits(_ natural: [Int], header: [String], _ limit: Int) -> Bool {
    var w = natural
    for (column, floor) in floors(natural, header: header) { w[column] = floor }
    return w.reduce(0, +) + 2 * (w.count - 1) <= limit
  }

  /// Column widths that fit `limit` cells: the widest free-text column loses a cell at a time,
  /// down to its floor; what still does not fit is cut at the end of the line, so that no row wraps.
  private func fitted(_ natural: [Int], header: [String], to limit: Int) -> [Int] {
    var w = natural
    let flexible = floors(natural, header: header)
    var excess = w.reduce(0, +) + 2 * (w.count - 1) - limit
    while excess > 0 {
      let shrinkable = flexible.filter { w[$0.column] > $0.floor }
      guard let widest = shrinkable.max(by: { w[$0.column] < w[$1.column] }) else { break }
      w[widest.column] -= 1
      excess -= 1
    }
    return w
  }

  private func emit(_ row: [String]) {
    Terminal.write(line(row) + "\n")
  }

  private func line(_ cells: [String]) -> String {
    guard let widths else { return "" }
    var out = ""
    for (i, raw) in cells.enumerated() {
      let cell = limit == nil ? raw : CellWidth.truncate(raw, to: widths[i])
      out += i == cells.count - 1 ? cell : CellWidth.pad(cell, to: widths[i]) + "  "
    }
    return limit.map { CellWidth.truncate(out, to: $0) } ?? out
  }

  /// CSV is read by spreadsheets: a text cell starting with `=`, `+`, `-`, `@`, TAB or CR would
  /// run as a formula there (`=HYPERLINK(…)`, `=cmd|…`), so it gets a leading `'` (OWASP's rule).
  /// Numbers, times and durations are desk's own and stay as they are; TSV and JSON stay exact.
  private func spreadsheetSafe(_ cell: Cell) -> String {
    let s = cell.plain
    switch cell {
    case .text, .list, .json:
      guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
      return "'" + s
    default: return s
    }
  }

  private func csv(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Builds one line in the reused buffer (the newline is added here) and writes it at once.
  private func writeRow(_ build: (inout [UInt8]) -> Void) {
    bytes.removeAll(keepingCapacity: true)
    build(&bytes)
    bytes.append(10)
    Terminal.write(bytes)
  }

  /// Escapes TAB, LF, CR and backslash in `out[start...]`, one pass over the bytes (long
  /// bodies are common), and only when the cell has one.
  private func escapeTSV(_ out: inout [UInt8], from start: Int) {
    // A loop over the raw bytes: `out[start...].contains(where:)` went through the generic slice.
    let needed = out.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) -> Bool in
      for i in start..<all.count {
        let b = all[i]
        if b == 9 || b == 10 || b == 13 || b == 92 { return true }
      }
      return false
    }
    guard needed else { return }
    let cell = Array(out[start...])
    out.removeSubrange(start...)
    for b in cell {
      switch b {
      case 9: out += [92, 116]  // \t
      case 10: out += [92, 110]  // \n
      case 13: out += [92, 114]  // \r
      case 92: out += [92, 92]
      default: out.append(b)
      }
    }
  }
}

extension RecordWriter {
  /// Writes a whole sequence and finishes.
  func writeAll<S: Sequence>(_ items: S) where S.Element == T {
    for item in items { write(item) }
    finish()
  }
}

extension OutputOptions {
  /// Refuses `--fields` that `schema` does not have (64). A command that writes calls this
  /// before it changes anything, so that a retried call makes no duplicate.
  func check<T>(_ schema: Schema<T>) throws {
    _ = try schema.select(fieldList, for: resolvedFormat)
  }
}

extension Schema {
  /// Prints one record in the chosen format: in JSON an object, never an array of one.
  func write(one item: T, _ output: OutputOptions) throws {
    try RecordWriter(self, options: output, one: true).writeAll([item])
  }

  /// What a write command prints about one record: the record in the format asked for,
  /// else one line such as `customer 4: added`.
  func report(_ item: T, _ output: OutputOptions, line: @autoclosure () -> String) throws {
    if output.isExplicit {
      try write(one: item, output)
    } else {
      Terminal.write(VisibleText.line(line()) + "\n")
    }
  }

  /// What a `show` command prints: on a terminal, with no format asked for, every field.
  func show(_ item: T, _ output: OutputOptions) throws {
    var output = output
    if !output.isExplicit, output.resolvedFormat == .table { output.fields = fields.map(\.name).joined(separator: ",") }
    try write(one: item, output)
  }
}

/// `; cleared: setting support.calendar, policy support` after a removal with --force; nothing when none.
func clearedNote(_ users: [String]) -> String {
  users.isEmpty ? "" : "; cleared: " + VisibleText.line(users.joined(separator: ", "))
}
