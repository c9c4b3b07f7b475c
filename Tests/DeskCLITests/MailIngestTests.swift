import Foundation
import GRDB
import Testing

/// The corpus of mail written for these tests (Tests/DeskCLITests/MailCorpus) and MimeKit's real-world
/// messages (MailCorpus/mimekit, MIT licence, see its README).
enum MailCorpus {
  static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MailCorpus").path
  static func data(_ name: String) throws -> Data {
    try #require(FileManager.default.contents(atPath: dir + "/" + name), "no corpus file \(name)")
  }
}

extension Sandbox {
  /// `desk mail ingest --json` with `mail` on stdin.
  @discardableResult
  func mail(_ mail: Data, _ extra: [String] = [], env: [String: String] = [:]) -> Run {
    run(["mail", "ingest", "--json"] + extra, stdin: mail, env: env)
  }

  /// Writes to the database directly, as another program (the mail-out side) would.
  func write(_ sql: String) throws {
    let queue = try DatabaseQueue(path: db)
    defer { try? queue.close() }
    try queue.write { try $0.execute(sql: sql) }
  }
}

@Suite("mail ingest: raw mail from the mail server")
struct MailIngestTests {
  /// What one corpus mail must become.
  struct Expected {
    var file: String
    var outcome = "created"
    var subject: String?
    var body: String?
    var customerName: String?
    var email: String?
    /// Attachment names in order; original.eml is always the last.
    var files: [String] = []
  }

  static let corpus: [Expected] = [
    Expected(
      file: "ru-koi8r-qp.eml", subject: "Не печатает принтер", body: "Здравствуйте!\nПринтер не печатает с утра.\nСпасибо, Иван",
      customerName: "Иван Петров", email: "ivan@example.ru"),
    Expected(
      file: "uk-utf8-base64.eml", subject: "Вхід в кабінет", body: "Добрий день!\nНе можу увійти в кабінет.",
      customerName: "Оксана", email: "oksana@example.ua"),
    Expected(
      file: "pt-latin1-8bit.eml", subject: "Exportação não funciona", body: "Olá, a exportação não funciona desde ontem.\nObrigado, João",
      customerName: "João Silva", email: "joao@example.com.br"),
    Expected(
      file: "en-alternative-attachment.eml", subject: "Invoice is wrong", body: "The invoice for November lists 12 seats; we have 10.",
      // Anna of Sandbox.team(), recognised by her address (the name in From is not hers in desk).
      customerName: "Anna Petrova", email: "anna@example.com", files: ["счет №1.pdf"]),
    Expected(
      file: "html-only.eml", subject: "Cannot log in",
      body: "Hello,\n\nthe page login (https://app.example.org/login) says \"error 500\" & nothing else.\n\n- Chrome\n- Firefox\n\nBob",
      customerName: "Bob Stone", email: "bob@example.org"),
    Expected(
      file: "related-inline-image.eml", subject: "Screenshot of the error", body: "See the screenshot:\n\n[screenshot]",
      customerName: "carla@example.com", email: "carla@example.com", files: ["shot1@example.com.png"]),
    Expected(
      file: "forwarded.eml", subject: "Fwd: Your order", body: "See the mail below.", customerName: "dave@example.com",
      email: "dave@example.com", files: ["Your order.eml"]),
    Expected(
      file: "cp1251-undeclared.eml", subject: "Ошибка оплаты", body: "Оплата картой не проходит, пишет «отказ».",
      customerName: "elena@example.ru", email: "elena@example.ru"),
    Expected(
      file: "mislabelled-charset.eml", subject: "Status", body: "Счёт не пришёл.", customerName: "fedor@example.ru",
      email: "fedor@example.ru"),
    Expected(file: "bad-base64.eml", subject: "Bad base64", body: "Hello, world", customerName: "gil@example.com", email: "gil@example.com"),
    Expected(
      file: "missing-boundary.eml", subject: "No boundary", body: "Just some text where the parts should be.",
      customerName: "hana@example.com", email: "hana@example.com"),
    Expected(
      file: "pt-outlook-crlf.eml", subject: "Fatura duplicada", body: "Recebi a fatura duas vezes.\nAtenciosamente, Márcia",
      customerName: "Márcia Lima", email: "marcia@example.pt"),
    Expected(file: "list-mail.eml", outcome: "automatic"),
    Expected(file: "ru-ooo-subject.eml", outcome: "automatic"),
  ]

  @Test("every mail of the corpus becomes the ticket, text, sender and files expected", arguments: corpus)
  func corpusMail(_ e: Expected) throws {
    let s = Sandbox.team()
    let raw = try MailCorpus.data(e.file)
    let before = try s.query { try Int.fetchOne($0, sql: "SELECT count(*) FROM ticket") }
    let r = s.mail(raw)
    #expect(r.status == 0, "\(e.file): \(r)")
    let out = try r.object()
    #expect(out["outcome"] as? String == e.outcome, "\(e.file): \(r)")
    let ticket = out["ticket"] as? Int
    guard e.outcome == "created" else {
      // Automatic mail that answers no ticket is only recorded: no ticket, no customer.
      #expect(ticket == nil)
      #expect(try s.query { try Int.fetchOne($0, sql: "SELECT count(*) FROM ticket") } == before)
      #expect(try s.scalar("SELECT count(*) FROM customer") == "1")
      #expect(try s.scalar("SELECT outcome FROM mail_in") == e.outcome)
      return
    }
    let t = try #require(ticket, "\(e.file): \(r)")
    let message = try #require(out["message"] as? Int)
    #expect(try s.scalar("SELECT subject FROM ticket WHERE id = \(t)") == e.subject, "\(e.file)")
    #expect(try s.scalar("SELECT channel FROM ticket WHERE id = \(t)") == "email")
    #expect(try s.scalar("SELECT body FROM message WHERE id = \(message)") == e.body, "\(e.file)")
    #expect(try s.scalar("SELECT mail_id FROM message WHERE id = \(message)") == out["mail_id"] as? String)
    #expect(try s.scalar("SELECT c.name FROM customer c JOIN ticket t ON t.customer_id = c.id WHERE t.id = \(t)") == e.customerName, "\(e.file)")
    #expect(try s.scalar("SELECT c.email FROM customer c JOIN ticket t ON t.customer_id = c.id WHERE t.id = \(t)") == e.email)
    let names = try s.query { try String.fetchAll($0, sql: "SELECT name FROM attachment WHERE message_id = \(message) ORDER BY id") }
    #expect(names == e.files + ["original.eml"], "\(e.file)")
    // The original mail is kept byte for byte.
    let original = try s.query { try Data.fetchOne($0, sql: "SELECT data FROM attachment WHERE message_id = \(message) AND name = 'original.eml'") }
    #expect(original == raw)
    // A new ticket from a person is acknowledged through the outbox.
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE ticket_id = \(t) AND audience = 'customer'") == "1")
  }

  @Test("attachments keep their decoded bytes; a forwarded message is an .eml of the embedded mail")
  func attachmentBytes() throws {
    let s = Sandbox.team()
    s.ok("mail", "ingest", stdin: String(decoding: try MailCorpus.data("en-alternative-attachment.eml"), as: UTF8.self))
    let pdf = try s.query { try Data.fetchOne($0, sql: "SELECT data FROM attachment WHERE name = 'счет №1.pdf'") }
    #expect(pdf == Data(base64Encoded: "JVBERi0xLjQKJcOkw7zDtsOfCg=="))
    #expect(try s.scalar("SELECT content_type FROM attachment WHERE name = 'счет №1.pdf'") == "application/pdf")
    s.ok("mail", "ingest", stdin: String(decoding: try MailCorpus.data("forwarded.eml"), as: UTF8.self))
    let eml = try #require(try s.scalar("SELECT CAST(data AS TEXT) FROM attachment WHERE name = 'Your order.eml'"))
    #expect(eml.contains("Subject: Your order"))
    #expect(eml.contains("Your order 7 has shipped."))
    #expect(try s.scalar("SELECT content_type FROM attachment WHERE name = 'Your order.eml'") == "message/rfc822")
  }

  @Test("the same mail delivered again is recognised: duplicate, exit 0, nothing changes")
  func redeliveryIsDuplicate() throws {
    let s = Sandbox.team()
    let raw = try MailCorpus.data("ru-koi8r-qp.eml")
    let first = try s.mail(raw).object()
    #expect(first["outcome"] as? String == "created")
    let before = try s.snapshot()
    let again = s.mail(raw, env: ["DESK_NOW": "2026-11-24T11:00:00Z"])
    #expect(again.status == 0)
    let second = try again.object()
    #expect(second["outcome"] as? String == "duplicate")
    #expect(second["ticket"] as? Int == first["ticket"] as? Int)
    #expect(second["message"] as? Int == first["message"] as? Int)
    #expect(try s.snapshot() == before)
    // Automatic mail is recognised too.
    let list = try MailCorpus.data("list-mail.eml")
    #expect(try s.mail(list).object()["outcome"] as? String == "automatic")
    let afterList = try s.snapshot()
    #expect(try s.mail(list).object()["outcome"] as? String == "duplicate")
    #expect(try s.snapshot() == afterList)
  }

  @Test("text output: one line a mail")
  func textOutput() throws {
    let s = Sandbox.team()
    let r = s.run(["mail", "ingest"], stdin: try MailCorpus.data("pt-latin1-8bit.eml"))
    #expect(r.status == 0)
    #expect(r.stdout == "created ticket 1 message 1\n")
    #expect(r.stderr == "")
    let again = s.run(["mail", "ingest"], stdin: try MailCorpus.data("pt-latin1-8bit.eml"))
    #expect(again.stdout == "duplicate ticket 1 message 1\n")
  }

  @Test("threading: In-Reply-To of a mail taken in joins its ticket whatever the subject; a new subject is a new ticket")
  func threading() throws {
    let s = Sandbox.team()
    #expect(try s.mail(try MailCorpus.data("en-alternative-attachment.eml")).object()["ticket"] as? Int == 1)
    let reply = Data(
      """
      From: anna@example.com
      Subject: one more thing
      Message-ID: <en-2@example.com>
      In-Reply-To: <en-1@example.com>
      References: <en-1@example.com>

      Also the VAT number is missing.

      """.utf8)
    let r = try s.mail(reply).object()
    #expect(r["outcome"] as? String == "appended")
    #expect(r["ticket"] as? Int == 1)
    let topic = Data("From: anna@example.com\nSubject: A new question\nMessage-ID: <en-3@example.com>\n\nHow do I add a seat?\n".utf8)
    let t = try s.mail(topic).object()
    #expect(t["outcome"] as? String == "created")
    #expect(t["ticket"] as? Int == 2)
    // [#N] still routes a reply that lost its references.
    let tagged = Data("From: anna@example.com\nSubject: Re: Invoice is wrong [#1]\nMessage-ID: <en-4@example.com>\n\nAny news?\n".utf8)
    #expect(try s.mail(tagged).object()["ticket"] as? Int == 1)
  }

  @Test("an out-of-office reply to a solved ticket is kept on it, automatic, and does not reopen it or get an answer")
  func outOfOfficeDoesNotReopen() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Export hangs", "--customer", "1", "--channel", "email", "--assign", "bob")
    s.ok("ticket", "solve", "1", "-m", "Fixed in 2.3.")
    let outboxBefore = try s.scalar("SELECT count(*) FROM outbox")
    let r = s.mail(try MailCorpus.data("ooo-auto-submitted.eml"))
    #expect(r.status == 0, "\(r)")
    let out = try r.object()
    #expect(out["outcome"] as? String == "automatic")
    #expect(out["detail"] as? String == "out-of-office")
    #expect(out["ticket"] as? Int == 1)
    let message = try #require(out["message"] as? Int)
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "solved")
    #expect(try s.scalar("SELECT automatic FROM message WHERE id = \(message)") == "1")
    #expect(try s.scalar("SELECT body FROM message WHERE id = \(message)") == "I am out of the office until Monday.")
    #expect(try s.scalar("SELECT waiting_message_id FROM ticket WHERE id = 1") == nil)
    #expect(try s.scalar("SELECT count(*) FROM outbox") == outboxBefore)
  }

  @Test("desk's own mail coming back is dropped as a loop: exit 0, no customer, no ticket")
  func ownMailIsALoop() throws {
    let s = Sandbox.team()
    s.ok("config", "set", "mail.from", "Support <help@desk.example>")
    for (i, headers) in ["From: Support <help@desk.example>", "From: someone@example.com\nX-Loop: desk"].enumerated() {
      let before = try s.scalar("SELECT count(*) FROM customer")
      let r = s.mail(Data("\(headers)\nSubject: Re: Export [#1]\nMessage-ID: <loop-\(i)@x>\n\nhello\n".utf8))
      #expect(r.status == 0)
      #expect(try r.object()["outcome"] as? String == "loop")
      #expect(try s.scalar("SELECT count(*) FROM customer") == before)
      #expect(try s.scalar("SELECT count(*) FROM ticket") == "0")
    }
  }

  /// A ticket of Anna's assigned to bob, with a reply in the outbox that went out as <reply-1@desk.example>.
  static func sentReply() throws -> Sandbox {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Export hangs", "--customer", "1", "--channel", "email", "--assign", "bob")
    s.ok("ticket", "reply", "1", "-m", "Which report?")
    try s.write("UPDATE outbox SET state = 'sent', mail_id = 'reply-1@desk.example' WHERE audience = 'customer'")
    return s
  }

  static func dsn(original: String, to: String = "desk@desk.example") -> Data {
    Data(
      """
      From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
      To: \(to)
      Subject: Undelivered Mail Returned to Sender
      Message-ID: <dsn-1@mx.example.com>
      Auto-Submitted: auto-replied
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type=delivery-status; boundary="B"

      --B
      Content-Type: text/plain

      I'm sorry to have to inform you that your message could not be delivered.
      --B
      Content-Type: message/delivery-status

      Reporting-MTA: dns; mx.example.com

      Final-Recipient: rfc822; anna@example.com
      Action: failed
      Status: 5.1.1
      Diagnostic-Code: smtp; 550 5.1.1 <anna@example.com>: Recipient address
       rejected: User unknown
      --B
      Content-Type: text/rfc822-headers

      From: desk@desk.example
      To: anna@example.com
      Subject: Re: Export hangs [#1]
      Message-ID: <\(original)>
      --B--

      """.utf8)
  }

  @Test("a DSN marks the outbox message it reports bounced with the diagnostic and tells the assignee; no ticket, no customer")
  func bounceByMessageID() throws {
    let s = try Self.sentReply()
    let messages = try s.scalar("SELECT count(*) FROM message")
    let r = s.mail(Self.dsn(original: "reply-1@desk.example"))
    #expect(r.status == 0, "\(r)")
    let out = try r.object()
    #expect(out["outcome"] as? String == "bounce")
    let outbox = try #require(out["outbox"] as? Int)
    #expect(out["ticket"] as? Int == 1)
    #expect(out["detail"] as? String == "smtp; 550 5.1.1 <anna@example.com>: Recipient address rejected: User unknown")
    #expect(try s.scalar("SELECT state FROM outbox WHERE id = \(outbox)") == "bounced")
    #expect(try s.scalar("SELECT last_error FROM outbox WHERE id = \(outbox)") == "smtp; 550 5.1.1 <anna@example.com>: Recipient address rejected: User unknown")
    #expect(try s.scalar("SELECT recipient || ' ' || subject FROM outbox WHERE event = 'outbox.bounced'") == "bob Mail to anna@example.com bounced [#1]")
    #expect(try s.scalar("SELECT count(*) FROM customer") == "1")
    #expect(try s.scalar("SELECT count(*) FROM ticket") == "1")
    #expect(try s.scalar("SELECT count(*) FROM message") == messages)
    let list = try s.ok("outbox", "list", "--state", "bounced", "--json").array()
    #expect(list.map { $0["id"] as? Int } == [outbox])
  }

  @Test("a DSN is matched by a VERP recipient when the original Message-ID is unknown; an unmatched one is only recorded")
  func bounceByVERP() throws {
    let s = try Self.sentReply()
    s.ok("config", "set", "mail.envelope-from", "bounces@desk.example")
    let outbox = try #require(try s.scalar("SELECT id FROM outbox WHERE mail_id IS NOT NULL"))
    // The address Outbox.envelope writes with mail.verp on; a customer's own +tag never matches.
    let r = s.mail(Self.dsn(original: "unknown@elsewhere"), ["--recipient", "anna+\(outbox)@desk.example, bounces+\(outbox)@desk.example"])
    #expect(try r.object()["outbox"] as? Int == Int(outbox))
    #expect(try s.scalar("SELECT state FROM outbox WHERE id = \(outbox)") == "bounced")
    let other = try Self.sentReply()
    let before = try other.scalar("SELECT count(*) FROM outbox")
    var dsn = String(decoding: Self.dsn(original: "unknown@elsewhere"), as: UTF8.self)
    dsn = dsn.replacingOccurrences(of: "<dsn-1@", with: "<dsn-2@")
    let unmatched = try other.mail(Data(dsn.utf8), env: ["ORIGINAL_RECIPIENT": "support@desk.example"]).object()
    #expect(unmatched["outcome"] as? String == "bounce")
    #expect(unmatched["outbox"] == nil || unmatched["outbox"] is NSNull)
    #expect(try other.scalar("SELECT state FROM outbox WHERE mail_id IS NOT NULL") == "sent")
    #expect(try other.scalar("SELECT count(*) FROM outbox") == before)
  }

  @Test("a mail over mail.max-bytes is refused with 65, kept in the dead-letter Maildir, and changes nothing")
  func tooLargeIsDeadLettered() throws {
    let s = Sandbox.team()
    s.ok("config", "set", "mail.max-bytes", "200")
    s.ok("config", "set", "mail.dead-letter", s.dir + "/dead")
    let raw = try MailCorpus.data("en-alternative-attachment.eml")
    let before = try s.snapshot()
    let r = s.mail(raw)
    #expect(r.status == 65, "\(r)")
    let out = try r.object()
    let error = try #require(try JSONSerialization.jsonObject(with: Data(r.stderr.utf8)) as? [String: Any])
    #expect(error["error"] as? String == "the mail was refused: the mail is \(raw.count) bytes; mail.max-bytes is 200 (kept in \(out["dead_letter"] as? String ?? "?"))")
    #expect(error["exit"] as? Int == 65)
    #expect(error["hint"] as? String == "see desk mail ingest --help")
    #expect(out["outcome"] as? String == "refused")
    #expect(out["detail"] as? String == "the mail is \(raw.count) bytes; mail.max-bytes is 200")
    #expect(try s.snapshot() == before)
    let kept = try FileManager.default.contentsOfDirectory(atPath: s.dir + "/dead/new")
    #expect(kept.count == 1)
    #expect(FileManager.default.contents(atPath: s.dir + "/dead/new/" + kept[0]) == raw)
    #expect(out["dead_letter"] as? String == s.dir + "/dead/new/" + kept[0])
  }

  @Test("a mail with no sender to answer is refused with 65 into the default dead-letter Maildir beside the database")
  func noSenderIsRefused() throws {
    let s = Sandbox.team()
    let before = try s.snapshot()
    let r = s.mail(Data("Subject: who am I\n\nno From here\n".utf8))
    #expect(r.status == 65)
    #expect(try r.object()["detail"] as? String == "the mail has no sender (From)")
    #expect(try s.snapshot() == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir + "/dead-letter/new").count == 1)
  }

  @Test("every failure on desk's side is 75, so the mail server keeps the mail: missing database, unknown agent, bad flag, busy")
  func temporaryFailures() throws {
    let s = Sandbox.team()
    let raw = try MailCorpus.data("uk-utf8-base64.eml")
    let missing = s.run(["mail", "ingest"], stdin: raw, env: ["DESK_DB": s.dir + "/nope/desk.db"])
    #expect(missing.status == 75, "\(missing)")
    let stranger = s.run(["mail", "ingest", "--as", "mallory"], stdin: raw)
    #expect(stranger.status == 75, "\(stranger)")
    #expect(stranger.stderr.hasPrefix("desk: error: 'mallory' is not an agent of this desk"))
    let badFlag = s.run(["mail", "ingest", "--frobnicate"], stdin: raw)
    #expect(badFlag.status == 75, "\(badFlag)")
    let both = s.run(["mail", "ingest", "--mbox", "a", "--maildir", "b"], stdin: raw)
    #expect(both.status == 75)
    #expect(try s.scalar("SELECT count(*) FROM ticket") == "0")
    // A write lock held by another program: busy after the timeout, 75.
    let queue = try DatabaseQueue(path: s.db)
    try queue.inDatabase { db in
      try db.execute(sql: "BEGIN IMMEDIATE")
      let busy = s.run(["mail", "ingest"], stdin: raw)
      #expect(busy.status == 75, "\(busy)")
      try db.execute(sql: "ROLLBACK")
    }
    try queue.close()
    #expect(s.run(["mail", "ingest"], stdin: raw).status == 0)
  }

  @Test("a mail nested 200 multiparts deep is taken: the walk stops at its depth limit, the original keeps the rest")
  func deepNesting() throws {
    let s = Sandbox.team()
    var mail = "From: nest@example.com\nSubject: Deep\nMessage-ID: <deep@example.com>\nMIME-Version: 1.0\n"
    for i in 0..<200 { mail += "Content-Type: multipart/mixed; boundary=\"b\(i)\"\n\n--b\(i)\n" }
    mail += "Content-Type: text/plain\n\nvery deep text\n"
    for i in (0..<200).reversed() { mail += "--b\(i)--\n" }
    let r = s.mail(Data(mail.utf8))
    #expect(r.status == 0, "\(r)")
    let out = try r.object()
    #expect(out["outcome"] as? String == "created")
    let message = try #require(out["message"] as? Int)
    #expect(try s.scalar("SELECT body FROM message WHERE id = \(message)") == "")
    #expect(try s.scalar("SELECT group_concat(name) FROM attachment WHERE message_id = \(message)") == "original.eml")
  }

  @Test("ticket ingest --automatic keeps a solved ticket solved, as mail's auto-replies do")
  func automaticIngestDoesNotReopen() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Export hangs", "--customer", "1", "--channel", "email")
    s.ok("ticket", "solve", "1")
    s.ok("ticket", "ingest", "--channel", "email", "--email", "anna@example.com", "--subject", "Re: [#1]", "--automatic", "-m", "Away")
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "solved")
    s.ok("ticket", "ingest", "--channel", "email", "--email", "anna@example.com", "--subject", "Re: [#1]", "-m", "Still broken")
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "open")
  }

  @Test("an agent answering from their mailbox replies to the customer through the outbox; #note makes it an internal note")
  func agentMail() throws {
    let s = Sandbox.team()
    s.ok("agent", "edit", "bob", "--email", "bob@desk.example")
    #expect(try s.mail(try MailCorpus.data("en-alternative-attachment.eml")).object()["ticket"] as? Int == 1)
    let customers = try s.scalar("SELECT count(*) FROM customer")
    let outbox = try s.scalar("SELECT count(*) FROM outbox WHERE audience = 'customer'")
    let reply = Data("From: Bob <BOB@desk.example>\nSubject: Re: Invoice\nMessage-ID: <bob-1@desk.example>\nIn-Reply-To: <en-1@example.com>\n\nWe will send a new invoice today.\n".utf8)
    let r = try s.mail(reply).object()
    #expect(r["outcome"] as? String == "appended")
    #expect(r["detail"] as? String == "reply by bob")
    let message = try #require(r["message"] as? Int)
    #expect(try s.scalar("SELECT author_kind || ' ' || author_name || ' ' || visibility FROM message WHERE id = \(message)") == "agent bob public")
    #expect(try s.scalar("SELECT count(*) FROM customer") == customers)
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE audience = 'customer'") == String(Int(outbox!)! + 1))
    #expect(try s.scalar("SELECT body FROM outbox WHERE message_id = \(message)") == "We will send a new invoice today.")
    let note = Data("From: bob@desk.example\nSubject: Re: Invoice [#1]\nMessage-ID: <bob-2@desk.example>\n\n#note\nThey are on the old plan.\n".utf8)
    let n = try s.mail(note).object()
    #expect(n["detail"] as? String == "note by bob")
    let noteID = try #require(n["message"] as? Int)
    #expect(try s.scalar("SELECT visibility || ' ' || body FROM message WHERE id = \(noteID)") == "internal They are on the old plan.")
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE message_id = \(noteID)") == "0")
  }

  @Test("desk version does not load GMime; mail ingest does")
  func gmimeIsLoadedOnlyForMail() throws {
    let s = Sandbox.team()
    let version = s.run(["version"], env: ["LD_DEBUG": "libs"])
    #expect(version.status == 0)
    #expect(version.stderr.contains("libc.so"), "LD_DEBUG gave nothing: \(version.stderr.prefix(200))")
    #expect(!version.stderr.contains("libgmime"))
    let mail = s.run(["mail", "ingest"], stdin: try MailCorpus.data("bad-base64.eml"), env: ["LD_DEBUG": "libs"])
    #expect(mail.status == 0)
    #expect(mail.stderr.contains("libgmime-3.0"))
  }

  @Test("--mbox takes every message (split at From lines, not by the lying Content-Length); --maildir moves taken mail to cur/")
  func manyMessages() throws {
    let s = Sandbox.team()
    let r = s.run(["mail", "ingest", "--mbox", MailCorpus.dir + "/mimekit/content-length.mbox"])
    // One of the 29 is from a UUCP path without a domain, `develop!nextmime@ebony`: refused, kept, 65.
    #expect(r.status == 65, "\(r.stderr)")
    let outcomes = r.lines.map { $0.split(separator: " ").first.map(String.init) ?? "" }
    #expect(outcomes.count == 29)
    #expect(outcomes.filter { $0 == "refused" }.count == 1)
    #expect(r.lines.contains { $0.hasPrefix("refused (the sender 'develop!nextmime@ebony' is not an address desk can answer) kept in \(s.dir)/dead-letter/new/") })
    #expect(try s.scalar("SELECT count(*) FROM mail_in") == "28")
    let dir = s.dir + "/Maildir"
    for sub in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true) }
    for name in ["ru-koi8r-qp.eml", "uk-utf8-base64.eml", "list-mail.eml"] {
      FileManager.default.createFile(atPath: dir + "/new/" + name, contents: try MailCorpus.data(name))
    }
    let m = s.run(["mail", "ingest", "--maildir", dir])
    #expect(m.status == 0, "\(m)")
    #expect(m.lines.map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["automatic", "created", "created"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/new") == [])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/cur").sorted() == [
      "list-mail.eml:2,S", "ru-koi8r-qp.eml:2,S", "uk-utf8-base64.eml:2,S",
    ])
    // Again: every one is a duplicate.
    #expect(s.run(["mail", "ingest", "--maildir", dir]).lines.allSatisfy { $0.hasPrefix("duplicate") })
  }
}
