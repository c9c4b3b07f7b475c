import Foundation
import GRDB
import Testing

/// Issue 13, item 9: customer file names are made safe, and every file desk writes with
/// customer data in it is private (0600 whatever the umask) and never follows a symlink.
@Suite struct FileSafetyTests {
  /// Runs desk under a permissive umask, as a careless cron job would.
  static func permissive(_ s: Sandbox, _ args: [String], stdin: Data? = nil) -> Run {
    s.run(["-c", "umask 000; exec \"$0\" \"$@\"", Sandbox.binary] + args, stdin: stdin, executable: "/bin/sh")
  }

  static func mode(_ path: String) -> String {
    var info = stat()
    guard lstat(path, &info) == 0 else { return "missing" }
    return String(info.st_mode & 0o7777, radix: 8)
  }

  static func ingest(_ s: Sandbox, names: [String]) -> Run {
    let files = names.map { #"{"name": \#(jsonString($0)), "data": "aGk="}"# }.joined(separator: ", ")
    let payload = #"{"channel": "email", "email": "eve@example.com", "subject": "Files", "body": "see", "attachments": [\#(files)]}"#
    return s.run(["ticket", "ingest", "--stdin-json"], stdin: Data(payload.utf8))
  }

  static func jsonString(_ s: String) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed]), as: UTF8.self)
  }

  @Test("customer file names are stored safe, the original kept; attachment get writes no dotfile")
  func attachmentNamesAreSafe() throws {
    let s = Sandbox.team()
    let raw = [".", "..", "/", ".bashrc", "../../etc/passwd", "C:\\Users\\x\\report.pdf", "  .. evil\u{202E}gpj.exe", "a\u{1B}[31mb.txt"]
    #expect(Self.ingest(s, names: raw).status == 0)
    let stored = try s.query { db in
      try Row.fetchAll(db, sql: "SELECT name, original_name FROM attachment ORDER BY id").map {
        "\($0[0] as String)|\($0[1] as String? ?? "-")"
      }
    }
    #expect(
      stored == [
        "file|.", "file|..", "file|/", "bashrc|.bashrc", "passwd|../../etc/passwd", "report.pdf|C:\\Users\\x\\report.pdf",
        "evilgpj.exe|  .. evil\u{202E}gpj.exe", "a[31mb.txt|a\u{1B}[31mb.txt",
      ])
    let got = s.ok("ticket", "attachment", "get", "4")
    #expect(got.stdout == "wrote bashrc (2 bytes, sha256 8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4)\n")
    #expect(FileManager.default.contents(atPath: s.dir + "/bashrc") == Data("hi".utf8))
    #expect(!FileManager.default.fileExists(atPath: s.dir + "/.bashrc"))
    let listed = try s.ok("ticket", "attachment", "list", "1", "--json", "--fields", "name,original_name").array()
    #expect(listed[3]["name"] as? String == "bashrc")
    #expect(listed[3]["original_name"] as? String == ".bashrc")
    #expect(listed[0]["original_name"] as? String == ".")
  }

  @Test("attachment get: 0600 under umask 000, no symlink followed, 73 when it cannot create, --force replaces")
  func attachmentGetWritesPrivately() throws {
    let s = Sandbox.team()
    #expect(Self.ingest(s, names: ["notes.txt"]).status == 0)
    let r = Self.permissive(s, ["ticket", "attachment", "get", "1", "-o", "out.txt"])
    #expect(r.status == 0, "\(r)")
    #expect(Self.mode(s.dir + "/out.txt") == "600")
    // A symlink planted at the target is refused, not followed, and with --force replaced itself.
    try "secret".write(toFile: s.dir + "/victim", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: s.dir + "/link.txt", withDestinationPath: s.dir + "/victim")
    let refused = s.run("ticket", "attachment", "get", "1", "-o", "link.txt")
    #expect(refused.status == 65)
    #expect(refused.stderr == "desk: error: link.txt exists (hint: use --force to replace it, or give another name)\n")
    let dangling = s.dir + "/dangling.txt"
    try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: s.dir + "/created-through-link")
    #expect(s.run("ticket", "attachment", "get", "1", "-o", "dangling.txt").status == 65)
    #expect(!FileManager.default.fileExists(atPath: s.dir + "/created-through-link"))
    s.ok("ticket", "attachment", "get", "1", "-o", "link.txt", "--force")
    #expect(try String(contentsOfFile: s.dir + "/victim", encoding: .utf8) == "secret")
    #expect(Self.mode(s.dir + "/link.txt") == "600")
    let nodir = s.run("ticket", "attachment", "get", "1", "-o", "no/such/dir.txt")
    #expect(nodir.status == 73)
    #expect(nodir.stderr == "desk: error: cannot create no/such/dir.txt: No such file or directory\n")
  }

  @Test("report --html, db backup and a pre-existing empty database are 0600 under umask 000")
  func writersArePrivate() throws {
    let s = Sandbox.team()
    let html = Self.permissive(s, ["report", "summary", "--week", "2026-W47", "--html", "week.html"])
    #expect(html.status == 0, "\(html)")
    #expect(Self.mode(s.dir + "/week.html") == "600")
    // The report replaces its page, and never writes through a symlink.
    try "keep".write(toFile: s.dir + "/victim", atomically: false, encoding: .utf8)
    try FileManager.default.removeItem(atPath: s.dir + "/week.html")
    try FileManager.default.createSymbolicLink(atPath: s.dir + "/week.html", withDestinationPath: s.dir + "/victim")
    #expect(Self.permissive(s, ["report", "summary", "--week", "2026-W47", "--html", "week.html"]).status == 0)
    #expect(try String(contentsOfFile: s.dir + "/victim", encoding: .utf8) == "keep")
    #expect(Self.mode(s.dir + "/week.html") == "600")
    let backup = Self.permissive(s, ["db", "backup", "copy.db"])
    #expect(backup.status == 0, "\(backup)")
    #expect(Self.mode(s.dir + "/copy.db") == "600")
    let empty = s.dir + "/empty.db"
    #expect(FileManager.default.createFile(atPath: empty, contents: nil, attributes: [.posixPermissions: 0o644]))
    let first = Self.permissive(s, ["agent", "add", "root", "--role", "admin", "--db", empty])
    #expect(first.status == 0, "\(first)")
    #expect(Self.mode(empty) == "600")
  }
}
