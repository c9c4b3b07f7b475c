import Foundation
import GRDB
import Testing

/// Issue 16, item 5: `db import` writes the search index of each transaction in one pass at its
/// end (FTS5 flushed its pending terms at every statement, one tiny segment a row), and leaves
/// the search, the schema and `db check` exactly as an ordinary import did.
@Suite("ImportSearchIndexTests: db import writes the search index once a transaction")
struct ImportSearchIndexTests {
  /// The rows of both search indexes' storage: a segment written row by row takes many more
  /// than the one segment an index built in one pass takes.
  static func indexRows(_ s: Sandbox) throws -> String {
    try #require(
      try s.scalar(
        """
        SELECT (SELECT count(*) FROM ticket_fts_data) || ' ' || (SELECT count(*) FROM ticket_fts_idx) || ' '
          || (SELECT count(*) FROM message_fts_data) || ' ' || (SELECT count(*) FROM message_fts_idx)
        """))
  }

  /// Rebuilds both search indexes from their tables, as FTS5 builds them in one pass.
  static func rebuild(_ s: Sandbox) throws {
    let queue = try DatabaseQueue(path: s.db)
    defer { try? queue.close() }
    try queue.write { db in
      try db.execute(sql: "INSERT INTO ticket_fts(ticket_fts) VALUES ('rebuild'); INSERT INTO message_fts(message_fts) VALUES ('rebuild')")
    }
  }

  /// The ids text search finds for `text`, in order.
  static func found(_ s: Sandbox, _ text: String) throws -> [Int] {
    try s.ok("ticket", "list", "--all", "--text", text, "--format", "ids", "--sort", "id", "--asc").lines.map { try #require(Int($0)) }
  }

  static func triggers(_ s: Sandbox) throws -> String { try ImportSetBasedTests.schema(s, "trigger") }

  @Test("an import writes its search index in one pass, as a rebuild does, and finds every ticket")
  func onePass() throws {
    let s = ImportTests.desk()
    let triggers = try Self.triggers(s)
    let file = s.dir + "/in.jsonl"
    try ImportTests.lines(tickets: 40).write(toFile: file, atomically: true, encoding: .utf8)
    #expect(
      s.ok("db", "import", file).stdout == "imported 2 agents, 3 customers, 40 tickets, 80 messages, 27 ratings; skipped 1 already there\n")
    let imported = try Self.indexRows(s)
    try Self.rebuild(s)
    #expect(imported == (try Self.indexRows(s)))
    #expect(try Self.triggers(s) == triggers)
    #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
    #expect(try Self.found(s, "answer") == Array(101...140))
    #expect(try Self.found(s, "ёлка") == Array(101...140))
    // The triggers are back: what is written after the import is found too.
    s.ok("ticket", "new", "Scanner smoking", "--customer", "anna@example.com", "-m", "Smoke everywhere")
    #expect(s.ok("ticket", "list", "--all", "--text", "scanner", "--format", "ids").stdout == "141\n")
    #expect(s.ok("ticket", "list", "--all", "--text", "everywhere", "--format", "ids").stdout == "141\n")
    #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
  }

  @Test("an import in batches indexes every batch; a killed one leaves the index, its triggers and db check as the committed batches")
  func batchesAndKill() throws {
    let s = ImportTests.desk()
    // A ticket of the desk's own, before the import, stays indexed once.
    s.ok("customer", "add", "Zoe", "--email", "zoe@example.com")
    s.ok("ticket", "new", "Printer jammed", "--customer", "zoe@example.com", "-m", "The printer says nothing")
    let triggers = try Self.triggers(s)
    let file = s.dir + "/in.jsonl"
    try ImportTests.lines(tickets: 40).write(toFile: file, atomically: true, encoding: .utf8)
    let killed = s.run(["db", "import", file, "--batch", "10"], env: ["DESK_FAILPOINT": "import.record=27"])
    #expect(killed.status == SIGKILL)
    #expect(try Self.triggers(s) == triggers)
    #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
    // Two batches committed: 6 agents and customers, then tickets 101-114.
    #expect(try Self.found(s, "answer") == Array(101...114))
    #expect(
      s.ok("db", "import", file, "--batch", "10").stdout
        == "imported 0 agents, 0 customers, 26 tickets, 52 messages, 17 ratings; skipped 20 already there\n")
    #expect(try Self.triggers(s) == triggers)
    #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
    #expect(try Self.found(s, "answer") == Array(101...140))
    #expect(try Self.found(s, "«ёлка»") == Array(101...140))
    #expect(s.ok("ticket", "list", "--all", "--text", "printer", "--format", "ids").stdout == "1\n")
  }

  @Test("a bad line leaves the search index and its triggers as they were")
  func badLine() throws {
    let s = ImportTests.desk()
    let triggers = try Self.triggers(s)
    let index = try Self.indexRows(s)
    let before = try s.snapshot()
    let r = s.run(["db", "import", "-"], stdin: Data((ImportTests.lines(tickets: 5) + "not json\n").utf8))
    #expect(r.status == 65)
    #expect(r.stderr == "desk: error: line 12: not a JSON object\n")
    #expect(try s.snapshot() == before)
    #expect(try Self.indexRows(s) == index)
    #expect(try Self.triggers(s) == triggers)
  }
}
