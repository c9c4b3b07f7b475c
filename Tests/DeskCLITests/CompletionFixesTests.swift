import Foundation
import Testing

@testable import DeskCLI

/// The completion scripts that `desk completion` prints, in a real bash: words with `:` and
/// `=` (which bash splits), fixed values for --status, --priority, --format and --to; zsh's
/// groups and descriptions; where make install puts fish's script.
@Suite struct CompletionFixesTests {
  static let bashCompletion = "/usr/share/bash-completion/bash_completion"

  /// What Tab offers at the end of `line`, in bash as it splits words (at blanks, `:` and `=`),
  /// with the script `desk completion bash` prints, and bash-completion loaded first or not.
  static func bash(_ s: Sandbox, _ line: String, withBashCompletion: Bool = false) throws -> [String] {
    let script = s.dir + "/desk.bash"
    try s.ok("completion", "bash").stdout.write(toFile: script, atomically: true, encoding: .utf8)
    var words: [String] = []
    for blank in line.split(separator: " ", omittingEmptySubsequences: true) {
      var word = ""
      var breaking = false
      for character in blank {
        let isBreak = character == ":" || character == "="
        if !word.isEmpty && isBreak != breaking {
          words.append(word)
          word = ""
        }
        breaking = isBreak
        word.append(character)
      }
      words.append(word)
    }
    if line.hasSuffix(" ") { words.append("") }
    func quoted(_ w: String) -> String { "'" + w.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    let bin = URL(fileURLWithPath: Sandbox.binary).deletingLastPathComponent().path
    let load = withBashCompletion ? "source \(bashCompletion); " : ""
    let r = s.run(
      [
        "-c",
        load + "source '\(script)'; COMP_LINE=\(quoted(line)); COMP_POINT=${#COMP_LINE}; "
          + "COMP_WORDS=(\(words.map(quoted).joined(separator: " "))); COMP_CWORD=\(words.count - 1); "
          + "_desk; printf '%s\\n' \"${COMPREPLY[@]}\"",
      ], executable: "/bin/bash", env: ["PATH": "\(bin):/usr/bin:/bin"])
    #expect(r.status == 0, "\(r)")
    return r.stdout.split(separator: "\n").map(String.init)
  }

  static func tagged() -> Sandbox {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Dark mode please", "--customer", "1", "--tag", "wish:dark")
    s.ok("ticket", "new", "Export to XLSX", "--customer", "1", "--tag", "wish:export")
    s.ok("ticket", "new", "Down again", "--customer", "1", "--tag", "outage")
    return s
  }

  @Test("bash completes values after : and = (what bash inserts: the part after the last one)", arguments: [false, true])
  func colonsAndEquals(withBashCompletion: Bool) throws {
    if withBashCompletion && !FileManager.default.fileExists(atPath: Self.bashCompletion) { return }
    let s = Self.tagged()
    let tab = { (line: String) in try Self.bash(s, line, withBashCompletion: withBashCompletion) }
    #expect(try tab("desk ticket list --tag wish:") == ["dark", "export"])
    #expect(try tab("desk ticket list --tag wish:e") == ["export"])
    #expect(try tab("desk ticket list --tag w") == ["wish:dark", "wish:export"])
    #expect(try tab("desk ticket list --as=") == ["adelia", "bob", "root"])
    #expect(try tab("desk ticket list --as=b") == ["bob"])
    #expect(try tab("desk ticket list --tag=wish:d") == ["dark"])
    #expect(try tab("desk ticket list --as=bob --tag ou") == ["outage"])
    #expect(try tab("desk ticket list --assi") == ["--assignee"])
  }

  @Test("--status, --priority, --format and --to offer their values")
  func fixedValues() throws {
    let s = Self.tagged()
    #expect(try Self.bash(s, "desk ticket list --status ") == ["new", "open", "pending", "on-hold", "solved", "closed"])
    #expect(try Self.bash(s, "desk ticket list --status o") == ["open", "on-hold"])
    #expect(try Self.bash(s, "desk ticket list --priority ") == ["low", "normal", "high", "urgent"])
    #expect(try Self.bash(s, "desk ticket list --format j") == ["json", "jsonl"])
    #expect(try Self.bash(s, "desk ticket list --format=c") == ["csv"])
    #expect(try Self.bash(s, "desk ticket assign 1 --to ") == ["me", "none", "adelia", "bob", "root"])
    #expect(try Self.bash(s, "desk ticket assign 1 --to n") == ["none"])
  }

  @Test("zsh: every flag and command with its description, under a heading of what it is")
  func zshGroupsAndDescriptions() throws {
    let s = Self.tagged()
    func zsh(_ words: String...) -> String { s.run(["__complete", "--shell", "zsh", "--", "desk"] + words).stdout }
    #expect(zsh("ticket", "list", "--assi") == "options\t--assignee:me, none, or an agent's login.\n")
    #expect(zsh("tic") == "commands\tticket:Open, route, discuss, solve and close tickets.\n")
    #expect(zsh("ticket", "show", "") == "tickets\t3:Down again\ntickets\t2:Export to XLSX\ntickets\t1:Dark mode please\n")
    #expect(zsh("ticket", "list", "--tag", "wish") == "tags\twish\\:dark\ntags\twish\\:export\n")
    #expect(zsh("ticket", "list", "--as=b") == "agents\t--as=bob:Bob\n")
    #expect(zsh("ticket", "list", "--format", "c") == "values\tcsv\n")
    let script = s.ok("completion", "zsh").stdout
    #expect(script.contains(#"_describe -V -t "$group" "$group" candidates"#))
    #expect(!script.contains("_describe -V desk"))
  }

  @Test("zsh itself: the script hands each group to _describe under its own tag", .enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/zsh")))
  func zshScript() throws {
    let s = Self.tagged()
    try s.ok("completion", "zsh").stdout.write(toFile: s.dir + "/_desk", atomically: true, encoding: .utf8)
    // _describe and _files stand in for zsh's completion system: they print what they were given.
    let driver = """
      _describe() { print -r -- "$1 $2 $3 $4:"; print -rl -- "${(@P)${@[-1]}}"; }
      _files() { print FILES; }
      compdef() { :; }
      source \(s.dir)/_desk
      words=(desk ticket list --a) CURRENT=4; _desk
      words=(desk ticket list --tag wish) CURRENT=5; _desk
      words=(desk ticket attach 1 '') CURRENT=5; _desk
      """
    let bin = URL(fileURLWithPath: Sandbox.binary).deletingLastPathComponent().path
    let r = s.run(["-f", "-c", driver], executable: "/usr/bin/zsh", env: ["PATH": "\(bin):/usr/bin:/bin"])
    #expect(
      r.lines == [
        "-V -t options options:",
        "--as:Act as this agent (default: $DESK_AGENT, else the user's login name).",
        "--all:Every status, solved and closed too.",
        "--assignee:me, none, or an agent's login.",
        "--asc:Ascending order (default: soonest first for due, newest first otherwise).",
        "-V -t tags tags:",
        "wish\\:dark",
        "wish\\:export",
        "FILES",
      ], "\(r)")
  }

  @Test("the shell's Tab listing lines its columns up in cells, whatever the script of the subjects")
  func listingColumnsAlign() throws {
    let s = Sandbox.team()
    for subject in ["Printer on fire", "Не могу войти", "打印机坏了", "Export 📦 hangs", "Refund", "Café au lait"] {
      s.ok("ticket", "new", subject, "--customer", "1")
    }
    let tty = try TmuxSession(s, env: ["NO_COLOR": "1"])
    try tty.waitForPrompt()
    try tty.type("ticket show ")
    try tty.press("Tab", "Tab")
    let prompt = "desk(desk.db) root> ticket show"
    let screen = try tty.wait(for: "the list of tickets") { $0.contains { $0.hasPrefix("1  ") } && $0.last == prompt }
    let listing = Array(screen.drop { !$0.hasPrefix("1  ") }.dropLast())
    try #require(listing.count >= 2, "\(screen)")
    // Where each entry starts, in cells: the same columns on every line.
    let starts = listing.map { line in
      var cells = 0
      var starts: [Int] = []
      var previous: Character = " "
      for character in line {
        if character.isNumber && (previous == " " || previous == "\u{A0}") && (starts.isEmpty || cells > starts.last! + 3) { starts.append(cells) }
        cells += CellWidth.of(character)
        previous = character
      }
      return starts
    }
    #expect(Set(starts.map { $0.count }).count <= 2, "\(listing)")
    for line in starts { #expect(line == Array(starts[0].prefix(line.count)), "\(listing)") }
    #expect(starts[0].count >= 2, "\(listing)")
  }

  @Test("fish: --opt=value completes as the whole word, with its description")
  func fishWholeWords() throws {
    let s = Self.tagged()
    #expect(s.ok("__complete", "--shell", "fish", "--", "desk", "ticket", "list", "--as=ad").stdout == "--as=adelia\tAdelia K.\n")
    #expect(s.ok("__complete", "--shell", "fish", "--", "desk", "ticket", "list", "--stat").stdout.hasPrefix("--status\tStatuses: "))
  }

  @Test("make install puts fish's script where pkg-config says fish looks, and says where")
  func fishInstallDirectory() throws {
    let s = Sandbox()
    let fake = s.dir + "/pkg-config"
    try "#!/bin/sh\n[ \"$*\" = '--variable completionsdir fish' ] && echo /usr/share/fish/vendor_completions.d\n".write(
      toFile: fake, atomically: true, encoding: .utf8)
    chmod(fake, 0o755)
    let root = GeneratedFilesTests.root.path
    let make = { (path: String) in
      s.run(["-n", "-C", root, "install", "DESTDIR=/tmp/stage"], executable: "/usr/bin/make", env: ["PATH": path])
    }
    let known = make(s.dir + ":/usr/bin:/bin")
    #expect(known.status == 0, "\(known)")
    #expect(known.stdout.contains("install -m 0644 completions/desk.fish /tmp/stage/usr/share/fish/vendor_completions.d/desk.fish\n"))
    #expect(known.stdout.contains("fish completions: /tmp/stage/usr/share/fish/vendor_completions.d/desk.fish\""))
    let unknown = make("/nonexistent:/usr/bin:/bin")
    #expect(
      unknown.stdout.contains("install -m 0644 completions/desk.fish /tmp/stage/usr/local/share/fish/vendor_completions.d/desk.fish\n")
        || FileManager.default.fileExists(atPath: "/usr/share/pkgconfig/fish.pc"))
  }
}
