import Foundation
import Testing

/// Issue 15, item 3: ids from stdin that come to none (a pipeline that matched nothing) are
/// nothing to do.
@Suite("EverydayInput: empty ids from stdin are nothing to do")
struct EverydayInputTests {
  /// Runs a command and checks that it succeeded silently and changed nothing.
  func nothingToDo(_ s: Sandbox, _ args: [String], stdin: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let before = try s.snapshot()
    let r = s.run(args, stdin: Data(stdin.utf8))
    #expect(r.status == 0, "\(args): \(r)", sourceLocation: sourceLocation)
    #expect(r.stdout == "", "\(args): \(r)", sourceLocation: sourceLocation)
    // stderr is a file here, not a terminal: no note.
    #expect(r.stderr == "", "\(args): \(r)", sourceLocation: sourceLocation)
    #expect(try s.snapshot() == before, "\(args) changed the database", sourceLocation: sourceLocation)
  }

  @Test("a pipeline that matched nothing: ticket list --format ids | desk ticket solve - exits 0 and changes nothing")
  func emptyPipeline() throws {
    let s = Sandbox.teamWithTicket()
    let none = s.ok("ticket", "list", "--tag", "no-such-tag", "--format", "ids")
    #expect(none.stdout == "")
    try nothingToDo(s, ["ticket", "solve", "-"], stdin: none.stdout)
  }

  @Test("empty or blank stdin for ids: every command that reads ids from - has nothing to do")
  func emptyStdinEverywhere() throws {
    let s = Sandbox.teamWithTicket()
    for stdin in ["", "\n", "  \n\t, \n"] {
      try nothingToDo(s, ["ticket", "solve", "-"], stdin: stdin)
      try nothingToDo(s, ["ticket", "close", "-", "--force"], stdin: stdin)
      try nothingToDo(s, ["ticket", "reopen", "-"], stdin: stdin)
      try nothingToDo(s, ["ticket", "assign", "-", "--to", "bob"], stdin: stdin)
      try nothingToDo(s, ["ticket", "set", "-", "--priority", "high"], stdin: stdin)
      try nothingToDo(s, ["ticket", "reply", "-", "-m", "We are on it."], stdin: stdin)
      try nothingToDo(s, ["ticket", "note", "-", "-m", "internal"], stdin: stdin)
      try nothingToDo(s, ["ticket", "show", "-"], stdin: stdin)
      try nothingToDo(s, ["tag", "add", "-", "outage"], stdin: stdin)
      try nothingToDo(s, ["tag", "rm", "-", "outage"], stdin: stdin)
      try nothingToDo(s, ["sla", "status", "-"], stdin: stdin)
      try nothingToDo(s, ["ticket", "solve", "-", "--json"], stdin: stdin)
    }
  }

  @Test("a person at a terminal is told there was nothing to do; still exit 0, nothing changed")
  func noteOnTerminal() throws {
    let s = Sandbox.teamWithTicket()
    let before = try s.snapshot()
    // script(1) gives desk a terminal for stdout and stderr; stdin is an empty file.
    let r = s.run(
      ["-qec", "exec \"$DESK\" ticket solve - < /dev/null", "/dev/null"], executable: "/usr/bin/script",
      env: ["DESK": Sandbox.binary])
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout == "desk: nothing to do: no ticket ids on stdin\r\n", "\(r)")
    #expect(try s.snapshot() == before)
  }

  @Test("empty stdin beside a given id still acts on that id; a bad id beside it is still an error")
  func emptyStdinWithArguments() throws {
    let s = Sandbox.teamWithTicket()
    let r = s.run("ticket", "solve", "-", "1", stdin: "")
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout == "ticket 1: solved\n")
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "solved")

    let before = try s.snapshot()
    let bad = s.run("ticket", "reopen", "-", "abc", stdin: "")
    #expect(bad.status == 64)
    #expect(bad.stderr == "desk: error: 'abc' is not a ticket id (hint: ticket ids are positive numbers, like 42 or #42)\n")
    #expect(try s.snapshot() == before)
  }
}

extension Sandbox {
  /// `Sandbox.team()` with ticket 1 "Existing" from customer 1.
  static func teamWithTicket() -> Sandbox {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Existing", "--customer", "1")
    return s
  }
}
