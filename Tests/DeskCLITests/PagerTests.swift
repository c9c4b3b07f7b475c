import Foundation
import Testing

@testable import DeskCLI

/// Long output on a terminal goes through the pager ($DESK_PAGER, $PAGER, less -FRX); short
/// output, --no-pager and piped output do not. The pager here is a script that records what
/// it was given.
@Suite(.serialized) struct PagerTests {
  /// A desk with `count` tickets and a recording pager at `pager`, which writes `paged.txt`.
  static func desk(tickets count: Int) throws -> (Sandbox, pager: String, record: String) {
    let s = Sandbox.team()
    for i in 1...count { s.ok("ticket", "new", "Printer \(i) on fire", "--customer", "1") }
    let pager = s.dir + "/pager.sh"
    let record = s.dir + "/paged.txt"
    try "#!/bin/sh\ncat > '\(record).part' && mv '\(record).part' '\(record)'\necho PAGER DONE\n".write(
      toFile: pager, atomically: true, encoding: .utf8)
    chmod(pager, 0o755)
    return (s, pager, record)
  }

  static func recorded(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  @Test("a listing longer than the screen (40 rows) goes through $DESK_PAGER, whole")
  func longListingIsPaged() throws {
    let (s, pager, record) = try Self.desk(tickets: 45)
    let expected = s.ok("ticket", "list", "--format", "table", env: ["COLUMNS": "120"]).stdout
    let tty = try TmuxSession(s, env: ["DESK_PAGER": pager, "NO_COLOR": "1"])
    let printed = try tty.run("ticket list")
    #expect(printed == ["PAGER DONE"])
    #expect(Self.recorded(record) == expected)
    #expect(expected.split(separator: "\n").count == 46)
  }

  @Test("$PAGER when DESK_PAGER is not set; DESK_PAGER=cat, DESK_PAGER= and --no-pager print straight to the terminal")
  func pagerChoice() throws {
    let (s, pager, record) = try Self.desk(tickets: 45)
    let tty = try TmuxSession(s, env: ["PAGER": pager, "NO_COLOR": "1"])
    #expect(try tty.run("ticket list --no-pager").count == 46)
    #expect(try tty.run("ticket --no-pager list --fields id").count == 46)
    #expect(Self.recorded(record) == nil)
    #expect(try tty.run("ticket list --fields id") == ["PAGER DONE"])
    #expect(Self.recorded(record)?.split(separator: "\n").count == 46)
    for off in ["cat", ""] {
      let other = try TmuxSession(s, env: ["PAGER": pager, "DESK_PAGER": off, "NO_COLOR": "1"])
      try? FileManager.default.removeItem(atPath: record)
      #expect(try other.run("ticket list --fields id").count == 46)
      #expect(Self.recorded(record) == nil)
    }
  }

  @Test("output that fits the screen is not paged")
  func shortListingIsNotPaged() throws {
    let (s, pager, record) = try Self.desk(tickets: 3)
    let tty = try TmuxSession(s, env: ["DESK_PAGER": pager, "NO_COLOR": "1"])
    let printed = try tty.run("ticket list --fields id,subject")
    #expect(printed == ["ID  SUBJECT", "3   Printer 3 on fire", "2   Printer 2 on fire", "1   Printer 1 on fire"])
    #expect(Self.recorded(record) == nil)
  }

  @Test("piped output never goes through the pager")
  func pipedIsNotPaged() throws {
    let (s, pager, record) = try Self.desk(tickets: 45)
    let r = s.ok("ticket", "list", "--format", "table", env: ["DESK_PAGER": pager, "PAGER": pager, "LINES": "10"])
    #expect(r.lines.count == 46)
    #expect(Self.recorded(record) == nil)
  }

  @Test("which pager: DESK_PAGER, then PAGER, then less -FRX; empty or cat is none")
  func pagerCommand() {
    #expect(Pager.command(["DESK_PAGER": "most", "PAGER": "more"]) == "most")
    #expect(Pager.command(["PAGER": "more"]) == "more")
    #expect(Pager.command(["DESK_PAGER": "", "PAGER": "more"]) == nil)
    #expect(Pager.command(["DESK_PAGER": "cat"]) == nil)
    #expect(Pager.command(["PAGER": " "]) == nil)
    #expect(Pager.command(["PATH": "/usr/bin:/bin"]) == (FileManager.default.isExecutableFile(atPath: "/usr/bin/less") ? "less -FRX" : nil))
    #expect(Pager.command(["PATH": "/nonexistent"]) == nil)
  }
}
