import Foundation
import GRDB
import Testing

/// Issue 13, item 0: customer text never adds a mail recipient or a header.
@Suite("MailSafetyTests: customer text never adds a mail recipient or a header")
struct MailSafetyTests {
  /// A desk with admin root, customer 1 `name` <`email`>, ticket 1 of theirs by email with one
  /// reply queued, and a fake sendmail that appends what it is fed to the returned file.
  static func desk(name: String = "Anna", email: String = "anna@example.com", subject: String = "Export") -> (Sandbox, String) {
    let s = Sandbox()
    s.ok("agent", "add", "root", "--role", "admin")
    s.ok("customer", "add", name, "--email", email)
    s.ok("ticket", "new", subject, "--customer", "1", "--channel", "email")
    let fake = s.dir + "/sendmail"
    _ = FileManager.default.createFile(
      atPath: fake, contents: Data("#!/bin/sh\ncat >> \"$0.msg\"\n".utf8), attributes: [.posixPermissions: 0o755])
    s.ok("outbox", "adapter", "set", "*", "sendmail", "--", fake, "-t")
    return (s, fake + ".msg")
  }

  /// The header lines of the mail sendmail was fed, folded lines kept as they are.
  static func headers(_ file: String) throws -> [String] {
    let text = try String(contentsOfFile: file, encoding: .utf8)
    return text.components(separatedBy: "\n\n")[0].components(separatedBy: "\n")
  }

  /// The `To:` field with its continuation lines.
  static func to(_ file: String) throws -> String {
    let lines = try headers(file)
    let start = try #require(lines.firstIndex { $0.hasPrefix("To: ") })
    return lines[start...].prefix { $0 == lines[start] || $0.hasPrefix(" ") || $0.hasPrefix("\t") }.joined(separator: "\n")
  }

  /// Writes old data straight into the database, as an earlier desk (or a person with sqlite3) might have.
  static func execute(_ s: Sandbox, _ sql: String) throws {
    let queue = try DatabaseQueue(path: s.db)
    defer { try? queue.close() }
    try queue.write { try $0.execute(sql: sql) }
  }

  @Test(
    "the To line quotes an ASCII name and encodes any other, so no name adds a recipient",
    arguments: [
      ("Real <victim@evil.example>, \"x\"", "anna@example.com", #"To: "Real <victim@evil.example>, \"x\"" <anna@example.com>"#),
      ("Kim, Olga (Accounting)", "kim@example.com", #"To: "Kim, Olga (Accounting)" <kim@example.com>"#),
      (#"Back\slash; group:"#, "b@example.com", #"To: "Back\\slash; group:" <b@example.com>"#),
      ("Quoted Local", #""john smith"@example.com"#, #"To: Quoted Local <"john smith"@example.com>"#),
      ("Ольга Ким", "olga@example.com", "To: =?UTF-8?b?0J7Qu9GM0LPQsCDQmtC40Lw=?= <olga@example.com>"),
      (
        "Ольга Константиновна Ким-Длинноимённая", "olga@[192.0.2.1]",
        "To: =?UTF-8?b?0J7Qu9GM0LPQsA==?=\n\t=?UTF-8?b?INCa0L7QvdGB0YLQsNC90YLQuNC90L7QstC90LA=?=\n\t=?UTF-8?b?INCa0LjQvC3QlNC70LjQvdC90L7QuNC80ZHQvdC90LDRjw==?=\n\t<olga@[192.0.2.1]>"
      ),
    ])
  func toLine(name: String, email: String, expected: String) throws {
    let (s, file) = Self.desk(name: name, email: email)
    s.ok("ticket", "reply", "1", "-m", "answer")
    #expect(s.ok("cron", "-v").stdout == "sent ticket 1 outbox 1 → \(email): ticket.reply via sendmail on email\n")
    #expect(try Self.to(file) == expected)
  }

  @Test("From keeps a display name in canonical form; a non-ASCII subject is encoded")
  func fromAndSubject() throws {
    let (s, file) = Self.desk(name: "Ольга Ким", email: "olga@example.com", subject: "Счёт не приходит")
    s.ok("config", "set", "mail.from", "  Desk Support <support@example.com> ")
    #expect(s.ok("config", "get", "mail.from").stdout == "\"Desk Support\" <support@example.com>\n")
    s.ok("ticket", "reply", "1", "-m", "answer")
    s.ok("cron")
    #expect(
      try Self.headers(file)[0...2] == [
        "From: Desk Support <support@example.com>",
        "To: =?UTF-8?b?0J7Qu9GM0LPQsCDQmtC40Lw=?= <olga@example.com>",
        "Subject: Re: =?UTF-8?B?0KHRh9GR0YIg0L3QtSDQv9GA0LjRhdC+0LTQuNGC?= [#1]",
      ])
  }

  @Test("CR, LF and other controls in a stored name or subject cannot add a header")
  func controlsInOldData() throws {
    let (s, file) = Self.desk()
    try Self.execute(s, "UPDATE customer SET name = 'Eve' || char(13, 10) || 'Bcc: victim@evil.example' WHERE id = 1")
    try Self.execute(s, "UPDATE ticket SET subject = 'Hi' || char(11, 10) || 'Bcc: victim2@evil.example' || char(133) WHERE id = 1")
    s.ok("ticket", "reply", "1", "-m", "answer")
    s.ok("cron")
    let headers = try Self.headers(file)
    #expect(headers[1] == #"To: "Eve  Bcc: victim@evil.example" <anna@example.com>"#)
    #expect(headers[2] == "Subject: Re: Hi  Bcc: victim2@evil.example  [#1]")
    #expect(headers.filter { $0.lowercased().hasPrefix("bcc") } == [])
    #expect(headers.count == 9)
  }

  @Test("a stored address that is not one (old data) fails the message instead of sending it")
  func badStoredAddress() throws {
    let (s, file) = Self.desk()
    try Self.execute(s, "UPDATE customer SET email = 'a>,victim2@evil.example' WHERE id = 1")
    s.ok("ticket", "reply", "1", "-m", "answer")
    let cron = s.run("cron", "-v")
    #expect(cron.status == 69)
    #expect(
      cron.stdout
        == "retry ticket 1 outbox 1 → a>,victim2@evil.example: the recipient's address 'a>,victim2@evil.example' is not an email address: '>' is not allowed outside quotes\n"
    )
    #expect(!FileManager.default.fileExists(atPath: file))
  }

  @Test("every entry point refuses an address that is not one, with 65, and changes nothing")
  func entryPoints() throws {
    let (s, _) = Self.desk()
    let hint = " (hint: write it as name@example.com)"
    let cases: [([String], String?, String)] = [
      (
        ["customer", "add", "Eve", "--email", "a>,victim2@evil.example"], nil,
        "the email 'a>,victim2@evil.example' is not an email address: '>' is not allowed outside quotes" + hint
      ),
      (
        ["customer", "edit", "1", "--email", "anna@example.com, victim@evil.example"], nil,
        "the email 'anna@example.com, victim@evil.example' is not an email address: '@' is not allowed outside quotes" + hint
      ),
      (
        ["ticket", "ingest", "--channel", "email", "--email", "x@evil.example\r\nBcc: y@evil.example", "-m", "hi"], nil,
        "the email 'x@evil.example ⏎ Bcc: y@evil.example' is not an email address: it contains a control character" + hint
      ),
      (
        ["ticket", "ingest", "--stdin-json"], #"{"channel":"email","email":"eve@evil.example>","body":"hi"}"#,
        "the email 'eve@evil.example>' is not an email address: the domain 'evil.example>' is not a host name" + hint
      ),
      (
        ["agent", "add", "eve", "--email", "\"eve\"x@example.com"], nil,
        "the email '\"eve\"x@example.com' is not an email address: the quoted part before the @ is followed by more text" + hint
      ),
      (
        ["agent", "edit", "root", "--email", "root@localhost"], nil,
        "the email 'root@localhost' is not an email address: the domain 'localhost' has no dot" + hint
      ),
      (
        ["config", "set", "mail.from", "Desk <desk@example.com>, victim@evil.example"], nil,
        "mail.from: the address 'Desk <desk@example.com>, victim@evil.example' is not an email address: ' ' is not allowed outside quotes"
      ),
      (
        ["config", "set", "mail.from", "Desk\u{1B}[2J <desk@example.com>"], nil,
        "mail.from: the name 'Desk^[[2J' of the address contains control characters"
      ),
      (
        ["config", "set", "notify.email", "team@example.com,victim@evil.example"], nil,
        "notify.email: the address 'team@example.com,victim@evil.example' is not an email address: '@' is not allowed outside quotes" + hint
      ),
      (
        ["db", "import", "-"], #"{"record":"customer","name":"Eve","email":"bad"}"#,
        "line 1: the email 'bad' is not an email address: it has no @" + hint
      ),
      (
        ["db", "import", "-"], #"{"record":"agent","login":"eve","email":"eve\u0085@evil.example"}"#,
        #"line 1: the email 'eve\u0085@evil.example' is not an email address: it contains a control character"# + hint
      ),
    ]
    let before = try s.snapshot()
    for (args, stdin, message) in cases {
      let r = s.run(args, stdin: stdin.map { Data($0.utf8) })
      #expect(r.status == 65, "\(args): \(r)")
      #expect(r.stderr == "desk: error: \(message)\n", "\(args)")
    }
    #expect(try s.snapshot() == before)
  }
}
