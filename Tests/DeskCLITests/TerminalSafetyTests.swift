import Foundation
import Testing

/// Issue 13, holes 1 and 7: customer text never reaches a terminal raw, and never reaches a
/// spreadsheet as a formula; the machine formats stay exact.
@Suite("customer text on terminals and in spreadsheets")
struct TerminalSafetyTests {
  /// OSC 52 (sets the clipboard), a screen clear, a bare CR that overwrites the line, and a
  /// right-to-left override.
  static let osc52 = "\u{1B}]52;c;aGk=\u{07}"
  static let hostileBody = "Hello\u{1B}]52;c;aGk=\u{07}\u{1B}[2J\r\nok\rFORGED\u{202E}gnp.exe\u{9B}31m\ttab"
  static let hostileSubject = "Invoice\u{202E}fdp.exe\u{1B}[1A"
  /// Ingest already turns controls in a subject into spaces; the override stays.
  static let storedSubject = "Invoice\u{202E}fdp.exe [1A"

  /// Bytes a terminal would act on: ESC, BEL, CR, the CSI introducer and the bidi overrides.
  static func raw(_ s: String) -> [String] {
    var found: [String] = []
    for scalar in s.unicodeScalars {
      switch scalar.value {
      case 0x1B: found.append("ESC")
      case 0x07: found.append("BEL")
      case 0x0D: found.append("CR")
      case 0x9B: found.append("CSI")
      case 0x202A...0x202E, 0x2066...0x2069: found.append("bidi")
      default: break
      }
    }
    return found
  }

  static func hostileDesk() throws -> Sandbox {
    let s = Sandbox.team()
    let message: [String: Any] = [
      "channel": "email", "email": "eve@example.com", "name": "Eve\u{202E}Red", "subject": hostileSubject, "body": hostileBody,
      "attachments": [["name": "shot.png", "content_type": "image/png\u{1B}]0;pwned\u{07}", "data": "aGk="]],
    ]
    let json = try JSONSerialization.data(withJSONObject: message)
    let r = s.run(["ticket", "ingest", "--stdin-json"], stdin: json)
    #expect(r.status == 0, "\(r)")
    s.ok("ticket", "set", "1", "--field", "vendor=ACME\u{1B}[2Jx")
    return s
  }

  @Test("the card shows escape sequences, bare CRs and bidi overrides visibly and emits none of them")
  func cardIsVisible() throws {
    let s = try Self.hostileDesk()
    let card = s.ok("ticket", "show", "1").stdout
    #expect(Self.raw(card) == [])
    #expect(card.hasPrefix("#1  Invoice\\u202Efdp.exe [1A\n"))
    // The body keeps its newlines and tabs; CRLF reads as a newline, a bare CR is shown.
    #expect(card.contains("\nHello^[]52;c;aGk=^G^[[2J\nok^MFORGED\\u202Egnp.exe\\u009B31m\ttab\n"))
    #expect(card.contains("Eve\\u202ERed <eve@example.com>"))
    #expect(card.contains("vendor = ACME^[[2Jx"))
    #expect(card.contains("shot.png  image/png^[]0;pwned^G  2 B"))
  }

  @Test("table cells show controls visibly; JSON, TSV and CSV keep the exact text")
  func tablesVisibleMachineFormatsExact() throws {
    let s = try Self.hostileDesk()
    let table = s.ok("ticket", "list", "--format", "table", "--fields", "id,subject").stdout
    #expect(table == "ID  SUBJECT\n1   Invoice\\u202Efdp.exe [1A\n")
    let json = try #require(s.ok("ticket", "show", "1", "--json").array().first)
    #expect(json["subject"] as? String == Self.storedSubject)
    let messages = try #require(json["messages"] as? [[String: Any]])
    #expect(messages.first?["body"] as? String == Self.hostileBody)
    #expect(s.ok("ticket", "list", "--format", "tsv", "--fields", "id,subject").stdout == "id\tsubject\n1\t\(Self.storedSubject)\n")
    #expect(s.ok("ticket", "list", "--format", "ids").stdout == "1\n")
    // Outbox bodies and template subjects: tables and views for people, exact for programs.
    s.ok("template", "add", "evil", "--subject", "Re\u{1B}[2J: {{ticket.subject}}", "-m", "Body\u{1B}]52;c;eA==\u{07}")
    let shown = s.ok("template", "show", "evil").stdout
    #expect(Self.raw(shown) == [])
    #expect(shown == "template evil (en)\nsubject: Re^[[2J: {{ticket.subject}}\n\nBody^[]52;c;eA==^G\n")
    s.ok("ticket", "reply", "1", "--template", "evil")
    let outbox = s.ok("outbox", "show", "2").stdout
    #expect(Self.raw(outbox) == [])
    #expect(outbox.contains("subject  Re^[[2J: Invoice\\u202Efdp.exe [1A\n\nBody^[]52;c;eA==^G\n"))
    #expect(try s.ok("outbox", "show", "2", "--json").object()["body"] as? String == "Body\u{1B}]52;c;eA==\u{07}")
  }

  @Test("holiday names, handles and error messages that echo customer text are shown visibly")
  func otherFieldsVisible() throws {
    let s = Sandbox.team()
    s.ok("sla", "calendar", "add", "office", "--tz", "UTC", "--hours", "mon-fri 09:00-18:00", "--holiday", "2026-12-31=Party\u{1B}[2J")
    let calendar = s.ok("sla", "calendar", "show", "office", "--format", "table").stdout
    #expect(Self.raw(calendar) == [])
    #expect(calendar.contains("Party^[[2J"))
    s.ok("ticket", "ingest", "--channel", "telegram", "--handle", "@m\u{202E}x", "--name", "M", "-m", "hi")
    let customers = s.ok("customer", "list", "--format", "table", "--fields", "id,handles").stdout
    #expect(Self.raw(customers) == [])
    #expect(customers.contains("telegram:@m\\u202Ex"))
    // The one line a write prints about its record goes through the same sanitiser.
    #expect(s.ok("customer", "add", "Eve\u{202E}Red", "--email", "eve@example.com").stdout == "customer 3: added (Eve\\u202ERed)\n")
    let missing = s.run("customer", "show", "nobody\u{1B}]52;c;aGk=\u{07}")
    #expect(missing.status == 66)
    #expect(Self.raw(missing.stderr) == [])
    #expect(missing.stderr.contains("nobody^[]52;c;aGk=^G"))
  }

  @Test("CSV escapes cells a spreadsheet would run as formulas; TSV and JSON stay exact")
  func csvFormulas() throws {
    let s = Sandbox.team()
    // Subjects are trimmed, so a leading tab or CR cannot be shown here; the rule covers them too.
    let subjects = ["=HYPERLINK(\"http://evil.example\",\"x\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "plain"]
    for subject in subjects { s.ok("ticket", "new", "--customer", "1", "--", subject) }
    let csv = s.ok("ticket", "list", "--format", "csv", "--fields", "id,subject", "--sort", "id", "--asc").stdout
    #expect(
      csv == """
        id,subject
        1,"'=HYPERLINK(""http://evil.example"",""x"")"
        2,'=cmd|' /C calc'!A0
        3,'+1+1
        4,'-2+3
        5,'@SUM(A1)
        6,plain

        """)
    let tsv = s.ok("ticket", "list", "--format", "tsv", "--fields", "subject", "--sort", "id", "--asc").stdout
    #expect(tsv == "subject\n" + subjects.joined(separator: "\n") + "\n")
    let json = try s.ok("ticket", "list", "--json", "--sort", "id", "--asc").array()
    #expect(json.map { $0["subject"] as? String } == subjects)
    // Numbers are desk's own and stay numbers, even negative ones.
    s.ok("customer", "add", "=Evil", "--email", "evil@example.com")
    #expect(s.ok("customer", "list", "--format", "csv", "--fields", "id,name").stdout.contains("\n2,'=Evil\n"))
  }

  @Test("in the shell, on a real terminal, a hostile body cannot clear the screen or hide the conversation")
  func shellOnATerminal() throws {
    let s = try Self.hostileDesk()
    let tty = try TmuxSession(s)
    _ = try tty.run("ticket list --fields id,status")
    let shown = try tty.run("ticket show 1")
    #expect(shown.contains("Hello^[]52;c;aGk=^G^[[2J"))
    #expect(shown.contains { $0.hasPrefix("ok^MFORGED\\u202Egnp.exe\\u009B31m ") && $0.hasSuffix(" tab") })
    // The earlier command's output is still on the screen: nothing cleared it.
    #expect(try tty.lines().contains { $0.hasPrefix("ID") && $0.contains("STATUS") })
  }
}
