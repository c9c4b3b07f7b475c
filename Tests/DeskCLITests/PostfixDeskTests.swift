import Foundation
import GRDB
import Testing

/// Issue 17 end to end: a real postfix pipes mail into the real `desk mail ingest` (its /etc/aliases
/// set-up as README's Email section gives it), desk's sendmail adapter hands the acknowledgement back
/// to postfix, which delivers it to the customer's Maildir; the customer's answer threads, a DSN marks
/// the outbox message bounced, and a locked database makes postfix defer and deliver once later.
/// Skipped, saying why, where postfix cannot run; on CI (CI=true) it must run.
@Suite("PostfixDeskTests: postfix delivers to the real desk mail ingest and carries desk's mail out", .serialized, .enabled(if: Postfix.runs))
struct PostfixDeskTests {
  /// The desk's own address, with a display name that must be encoded.
  static let from = "Служба поддержки <help@desk.test>"

  /// A desk set up as README's Email section says — the database given to the desk user, who adds the
  /// agent `mail` mail is taken in as (the first agent, so also the admin who configures it here) — with
  /// mail.* as given, the default sendmail adapter, and a postfix whose alias runs
  /// `desk mail ingest --as mail --db …` as that user.
  static func desk(_ config: [(String, String)] = []) throws -> (Sandbox, Postfix) {
    let desk = Sandbox(agent: "mail")
    // postfix's desk runs on the clock, so this one does too (else cron would find the acknowledgement not yet due).
    desk.env["DESK_NOW"] = nil
    let postfix = try Postfix(command: "\(Sandbox.binary) mail ingest --as mail --db \(desk.db)")
    try postfix.handOver(desk.dir)
    let steps = [["agent", "add", "mail"], ["config", "set", "mail.from", from]] + config.map { ["config", "set", $0.0, $0.1] }
      + [["outbox", "adapter", "set", "email", "sendmail"]]
    for step in steps {
      let r = postfix.desk(desk, step)
      #expect(r.status == 0, "desk \(step.joined(separator: " ")): \(r)")
    }
    try postfix.addMailbox("anna")
    return (desk, postfix)
  }

  /// How many rows `table` has; nil while the database cannot be read (postfix's desk is writing).
  static func count(_ desk: Sandbox, _ table: String) -> Int? {
    (try? desk.scalar("SELECT count(*) FROM \(table)")).flatMap { $0.flatMap { Int($0) } }
  }

  /// Sends `message` through postfix and waits until desk took one more mail and postfix's queue is empty.
  static func deliver(_ message: Data, from sender: String, to recipient: String, _ desk: Sandbox, _ postfix: Postfix) throws {
    let before = try #require(count(desk, "mail_in"))
    try postfix.send(message, from: sender, to: [recipient])
    try postfix.waitUntil("desk to take the mail to \(recipient)") { count(desk, "mail_in") == before + 1 }
    try postfix.waitUntil("an empty queue") { try postfix.queue().isEmpty }
  }

  /// `desk cron -v` with /usr/sbin/sendmail finding this postfix through MAIL_CONFIG, which the adapter
  /// inherits. As root: for any other user sendmail hands the mail to the setgid postdrop, which takes
  /// MAIL_CONFIG only when the machine's /etc/postfix/main.cf lists it (alternate_config_directories),
  /// and this private postfix never touches the machine's.
  static func cron(_ desk: Sandbox, _ postfix: Postfix, env: [String: String] = [:]) -> Run {
    desk.run(["cron", "-v"], env: ["MAIL_CONFIG": postfix.configDirectory, "PATH": "/usr/sbin:/usr/bin:/bin"].merging(env) { $1 })
  }

  /// The header lines of a delivered mail (folded lines as they are), and its body.
  static func split(_ delivered: Data) -> (headers: [String], body: String) {
    let text = String(decoding: delivered, as: UTF8.self)
    let parts = text.components(separatedBy: "\n\n")
    return (parts[0].components(separatedBy: "\n"), parts.dropFirst().joined(separator: "\n\n"))
  }

  @Test("a customer's mail through the alias becomes ticket 1, and its acknowledgement reaches the customer's Maildir with every header")
  func mailInAndAcknowledgementOut() throws {
    let (desk, postfix) = try Self.desk([
      ("mail.reply-to", "Help <reply@desk.test>"), ("mail.envelope-from", "\(Postfix.bounceLocal)@\(Postfix.aliasDomain)"),
      ("mail.verp", "true"),
    ])
    try Self.deliver(PostfixTests.message, from: "anna@customers.test", to: "help@desk.test", desk, postfix)
    #expect(postfix.log.contains("status=sent (delivered to command: \(Sandbox.binary) mail ingest"), "\(postfix.log)")

    #expect(try desk.scalar("SELECT count(*) FROM ticket") == "1")
    #expect(try desk.scalar("SELECT subject FROM ticket WHERE id = 1") == "Экспорт не работает")
    #expect(try desk.scalar("SELECT channel FROM ticket WHERE id = 1") == "email")
    #expect(try desk.scalar("SELECT c.name || ' <' || c.email || '>' FROM customer c JOIN ticket t ON t.customer_id = c.id") == "Anna <anna@customers.test>")
    #expect(
      try desk.scalar("SELECT body || '|' || quoted FROM message WHERE ticket_id = 1 ORDER BY id LIMIT 1")
        == "Экспорт падает с ошибкой.\nFrom the start of a line, as mbox separators begin\n>From a line quoted already\n.|-- \nAnna")
    #expect(
      try desk.query { try Row.fetchAll($0, sql: "SELECT mail_id, outcome, sender, subject, ticket_id, message_id FROM mail_in") }
        .map(\.description) == [#"[mail_id:"anna-1@customers.test" outcome:"created" sender:"anna@customers.test" subject:"Экспорт не работает" ticket_id:1 message_id:1]"#])
    // The original is what postfix piped, byte for byte: its "From " line and headers, then the mail as sent.
    let original = try #require(try desk.query { try Data.fetchOne($0, sql: "SELECT data FROM attachment WHERE message_id = 1 AND name = 'original.eml'") })
    let piped = String(decoding: original, as: UTF8.self)
    #expect(piped.wholeMatch(of: #/From anna@customers\.test  \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n(?s:.*)/#) != nil)
    PostfixTests.check(
      String(piped.drop { $0 != "\n" }.dropFirst()),
      prefix: ["Return-Path: <anna@customers.test>", "X-Original-To: help@desk.test", "Delivered-To: help@desk.test"])

    let cron = Self.cron(desk, postfix)
    #expect(cron.status == 0, "\(cron)")
    #expect(cron.stdout == "sent ticket 1 outbox 1 → anna@customers.test: autoreply via sendmail on email\n")
    try postfix.waitUntil("the acknowledgement in Anna's Maildir") { postfix.maildir("anna").count == 1 }
    let mailID = try #require(try desk.scalar("SELECT mail_id FROM outbox WHERE id = 1"))
    #expect(mailID.wholeMatch(of: #/desk\.[0-9a-z]{13}\.[0-9a-z]{13}@desk\.test/#) != nil, "\(mailID)")
    var (headers, body) = Self.split(postfix.maildir("anna")[0])
    #expect(headers.count == 21, "\(headers)")
    guard headers.count == 21 else { return }
    #expect(
      Array(headers[0...2]) == [
        // VERP: mail.envelope-from with +<outbox id>, so a bounce names the message it reports.
        "Return-Path: <bounces+1@desk.test>", "X-Original-To: anna@customers.test", "Delivered-To: anna@customers.test",
      ])
    #expect(headers[3] == "Received: by mx.desk.test (Postfix, from userid 0)")
    // The Date is the outbox message's, on the clock: checked by its form.
    let dateLine = try #require(headers.firstIndex { $0.hasPrefix("Date: ") }, "\(headers)")
    #expect(headers[dateLine].wholeMatch(of: #/Date: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000/#) != nil, "\(headers[dateLine])")
    headers.remove(at: dateLine)
    #expect(headers[4].wholeMatch(of: #/\tid [0-9A-F]+; \w{3}, [ \d]\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4} \(\w+\)/#) != nil, "\(headers[4])")
    #expect(
      Array(headers[5...]) == [
        // mail.from's name encoded (RFC 2047), the address on a folded line as GMime writes it.
        "From: =?UTF-8?b?0KHQu9GD0LbQsdCwINC/0L7QtNC00LXRgNC20LrQuA==?=",
        "\t<help@desk.test>",
        "To: Anna <anna@customers.test>",
        "Reply-To: Help <reply@desk.test>",
        // "Re: Экспорт не работает [#1]": the customer's subject, so the acknowledgement threads.
        "Subject: Re: =?UTF-8?B?0K3QutGB0L/QvtGA0YIg0L3QtSDRgNCw0LHQvtGC0LDQtdGC?= [#1]",
        "Message-Id: <\(mailID)>",
        "In-Reply-To: <anna-1@customers.test>",
        "References: <anna-1@customers.test>",
        "Auto-Submitted: auto-replied",
        "Precedence: bulk",
        "X-Auto-Response-Suppress: All",
        "X-Desk-Ticket: 1",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 7bit",
      ])
    #expect(body == "Hello Anna,\n\nthank you for writing to us. Your request has number 1.\n")
    #expect(try desk.scalar("SELECT state FROM outbox WHERE id = 1") == "sent")
  }

  /// A desk with VERP on, Anna's mail taken in as ticket 1 and its acknowledgement (outbox 1) sent
  /// and delivered; the acknowledgement's Message-ID.
  static func acknowledged() throws -> (Sandbox, Postfix, String) {
    let (desk, postfix) = try Self.desk([("mail.envelope-from", "\(Postfix.bounceLocal)@\(Postfix.aliasDomain)"), ("mail.verp", "true")])
    try Self.deliver(PostfixTests.message, from: "anna@customers.test", to: "help@desk.test", desk, postfix)
    let cron = Self.cron(desk, postfix)
    #expect(cron.status == 0, "\(cron)")
    try postfix.waitUntil("the acknowledgement in Anna's Maildir") { postfix.maildir("anna").count == 1 }
    return (desk, postfix, try #require(try desk.scalar("SELECT mail_id FROM outbox WHERE id = 1")))
  }

  @Test("the customer's answer sent with sendmail threads onto the ticket by In-Reply-To, though its subject changed")
  func replyThreads() throws {
    let (desk, postfix, ack) = try Self.acknowledged()
    let answer = Data(
      """
      From: Anna <anna@customers.test>
      To: help@desk.test
      Subject: Still broken after the update
      Date: Mon, 30 Nov 2026 12:00:00 +0300
      Message-ID: <anna-2@customers.test>
      In-Reply-To: <\(ack)>
      MIME-Version: 1.0
      Content-Type: text/plain; charset=utf-8

      It still fails.

      """.utf8)
    let messages = try #require(Self.count(desk, "message"))
    try Self.deliver(answer, from: "anna@customers.test", to: "help@desk.test", desk, postfix)

    #expect(try desk.scalar("SELECT count(*) FROM ticket") == "1")
    #expect(try desk.scalar("SELECT count(*) FROM customer") == "1")
    #expect(Self.count(desk, "message") == messages + 1)
    #expect(
      try desk.query { try Row.fetchAll($0, sql: "SELECT mail_id, outcome, ticket_id FROM mail_in WHERE id = 2") }.map(\.description)
        == [#"[mail_id:"anna-2@customers.test" outcome:"appended" ticket_id:1]"#])
    #expect(
      try desk.query { try Row.fetchAll($0, sql: "SELECT ticket_id, author_kind, body, mail_id FROM message ORDER BY id DESC LIMIT 1") }
        .map(\.description) == [#"[ticket_id:1 author_kind:"customer" body:"It still fails." mail_id:"anna-2@customers.test"]"#])
  }

  @Test("a delivery status notification to the VERP address marks the outbox message bounced; no ticket, no customer")
  func bounceMarksOutbox() throws {
    let (desk, postfix, ack) = try Self.acknowledged()
    let report = Data(
      """
      From: Mail Delivery System <MAILER-DAEMON@customers.test>
      To: bounces+1@desk.test
      Subject: Undelivered Mail Returned to Sender
      Date: Mon, 30 Nov 2026 12:05:00 +0300
      Message-ID: <dsn-1@customers.test>
      Auto-Submitted: auto-replied
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type=delivery-status; boundary="report"

      --report
      Content-Type: text/plain; charset=us-ascii

      Your message could not be delivered to anna@customers.test.

      --report
      Content-Type: message/delivery-status

      Reporting-MTA: dns; mx.customers.test
      Arrival-Date: Mon, 30 Nov 2026 12:04:59 +0300

      Final-Recipient: rfc822; anna@customers.test
      Original-Recipient: rfc822; anna@customers.test
      Action: failed
      Status: 5.2.2
      Diagnostic-Code: smtp; 552 5.2.2 <anna@customers.test>: mailbox full

      --report
      Content-Type: text/rfc822-headers

      From: help@desk.test
      To: Anna <anna@customers.test>
      Subject: Re: Export [#1]
      Message-Id: <\(ack)>

      --report--

      """.utf8)
    let before = try desk.query { try Row.fetchAll($0, sql: "SELECT id, state FROM outbox ORDER BY id") }.map(\.description)
    #expect(before == ["[id:1 state:\"sent\"]"])
    // A bounce comes from the null sender.
    try Self.deliver(report, from: "", to: "bounces+1@desk.test", desk, postfix)

    #expect(
      try desk.query { try Row.fetchAll($0, sql: "SELECT state, last_error FROM outbox WHERE id = 1") }.map(\.description)
        == [#"[state:"bounced" last_error:"smtp; 552 5.2.2 <anna@customers.test>: mailbox full"]"#])
    let recorded = try desk.query {
      try Row.fetchAll($0, sql: "SELECT mail_id, outcome, sender, ticket_id, message_id, outbox_id, detail FROM mail_in WHERE id = 2")
    }.map(\.description)
    #expect(
      recorded == [#"[mail_id:"dsn-1@customers.test" outcome:"bounce" sender:"MAILER-DAEMON@customers.test" ticket_id:1 message_id:NULL outbox_id:1 detail:"smtp; 552 5.2.2 <anna@customers.test>: mailbox full"]"#])
    #expect(try desk.scalar("SELECT count(*) FROM ticket") == "1")
    #expect(try desk.scalar("SELECT count(*) FROM customer") == "1")
    let told = try desk.query { try Row.fetchAll($0, sql: "SELECT id, event, audience, ticket_id, subject FROM outbox WHERE id > 1") }.map(\.description)
    // The team is told (the ticket has no assignee); the notification is desk's own, not a ticket message.
    #expect(told == [#"[id:2 event:"outbox.bounced" audience:"team" ticket_id:1 subject:"Mail to anna@customers.test bounced [#1]"]"#])
  }

  @Test("mail postfix cannot deliver comes back as postfix's own DSN to the VERP address, and marks the outbox message bounced")
  func postfixBounce() throws {
    let (desk, postfix) = try Self.desk([("mail.envelope-from", "\(Postfix.bounceLocal)@\(Postfix.aliasDomain)"), ("mail.verp", "true")])
    // ghost@customers.test has no Maildir: postfix's virtual(8) refuses the acknowledgement and its
    // bounce(8) reports it to the envelope sender, bounces+1@desk.test, which the alias pipes to desk.
    let ghost = Data(String(decoding: PostfixTests.message, as: UTF8.self).replacingOccurrences(of: "anna@", with: "ghost@").utf8)
    try Self.deliver(ghost, from: "ghost@customers.test", to: "help@desk.test", desk, postfix)
    let cron = Self.cron(desk, postfix)
    #expect(cron.stdout == "sent ticket 1 outbox 1 → ghost@customers.test: autoreply via sendmail on email\n", "\(cron)")
    try postfix.waitUntil("desk to take postfix's bounce") { Self.count(desk, "mail_in") == 2 }
    try postfix.waitUntil("an empty queue") { try postfix.queue().isEmpty }

    let recorded = try desk.query {
      try Row.fetchAll($0, sql: "SELECT outcome, sender, ticket_id, message_id, outbox_id, detail FROM mail_in WHERE id = 2")
    }.map(\.description)
    #expect(
      recorded == [
        #"[outcome:"bounce" sender:"MAILER-DAEMON@desk.test" ticket_id:1 message_id:NULL outbox_id:1 detail:"X-Postfix; unknown user: \"ghost@customers.test\""]"#
      ])
    let outbox = try desk.query { try Row.fetchAll($0, sql: "SELECT state, last_error FROM outbox WHERE id = 1") }.map(\.description)
    #expect(outbox == [#"[state:"bounced" last_error:"X-Postfix; unknown user: \"ghost@customers.test\""]"#])
    let log = postfix.log.split(separator: "\n")
    #expect(log.filter { $0.contains("to=<ghost@customers.test>") && $0.contains("status=bounced (unknown user") }.count == 1, "\(postfix.log)")
    #expect(
      log.filter { $0.contains("to=<bounces+1@desk.test>") && $0.contains("status=sent (delivered to command: \(Sandbox.binary) mail ingest") }
        .count == 1, "\(postfix.log)")
    #expect(try desk.scalar("SELECT count(*) FROM ticket") == "1")
    #expect(try desk.scalar("SELECT count(*) FROM customer") == "1")
  }

  @Test("a locked database makes desk exit 75: postfix defers the mail, and delivers it once after the lock is gone")
  func lockedDatabaseDefers() throws {
    let (desk, postfix) = try Self.desk()
    let lock = try DatabaseQueue(path: desk.db)
    try lock.inDatabase { db in
      try db.execute(sql: "BEGIN EXCLUSIVE")
      try postfix.send(PostfixTests.message, from: "anna@customers.test", to: ["help@desk.test"])
      try postfix.waitUntil("the delivery to be deferred") { try postfix.queue().first?.queue == "deferred" }
      let queued = try postfix.queue()
      #expect(
        queued == [
          Postfix.Queued(queue: "deferred", sender: "anna@customers.test", recipients: ["help@desk.test"], reasons: [
            "temporary failure. Command output: desk: error: the database \(desk.db) is busy (hint: another desk is writing; try again)"
          ])
        ], "\(queued)")
      try db.execute(sql: "ROLLBACK")
    }
    try lock.close()
    #expect(Self.count(desk, "mail_in") == 0)
    #expect(Self.count(desk, "ticket") == 0)

    try postfix.flush()
    try postfix.waitUntil("the mail taken in") { Self.count(desk, "mail_in") == 1 }
    try postfix.waitUntil("an empty queue") { try postfix.queue().isEmpty }
    #expect(Self.count(desk, "ticket") == 1)
    #expect(Self.count(desk, "mail_in") == 1)
    #expect(try desk.scalar("SELECT outcome FROM mail_in") == "created")
    let log = postfix.log.split(separator: "\n")
    #expect(log.filter { $0.contains("to=<help@desk.test>") && $0.contains("status=deferred") }.count == 1, "\(postfix.log)")
    #expect(log.filter { $0.contains("to=<help@desk.test>") && $0.contains("status=sent") }.count == 1, "\(postfix.log)")
  }

  @Test("a message sendmail could not take is sent again later with the Message-ID it was given first")
  func retryKeepsMessageID() throws {
    let (desk, postfix) = try Self.desk()
    try Self.deliver(PostfixTests.message, from: "anna@customers.test", to: "help@desk.test", desk, postfix)
    // sendmail finds no postfix configuration: it fails (75), and the message waits for its next attempt.
    let failed = Self.cron(desk, postfix, env: ["MAIL_CONFIG": desk.dir + "/no-postfix"])
    #expect(failed.status == 69, "\(failed)")
    #expect(failed.stdout.hasPrefix("retry ticket 1 outbox 1 → anna@customers.test: /usr/sbin/sendmail exited with status 75: "), "\(failed)")
    // The Message-ID is given at the first attempt, and kept.
    let mailID = try #require(try desk.scalar("SELECT mail_id FROM outbox WHERE id = 1"))
    #expect(try desk.query { try Row.fetchAll($0, sql: "SELECT state, attempts FROM outbox WHERE id = 1") }.map(\.description) == [#"[state:"queued" attempts:1]"#])
    #expect(postfix.maildir("anna").isEmpty)
    // The next attempt is due after the back-off: desk cron a few minutes on.
    let later = Self.cron(desk, postfix, env: ["DESK_NOW": ISO8601DateFormatter().string(from: Date().addingTimeInterval(600))])
    #expect(later.stdout == "sent ticket 1 outbox 1 → anna@customers.test: autoreply via sendmail on email\n", "\(later)")
    try postfix.waitUntil("the acknowledgement in Anna's Maildir") { postfix.maildir("anna").count == 1 }
    let (headers, _) = Self.split(postfix.maildir("anna")[0])
    #expect(headers.filter { $0.hasPrefix("Message-Id: ") } == ["Message-Id: <\(mailID)>"])
    #expect(try desk.query { try Row.fetchAll($0, sql: "SELECT state, attempts, mail_id FROM outbox WHERE id = 1") }.map(\.description) == [#"[state:"sent" attempts:2 mail_id:"\#(mailID)"]"#])
  }
}
