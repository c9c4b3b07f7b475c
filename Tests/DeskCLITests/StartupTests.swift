import Foundation
import GRDB
import Testing

@Suite("start-up: how desk opens its database and parses its words")
struct StartupTests {
  func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  @Test("a command that only reads writes nothing: after a checkpoint, no WAL frames and the schema is not touched")
  func readingWritesNothing() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Printer", "--customer", "1", "-m", "It jams.")
    // What any checkpoint leaves (the sqlite3 shell closing, a backup): everything in the main file.
    do {
      let queue = try DatabaseQueue(path: s.db)
      try queue.writeWithoutTransaction { _ = try Row.fetchAll($0, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
      try queue.close()
    }
    func walSize() -> Int { bytes(s.db + "-wal")?.count ?? 0 }
    let schema = try s.scalar("PRAGMA schema_version")
    let before = try #require(bytes(s.db))
    #expect(walSize() == 0)
    for args in [["ticket", "list"], ["ticket", "show", "1"], ["tag", "list"], ["db", "info"], ["sla", "status", "1"]] {
      let r = s.run(args)
      #expect(r.status == 0, "desk \(args.joined(separator: " ")): \(r)")
      #expect(try s.scalar("PRAGMA schema_version") == schema, "desk \(args.joined(separator: " ")) changed the schema")
      #expect(walSize() == 0, "desk \(args.joined(separator: " ")) wrote to the WAL")
      #expect(bytes(s.db) == before, "desk \(args.joined(separator: " ")) wrote to the database file")
    }
  }

  @Test("a database someone put back in rollback mode stays so while desk reads, and is in WAL again after its first write")
  func walOnFirstWrite() throws {
    let s = Sandbox.team()
    do {
      let queue = try DatabaseQueue(path: s.db)
      try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
      try queue.close()
    }
    #expect(try s.scalar("PRAGMA journal_mode") == "delete")
    #expect(s.ok("ticket", "list").stdout == "")
    #expect(try s.scalar("PRAGMA journal_mode") == "delete")
    #expect(s.ok("ticket", "new", "Printer", "--customer", "1", "-m", "It jams.", "--format", "ids").stdout == "1\n")
    #expect(try s.scalar("PRAGMA journal_mode") == "wal")
    #expect(try s.ok("db", "info", "--json").object()["journal_mode"] as? String == "wal")
  }

  @Test("--generate-completion-script is still ArgumentParser's, with and without a shell, anywhere on the line")
  func completionScriptStillAnswers() throws {
    let s = Sandbox()
    let bash = s.run("--generate-completion-script", "bash")
    #expect(bash.status == 0)
    #expect(bash.stdout.contains("complete -o filenames -F _desk desk"))
    #expect(bash.stderr == "")
    let joined = s.run("--generate-completion-script=zsh")
    #expect(joined.status == 0)
    #expect(joined.stdout.hasPrefix("#compdef desk"))
    // The quick parse sees no script request and parses these as before: exact help and errors.
    let help = s.run("ticket", "list", "--help")
    #expect(help.status == 0)
    #expect(help.stdout.hasPrefix("OVERVIEW: List tickets"))
    #expect(help.stdout.contains("USAGE: desk ticket list "))
    let unknown = s.run("ticket", "list", "--no-such-flag")
    #expect(unknown.status == 64)
    #expect(unknown.stdout == "")
    #expect(unknown.stderr == "desk: error: Unknown option '--no-such-flag' (hint: see desk ticket list --help)\n")
    let bare = s.run("ticket")
    #expect(bare.status == 0)
    #expect(bare.stdout.contains("USAGE: desk ticket <subcommand>"))
    #expect(!bare.stdout.contains("desk desk"))
  }
}
