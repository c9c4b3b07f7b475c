import Foundation
import Testing

/// The commands of the tree as `desk --experimental-dump-help` lists them: every one but
/// `help` and the hidden ones (their help is not for people).
struct CommandTreePages {
  let path: [String]
  let info: [String: Any]

  var name: String { path.joined(separator: " ") }
  var discussion: String { info["discussion"] as? String ?? "" }
  var arguments: [[String: Any]] { info["arguments"] as? [[String: Any]] ?? [] }

  static func all(_ s: Sandbox) throws -> [CommandTreePages] {
    let dump = try s.ok("--experimental-dump-help").object()
    var pages: [CommandTreePages] = []
    func walk(_ command: [String: Any], _ path: [String]) {
      pages.append(CommandTreePages(path: path, info: command))
      for sub in command["subcommands"] as? [[String: Any]] ?? [] {
        guard let name = sub["commandName"] as? String, name != "help", (sub["shouldDisplay"] as? Bool) != false else { continue }
        walk(sub, path + [name])
      }
    }
    walk(try #require(dump["command"] as? [String: Any]), ["desk"])
    return pages
  }

  /// The long name of an option or flag, nil for a positional argument.
  static func longName(_ argument: [String: Any]) -> String? {
    let names = argument["names"] as? [[String: Any]] ?? []
    return names.first { $0["kind"] as? String == "long" }?["name"] as? String
  }
}

/// What is wrong with the layout of one help page: lines over the width, orphans (a line of one
/// word, or of two words with the paragraph going on below: what wrapping a hard-wrapped source
/// leaves), and indented lines (examples) wrapped to column 0. A short line is legitimate where it
/// is a paragraph of its own, a heading (ending in ':'), an example or an option's label; the
/// usage line is ArgumentParser's synopsis, which it does not wrap.
enum HelpLayout {
  static func problems(in help: String, width: Int = 80) -> [String] {
    var problems: [String] = []
    var section = "OVERVIEW"
    let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func indent(_ line: String) -> Int { line.prefix(while: { $0 == " " }).count }
    for (i, line) in lines.enumerated() {
      if let heading = line.firstMatch(of: #/^(OVERVIEW|USAGE):|^([A-Z][A-Z ]*):$/#) {
        section = String(heading.1 ?? heading.2 ?? "")
        if section != "USAGE", line.count > width { problems.append("over \(width) columns: \(line)") }
        continue
      }
      if section == "USAGE" || line.isEmpty { continue }
      if line.count > width { problems.append("over \(width) columns: \(line)") }
      let previous = i > 0 ? lines[i - 1] : ""
      let next = i + 1 < lines.count ? lines[i + 1] : ""
      guard !previous.isEmpty else { continue }
      let words = line.split(separator: " ").count
      if section == "OVERVIEW" {
        // Prose is at column 0; examples and other literal lines are indented.
        guard indent(line) == 0 else { continue }
        if indent(previous) > 0 {
          problems.append("at column 0 after an indented line (a wrapped example?): \(line)")
        } else if !line.hasSuffix(":"), !previous.hasSuffix(":"), words == 1 || (words == 2 && !next.isEmpty && indent(next) == 0) {
          problems.append("orphan: \(line)")
        }
      } else {
        // Labels are at column 2; help text after two spaces on the label's line, or below it, indented.
        let previousHasHelp = indent(previous) > 2 || previous.dropFirst(indent(previous)).contains("  ")
        let goesOn = indent(next) > 2 && indent(next) == indent(line)
        if indent(line) > 2, previousHasHelp, words == 1 || (words == 2 && goesOn) { problems.append("orphan: \(line)") }
      }
    }
    return problems
  }

  /// Whether a discussion shows an example: a line "Example…:" followed by an indented desk command.
  static func hasExample(_ discussion: String) -> Bool {
    let lines = discussion.split(separator: "\n", omittingEmptySubsequences: false)
    return zip(lines, lines.dropFirst()).contains { heading, next in
      heading.hasPrefix("Example") && heading.hasSuffix(":") && next.hasPrefix(" ") && next.contains("desk ")
    }
  }
}

@Suite("help layout")
struct HelpLayoutTests {
  @Test("the layout check finds long lines, orphans and examples wrapped to column 0, and passes headings and labels")
  func checkFindsProblems() {
    let help = """
      OVERVIEW: Do a thing with a rather long abstract that the parser had to wrap at
      eighty.

      A paragraph hard-wrapped in the source, then wrapped again by the parser, leaves
      two words
      in the middle of it, while a paragraph may well end with a line of
      two words.

      The discussion:
        desk thing --with an example that is far too long for the width of eighty columns
      umns
      Examples:
        desk thing

      USAGE: desk thing [--db <path>]
             [--as <login>]

      OPTIONS:
        --db <path>             The database file (default: $DESK_DB, else
                                $XDG_DATA_HOME/desk/desk.db).
        --a-rather-long-option-name <value>
                                Types.
        -h, --help              Show help information.

      """
    #expect(
      HelpLayout.problems(in: help) == [
        "orphan: eighty.",
        "orphan: two words",
        "over 80 columns:   desk thing --with an example that is far too long for the width of eighty columns",
        "at column 0 after an indented line (a wrapped example?): umns",
        "orphan: " + String(repeating: " ", count: 26) + "$XDG_DATA_HOME/desk/desk.db).",
      ])
    #expect(HelpLayout.hasExample("Text.\n\nExamples:\n  desk thing --flag\n"))
    #expect(!HelpLayout.hasExample("Example: desk thing --flag"))
  }

  @Test("every command's help fits 80 columns with no orphan line and no example wrapped to column 0")
  func everyHelpPageFits() throws {
    let s = Sandbox()
    var problems: [String] = []
    for page in try CommandTreePages.all(s) {
      let r = s.run(Array(page.path.dropFirst()) + ["--help"], env: ["COLUMNS": "80"])
      #expect(r.status == 0, "\(page.name) --help: \(r)")
      problems += HelpLayout.problems(in: r.stdout).map { "\(page.name): \($0)" }
    }
    #expect(problems == [], "\(problems.count) problems:\n\(problems.joined(separator: "\n"))")
  }

  /// The options every command takes, explained once in desk(1).
  static let globalOptions: Set = ["db", "as", "format", "json", "fields", "no-pager", "help", "version"]

  @Test("every command with options of its own shows at least one example")
  func everyCommandWithOptionsHasAnExample() throws {
    let s = Sandbox()
    let missing = try CommandTreePages.all(s).filter { page in
      let options = page.arguments.compactMap(CommandTreePages.longName).filter { !Self.globalOptions.contains($0) }
      return !options.isEmpty && !HelpLayout.hasExample(page.discussion)
    }.map(\.name)
    #expect(missing == [])
  }

  @Test("every option's value has a name of its own, not the option's name again")
  func everyValueIsNamed() throws {
    let s = Sandbox()
    var unnamed: [String] = []
    for page in try CommandTreePages.all(s) {
      for argument in page.arguments where argument["kind"] as? String == "option" {
        guard let long = CommandTreePages.longName(argument), long.contains("-") else { continue }
        if argument["valueName"] as? String == long { unnamed.append("\(page.name) --\(long) <\(long)>") }
      }
    }
    #expect(unnamed == [])
  }
}
