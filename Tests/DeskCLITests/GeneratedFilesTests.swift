import Foundation
import Testing

@Suite("committed generated files")
struct GeneratedFilesTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test("completions/ match what the command tree generates (run make docs)", arguments: ["bash", "zsh", "fish"])
  func completionsAreFresh(shell: String) throws {
    let s = Sandbox()
    let generated = s.ok("completion", shell).stdout
    let committed = try String(contentsOf: Self.root.appendingPathComponent("completions/desk.\(shell)"), encoding: .utf8)
    #expect(generated == committed, "completions/desk.\(shell) is stale: run make docs")
  }

  @Test("there is a man page for every command but the hidden ones (run make docs)")
  func manPagesExist() throws {
    let s = Sandbox()
    let dump = try s.ok("--experimental-dump-help").object()
    var missing: [String] = []
    func walk(_ command: [String: Any], _ path: [String]) {
      let name = path.joined(separator: ".")
      if !FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("man/\(name).1").path) { missing.append(name) }
      for sub in command["subcommands"] as? [[String: Any]] ?? [] {
        guard let subName = sub["commandName"] as? String, subName != "help", (sub["shouldDisplay"] as? Bool) != false else { continue }
        walk(sub, path + [subName])
      }
    }
    walk(try #require(dump["command"] as? [String: Any]), ["desk"])
    #expect(missing == [])
  }

  @Test("every option of every command is in its man page (run make docs)")
  func manPagesAreFresh() throws {
    let s = Sandbox()
    let dump = try s.ok("--experimental-dump-help").object()
    var stale: [String] = []
    func walk(_ command: [String: Any], _ path: [String]) throws {
      let name = path.joined(separator: ".")
      if let page = try? String(contentsOf: Self.root.appendingPathComponent("man/\(name).1"), encoding: .utf8) {
        for argument in command["arguments"] as? [[String: Any]] ?? [] {
          guard let names = argument["names"] as? [[String: Any]], let long = names.first(where: { $0["kind"] as? String == "long" })?["name"] as? String,
            long != "help", long != "version", (argument["shouldDisplay"] as? Bool) != false
          else { continue }
          if !page.contains("Fl -\(long)") { stale.append("\(name): --\(long)") }
        }
      }
      for sub in command["subcommands"] as? [[String: Any]] ?? [] {
        guard let subName = sub["commandName"] as? String, subName != "help" else { continue }
        try walk(sub, path + [subName])
      }
    }
    try walk(try #require(dump["command"] as? [String: Any]), ["desk"])
    #expect(stale == [])
  }

  @Test("the man pages pass mandoc -Tlint with no warning, and desk(1) renders with its hand-written sections")
  func manPagesLintAndRender() throws {
    let pages = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("man").path).filter { $0.hasSuffix(".1") }.sorted()
    #expect(pages.count > 100)
    let lint = Process()
    lint.executableURL = URL(fileURLWithPath: "/usr/bin/mandoc")
    lint.arguments = ["-Tlint", "-W", "warning"] + pages.map { Self.root.appendingPathComponent("man/\($0)").path }
    let out = Pipe()
    lint.standardOutput = out
    lint.standardError = out
    try lint.run()
    let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    lint.waitUntilExit()
    #expect(report == "", "mandoc -Tlint: \(report.prefix(2000))")
    #expect(lint.terminationStatus == 0)
    let man = Process()
    man.executableURL = URL(fileURLWithPath: "/usr/bin/man")
    man.arguments = ["-l", Self.root.appendingPathComponent("man/desk.1").path]
    man.environment = ["MANWIDTH": "80", "PATH": "/usr/bin:/bin", "MANPAGER": "cat", "PAGER": "cat"]
    let page = Pipe()
    man.standardOutput = page
    try man.run()
    let text = String(decoding: page.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    man.waitUntilExit()
    #expect(man.terminationStatus == 0)
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
      #expect(text.contains("\n\(section)\n"), "desk(1) has no \(section)")
    }
    #expect(text.contains("75   temporary: the database stayed busy past the timeout, or the disk is"))
    #expect(text.contains("73   an output file or folder cannot be created"))
  }
}

@Suite("start-up")
struct CommandNameTests {
  /// Without an explicit `commandName`, ArgumentParser derives the name with
  /// `String(describing:)` on every start, which scans the binary's conformance tables.
  @Test("every CommandConfiguration names its command")
  func everyCommandIsNamed() throws {
    let sources = GeneratedFilesTests.root.appendingPathComponent("Sources/DeskCLI")
    var unnamed: [String] = []
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
    for case let url as URL in files where url.pathExtension == "swift" {
      let text = try String(contentsOf: url, encoding: .utf8)
      var rest = Substring(text)
      while let start = rest.range(of: "CommandConfiguration(") {
        let after = rest[start.upperBound...]
        if !after.drop(while: \.isWhitespace).hasPrefix("commandName:") { unnamed.append(url.lastPathComponent) }
        rest = after
      }
    }
    #expect(unnamed == [])
  }
}
