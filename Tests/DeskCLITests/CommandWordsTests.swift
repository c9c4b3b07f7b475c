import Foundation
import Testing

@Suite("command words: unknown commands, quiet cron, errors in words")
struct CommandWordsTests {
  @Test("an unknown command names its group and the closest command; 64 and nothing changes")
  func unknownCommand() throws {
    let s = Sandbox.team()
    let before = try s.snapshot()
    let cases: [([String], String)] = [
      (["ticket", "lst"], "desk: error: unknown command 'lst' for 'desk ticket'; did you mean 'list'? (hint: see desk ticket --help)\n"),
      (["t", "shw", "1"], "desk: error: unknown command 'shw' for 'desk ticket'; did you mean 'show'? (hint: see desk ticket --help)\n"),
      (["tcket", "list"], "desk: error: unknown command 'tcket' for 'desk'; did you mean 'ticket'? (hint: see desk --help)\n"),
      (["ticket", "frobnicate"], "desk: error: unknown command 'frobnicate' for 'desk ticket' (hint: see desk ticket --help)\n"),
      (["customer", "lsit"], "desk: error: unknown command 'lsit' for 'desk customer'; did you mean 'list'? (hint: see desk customer --help)\n"),
    ]
    for (args, stderr) in cases {
      let r = s.run(args)
      #expect(r.status == 64, "\(args): \(r)")
      #expect(r.stdout == "", "\(args)")
      #expect(r.stderr == stderr, "\(args)")
    }
    #expect(try s.snapshot() == before)
  }

  @Test("the shell says the same of an unknown command, and clear is one of its words")
  func shellUnknownCommandAndClear() throws {
    let s = Sandbox.team()
    let unknown = s.run("shell", stdin: "ticket lst\n")
    #expect(unknown.status == 64, "\(unknown)")
    #expect(unknown.stdout == "")
    #expect(unknown.stderr == "desk: error: unknown command 'lst' for 'desk ticket'; did you mean 'list'? (hint: see desk ticket --help)\n")
    // Not at a terminal, clear has no screen to clear: it prints nothing and succeeds.
    let clear = s.run("shell", stdin: "clear\nversion\n")
    #expect(clear.status == 0, "\(clear)")
    #expect(clear.stderr == "")
    #expect(clear.lines.count == 1 && clear.stdout.hasPrefix("desk "), "\(clear)")
    let help = s.ok("shell", stdin: "help\n")
    #expect(help.stdout.contains("\n  clear         clear the screen\n"), "\(help.stdout)")
  }
}
