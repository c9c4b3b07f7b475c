import Foundation
import Testing

/// A fixed week, 2026-W47 (Mon 16 to Mon 23 November, UTC: support.calendar is 24x7), with
/// figures worked out by hand in the comments.
@Suite("ratings and reports, against hand-computed figures")
struct ReportTests {
  static func week() -> Sandbox {
    let s = Sandbox.team(now: "2026-11-01T00:00:00Z")
    s.ok("customer", "add", "Boris", "--email", "boris@example.com")
    s.ok("sla", "policy", "add", "default", "--first-response", "2h", "--default")
    func at(_ now: String, _ args: String..., as agent: String = "root") {
      s.ok(args, now: now, agent: agent)
    }
    // T1: earlier, still open at the end.
    at("2026-11-13T10:00:00Z", "ticket", "new", "T1", "--customer", "1")
    // T2: bob answers in 1h and solves in 2h; rated great.
    at("2026-11-16T10:00:00Z", "ticket", "new", "T2", "--customer", "1", "--assign", "bob")
    at("2026-11-16T11:00:00Z", "ticket", "reply", "2", "-m", "a", as: "bob")
    at("2026-11-16T12:00:00Z", "ticket", "solve", "2", as: "bob")
    at("2026-11-17T08:00:00Z", "rate", "2", "great")
    // T3: adelia answers in 30m and waits on the customer: pending at the end.
    at("2026-11-17T09:00:00Z", "ticket", "new", "T3", "--customer", "2", "--type", "finance", "--channel", "telegram", "--assign", "adelia")
    at("2026-11-17T09:30:00Z", "ticket", "reply", "3", "-m", "a", "--status", "pending", as: "adelia")
    // T4: bob answers in 4h (SLA breached), solves, the customer reopens, bob solves again a day after creation.
    at("2026-11-18T08:00:00Z", "ticket", "new", "T4", "--customer", "2", "--assign", "bob")
    at("2026-11-18T12:00:00Z", "ticket", "reply", "4", "-m", "a", as: "bob")
    at("2026-11-18T13:00:00Z", "ticket", "solve", "4", as: "bob")
    at("2026-11-19T07:00:00Z", "ticket", "reopen", "4")
    at("2026-11-19T08:00:00Z", "ticket", "solve", "4", as: "bob")
    at("2026-11-19T09:00:00Z", "rate", "4", "bad", "--comment", "slow")
    at("2026-11-19T10:00:00Z", "rate", "4", "😐")
    // T5: on hold at the end. T6: new, a minute before the week ends. T7: the next week.
    at("2026-11-21T10:00:00Z", "ticket", "new", "T5", "--customer", "1", "--channel", "chat")
    at("2026-11-21T11:00:00Z", "ticket", "set", "5", "--status", "on-hold")
    at("2026-11-22T23:59:00Z", "ticket", "new", "T6", "--customer", "1")
    at("2026-11-23T00:00:00Z", "ticket", "new", "T7", "--customer", "1")
    // T8: old, answered and solved by adelia exactly at the week's start, closed in the week; its bad rating is excluded.
    at("2026-11-10T00:00:00Z", "ticket", "new", "T8", "--customer", "2", "--assign", "adelia")
    at("2026-11-16T00:00:00Z", "ticket", "solve", "8", "-m", "done", as: "adelia")
    at("2026-11-20T12:00:00Z", "ticket", "close", "8", as: "adelia")
    at("2026-11-21T09:00:00Z", "rate", "8", "bad")
    at("2026-11-21T09:05:00Z", "rate", "exclude", "8", "--reason", "wrong button")
    at("2026-11-17T10:00:00Z", "rate", "nps", "--customer", "1", "9")
    at("2026-11-18T10:00:00Z", "rate", "nps", "--customer", "2", "6")
    at("2026-11-24T10:00:00Z", "rate", "nps", "--customer", "2", "10")
    return s
  }

  @Test("the weekly summary equals the hand-computed figures")
  func summary() throws {
    let s = Self.week()
    let r = try s.ok("report", "summary", "--week", "2026-W47", "--json").object()
    let period = try #require(r["period"] as? [String: Any])
    #expect(period["from"] as? String == "2026-11-16T00:00:00Z")
    #expect(period["to"] as? String == "2026-11-23T00:00:00Z")
    let t = try #require(r["total"] as? [String: Any])
    #expect(t["created"] as? Int == 5)  // T2 T3 T4 T5 T6; not T7 (Monday 00:00 is the next week)
    #expect(t["solved"] as? Int == 3)  // T2, T4 (twice, counted once), T8 (at the first second of the week)
    #expect(t["closed"] as? Int == 1)  // T8
    #expect(t["backlog"] as? Int == 4)  // T1 new, T3 pending, T5 on-hold, T6 new
    #expect(t["backlog_pending"] as? Int == 1)
    #expect(t["backlog_on_hold"] as? Int == 1)
    #expect(t["backlog_waiting_share"] as? Double == 0.5)
    // First replies in the week: 30m, 1h, 4h, 6d → median (1h + 4h) / 2, p90 the 4th of 4.
    #expect(t["first_response_median"] as? Int == 9000)
    #expect(t["first_response_p90"] as? Int == 518_400)
    #expect(t["first_response_business_median"] as? Int == 9000)
    // Solved in the week: 2h, 24h (to the last solve), 6d.
    #expect(t["resolution_median"] as? Int == 86400)
    #expect(t["resolution_p90"] as? Int == 518_400)
    // First-response SLA 2h: met T2 and T3; breached T4 (4h) and T8 (6d).
    #expect(t["sla_first_response"] as? Double == 0.5)
    // Ratings: T2 great, T4 normal (bad replaced), T8 excluded → CSAT 1 of 2.
    #expect(t["rated_great"] as? Int == 1)
    #expect(t["rated_normal"] as? Int == 1)
    #expect(t["rated_bad"] as? Int == 0)
    #expect(t["csat"] as? Double == 0.5)
    // NPS in the week: 9 and 6 → one promoter, one detractor.
    #expect(t["nps"] as? Double == 0)
  }

  @Test("breakdowns, the agents report and periods")
  func breakdowns() throws {
    let s = Self.week()
    let byChannel = s.ok("report", "summary", "--week", "2026-W47", "--by", "channel", "--csv", "--fields", "group,created,solved,backlog")
    #expect(byChannel.stdout == "group,created,solved,backlog\nall,5,3,4\nchat,1,0,1\nemail,3,3,2\ntelegram,1,0,1\n")
    let agents = s.ok("report", "agents", "--week", "2026-W47", "--csv")
    #expect(agents.stdout == """
      agent,solved,first_response_median,sla_first_response,sla_next_response,sla_resolution,sla_met,sla_breached,sla_achievement,rated_great,rated_normal,rated_bad,csat
      adelia,1,260100,0.5000,,,1,1,0.5000,0,0,0,
      bob,2,9000,0.5000,,,1,1,0.5000,1,1,0,0.5000
      root,0,,,,,0,0,,0,0,0,

      """)
    let month = try s.ok("report", "summary", "--month", "2026-11", "--json").object()
    #expect((month["total"] as? [String: Any])?["created"] as? Int == 8)
    #expect(s.run("report", "summary", "--week", "2026-W99").status == 64)
    // In Moscow the week starts on Sunday 21:00 UTC: a ticket made then is this week's; T7 is still next week's.
    s.ok("sla", "calendar", "add", "moscow", "--tz", "Europe/Moscow", "--hours", "mon-fri 10:00-19:00")
    s.ok("config", "set", "support.calendar", "moscow")
    s.ok(["ticket", "new", "Monday 00:30 in Moscow"], now: "2026-11-15T21:30:00Z", agent: "root")
    let moscow = try s.ok("report", "summary", "--week", "2026-W47", "--json").object()
    #expect((moscow["period"] as? [String: Any])?["from"] as? String == "2026-11-15T21:00:00Z")
    #expect((moscow["period"] as? [String: Any])?["to"] as? String == "2026-11-22T21:00:00Z")
    // T2 T3 T4 T5 and the new one; T6 (Monday 02:59 in Moscow) moves to the next week.
    #expect((moscow["total"] as? [String: Any])?["created"] as? Int == 5)
    #expect(s.run("report", "summary").status == 64)
  }

  @Test("a bad rating reaches the leads at once; ratings are listed and replaced, not lost")
  func alerts() throws {
    let s = Self.week()
    let alerts = try s.query { db in
      try String.fetchAll(db, sql: "SELECT recipient || ' | ' || body FROM outbox WHERE event = 'rating.alert' ORDER BY id")
    }
    #expect(alerts == [
      "adelia | Ticket #4 \"T4\" was rated bad by Boris: \"slow\". Agent: bob.",
      "adelia | Ticket #4 \"T4\" was rated normal by Boris (no comment). Agent: bob.",
      "adelia | Ticket #8 \"T8\" was rated bad by Boris (no comment). Agent: adelia.",
    ])
    #expect(s.ok("rate", "list", "--all", "--format", "csv", "--fields", "ticket_id,rating,agent,current,excluded").stdout == """
      ticket_id,rating,agent,current,excluded
      2,great,bob,true,false
      4,bad,bob,false,false
      4,normal,bob,true,false
      8,bad,adelia,true,true

      """)
    #expect(s.ok("rate", "list", "--negative", "--format", "ids").stdout == "4\n")
    #expect(s.run("rate", "4", "superb").status == 64)
    #expect(s.run("rate", "nps", "--customer", "1", "11").status == 64)
  }

  @Test("a rating request goes by email for a phone ticket; the HTML report is one page with SVG charts and no script")
  func requestAndHTML() throws {
    let s = Self.week()
    s.ok("ticket", "new", "Call", "--customer", "1", "--channel", "phone")
    s.ok("rate", "request", "9")
    #expect(try s.scalar("SELECT channel || ' ' || recipient || ' ' || subject FROM outbox WHERE event = 'rating.request'") == "email anna@example.com How did we do? [#9]")
    s.ok("config", "set", "rating.request-on-solve", "email")
    s.ok("ticket", "solve", "1")
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE event = 'rating.request'") == "2")
    let path = s.dir + "/week.html"
    s.ok("report", "summary", "--week", "2026-W47", "--by", "agent", "--html", path)
    let html = try String(contentsOfFile: path, encoding: .utf8)
    #expect(html.hasPrefix("<!doctype html>"))
    #expect(html.components(separatedBy: "<svg").count - 1 == 7)
    #expect(!html.contains("<script"))
    #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
  }
}

extension Sandbox {
  @discardableResult
  func ok(_ args: [String], now: String, agent: String, sourceLocation: SourceLocation = #_sourceLocation) -> Run {
    let r = run(args, env: ["DESK_NOW": now, "DESK_AGENT": agent])
    #expect(r.status == 0, "desk \(args.joined(separator: " ")) failed: \(r)", sourceLocation: sourceLocation)
    return r
  }
}
