import Foundation
import GRDB
import Testing

/// Issue 17, item 6: mail out is composed with GMime — encoded, folded, threaded, with a
/// globally unique Message-ID, attachments and an envelope sender.
@Suite("MailOutTests: mail desk sends threads, folds, carries attachments and names its envelope")
struct MailOutTests {
  /// A desk whose customer Anna wrote ticket 1 by mail (Message-ID `m1@customer.example`), and a fake
  /// sendmail that keeps the arguments and the message of its Nth run in `sendmail.args.N` and `sendmail.msg.N`.
  static func desk(subject: String = "Export broken", body: String = "It fails.") throws -> (Sandbox, String) {
    let s = Sandbox()
    s.ok("agent", "add", "root", "--role", "admin", "--name", "Root Admin")
    s.ok("config", "set", "mail.from", "Desk Support <support@example.com>")
    s.ok("ticket", "ingest", "--channel", "email", "--email", "anna@example.com", "--name", "Anna Petrova", "--subject", subject, "-m", body)
    try MailSafetyTests.execute(s, "UPDATE message SET mail_id = 'm1@customer.example' WHERE id = 1")
    let fake = s.dir + "/sendmail"
    let script = """
      #!/bin/sh
      n=$(ls "$0".msg.* 2>/dev/null | wc -l)
      n=$((n + 1))
      printf '%s\\n' "$@" > "$0.args.$n"
      cat > "$0.msg.$n"

      """
    _ = FileManager.default.createFile(atPath: fake, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
    s.ok("outbox", "adapter", "set", "email", "sendmail", "--", fake, "-t")
    return (s, fake)
  }

  /// The mail of the Nth run of the fake sendmail.
  static func mail(_ fake: String, _ n: Int) throws -> String {
    try String(contentsOfFile: "\(fake).msg.\(n)", encoding: .utf8)
  }

  /// The header block, folded lines kept as they are.
  static func headers(_ mail: String) -> [String] {
    mail.components(separatedBy: "\n\n")[0].components(separatedBy: "\n")
  }

  /// One header's value, unfolded (continuation lines joined without their line break).
  static func field(_ mail: String, _ name: String) -> String? {
    let lines = headers(mail)
    guard let start = lines.firstIndex(where: { $0.lowercased().hasPrefix(name.lowercased() + ": ") }) else { return nil }
    let folded = [String(lines[start].dropFirst(name.count + 2))] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") || $0.hasPrefix("\t") }
    return folded.joined()
  }

  /// Quoted-printable decoded (RFC 2045 6.7): soft line breaks removed, =XX turned into bytes.
  static func unquote(_ text: String) -> String {
    var bytes: [UInt8] = []
    let input = Array(text.utf8)
    var i = 0
    while i < input.count {
      if input[i] == UInt8(ascii: "="), i + 1 < input.count, input[i + 1] == UInt8(ascii: "\n") {
        i += 2
      } else if input[i] == UInt8(ascii: "="), i + 2 < input.count, let b = UInt8(String(decoding: input[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
        bytes.append(b)
        i += 3
      } else {
        bytes.append(input[i])
        i += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func mailIDs(_ s: Sandbox) throws -> [String] {
    try s.query { try String.fetchAll($0, sql: "SELECT mail_id FROM outbox ORDER BY id") }
  }

  @Test("a reply threads on the customer's mail: From, To, Reply-To, Subject, Date, a Message-ID, In-Reply-To, References")
  func replyHeaders() throws {
    let (s, fake) = try Self.desk()
    s.ok("config", "set", "mail.reply-to", "Help <help@example.com>")
    s.ok("cron")
    s.ok("ticket", "reply", "1", "-m", "Fixed.")
    s.ok("cron")
    let ids = try Self.mailIDs(s)
    #expect(ids.count == 2)
    #expect(ids.allSatisfy { $0.range(of: #"^desk\.[0-9a-z]{13}\.[0-9a-z]{13}@example\.com$"#, options: .regularExpression) != nil })
    let mail = try Self.mail(fake, 2)
    #expect(
      mail == """
        From: Desk Support <support@example.com>
        To: Anna Petrova <anna@example.com>
        Reply-To: Help <help@example.com>
        Subject: Re: Export broken [#1]
        Date: Tue, 24 Nov 2026 10:00:00 +0000
        Message-Id: <\(ids[1])>
        In-Reply-To: <m1@customer.example>
        References: <m1@customer.example>
        \t<\(ids[0])>
        X-Desk-Ticket: 1
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 7bit

        Fixed.

        """)
    // The reply's ticket message carries the Message-ID it went out with, so an answer to it threads back.
    #expect(try s.scalar("SELECT group_concat(coalesce(mail_id, '-'), ' ') FROM (SELECT mail_id FROM message ORDER BY id)") == "m1@customer.example \(ids[0]) \(ids[1])")
  }

  @Test("an acknowledgement keeps the customer's subject and says it is automatic")
  func acknowledgement() throws {
    let (s, fake) = try Self.desk()
    s.ok("cron")
    let mail = try Self.mail(fake, 1)
    let id = try #require(try Self.mailIDs(s).first)
    #expect(
      Self.headers(mail) == [
        "From: Desk Support <support@example.com>",
        "To: Anna Petrova <anna@example.com>",
        "Subject: Re: Export broken [#1]",
        "Date: Tue, 24 Nov 2026 10:00:00 +0000",
        "Message-Id: <\(id)>",
        "In-Reply-To: <m1@customer.example>",
        "References: <m1@customer.example>",
        "Auto-Submitted: auto-replied",
        "Precedence: bulk",
        "X-Auto-Response-Suppress: All",
        "X-Desk-Ticket: 1",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 7bit",
      ])
  }

  @Test("a long subject is encoded and folded, a long paragraph is quoted-printable: no line over 78")
  func folding() throws {
    let subject = String(repeating: "Счёт не приходит, ", count: 26).trimmingCharacters(in: .whitespaces)
    let paragraph = String(repeating: "Der Export schlägt fehl — ошибка экспорта. ", count: 60)
    let (s, fake) = try Self.desk(subject: subject)
    s.ok("ticket", "reply", "1", "-m", paragraph + "\n\nRegards")
    s.ok("cron")
    let mail = try Self.mail(fake, 2)
    let lines = mail.components(separatedBy: "\n")
    #expect(lines.map(\.utf8.count).max() ?? 0 <= 78, "\(lines.filter { $0.utf8.count > 78 })")
    #expect(Self.field(mail, "Content-Transfer-Encoding") == "quoted-printable")
    let ascii = mail.unicodeScalars.allSatisfy { $0.isASCII }
    #expect(ascii)
    let encoded = try #require(Self.field(mail, "Subject"))
    #expect(Self.headers(mail).filter { $0.hasPrefix(" ") || $0.hasPrefix("\t") }.count > 5)
    #expect(Self.decodeWords(encoded) == "Re: \(subject) [#1]")
    #expect(Self.unquote(String(mail.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n"))) == paragraph + "\n\nRegards\n")
  }

  /// RFC 2047 words decoded (B and Q), the white space between two words dropped.
  static func decodeWords(_ value: String) -> String {
    let pattern = try! NSRegularExpression(pattern: #"=\?([^?]+)\?([bBqQ])\?([^?]*)\?=(\s+(?==\?))?"#)
    var out = ""
    var last = value.startIndex
    for match in pattern.matches(in: value, range: NSRange(value.startIndex..., in: value)) {
      let range = Range(match.range, in: value)!
      out += value[last..<range.lowerBound]
      let text = String(value[Range(match.range(at: 3), in: value)!])
      if value[Range(match.range(at: 2), in: value)!].lowercased() == "b" {
        out += String(decoding: Data(base64Encoded: text) ?? Data(), as: UTF8.self)
      } else {
        out += unquote(text.replacingOccurrences(of: "_", with: " "))
      }
      last = range.upperBound
    }
    return out + value[last...]
  }

  @Test("a retry keeps the Message-ID; two desks never share one")
  func messageIDs() throws {
    let (s, fake) = try Self.desk()
    // The first attempt fails for a while: the mail server is busy.
    let flaky = s.dir + "/flaky"
    _ = FileManager.default.createFile(
      atPath: flaky, contents: Data("#!/bin/sh\n[ -e \"$0.ok\" ] && exec \"$1\" -t\ncat > \"$0.first\"\nexit 75\n".utf8),
      attributes: [.posixPermissions: 0o755])
    s.ok("outbox", "adapter", "set", "email", "sendmail", "--", flaky, fake)
    #expect(s.run("cron").status == 69)
    #expect(try s.scalar("SELECT state || ' ' || attempts FROM outbox WHERE id = 1") == "queued 1")
    _ = FileManager.default.createFile(atPath: flaky + ".ok", contents: Data())
    s.ok("cron", env: ["DESK_NOW": "2026-11-24T10:05:00Z"])
    let first = try String(contentsOfFile: flaky + ".first", encoding: .utf8)
    let id = try #require(Self.field(first, "Message-Id"))
    #expect(Self.field(try Self.mail(fake, 1), "Message-Id") == id)
    #expect(try Self.mailIDs(s) == [String(id.dropFirst().dropLast())])

    let (other, otherFake) = try Self.desk()
    other.ok("cron")
    let otherID = try #require(Self.field(try Self.mail(otherFake, 1), "Message-Id"))
    #expect(otherID != id)
  }

  @Test("a reply's attachments go as MIME parts whose bytes decode back exactly")
  func attachments() throws {
    let (s, fake) = try Self.desk()
    let bytes = Data((0...255).map { UInt8($0) } + Array("%PDF-1.4 счёт".utf8))
    FileManager.default.createFile(atPath: s.dir + "/Счёт 11.pdf", contents: bytes)
    FileManager.default.createFile(atPath: s.dir + "/log.txt", contents: Data("line 1\nline 2\n".utf8))
    s.ok("ticket", "reply", "1", "-m", "See the files.", "--attach", s.dir + "/Счёт 11.pdf", "--attach", s.dir + "/log.txt")
    s.ok("cron")
    let mail = try Self.mail(fake, 2)
    let type = try #require(Self.field(mail, "Content-Type"))
    let boundary = try #require(type.components(separatedBy: "boundary=\"").last?.components(separatedBy: "\"").first)
    #expect(type.hasPrefix("multipart/mixed;"))
    let parts = mail.components(separatedBy: "--" + boundary).dropFirst().dropLast().map { String($0.dropFirst()) }
    #expect(parts.count == 3)
    #expect(parts[0].hasPrefix("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\nSee the files.\n"))
    func file(_ part: String) -> (String?, String?, Data?) {
      let body = part.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
      return (
        Self.field(part, "Content-Type"), Self.field(part, "Content-Disposition"),
        Data(base64Encoded: body.replacingOccurrences(of: "\n", with: ""))
      )
    }
    let pdf = file(parts[1])
    #expect(pdf.0 == "application/pdf; name*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%2011.pdf")
    #expect(pdf.1 == "attachment;\tfilename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%2011.pdf")
    #expect(pdf.2 == bytes)
    let log = file(parts[2])
    #expect(log.0 == "text/plain; name=log.txt")
    #expect(log.1 == "attachment; filename=log.txt")
    #expect(log.2 == Data("line 1\nline 2\n".utf8))
  }

  @Test("the exec and webhook JSON lists a reply's attachments, bytes in base64")
  func attachmentsInJSON() throws {
    let (s, _) = try Self.desk()
    let script = s.dir + "/deliver.sh"
    _ = FileManager.default.createFile(
      atPath: script, contents: Data("#!/bin/sh\ncat >> \"$1\"\necho >> \"$1\"\n".utf8), attributes: [.posixPermissions: 0o755])
    s.ok("outbox", "adapter", "set", "email", "exec", script, s.dir + "/got.jsonl")
    FileManager.default.createFile(atPath: s.dir + "/a.bin", contents: Data([0, 1, 2, 255]))
    s.ok("ticket", "reply", "1", "-m", "See the file.", "--attach", s.dir + "/a.bin")
    s.ok("cron")
    let lines = try String(contentsOfFile: s.dir + "/got.jsonl", encoding: .utf8).split(separator: "\n")
    let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    #expect(objects.count == 2)
    #expect((objects[0]["attachments"] as? [Any])?.count == 0)
    let files = try #require(objects[1]["attachments"] as? [[String: Any]])
    #expect(files.count == 1)
    #expect(files[0]["name"] as? String == "a.bin")
    #expect(files[0]["content_type"] as? String == "application/octet-stream")
    #expect(files[0]["size"] as? Int == 4)
    #expect(files[0]["sha256"] as? String == (try s.scalar("SELECT sha256 FROM attachment WHERE id = 1")))
    #expect(files[0]["id"] as? Int == 1)
    #expect((files[0]["base64"] as? String).flatMap { Data(base64Encoded: $0) } == Data([0, 1, 2, 255]))
  }

  @Test("the envelope sender is mail.envelope-from, with the outbox id under VERP, one argv element after -f")
  func envelope() throws {
    let (s, fake) = try Self.desk()
    s.ok("config", "set", "mail.envelope-from", "bounces@example.com")
    s.ok("cron")
    #expect(try String(contentsOfFile: fake + ".args.1", encoding: .utf8) == "-f\nbounces@example.com\n-t\n")
    s.ok("config", "set", "mail.verp", "true")
    s.ok("ticket", "reply", "1", "-m", "Fixed.")
    s.ok("cron")
    #expect(try String(contentsOfFile: fake + ".args.2", encoding: .utf8) == "-f\nbounces+2@example.com\n-t\n")
    #expect(Self.field(try Self.mail(fake, 2), "Return-Path") == nil)
  }

  @Test("an envelope sender or Reply-To that is not one address is refused with 65 and changes nothing")
  func badSettings() throws {
    let (s, _) = try Self.desk()
    let before = try s.snapshot()
    let cases: [(String, String, String)] = [
      (
        "mail.envelope-from", "bounces@example.com -oQ/tmp",
        "mail.envelope-from: the address 'bounces@example.com -oQ/tmp' is not an email address: the domain 'example.com -oQ/tmp' is not a host name"
      ),
      (
        "mail.reply-to", "Help <help@example.com>, victim@evil.example",
        "mail.reply-to: the address 'Help <help@example.com>, victim@evil.example' is not an email address: ' ' is not allowed outside quotes"
      ),
      ("mail.verp", "yes", "mail.verp: 'yes' must be true or false"),
    ]
    for (key, value, message) in cases {
      let r = s.run("config", "set", key, value)
      #expect(r.status == 65, "\(key): \(r)")
      #expect(r.stderr.hasPrefix("desk: error: \(message)"), "\(r.stderr)")
    }
    #expect(try s.snapshot() == before)
  }
}
