import DeskCore
import Testing

@testable import DeskCLI

@Suite("what Tab offers in the shell")
struct CompletionTests {
  /// The real command tree, with database values made up by kind.
  let completer = Completer(tree: CommandTree.desk) { kind, prefix in
    let values: [CompletionValues.Kind: [Completer.Candidate]] = [
      .ticket: [.init(value: "1", description: "Printer on fire"), .init(value: "12", description: "Не могу войти")],
      .agent: [.init(value: "adelia", description: "Adelia K."), .init(value: "bob", description: "Bob")],
      .policy: [.init(value: "by-type"), .init(value: "classes")],
      .tag: [.init(value: "outage-2026-11-24")],
    ]
    return (values[kind] ?? []).filter { $0.value.hasPrefix(prefix) }
  }

  func values(_ line: String) -> [String] {
    guard case .candidates(let candidates) = completer.offer(forLineBefore: line) else { return ["<files>"] }
    return candidates.map(\.value)
  }

  @Test("commands and subcommands come from the command tree, the shell's own words too")
  func commands() {
    #expect(values("tic") == ["ticket"])
    #expect(values("sh") == ["shell", "show"])
    #expect(values("u") == ["use"])
    #expect(values("ticket sh") == ["show"])
    #expect(values("t re") == ["reply", "reopen"])
    #expect(values("desk sla p") == ["policy"])
    #expect(values("help ticket rep") == ["reply"])
    #expect(values("").contains("ticket") && values("").contains("exit") && !values("").contains("help ticket"))
  }

  @Test("flags come from the command's arguments; one already given is not offered again")
  func flags() {
    #expect(values("ticket list --assi") == ["--assignee"])
    #expect(values("ticket list --all --a") == ["--as", "--assignee", "--asc"])
    #expect(values("ticket list --tag x --ta") == ["--tag"])
    #expect(
      values("note 1 -") == ["--db", "--as", "--format", "--json", "--fields", "--no-pager", "-m", "--body", "--body-file", "--attach", "-h", "--help"])
  }

  @Test("values come from the database by the value-kind table")
  func databaseValues() {
    #expect(values("ticket show ") == ["1", "12"])
    #expect(values("show 1") == ["1", "12"])
    #expect(values("ticket show #1") == ["#1", "#12"])
    #expect(values("use ") == ["1", "12"])
    #expect(values("ticket list --assignee ") == ["adelia", "bob"])
    #expect(values("ticket list --assignee=b") == ["bob"])
    #expect(values("ticket assign 1 --to a") == ["adelia"])
    #expect(values("sla set 12 ") == ["by-type", "classes"])
    #expect(values("tag add 1 out") == ["outage-2026-11-24"])
    #expect(values("rate ") == ["give", "request", "exclude", "list", "nps", "1", "12"])
    #expect(
      completer.offer(forLineBefore: "ticket show 1")
        == .candidates([
          .init(value: "1", description: "Printer on fire", group: "tickets"), .init(value: "12", description: "Не могу войти", group: "tickets"),
        ]))
  }

  @Test("fixed choices come from the tree, file names from the line editor, free text gets nothing")
  func otherValues() {
    #expect(values("ticket reply 1 --status p") == ["pending"])
    #expect(values("ticket reply 1 --attach ") == ["<files>"])
    #expect(values("ticket new \"Не мо") == [])
    #expect(values("ticket list --text ") == [])
    #expect(values("exit ") == [])
  }

  @Test("the value-kind table maps arguments to kinds of database value")
  func valueKinds() {
    #expect(valueKind(commandPath: ["ticket", "show"], argument: "ids") == .ticket)
    #expect(valueKind(commandPath: ["ticket", "merge"], argument: "--into") == .ticket)
    #expect(valueKind(commandPath: ["tag", "merge"], argument: "--into") == .tag)
    #expect(valueKind(commandPath: ["ticket", "list"], argument: "--as") == .agent)
    #expect(valueKind(commandPath: ["report", "summary"], argument: "--to") == nil)
    #expect(valueKind(commandPath: ["ticket", "reply"], argument: "--kb") == .article)
    #expect(valueKind(commandPath: ["kb", "list"], argument: "--tag") == nil)
    #expect(valueKind(commandPath: ["sla", "set"], argument: "policy") == .policy)
    #expect(valueKind(commandPath: ["ticket", "attachment", "get"], argument: "id") == nil)
  }
}
