import Foundation
import Testing

@Suite("the outbox and its delivery by desk cron: webhook, exec, sendmail")
struct DeliveryTests {
  /// A desk whose agents reply to Anna by email; `n` replies queued.
  static func withReplies(_ n: Int) -> Sandbox {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Export", "--customer", "1", "--channel", "email")
    for i in 1...n { s.ok("ticket", "reply", "1", "-m", "answer \(i)") }
    return s
  }

  @Test("a reply is queued in the same transaction, stays queued without an adapter, and is visible")
  func queuedWithoutAdapter() throws {
    let s = Self.withReplies(1)
    let list = s.ok("outbox", "list", "--format", "tsv", "--fields", "id,state,event,audience,channel,recipient,ticket_id,subject,body")
    #expect(
      list.stdout
        == "id\tstate\tevent\taudience\tchannel\trecipient\tticket_id\tsubject\tbody\n1\tqueued\tticket.reply\tcustomer\temail\tanna@example.com\t1\tRe: Export [#1]\tanswer 1\n"
    )
    #expect(s.ok("cron").stdout == "")
    #expect(try s.scalar("SELECT state FROM outbox WHERE id = 1") == "queued")
    // A customer with no address on the channel: kept, failed, with the reason.
    s.ok("ticket", "new", "Call me", "--customer", "1", "--channel", "phone")
    s.ok("ticket", "reply", "2", "-m", "calling")
    #expect(
      try s.scalar("SELECT state || ': ' || last_error FROM outbox WHERE ticket_id = 2")
        == "failed: customer 1 has no address for the phone channel")
  }

  @Test("the webhook adapter POSTs JSON to a real server, once; failures are retried with backoff")
  func webhook() throws {
    let receiver = try WebhookReceiver(failFirst: 1)
    defer { receiver.stop() }
    let s = Self.withReplies(2)
    s.ok("outbox", "adapter", "set", "email", "webhook", "--timeout", "5s", "--attempts", "3", receiver.url)
    let first = s.run("cron", "-v")
    #expect(first.status == 69)
    #expect(
      first.stdout == """
        retry ticket 1 outbox 1 → anna@example.com: webhook \(receiver.url) answered HTTP 500
        sent ticket 1 outbox 2 → anna@example.com: ticket.reply via webhook on email

        """)
    #expect(try s.scalar("SELECT next_attempt_at FROM outbox WHERE id = 1") == "2026-11-24T10:01:00Z")
    #expect(s.ok("cron").stdout == "")  // not due yet
    #expect(
      s.ok("cron", "-v", env: ["DESK_NOW": "2026-11-24T10:01:00Z"]).stdout
        == "sent ticket 1 outbox 1 → anna@example.com: ticket.reply via webhook on email\n")
    #expect(s.ok("cron", env: ["DESK_NOW": "2026-11-24T10:05:00Z"]).stdout == "")
    let got = receiver.objects
    #expect(got.compactMap { $0["id"] as? Int } == [2, 1])
    #expect(got.first?["body"] as? String == "answer 2")
    #expect(got.first?["recipient"] as? String == "anna@example.com")
    #expect(got.first?["event"] as? String == "ticket.reply")
    #expect(receiver.headers.first?["x-desk-message-id"] == "2")
    #expect(try s.scalar("SELECT group_concat(state) FROM (SELECT state FROM outbox ORDER BY id)") == "sent,sent")
  }

  @Test("a webhook nobody answers fails after its last attempt and keeps the error")
  func webhookDown() throws {
    let receiver = try WebhookReceiver()
    let url = receiver.url
    receiver.stop()
    let s = Self.withReplies(1)
    s.ok("outbox", "adapter", "set", "email", "webhook", "--attempts", "2", url)
    #expect(s.run("cron").status == 69)
    let last = s.run("cron", "-v", env: ["DESK_NOW": "2026-11-24T10:01:00Z"])
    #expect(last.status == 69)
    #expect(last.stdout.hasPrefix("failed ticket 1 outbox 1 → anna@example.com: webhook \(url): "))
    #expect(try s.scalar("SELECT state FROM outbox WHERE id = 1") == "failed")
    #expect(try s.scalar("SELECT last_error FROM outbox WHERE id = 1")?.hasPrefix("webhook \(url)") == true)
    #expect(s.ok("outbox", "retry", "1").stdout == "outbox 1: queued again\n")
    #expect(try s.scalar("SELECT state || ' ' || attempts FROM outbox WHERE id = 1") == "queued 0")
    #expect(s.ok("outbox", "drop", "1").stdout == "outbox 1: dropped\n")
  }

  @Test("the exec adapter runs a real script without a shell, the message as JSON on stdin")
  func exec() throws {
    let s = Self.withReplies(2)
    let script = s.dir + "/deliver.sh"
    _ = FileManager.default.createFile(
      atPath: script, contents: Data("#!/bin/sh\ncat >> \"$1\"\necho >> \"$1\"\n".utf8),
      attributes: [.posixPermissions: 0o755])
    s.ok("outbox", "adapter", "set", "*", "exec", script, s.dir + "/got.jsonl")
    s.ok("ticket", "reply", "1", "-m", "$(touch \(s.dir)/pwned); `id`")
    #expect(s.ok("cron", "-v").stdout.split(separator: "\n").count == 3)
    #expect(s.ok("cron").stdout == "")
    let lines = try String(contentsOfFile: s.dir + "/got.jsonl", encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 3)
    let third = try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any]
    #expect(third?["body"] as? String == "$(touch \(s.dir)/pwned); `id`")
    #expect(!FileManager.default.fileExists(atPath: s.dir + "/pwned"))
  }

  @Test("sendmail gets an RFC 5322 message with the recipient in the headers")
  func sendmail() throws {
    let s = Self.withReplies(1)
    let fake = s.dir + "/sendmail"
    _ = FileManager.default.createFile(
      atPath: fake, contents: Data("#!/bin/sh\necho \"$@\" > \"$0.args\"\ncat > \"$0.msg\"\n".utf8),
      attributes: [.posixPermissions: 0o755])
    s.ok("config", "set", "mail.from", "support@example.com")
    s.ok("outbox", "adapter", "set", "email", "sendmail", "--", fake, "-i", "-t")
    s.ok("cron")
    #expect(try String(contentsOfFile: fake + ".args", encoding: .utf8) == "-i -t\n")
    let message = try String(contentsOfFile: fake + ".msg", encoding: .utf8)
    let id = try #require(try s.scalar("SELECT mail_id FROM outbox WHERE id = 1"))
    #expect(
      message == """
        From: support@example.com
        To: Anna Petrova <anna@example.com>
        Subject: Re: Export [#1]
        Date: Tue, 24 Nov 2026 10:00:00 +0000
        Message-Id: <\(id)>
        X-Desk-Ticket: 1
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 7bit

        answer 1

        """)
  }

  @Test("two desk cron runs at once deliver every message exactly once")
  func concurrentCron() throws {
    let receiver = try WebhookReceiver()
    defer { receiver.stop() }
    let s = Self.withReplies(30)
    s.ok("outbox", "adapter", "set", "email", "webhook", receiver.url)
    let lock = NSLock()
    var statuses: [Int32] = []
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
      let status = s.run(["cron"]).status
      lock.lock()
      statuses.append(status)
      lock.unlock()
    }
    #expect(statuses == [0, 0])
    s.ok("cron")
    let ids = receiver.objects.compactMap { $0["id"] as? Int }
    #expect(ids.sorted() == Array(1...30))
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE state = 'sent'") == "30")
  }

  @Test("desk cron killed mid-delivery: nothing is sent twice, the rest goes out on the next run")
  func killedMidRun() throws {
    let s = Self.withReplies(1)
    s.ok("ticket", "reply", "1", "-m", "slow one")
    s.ok("ticket", "reply", "1", "-m", "answer 3")
    let out = s.dir + "/got.jsonl"
    let script = s.dir + "/deliver.sh"
    _ = FileManager.default.createFile(
      atPath: script,
      contents: Data("#!/bin/sh\npayload=$(cat)\necho \"$payload\" >> \"$1\"\ncase \"$payload\" in *slow*) sleep 5;; esac\n".utf8),
      attributes: [.posixPermissions: 0o755])
    s.ok("outbox", "adapter", "set", "email", "exec", "--timeout", "30s", script, out)
    let process = try s.start(["cron"])
    // Wait until the slow message is being delivered, then kill desk.
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
      if text.contains("slow one") { break }
      usleep(20_000)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let states = try s.scalar("SELECT group_concat(state) FROM (SELECT state FROM outbox ORDER BY id)")
    #expect(states == "sent,sending,queued")
    let next = s.run("cron", "-v")
    #expect(
      next.stdout == """
        interrupted ticket 1 outbox 2 → anna@example.com: interrupted while being delivered; it may have gone out, so it is not sent again by itself (desk outbox retry 2)
        sent ticket 1 outbox 3 → anna@example.com: ticket.reply via exec on email

        """)
    sleep(1)
    let bodies = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
      .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.compactMap { $0["body"] as? String }
    #expect(bodies == ["answer 1", "slow one", "answer 3"])
    let final = try s.scalar("SELECT group_concat(state) FROM (SELECT state FROM outbox ORDER BY id)")
    #expect(final == "sent,failed,sent")
    #expect(s.ok("db", "check").status == 0)
  }
}
