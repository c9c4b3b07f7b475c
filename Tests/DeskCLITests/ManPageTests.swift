import Foundation
import Testing

/// The committed man pages (make docs) against the help they are made from.
@Suite("man pages")
struct ManPageTests {
  static func page(_ name: String) -> String? {
    try? String(contentsOf: GeneratedFilesTests.root.appendingPathComponent("man/\(name).1"), encoding: .utf8)
  }

  /// A line of text as the man page's source writes it (man-src/finish.py).
  static func roff(_ line: String) -> String {
    var out = ""
    for scalar in line.unicodeScalars {
      switch scalar {
      case "\\": out += "\\e"
      case _ where scalar.isASCII: out.unicodeScalars.append(scalar)
      default: out += "\\[u" + String(format: "%04X", scalar.value) + "]"
      }
    }
    return out.hasPrefix(".") || out.hasPrefix("'") ? "\\&" + out : out
  }

  /// The lines of a page's literal blocks (.Bd -literal … .Ed).
  static func literalLines(_ page: String) -> [String] {
    var inside = false
    var lines: [String] = []
    for line in page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix(".Bd -literal") { inside = true } else if line == ".Ed" { inside = false } else if inside { lines.append(line) }
    }
    return lines
  }

  @Test("desk(1) does not send the reader to desk(1), and no page or link is left for a hidden command")
  func noSelfReferenceNorHiddenCommand() throws {
    let root = try #require(Self.page("desk"))
    #expect(!root.contains("desk(1)"))
    let s = Sandbox()
    let dump = try s.ok("--experimental-dump-help").object()
    let hidden = (try #require(dump["command"] as? [String: Any])["subcommands"] as? [[String: Any]] ?? [])
      .filter { ($0["shouldDisplay"] as? Bool) == false }.compactMap { $0["commandName"] as? String }
    #expect(hidden.contains("__complete"))
    for name in hidden {
      #expect(Self.page("desk.\(name)") == nil, "man/desk.\(name).1 documents a hidden command")
      #expect(!root.contains(".Xr desk.\(name) 1"), "desk(1) links to the hidden desk.\(name)(1)")
    }
  }

  @Test("every indented line of a command's help (examples, JSON) is a whole line of a literal block in its man page")
  func examplesStayWhole() throws {
    let s = Sandbox()
    var broken: [String] = []
    for command in try CommandTreePages.all(s) {
      guard let page = Self.page(command.path.joined(separator: ".")) else { continue }
      let literal = Set(Self.literalLines(page))
      let lines = command.discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      var block: [String] = []
      for line in lines + [""] {
        if line.hasPrefix(" ") {
          block.append(line)
          continue
        }
        let indent = block.map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
        for example in block where !literal.contains(Self.roff(String(example.dropFirst(indent)))) {
          broken.append("\(command.name): \(example)")
        }
        block = []
      }
    }
    #expect(broken == [], "\(broken.count) lines:\n\(broken.joined(separator: "\n"))")
  }

  /// A crontab entry: five schedule fields, then the command.
  static let crontab = #/^(?:[0-9*\/,-]+\s+){5}(.*)$/#

  /// What is wrong with a crontab entry: cron's PATH has no /usr/local/bin, and cron reads % as a newline.
  static func cronProblems(_ entry: String) -> [String] {
    guard let command = entry.firstMatch(of: crontab)?.1 else { return [] }
    var problems: [String] = []
    let words = command.split(separator: " ")
    if let desk = words.first(where: { $0.hasSuffix("desk") }), !desk.hasPrefix("/") {
      problems.append("desk without its absolute path: \(entry)")
    }
    if command.firstMatch(of: #/(^|[^\\])%/#) != nil { problems.append("a bare % (cron makes it a newline): \(entry)") }
    return problems
  }

  /// What is wrong with the cron examples of a discussion: each crontab entry's problems, and an
  /// example introduced as one for cron that is not a crontab entry.
  static func cronExampleProblems(_ discussion: String) -> [String] {
    var problems: [String] = []
    let lines = discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (i, line) in lines.enumerated() {
      problems += cronProblems(line.trimmingCharacters(in: .whitespaces))
      if line.lowercased().contains("cron"), line.hasPrefix("Example") {
        let inline = line.split(separator: ":", maxSplits: 1).dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let example = inline.isEmpty && i + 1 < lines.count ? lines[i + 1].trimmingCharacters(in: .whitespaces) : inline
        if example.firstMatch(of: crontab) == nil { problems.append("a cron example that is not a crontab entry: \(line)") }
      }
    }
    return problems
  }

  @Test("the cron check finds a relative desk, a bare % and a cron example that is no crontab entry")
  func cronCheckFindsProblems() {
    #expect(Self.cronExampleProblems("Example (cron, nightly): desk db backup /var/backups/desk-$(date +%F).db").count == 1)
    #expect(Self.cronExampleProblems("Example, from cron:\n  0 3 * * * /usr/local/bin/desk db backup /b/desk-$(date +%F).db").count == 1)
    #expect(Self.cronExampleProblems("Example, from cron:\n  0 3 * * * /usr/local/bin/desk db backup /b/desk-$(date +\\%F).db") == [])
    #expect(Self.cronProblems("* * * * * /usr/local/bin/desk cron --db /srv/desk/desk.db") == [])
    #expect(Self.cronProblems("0 3 * * * /usr/local/bin/desk db backup /b/desk-$(date +\\%F).db") == [])
    #expect(Self.cronProblems("* * * * * desk cron").count == 1)
    #expect(Self.cronProblems("0 3 * * * /usr/local/bin/desk db backup /b/desk-$(date +%F).db").count == 1)
  }

  @Test("every cron example in the help and the man pages is a crontab entry that runs under cron")
  func cronExamplesRunUnderCron() throws {
    let s = Sandbox()
    var problems: [String] = []
    for command in try CommandTreePages.all(s) {
      problems += Self.cronExampleProblems(command.discussion).map { "\(command.name): \($0)" }
    }
    let pages = try FileManager.default.contentsOfDirectory(atPath: GeneratedFilesTests.root.appendingPathComponent("man").path)
    for name in pages.sorted() where name.hasSuffix(".1") {
      for line in Self.literalLines(Self.page(String(name.dropLast(2))) ?? "") {
        problems += Self.cronProblems(line.replacingOccurrences(of: "\\e", with: "\\")).map { "\(name): \($0)" }
      }
    }
    #expect(problems == [], "\(problems.joined(separator: "\n"))")
  }
}
