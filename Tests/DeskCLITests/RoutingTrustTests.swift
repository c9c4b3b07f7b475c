import Foundation
import Testing

/// Issue 14, items 10–12: an explicit choice beats a rule; keywords are words; account
/// managers who leave.
@Suite("trust 10-12: explicit choices, keyword words, managers who leave")
struct Trust10RoutingTests {
  func assignee(_ s: Sandbox, _ ticket: Int) throws -> String? {
    try s.scalar("SELECT ifnull(a.login, '-') FROM ticket t LEFT JOIN agent a ON a.id = t.assignee_id WHERE t.id = \(ticket)")
  }

  @Test("item 10: a rule never overrides the assignee, type or priority given; what rules did is printed")
  func explicitChoiceBeatsRule() throws {
    let s = Sandbox.trust()
    s.ok(
      "rule", "add", "pool", "--on", "created", "--assign", "vika", "--set-type", "finance", "--set-priority", "low", "--add-tag", "pooled")
    let mine = s.ok("ticket", "new", "Mine", "--assign", "me", "--type", "development", "--priority", "urgent")
    #expect(mine.stdout == "ticket 1: created (open), tagged pooled by rule pool\n")
    #expect(
      try s.scalar(
        "SELECT a.login || ' ' || t.type || ' ' || t.priority || ' ' || t.status FROM ticket t JOIN agent a ON a.id = t.assignee_id WHERE t.id = 1"
      )
        == "root development urgent open")
    // Only what was given is kept: the rest is the rule's.
    let some = s.ok("ticket", "new", "Half", "--priority", "high")
    #expect(some.stdout == "ticket 2: created (open), routed to vika by rule pool, type finance by rule pool, tagged pooled by rule pool\n")
    #expect(try s.scalar("SELECT priority || ' ' || type FROM ticket WHERE id = 2") == "high finance")
    let none = try s.ok("ticket", "new", "Routed", "--json").object()
    #expect(none["assignee"] as? String == "vika")
    #expect(none["priority"] as? String == "low")
    let rules = try #require(none["rules"] as? [[String: String]])
    #expect(
      rules == [
        ["rule": "pool", "field": "assignee", "value": "vika"], ["rule": "pool", "field": "type", "value": "finance"],
        ["rule": "pool", "field": "priority", "value": "low"], ["rule": "pool", "field": "tag", "value": "pooled"],
      ])
  }

  @Test("item 11: keywords match whole words, case and accents ignored; a trailing * is a prefix; rule test shows the word")
  func keywordsAreWords() throws {
    let s = Sandbox.trust()
    s.ok("rule", "add", "import", "--on", "created", "--if-text", "import,report", "--assign", "vika")
    s.ok("rule", "add", "salary", "--on", "created", "--if-text", "зарплат*,relatorio", "--assign", "bob")
    let before = try s.snapshot()
    #expect(s.ok("rule", "test", "--text", "This is important").stdout == "no rule fires\n")
    #expect(s.ok("rule", "test", "--text", "please reimport it").stdout == "no rule fires\n")
    #expect(s.ok("rule", "test", "--text", "The IMPORT failed.").stdout == "1. import: assign vika (matched \"IMPORT\" by import)\n")
    #expect(s.ok("rule", "test", "--text", "(report)").stdout == "1. import: assign vika (matched \"report\" by report)\n")
    #expect(
      s.ok("rule", "test", "--text", "Где зарплата?").stdout == "2. salary: assign bob (matched \"зарплата\" by зарплат*)\n")
    #expect(s.ok("rule", "test", "--text", "o Relatório mensal").stdout == "2. salary: assign bob (matched \"Relatório\" by relatorio)\n")
    #expect(
      s.ok("rule", "test", "--text", "Зарплатный проект, import").stdout
        == "1. import: assign vika (matched \"import\" by import)\n2. salary: assign bob (matched \"Зарплатный\" by зарплат*)\n")
    #expect(try s.snapshot() == before)
    s.ok("ticket", "new", "Important question")
    s.ok("ticket", "new", "Reimport please")
    s.ok("ticket", "new", "Report is empty")
    #expect(try [1, 2, 3].map { try assignee(s, $0) } == ["-", "-", "vika"])
    // A keyword must be words, with at most a trailing *.
    let bad = s.run("rule", "add", "bad", "--on", "created", "--if-text", "im*port", "--assign", "bob")
    #expect(bad.status == 65)
    #expect(
      bad.stderr
        == "desk: error: 'im*port' is not a keyword: give words, with at most a trailing * for a prefix (hint: e.g. --if-text \"salary,import*,зарплат*\")\n"
    )
    #expect(s.run("rule", "add", "bad", "--on", "created", "--if-text", "*", "--assign", "bob").status == 65)
    #expect(try s.scalar("SELECT count(*) FROM rule") == "2")
  }

  @Test("item 12: a deactivated account manager: the next rule routes, --stop does not apply, the leads hear once")
  func accountManagerWhoLeft() throws {
    let s = Sandbox.trust()
    s.ok("customer", "add", "Anna", "--email", "anna@example.com", "--manager", "vika")
    s.ok(
      "rule", "add", "vip", "--on", "created,customer_message", "--if-customer", "1", "--assign", "account-manager", "--set-priority",
      "high", "--stop")
    s.ok("rule", "add", "pool", "--on", "created", "--assign", "bob")
    s.ok("ticket", "ingest", "--channel", "email", "--email", "anna@example.com", "-m", "Hello")
    #expect(try assignee(s, 1) == "vika")
    #expect(
      s.ok("agent", "deactivate", "vika").stdout
        == "agent vika: deactivated; still holds 1 open ticket and 1 customer (desk agent deactivate vika --reassign-to LOGIN)\n")
    #expect(
      s.ok("rule", "test", "--customer", "1").stdout
        == "1. vip: assign account-manager, priority high (account manager vika is deactivated: no one to assign)\n2. pool: assign bob\n")
    s.ok("ticket", "new", "Second", "--customer", "anna@example.com")
    let second = try #require(try s.scalar("SELECT max(id) FROM ticket"))
    #expect(second == "2")
    #expect(
      try s.scalar(
        "SELECT a.login || ' ' || t.status || ' ' || t.priority FROM ticket t JOIN agent a ON a.id = t.assignee_id WHERE t.id = 2")
        == "bob open high")
    #expect(
      try s.query {
        try String.fetchAll(
          $0, sql: "SELECT event || ' | ' || recipient || ' | ' || subject FROM outbox WHERE event = 'rule.inactive-manager' ORDER BY id")
      }
        == ["rule.inactive-manager | lena | Ticket #2: account manager vika is deactivated"])
    #expect(
      try s.scalar("SELECT actor || ' ' || new_value FROM history WHERE ticket_id = 2 AND field = 'notified'")
        == "rule:vip leads (account manager vika is deactivated)")
    // Another message on the ticket: the leads were told already.
    #expect(
      try s.ok("ticket", "ingest", "--channel", "email", "--email", "anna@example.com", "-m", "Hello?", "--json").object()["ticket"]
        as? Int == 2)
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE event = 'rule.inactive-manager'") == "1")
    #expect(try s.scalar("SELECT count(*) FROM history WHERE field = 'notified'") == "1")
    #expect(try assignee(s, 2) == "bob")
  }

  @Test("item 12: agent deactivate --reassign-to hands the open tickets and customers over, recorded; bad input changes nothing")
  func reassignOnDeactivate() throws {
    let s = Sandbox.trust()
    s.ok("customer", "add", "Anna", "--manager", "vika")
    s.ok("customer", "add", "Boris", "--manager", "vika")
    s.ok("ticket", "new", "One", "--assign", "vika")
    s.ok("ticket", "new", "Two", "--assign", "vika")
    s.ok("ticket", "solve", "2")
    s.ok("ticket", "new", "Three", "--assign", "vika", "--customer", "1")
    let before = try s.snapshot()
    let toSelf = s.run("agent", "deactivate", "vika", "--reassign-to", "vika")
    #expect(toSelf.status == 65)
    #expect(toSelf.stderr == "desk: error: vika cannot take over their own tickets (hint: name another agent with --reassign-to)\n")
    #expect(s.run("agent", "deactivate", "vika", "--reassign-to", "ghost").status == 66)
    #expect(s.run("agent", "deactivate", "vika", "--reassign-to", "bob", "--as", "lena").status == 77)
    #expect(try s.snapshot() == before)
    let r = s.ok("agent", "deactivate", "vika", "--reassign-to", "bob")
    #expect(r.stdout == "agent vika: deactivated; 2 open tickets and 2 customers moved to bob\n")
    #expect(try [1, 2, 3].map { try assignee(s, $0) } == ["bob", "vika", "bob"])
    #expect(try s.scalar("SELECT group_concat(m.login) FROM customer c JOIN agent m ON m.id = c.account_manager_id") == "bob,bob")
    #expect(
      try s.scalar(
        "SELECT actor || ' ' || old_value || ' → ' || new_value FROM history WHERE ticket_id = 3 AND field = 'assignee' ORDER BY id DESC LIMIT 1"
      )
        == "root vika → bob")
    #expect(
      try s.scalar("SELECT actor || ' ' || field || ' ' || old_value || ' → ' || new_value FROM customer_history WHERE customer_id = 1")
        == "root account manager vika → bob")
    #expect(s.ok("agent", "deactivate", "vika").stdout == "agent vika: already deactivated\n")
  }
}
