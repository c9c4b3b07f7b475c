import Foundation
import Testing

/// The brief's automation, driven with DESK_NOW. 2026-11-27 is a Friday; the office is
/// Mon–Fri 10:00–19:00 Moscow time (UTC+3).
@Suite("automation: routing, acknowledgements, reminders, alerts")
struct AutomationTests {
  static func office() -> Sandbox {
    let s = Sandbox.team(now: "2026-11-20T06:00:00Z")
    s.ok("sla", "calendar", "add", "office", "--tz", "Europe/Moscow", "--hours", "mon-fri 10:00-19:00")
    s.ok("config", "set", "support.calendar", "office")
    s.ok("sla", "policy", "add", "support", "--calendar", "office", "--first-response", "1h", "--default")
    s.ok(
      "template", "add", "ack-friday", "--subject", "Заявка [#{{ticket.id}}] принята",
      "-m", "Здравствуйте, {{customer.name}}! Ваша заявка №{{ticket.id}} принята. Мы ответим в понедельник, до {{due}}.")
    s.ok("autoreply", "set", "telegram", "before-weekend", "ack-friday")
    s.ok(
      "rule", "add", "payroll", "--on", "created", "--if-text", "зарплат*,salary,relatório", "--assign", "adelia",
      "--set-type", "finance", "--add-tag", "payroll", "--stop")
    return s
  }

  func outbox(_ s: Sandbox, where clause: String = "1 = 1") throws -> [String] {
    try s.query { db in
      try String.fetchAll(
        db,
        sql: "SELECT event || ' | ' || ifnull(recipient, '-') || ' | ' || subject || ' | ' || body FROM outbox WHERE \(clause) ORDER BY id")
    }
  }

  @Test(
    "a Cyrillic request on Friday evening: routed by keyword, acknowledged with the Friday text, reminded on days 2 and 5, closed on day 8")
  func fridayEveningScenario() throws {
    let s = Self.office()
    // Friday 19:40 MSK.
    let r = s.ok(
      "ticket", "ingest", "--channel", "telegram", "--handle", "@ivan", "--name", "Иван",
      "-m", "Не приходит ЗАРПЛАТА в отчёте", env: ["DESK_NOW": "2026-11-27T16:40:00Z"])
    #expect(r.stdout == "1\tcreated\n")
    let t = try #require(s.ok("ticket", "show", "1", "--json").array().first)
    #expect(t["assignee"] as? String == "adelia")
    #expect(t["type"] as? String == "finance")
    #expect(t["tags"] as? [String] == ["payroll"])
    let actors = try s.query { db in
      try String.fetchAll(db, sql: "SELECT actor || ' ' || field FROM history WHERE ticket_id = 1 AND actor LIKE 'rule:%' ORDER BY id")
    }
    #expect(
      actors == ["rule:payroll assignee", "rule:payroll status", "rule:payroll type", "rule:payroll tag", "rule:autoreply system reply"])
    #expect(
      try outbox(s) == [
        "autoreply | @ivan | Заявка [#1] принята | Здравствуйте, Иван! Ваша заявка №1 принята. Мы ответим в понедельник, до 2026-11-30 11:00 GMT+3."
      ])

    // Adelia asks a question on Monday and waits on the customer.
    s.ok(
      "ticket", "reply", "1", "-m", "Пришлите, пожалуйста, скриншот.", "--status", "pending",
      env: ["DESK_NOW": "2026-11-30T07:30:00Z", "DESK_AGENT": "adelia"])
    let cron = { (now: String) in s.ok("cron", "-v", env: ["DESK_NOW": now]).stdout }
    #expect(cron("2026-12-02T07:29:00Z") == "")
    #expect(cron("2026-12-02T07:30:00Z") == "remind ticket 1 → customer: reminder 1 after 2d pending, template pending-reminder-1\n")
    #expect(cron("2026-12-02T07:31:00Z") == "")
    #expect(cron("2026-12-05T07:30:00Z") == "remind ticket 1 → customer: reminder 2 after 5d pending, template pending-reminder-2\n")
    #expect(cron("2026-12-08T07:29:00Z") == "")
    #expect(cron("2026-12-08T07:30:00Z") == "close ticket 1 → customer: closed after 8d pending, template pending-closed\n")
    #expect(cron("2026-12-09T07:30:00Z") == "")
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "closed")
    #expect(
      try outbox(s, where: "event LIKE 'pending.%'") == [
        "pending.reminder | @ivan | Waiting for your answer [#1] | Hello Иван,\n\nwe are still waiting for your answer on request 1 \"Не приходит ЗАРПЛАТА в отчёте\". Just reply to this message.\n",
        "pending.reminder | @ivan | Your request will be closed soon [#1] | Hello Иван,\n\nwe have not heard from you on request 1 \"Не приходит ЗАРПЛАТА в отчёте\". If we do not hear from you in 3 days, we will close it. You can always write again.\n",
        "pending.closed | @ivan | Your request is closed [#1] | Hello Иван,\n\nwe closed request 1 \"Не приходит ЗАРПЛАТА в отчёте\" as we did not hear from you. Write to us any time to open a new one.\n",
      ])
    #expect(
      try s.scalar("SELECT actor FROM history WHERE ticket_id = 1 AND field = 'status' ORDER BY id DESC LIMIT 1")
        == "rule:pending-reminders")
  }

  @Test("a customer's answer between reminders reopens the ticket and ends the sequence")
  func answerBetweenReminders() throws {
    let s = Self.office()
    s.ok("ticket", "new", "Export hangs", "--customer", "1", "--channel", "telegram", env: ["DESK_NOW": "2026-11-23T08:00:00Z"])
    s.ok("ticket", "reply", "1", "-m", "Which browser?", "--status", "pending", env: ["DESK_NOW": "2026-11-23T08:10:00Z"])
    #expect(s.ok("cron", "-v", env: ["DESK_NOW": "2026-11-25T08:10:00Z"]).stdout.hasPrefix("remind ticket 1"))
    s.ok("ticket", "ingest", "--channel", "telegram", "--handle", "@anna", "-m", "Firefox", env: ["DESK_NOW": "2026-11-26T09:00:00Z"])
    #expect(
      try s.scalar("SELECT status || ' ' || ifnull(pending_since, '-') || ' ' || reminders_sent FROM ticket WHERE id = 1") == "open - 0")
    // Nothing more is sent: not reminder 2 on day 5, no closing on day 8.
    let later = s.ok("cron", "-v", env: ["DESK_NOW": "2026-12-01T08:10:00Z"]).stdout
    #expect(!later.contains("remind") && !later.contains("close"))
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE event LIKE 'pending.%'") == "1")
    // Pending again: the sequence starts over from the new moment.
    s.ok("ticket", "reply", "1", "-m", "Please update", "--status", "pending", env: ["DESK_NOW": "2026-12-01T09:00:00Z"])
    #expect(s.ok("cron", "-v", env: ["DESK_NOW": "2026-12-03T08:59:00Z"]).stdout == "")
    #expect(s.ok("cron", "-v", env: ["DESK_NOW": "2026-12-03T09:00:00Z"]).stdout.hasPrefix("remind ticket 1 → customer: reminder 1"))
  }

  @Test("acknowledgements: the right text for the time, never to an automatic message, throttled per customer")
  func acknowledgements() throws {
    let s = Self.office()
    // Tuesday 11:00 MSK, in hours: the built-in ack, with the first-response deadline.
    s.ok(
      "ticket", "ingest", "--channel", "email", "--email", "carla@example.com", "--name", "Carla", "--subject", "Relatório não abre",
      "-m", "Olá", env: ["DESK_NOW": "2026-11-24T08:00:00Z"])
    #expect(
      try outbox(s, where: "event = 'autoreply'") == [
        "autoreply | carla@example.com | We got your request [#1] | Hello Carla,\n\nthank you for writing to us. Your request has number 1. We will answer by 2026-11-24 12:00 GMT+3.\n"
      ])
    // The Portuguese keyword matched without its accent, case-insensitively.
    #expect(try s.scalar("SELECT assignee_id IS NOT NULL FROM ticket WHERE id = 1") == "1")
    // Auto-Submitted mail: no acknowledgement.
    s.ok(
      "ticket", "ingest", "--channel", "email", "--email", "robot@example.com", "--subject", "Out of office", "-m", "away",
      "--header", "Auto-Submitted: auto-replied", env: ["DESK_NOW": "2026-11-24T08:01:00Z"])
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE event = 'autoreply' AND recipient = 'robot@example.com'") == "0")
    // The same subject again and again: two acknowledgements in 180 minutes, then none.
    for i in 0..<4 {
      s.ok(
        "ticket", "ingest", "--channel", "email", "--email", "loop@example.com", "--subject", "Help", "-m", "again \(i)",
        env: ["DESK_NOW": "2026-11-24T08:1\(i):00Z"])
      s.ok("ticket", "close", "--force", "-", stdin: try s.scalar("SELECT max(id) FROM ticket")!, env: ["DESK_AGENT": "adelia"])
    }
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE event = 'autoreply' AND recipient = 'loop@example.com'") == "2")
    #expect(
      try s.scalar("SELECT new_value FROM history WHERE field = 'autoreply' ORDER BY id LIMIT 1") == "skipped: customer 4 had 2 in 3h")
    // Saturday: the weekend template.
    s.ok("ticket", "ingest", "--channel", "email", "--email", "sat@example.com", "-m", "hi", env: ["DESK_NOW": "2026-11-28T09:00:00Z"])
    #expect(try s.scalar("SELECT template FROM autoreply WHERE channel = '*' AND period = 'weekend'") == "ack-weekend")
    #expect(
      try s.scalar("SELECT body FROM outbox WHERE recipient = 'sat@example.com'")?.contains(
        "We are away for the weekend; we will answer by 2026-11-30 11:00 GMT+3.") == true)
  }

  @Test("a customer's message nobody answers for 15 minutes alerts the assignee once, or the team")
  func unansweredAlerts() throws {
    let s = Self.office()
    s.ok(
      "ticket", "new", "Thanks!", "--customer", "1", "--channel", "telegram", "--assign", "bob", env: ["DESK_NOW": "2026-11-24T08:00:00Z"])
    s.ok("ticket", "reply", "1", "-m", "Done", env: ["DESK_NOW": "2026-11-24T08:01:00Z", "DESK_AGENT": "bob"])
    s.ok("ticket", "ingest", "--channel", "telegram", "--handle", "@anna", "-m", "спасибо", env: ["DESK_NOW": "2026-11-24T08:05:00Z"])
    #expect(s.ok("cron", "-v", env: ["DESK_NOW": "2026-11-24T08:19:00Z"]).stdout == "")
    #expect(s.ok("cron", "-v", env: ["DESK_NOW": "2026-11-24T08:20:00Z"]).stdout == "unanswered ticket 1 → bob: message 2 waiting 15m\n")
    #expect(s.ok("cron", "-v", env: ["DESK_NOW": "2026-11-24T08:40:00Z"]).stdout == "")
    #expect(
      try outbox(s, where: "event = 'ticket.unanswered'") == [
        "ticket.unanswered | bob | Unanswered for 15m: ticket #1 | The customer's message on ticket #1 \"Thanks!\" has waited 15m for an answer."
      ])
    // A second message waits again: one more alert; an answer stops them.
    s.ok("ticket", "ingest", "--channel", "telegram", "--handle", "@anna", "-m", "ещё вопрос", env: ["DESK_NOW": "2026-11-24T09:00:00Z"])
    #expect(s.ok("cron", "-v", env: ["DESK_NOW": "2026-11-24T09:15:00Z"]).stdout == "unanswered ticket 1 → bob: message 3 waiting 15m\n")
    s.ok("ticket", "reply", "1", "-m", "Да?", env: ["DESK_NOW": "2026-11-24T09:16:00Z", "DESK_AGENT": "bob"])
    #expect(s.ok("cron", "-v", env: ["DESK_NOW": "2026-11-24T10:00:00Z"]).stdout == "")
  }

  @Test("solved tickets close after 4 days")
  func autoClose() throws {
    let s = Self.office()
    s.ok("ticket", "new", "Done soon", "--customer", "1", env: ["DESK_NOW": "2026-11-24T08:00:00Z"])
    s.ok("ticket", "solve", "1", "-m", "Done.", env: ["DESK_NOW": "2026-11-24T09:00:00Z"])
    #expect(s.ok("cron", "-v", env: ["DESK_NOW": "2026-11-28T08:59:00Z"]).stdout == "")
    #expect(s.ok("cron", "-v", env: ["DESK_NOW": "2026-11-28T09:00:00Z"]).stdout == "close ticket 1: solved more than 4d ago\n")
    #expect(try s.scalar("SELECT status || ' ' || closed_at FROM ticket WHERE id = 1") == "closed 2026-11-28T09:00:00Z")
    #expect(try s.scalar("SELECT actor FROM history WHERE ticket_id = 1 AND new_value = 'closed'") == "rule:auto-close")
  }

  @Test("templates: unknown placeholders refused at save; render previews; reply --template sends in the customer's language")
  func templates() throws {
    let s = Sandbox.team()
    let bad = s.run("template", "add", "oops", "-m", "Hello {{customer.nmae}}")
    #expect(bad.status == 65)
    #expect(bad.stderr.hasPrefix("desk: error: the template's body uses an unknown placeholder {{customer.nmae}}"))
    #expect(s.run("template", "add", "oops", "-m", "{{#due}}{{/due}}{{^due}}{{bogus}}{{/due}}").status == 65)
    #expect(s.run("template", "add", "oops", "-m", "{{#unclosed}}").status == 65)
    s.ok(
      "template", "add", "thanks", "--subject", "Re: {{ticket.subject}}", "-m", "Hello {{customer.name}} & <friends>, from {{agent.name}}.")
    s.ok("template", "add", "thanks", "--language", "ru", "-m", "Здравствуйте, {{customer.name}}! {{agent.name}}")
    s.ok("ticket", "new", "Printer", "--customer", "1", "--assign", "bob")
    #expect(
      s.ok("template", "render", "thanks", "1").stdout == "subject: Re: Printer\n\nHello Anna Petrova & <friends>, from Root Admin.\n")
    s.ok("customer", "edit", "1", "--language", "ru")
    s.ok("ticket", "reply", "1", "--template", "thanks", env: ["DESK_AGENT": "bob"])
    #expect(
      try s.scalar("SELECT subject || ' | ' || body FROM outbox WHERE event = 'ticket.reply'")
        == "Re: Printer [#1] | Здравствуйте, Anna Petrova! Bob")
    #expect(s.run("ticket", "reply", "1", "--template", "nope").status == 66)
    #expect(s.run("template", "add", "x", "-m", "hi", "--as", "bob").status == 77)
  }

  @Test("rules: least-loaded agent of a skill, the account manager, rule test changes nothing")
  func rules() throws {
    let s = Sandbox.team()
    s.ok("agent", "add", "carol", "--skill", "finance")
    s.ok("customer", "edit", "1", "--manager", "bob", "--org", "Fitness Pro")
    s.ok("rule", "add", "vip", "--on", "created", "--if-org", "Fitness Pro", "--assign", "account-manager", "--stop")
    s.ok("rule", "add", "money", "--on", "created", "--if-text", "invoice", "--assign", "skill:finance")
    // adelia (finance) has one ticket already; carol has none: carol gets it.
    s.ok("ticket", "new", "Old", "--assign", "adelia")
    s.ok("ticket", "new", "Invoice wrong")
    #expect(try s.scalar("SELECT a.login FROM ticket t JOIN agent a ON a.id = t.assignee_id WHERE t.id = 2") == "carol")
    s.ok("ticket", "new", "Invoice again")
    #expect(try s.scalar("SELECT a.login FROM ticket t JOIN agent a ON a.id = t.assignee_id WHERE t.id = 3") == "adelia")
    s.ok("ticket", "new", "Invoice from a VIP", "--customer", "1")
    #expect(try s.scalar("SELECT a.login FROM ticket t JOIN agent a ON a.id = t.assignee_id WHERE t.id = 4") == "bob")
    let before = try s.snapshot()
    #expect(s.ok("rule", "test", "--text", "my INVOICE", "--customer", "1").stdout == "1. vip: assign account-manager (stop)\n")
    #expect(s.ok("rule", "test", "--text", "my INVOICE").stdout == "2. money: assign skill:finance (matched \"INVOICE\" by invoice)\n")
    #expect(s.ok("rule", "test", "--text", "hello").stdout == "no rule fires\n")
    #expect(try s.snapshot() == before)
    s.ok("rule", "disable", "money")
    #expect(s.ok("rule", "test", "--text", "invoice").stdout == "no rule fires\n")
    #expect(s.run("rule", "add", "bad", "--on", "created", "--assign", "ghost").status == 66)
    #expect(s.run("rule", "add", "bad", "--on", "created").status == 64)
  }
}
