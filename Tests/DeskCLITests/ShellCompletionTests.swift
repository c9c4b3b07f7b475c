import Foundation
import Testing

/// The completion scripts in a real bash: desk completes its commands, flags and values.
@Suite struct ShellCompletionTests {
  /// Runs the committed bash script's function for a command line, as bash's Tab would.
  static func bashComplete(_ s: Sandbox, _ words: [String]) throws -> [String] {
    let script = GeneratedFilesTests.root.appendingPathComponent("completions/desk.bash").path
    let bin = URL(fileURLWithPath: Sandbox.binary).deletingLastPathComponent().path
    let quoted = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    let r = s.run(
      ["-c", "source '\(script)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _desk; printf '%s\\n' \"${COMPREPLY[@]}\""],
      executable: "/bin/bash", env: ["PATH": "\(bin):/usr/bin:/bin"])
    #expect(r.status == 0, "\(r)")
    return r.stdout.split(separator: "\n").map(String.init)
  }

  @Test func bashCompletesCommandsFlagsAndTicketIDsFromTheDatabase() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Printer on fire", "--customer", "1")
    s.ok("ticket", "new", "Export hangs", "--customer", "1")
    s.ok("ticket", "new", "Old one", "--customer", "1")
    s.ok("ticket", "solve", "3")
    #expect(try Self.bashComplete(s, ["desk", "tic"]) == ["ticket"])
    #expect(try Self.bashComplete(s, ["desk", "ticket", "li"]) == ["list", "link"])
    #expect(try Self.bashComplete(s, ["desk", "ticket", "list", "--assi"]) == ["--assignee"])
    // Open work first, most recent first, then the solved and closed.
    #expect(try Self.bashComplete(s, ["desk", "ticket", "show", ""]) == ["2", "1", "3"])
    #expect(try Self.bashComplete(s, ["desk", "ticket", "assign", "1", "--to", "ad"]) == ["adelia"])
    #expect(try Self.bashComplete(s, ["desk", "ticket", "new", "x", "--priority", "u"]) == ["urgent"])
    // --db in the line is the database the values come from.
    let other = Sandbox.team()
    other.ok("ticket", "new", "Elsewhere", "--customer", "1")
    #expect(try Self.bashComplete(s, ["desk", "ticket", "show", "--db", other.db, ""]) == ["1"])
  }

  @Test func zshAndFishGetDescriptions() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Не могу войти: пароль", "--customer", "1")
    #expect(s.ok("__complete", "--shell", "zsh", "--", "desk", "ticket", "show", "").stdout == "tickets\t1:Не могу войти: пароль\n")
    #expect(s.ok("__complete", "--shell", "fish", "--", "desk", "ticket", "show", "").stdout == "1\tНе могу войти: пароль\n")
    #expect(s.ok("__complete", "--shell", "bash", "--", "desk", "ticket", "attach", "1", "").stdout == "__files__\n")
    // A database that cannot be read completes no values, and says nothing.
    let r = s.run(["__complete", "--shell", "bash", "--", "desk", "--db", "/nonexistent/x.db", "ticket", "show", ""])
    #expect(r.status == 0)
    #expect(r.stdout == "" && r.stderr == "")
  }
}
