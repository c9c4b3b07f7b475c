import Foundation
import GRDB
import Testing

@Suite("bad input gets a clear error, the documented exit code, and changes nothing")
struct BadInputTests {
  /// Runs a failing command and checks its exit code, that stderr is one line, and that the
  /// database did not change.
  func refused(
    _ s: Sandbox, _ args: [String], stdin: Data? = nil, env: [String: String] = [:], status: Int32,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Run {
    let before = try s.snapshot()
    let r = s.run(args, stdin: stdin, env: env)
    #expect(r.status == status, "\(args): \(r)", sourceLocation: sourceLocation)
    #expect(r.stdout == "", sourceLocation: sourceLocation)
    #expect(r.stderr.hasPrefix("desk: error: "), "\(r)", sourceLocation: sourceLocation)
    #expect(r.stderr.split(separator: "\n").count == 1, "not one line: \(r.stderr)", sourceLocation: sourceLocation)
    #expect(try s.snapshot() == before, "\(args) changed the database", sourceLocation: sourceLocation)
    return r
  }

  func team() -> Sandbox {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Existing", "--customer", "1")
    return s
  }

  @Test("unknown ticket, customer and agent: 66")
  func unknowns() throws {
    let s = team()
    #expect(
      try refused(s, ["ticket", "reply", "404", "-m", "hi"], status: 66).stderr
        == "desk: error: no ticket 404 (hint: desk ticket list shows the tickets there are)\n")
    #expect(
      try refused(s, ["ticket", "new", "X", "--customer", "nobody@example.com"], status: 66).stderr
        == "desk: error: no customer 'nobody@example.com' (hint: add one with desk customer add NAME, or see desk customer list)\n")
    #expect(
      try refused(s, ["ticket", "assign", "1", "--to", "ghost"], status: 66).stderr
        == "desk: error: no agent 'ghost' (hint: desk agent list shows the team)\n")
  }

  @Test("bad dates, unknown flags, bad enum values and ids: 64")
  func usage() throws {
    let s = team()
    #expect(
      try refused(s, ["ticket", "list", "--created-since", "last tuesday"], status: 64).stderr
        == "desk: error: --created-since: 'last tuesday' is not a date (hint: use ISO-8601 (2026-11-24, 2026-11-24T10:00Z), today, yesterday, or -2d)\n"
    )
    _ = try refused(s, ["ticket", "list", "--created-since", "-2x"], status: 64)
    _ = try refused(s, ["ticket", "list", "--created-since", "2026-02-30"], status: 64)
    #expect(
      try refused(s, ["ticket", "list", "--colour", "red"], status: 64).stderr
        == "desk: error: Unknown option '--colour' (hint: see desk ticket list --help)\n")
    _ = try refused(s, ["ticket", "new", "X", "--priority", "whenever"], status: 64)
    _ = try refused(s, ["ticket", "list", "--status", "done"], status: 64)
    #expect(
      try refused(s, ["ticket", "solve", "abc"], status: 64).stderr
        == "desk: error: 'abc' is not a ticket id (hint: ticket ids are positive numbers, like 42 or #42)\n")
    _ = try refused(s, ["ticket", "reply", "1"], status: 64)
  }

  @Test("empty subject, huge body, invalid UTF-8: 65")
  func badData() throws {
    let s = team()
    #expect(try refused(s, ["ticket", "new", "   "], status: 65).stderr == "desk: error: the subject is empty\n")
    let huge = String(repeating: "x", count: 20 * 1024 * 1024)
    let path = s.dir + "/huge.txt"
    _ = FileManager.default.createFile(atPath: path, contents: Data(huge.utf8))
    #expect(
      try refused(s, ["ticket", "reply", "1", "--body-file", path], status: 65).stderr
        == "desk: error: the message is 20971520 bytes; the limit is 1048576 (hint: attach large text as a file with --attach, or raise message.max-bytes with desk config set)\n"
    )
    _ = try refused(s, ["ticket", "reply", "1", "-m", "-"], stdin: Data(huge.utf8), status: 65)
    let invalid = Data([0x48, 0x69, 0xFF, 0xFE, 0x0A])
    _ = FileManager.default.createFile(atPath: s.dir + "/bad.txt", contents: invalid)
    #expect(
      try refused(s, ["ticket", "reply", "1", "--body-file", s.dir + "/bad.txt"], status: 65).stderr
        == "desk: error: \(s.dir)/bad.txt is not valid UTF-8 text\n")
    #expect(
      try refused(s, ["ticket", "note", "1", "-m", "-"], stdin: invalid, status: 65).stderr
        == "desk: error: standard input is not valid UTF-8 text\n")
  }

  @Test("an argument that is not UTF-8 is refused, not repaired")
  func invalidUTF8Argument() throws {
    let s = team()
    // Foundation's Process cannot pass raw bytes, so go through /usr/bin/env with printf's output.
    let before = try s.snapshot()
    let script = "exec \"$DESK\" ticket new \"$(printf 'Bad \\377 subject')\""
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.environment = s.env.merging(["DESK": Sandbox.binary]) { $1 }
    let err = Pipe()
    process.standardError = err
    process.standardOutput = Pipe()
    try process.run()
    process.waitUntilExit()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 65)
    #expect(stderr == "desk: error: argument 3 is not valid UTF-8\n")
    #expect(try s.snapshot() == before)
  }

  @Test("quotes and SQL in text are stored as text")
  func sqlInText() throws {
    let s = team()
    let evil = "Robert'); DROP TABLE ticket;-- \"quoted\" % _ \\"
    s.ok("ticket", "new", evil, "--customer", "1", "-m", evil)
    #expect(try s.scalar("SELECT subject FROM ticket WHERE id = 2") == evil)
    #expect(try s.scalar("SELECT body FROM message WHERE ticket_id = 2") == evil)
    #expect(s.ok("ticket", "list", "--text", "DROP TABLE", "--format", "ids").stdout == "2\n")
    #expect(s.ok("ticket", "list", "--text", "\" OR 1=1 --", "--format", "ids").stdout == "")
    #expect(s.ok("customer", "list", "--text", "%", "--format", "ids").stdout == "")
  }

  @Test("a file that is not a database: 74")
  func notADatabase() throws {
    let s = Sandbox()
    _ = FileManager.default.createFile(atPath: s.db, contents: Data(String(repeating: "not sqlite ", count: 1000).utf8))
    let r = s.run("ticket", "list")
    #expect(r.status == 74)
    #expect(
      r.stderr
        == "desk: error: \(s.db) is not a desk database (file is not a database) (hint: check --db / DESK_DB, or restore from a backup)\n")
    #expect(s.run("ticket", "new", "X").status == 74)
  }

  @Test("a read-only database can be read but not written: 77")
  func readOnly() throws {
    let s = team()
    chmod(s.db, 0o444)
    let before = try s.snapshot()
    #expect(s.ok("ticket", "list", "--format", "ids").stdout == "1\n")
    let r = s.run("ticket", "new", "X")
    #expect(r.status == 77)
    #expect(r.stderr == "desk: error: the database \(s.db) is read-only (hint: make the file writable, or run a command that only reads)\n")
    #expect(try s.snapshot() == before)
  }

  @Test("a database written by a newer desk is refused: 78")
  func newerDatabase() throws {
    let s = team()
    let queue = try DatabaseQueue(path: s.db)
    try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99-from-the-future')") }
    try queue.close()
    let r = s.run("ticket", "list")
    #expect(r.status == 78)
    #expect(
      r.stderr
        == "desk: error: the database \(s.db) was written by a newer desk than this one (0.1.0) (hint: upgrade desk; this one will not touch a schema it does not know)\n"
    )
  }

  @Test("a bad DESK_NOW is a configuration error: 78")
  func badClock() throws {
    let s = team()
    #expect(
      try refused(s, ["ticket", "new", "X"], env: ["DESK_NOW": "soon"], status: 78).stderr
        == "desk: error: DESK_NOW is not an ISO-8601 time: 'soon' (hint: e.g. DESK_NOW=2026-11-24T10:00:00Z)\n")
  }

  @Test("someone who is not an agent cannot act once the desk has agents: 77")
  func unknownActor() throws {
    let s = team()
    #expect(
      try refused(s, ["ticket", "new", "X"], env: ["DESK_AGENT": "mallory"], status: 77).stderr
        == "desk: error: 'mallory' is not an agent of this desk (hint: act as an agent with --as LOGIN or DESK_AGENT, or ask an admin: desk agent add mallory)\n"
    )
    _ = try refused(s, ["agent", "add", "mallory2", "--as", "bob"], status: 77)
    _ = try refused(s, ["config", "set", "ticket.types", "a,b", "--as", "bob"], status: 77)
  }
}
