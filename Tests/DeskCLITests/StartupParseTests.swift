import Foundation
import Testing

/// The quick parse (`DeskMain.parse`: only the branch the first word names, no completion-script
/// look) and the listed values of choice options (`ArgumentChoice`) must read exactly as before.
@Suite("start-up: the quick parse and choice values read as the full parse did")
struct StartupParseTests {
  @Test("a choice option's values are listed in their declared order in errors and help")
  func choiceValues() throws {
    let s = Sandbox.team()
    let before = try s.snapshot()
    let format = s.run("ticket", "list", "--format", "nope")
    #expect(format.status == 64)
    #expect(format.stdout == "")
    #expect(
      format.stderr
        == "desk: error: The value 'nope' is invalid for '--format <format>'. Please provide one of the following: table, json, jsonl, csv, tsv, ids (hint: see desk ticket list --help)\n"
    )
    let sort = s.run("ticket", "list", "--sort", "nope")
    #expect(sort.status == 64)
    #expect(
      sort.stderr
        == "desk: error: The value 'nope' is invalid for '--sort <sort>'. Please provide one of the following: id, created, updated, priority, status, due (hint: see desk ticket list --help)\n"
    )
    #expect(try s.snapshot() == before)
    let dump = try #require(try s.ok("ticket", "list", "--experimental-dump-help").object())
    let arguments = try #require((dump["command"] as? [String: Any])?["arguments"] as? [[String: Any]])
    let sortValues = arguments.first { ($0["valueName"] as? String) == "sort" }?["allValues"] as? [String]
    #expect(sortValues == ["id", "created", "updated", "priority", "status", "due"])
  }

  @Test("aliases, group words, help words and --version after a group parse as the full tree does")
  func quickParseEdges() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Printer", "--customer", "1", "-m", "It jams.")
    #expect(s.ok("ticket", "ls", "--format", "ids").stdout == "1\n")
    #expect(s.ok("ticket", "list", "--format", "ids").stdout == "1\n")
    let version = s.run("ticket", "--version")
    #expect(version.status == 0)
    #expect(version.stdout == "0.1.0\n")
    let help = s.ok("help", "ticket", "list")
    #expect(help.stdout == s.ok("ticket", "list", "--help").stdout)
    #expect(help.stdout.contains("USAGE: desk ticket list "))
    let unknown = s.run("ticket", "lst")
    #expect(unknown.status == 64)
    #expect(unknown.stdout == "")
    #expect(unknown.stderr == "desk: error: unknown command 'lst' for 'desk ticket'; did you mean 'list'? (hint: see desk ticket --help)\n")
  }
}
