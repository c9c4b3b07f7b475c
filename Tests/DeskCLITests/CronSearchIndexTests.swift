import Foundation
import GRDB
import Testing

/// Issue 16, item 4: `desk cron` writes the search index of its reminders once, after the last
/// one (FTS5 flushed its pending terms at every item's savepoint, a segment a reminder), and
/// leaves the search, the triggers and `db check` as reminders written one by one did. A run
/// with nothing due leaves the schema alone.
@Suite("CronSearchIndexTests: cron indexes its reminders once a run")
struct CronSearchIndexTests {
  /// Four tickets wait on customer Anna since 2026-11-24T10:00; their first reminder (template
  /// nudge, which names the ticket's subject) is due a day later.
  static func desk() -> Sandbox {
    let s = Sandbox.team()
    s.ok("template", "add", "nudge", "-m", "Hello {{customer.name}}, any zebra news on {{ticket.subject}}?")
    s.ok("config", "set", "pending.reminders", "1d=nudge,2d=close")
    for subject in ["Export hangs", "Import fails after the upgrade to version nine of the importer", "Scanner smokes", "Fax is slow"] {
      s.ok("ticket", "new", subject, "--customer", "1", "-m", "It broke")
    }
    for id in 1...4 { s.ok("ticket", "reply", "\(id)", "-m", "Which browser?", "--status", "pending") }
    return s
  }

  static let due = ["DESK_NOW": "2026-11-25T10:00:00Z"]

  static func schemaVersion(_ s: Sandbox) throws -> String { try #require(try s.scalar("PRAGMA schema_version")) }

  @Test("a run's reminders are found by text search, in one new index segment, with the triggers as they were")
  func reminders() throws {
    let s = Self.desk()
    let triggers = try ImportSearchIndexTests.triggers(s)
    let index = try ImportSearchIndexTests.indexRows(s)
    #expect(
      s.ok("cron", "-v", env: Self.due).stdout == """
        remind ticket 1 → customer: reminder 1 after 1d pending, template nudge
        remind ticket 2 → customer: reminder 1 after 1d pending, template nudge
        remind ticket 3 → customer: reminder 1 after 1d pending, template nudge
        remind ticket 4 → customer: reminder 1 after 1d pending, template nudge

        """)
    #expect(try ImportSearchIndexTests.found(s, "zebra") == [1, 2, 3, 4])
    #expect(try ImportSearchIndexTests.found(s, "zebra scanner") == [3])
    // One new segment for the four reminders (row by row, each added a segment of its own).
    #expect(index == "6 4 10 8")
    #expect(try ImportSearchIndexTests.indexRows(s) == "6 4 11 9")
    #expect(try ImportSearchIndexTests.triggers(s) == triggers)
    #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
    // The triggers are back: what is written after the run is found too.
    s.ok("ticket", "reply", "1", "-m", "Still a giraffe problem", env: Self.due)
    #expect(try ImportSearchIndexTests.found(s, "giraffe") == [1])
    #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
  }

  @Test("a reminder that fails alone is not indexed; the others are, and db check passes")
  func failedItem() throws {
    let s = Self.desk()
    // Ticket 2's long subject makes its reminder larger than the limit.
    s.ok("config", "set", "message.max-bytes", "80")
    let triggers = try ImportSearchIndexTests.triggers(s)
    let r = s.run(["cron"], env: Self.due)
    #expect(r.status == 75)
    #expect(
      r.stderr == """
        desk: error: cron: pending reminder of ticket 2: the message is 101 bytes; the limit is 80 (hint: attach large text as a file with --attach, or raise message.max-bytes with desk config set)
        desk: error: 1 duty failed (hint: fix what the lines above name; desk cron tries again on its next run)

        """)
    #expect(try ImportSearchIndexTests.found(s, "zebra") == [1, 3, 4])
    #expect(try s.scalar("SELECT group_concat(id || ' ' || reminders_sent, ', ') FROM ticket") == "1 1, 2 0, 3 1, 4 1")
    #expect(try ImportSearchIndexTests.triggers(s) == triggers)
    #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
    s.ok("config", "set", "message.max-bytes", "1000")
    s.ok("cron", env: Self.due)
    #expect(try ImportSearchIndexTests.found(s, "zebra") == [1, 2, 3, 4])
    #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
  }

  @Test("a run killed between reminders leaves every row, the index and its triggers as they were")
  func killed() throws {
    let s = Self.desk()
    let triggers = try ImportSearchIndexTests.triggers(s)
    let index = try ImportSearchIndexTests.indexRows(s)
    let before = try s.snapshot()
    let version = try Self.schemaVersion(s)
    let r = s.run(["cron"], env: Self.due.merging(["DESK_FAILPOINT": "cron.reminder=3"]) { $1 })
    #expect(r.status == SIGKILL)
    #expect(try ImportSearchIndexTests.triggers(s) == triggers)
    #expect(try ImportSearchIndexTests.indexRows(s) == index)
    #expect(try Self.schemaVersion(s) == version)
    // The lease the killed run took is the only row it left (it expires by itself).
    #expect(try s.snapshot().replacingOccurrences(of: #"\[name:"cron" [^\n]*\]"#, with: "", options: .regularExpression) == before)
    #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
    #expect(try ImportSearchIndexTests.found(s, "zebra") == [])
  }

  @Test("a run with nothing due, or only a dry run, leaves the schema alone")
  func nothingDue() throws {
    let s = Self.desk()
    let version = try Self.schemaVersion(s)
    #expect(s.ok("cron", env: ["DESK_NOW": "2026-11-25T09:59:59Z"]).stdout == "")
    #expect(s.ok("cron", "--dry-run", env: Self.due).lines.count == 4)
    #expect(try Self.schemaVersion(s) == version)
    // With reminders due, the triggers are dropped and put back in the run's transaction.
    s.ok("cron", env: Self.due)
    #expect(try Self.schemaVersion(s) != version)
    let after = try Self.schemaVersion(s)
    #expect(s.ok("cron", env: Self.due).stdout == "")
    #expect(try Self.schemaVersion(s) == after)
  }
}
