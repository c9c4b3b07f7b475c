import Foundation
import Testing

@Suite("committed generated files")
struct GeneratedFilesTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test("completions/ match what the command tree generates (run make docs)", arguments: ["bash", "zsh", "fish"])
  func completionsAreFresh(shell: String) throws {
    let s = Sandbox()
    let generated = s.ok("--generate-completion-script", shell).stdout
    let committed = try String(contentsOf: Self.root.appendingPathComponent("completions/desk.\(shell)"), encoding: .utf8)
    #expect(generated == committed, "completions/desk.\(shell) is stale: run make docs")
  }

  @Test("there is a man page for every command (run make docs)")
  func manPagesExist() throws {
    let s = Sandbox()
    let dump = try s.ok("--experimental-dump-help").object()
    var missing: [String] = []
    func walk(_ command: [String: Any], _ path: [String]) {
      let name = path.joined(separator: ".")
      if !FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("man/\(name).1").path) { missing.append(name) }
      for sub in command["subcommands"] as? [[String: Any]] ?? [] {
        guard let subName = sub["commandName"] as? String, subName != "help" else { continue }
        walk(sub, path + [subName])
      }
    }
    walk(try #require(dump["command"] as? [String: Any]), ["desk"])
    #expect(missing == [])
  }
}
