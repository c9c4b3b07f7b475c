import Foundation
import GRDB

extension Outbox {
  /// An RFC 5322 message for sendmail -t: the recipient travels in the headers, never in argv.
  /// Every address is checked again here (old data), and every header value is quoted or
  /// encoded, so no customer text can add a recipient or a header.
  func mail(_ m: OutboxMessage) throws -> Data {
    let (to, from) = try desk.database.read { db -> (String?, String) in
      let from = try desk.settings.value(db, "mail.from")
      switch m.audience {
      case .customer: return (m.channel == "email" ? m.recipient : nil, from)
      case .agent:
        return (try m.recipient.flatMap { try String.fetchOne(db, sql: "SELECT email FROM agent WHERE login = ?", arguments: [$0]) }, from)
      case .team:
        let team = try desk.settings.value(db, "notify.email")
        return (team.isEmpty ? nil : team, from)
      }
    }
    guard let to, !to.isEmpty else {
      throw DeskError.unavailable("no email address for \(m.recipient ?? m.audience.rawValue)")
    }
    let recipient = Mailbox(name: m.recipientName, address: try EmailAddress(to, "the recipient's address"))
    let sender = try Mailbox(parsing: from, "mail.from", localDomain: true)
    var headers = [
      "From: " + MailHeader.mailbox(sender),
      "To: " + MailHeader.mailbox(recipient),
      "Subject: " + MailHeader.text(m.subject),
      "Date: \(Outbox.rfc5322Date(m.createdAt))",
      "Message-ID: <desk-\(m.id)@\(MailHeader.clean(Outbox.hostName))>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
    ]
    if let ticket = m.ticketID { headers.append("X-Desk-Ticket: \(ticket)") }
    // RFC 3834: acknowledgements answer a message; reminders and notifications are generated.
    if m.event == "autoreply" {
      headers.append("Auto-Submitted: auto-replied")
    } else if m.automatic {
      headers.append("Auto-Submitted: auto-generated")
    }
    let body = m.body.replacingOccurrences(of: "\r\n", with: "\n")
    return Data((headers.joined(separator: "\n") + "\n\n" + body + (body.hasSuffix("\n") ? "" : "\n")).utf8)
  }

  static func rfc5322Date(_ t: Timestamp) -> String {
    let (y, m, d, hh, mm, ss) = CivilTime.utcFields(t.seconds)
    let days = Int(t.seconds >= 0 ? t.seconds / 86400 : (t.seconds - 86399) / 86400)
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
    return String(format: "%@, %02d %@ %04d %02d:%02d:%02d +0000", weekday, d, month, y, hh, mm, ss)
  }
}

/// Header values of the mail desk writes: ASCII text as it is (names quoted), anything else as
/// RFC 2047 encoded words, and never a control character that could end the header.
enum MailHeader {
  /// `value` with every C0 and C1 control (CR, LF, tab, NEL…) and line separator a space.
  static func clean(_ value: String) -> String {
    String(
      String.UnicodeScalarView(
        value.unicodeScalars.map {
          TextRules.isControl($0) || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
        }))
  }

  /// An RFC 5322 quoted-string: `Kim, Olga "K"` → `"Kim, Olga \"K\""`.
  static func quoted(_ text: String) -> String {
    "\"" + clean(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  /// `"Name" <address>`, the name encoded when it is not ASCII; the bare address without a name.
  static func mailbox(_ box: Mailbox) -> String {
    let name = box.name.map { clean($0).trimmingCharacters(in: .whitespaces) } ?? ""
    if name.isEmpty { return box.address.text }
    return (name.allSatisfy(\.isASCII) ? quoted(name) : encodedWords(name)) + " <\(box.address.text)>"
  }

  /// Unstructured text such as a subject.
  static func text(_ value: String) -> String {
    let c = clean(value)
    return c.allSatisfy(\.isASCII) ? c : encodedWords(c)
  }

  /// RFC 2047 B encoded words, each at most 75 characters and holding whole code points,
  /// folded onto continuation lines.
  static func encodedWords(_ text: String) -> String {
    // 75 - "=?UTF-8?B?".count - "?=".count = 63 base64 characters: 45 bytes of UTF-8.
    var words: [String] = []
    var chunk = ""
    for scalar in text.unicodeScalars {
      if chunk.utf8.count + String(scalar).utf8.count > 45, !chunk.isEmpty {
        words.append(chunk)
        chunk = ""
      }
      chunk.unicodeScalars.append(scalar)
    }
    if !chunk.isEmpty { words.append(chunk) }
    return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\n ")
  }
}
