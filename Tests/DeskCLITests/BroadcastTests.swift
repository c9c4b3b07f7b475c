import Foundation
import Testing

@Suite("tags, views and broadcasts")
struct BroadcastTests {
  static let channels = ["email", "telegram", "chat"]

  /// 80 customers on three channels; 103 tickets, customers 1–23 with two; all tagged outage.
  static func incident() throws -> Sandbox {
    let s = Sandbox.team()
    s.ok("customer", "edit", "1", "--name", "Customer 1")  // Anna is customer 1
    for i in 2...80 {
      s.ok("customer", "add", "Customer \(i)", "--email", "c\(i)@example.com", "--handle", "telegram:@c\(i)")
    }
    var n = 0
    for i in 1...80 {
      for _ in 0..<(i <= 23 ? 2 : 1) {
        n += 1
        s.ok("ticket", "new", "502 on login #\(n)", "--customer", "\(i)", "--channel", channels[i % 3])
      }
    }
    let ids = s.ok("ticket", "list", "--text", "502", "--format", "ids").stdout
    #expect(ids.split(separator: "\n").count == 103)
    let tagged = s.ok("tag", "add", "-", "Outage-2026-11-24", stdin: ids)
    #expect(tagged.stdout.hasSuffix("tagged 103 of 103 tickets\n"))
    s.ok("template", "add", "outage-fixed", "--subject", "Fixed: {{ticket.subject}}", "-m", "Hello {{customer.name}}, the outage is over.")
    return s
  }

  func checkResult(_ s: Sandbox) throws {
    // One message per customer (each customer's tickets are on one channel), rendered for them.
    let messages = try s.query { db in
      try String.fetchAll(
        db, sql: "SELECT channel || ' ' || recipient || ' ' || body FROM outbox WHERE event = 'broadcast' ORDER BY customer_id")
    }
    #expect(messages.count == 80)
    #expect(messages.first == "telegram @anna Hello Customer 1, the outage is over.")
    #expect(messages[1] == "chat c2@example.com Hello Customer 2, the outage is over.")
    #expect(messages[2] == "email c3@example.com Hello Customer 3, the outage is over.")
    #expect(messages[3] == "telegram @c4 Hello Customer 4, the outage is over.")
    #expect(Set(messages).count == 80)
    #expect(try s.scalar("SELECT count(DISTINCT customer_id) FROM outbox WHERE event = 'broadcast'") == "80")
    // A public reply on all 103 tickets, the tag gone, the tickets solved.
    #expect(
      try s.scalar(
        "SELECT count(DISTINCT ticket_id) FROM message WHERE body LIKE 'Hello Customer %, the outage is over.' AND visibility = 'public'")
        == "103")
    #expect(try s.scalar("SELECT count(*) FROM message WHERE body LIKE 'Hello Customer %, the outage is over.'") == "103")
    #expect(try s.scalar("SELECT count(*) FROM ticket_tag") == "0")
    #expect(try s.scalar("SELECT count(*) FROM ticket WHERE status = 'solved'") == "103")
    #expect(
      try s.scalar("SELECT state || ' ' || (SELECT count(*) FROM broadcast_recipient WHERE sent_at IS NOT NULL) FROM broadcast")
        == "done 80")
  }

  @Test("a broadcast reaches 80 customers once each, replies on all 103 tickets, and removes the tag")
  func broadcast() throws {
    let s = try Self.incident()
    let dry = s.ok(
      "broadcast", "send", "--tag", "outage-2026-11-24", "--template", "outage-fixed", "--dry-run", "--format", "csv",
      "--fields", "customer_id,channel,address,tickets,subject")
    #expect(dry.stdout.split(separator: "\n").count == 81)
    // CSV is for spreadsheets: a cell starting with @ would run as a formula there, so it gets a '.
    #expect(dry.stdout.split(separator: "\n")[1] == "1,telegram,'@anna,\"1,2\",Fixed: 502 on login #2")
    #expect(try s.scalar("SELECT count(*) FROM outbox") == "0")
    let noYes = s.run("broadcast", "send", "--tag", "outage-2026-11-24", "--template", "outage-fixed")
    #expect(noYes.status == 64)
    #expect(noYes.stderr.contains("--yes"))
    let agent = s.run("broadcast", "send", "--tag", "outage-2026-11-24", "--template", "outage-fixed", "--yes", env: ["DESK_AGENT": "bob"])
    #expect(agent.status == 77)
    let sent = s.ok(
      "broadcast", "send", "--tag", "outage-2026-11-24", "--template", "outage-fixed", "--solve", "--yes",
      env: ["DESK_AGENT": "adelia"])
    #expect(sent.stdout == "broadcast 1: sent to 80 of 80 customers, 103 tickets (done)\n")
    try checkResult(s)
  }

  @Test("a broadcast killed with SIGKILL halfway, run again, ends the same and sends nobody twice")
  func killedAndResumed() throws {
    let s = try Self.incident()
    let killed = s.run(
      ["broadcast", "send", "--tag", "outage-2026-11-24", "--template", "outage-fixed", "--solve", "--yes"],
      env: ["DESK_FAILPOINT": "broadcast.recipient=41"])
    #expect(killed.status == SIGKILL)  // killed by the failpoint, mid-broadcast
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE event = 'broadcast'") == "40")
    #expect(try s.scalar("SELECT state FROM broadcast") == "running")
    #expect(s.ok("db", "check").status == 0)
    let again = s.ok("broadcast", "send", "--tag", "outage-2026-11-24", "--template", "outage-fixed", "--solve", "--yes")
    #expect(again.stdout == "broadcast 1: sent to 80 of 80 customers, 103 tickets (done)\n")
    try checkResult(s)
    #expect(s.ok("broadcast", "resume", "1").stdout == "broadcast 1: sent to 80 of 80 customers, 103 tickets (done)\n")
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE event = 'broadcast'") == "80")
  }

  @Test("tag stats count tickets and customers per week; tag list, rename, merge; bad tags refused")
  func tagStats() throws {
    let s = Sandbox.team()
    s.ok("customer", "add", "Boris", "--email", "boris@example.com")
    // Week of Mon 2026-11-16: two tickets of Anna, one of Boris. Week of Mon 2026-11-23: one of Anna.
    s.ok("ticket", "new", "CSV export", "--customer", "1", "--tag", "wish-export", env: ["DESK_NOW": "2026-11-16T09:00:00Z"])
    s.ok("ticket", "new", "XLSX export", "--customer", "1", "--tag", "wish-export", env: ["DESK_NOW": "2026-11-22T23:59:00Z"])
    s.ok(
      "ticket", "new", "Export please", "--customer", "2", "--tag", "wish-export", "--tag", "wish-dark",
      env: ["DESK_NOW": "2026-11-18T09:00:00Z"])
    s.ok("ticket", "new", "Export again", "--customer", "1", "--tag", "WISH-Export", env: ["DESK_NOW": "2026-11-23T00:00:00Z"])
    s.ok("ticket", "new", "Down", "--customer", "2", "--tag", "outage")
    s.ok("ticket", "solve", "4")
    let weekly = s.ok("tag", "stats", "wish-*", "--weekly", "--format", "csv")
    #expect(
      weekly.stdout == "tag,week,tickets,customers\nwish-dark,2026-11-16,1,1\nwish-export,2026-11-16,3,2\nwish-export,2026-11-23,1,1\n")
    #expect(
      s.ok("tag", "stats", "--format", "csv", "--since", "2026-11-17").stdout
        == "tag,tickets,customers\nwish-export,3,2\noutage,1,1\nwish-dark,1,1\n")
    #expect(s.ok("tag", "list", "--format", "csv").stdout == "tag,open,current,all\nwish-export,3,4,4\noutage,1,1,1\nwish-dark,1,1,1\n")
    let table = s.ok("tag", "stats", "wish-*", "--format", "table")
    #expect(
      table.stdout == """
        TAG          TICKETS  CUSTOMERS  CHART
        wish-export  4        2          ██████████████████████████████
        wish-dark    1        1          ███████

        """)
    s.ok("view", "save", "annas", "--all", "--customer", "1")
    #expect(s.ok("tag", "stats", "--view", "annas", "--format", "csv").stdout == "tag,tickets,customers\nwish-export,3,1\n")
    #expect(s.ok("ticket", "list", "--view", "annas", "--format", "ids", "--sort", "id", "--asc").stdout == "1\n2\n4\n")
    #expect(s.ok("tag", "merge", "wish-dark", "--into", "wish-export").stdout == "merged wish-dark into wish-export on 1 ticket\n")
    #expect(s.ok("tag", "rename", "wish-export", "feature-export").stdout == "renamed wish-export to feature-export on 4 tickets\n")
    #expect(s.ok("tag", "list", "--format", "ids").stdout == "feature-export\noutage\n")
    let bad = s.run("tag", "add", "1", "not a tag!")
    #expect(bad.status == 65)
    #expect(bad.stderr == "desk: error: 'not a tag!' is not a valid tag: use 1–64 letters, digits, '-', '_', '.', ':' or '/'\n")
    #expect(s.run("tag", "add", "1", "99", "x").status == 66)
  }
}
