import Foundation
import Testing

/// Friday 2026-11-20 in Moscow (UTC+3). The office works Mon–Fri 10:00–19:00 MSK.
@Suite("SLA timers, warnings and breaches on a business calendar, stepped with DESK_NOW")
struct SLATests {
  static func office() -> Sandbox {
    let s = Sandbox.team(now: "2026-11-20T06:00:00Z")
    s.ok(
      "sla", "calendar", "add", "office", "--tz", "Europe/Moscow", "--hours", "mon-fri 10:00-19:00", "--holiday", "2026-11-25=Founders day")
    s.ok(
      "sla", "policy", "add", "by-type", "--calendar", "office", "--first-response", "support=1h,implementation=4h,development=2bd",
      "--next-response", "2h", "--resolution", "urgent=5h,high=1bd,normal=2bd", "--default")
    return s
  }

  func cron(_ s: Sandbox, _ now: String) -> String {
    s.ok("cron", "-v", env: ["DESK_NOW": now]).stdout
  }

  @Test("a Friday evening ticket is due Monday 10:30; warned at 10:15 sharp, breached at 10:30, each once")
  func warningAndBreach() throws {
    let s = Self.office()
    s.ok("ticket", "new", "Printer on fire", "--customer", "1", "--assign", "bob", env: ["DESK_NOW": "2026-11-20T15:30:00Z"])
    let status = try s.ok("sla", "status", "1", "--json", env: ["DESK_NOW": "2026-11-20T15:30:00Z"]).array()
    #expect(
      status.map { "\($0["target"]!) \($0["due_at"]!) \($0["state"]!) \($0["business_left"]!)" } == [
        "first_response 2026-11-23T07:30:00Z running 1h",
        "resolution 2026-11-24T15:30:00Z running 18h",
      ])
    #expect(
      try s.ok("ticket", "list", "--json", "--fields", "id,sla_policy,sla_due_at").array().first?["sla_due_at"] as? String
        == "2026-11-23T07:30:00Z")
    #expect(cron(s, "2026-11-22T12:00:00Z") == "")
    #expect(cron(s, "2026-11-23T07:14:59Z") == "")
    #expect(cron(s, "2026-11-23T07:15:00Z") == "sla-warning ticket 1 first_response → bob: due 2026-11-23T07:30:00Z, 15m left\n")
    #expect(cron(s, "2026-11-23T07:15:00Z") == "")
    #expect(cron(s, "2026-11-23T07:29:00Z") == "")
    #expect(cron(s, "2026-11-23T07:30:00Z") == "sla-breach ticket 1 first_response → leads: due 2026-11-23T07:30:00Z\n")
    #expect(cron(s, "2026-11-23T07:31:00Z") == "")
    let outbox = s.ok("outbox", "list", "--format", "tsv", "--fields", "event,recipient,subject,body")
    #expect(
      outbox.stdout == """
        event\trecipient\tsubject\tbody
        sla.warning\tbob\tSLA warning: ticket #1 first response due in 15m\tTicket #1 "Printer on fire": the first response is due at 2026-11-23 10:30 GMT+3, 15m from now (policy by-type).
        sla.breach\tadelia\tSLA breached: ticket #1 first response\tTicket #1 "Printer on fire" breached its first response target (policy by-type) at 2026-11-23 10:30 GMT+3. Assignee: bob.

        """)
    #expect(try s.ok("ticket", "list", "--breached", "--format", "ids", env: ["DESK_NOW": "2026-11-23T07:31:00Z"]).stdout == "1\n")
    #expect(try s.ok("ticket", "list", "--breached", "--format", "ids", env: ["DESK_NOW": "2026-11-23T07:29:00Z"]).stdout == "")
    #expect(try s.ok("ticket", "list", "--due-within", "15m", "--format", "ids", env: ["DESK_NOW": "2026-11-23T07:15:00Z"]).stdout == "1\n")
    #expect(try s.ok("ticket", "list", "--due-within", "14m", "--format", "ids", env: ["DESK_NOW": "2026-11-23T07:15:00Z"]).stdout == "")
    // The reply meets the first response (late), and that is what sla status says.
    s.ok("ticket", "reply", "1", "-m", "On it", env: ["DESK_NOW": "2026-11-23T07:40:00Z"])
    let after = try s.ok("sla", "status", "1", "--json", env: ["DESK_NOW": "2026-11-23T07:41:00Z"]).array()
    #expect(after.first?["state"] as? String == "breached")
    #expect(after.first?["met_at"] as? String == "2026-11-23T07:40:00Z")
  }

  @Test("moving a ticket from support to implementation keeps its start: 1h becomes 4h from creation")
  func typeChangeKeepsStart() throws {
    let s = Self.office()
    // Monday 11:00 MSK.
    s.ok("ticket", "new", "Import fails", "--customer", "1", env: ["DESK_NOW": "2026-11-23T08:00:00Z"])
    #expect(try s.scalar("SELECT sla_due_at FROM ticket WHERE id = 1") == "2026-11-23T09:00:00Z")
    s.ok("ticket", "set", "1", "--type", "implementation", env: ["DESK_NOW": "2026-11-23T08:30:00Z"])
    #expect(try s.scalar("SELECT sla_due_at FROM ticket WHERE id = 1") == "2026-11-23T12:00:00Z")
    let history = try s.query { db in
      try String.fetchAll(
        db,
        sql:
          "SELECT field || ' ' || ifnull(old_value, '-') || ' > ' || ifnull(new_value, '-') FROM history WHERE ticket_id = 1 AND field LIKE 'sla%' ORDER BY id"
      )
    }
    #expect(
      history == [
        "sla policy - > by-type",
        "sla first_response 1h (by-type), due 2026-11-23T09:00:00Z > 4h (by-type), due 2026-11-23T12:00:00Z",
      ])
    // Development: two working days, skipping the Wednesday holiday.
    s.ok("ticket", "set", "1", "--type", "development", env: ["DESK_NOW": "2026-11-23T08:31:00Z"])
    #expect(try s.scalar("SELECT sla_due_at FROM ticket WHERE id = 1") == "2026-11-26T08:00:00Z")
  }

  @Test("pending pauses the timers and a customer's answer resumes them; next response runs from the customer's message")
  func pauseAndNextResponse() throws {
    let s = Self.office()
    s.ok("ticket", "new", "Slow reports", "--customer", "1", "--channel", "telegram", env: ["DESK_NOW": "2026-11-23T07:00:00Z"])
    // Reply at 10:30 MSK, pending: resolution (18h) used 30m.
    s.ok("ticket", "reply", "1", "-m", "Which report?", "--status", "pending", env: ["DESK_NOW": "2026-11-23T07:30:00Z"])
    let paused = try s.ok("sla", "status", "1", "--json", env: ["DESK_NOW": "2026-11-24T07:00:00Z"]).array()
    #expect(paused.map { "\($0["target"]!) \($0["state"]!)" } == ["first_response met", "resolution paused"])
    #expect(paused.last?["business_left"] as? String == "17h30m")
    // The customer answers Tuesday 12:00 MSK: open again, resolution resumes, next response starts.
    s.ok(
      "ticket", "ingest", "--channel", "telegram", "--handle", "@anna", "-m", "The weekly one", env: ["DESK_NOW": "2026-11-24T09:00:00Z"])
    let resumed = try s.ok("sla", "status", "1", "--json", env: ["DESK_NOW": "2026-11-24T09:00:00Z"]).array()
    let byTarget = Dictionary(uniqueKeysWithValues: resumed.map { ($0["target"] as! String, $0) })
    #expect(byTarget["next_response"]?["due_at"] as? String == "2026-11-24T11:00:00Z")
    // 17h30m of working time from Tue 12:00 MSK: 7h Tue, (Wed holiday), 9h Thu, 1h30m Fri → Fri 11:30 MSK.
    #expect(byTarget["resolution"]?["due_at"] as? String == "2026-11-27T08:30:00Z")
    s.ok("ticket", "reply", "1", "-m", "Fixed", env: ["DESK_NOW": "2026-11-24T10:00:00Z"])
    let answered = try s.ok("sla", "status", "1", "--json", env: ["DESK_NOW": "2026-11-24T10:00:00Z"]).array()
    #expect(answered.first(where: { $0["target"] as? String == "next_response" })?["state"] as? String == "met")
  }

  @Test("setting an SLA by hand is recorded and reaches the leads; leads can forbid it")
  func auditedChange() throws {
    let s = Self.office()
    s.ok("sla", "policy", "add", "relaxed", "--resolution", "5bd", "--tag", "slow-lane")
    s.ok("ticket", "new", "Question", "--customer", "1", env: ["DESK_NOW": "2026-11-23T08:00:00Z"])
    let set = s.ok(
      "sla", "set", "1", "relaxed", "--reason", "customer agreed to wait", env: ["DESK_NOW": "2026-11-23T08:10:00Z", "DESK_AGENT": "bob"])
    #expect(set.stdout == "ticket 1: SLA auto (by-type) → relaxed\n")
    let note = s.ok("outbox", "list", "--format", "tsv", "--fields", "event,recipient,body")
    #expect(
      note.stdout
        == "event\trecipient\tbody\nsla.changed\tadelia\tbob changed the SLA of ticket #1 (Question) from auto (by-type) to relaxed: customer agreed to wait\n"
    )
    #expect(
      try s.scalar("SELECT new_value FROM history WHERE ticket_id = 1 AND field = 'sla'") == "relaxed (reason: customer agreed to wait)")
    // The pinned policy sets the resolution; the default still fills the first response it does not set.
    #expect(
      try s.scalar("SELECT group_concat(target || ' ' || goal_seconds) FROM sla_timer WHERE ticket_id = 1 AND met_at IS NULL")
        == "first_response 3600,resolution 432000")

    #expect(s.run("config", "set", "sla.agents-may-change", "false", "--as", "bob").status == 77)
    s.ok("config", "set", "sla.agents-may-change", "false", "--as", "adelia")
    let before = try s.snapshot()
    let refused = s.run("sla", "set", "1", "by-type", "--reason", "faster", "--as", "bob")
    #expect(refused.status == 77)
    #expect(
      refused.stderr
        == "desk: error: agents may not change SLAs on this desk (hint: ask a lead; a lead can allow it with desk config set sla.agents-may-change true)\n"
    )
    #expect(try s.snapshot() == before)
    s.ok("sla", "set", "1", "auto", "--reason", "back to normal", "--as", "adelia")
    #expect(try s.scalar("SELECT sla_pinned FROM ticket WHERE id = 1") == "0")
    #expect(s.run("sla", "policy", "add", "x", "--resolution", "1h", "--as", "bob").status == 77)
  }

  @Test("bad calendars and targets are refused")
  func badInput() throws {
    let s = Sandbox.team()
    #expect(s.run("sla", "calendar", "add", "x", "--tz", "Mars/Olympus", "--hours", "mon-fri 10:00-19:00").status == 64)
    #expect(s.run("sla", "calendar", "add", "x", "--tz", "UTC", "--hours", "mon-fri 19:00-10:00").status == 64)
    #expect(s.run("sla", "calendar", "add", "x", "--tz", "UTC", "--hours", "funday 10:00-11:00").status == 64)
    #expect(s.run("sla", "calendar", "add", "x", "--tz", "UTC").status == 64)
    #expect(s.run("sla", "policy", "add", "p", "--first-response", "soon").status == 64)
    #expect(s.run("sla", "policy", "add", "p").status == 64)
    #expect(s.run("sla", "policy", "add", "p", "--resolution", "1h", "--calendar", "nope").status == 66)
    #expect(s.run("sla", "calendar", "rm", "24x7").status == 65)
    #expect(try s.scalar("SELECT count(*) FROM sla_policy") == "0")
  }

  @Test("desk cron --dry-run shows what is due and changes nothing; --json prints the actions")
  func dryRunAndJSON() throws {
    let s = Self.office()
    s.ok("ticket", "new", "Printer on fire", "--customer", "1", env: ["DESK_NOW": "2026-11-23T07:00:00Z"])
    let before = try s.snapshot()
    let dry = s.ok("cron", "--dry-run", env: ["DESK_NOW": "2026-11-23T07:50:00Z"])
    #expect(dry.stdout == "would-warn ticket 1 first_response → team: due 2026-11-23T08:00:00Z, 10m left\n")
    #expect(try s.snapshot() == before)
    let json = try s.ok("cron", "--json", env: ["DESK_NOW": "2026-11-23T07:50:00Z"]).array()
    #expect(json.count == 1)
    #expect(json.first?["action"] as? String == "sla-warning")
    #expect(json.first?["ticket_id"] as? Int == 1)
    #expect(json.first?["recipient"] as? String == "team")
    #expect(s.ok("cron", "--json", env: ["DESK_NOW": "2026-11-23T07:51:00Z"]).stdout == "[]\n")
    #expect(try s.scalar("SELECT audience || ' ' || ifnull(recipient, '-') FROM outbox") == "team -")
  }
}
