import Foundation
import GRDB
import Testing

@Suite("ticket lifecycle, end to end")
struct TicketLifecycleTests {
  @Test("a ticket is opened, answered, solved and closed, each step in its history")
  func fullLifecycle() throws {
    let s = Sandbox.team()
    let created = s.ok(
      "ticket", "new", "Printer on fire", "--customer", "anna@example.com", "--channel", "telegram",
      "--type", "implementation", "--priority", "high", "-m", "It burns", "--json")
    let t = try created.object()
    #expect(t["id"] as? Int == 1)
    #expect(t["status"] as? String == "new")
    #expect(t["priority"] as? String == "high")
    #expect(t["type"] as? String == "implementation")
    #expect(t["channel"] as? String == "telegram")
    #expect(t["customer_name"] as? String == "Anna Petrova")
    #expect(t["created_at"] as? String == "2026-11-24T10:00:00Z")

    let reply = s.ok(
      "ticket", "reply", "1", "-m", "Put it out", "--status", "pending",
      env: ["DESK_NOW": "2026-11-24T10:30:00Z", "DESK_AGENT": "bob"])
    #expect(reply.stdout == "ticket 1: replied (message 2), now pending\n")
    #expect(try s.scalar("SELECT first_reply_at FROM ticket WHERE id = 1") == "2026-11-24T10:30:00Z")

    s.ok("ticket", "note", "1", "-m", "Customer uses the legacy plan", env: ["DESK_AGENT": "bob"])
    #expect(s.ok("ticket", "solve", "1").stdout == "ticket 1: solved\n")
    #expect(s.ok("ticket", "solve", "1").stdout == "ticket 1: already solved\n")
    #expect(s.ok("ticket", "close", "1", env: ["DESK_NOW": "2026-11-25T10:00:00Z"]).stdout == "ticket 1: closed\n")
    #expect(s.ok("ticket", "close", "1").stdout == "ticket 1: already closed\n")
    #expect(try s.scalar("SELECT closed_at FROM ticket WHERE id = 1") == "2026-11-25T10:00:00Z")

    let history = s.ok("ticket", "history", "1", "--format", "tsv", "--fields", "actor,field,from,to")
    #expect(
      history.stdout == """
        actor\tfield\tfrom\tto
        root\tcreated\t\tPrinter on fire
        root\tcustomer message\t\tmessage 1
        bob\tagent reply\t\tmessage 2
        bob\tstatus\tnew\tpending
        bob\tinternal note\t\tmessage 3
        root\tstatus\tpending\tsolved
        root\tstatus\tsolved\tclosed

        """)
  }

  @Test("the lifecycle refuses what it does not allow, and changes nothing")
  func refusedTransitions() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Cannot log in", "--customer", "1")
    #expect(s.ok("ticket", "set", "1", "--status", "new").stdout == "ticket 1: unchanged\n")
    s.ok("ticket", "set", "1", "--status", "open")
    let before = try s.snapshot()
    let close = s.run("ticket", "close", "1")
    #expect(close.status == 65)
    #expect(
      close.stderr
        == "desk: error: ticket 1 is open; only solved tickets can be closed (hint: solve it first (desk ticket solve 1), or a lead may use close --force)\n"
    )
    #expect(close.stdout == "")
    let back = s.run("ticket", "set", "1", "--status", "new")
    #expect(back.status == 65)
    #expect(try s.snapshot() == before)

    let forced = s.run("ticket", "close", "1", "--force", env: ["DESK_AGENT": "bob"])
    #expect(forced.status == 77)
    #expect(forced.stderr == "desk: error: bob is an agent; only admin or lead may close unsolved tickets\n")
    #expect(try s.snapshot() == before)
    s.ok("ticket", "close", "1", "--force", env: ["DESK_AGENT": "adelia"])
    let reopen = s.run("ticket", "reopen", "1")
    #expect(reopen.status == 65)
    #expect(reopen.stderr.hasPrefix("desk: error: ticket 1 is closed; a closed ticket cannot change"))
    let reply = s.run("ticket", "reply", "1", "-m", "hello?")
    #expect(reply.status == 65)
  }

  @Test("bulk changes take ids from stdin and are all or nothing")
  func bulkAllOrNothing() throws {
    let s = Sandbox.team()
    for n in 1...3 { s.ok("ticket", "new", "Outage report \(n)", "--customer", "1", "--tag", "outage") }
    let ids = s.ok("ticket", "list", "--tag", "outage", "--sort", "id", "--asc", "--format", "ids")
    #expect(ids.stdout == "1\n2\n3\n")
    let before = try s.snapshot()
    let failed = s.run("ticket", "solve", "1", "2", "99")
    #expect(failed.status == 66)
    #expect(failed.stderr == "desk: error: no ticket 99 (hint: desk ticket list shows the tickets there are)\n")
    #expect(try s.snapshot() == before)
    let solved = s.ok("ticket", "solve", "-", stdin: ids.stdout)
    #expect(solved.stdout == "ticket 1: solved\nticket 2: solved\nticket 3: solved\nchanged 3 of 3 tickets\n")
    #expect(try s.scalar("SELECT count(*) FROM ticket WHERE status = 'solved'") == "3")
  }

  @Test("assigning a new ticket opens it; set changes several fields with history")
  func assignAndSet() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Salary import fails", "--customer", "1")
    #expect(s.ok("ticket", "assign", "1", "--to", "adelia").stdout == "ticket 1: assigned to adelia\n")
    #expect(s.ok("ticket", "assign", "1", "--to", "adelia").stdout == "ticket 1: already assigned to adelia\n")
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "open")
    let set = s.ok(
      "ticket", "set", "1", "--type", "finance", "--priority", "urgent", "--field", "plan=pro", "--tag", "VIP",
      "--assignee", "me", env: ["DESK_AGENT": "bob"])
    #expect(set.stdout == "ticket 1: priority urgent, type finance, assignee bob, field plan, +vip\n")
    let card = try #require(s.ok("ticket", "show", "1", "--json").array().first)
    #expect(card["assignee"] as? String == "bob")
    #expect(card["tags"] as? [String] == ["vip"])
    #expect((card["fields"] as? [String: String]) == ["plan": "pro"])
    let fields = try s.query { db in
      try String.fetchAll(
        db,
        sql:
          "SELECT field || ':' || ifnull(old_value, '') || '>' || ifnull(new_value, '') FROM history WHERE ticket_id = 1 AND actor = 'bob' ORDER BY id"
      )
    }
    #expect(fields == ["priority:normal>urgent", "type:support>finance", "assignee:adelia>bob", "field plan:>pro", "tag:>vip"])
    let unknownType = s.run("ticket", "set", "1", "--type", "sales")
    #expect(unknownType.status == 64)
    #expect(
      unknownType.stderr
        == "desk: error: unknown type 'sales' (hint: types: support, implementation, development, finance (desk config set ticket.types …))\n"
    )
  }

  @Test("merge moves the conversation and closes the source with a link")
  func merge() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Export hangs", "--customer", "1", "-m", "first")
    s.ok("ticket", "new", "Export still hangs", "--customer", "1", "-m", "second", "--tag", "export")
    let out = s.ok("ticket", "merge", "2", "--into", "1")
    #expect(out.stdout == "ticket 2: merged into 1 and closed\n")
    let card = try #require(s.ok("ticket", "show", "1", "--json").array().first)
    let bodies = (card["messages"] as? [[String: Any]])?.compactMap { $0["body"] as? String }
    #expect(bodies == ["first", "second", "Ticket #2 (Export still hangs) was merged into this ticket by root."])
    #expect(card["tags"] as? [String] == ["export"])
    let source = try #require(s.ok("ticket", "show", "2", "--json").array().first)
    #expect(source["status"] as? String == "closed")
    #expect(source["merged_into"] as? Int == 1)
    let links = (source["links"] as? [[String: Any]])?.map { "\($0["kind"]!) \($0["target"]!)" }
    #expect(links == ["merged-into #1"])
    #expect(s.run("ticket", "merge", "1", "--into", "1").status == 65)
    #expect(s.run("ticket", "merge", "1", "--into", "2").status == 65)
  }

  @Test("links to another tracker and to related tickets")
  func links() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Bug in export", "--customer", "1")
    s.ok("ticket", "new", "Same bug", "--customer", "1")
    #expect(
      s.ok("ticket", "link", "1", "https://tracker.example.com/DEV-981").stdout
        == "ticket 1: linked to https://tracker.example.com/DEV-981\n")
    #expect(
      s.ok("ticket", "link", "1", "https://tracker.example.com/DEV-981").stdout
        == "ticket 1: already linked to https://tracker.example.com/DEV-981\n")
    s.ok("ticket", "link", "1", "#2")
    let related = try #require(s.ok("ticket", "show", "2", "--json").array().first)
    #expect((related["links"] as? [[String: Any]])?.map { "\($0["kind"]!) \($0["target"]!)" } == ["related #1"])
    #expect(s.ok("ticket", "unlink", "1", "#2").stdout == "ticket 1: unlinked from #2\n")
    #expect(try s.scalar("SELECT count(*) FROM ticket_link WHERE kind = 'related'") == "0")
  }

  @Test("ticket show prints the card with internal notes marked and earlier tickets")
  func card() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Old question", "--customer", "1", "-m", "How?")
    s.ok(
      "ticket", "new", "Printer on fire", "--customer", "1", "-m", "It burns", "--field", "plan=pro",
      env: ["DESK_NOW": "2026-11-24T11:00:00Z"])
    s.ok("ticket", "note", "2", "-m", "Check the fuse", env: ["DESK_NOW": "2026-11-24T11:05:00Z", "DESK_AGENT": "bob"])
    let card = s.ok("ticket", "show", "2")
    #expect(
      card.stdout == """
        #2  Printer on fire
        status       new   priority normal   type support   channel email
        customer     Anna Petrova <anna@example.com> telegram:@anna account 100234  [customer 1]
        assignee     -
        participants Anna Petrova (customer), bob (agent)
        field        plan = pro
        times        created 2026-11-24 11:00   updated 2026-11-24 11:05

        ── 2026-11-24 11:00 · Anna Petrova (customer, email)
        It burns

        ── 2026-11-24 11:05 · bob (agent, email) · INTERNAL NOTE
        Check the fuse

        earlier tickets of Anna Petrova
          #1  new       2026-11-24 10:00  Old question

        """)
  }
}
