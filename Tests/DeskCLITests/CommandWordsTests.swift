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

  /// A desk that delivers Anna's email through a script (by default appending each message to
  /// got.jsonl), tried once, with one reply queued.
  static func delivering(_ s: Sandbox, script body: String = "cat >> \"$1\"\necho >> \"$1\"\n") -> String {
    let script = s.dir + "/deliver.sh"
    _ = FileManager.default.createFile(atPath: script, contents: Data(("#!/bin/sh\n" + body).utf8), attributes: [.posixPermissions: 0o755])
    s.ok("outbox", "adapter", "set", "email", "exec", "--timeout", "30s", "--attempts", "1", script, s.dir + "/got.jsonl")
    s.ok("ticket", "new", "Export", "--customer", "1", "--channel", "email")
    s.ok("ticket", "reply", "1", "-m", "answer 1")
    return s.dir + "/got.jsonl"
  }

  @Test("desk cron that delivers prints nothing; -v prints the log; --json as before")
  func quietCron() throws {
    let s = Sandbox.team()
    _ = Self.delivering(s)
    let quiet = s.run("cron")
    #expect(quiet.status == 0, "\(quiet)")
    #expect(quiet.stdout == "")
    #expect(quiet.stderr == "")
    #expect(try s.scalar("SELECT state FROM outbox WHERE id = 1") == "sent")
    s.ok("ticket", "reply", "1", "-m", "answer 2")
    let verbose = s.run("cron", "-v")
    #expect(verbose.status == 0, "\(verbose)")
    #expect(verbose.stdout == "sent ticket 1 outbox 2 → anna@example.com: ticket.reply via exec on email\n")
    #expect(verbose.stderr == "")
    s.ok("ticket", "reply", "1", "-m", "answer 3")
    let json = try s.ok("cron", "--json").array()
    #expect(json.compactMap { $0["outbox_id"] as? Int } == [3])
    #expect(try s.scalar("SELECT group_concat(state) FROM (SELECT state FROM outbox ORDER BY id)") == "sent,sent,sent")
  }

  @Test("a failed delivery is an error on stderr, not a log line on stdout")
  func cronFailureOnStderr() throws {
    let s = Sandbox.team()
    _ = Self.delivering(s, script: "exit 3\n")
    let r = s.run("cron")
    #expect(r.status == 69, "\(r)")
    #expect(r.stdout == "")
    #expect(r.stderr == "desk: error: 1 delivery failed (hint: desk outbox list --state queued,failed)\n")
  }

  @Test("a second desk cron while one runs says nothing and exits 0; with -v it says why")
  func leaseSilent() throws {
    let s = Sandbox.team()
    let got = Self.delivering(s, script: "cat >> \"$1\"\necho >> \"$1\"\nwhile [ ! -e \"$1.go\" ]; do sleep 0.05; done\n")
    let process = try s.start(["cron"])
    defer {
      _ = FileManager.default.createFile(atPath: got + ".go", contents: nil)
      process.waitUntilExit()
    }
    while !((try? String(contentsOfFile: got, encoding: .utf8)) ?? "").contains("answer 1") { usleep(20_000) }
    let second = s.run("cron")
    #expect(second.status == 0, "\(second)")
    #expect(second.stdout == "")
    #expect(second.stderr == "")
    let told = s.run("cron", "-v")
    #expect(told.status == 0, "\(told)")
    #expect(told.stdout == "")
    #expect(told.stderr.hasPrefix("desk: another desk cron is running ("), "\(told)")
    #expect(told.stderr.hasSuffix("); nothing done\n"), "\(told)")
  }

  @Test("agent show me shows the acting agent, as its listing says")
  func agentShowMe() throws {
    let s = Sandbox.team()
    let me = s.run("agent", "show", "me", env: ["DESK_AGENT": "bob"])
    #expect(me.status == 0, "\(me)")
    #expect(me.stdout == s.ok("agent", "show", "bob").stdout)
  }

  @Test("outbox retry and drop of a sent message are both refused with 65 and change nothing")
  func retryAndDropOfSent() throws {
    let s = Sandbox.team()
    _ = Self.delivering(s)
    s.ok("cron")
    let before = try s.snapshot()
    let retry = s.run("outbox", "retry", "1")
    #expect(retry.status == 65, "\(retry)")
    #expect(retry.stdout == "")
    #expect(retry.stderr == "desk: error: outbox message 1 is sent and cannot be retried\n")
    let drop = s.run("outbox", "drop", "1")
    #expect(drop.status == 65, "\(drop)")
    #expect(drop.stderr == "desk: error: outbox message 1 is sent and cannot be dropped\n")
    #expect(try s.snapshot() == before)
  }

  @Test("local files are not delivery targets: db backup to an empty path is 64, to a folder that cannot be made 73, report --html too")
  func localFileCodes() throws {
    let s = Sandbox.team()
    let empty = s.run("db", "backup", "")
    #expect(empty.status == 64, "\(empty)")
    #expect(empty.stderr == "desk: error: the backup path is empty (hint: desk db backup FILE)\n")
    // A folder that cannot be made (a file is in the way), even for root.
    _ = FileManager.default.createFile(atPath: s.dir + "/file", contents: Data())
    let missing = s.run("db", "backup", s.dir + "/file/x.db")
    #expect(missing.status == 73, "\(missing)")
    #expect(missing.stderr == "desk: error: cannot create \(s.dir)/file/x.db: Not a directory\n")
    let report = s.run("report", "summary", "--week", "last", "--html", s.dir + "/file/x.html")
    #expect(report.status == 73, "\(report)")
  }

  @Test("the shell: a line over 128 KB is 64; show with no current ticket says what to do")
  func shellWords() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Export", "--customer", "1")
    let before = try s.snapshot()
    let long = s.run(["shell"], stdin: Data(("ticket new '" + String(repeating: "x", count: 200_000) + "' --customer 1\n").utf8))
    #expect(long.status == 64, "\(long.status) \(long.stderr)")
    #expect(long.stderr == "desk: error: line 1: the line is too long for one command (over 128 KB)\n")
    let show = s.run("shell", stdin: "show\n")
    #expect(show.status == 64, "\(show)")
    #expect(show.stdout == "")
    #expect(show.stderr == "desk: error: line 1: no current ticket: use ID first, or give an id\n")
    #expect(try s.snapshot() == before)
  }

  @Test("kb export to a folder that cannot be made is 73 (cannot create), not 69, and changes nothing")
  func kbExportFolder() throws {
    let s = Sandbox.team()
    _ = FileManager.default.createFile(atPath: s.dir + "/file", contents: Data())
    let before = try s.snapshot()
    let r = s.run("kb", "export", "--format", "markdown", "--output", s.dir + "/file/kb")
    #expect(r.status == 73, "\(r)")
    #expect(r.stdout == "")
    #expect(r.stderr.hasPrefix("desk: error: cannot create the folder \(s.dir)/file/kb: "), "\(r)")
    #expect(try s.snapshot() == before)
  }
}
