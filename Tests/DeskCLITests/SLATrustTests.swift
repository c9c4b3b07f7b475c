import Foundation
import Testing

/// Issue 14, SLA you can trust: targets chosen per target, policy changes that say what they
/// change, no quiet extra time, breaches that stay breaches. The office works Mon–Fri
/// 10:00–19:00 Moscow time (UTC+3); Monday 2026-11-23 10:00 MSK is 07:00Z.
@Suite("SLA trust: per-target policies, audited re-targeting, no quiet extra time, breaches that stay")
struct SLATrustTests {
  static let monday = "2026-11-23T07:00:00Z"

  /// The README's set-up: first response by type (the default), resolution by class, no conditions.
  static func readme(classes: Bool = true) -> Sandbox {
    let s = Sandbox.team(now: monday)
    s.ok("sla", "calendar", "add", "office", "--tz", "Europe/Moscow", "--hours", "mon-fri 10:00-19:00", "--holiday", "2026-12-31=New Year")
    s.ok(
      "sla", "policy", "add", "by-type", "--calendar", "office", "--default", "--first-response",
      "support=1h,implementation=4h,development=2bd")
    if classes { s.ok("sla", "policy", "add", "classes", "--calendar", "office", "--resolution", "urgent=5h,high=1bd,normal=2bd") }
    return s
  }

  func timers(_ s: Sandbox, _ id: Int, now: String) throws -> [String] {
    try s.ok("sla", "status", "\(id)", "--json", env: ["DESK_NOW": now]).array().map {
      "\($0["target"]!) \($0["policy"]!) \($0["goal"]!) \($0["state"]!) due \($0["due_at"]!) breached \($0["breached_at"]!)"
    }
  }

  func history(_ s: Sandbox, _ id: Int) throws -> [String] {
    try s.query { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT actor || ' ' || field || ': ' || ifnull(old_value, '-') || ' > ' || ifnull(new_value, '-') FROM history
          WHERE ticket_id = ? AND field LIKE 'sla %' ORDER BY id
          """, arguments: [id])
    }
  }

  func outbox(_ s: Sandbox) -> String {
    s.ok("outbox", "list", "--format", "tsv", "--fields", "event,recipient,body").stdout
  }

  // MARK: 1. Policies per target

  @Test("the README set-up gives a ticket both targets, and sla status and ticket show name the policy of each")
  func eachTargetOnItsOwn() throws {
    let s = Self.readme()
    s.ok("ticket", "new", "Printer on fire", "--customer", "1", env: ["DESK_NOW": "2026-11-23T08:00:00Z"])
    // Monday 11:00 MSK: first response 1h → 12:00 MSK; resolution 2bd (18h) → Wednesday 11:00 MSK.
    #expect(
      try timers(s, 1, now: "2026-11-23T08:00:00Z") == [
        "first_response by-type 1h running due 2026-11-23T09:00:00Z breached <null>",
        "resolution classes 18h running due 2026-11-25T08:00:00Z breached <null>",
      ])
    let card = try #require(s.ok("ticket", "show", "1", "--json", env: ["DESK_NOW": "2026-11-23T08:00:00Z"]).array().first)
    let sla = try #require(card["sla"] as? [[String: Any]])
    #expect(sla.map { "\($0["target"]!) \($0["policy"]!)" } == ["first_response by-type", "resolution classes"])
    let text = s.ok("ticket", "show", "1", env: ["DESK_NOW": "2026-11-23T08:00:00Z"]).lines.filter { $0.hasPrefix("sla") }
    #expect(text.count == 2)
    #expect(text.first?.contains("first response 1h (by-type): running") == true)
    #expect(text.last?.contains("resolution 18h (classes): running") == true)
    // A low-priority ticket: classes sets no resolution for it, and the default sets none either.
    s.ok("ticket", "new", "Wish", "--customer", "1", "--priority", "low", env: ["DESK_NOW": "2026-11-23T08:00:00Z"])
    #expect(try timers(s, 2, now: "2026-11-23T08:00:00Z") == ["first_response by-type 1h running due 2026-11-23T09:00:00Z breached <null>"])
  }

  @Test("a conditional policy earlier in position wins only the targets it sets")
  func firstByPositionThatSetsTheTarget() throws {
    let s = Self.readme()
    s.ok("sla", "policy", "add", "vip", "--org", "Fitness Pro", "--first-response", "30m", "--position", "1")
    s.ok("customer", "add", "Max", "--email", "max@fitness.example", "--org", "Fitness Pro")
    s.ok("ticket", "new", "Sync", "--customer", "2", env: ["DESK_NOW": "2026-11-23T08:00:00Z"])
    #expect(
      try timers(s, 1, now: "2026-11-23T08:00:00Z") == [
        "first_response vip 30m running due 2026-11-23T08:30:00Z breached <null>",
        "resolution classes 18h running due 2026-11-25T08:00:00Z breached <null>",
      ])
  }

  // MARK: 2. Changing policies says what it changes

  @Test("adding a policy prints how many open tickets change target, --dry-run lists them and changes nothing")
  func policyChangesAreCounted() throws {
    let s = Self.readme(classes: false)
    for subject in ["One", "Two", "Three"] {
      s.ok("ticket", "new", subject, "--customer", "1", env: ["DESK_NOW": "2026-11-23T08:00:00Z"])
    }
    s.ok("ticket", "solve", "3", "-m", "Done", env: ["DESK_NOW": "2026-11-23T08:10:00Z"])
    let before = try s.snapshot()
    let dry = s.ok(
      "sla", "policy", "add", "slow", "--calendar", "office", "--first-response", "9h", "--dry-run", "--format", "tsv",
      env: ["DESK_NOW": "2026-11-23T08:20:00Z"])
    #expect(
      dry.stdout == """
        ticket_id\ttarget\tfrom\tto
        1\tfirst_response\t1h (by-type), due 2026-11-23T09:00:00Z\t9h (slow), due 2026-11-24T08:00:00Z
        2\tfirst_response\t1h (by-type), due 2026-11-23T09:00:00Z\t9h (slow), due 2026-11-24T08:00:00Z

        """)
    #expect(try s.snapshot() == before)

    let added = s.ok(
      "sla", "policy", "add", "slow", "--calendar", "office", "--first-response", "9h", env: ["DESK_NOW": "2026-11-23T08:20:00Z"])
    #expect(added.stdout == "policy slow: added; 2 open tickets change target\n")
    #expect(
      try history(s, 1) == [
        "root sla policy: - > by-type",
        "root sla policy: by-type > slow",
        "root sla first_response: 1h (by-type), due 2026-11-23T09:00:00Z > 9h (slow), due 2026-11-24T08:00:00Z",
      ])
    #expect(try history(s, 3) == ["root sla policy: - > by-type"])
    #expect(
      outbox(s) == """
        event\trecipient\tbody
        ticket.reply\tanna@example.com\tDone
        sla.changed\tadelia\troot added the SLA policy slow: 2 open tickets change target (#1, #2)

        """)

    // Reordering and removing say so too; a change that changes nothing says 0.
    #expect(
      s.ok("sla", "policy", "edit", "slow", "--warn", "10m", env: ["DESK_NOW": "2026-11-23T08:21:00Z"]).stdout
        == "policy slow: updated; 0 open tickets change target\n")
    // A later policy that sets the same target gives nothing until it is moved ahead.
    #expect(
      s.ok("sla", "policy", "add", "fast", "--calendar", "office", "--first-response", "30m", env: ["DESK_NOW": "2026-11-23T08:21:00Z"])
        .stdout == "policy fast: added; 0 open tickets change target\n")
    #expect(
      s.ok("sla", "policy", "edit", "fast", "--position", "1", env: ["DESK_NOW": "2026-11-23T08:21:00Z"]).stdout
        == "policy fast: updated; 2 open tickets change target\n")
    #expect(
      try timers(s, 1, now: "2026-11-23T08:21:00Z").first == "first_response fast 30m running due 2026-11-23T08:30:00Z breached <null>")
    #expect(
      s.ok("sla", "policy", "rm", "fast", env: ["DESK_NOW": "2026-11-23T08:22:00Z"]).stdout
        == "policy fast: removed; 2 open tickets change target\n")
    #expect(
      s.ok("sla", "policy", "rm", "slow", env: ["DESK_NOW": "2026-11-23T08:22:00Z"]).stdout
        == "policy slow: removed; 2 open tickets change target\n")
    #expect(
      try history(s, 2).last == "root sla first_response: 9h (slow), due 2026-11-24T08:00:00Z > 1h (by-type), due 2026-11-23T09:00:00Z")
  }

  @Test("editing a calendar re-targets open tickets and says so; --dry-run changes nothing")
  func calendarChangesAreCounted() throws {
    let s = Self.readme(classes: false)
    s.ok("ticket", "new", "One", "--customer", "1", env: ["DESK_NOW": "2026-11-23T08:00:00Z"])
    let before = try s.snapshot()
    let dry = s.ok(
      "sla", "calendar", "edit", "office", "--hours", "mon-fri 11:30-19:00", "--dry-run", "--format", "tsv",
      env: ["DESK_NOW": "2026-11-23T08:10:00Z"])
    #expect(
      dry.stdout == """
        ticket_id\ttarget\tfrom\tto
        1\tfirst_response\t1h (by-type), due 2026-11-23T09:00:00Z\t1h (by-type), due 2026-11-23T09:30:00Z

        """)
    #expect(try s.snapshot() == before)
    #expect(
      s.ok("sla", "calendar", "edit", "office", "--hours", "mon-fri 11:30-19:00", env: ["DESK_NOW": "2026-11-23T08:10:00Z"]).stdout
        == "calendar office: updated (Europe/Moscow; mon-fri 11:30-19:00); 1 open ticket changes target\n")
    #expect(
      try history(s, 1).last == "root sla first_response: 1h (by-type), due 2026-11-23T09:00:00Z > 1h (by-type), due 2026-11-23T09:30:00Z")
    #expect(outbox(s).hasSuffix("sla.changed\tadelia\troot changed the calendar office: 1 open ticket changes target (#1)\n"))
  }

  // MARK: 3. No quiet extra time

  @Test("an agent who moves a deadline later is recorded and reported to the leads")
  func laterDeadlineIsReported() throws {
    let s = Self.readme()
    s.ok("ticket", "new", "Down", "--customer", "1", "--priority", "urgent", env: ["DESK_NOW": "2026-11-23T08:00:00Z"])
    // Urgent: 5h → 16:00 MSK; normal: 2bd → Wednesday 11:00 MSK.
    s.ok("ticket", "set", "1", "--priority", "normal", "--as", "bob", env: ["DESK_NOW": "2026-11-23T08:30:00Z"])
    #expect(
      try history(s, 1).last
        == "bob sla resolution: 5h (classes), due 2026-11-23T13:00:00Z > 18h (classes), due 2026-11-25T08:00:00Z")
    #expect(
      outbox(s) == """
        event\trecipient\tbody
        sla.changed\tadelia\tbob changed priority of #1 urgent→normal: resolution due 2026-11-23 16:00 GMT+3 → 2026-11-25 11:00 GMT+3

        """)
    // Moving a deadline earlier is no extra time: nothing is reported.
    s.ok("ticket", "set", "1", "--priority", "urgent", "--as", "bob", env: ["DESK_NOW": "2026-11-23T08:40:00Z"])
    #expect(outbox(s).split(separator: "\n").count == 2)
  }

  @Test(
    "with sla.agents-may-change false an agent's priority or tag change that buys time is refused; a type handover is allowed and reported")
  func banRefusesQuietTime() throws {
    let s = Self.readme()
    s.ok("sla", "policy", "add", "slow-lane", "--tag", "slow-lane", "--resolution", "5bd", "--position", "1")
    s.ok("config", "set", "sla.agents-may-change", "false", "--as", "adelia")
    s.ok("ticket", "new", "Down", "--customer", "1", "--priority", "urgent", "--assign", "bob", env: ["DESK_NOW": "2026-11-23T08:00:00Z"])
    let before = try s.snapshot()
    let lower = s.run("ticket", "set", "1", "--priority", "normal", "--as", "bob", env: ["DESK_NOW": "2026-11-23T08:30:00Z"])
    #expect(lower.status == 77)
    #expect(
      lower.stderr
        == "desk: error: bob may not move the SLA of ticket 1 later: resolution due 2026-11-23 16:00 GMT+3 → 2026-11-25 11:00 GMT+3 (hint: agents may not change SLAs on this desk; ask a lead, or a lead can allow it with desk config set sla.agents-may-change true)\n"
    )
    #expect(s.run("ticket", "set", "1", "--tag", "slow-lane", "--as", "bob", env: ["DESK_NOW": "2026-11-23T08:30:00Z"]).status == 77)
    #expect(try s.snapshot() == before)
    // A change that moves no deadline later is fine.
    s.ok("ticket", "set", "1", "--tag", "printer", "--as", "bob", env: ["DESK_NOW": "2026-11-23T08:30:00Z"])
    // A handover to implementation (first response 1h → 4h) is allowed, and the leads hear of it.
    s.ok("ticket", "set", "1", "--type", "implementation", "--as", "bob", env: ["DESK_NOW": "2026-11-23T08:35:00Z"])
    #expect(
      outbox(s) == """
        event\trecipient\tbody
        sla.changed\tadelia\tbob changed type of #1 support→implementation: first response due 2026-11-23 12:00 GMT+3 → 2026-11-23 15:00 GMT+3

        """)
    // A lead is never refused, and is reported like anyone.
    s.ok("ticket", "set", "1", "--priority", "normal", "--as", "adelia", env: ["DESK_NOW": "2026-11-23T08:40:00Z"])
    #expect(try s.scalar("SELECT priority FROM ticket WHERE id = 1") == "normal")
    #expect(
      outbox(s).hasSuffix(
        "sla.changed\tadelia\tadelia changed priority of #1 urgent→normal: resolution due 2026-11-23 16:00 GMT+3 → 2026-11-25 11:00 GMT+3\n"
      ))
  }

  // MARK: 5. A breach stays a breach

  /// An independent oracle: the instant `goal` working minutes have run on the office calendar
  /// from `start`, not counting the `paused` intervals, walked one minute at a time.
  static func oracleDue(start: String, goalMinutes: Int, paused: [(String, String)]) -> String {
    let iso = ISO8601DateFormatter()
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
    let pauses = paused.map { (iso.date(from: $0.0)!, iso.date(from: $0.1)!) }
    var t = iso.date(from: start)!
    var counted = 0
    while counted < goalMinutes {
      let c = calendar.dateComponents([.weekday, .hour], from: t)
      let working = (2...6).contains(c.weekday!) && (10..<19).contains(c.hour!)
      if working, !pauses.contains(where: { $0.0 <= t && t < $0.1 }) { counted += 1 }
      t += 60
    }
    return iso.string(from: t)
  }

  @Test("a deadline that passes before a pause keeps its due time and breaches at the deadline, whenever desk notices")
  func breachStaysBreach() throws {
    // One policy with both targets, so that only the breach rule is under test.
    let s = Self.readme(classes: false)
    s.ok("sla", "policy", "edit", "by-type", "--resolution", "urgent=5h,high=1bd,normal=2bd")
    s.ok("ticket", "new", "Down", "--customer", "1", "--priority", "urgent", "--assign", "bob", env: ["DESK_NOW": Self.monday])
    s.ok("ticket", "new", "Slow", "--customer", "1", "--priority", "urgent", "--assign", "bob", env: ["DESK_NOW": Self.monday])
    // Ticket 1: nobody answers in time; the reply comes at 16:00 MSK, after both deadlines, and the ticket waits on the customer.
    s.ok("ticket", "reply", "1", "-m", "Which printer?", "--status", "pending", "--as", "bob", env: ["DESK_NOW": "2026-11-23T13:00:00Z"])
    // Ticket 2: answered in time and put on pending before its resolution deadline.
    s.ok("ticket", "reply", "2", "-m", "Which report?", "--status", "pending", "--as", "bob", env: ["DESK_NOW": "2026-11-23T07:30:00Z"])
    // Both come back Tuesday 12:00 MSK.
    s.ok("ticket", "reopen", "1", "2", env: ["DESK_NOW": "2026-11-24T09:00:00Z"])

    let firstDue = Self.oracleDue(start: Self.monday, goalMinutes: 60, paused: [])
    let due1 = Self.oracleDue(start: Self.monday, goalMinutes: 300, paused: [("2026-11-23T13:00:00Z", "2026-11-24T09:00:00Z")])
    let due2 = Self.oracleDue(start: Self.monday, goalMinutes: 300, paused: [("2026-11-23T07:30:00Z", "2026-11-24T09:00:00Z")])
    #expect([firstDue, due1, due2] == ["2026-11-23T08:00:00Z", "2026-11-23T12:00:00Z", "2026-11-24T13:30:00Z"])
    let now = "2026-11-24T10:00:00Z"
    #expect(
      try timers(s, 1, now: now) == [
        "first_response by-type 1h breached due \(firstDue) breached \(firstDue)",
        "resolution by-type 5h breached due \(due1) breached \(due1)",
      ])
    #expect(
      try timers(s, 2, now: now) == [
        "first_response by-type 1h met due <null> breached <null>",
        "resolution by-type 5h running due \(due2) breached <null>",
      ])
    // Desk noticed the breaches when the reply came; cron has nothing more to say and the leads hear of each once.
    #expect(s.ok("cron", env: ["DESK_NOW": now]).stdout == "")
    let breaches = try s.query { db in
      try String.fetchAll(
        db, sql: "SELECT ticket_id || ' ' || recipient || ' ' || subject FROM outbox WHERE event = 'sla.breach' ORDER BY id")
    }
    #expect(breaches == ["1 adelia SLA breached: ticket #1 first response", "1 adelia SLA breached: ticket #1 resolution"])
    #expect(try s.ok("ticket", "list", "--breached", "--format", "ids", env: ["DESK_NOW": now]).stdout == "1\n")
    // Going pending again and coming back changes nothing of the breach.
    s.ok("ticket", "set", "1", "--status", "pending", env: ["DESK_NOW": "2026-11-24T10:05:00Z"])
    s.ok("ticket", "reopen", "1", env: ["DESK_NOW": "2026-11-25T10:05:00Z"])
    #expect(
      try timers(s, 1, now: "2026-11-25T10:06:00Z").last == "resolution by-type 5h breached due \(due1) breached \(due1)")
    // Solving it late counts as breached in the report.
    s.ok("ticket", "solve", "1", "--as", "bob", env: ["DESK_NOW": "2026-11-25T10:10:00Z"])
    let report = try s.ok(
      "report", "agents", "--from", "2026-11-23", "--to", "2026-11-26", "--json", env: ["DESK_NOW": "2026-11-25T10:10:00Z"]
    )
    .array()
    let bob = try #require(report.first { $0["agent"] as? String == "bob" })
    #expect("\(bob["sla_met"]!) \(bob["sla_breached"]!)" == "1 2")
  }
}
