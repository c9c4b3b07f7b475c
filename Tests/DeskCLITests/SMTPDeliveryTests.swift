import Foundation
import Testing

/// Issue 17, item 7: mail goes out by SMTP as well as sendmail, through libcurl.
@Suite("SMTPDeliveryTests: the smtp adapter sends over TLS, retries 4xx and fails 5xx with the server's text")
struct SMTPDeliveryTests {
  /// A desk whose customer Anna wrote ticket 1 and was answered (outbox 1: the acknowledgement,
  /// outbox 2: the reply), with an smtp adapter on `server` logged in as `desk`.
  static func desk(_ server: SMTPTestServer, _ s: Sandbox, scheme: String = "smtp") throws {
    s.ok("agent", "add", "root", "--role", "admin", "--name", "Root Admin")
    s.ok("config", "set", "mail.from", "Desk Support <support@example.com>")
    s.ok("ticket", "ingest", "--channel", "email", "--email", "anna@example.com", "--name", "Anna Petrova", "--subject", "Export", "-m", "hi")
    s.ok("outbox", "drop", "1")
    s.ok("ticket", "reply", "1", "-m", "Fixed.\n.\n.. dots stay")
    let password = s.dir + "/smtp-password"
    FileManager.default.createFile(atPath: password, contents: Data("s3cret pass\n".utf8), attributes: [.posixPermissions: 0o600])
    s.ok(
      "outbox", "adapter", "set", "email", "smtp", "\(scheme)://127.0.0.1:\(server.port)", "--user", "desk", "--password-file", password,
      "--ca-file", server.certificate)
  }

  @Test("over STARTTLS: the login, the envelope and the DATA bytes the server receives")
  func startTLS() throws {
    let s = Sandbox()
    let server = try SMTPTestServer(dir: s.dir)
    defer { server.stop() }
    try Self.desk(server, s)
    #expect(s.ok("cron", "-v").stdout == "sent ticket 1 outbox 2 → anna@example.com: ticket.reply via smtp on email\n")
    #expect(
      server.commands == [
        "EHLO", "STARTTLS", "EHLO", "AUTH desk s3cret pass over TLS", "MAIL FROM:<support@example.com>",
        "RCPT TO:<anna@example.com>", "DATA", "QUIT",
      ])
    let id = try #require(try s.scalar("SELECT mail_id FROM outbox WHERE id = 2"))
    let data = String(decoding: try #require(server.data), as: UTF8.self)
    #expect(
      data == [
        "From: Desk Support <support@example.com>", "To: Anna Petrova <anna@example.com>", "Subject: Re: Export [#1]",
        "Date: Tue, 24 Nov 2026 10:00:00 +0000", "Message-Id: <\(id)>", "X-Desk-Ticket: 1", "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 7bit", "", "Fixed.", ".", ".. dots stay", "",
      ].joined(separator: "\r\n"))
    // The password is kept in its file only: never in the adapter's listing.
    #expect(!s.ok("outbox", "adapter", "list", "--json").stdout.contains("s3cret"))
  }

  @Test("smtps: TLS from the first byte")
  func smtps() throws {
    let s = Sandbox()
    let server = try SMTPTestServer(dir: s.dir, mode: .smtps)
    defer { server.stop() }
    try Self.desk(server, s, scheme: "smtps")
    #expect(s.ok("cron", "-v").stdout == "sent ticket 1 outbox 2 → anna@example.com: ticket.reply via smtp on email\n")
    #expect(server.commands.prefix(2) == ["EHLO", "AUTH desk s3cret pass over TLS"])
  }

  @Test("a 4xx answer keeps the message queued for a retry with the outbox's backoff")
  func temporaryFailure() throws {
    let s = Sandbox()
    let server = try SMTPTestServer(dir: s.dir, rcpt: "450 4.2.1 mailbox busy, try later")
    defer { server.stop() }
    try Self.desk(server, s)
    let r = s.run("cron", "-v")
    #expect(r.status == 69)
    #expect(r.stdout == "retry ticket 1 outbox 2 → anna@example.com: SMTP server answered 450 4.2.1 mailbox busy, try later\n")
    #expect(
      try s.scalar("SELECT state || ' ' || attempts || ' ' || next_attempt_at FROM outbox WHERE id = 2")
        == "queued 1 2026-11-24T10:01:00Z")
  }

  @Test("a 5xx answer fails the message at once with the server's text")
  func permanentFailure() throws {
    let s = Sandbox()
    let server = try SMTPTestServer(dir: s.dir, data: "554 5.7.1 message refused: spam")
    defer { server.stop() }
    try Self.desk(server, s)
    let r = s.run("cron", "-v")
    #expect(r.status == 69)
    #expect(r.stdout == "failed ticket 1 outbox 2 → anna@example.com: SMTP server answered 554 5.7.1 message refused: spam\n")
    #expect(try s.scalar("SELECT state || ' ' || attempts || ' ' || last_error FROM outbox WHERE id = 2")
      == "failed 1 SMTP server answered 554 5.7.1 message refused: spam")
  }

  @Test("smtp:// requires STARTTLS: a server without it gets neither the login nor the mail")
  func startTLSRequired() throws {
    let s = Sandbox()
    let server = try SMTPTestServer(dir: s.dir, mode: .plain)
    defer { server.stop() }
    try Self.desk(server, s)
    let r = s.run("cron", "-v")
    #expect(r.status == 69)
    #expect(r.stdout == "retry ticket 1 outbox 2 → anna@example.com: smtp://127.0.0.1:\(server.port): Requested SSL level failed\n")
    #expect(server.commands.filter { !$0.hasPrefix("EHLO") && $0 != "QUIT" } == [])
    #expect(server.data == nil)
  }

  @Test("a password file others may read is refused with 78, and nothing changes")
  func passwordFileMode() throws {
    let s = Sandbox()
    s.ok("agent", "add", "root", "--role", "admin")
    let password = s.dir + "/pw"
    FileManager.default.createFile(atPath: password, contents: Data("secret\n".utf8), attributes: [.posixPermissions: 0o644])
    let before = try s.snapshot()
    let r = s.run("outbox", "adapter", "set", "email", "smtp", "smtps://mail.example.com:465", "--user", "desk", "--password-file", password)
    #expect(r.status == 78)
    #expect(r.stderr == "desk: error: the password file '\(password)' may be read by others (mode 644) (hint: chmod 600 \(password))\n")
    let cases: [([String], String)] = [
      (["smtp", "https://mail.example.com"], "an smtp adapter needs one smtps://HOST[:PORT] or smtp://HOST[:PORT] URL (no login in it: --user)"),
      (["smtp", "smtp://u:p@mail.example.com"], "an smtp adapter needs one smtps://HOST[:PORT] or smtp://HOST[:PORT] URL (no login in it: --user)"),
      (["smtp", "smtps://mail.example.com", "--user", "desk"], "--user and --password-file go together"),
      (["sendmail", "--user", "desk", "--password-file", password], "--user, --password-file and --ca-file are for an smtp adapter"),
    ]
    for (args, message) in cases {
      let bad = s.run(["outbox", "adapter", "set", "email"] + args)
      #expect(bad.status == 64, "\(args): \(bad)")
      #expect(bad.stderr == "desk: error: \(message)\n", "\(args)")
    }
    #expect(try s.snapshot() == before)
  }
}
