import Foundation
import Testing

/// Issue 14, items 13–15: a broadcast reaches each customer once, its statistics survive it,
/// and a rating sent as a reply closes the loop.
@Suite("broadcasts once per customer, tag statistics that survive them, ratings by reply")
struct BroadcastTrustTests {
  /// Anna (1) has a Telegram ticket and, later, an email one; Max (2) two email tickets; Ola (3)
  /// one on Telegram. Five tickets of three customers, all tagged outage.
  static func outage() -> Sandbox {
    let s = Sandbox.team()
    s.ok("customer", "add", "Max", "--email", "max@example.com")
    s.ok("customer", "add", "Ola", "--handle", "telegram:@ola")
    let tickets: [(String, String, String)] = [
      ("1", "telegram", "2026-11-24T09:00:00Z"), ("1", "email", "2026-11-24T09:05:00Z"),
      ("2", "email", "2026-11-24T09:10:00Z"), ("2", "email", "2026-11-24T09:15:00Z"), ("3", "telegram", "2026-11-24T09:20:00Z"),
    ]
    for (customer, channel, at) in tickets {
      s.ok("ticket", "new", "502 on login", "--customer", customer, "--channel", channel, "--tag", "outage", env: ["DESK_NOW": at])
    }
    s.ok("template", "add", "outage-fixed", "--subject", "Fixed: {{ticket.subject}}", "-m", "Hello {{customer.name}}, it works again.")
    return s
  }

  @Test("one message per customer, on the channel of their most recent tagged ticket; counts tell customers from tickets")
  func oncePerCustomer() throws {
    let s = Self.outage()
    let plan = s.ok(
      "broadcast", "send", "--tag", "outage", "--template", "outage-fixed", "--dry-run", "--format", "tsv",
      "--fields", "customer_id,channel,address,tickets")
    #expect(plan.stdout == "customer_id\tchannel\taddress\ttickets\n1\temail\tanna@example.com\t1,2\n2\temail\tmax@example.com\t3,4\n3\ttelegram\t@ola\t5\n")
    let unconfirmed = s.run("broadcast", "send", "--tag", "outage", "--template", "outage-fixed")
    #expect(unconfirmed.status == 64)
    #expect(unconfirmed.stderr.contains("add --yes to send to 3 customers (5 tickets) without asking"))
    let sent = s.ok("broadcast", "send", "--tag", "outage", "--template", "outage-fixed", "--yes")
    #expect(sent.stdout == "broadcast 1: sent to 3 of 3 customers, 5 tickets (done)\n")
    let messages = try s.query { db in
      try String.fetchAll(db, sql: "SELECT channel || ' ' || recipient || ' #' || ticket_id FROM outbox WHERE event = 'broadcast' ORDER BY id")
    }
    #expect(messages == ["email anna@example.com #2", "email max@example.com #4", "telegram @ola #5"])
    // A public reply on every tagged ticket all the same.
    #expect(try s.scalar("SELECT count(DISTINCT ticket_id) FROM message WHERE body = 'Hello Anna Petrova, it works again.'") == "2")
  }

  @Test("--channel sends every message on that channel")
  func chosenChannel() throws {
    let s = Self.outage()
    s.ok("broadcast", "send", "--tag", "outage", "--template", "outage-fixed", "--channel", "telegram", "--yes", "--keep-tag")
    let messages = try s.query { db in
      try String.fetchAll(db, sql: "SELECT channel || ' ' || ifnull(recipient, '-') || ' #' || ticket_id FROM outbox WHERE event = 'broadcast' ORDER BY id")
    }
    #expect(messages == ["telegram @anna #1", "telegram - #4", "telegram @ola #5"])
    let bad = s.run("broadcast", "send", "--tag", "outage", "--template", "outage-fixed", "--channel", "pigeon", "--dry-run")
    #expect(bad.status == 64)
  }

  @Test("tag list, tag stats and report tags still count the tickets after a broadcast removed the tag")
  func statisticsSurvive() throws {
    let s = Self.outage()
    s.ok("ticket", "solve", "5")
    #expect(s.ok("tag", "list", "--format", "csv").stdout == "tag,open,current,all\noutage,4,5,5\n")
    s.ok("broadcast", "send", "--tag", "outage", "--template", "outage-fixed", "--yes")
    #expect(try s.scalar("SELECT count(*) FROM ticket_tag") == "0")
    #expect(s.ok("tag", "list", "--format", "csv").stdout == "tag,open,current,all\noutage,0,0,5\n")
    #expect(s.ok("tag", "stats", "--format", "csv").stdout == "tag,tickets,customers\noutage,5,3\n")
    let report = s.ok("report", "tags", "--from", "2026-11-23", "--to", "2026-11-25", "--format", "csv", "--fields", "tag,tickets,customers")
    #expect(report.stdout == "tag,tickets,customers\noutage,5,3\n")
    // A ticket tagged again is not counted twice.
    s.ok("tag", "add", "1", "outage")
    #expect(s.ok("tag", "list", "--format", "csv").stdout == "tag,open,current,all\noutage,1,1,5\n")
  }

  @Test("a reply to a rating request that is a rating records it, with the rest as its comment, and the ticket stays solved")
  func ratingByReply() throws {
    let s = Sandbox.team()
    s.ok("config", "set", "unanswered.after", "10m")
    s.ok("ticket", "new", "Cannot log in", "--customer", "1", "--channel", "telegram", "--assign", "bob")
    s.ok("ticket", "reply", "1", "-m", "Fixed it", "--as", "bob")
    s.ok("ticket", "solve", "1", "--as", "bob")
    s.ok("rate", "request", "1")
    let reply = s.ok("ticket", "ingest", "--channel", "telegram", "--handle", "@anna", "-m", "Супер, спасибо большое!")
    #expect(reply.stdout == "1\tappended\n")
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "solved")
    #expect(s.ok("rate", "list", "--format", "csv", "--fields", "ticket_id,rating,agent,comment").stdout == "ticket_id,rating,agent,comment\n1,great,bob,спасибо большое!\n")
    // Nobody is told the customer waits for an answer.
    let cron = s.ok("cron", "--json", env: ["DESK_NOW": "2026-11-24T11:00:00Z"])
    #expect(!cron.stdout.contains("unanswered"))
    // Anything else after it is a message like any other: the ticket opens again.
    s.ok("ticket", "ingest", "--channel", "telegram", "--handle", "@anna", "-m", "Actually, one more question")
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "open")
    #expect(try s.scalar("SELECT count(*) FROM rating") == "1")
  }

  @Test("a rating word on a solved ticket that was not asked for a rating is an ordinary message")
  func ratingWordWithoutRequest() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Cannot log in", "--customer", "1", "--channel", "telegram")
    s.ok("ticket", "solve", "1")
    s.ok("ticket", "ingest", "--channel", "telegram", "--handle", "@anna", "-m", "1 more thing: it broke again")
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "open")
    #expect(try s.scalar("SELECT count(*) FROM rating") == "0")
  }
}
