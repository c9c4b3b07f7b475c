import Foundation
import Testing

/// `desk db import`: JSON lines in, tickets with their conversations out, all or nothing.
@Suite struct ImportTests {
  /// An empty desk with its admin root and an agent bob.
  static func desk() -> Sandbox {
    let s = Sandbox()
    s.ok("agent", "add", "root", "--role", "admin")
    s.ok("agent", "add", "bob", "--role", "agent")
    return s
  }

  /// Two agents, three customers, and `tickets` tickets with two messages each (ids kept).
  static func lines(tickets: Int) -> String {
    var out = """
      {"record":"agent","login":"adelia","name":"Adelia","role":"lead"}
      {"record":"agent","login":"boris","name":"Boris"}
      {"record":"agent","login":"bob","name":"Bob"}
      {"record":"customer","id":7,"name":"Anna","email":"anna@example.com","language":"ru","accounts":["100234"],"handles":["telegram:@anna"]}
      {"record":"customer","id":8,"name":"João","email":"joao@example.com","language":"pt"}
      {"record":"customer","name":"No Id","phone":"+15550100"}

      """
    for i in 1...tickets {
      out += """
        {"record":"ticket","id":\(100 + i),"subject":"Ticket \(i) «ёлка»","customer":\(i % 2 == 0 ? "7" : "\"joao@example.com\""),"channel":"telegram","type":"finance","priority":"high","status":"\(i % 3 == 0 ? "open" : "closed")","assignee":"\(i % 2 == 0 ? "adelia" : "boris")","created_at":"2026-03-02T10:00:00Z","tags":["import-\(i % 4)"],\(i % 3 == 0 ? "" : #""rating":{"score":"great"},"#)"messages":[{"author":"customer","body":"Body \(i); DROP TABLE ticket; --","created_at":"2026-03-02T10:00:00Z"},{"author":"agent","body":"Answer \(i)","created_at":"2026-03-02T11:00:00Z"}]}

        """
    }
    return out
  }

  @Test func importsTicketsWithTheirConversationsAndKeepsTheirNumbers() throws {
    let s = Self.desk()
    let file = s.dir + "/in.jsonl"
    try Self.lines(tickets: 3).write(toFile: file, atomically: true, encoding: .utf8)
    #expect(s.ok("db", "import", file).stdout == "imported 2 agents, 3 customers, 3 tickets, 6 messages, 2 ratings; skipped 1 already there\n")
    #expect(s.ok("ticket", "list", "--all", "--sort", "id", "--asc", "--fields", "id,subject,status,customer_name,assignee,tags,first_reply_at,closed_at").stdout == """
      id\tsubject\tstatus\tcustomer_name\tassignee\ttags\tfirst_reply_at\tclosed_at
      101\tTicket 1 «ёлка»\tclosed\tJoão\tboris\timport-1\t2026-03-02T11:00:00Z\t2026-03-02T11:00:00Z
      102\tTicket 2 «ёлка»\tclosed\tAnna\tadelia\timport-2\t2026-03-02T11:00:00Z\t2026-03-02T11:00:00Z
      103\tTicket 3 «ёлка»\topen\tJoão\tboris\timport-3\t2026-03-02T11:00:00Z\t

      """)
    #expect(try s.scalar("SELECT group_concat(author_kind || ':' || author_name || ':' || body, '|') FROM message WHERE ticket_id = 102") ==
      "customer:Anna:Body 2; DROP TABLE ticket; --|agent:adelia:Answer 2")
    #expect(try s.scalar("SELECT group_concat(new_value, ',') FROM history WHERE ticket_id = 101 ORDER BY id") == "closed,solved,closed")
    #expect(try s.scalar("SELECT count(*) FROM rating WHERE current = 1 AND score = 3") == "2")
    #expect(try s.scalar("SELECT count(*) FROM outbox") == "0")  // history, not new work: nothing is sent
    // The message index is written too: imported text is searchable.
    #expect(s.ok("ticket", "list", "--all", "--text", "answer", "--format", "ids", "--sort", "id", "--asc").stdout == "101\n102\n103\n")
    // New tickets continue after the imported numbers.
    #expect(s.ok("ticket", "new", "After", "--customer", "7", "--format", "ids").stdout == "104\n")
    // Again: everything with an id is already there.
    #expect(s.ok("db", "import", file, "--json").stdout.contains("\"skipped\":9"))
  }

  @Test("a customer of the file already here by email keeps their tickets in every batch, not only in the batch that found them")
  func renumberedCustomerAcrossBatches() throws {
    let s = Self.desk()
    s.ok("customer", "add", "Anna", "--email", "anna@example.com")
    let anna = try #require(try s.scalar("SELECT id FROM customer WHERE email = 'anna@example.com'"))
    let lines = """
      {"record":"customer","id":7,"name":"Anna","email":"anna@example.com"}
      {"record":"ticket","id":101,"subject":"First","customer":7,"messages":[{"author":"customer","body":"One"}]}
      {"record":"ticket","id":102,"subject":"Second","customer":7,"messages":[{"author":"customer","body":"Two"}]}

      """
    #expect(s.ok("db", "import", "-", "--batch", "1", stdin: lines).stdout
      == "imported 0 agents, 0 customers, 2 tickets, 2 messages, 0 ratings; skipped 1 already there\n")
    #expect(try s.scalar("SELECT group_concat(id, ',') FROM (SELECT id FROM ticket WHERE customer_id = \(anna) ORDER BY id)") == "101,102")
    #expect(try s.scalar("SELECT count(*) FROM customer") == "1")
  }

  @Test func aBadLineImportsNothingAndIsNamed() throws {
    let s = Self.desk()
    let before = try s.snapshot()
    let cases: [(String, Int32, String)] = [
      ("{\"record\":\"ticket\",\"subject\":\"x\",\"customer\":99}", 66, "desk: error: line 8: no customer 99 (hint: import customers before their tickets)\n"),
      ("not json", 65, "desk: error: line 8: not a JSON object\n"),
      ("{\"record\":\"ticket\",\"subject\":\"x\",\"status\":\"gone\"}", 65, "desk: error: line 8: status 'gone' is not a ticket status\n"),
      ("{\"record\":\"ticket\",\"subject\":\"x\",\"created_at\":\"yesterday\"}", 65, "desk: error: line 8: \"created_at\": 'yesterday' is not an ISO-8601 time\n"),
      ("{\"record\":\"ticket\",\"subject\":\"\"}", 65, "desk: error: line 8: the subject is empty\n"),
      ("{\"record\":\"ticket\",\"subject\":\"x\",\"assignee\":\"nobody\"}", 66, "desk: error: line 8: no agent 'nobody' (hint: import agents before their tickets)\n"),
      ("{\"record\":\"invoice\"}", 65, "desk: error: line 8: \"record\" must be agent, customer or ticket\n"),
      ("{\"record\":\"ticket\",\"id\":-3,\"subject\":\"x\"}", 65, "desk: error: line 8: \"id\" must be a whole number from 1 to 9007199254740991\n"),
    ]
    for (line, status, stderr) in cases {
      let r = s.run(["db", "import", "-"], stdin: Data((Self.lines(tickets: 1) + line + "\n").utf8))
      #expect(r.status == status, "\(line): \(r)")
      #expect(r.stderr == stderr, "\(line)")
    }
    let agent = s.run(["db", "import", "-", "--as", "bob"], stdin: Data(Self.lines(tickets: 1).utf8))
    #expect(agent.status == 77)
    #expect(try s.snapshot() == before)
  }

  @Test("an import killed with SIGKILL and run again ends with every record once")
  func crashAndResume() throws {
    let s = Self.desk()
    let file = s.dir + "/in.jsonl"
    try Self.lines(tickets: 40).write(toFile: file, atomically: true, encoding: .utf8)
    let killed = s.run(["db", "import", file, "--batch", "10"], env: ["DESK_FAILPOINT": "import.record=27"])
    #expect(killed.status == SIGKILL)
    // Two batches of ten records were committed before the kill; the third was not.
    #expect(try s.scalar("SELECT count(*) FROM ticket") == "14")
    #expect(s.ok("db", "check").status == 0)
    #expect(s.ok("db", "import", file, "--batch", "10").stdout == "imported 0 agents, 0 customers, 26 tickets, 52 messages, 17 ratings; skipped 20 already there\n")
    #expect(try s.scalar("SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || min(id) || ' ' || max(id) FROM ticket") == "40 40 101 140")
    #expect(try s.scalar("SELECT count(*) FROM message") == "80")
  }
}
