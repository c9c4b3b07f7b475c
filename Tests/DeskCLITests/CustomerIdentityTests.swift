import Foundation
import Testing

extension Sandbox {
  /// The issue's repro desk: admin root (acting), lead lena, agents vika and bob, nothing else.
  static func trust() -> Sandbox {
    let s = Sandbox()
    s.ok("agent", "add", "root", "--role", "admin")
    s.ok("agent", "add", "lena", "--role", "lead")
    s.ok("agent", "add", "vika")
    s.ok("agent", "add", "bob")
    return s
  }
}

/// Issue 14, item 9: customers are not split or lost.
@Suite("trust 9: a customer's identifiers stay with one customer; merge; moves")
struct Trust9CustomerIdentityTests {

  func customers(_ s: Sandbox) throws -> [String] {
    try s.query { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT c.id || ' ' || c.name || ' ' || ifnull(c.email, '-') || ' ' || ifnull(c.phone, '-') || ' ' || ifnull(c.merged_into, '-') || ' ['
            || ifnull((SELECT group_concat(kind || ':' || handle, ' ') FROM (SELECT * FROM customer_handle h WHERE h.customer_id = c.id ORDER BY kind, handle)), '')
            || '] [' || ifnull((SELECT group_concat(account, ' ') FROM customer_account a WHERE a.customer_id = c.id), '') || ']'
          FROM customer c ORDER BY c.id
          """)
    }
  }

  @Test("an email given with a known handle is added to that customer; the next mail finds them; the auto-reply goes out")
  func ingestAddsIdentifiers() throws {
    let s = Sandbox.trust()
    s.ok("customer", "add", "Max", "--handle", "telegram:@max")
    let first = s.ok("ticket", "ingest", "--channel", "email", "--email", "max@example.com", "--handle", "telegram:@max", "-m", "Hello")
    #expect(first.stdout == "1\tcreated\n")
    #expect(try s.ok("customer", "show", "telegram:@max", "--json").object()["email"] as? String == "max@example.com")
    #expect(try customers(s) == ["1 Max max@example.com - - [telegram:@max] []"])
    // The next mail from that address is Max's, not a new customer's.
    let second = s.ok(
      "ticket", "ingest", "--channel", "email", "--email", "max@example.com", "--subject", "Another", "-m", "Again", "--json")
    #expect(try second.object()["customer"] as? Int == 1)
    #expect(try s.scalar("SELECT count(*) FROM customer") == "1")
    // The acknowledgement of the first mail reached the address the mail came from.
    #expect(
      try s.scalar("SELECT ifnull(recipient, '-') || ' ' || state FROM outbox WHERE event = 'autoreply' ORDER BY id LIMIT 1")
        == "max@example.com queued")
    // A second address and an account: added too, the first address stays the main one.
    s.ok(
      "ticket", "ingest", "--channel", "email", "--email", "max@work.example", "--account", "777", "--handle", "telegram:@max", "-m", "Hi")
    #expect(try customers(s) == ["1 Max max@example.com - - [email:max@work.example telegram:@max] [777]"])
    #expect(
      try s.ok("ticket", "ingest", "--channel", "email", "--email", "MAX@work.example", "-m", "x", "--json").object()["customer"]
        as? Int == 1)
    #expect(try s.ok("customer", "show", "max@work.example", "--json").object()["id"] as? Int == 1)
    // What was added is recorded with the customer.
    #expect(
      try s.query {
        try String.fetchAll(
          $0,
          sql:
            "SELECT actor || ' ' || field || ' ' || ifnull(old_value, '-') || ' ' || ifnull(new_value, '-') FROM customer_history WHERE customer_id = 1 ORDER BY id"
        )
      }
        == ["customer:1 email - max@example.com", "customer:1 handle - email:max@work.example", "customer:1 account - 777"])
  }

  @Test("an identifier of another customer is refused naming both, and nothing changes")
  func ingestConflict() throws {
    let s = Sandbox.trust()
    s.ok("customer", "add", "Max", "--handle", "telegram:@max")
    s.ok("customer", "add", "Eve", "--email", "eve@example.com")
    let before = try s.snapshot()
    let r = s.run("ticket", "ingest", "--channel", "email", "--email", "eve@example.com", "--handle", "telegram:@max", "-m", "Hello")
    #expect(r.status == 65)
    #expect(
      r.stderr
        == "desk: error: the email eve@example.com belongs to customer 2 (Eve), the handle telegram:@max to customer 1 (Max) (hint: if they are one person: desk customer merge 2 --into 1)\n"
    )
    #expect(r.stdout == "")
    #expect(try s.snapshot() == before)
    // With --customer, the identifiers are checked against that customer too.
    let named = s.run("ticket", "ingest", "--channel", "email", "--customer", "1", "--email", "eve@example.com", "-m", "Hello")
    #expect(named.status == 65)
    #expect(
      named.stderr
        == "desk: error: the email eve@example.com belongs to customer 2 (Eve), not to customer 1 (Max) (hint: if they are one person: desk customer merge 2 --into 1)\n"
    )
    #expect(try s.snapshot() == before)
  }

  @Test("customer merge moves tickets, identifiers, ratings and history to the other customer, recorded; leads only")
  func merge() throws {
    let s = Sandbox.trust()
    s.ok("customer", "add", "Max", "--handle", "telegram:@max", "--email", "max@example.com")
    s.ok("customer", "add", "Max (mail)", "--email", "max@work.example", "--phone", "+100", "--account", "555", "--handle", "whatsapp:+100")
    s.ok("ticket", "new", "By phone", "--customer", "2", "--assign", "bob", "-m", "Call me")
    s.ok("ticket", "solve", "1")
    s.ok("rate", "1", "great", "--comment", "thanks")
    s.ok("ticket", "new", "Telegram", "--customer", "1")
    let before = try s.snapshot()
    let agent = s.run("customer", "merge", "2", "--into", "1", "--as", "bob")
    #expect(agent.status == 77)
    #expect(agent.stderr == "desk: error: bob is an agent; only admin or lead may merge customers\n")
    let same = s.run("customer", "merge", "max@example.com", "--into", "telegram:@max")
    #expect(same.status == 65)
    #expect(same.stderr == "desk: error: customer 1 cannot be merged into itself\n")
    #expect(try s.snapshot() == before)

    let r = s.ok("customer", "merge", "max@work.example", "--into", "1", "--as", "lena")
    #expect(r.stdout == "customer 2: merged into customer 1 (Max): 1 ticket, 4 identifiers, 1 rating\n")
    #expect(
      try customers(s) == [
        "1 Max max@example.com +100 - [email:max@work.example telegram:@max whatsapp:+100] [555]",
        "2 Max (mail) - - 1 [] []",
      ])
    #expect(try s.scalar("SELECT group_concat(customer_id) FROM (SELECT customer_id FROM ticket ORDER BY id)") == "1,1")
    #expect(try s.scalar("SELECT customer_id FROM rating") == "1")
    #expect(try s.scalar("SELECT customer_id FROM message WHERE ticket_id = 1 AND author_kind = 'customer'") == "1")
    #expect(
      try s.scalar(
        "SELECT actor || ' ' || field || ' ' || old_value || ' → ' || new_value FROM history WHERE ticket_id = 1 AND field = 'customer'")
        == "lena customer Max (mail) (2) → Max (1)")
    #expect(
      try s.scalar("SELECT actor || ' ' || field || ' ' || new_value FROM customer_history WHERE customer_id = 2 AND field = 'merged'")
        == "lena merged 1")
    // The old id still finds the customer it became; lists show one customer; new mail to the old address is Max's.
    #expect(try s.ok("customer", "show", "2", "--json").object()["id"] as? Int == 1)
    #expect(s.ok("customer", "list", "--format", "ids").stdout == "1\n")
    #expect(
      try s.ok("ticket", "ingest", "--channel", "phone", "--phone", "+100", "-m", "call me", "--json").object()["customer"] as? Int
        == 1)
    // Again: already true, and said so.
    #expect(s.ok("customer", "merge", "2", "--into", "1").stdout == "customer 2: already merged into customer 1 (Max)\n")
    // Merged on again: the first id follows to the last customer.
    s.ok("customer", "add", "Maxim")
    #expect(
      s.ok("customer", "merge", "1", "--into", "3").stdout
        == "customer 1: merged into customer 3 (Maxim): 3 tickets, 6 identifiers, 1 rating\n")
    #expect(try s.scalar("SELECT group_concat(ifnull(merged_into, '-')) FROM (SELECT merged_into FROM customer ORDER BY id)") == "3,3,-")
    #expect(try s.ok("customer", "show", "2", "--json").object()["email"] as? String == "max@example.com")
  }

  @Test("customer edit moves an identifier from its owner only with --force, recorded")
  func editForce() throws {
    let s = Sandbox.trust()
    s.ok("customer", "add", "Max", "--handle", "telegram:@max")
    s.ok("customer", "add", "Eve", "--email", "eve@example.com", "--account", "42")
    let before = try s.snapshot()
    let refused = s.run("customer", "edit", "1", "--email", "eve@example.com", "--account", "42")
    #expect(refused.status == 65)
    #expect(
      refused.stderr
        == "desk: error: the email eve@example.com belongs to customer 2 (Eve), not to customer 1 (Max) (hint: move it with --force, or merge the customers: desk customer merge 2 --into 1)\n"
    )
    #expect(try s.snapshot() == before)
    #expect(s.run("customer", "edit", "1", "--email", "eve@example.com", "--force", "--as", "bob").status == 77)
    #expect(try s.snapshot() == before)
    let moved = s.ok("customer", "edit", "1", "--email", "eve@example.com", "--account", "42", "--force", "--as", "lena")
    #expect(moved.stdout == "customer 1: updated\n")
    #expect(try customers(s) == ["1 Max eve@example.com - - [telegram:@max] [42]", "2 Eve - - - [] []"])
    #expect(
      try s.query {
        try String.fetchAll(
          $0,
          sql:
            "SELECT customer_id || ' ' || actor || ' ' || field || ' ' || ifnull(old_value, '-') || ' ' || ifnull(new_value, '-') FROM customer_history ORDER BY id"
        )
      }
        == [
          "2 lena email eve@example.com moved to customer 1", "1 lena email - eve@example.com",
          "2 lena account 42 moved to customer 1", "1 lena account - 42",
        ])
    let shown = try #require(try s.ok("customer", "show", "2", "--json").object()["history"] as? [[String: Any]])
    #expect(
      shown.map { "\($0["at"]!) \($0["actor"]!) \($0["field"]!) \($0["old_value"]!) \($0["new_value"]!)" } == [
        "2026-11-24T10:00:00Z lena email eve@example.com moved to customer 1",
        "2026-11-24T10:00:00Z lena account 42 moved to customer 1",
      ])
  }
}
