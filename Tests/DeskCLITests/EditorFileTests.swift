import Foundation
import Testing

/// The file $EDITOR edits holds the customer's conversation-to-be: private, and never left behind.
@Suite struct EditorFileTests {
  /// An editor that notes the file's mode and its directory's, then has desk killed by `signal`.
  static func editor(_ s: Sandbox, signal: String) -> String {
    let path = s.dir + "/editor-\(signal).sh"
    let script = """
      #!/bin/sh
      stat -c '%a' "$1" "$(dirname "$1")" > "$0.log"
      echo "$1" >> "$0.log"
      kill -\(signal) $PPID
      sleep 5

      """
    _ = FileManager.default.createFile(atPath: path, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
    return path
  }

  static func waitForLog(_ editor: String) throws -> [String] {
    for _ in 0..<1000 {
      if let text = try? String(contentsOfFile: editor + ".log", encoding: .utf8), text.split(separator: "\n").count == 3 {
        return text.split(separator: "\n").map(String.init)
      }
      usleep(20_000)
    }
    throw TmuxSession.Failure(description: "the editor never ran")
  }

  static func waitUntilGone(_ path: String) -> Bool {
    for _ in 0..<1000 {
      if !FileManager.default.fileExists(atPath: path) { return true }
      usleep(20_000)
    }
    return false
  }

  @Test("the editor's file is 0600 in a 0700 directory; SIGTERM removes it, and after SIGKILL the next desk does")
  func editorFileIsPrivateAndRemoved() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Printer", "--customer", "1")
    let tmp = s.dir + "/tmp"
    try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    let term = Self.editor(s, signal: "TERM")
    let first = try TmuxSession(s, arguments: ["ticket", "note", "1"], env: ["EDITOR": term, "TMPDIR": tmp + "/"])
    let log = try Self.waitForLog(term)
    #expect(log[0] == "600")
    #expect(log[1] == "700")
    #expect(log[2].hasPrefix(tmp + "/desk-edit-"))
    #expect(Self.waitUntilGone((log[2] as NSString).deletingLastPathComponent))
    _ = first

    let killed = Self.editor(s, signal: "KILL")
    let second = try TmuxSession(s, arguments: ["ticket", "note", "1"], env: ["EDITOR": killed, "TMPDIR": tmp + "/"])
    let left = try Self.waitForLog(killed)
    _ = second
    // SIGKILL leaves the file; the next desk that edits removes it.
    #expect(FileManager.default.fileExists(atPath: left[2]))
    let writer = s.dir + "/write.sh"
    _ = FileManager.default.createFile(
      atPath: writer, contents: Data("#!/bin/sh\necho 'Checked the cable' > \"$1\"\n".utf8), attributes: [.posixPermissions: 0o755])
    let third = try TmuxSession(s, arguments: ["ticket", "note", "1"], env: ["EDITOR": writer, "TMPDIR": tmp + "/"])
    _ = third
    #expect(Self.waitUntilGone(left[2]))
    for _ in 0..<1000 where (try? s.scalar("SELECT count(*) FROM message WHERE body LIKE 'Checked the cable%'")) != "1" { usleep(20_000) }
    #expect(try s.scalar("SELECT count(*) FROM message WHERE body LIKE 'Checked the cable%'") == "1")
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp) == [])
  }
}
