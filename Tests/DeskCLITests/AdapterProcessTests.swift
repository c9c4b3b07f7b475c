import Foundation
import Testing

@Suite("exec adapters: one that stops reading, fails, hangs or ignores TERM never takes desk cron down")
struct AdapterProcessTests {
  /// Bigger than a pipe's buffer (64 KiB), so desk cannot hand it over before the adapter reads.
  static let bigBody = String(repeating: "0123456789abcdef\n", count: 200 * 1024 / 17)

  /// A desk with one reply to Anna queued on email, and TMPDIR in a folder of the sandbox.
  static func withReply(_ body: String = bigBody) -> Sandbox {
    let s = Sandbox.team()
    try! FileManager.default.createDirectory(atPath: s.dir + "/tmp", withIntermediateDirectories: true)
    s.env["TMPDIR"] = s.dir + "/tmp"
    s.ok("ticket", "new", "Export", "--customer", "1", "--channel", "email")
    _ = FileManager.default.createFile(atPath: s.dir + "/body.txt", contents: Data(body.utf8))
    s.ok("ticket", "reply", "1", "--body-file", s.dir + "/body.txt")
    return s
  }

  /// Writes a shell script and makes it the email adapter: `desk outbox adapter set email exec OPTIONS… SCRIPT ARGUMENTS…`.
  static func adapter(_ s: Sandbox, _ name: String, _ text: String, options: [String] = [], arguments: [String] = []) -> String {
    let path = s.dir + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(("#!/bin/sh\n" + text).utf8), attributes: [.posixPermissions: 0o755])
    let set = s.run(["outbox", "adapter", "set", "email", "exec"] + options + [path] + arguments)
    #expect(set.status == 0, "\(set)")
    return path
  }

  /// Alive means running: a zombie waits only for its (new) parent to reap it.
  static func alive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let end = stat.range(of: ") ", options: .backwards)
    else { return false }
    return !stat[end.upperBound...].hasPrefix("Z") && !stat[end.upperBound...].hasPrefix("X")
  }

  static func pids(_ path: String) -> [Int32] {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int32($0) }
  }

  static let outbox =
    "SELECT state || ' ' || attempts || ' ' || next_attempt_at || ' ' || coalesce(last_error, '-') FROM outbox WHERE id = 1"

  @Test("an adapter that exits 0 without reading its input is recorded as sent, and cron exits 0")
  func succeedsWithoutReading() throws {
    let s = Self.withReply()
    s.ok("outbox", "adapter", "set", "email", "exec", "/bin/true")
    let cron = s.run("cron", "-v")
    #expect(cron.status == 0, "\(cron)")
    #expect(cron.stdout == "sent ticket 1 outbox 1 → anna@example.com: ticket.reply via exec on email\n")
    #expect(cron.stderr == "")
    #expect(try s.scalar("SELECT state || ' ' || attempts || ' ' || sent_at FROM outbox WHERE id = 1") == "sent 1 2026-11-24T10:00:00Z")
  }

  @Test("a bare command name is found on PATH; a command that is not there is retried, saying why")
  func commandLookup() throws {
    let s = Self.withReply("short")
    // A command must be there when it is set; one removed since is retried, saying why.
    #expect(s.run("outbox", "adapter", "set", "email", "exec", s.dir + "/missing").status == 66)
    FileManager.default.createFile(atPath: s.dir + "/missing", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
    s.ok("outbox", "adapter", "set", "email", "exec", s.dir + "/missing")
    try FileManager.default.removeItem(atPath: s.dir + "/missing")
    #expect(
      s.run("cron", "-v").stdout == "retry ticket 1 outbox 1 → anna@example.com: cannot run \(s.dir)/missing: No such file or directory\n")
    s.ok("outbox", "adapter", "set", "email", "exec", "true")
    #expect(s.ok("cron", "-v", env: ["DESK_NOW": "2026-11-24T10:01:00Z"]).stdout.hasPrefix("sent ticket 1 outbox 1"))
  }

  @Test("an adapter that reads gets the whole 200 KiB payload")
  func readsBigPayload() throws {
    let s = Self.withReply()
    _ = Self.adapter(s, "reader.sh", "cat > \"$1\"\n", arguments: [s.dir + "/got.json"])
    #expect(s.run("cron").status == 0)
    let got = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s.dir + "/got.json"))) as? [String: Any]
    #expect(got?["body"] as? String == Self.bigBody)
  }

  @Test("the adapter gets no descriptor of desk's but stdin, stdout and stderr")
  func noInheritedDescriptors() throws {
    let s = Self.withReply("short")
    _ = Self.adapter(s, "fds.sh", "exec /bin/ls -1 /proc/self/fd > \"$1\"\n", arguments: [s.dir + "/fds"])
    // desk holds descriptor 7 from its parent; ls opens 3 to list the folder.
    #expect(s.run(["-c", "exec 7</dev/null; exec \"$0\" cron", Sandbox.binary], executable: "/bin/sh").status == 0)
    #expect(try String(contentsOfFile: s.dir + "/fds", encoding: .utf8) == "0\n1\n2\n3\n")
  }

  @Test("an adapter that fails early is queued for a retry in 60 s, its status and first stderr lines kept")
  func failsEarly() throws {
    let s = Self.withReply()
    let fail = Self.adapter(
      s, "fail.sh", "printf 'no route to chat\\n\\033[31mtoken\\texpired\\033[0m\\n\\nthird\\nfourth\\n' >&2\nexit 3\n")
    let cron = s.run("cron", "-v")
    let error = "\(fail) exited with status 3: no route to chat / [31mtoken expired[0m / third"
    #expect(cron.status == 69, "\(cron)")
    #expect(cron.stdout == "retry ticket 1 outbox 1 → anna@example.com: \(error)\n")
    #expect(cron.stderr == "desk: error: 1 delivery failed (hint: desk outbox list --state queued,failed)\n")
    #expect(try s.scalar(Self.outbox) == "queued 1 2026-11-24T10:01:00Z \(error)")
    // The documented backoff: the second failure waits 2 minutes.
    #expect(s.run("cron", env: ["DESK_NOW": "2026-11-24T10:01:00Z"]).status == 69)
    #expect(try s.scalar(Self.outbox) == "queued 2 2026-11-24T10:03:00Z \(error)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir + "/tmp") == [])
  }

  @Test("an adapter's stderr is kept to 500 bytes, and one killed by a signal says which")
  func boundedAndSignalled() throws {
    let s = Self.withReply("short")
    let loud = Self.adapter(s, "loud.sh", "head -c 100000 /dev/zero | tr '\\0' x >&2\nkill -9 $$\n")
    let cron = s.run("cron", "-v")
    let error = "\(loud) was killed by signal 9: " + String(repeating: "x", count: 500)
    #expect(cron.stdout == "retry ticket 1 outbox 1 → anna@example.com: \(error)\n", "\(cron)")
    #expect(try s.scalar(Self.outbox) == "queued 1 2026-11-24T10:01:00Z \(error)")
  }

  @Test("a stuck adapter fed 200 KiB is stopped at its timeout and the message queued for a retry")
  func stuckWithBigPayload() throws {
    let s = Self.withReply()
    let stuck = Self.adapter(s, "stuck.sh", "exec sleep 20\n", options: ["--timeout", "1s"])
    let cron = s.run("cron", "-v")
    #expect(cron.status == 69, "\(cron)")
    #expect(cron.stdout == "retry ticket 1 outbox 1 → anna@example.com: \(stuck) did not finish within 1s (stopped)\n")
    #expect(try s.scalar(Self.outbox) == "queued 1 2026-11-24T10:01:00Z \(stuck) did not finish within 1s (stopped)")
  }

  @Test("at the timeout the adapter's whole process group ends, even what ignores TERM")
  func wholeGroupEnds() throws {
    let s = Self.withReply("short")
    let pidFile = s.dir + "/pids"
    let stubborn = Self.adapter(
      s, "stubborn.sh", "trap '' TERM\necho $$ > \(pidFile)\nsleep 300 &\necho $! >> \(pidFile)\nwait\n", options: ["--timeout", "1s"])
    defer { for pid in Self.pids(pidFile) { kill(pid, SIGKILL) } }
    let cron = s.run("cron", "-v")
    #expect(cron.stdout == "retry ticket 1 outbox 1 → anna@example.com: \(stubborn) did not finish within 1s (stopped)\n", "\(cron)")
    let pids = Self.pids(pidFile)
    #expect(pids.count == 2)
    #expect(pids.filter(Self.alive) == [])
  }

  @Test("desk killed while an adapter runs leaves no file in the temporary directory")
  func nothingLeftInTMPDIR() throws {
    let s = Self.withReply("short")
    let pidFile = s.dir + "/pids"
    _ = Self.adapter(s, "slow.sh", "echo $$ > \(pidFile)\necho working >&2\nexec sleep 20\n", options: ["--timeout", "30s"])
    defer { for pid in Self.pids(pidFile) { kill(pid, SIGKILL) } }
    // desk cron in the background, killed once the adapter has started (or after 20 s).
    let killed = s.run(
      [
        "-c",
        "\"$0\" cron & desk=$!; i=0; while [ ! -s \"$1\" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; kill -9 $desk; wait $desk",
        Sandbox.binary, pidFile,
      ], executable: "/bin/sh")
    #expect(killed.status == 137, "\(killed)")
    #expect(Self.pids(pidFile).count == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir + "/tmp") == [])
  }

  @Test("desk writing into a pipe that closed early still ends quietly")
  func closedStdoutStaysQuiet() throws {
    let s = Self.withReply()
    let r = s.run(["-c", "\"$0\" outbox show 1 | head -1", Sandbox.binary], executable: "/bin/sh")
    #expect(r.stdout == "outbox 1  queued  ticket.reply\n")
    #expect(r.stderr == "")
  }
}
