import Foundation
import GRDB
import Testing

/// Issue 14, item 7: one failing item of `desk cron` does not stop the others.
@Suite("trust: cron isolates failures")
struct TrustCronTests {
  /// Ticket 1 waits on the customer (reminder template nudge); ticket 2 has a first-response target
  /// of 1h with a 15m warning; every message goes to an exec adapter that appends to got.jsonl.
  static func desk() throws -> Sandbox {
    let s = Sandbox.team(now: "2026-11-24T10:00:00Z")
    let script = s.dir + "/deliver.sh"
    _ = FileManager.default.createFile(
      atPath: script, contents: Data("#!/bin/sh\ncat >> \"$1\"\necho >> \"$1\"\n".utf8), attributes: [.posixPermissions: 0o755])
    s.ok("outbox", "adapter", "set", "*", "exec", script, s.dir + "/got.jsonl")
    s.ok("template", "add", "nudge", "-m", "Hello {{customer.name}}, any news?")
    s.ok("config", "set", "pending.reminders", "1d=nudge")
    s.ok("config", "set", "unanswered.after", "0m")
    s.ok("sla", "policy", "add", "support", "--first-response", "1h", "--warn", "15m", "--default")
    s.ok("ticket", "new", "Export hangs", "--customer", "1", "-m", "It hangs", "--assign", "bob")
    s.ok("ticket", "reply", "1", "-m", "Which browser?", "--status", "pending")
    s.ok("ticket", "new", "Import fails", "--customer", "1", "-m", "It fails", "--assign", "bob", env: ["DESK_NOW": "2026-11-25T10:00:00Z"])
    // The template goes behind desk's back (as an older desk, or sqlite3, could do).
    let queue = try DatabaseQueue(path: s.db)
    try queue.write { try $0.execute(sql: "DELETE FROM template WHERE name = 'nudge'") }
    try queue.close()
    return s
  }

  @Test("a reminder whose template is gone fails alone: other tickets are warned, messages delivered, exit 75")
  func failingItemDoesNotStopCron() throws {
    let s = try Self.desk()
    let now = ["DESK_NOW": "2026-11-25T10:50:00Z"]
    let dry = s.run(["cron", "--dry-run"], env: now)
    #expect(dry.status == 75)
    #expect(
      dry.stderr == """
        desk: error: cron: pending reminder of ticket 1: no template 'nudge' (hint: desk template list shows the templates)
        desk: error: 1 duty failed (hint: fix what the lines above name; desk cron tries again on its next run)

        """)
    #expect(
      dry.stdout == """
        would-warn ticket 2 first_response → bob: due 2026-11-25T11:00:00Z, 10m left
        would-send ticket 1 outbox 1 → anna@example.com: ticket.reply via exec on email

        """)
    let r = s.run(["cron", "-v"], env: now)
    #expect(r.status == 75)
    #expect(r.stderr == dry.stderr)
    #expect(
      r.stdout == """
        sla-warning ticket 2 first_response → bob: due 2026-11-25T11:00:00Z, 10m left
        sent ticket 1 outbox 1 → anna@example.com: ticket.reply via exec on email
        sent ticket 2 outbox 2 → bob: sla.warning via exec on notify

        """)
    #expect(try s.scalar("SELECT status || ' ' || reminders_sent FROM ticket WHERE id = 1") == "pending 0")
    // The failure is in ticket 1's history, once, however often cron meets it.
    #expect(s.run(["cron"], env: ["DESK_NOW": "2026-11-25T10:51:00Z"]).status == 75)
    #expect(
      try s.scalar("SELECT group_concat(actor || ' | ' || field || ' | ' || new_value, '; ') FROM history WHERE field = 'cron failure'")
        == "cron | cron failure | pending reminder: no template 'nudge'")
    // Put right, the reminder goes out and cron is quiet again.
    s.ok("template", "add", "nudge", "-m", "Hello {{customer.name}}, any news?")
    let fixed = s.ok("cron", "-v", env: ["DESK_NOW": "2026-11-25T10:52:00Z"])
    #expect(fixed.stderr == "")
    #expect(
      fixed.stdout == """
        remind ticket 1 → customer: reminder 1 after 1d pending, template nudge
        sent ticket 1 outbox 3 → anna@example.com: pending.reminder via exec on email

        """)
    #expect(try String(contentsOfFile: s.dir + "/got.jsonl", encoding: .utf8).split(separator: "\n").count == 3)
  }
}
