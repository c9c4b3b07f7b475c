import Foundation
import Testing

/// The reliability suite. `make test` runs the short form (3 s of load, two kills of each kind);
/// `make stress` sets DESK_STRESS_SECONDS=30 and DESK_STRESS_KILLS=10.
@Suite(.serialized) struct StressTests {
  static let env = ProcessInfo.processInfo.environment
  static let seconds = Double(env["DESK_STRESS_SECONDS"] ?? "") ?? 3
  static let kills = Int(env["DESK_STRESS_KILLS"] ?? "") ?? 2

  /// What one writer was told succeeded.
  struct Acknowledged {
    var tickets: [Int64] = []
    var replies = 0
    var tags = 0
    var broadcastMessages = 0
    var failures: [String] = []
  }

  @Test("8 processes creating, replying, tagging, running cron and broadcasts at once lose nothing and never report a locked database")
  func eightWriters() throws {
    let s = Sandbox.team()
    s.ok("template", "add", "fixed", "-m", "Fixed, {{customer.name}}.")
    let deadline = Date().addingTimeInterval(Self.seconds)
    let lock = NSLock()
    var all: [Acknowledged] = []
    DispatchQueue.concurrentPerform(iterations: 8) { worker in
      var ack = Acknowledged()
      var step = 0
      func run(_ args: [String], mayFind nothing: Bool = false) -> Run? {
        let r = s.run(args)
        if nothing, r.status == 66, r.stderr.contains("no ticket with the tag") { return nil }
        if r.status != 0 || r.stderr.contains("locked") || r.stderr.contains("busy") {
          ack.failures.append("\(args.joined(separator: " ")): \(r.status) \(r.stderr)")
          return nil
        }
        return r
      }
      // At least two rounds of every kind of step however loaded the machine is; then until the deadline.
      while step < 12 || Date() < deadline {
        step += 1
        switch step % 6 {
        case 0, 1:
          if let r = run(["ticket", "new", "Stress \(worker)-\(step)", "--customer", "1", "--tag", "stress-\(worker)", "--format", "ids"]),
            let id = Int64(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
          {
            ack.tickets.append(id)
          }
        case 2:
          if let id = ack.tickets.last, run(["ticket", "reply", String(id), "-m", "Reply \(worker)-\(step)"]) != nil { ack.replies += 1 }
        case 3:
          if let id = ack.tickets.last, run(["tag", "add", String(id), "extra-\(worker)-\(step)"]) != nil { ack.tags += 1 }
        case 4:
          _ = run(["cron"])
        default:
          // Replies to every open ticket still tagged stress-N, and removes the tag.
          if let r = run(["broadcast", "send", "--tag", "stress-\(worker)", "--template", "fixed", "--yes", "--json"], mayFind: true),
            let o = (try? JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]), let n = o["tickets"] as? Int
          {
            ack.broadcastMessages += n
          }
        }
      }
      lock.lock()
      all.append(ack)
      lock.unlock()
    }
    let failures = all.flatMap(\.failures)
    #expect(failures.isEmpty, "\(failures.prefix(5))")
    let tickets = all.flatMap(\.tickets)
    #expect(tickets.count >= 8 * 4, "every writer creates at least four tickets")
    #expect(Set(tickets).count == tickets.count)
    // Every acknowledged write is there, and nothing else is.
    #expect(try s.scalar("SELECT count(*) FROM ticket") == String(tickets.count))
    #expect(try s.scalar("SELECT count(*) FROM message WHERE author_kind = 'agent'") == String(all.map { $0.replies + $0.broadcastMessages }.reduce(0, +)))
    #expect(try s.scalar("SELECT count(*) FROM ticket_tag WHERE tag LIKE 'extra-%'") == String(all.map(\.tags).reduce(0, +)))
    #expect(s.ok("db", "check").stdout.hasPrefix("ok: "))
  }

  /// Starts desk, kills it with SIGKILL after `delay` seconds (if it is still running), and
  /// says whether it was killed.
  static func killed(_ s: Sandbox, _ args: [String], after delay: Double) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Sandbox.binary)
    process.arguments = args
    process.environment = s.env
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: delay)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return process.terminationReason == .uncaughtSignal
  }

  @Test("imports killed with SIGKILL at random moments, run again, end with every record once")
  func killedImports() throws {
    for _ in 0..<Self.kills {
      let s = ImportTests.desk()
      let file = s.dir + "/in.jsonl"
      try ImportTests.lines(tickets: 400).write(toFile: file, atomically: true, encoding: .utf8)
      _ = try Self.killed(s, ["db", "import", file, "--batch", "25"], after: Double.random(in: 0.02...0.4))
      #expect(s.ok("db", "check").stdout.hasPrefix("ok: "))
      s.ok("db", "import", file, "--batch", "25")
      #expect(try s.scalar("SELECT count(*) || ' ' || count(DISTINCT id) FROM ticket") == "400 400")
      #expect(try s.scalar("SELECT count(*) FROM message") == "800")
    }
  }

  @Test("broadcasts killed with SIGKILL at random moments, run again, send to every customer once")
  func killedBroadcasts() throws {
    for _ in 0..<Self.kills {
      let s = Sandbox.team()
      s.ok("template", "add", "fixed", "-m", "Fixed, {{customer.name}}.")
      var lines = ""
      for c in 1...60 {
        lines += #"{"record":"customer","id":\#(c + 10),"name":"C\#(c)","email":"c\#(c)@example.com"}"# + "\n"
        lines += #"{"record":"ticket","id":\#(c + 10),"subject":"Down","customer":\#(c + 10),"tags":["outage"]}"# + "\n"
      }
      s.ok("db", "import", "-", stdin: lines)
      _ = try Self.killed(s, ["broadcast", "send", "--tag", "outage", "--template", "fixed", "--yes"], after: Double.random(in: 0.02...0.3))
      #expect(s.ok("db", "check").stdout.hasPrefix("ok: "))
      // On a fast machine the first run can finish all 60 before the kill: then nothing is left
      // to send, and the second run says so (66) rather than send again.
      if try s.scalar("SELECT count(*) FROM ticket_tag WHERE tag = 'outage'") == "0" {
        let again = s.run("broadcast", "send", "--tag", "outage", "--template", "fixed", "--yes")
        #expect(again.status == 66)
        #expect(again.stderr.contains("no ticket with the tag outage"))
      } else {
        s.ok("broadcast", "send", "--tag", "outage", "--template", "fixed", "--yes")
      }
      #expect(try s.scalar("SELECT count(*) || ' ' || count(DISTINCT customer_id) FROM outbox WHERE event = 'broadcast'") == "60 60")
      #expect(try s.scalar("SELECT count(*) FROM ticket_tag WHERE tag = 'outage'") == "0")
    }
  }
}
