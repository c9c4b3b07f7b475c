import Foundation
import Testing

@Suite("customers, agents, config")
struct PeopleTests {
  @Test("a customer is found by id, email, phone, handle and account ID")
  func customerReferences() throws {
    let s = Sandbox.team()
    s.ok("customer", "edit", "1", "--phone", "+79991234567", "--org", "Fitness Pro", "--manager", "adelia", "--account", "100777")
    for ref in ["1", "ANNA@example.com", "+79991234567", "telegram:@anna", "acct:100234", "acct:100777"] {
      let c = try s.ok("customer", "show", ref, "--json").object()
      #expect(c["id"] as? Int == 1, "\(ref)")
    }
    let c = try s.ok("customer", "show", "1", "--json").object()
    #expect(c["accounts"] as? [String] == ["100234", "100777"])
    #expect(c["organization"] as? String == "Fitness Pro")
    #expect(c["account_manager"] as? String == "adelia")
    s.ok("customer", "add", "Boris", "--email", "boris@example.com")
    let taken = s.run("customer", "edit", "boris@example.com", "--account", "100234")
    #expect(taken.status == 65)
    #expect(
      taken.stderr
        == "desk: error: the account ID 100234 belongs to customer 1 (Anna Petrova), not to customer 2 (Boris) (hint: move it with --force, or merge the customers: desk customer merge 1 --into 2)\n"
    )
    #expect(s.ok("customer", "list", "--org", "fitness pro", "--format", "ids").stdout == "1\n")
    #expect(s.ok("customer", "list", "--text", "bor", "--format", "ids").stdout == "2\n")
  }

  @Test("customer show lists the customer's tickets")
  func customerTickets() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "First", "--customer", "1")
    s.ok("ticket", "new", "Second", "--customer", "1", env: ["DESK_NOW": "2026-11-24T11:00:00Z"])
    let c = try s.ok("customer", "show", "anna@example.com", "--json").object()
    #expect((c["tickets"] as? [[String: Any]])?.compactMap { $0["subject"] as? String } == ["Second", "First"])
  }

  @Test("the first agent may be added by anyone; then only admins manage the team")
  func agents() throws {
    let s = Sandbox(agent: "someone")
    let first = s.ok("agent", "add", "root", "--role", "admin")
    #expect(first.stdout == "agent root: added (admin)\n")
    #expect(first.stderr == "desk: note: the desk now has agents; act as one with --as root or DESK_AGENT=root\n")
    #expect(s.run("agent", "add", "bob").status == 77)
    s.ok("agent", "add", "bob", "--as", "root", "--skill", "Finance")
    let list = s.ok("agent", "list", "--format", "csv", "--fields", "login,role,active,skills")
    #expect(list.stdout == "login,role,active,skills\nbob,agent,true,finance\nroot,admin,true,\n")
    let last = s.run("agent", "deactivate", "root", "--as", "root")
    #expect(last.status == 65)
    #expect(last.stderr == "desk: error: this would leave the desk without an active admin (hint: make another agent admin first)\n")
    #expect(s.ok("agent", "deactivate", "bob", "--as", "root").stdout == "agent bob: deactivated\n")
    #expect(s.ok("agent", "deactivate", "bob", "--as", "root").stdout == "agent bob: already deactivated\n")
    #expect(s.run("ticket", "list", "--as", "bob").status == 0)
    let inactive = s.run("ticket", "new", "X", "--as", "bob")
    #expect(inactive.status == 77)
    #expect(s.ok("agent", "list", "--format", "ids").stdout == "root\n")
    #expect(s.ok("agent", "list", "--all", "--format", "ids").stdout == "bob\nroot\n")
  }

  @Test("config changes the ticket types, validated")
  func config() throws {
    let s = Sandbox.team()
    #expect(s.ok("config", "get", "ticket.types").stdout == "support,implementation,development,finance\n")
    s.ok("config", "set", "ticket.types", "support, Sales ,support", "--as", "adelia")
    #expect(s.ok("config", "get", "ticket.types").stdout == "support,sales\n")
    s.ok("ticket", "new", "Upgrade to pro", "--type", "sales")
    #expect(s.run("config", "set", "ticket.types", "sales").status == 65)
    #expect(s.run("config", "set", "colour", "blue").status == 64)
    #expect(s.ok("config", "unset", "ticket.types").stdout == "ticket.types = support,implementation,development,finance (default)\n")
  }
}
