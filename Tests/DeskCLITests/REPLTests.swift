import Foundation
import Testing

@Suite("the shell at a terminal (tmux)")
struct REPLTests {
  static let prompt = "desk(desk.db) root>"

  @Test("history survives a restart: Up recalls the last command, Ctrl-R searches; the file is private and has no repeats")
  func historySurvivesRestart() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Printer on fire", "--customer", "1")
    do {
      let tty = try TmuxSession(s)
      #expect(try tty.run("ticket show 1 --format ids") == ["1"])
      #expect(try tty.run("ticket show 1 --format ids") == ["1"])
      #expect(try tty.run("ticket list --format ids") == ["1"])
      try tty.press("C-d")
      try tty.wait(for: "the shell to end") { _ in tty.isFinished }
    }
    let history = s.dir + "/state/desk/history"
    #expect(
      try String(contentsOfFile: history, encoding: .utf8)
        == "_HiStOrY_V2_\nticket\\040show\\0401\\040--format\\040ids\nticket\\040list\\040--format\\040ids\n")
    #expect(try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? Int == 0o600)

    let tty = try TmuxSession(s)
    try tty.waitForPrompt()
    try tty.press("Up")
    try tty.wait(for: "the last command") { $0.last == "\(Self.prompt) ticket list --format ids" }
    try tty.press("Up")
    try tty.wait(for: "the command before it") { $0.last == "\(Self.prompt) ticket show 1 --format ids" }
    try tty.press("Enter")
    try tty.wait(for: "its output") { $0.suffix(2) == ["1", Self.prompt] }
    try tty.press("C-r")
    try tty.type("list")
    try tty.wait(for: "Ctrl-R to find the list command") { $0.suffix(2) == ["\(Self.prompt) ticket list --format ids", "bck:list"] }
    try tty.press("Enter")
    try tty.wait(for: "its output") { $0.suffix(3) == ["\(Self.prompt) ticket list --format ids", "1", Self.prompt] }
  }

  @Test("Tab completes a command, a flag and a ticket id from the database; two Tabs list tickets with subjects")
  func tabCompletion() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Printer on fire", "--customer", "1")
    let tty = try TmuxSession(s)
    try tty.waitForPrompt()
    try tty.type("tic")
    try tty.press("Tab")
    try tty.type("list --assi")
    try tty.press("Tab")
    try tty.type("bob")
    try tty.wait(for: "the completed command and flag") { $0.last == "\(Self.prompt) ticket list --assignee bob" }
    try tty.press("C-u")
    try tty.type("ticket show ")
    try tty.press("Tab")
    try tty.wait(for: "the ticket id") { $0.last == "\(Self.prompt) ticket show 1" }
    try tty.press("Enter")
    try tty.wait(for: "the card") { $0.contains("#1  Printer on fire") && $0.last == Self.prompt }

    #expect(try tty.run(#"ticket new "Не могу войти" --customer 1"#) == ["ticket 2: created (new)"])
    try tty.type("ticket show ")
    try tty.press("Tab", "Tab")
    let screen = try tty.wait(for: "the list of tickets") { $0.contains { $0.hasPrefix("1  ") } && $0.last == "\(Self.prompt) ticket show" }
    // Columns in cells: the ASCII entry is padded with no-break spaces, as libedit counts bytes.
    #expect(screen.suffix(2) == ["1  Printer on fire" + String(repeating: "\u{A0}", count: 11) + "  2  Не могу войти", "\(Self.prompt) ticket show"])
  }

  @Test("Ctrl-C abandons the line being typed, or stops the running command; the session goes on")
  func controlC() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Printer on fire", "--customer", "1")
    // An editor that says so and then waits. desk runs it in a process group of its own, out
    // of Ctrl-C's reach, so the test ends it.
    let editor = s.dir + "/editor.sh"
    #expect(
      FileManager.default.createFile(
        atPath: editor, contents: Data("#!/bin/sh\necho $$ > \"$0.pid\"\necho editing\nexec sleep 30\n".utf8),
        attributes: [.posixPermissions: 0o755]))
    defer {
      if let pid = (try? String(contentsOfFile: editor + ".pid", encoding: .utf8)).flatMap({
        Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }) {
        kill(pid, SIGKILL)
      }
    }
    let tty = try TmuxSession(s, env: ["EDITOR": editor])
    try tty.waitForPrompt()
    try tty.type("ticket list --garbage")
    // Ctrl-C flushes the terminal's unread input, so press it only once libedit has echoed the line.
    try tty.wait(for: "the typed line") { $0.last == "\(Self.prompt) ticket list --garbage" }
    try tty.press("C-c")
    try tty.wait(for: "a fresh prompt") { $0.suffix(2) == ["\(Self.prompt) ticket list --garbage", Self.prompt] }
    #expect(try tty.run("ticket show 1 --format ids") == ["1"])

    let before = try s.snapshot()
    try tty.type("note 1")
    try tty.press("Enter")
    try tty.wait(for: "the editor") { $0.last == "editing" }
    try tty.press("C-c")
    let screen = try tty.wait(for: "the prompt after the stopped command") { $0.last == Self.prompt }
    #expect(screen.suffix(4) == ["\(Self.prompt) note 1", "editing", "^C", Self.prompt])
    #expect(try tty.run("ticket show 1 --format ids") == ["1"])
    #expect(try s.snapshot() == before)
  }

  @Test("a Cyrillic subject typed at the prompt reaches the database exactly; a failing line prints its error and the shell goes on")
  func cyrillicRoundTrip() throws {
    let s = Sandbox.team()
    let tty = try TmuxSession(s)
    #expect(try tty.run(#"ticket new "Не могу войти" --customer 1"#) == ["ticket 1: created (new)"])
    #expect(try tty.run("ticket show 1").first == "#1  Не могу войти")
    #expect(try s.scalar("SELECT subject FROM ticket WHERE id = 1") == "Не могу войти")
    #expect(try tty.run(#"ticket new "Не могу"#) == [#"desk: error: unterminated double quote (hint: end the quoted text with another ")"#])
    #expect(try tty.run("ticket show 9") == ["desk: error: no ticket 9 (hint: desk ticket list shows the tickets there are)"])
    #expect(try tty.run("ticket list --format csv --fields id,subject") == ["id,subject", "1,Не могу войти"])
  }

  @Test("use ID makes a ticket current: the prompt shows it, and show, ticket show and note act on it")
  func currentTicket() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Printer on fire", "--customer", "1")
    s.ok("ticket", "new", "Toner empty", "--customer", "1")
    let tty = try TmuxSession(s)
    #expect(try tty.run("use 2") == [])
    #expect(try tty.lines().last == "desk(desk.db) root #2>")
    #expect(try tty.run("show").first == "#2  Toner empty")
    #expect(try tty.run("ticket show").first == "#2  Toner empty")
    #expect(try tty.run("note -m 'ordered a new one'") == ["ticket 2: noted (message 1)"])
    #expect(try tty.run("show 1").first == "#1  Printer on fire")
    #expect(try tty.run("use 99") == ["desk: error: no ticket 99 (hint: desk ticket list shows the tickets there are)"])
    #expect(try tty.lines().last == "desk(desk.db) root #2>")
    #expect(try tty.run("use") == [])
    #expect(try tty.lines().last == Self.prompt)
    #expect(try s.scalar("SELECT body FROM message WHERE ticket_id = 2") == "ordered a new one")
  }

  @Test("desk with no arguments opens the shell on a terminal, and still prints its help elsewhere")
  func deskAloneOpensTheShell() throws {
    let s = Sandbox.team()
    let tty = try TmuxSession(s, arguments: [])
    #expect(try tty.waitForPrompt() == ["desk shell: type help for the commands; exit or Ctrl-D leaves.", Self.prompt])
    try tty.type("exit")
    try tty.press("Enter")
    try tty.wait(for: "the shell to end") { _ in tty.isFinished }

    let help = s.run([String]())
    #expect(help.status == 0)
    #expect(help.stdout.hasPrefix("OVERVIEW: A helpdesk in the terminal"))
  }
}

@Suite("desk shell reading a script")
struct ShellScriptTests {
  @Test("a script runs line by line, prints no prompt, and stops at the first failing command with its status")
  func stopsAtFirstFailure() throws {
    let s = Sandbox.team()
    let r = s.run(
      "shell", stdin: "# the morning round\n\nticket new 'Printer on fire' --customer 1\n  ticket show 9\nticket new Second --customer 1\n")
    #expect(r.status == 66)
    #expect(r.stdout == "ticket 1: created (new)\n")
    #expect(r.stderr == "desk: error: no ticket 9 (hint: desk ticket list shows the tickets there are)\n")
    #expect(try s.scalar("SELECT count(*) FROM ticket") == "1")
  }

  @Test("--keep-going runs every line and exits with the status of the last failure, or 0")
  func keepGoing() throws {
    let s = Sandbox.team()
    let r = s.run(
      "shell", "--keep-going", stdin: "ticket show 9\nticket new \"Printer on fire --customer 1\nticket new Second --customer 1\n")
    #expect(r.status == 64)
    #expect(r.stdout == "ticket 1: created (new)\n")
    #expect(
      r.stderr == """
        desk: error: no ticket 9 (hint: desk ticket list shows the tickets there are)
        desk: error: line 2: unterminated double quote (hint: end the quoted text with another ")

        """)
    let ok = s.run("shell", "--keep-going", stdin: "ticket show 1 --format ids\n")
    #expect(ok.status == 0)
    #expect(ok.stdout == "1\n")
  }

  @Test("a script can make a ticket current, and its commands read no standard input")
  func currentTicketInAScript() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Printer on fire", "--customer", "1")
    let r = s.run("shell", stdin: "use 1\nreply -m 'On it' --status pending\nhistory --format tsv --fields field,to\nuse\nnote -m -\n")
    #expect(r.status == 64)
    #expect(
      r.stdout
        == "ticket 1: replied (message 1), now pending\nfield\tto\ncreated\tPrinter on fire\nagent reply\tmessage 1\nstatus\tpending\n")
    #expect(r.stderr.hasPrefix("desk: error: "))
  }

  @Test("help lists the shell's words and desk's commands")
  func help() throws {
    let s = Sandbox.team()
    let r = s.run("shell", stdin: "help\n")
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("Type desk's commands without \"desk\": ticket list --assignee me, kb search printer.\n"))
    #expect(
      r.stdout.contains(
        "\n  use ID        make ticket ID current: show, reply, note, assign, set, solve, close, reopen, history, merge act on it when given no id\n"
      ))
    #expect(r.stdout.contains("\nCommands:\n  ticket        Open, route, discuss, solve and close tickets.\n"))
    #expect(r.stdout.contains("\n  shell         An interactive shell"))
  }
}
