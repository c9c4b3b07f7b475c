import Foundation
import Testing

/// A full disk may pass by itself: exit 75, so that a mail server retries instead of bouncing.
@Suite struct DiskFullTests {
  /// A real full disk, without root: a mount namespace of its own (`unshare -r -m`) with a
  /// tmpfs just larger than the database. It vanishes with the process.
  static let canMount: Bool = {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
    p.arguments = ["-r", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"]
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }()

  @Test("a write that fills the disk is exit 75 (temporary) and changes nothing", .enabled(if: canMount, "needs unshare -r -m"))
  func diskFullIsTemporary() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Warm-up", "-m", "so that the file exists")
    let before = try s.snapshot()
    let size = try #require(try FileManager.default.attributesOfItem(atPath: s.db)[.size] as? Int)
    let body = String(repeating: "a long message that needs many pages. ", count: 3000)
    // In the namespace: the database on a small tmpfs, desk writes to it, the result is copied out.
    let script = """
      mkdir small after && mount -t tmpfs -o size=\(size + 96 * 1024) tmpfs small && cp desk.db* small/ || exit 99
      DESK_DB=small/desk.db "$0" "$@"; status=$?
      cp small/desk.db* after/; exit $status
      """
    let r = s.run(["-r", "-m", "sh", "-c", script, Sandbox.binary, "ticket", "new", "Big", "-m", body], executable: "/usr/bin/unshare")
    #expect(r.status == 75, "\(r)")
    #expect(r.stderr == "desk: error: cannot write the database small/desk.db: the disk is full (hint: free some space and try again)\n")
    let after = Sandbox()
    for name in try FileManager.default.contentsOfDirectory(atPath: s.dir + "/after") {
      try? FileManager.default.removeItem(atPath: after.dir + "/" + name)  // the sandbox's own new database
      try FileManager.default.copyItem(atPath: s.dir + "/after/" + name, toPath: after.dir + "/" + name)
    }
    #expect(try after.snapshot() == before)
  }

  @Test("output to a full disk is exit 75, never a crash or a silent 0")
  func fullStandardOutput() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Printer", "--customer", "1")
    try "hello".write(toFile: s.dir + "/log.txt", atomically: false, encoding: .utf8)
    s.ok("ticket", "attach", "1", s.dir + "/log.txt")
    for args in [["ticket", "list", "--format", "tsv"], ["ticket", "attachment", "get", "1", "-o", "-"]] {
      let r = s.run(["-c", "exec \"$0\" \"$@\" > /dev/full", Sandbox.binary] + args, executable: "/bin/sh")
      #expect(r.status == 75, "\(args): \(r)")
      #expect(r.stderr == "desk: error: cannot write standard output: the disk is full (hint: free some space and try again)\n")
    }
  }
}
