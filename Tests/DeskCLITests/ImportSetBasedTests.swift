import Foundation
import GRDB
import Testing

/// Issue 16, item 5: `db import` writes the rows of many tickets in one statement a table (and
/// may build indexes at the end); what it leaves is exactly what a row a statement left.
@Suite("ImportSetBasedTests: db import writes many rows a statement and leaves what a row a statement left")
struct ImportSetBasedTests {
  /// 1,200 tickets (more than one statement's worth), some without an id, one id twice, and one
  /// ticket with 2,100 messages (more than a statement holds), between customers and agents.
  static func lines() -> String {
    var out = ImportTests.lines(tickets: 1_200)
    out += """
      {"record":"ticket","subject":"No id, after 1300","customer":7,"tags":["b","a","b"],"messages":[{"author":"customer","body":"x"}]}
      {"record":"ticket","id":150,"subject":"Twice: skipped","customer":7}
      {"record":"customer","id":20,"name":"Late","email":"late@example.com"}
      {"record":"ticket","id":5000,"subject":"Far","customer":20,"status":"solved","rating":{"score":"bad","comment":"slow"}}
      {"record":"ticket","id":5000,"subject":"Far again: skipped","customer":9}
      {"record":"ticket","subject":"No id, after 5000","customer":"late@example.com","status":"closed"}
      {"record":"agent","login":"carol","name":"Carol"}
      {"record":"ticket","id":42,"subject":"Below the others","assignee":"carol","customer":20,"status":"open"}

      """
    let many = (1...2_100).map { #"{"author":"\#($0 % 2 == 0 ? "agent" : "customer")","body":"Part \#($0)","created_at":"2026-04-01T10:00:00Z"}"# }
    out += #"{"record":"ticket","subject":"Long","customer":8,"assignee":"carol","messages":[\#(many.joined(separator: ","))]}"# + "\n"
    return out
  }

  /// Every table (`Sandbox.snapshot`) but the templates `db init` wrote (stamped with the real
  /// time), the AUTOINCREMENT sequences and the schema's indexes and triggers.
  static func contents(_ s: Sandbox) throws -> String {
    try s.snapshot().components(separatedBy: "## ").filter { !$0.hasPrefix("template\n") }.joined(separator: "## ") + "## sqlite_sequence\n"
      + (try s.scalar("SELECT group_concat(name || '=' || seq, ',') FROM (SELECT name, seq FROM sqlite_sequence ORDER BY name)") ?? "")
      + "\n## schema\n" + (try Self.schema(s, "index", "trigger"))
  }

  /// The schema's objects of these types (index, trigger…), by name, with their SQL.
  static func schema(_ s: Sandbox, _ types: String...) throws -> String {
    let listed = types.map { "'\($0)'" }.joined(separator: ", ")
    return try #require(
      try s.scalar(
        "SELECT group_concat(name || ': ' || sql, char(10)) FROM (SELECT name, sql FROM sqlite_master WHERE type IN (\(listed)) ORDER BY name)"
      ))
  }

  @Test("an import in one transaction leaves the database an import of a record a transaction leaves, ids and search included")
  func sameAsARowAStatement() throws {
    let whole = ImportTests.desk()
    let one = ImportTests.desk()
    let file = whole.dir + "/in.jsonl"
    try Self.lines().write(toFile: file, atomically: true, encoding: .utf8)
    let summary = "imported 3 agents, 4 customers, 1205 tickets, 4501 messages, 801 ratings; skipped 3 already there\n"
    #expect(whole.ok("db", "import", file).stdout == summary)
    #expect(one.ok("db", "import", file, "--batch", "1").stdout == summary)
    #expect(try Self.contents(whole) == Self.contents(one))
    // Tickets without an id continue after the largest there has been, as AUTOINCREMENT numbers them.
    #expect(
      try whole.scalar("SELECT group_concat(id || ':' || subject, '|') FROM (SELECT id, subject FROM ticket WHERE id NOT BETWEEN 101 AND 1300 ORDER BY id)")
        == "42:Below the others|1301:No id, after 1300|5000:Far|5001:No id, after 5000|5002:Long")
    #expect(try whole.scalar("SELECT count(*) FROM message WHERE ticket_id = 5002") == "2100")
    #expect(try whole.scalar("SELECT group_concat(tag, ',') FROM (SELECT tag FROM ticket_tag WHERE ticket_id = 1301 ORDER BY tag)") == "a,b")
    for s in [whole, one] {
      #expect(try ImportSearchIndexTests.found(s, "part") == [5002])
      #expect(try ImportSearchIndexTests.found(s, "answer") == Array(101...1300))
      #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
    }
  }

  @Test("a ticket without an id after a deleted one gets the next number AUTOINCREMENT gives, not a reused one")
  func numbersAfterTheSequence() throws {
    let s = ImportTests.desk()
    s.ok("customer", "add", "Zoe", "--email", "zoe@example.com")
    s.ok("ticket", "new", "Mine", "--customer", "zoe@example.com", "-m", "Hello")
    // As if tickets up to 500 had been there and gone: the sequence is past the largest id.
    let queue = try DatabaseQueue(path: s.db)
    defer { try? queue.close() }
    try queue.write { try $0.execute(sql: "UPDATE sqlite_sequence SET seq = 500 WHERE name = 'ticket'") }
    let lines = """
      {"record":"ticket","subject":"A","customer":"zoe@example.com"}
      {"record":"ticket","id":3,"subject":"B","customer":"zoe@example.com"}
      {"record":"ticket","subject":"C","customer":"zoe@example.com"}

      """
    #expect(s.ok("db", "import", "-", stdin: lines).stdout == "imported 0 agents, 0 customers, 3 tickets, 0 messages, 0 ratings; skipped 0 already there\n")
    #expect(try s.scalar("SELECT group_concat(id || ':' || subject, ',') FROM (SELECT id, subject FROM ticket ORDER BY id)") == "1:Mine,3:B,501:A,502:C")
    #expect(try s.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'ticket'") == "502")
    #expect(s.ok("ticket", "new", "Next", "--customer", "zoe@example.com", "--format", "ids").stdout == "503\n")
  }

  @Test("after an import, in one transaction or in batches, the indexes and triggers are a freshly migrated database's")
  func schemaAsMigrated() throws {
    let fresh = try Self.schema(Sandbox(), "index", "trigger")
    for batch in ["0", "300"] {
      let s = ImportTests.desk()
      let file = s.dir + "/in.jsonl"
      try ImportTests.lines(tickets: 700).write(toFile: file, atomically: true, encoding: .utf8)
      s.ok("db", "import", file, "--batch", batch)
      #expect(try Self.schema(s, "index", "trigger") == fresh)
      #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
    }
  }
}
