import Foundation
import Testing

/// Issue 14, item 8: nobody is locked out of a desk.
@Suite("trust: a desk always has an admin")
struct TrustAdminTests {
  @Test("the first agent of an empty desk is its admin, and says so")
  func firstAgentIsAdmin() throws {
    let s = Sandbox(agent: "bob")
    #expect(s.ok("agent", "add", "bob").stdout == "agent bob: added (admin: the first agent of a desk is its admin)\n")
    #expect(s.ok("agent", "add", "carol").stdout == "agent carol: added (agent)\n")
    #expect(
      try s.scalar("SELECT group_concat(login || ' ' || role, ', ') FROM (SELECT * FROM agent ORDER BY id)") == "bob admin, carol agent")
  }

  @Test("an import that would leave the desk without an active admin is refused and imports nothing")
  func importWithoutAdmin() throws {
    let s = Sandbox()
    let file = s.dir + "/in.jsonl"
    try """
    {"record":"agent","login":"adelia","name":"Adelia","role":"lead"}
    {"record":"agent","login":"boris","name":"Boris"}
    {"record":"customer","id":7,"name":"Anna","email":"anna@example.com"}

    """.write(toFile: file, atomically: true, encoding: .utf8)
    s.ok("agent", "list")  // an empty desk, made
    let before = try s.snapshot()
    let r = s.run("db", "import", file)
    #expect(r.status == 65)
    #expect(
      r.stderr
        == "desk: error: the import would leave the desk without an active admin (hint: add an agent with \"role\":\"admin\" first in the file, or desk agent add LOGIN --role admin before importing)\n"
    )
    #expect(try s.snapshot() == before)
    // The same file, with an admin first, goes in whole; so does it on a desk that has one.
    try ("{\"record\":\"agent\",\"login\":\"root\",\"role\":\"admin\"}\n" + String(contentsOfFile: file, encoding: .utf8))
      .write(toFile: s.dir + "/with-admin.jsonl", atomically: true, encoding: .utf8)
    #expect(
      s.ok("db", "import", s.dir + "/with-admin.jsonl").stdout
        == "imported 3 agents, 1 customers, 0 tickets, 0 messages, 0 ratings; skipped 0 already there\n")
    let other = Sandbox()
    other.ok("agent", "add", "root", "--role", "admin")
    #expect(
      other.ok("db", "import", file).stdout == "imported 2 agents, 1 customers, 0 tickets, 0 messages, 0 ratings; skipped 0 already there\n"
    )
  }
}
