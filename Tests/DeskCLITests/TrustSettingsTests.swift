import Foundation
import Testing

/// Issue 14, item 6: a setting or reference cannot be mistyped or removed into a state that
/// stops cron or intake.
@Suite("trust: settings and references")
struct TrustSettingsTests {
  /// Runs `args`, requires `status` and exactly `stderr`, and that the database did not change.
  func refused(
    _ s: Sandbox, _ args: [String], status: Int32, stderr: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let before = try s.snapshot()
    let r = s.run(args)
    #expect(r.status == status, "\(args): \(r)", sourceLocation: sourceLocation)
    #expect(r.stderr == stderr, sourceLocation: sourceLocation)
    #expect(r.stdout == "", sourceLocation: sourceLocation)
    #expect(try s.snapshot() == before, "\(args) changed the database", sourceLocation: sourceLocation)
  }

  @Test("config set checks what a setting names: calendars, templates, channels, addresses")
  func settingsNameWhatExists() throws {
    let s = Sandbox.team()
    s.ok("sla", "calendar", "add", "office", "--tz", "Europe/Moscow", "--hours", "mon-fri 10:00-19:00")
    try refused(
      s, ["config", "set", "support.calendar", "nosuch"], status: 66,
      stderr: "desk: error: no calendar 'nosuch' for support.calendar (hint: calendars: 24x7, office)\n")
    try refused(
      s, ["config", "set", "pending.reminders", "2d=nosuch"], status: 66,
      stderr:
        "desk: error: no template 'nosuch' for pending.reminders (hint: templates: ack, ack-after-hours, ack-holiday, ack-weekend, pending-closed, pending-reminder-1, pending-reminder-2, rating-request)\n"
    )
    try refused(
      s, ["config", "set", "pending.reminders", "2d=pending-reminder-1,3d=close:gone"], status: 66,
      stderr:
        "desk: error: no template 'gone' for pending.reminders (hint: templates: ack, ack-after-hours, ack-holiday, ack-weekend, pending-closed, pending-reminder-1, pending-reminder-2, rating-request)\n"
    )
    try refused(
      s, ["config", "set", "rating.request-on-solve", "email,pigeon"], status: 65,
      stderr:
        "desk: error: rating.request-on-solve: unknown channel 'pigeon' (hint: channels: email, telegram, phone, chat, widget, web, api (desk config set ticket.channels …))\n"
    )
    try refused(
      s, ["config", "set", "notify.email", "bad"], status: 65, stderr: "desk: error: notify.email: the address 'bad' is not an email address: it has no @ (hint: write it as name@example.com)\n")
    s.ok("config", "set", "support.calendar", "office")
    s.ok("config", "set", "pending.reminders", "1d=pending-reminder-2,2d=close")
    s.ok("config", "set", "rating.request-on-solve", "email,phone")
    s.ok("config", "set", "notify.email", "team@example.com")
    #expect(
      try s.scalar("SELECT group_concat(key || '=' || value, ' ') FROM (SELECT * FROM setting ORDER BY key)")
        == "notify.email=team@example.com pending.reminders=1d=pending-reminder-2,2d=close rating.request-on-solve=email,phone support.calendar=office"
    )
    // Intake still works on the chosen calendar.
    #expect(s.ok("ticket", "ingest", "--channel", "email", "--email", "max@example.com", "-m", "Hello").stdout == "1\tcreated\n")
  }

  @Test("SLA policies refuse targets for unknown types, a key given twice, and a warning longer than a day")
  func policyTargetsAndWarnings() throws {
    let s = Sandbox.team()
    try refused(
      s, ["sla", "policy", "add", "p", "--first-response", "support=1h,bogus=2h"], status: 65,
      stderr:
        "desk: error: 'bogus' is neither a ticket type nor a priority (hint: types: support, implementation, development, finance; priorities: low, normal, high, urgent)\n"
    )
    try refused(
      s, ["sla", "policy", "add", "p", "--resolution", "urgent=5h,high=1d,urgent=2h"], status: 65,
      stderr: "desk: error: 'urgent' has two targets in 'urgent=5h,high=1d,urgent=2h'\n")
    try refused(
      s, ["sla", "policy", "add", "p", "--first-response", "1h,2h"], status: 65,
      stderr: "desk: error: '*' has two targets in '1h,2h'\n")
    try refused(
      s, ["sla", "policy", "add", "p", "--first-response", "1h", "--warn", "9999d"], status: 65,
      stderr: "desk: error: --warn: '9999d' must be from 0m to 1d before the deadline\n")
    s.ok("sla", "policy", "add", "p", "--first-response", "support=1h,urgent=15m,4h", "--warn", "1d")
    try refused(
      s, ["sla", "policy", "edit", "p", "--warn", "25h"], status: 65,
      stderr: "desk: error: --warn: '25h' must be from 0m to 1d before the deadline\n")
  }

  @Test("a ticket type that a rule or policy names cannot be dropped from ticket.types")
  func typeInUse() throws {
    let s = Sandbox.team()
    s.ok("rule", "add", "money", "--on", "created", "--if-text", "invoice", "--set-type", "finance")
    s.ok("rule", "add", "dev", "--on", "created", "--if-type", "development", "--notify", "leads")
    s.ok("sla", "policy", "add", "by-type", "--first-response", "support=1h,implementation=4h", "--default")
    try refused(
      s, ["config", "set", "ticket.types", "support,development"], status: 65,
      stderr: "desk: error: the type 'implementation' is used by policy by-type (hint: change those first, then the types)\n")
    try refused(
      s, ["config", "set", "ticket.types", "support,implementation,development"], status: 65,
      stderr: "desk: error: the type 'finance' is used by rule money (hint: change those first, then the types)\n")
    try refused(
      s, ["config", "set", "ticket.types", "support,implementation,finance"], status: 65,
      stderr: "desk: error: the type 'development' is used by rule dev (hint: change those first, then the types)\n")
    s.ok("config", "set", "ticket.types", "support,implementation,development,finance,sales")
    #expect(s.ok("config", "set", "ticket.types", "support,implementation,development,finance").stdout.hasPrefix("ticket.types = "))
  }

  @Test("an exec adapter must name an executable file or a command on PATH")
  func adapterCommandExists() throws {
    let s = Sandbox.team()
    try refused(
      s, ["outbox", "adapter", "set", "email", "exec", "no-such-deliverer"], status: 66,
      stderr: "desk: error: no command 'no-such-deliverer' on PATH (hint: give the full path of an executable file)\n")
    try refused(
      s, ["outbox", "adapter", "set", "email", "exec", s.dir + "/missing.sh"], status: 66,
      stderr: "desk: error: '\(s.dir)/missing.sh' is not an executable file (hint: give the full path of an executable file)\n")
    _ = FileManager.default.createFile(atPath: s.dir + "/plain.sh", contents: Data("cat\n".utf8), attributes: [.posixPermissions: 0o644])
    try refused(
      s, ["outbox", "adapter", "set", "email", "exec", s.dir + "/plain.sh"], status: 66,
      stderr: "desk: error: '\(s.dir)/plain.sh' is not an executable file (hint: give the full path of an executable file)\n")
    s.ok("outbox", "adapter", "set", "email", "exec", "cat")
    #expect(try s.scalar("SELECT target FROM delivery_adapter WHERE channel = 'email'") == #"["cat"]"#)
    // A relative path is kept as the absolute one it means: cron runs in another directory.
    _ = FileManager.default.createFile(
      atPath: s.dir + "/deliver.sh", contents: Data("#!/bin/sh\ncat\n".utf8), attributes: [.posixPermissions: 0o755])
    s.ok("outbox", "adapter", "set", "telegram", "exec", "./deliver.sh", "out.jsonl")
    #expect(
      try s.scalar("SELECT json_extract(target, '$[0]') || ' ' || json_extract(target, '$[1]') FROM delivery_adapter WHERE channel = 'telegram'")
        == "\(s.dir)/deliver.sh out.jsonl")
  }

  @Test("a rule condition that names nothing, or a skill group nobody is in, is refused")
  func emptyRuleCondition() throws {
    let s = Sandbox.team()
    try refused(
      s, ["rule", "add", "all", "--on", "created", "--if-text", "", "--assign", "bob"], status: 65,
      stderr: "desk: error: --if-text names nothing (hint: give at least one word, or leave the condition out)\n")
    try refused(
      s, ["rule", "add", "all", "--on", "created", "--if-text", " , ", "--assign", "bob"], status: 65,
      stderr: "desk: error: --if-text names nothing (hint: give at least one word, or leave the condition out)\n")
    try refused(
      s, ["rule", "add", "all", "--on", "created", "--if-channel", "", "--assign", "bob"], status: 65,
      stderr: "desk: error: --if-channel names nothing (hint: give at least one channel, or leave the condition out)\n")
    try refused(
      s, ["rule", "add", "money", "--on", "created", "--assign", "skill:payroll"], status: 66,
      stderr: "desk: error: no active agent has the skill 'payroll' (hint: skills: finance)\n")
    s.ok("rule", "add", "money", "--on", "created", "--if-text", "invoice", "--assign", "bob")
    try refused(
      s, ["rule", "edit", "money", "--if-text", ""], status: 65,
      stderr: "desk: error: --if-text names nothing (hint: give at least one word, or leave the condition out)\n")
  }

  /// A desk whose template `nudge` is used by a setting, a rule and an auto-reply.
  static func nudgeInUse() -> Sandbox {
    let s = Sandbox.team()
    s.ok("template", "add", "nudge", "--subject", "Still there? [#{{ticket.id}}]", "-m", "Hello {{customer.name}}, any news?")
    s.ok("template", "add", "nudge", "--language", "ru", "-m", "Здравствуйте, {{customer.name}}!")
    s.ok("config", "set", "pending.reminders", "1d=nudge,2d=pending-reminder-2,3d=close:nudge")
    s.ok("rule", "add", "chase", "--on", "customer_message", "--reply-template", "nudge")
    s.ok("rule", "add", "vip", "--on", "created", "--if-tag", "vip", "--reply-template", "nudge", "--notify", "leads")
    s.ok("autoreply", "set", "email", "after-hours", "nudge")
    return s
  }

  @Test("removing a template that something uses is refused with the list of users")
  func templateInUseIsKept() throws {
    let s = Self.nudgeInUse()
    try refused(
      s, ["template", "rm", "nudge"], status: 65,
      stderr:
        "desk: error: template 'nudge' is used by setting pending.reminders, rule chase, rule vip, autoreply email after-hours (hint: change those first, or add --force to clear them too)\n"
    )
    // One language of several may go: the others still render.
    #expect(s.ok("template", "rm", "nudge", "--language", "ru").stdout == "template nudge: removed (1 language)\n")
    try refused(
      s, ["template", "rm", "nudge", "--language", "en"], status: 65,
      stderr:
        "desk: error: template 'nudge' is used by setting pending.reminders, rule chase, rule vip, autoreply email after-hours (hint: change those first, or add --force to clear them too)\n"
    )
    // rating.request-on-solve uses rating-request.
    s.ok("config", "set", "rating.request-on-solve", "email")
    try refused(
      s, ["template", "rm", "rating-request"], status: 65,
      stderr:
        "desk: error: template 'rating-request' is used by setting rating.request-on-solve (hint: change those first, or add --force to clear them too)\n"
    )
  }

  @Test("template rm --force clears every use in the same transaction")
  func templateRemovedWithForce() throws {
    let s = Self.nudgeInUse()
    let r = s.ok("template", "rm", "nudge", "--force")
    #expect(
      r.stdout
        == "template nudge: removed (2 languages); cleared: setting pending.reminders, rule chase, rule vip, autoreply email after-hours\n"
    )
    // The reminder steps keep their times: the step that sent nudge adds its wait to the next.
    #expect(try s.scalar("SELECT value FROM setting WHERE key = 'pending.reminders'") == "3d=pending-reminder-2,3d=close")
    #expect(
      try s.scalar("SELECT group_concat(name || ' ' || enabled || ' ' || actions, ' | ') FROM (SELECT * FROM rule ORDER BY position)")
        == #"chase 0 {} | vip 1 {"notify":"leads"}"#)
    #expect(try s.scalar("SELECT count(*) FROM autoreply WHERE template = 'nudge'") == "0")
    #expect(try s.scalar("SELECT count(*) FROM template WHERE name = 'nudge'") == "0")
    s.ok("config", "set", "rating.request-on-solve", "email")
    #expect(s.ok("template", "rm", "rating-request", "--force").stdout.hasSuffix("; cleared: setting rating.request-on-solve\n"))
    #expect(try s.scalar("SELECT count(*) FROM setting WHERE key = 'rating.request-on-solve'") == "0")
  }

  @Test("removing a calendar that a setting or policy uses is refused; --force moves them to 24x7")
  func calendarInUse() throws {
    let s = Sandbox.team()
    s.ok("sla", "calendar", "add", "office", "--tz", "Europe/Moscow", "--hours", "mon-fri 10:00-19:00")
    s.ok("config", "set", "support.calendar", "office")
    s.ok("sla", "policy", "add", "support", "--calendar", "office", "--first-response", "1h", "--default")
    try refused(
      s, ["sla", "calendar", "rm", "office"], status: 65,
      stderr:
        "desk: error: calendar 'office' is used by setting support.calendar, policy support (hint: change those first, or add --force to clear them too)\n"
    )
    #expect(
      s.ok("sla", "calendar", "rm", "office", "--force").stdout
        == "calendar office: removed; cleared: setting support.calendar, policy support; 0 open tickets change target\n")
    #expect(try s.scalar("SELECT count(*) FROM setting WHERE key = 'support.calendar'") == "0")
    #expect(try s.scalar("SELECT ifnull(calendar_id, '24x7') FROM sla_policy WHERE name = 'support'") == "24x7")
    #expect(try s.scalar("SELECT count(*) FROM calendar") == "0")
    #expect(s.ok("ticket", "ingest", "--channel", "email", "--email", "max@example.com", "-m", "Hello").stdout == "1\tcreated\n")
  }

  @Test("a calendar nothing uses is removed as before")
  func calendarUnused() throws {
    let s = Sandbox.team()
    s.ok("sla", "calendar", "add", "office", "--tz", "Europe/Moscow", "--hours", "mon-fri 10:00-19:00")
    #expect(s.ok("sla", "calendar", "rm", "office").stdout == "calendar office: removed; 0 open tickets change target\n")
  }
}

@Suite("trust: agents and skills that rules use")
struct TrustAgentReferenceTests {
  @Test("deactivating an agent a rule assigns to or notifies is refused with the rules; --force clears the actions")
  func agentInUse() throws {
    let s = Sandbox.team()
    s.ok("rule", "add", "money", "--on", "created", "--if-text", "invoice", "--assign", "skill:finance")
    s.ok("rule", "add", "bugs", "--on", "created", "--if-text", "crash", "--assign", "bob", "--add-tag", "bug")
    s.ok("rule", "add", "tell", "--on", "created", "--notify", "bob")
    let before = try s.snapshot()
    let r = s.run("agent", "deactivate", "bob")
    #expect(r.status == 65)
    #expect(
      r.stderr
        == "desk: error: agent 'bob' is used by rule bugs, rule tell (hint: change those first, or add --force to clear them too)\n")
    #expect(try s.snapshot() == before)
    // adelia is the only one with the skill finance that rule money assigns to.
    let skill = s.run("agent", "edit", "adelia", "--remove-skill", "finance")
    #expect(skill.status == 65)
    #expect(
      skill.stderr
        == "desk: error: the skill finance of 'adelia' is used by rule money (hint: change those first, or add --force to clear them too)\n"
    )
    s.ok("agent", "edit", "bob", "--skill", "finance")
    s.ok("agent", "edit", "adelia", "--remove-skill", "finance")
    #expect(s.ok("agent", "deactivate", "bob", "--force").stdout == "agent bob: deactivated\n")
    #expect(
      try s.scalar("SELECT group_concat(name || ' ' || enabled || ' ' || actions, ' | ') FROM (SELECT * FROM rule ORDER BY position)")
        == #"money 0 {} | bugs 1 {"tags":["bug"]} | tell 0 {}"#)
  }

  @Test("renaming the support calendar keeps support.calendar on it")
  func calendarRename() throws {
    let s = Sandbox.team()
    s.ok("sla", "calendar", "add", "office", "--tz", "Europe/Moscow", "--hours", "mon-fri 10:00-19:00")
    s.ok("config", "set", "support.calendar", "office")
    s.ok("sla", "calendar", "edit", "office", "--rename", "moscow")
    #expect(s.ok("config", "get", "support.calendar").stdout == "moscow\n")
  }
}
