import Foundation
import GRDB
import Testing

@Suite("the database: location, creation, check, backup, info")
struct DatabaseTests {
  @Test("the default database is created under XDG_DATA_HOME with mode 0600, in WAL mode")
  func defaultLocation() throws {
    let s = Sandbox()
    var env = s.env
    env["DESK_DB"] = nil
    s.env = env
    s.ok("ticket", "list", env: ["XDG_DATA_HOME": s.dir + "/data"])
    let path = s.dir + "/data/desk/desk.db"
    let attrs = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let queue = try DatabaseQueue(path: path)
    #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    // Without XDG_DATA_HOME: ~/.local/share/desk/desk.db
    s.ok("ticket", "list")
    #expect(FileManager.default.fileExists(atPath: s.dir + "/.local/share/desk/desk.db"))
    // --db wins over DESK_DB.
    s.ok("db", "init", s.dir + "/flag.db")
    s.ok("ticket", "new", "Flagged", "--db", s.dir + "/flag.db", env: ["DESK_DB": s.dir + "/env.db"])
    #expect(s.ok("ticket", "list", "--db", s.dir + "/flag.db", "--fields", "subject").stdout == "subject\nFlagged\n")
    #expect(!FileManager.default.fileExists(atPath: s.dir + "/env.db"))
  }

  @Test("db check passes a healthy database and fails a damaged one with 74")
  func check() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Hello", "--customer", "1", "-m", "body")
    #expect(s.ok("db", "check").stdout == "ok: \(s.db) passed the integrity check\n")
    // Damage the search index behind SQLite's back.
    let queue = try DatabaseQueue(path: s.db)
    try queue.write { try $0.execute(sql: "DELETE FROM message_fts_data WHERE id > 10") }
    try queue.close()
    let r = s.run("db", "check")
    #expect(r.status == 74)
    #expect(r.stderr.hasPrefix("desk: error: the database \(s.db) failed the integrity check"))
  }

  @Test("db backup copies the live database into a private file that desk can open")
  func backup() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Keep me", "--customer", "1")
    #expect(s.ok("db", "backup", s.dir + "/copy.db").stdout == "backed up \(s.db) to \(s.dir)/copy.db\n")
    let attrs = try FileManager.default.attributesOfItem(atPath: s.dir + "/copy.db")
    #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    #expect(s.ok("ticket", "list", "--db", s.dir + "/copy.db", "--fields", "subject").stdout == "subject\nKeep me\n")
    #expect(s.run("db", "backup", s.dir + "/copy.db").status == 65)
    s.ok("db", "backup", s.dir + "/copy.db", "--force")
  }

  @Test("db info reports schema, counts and paths as JSON")
  func info() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "One", "--customer", "1")
    let info = try s.ok("db", "info", "--json").object()
    #expect(info["path"] as? String == s.db)
    #expect(info["schema"] as? String == Sandbox.schema)
    #expect(
      info["migrations"] as? [String] == [
        "v1-tickets", "v2-sla-outbox", "v3-automation", "v4-views-broadcasts", "v5-ratings", "v6-knowledge-base", "v7-attachment-names",
        "v7-kb-drafts", "v8-tag-history", "v8-customer-merge", "v9-mail-ids", "v10-mail-in",
        "v10-message-ticket-index", "v10-mail-out", "v11-mail-threads", "v12-unsolved-indexes",
        "v12-inline-checks", "v13-telegram",
      ])
    #expect(info["journal_mode"] as? String == "wal")
    #expect((info["counts"] as? [String: Int])?["ticket"] == 1)
    #expect((info["counts"] as? [String: Int])?["agent"] == 3)
  }

  @Test("ticket numbers are never reused")
  func numbersNotReused() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "One")
    s.ok("ticket", "new", "Two")
    let queue = try DatabaseQueue(path: s.db)
    try queue.write { db in
      try db.execute(sql: "DELETE FROM history WHERE ticket_id = 2")
      try db.execute(sql: "DELETE FROM ticket WHERE id = 2")
    }
    try queue.close()
    #expect(s.ok("ticket", "new", "Three", "--format", "ids").stdout == "3\n")
  }
}
