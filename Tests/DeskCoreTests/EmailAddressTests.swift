import Foundation
import Testing

@testable import DeskCore

@Suite("EmailAddressTests: the one address check, and mail header text")
struct EmailAddressTests {
  @Test(
    "RFC 5321 mailboxes are accepted as given, trimmed",
    arguments: [
      ("anna@example.com", "anna@example.com"),
      ("  Anna.Petrova+tag@Example.COM ", "Anna.Petrova+tag@Example.COM"),
      ("o'brien!#$%&*/=?^_`{|}~-@mail.example.org", "o'brien!#$%&*/=?^_`{|}~-@mail.example.org"),
      (#""john smith, <x>"@example.com"#, #""john smith, <x>"@example.com"#),
      (#""a\"b\\c"@example.com"#, #""a\"b\\c"@example.com"#),
      ("ольга@пример.рф", "ольга@пример.рф"),
      ("root@[192.0.2.1]", "root@[192.0.2.1]"),
      ("root@[IPv6:2001:db8::1]", "root@[IPv6:2001:db8::1]"),
      ("x@a-b.c0", "x@a-b.c0"),
    ])
  func valid(input: String, stored: String) throws {
    #expect(try EmailAddress(input).text == stored)
  }

  @Test(
    "anything else is refused with the reason",
    arguments: [
      ("bad", "it has no @"),
      ("@example.com", "nothing before the @"),
      ("anna@", "nothing after the @"),
      ("a>,victim2@evil.example", "'>' is not allowed outside quotes"),
      ("a b@example.com", "' ' is not allowed outside quotes"),
      ("a;b@example.com", "';' is not allowed outside quotes"),
      (".anna@example.com", "the part before the @ has a misplaced dot"),
      ("an..na@example.com", "the part before the @ has a misplaced dot"),
      ("\"anna@example.com", "the quoted part before the @ is not closed"),
      ("\"an\"na@example.com", "the quoted part before the @ is followed by more text"),
      ("\"an\u{7}na\"@example.com", "it contains a control character"),
      ("\"anna\u{E9}\"@example.com", "'\u{E9}' is not allowed in quotes"),
      ("anna\u{202E}@example.com", "'\u{202E}' is not allowed outside quotes"),
      ("anna@localhost", "the domain 'localhost' has no dot"),
      ("anna@-example.com", "the domain '-example.com' is not a host name"),
      ("anna@example..com", "the domain 'example..com' is not a host name"),
      ("anna@exa_mple.com", "the domain 'exa_mple.com' is not a host name"),
      ("anna@[300.1.1.1]", "'[300.1.1.1]' is not an IPv4 or IPv6 address literal"),
      ("anna@[192.0.2.1", "the address literal is not closed"),
      (String(repeating: "a", count: 65) + "@example.com", "the part before the @ is longer than 64 bytes"),
      ("a@" + String(repeating: "b", count: 250) + ".com", "it is longer than 254 bytes"),
      ("a@" + String(repeating: "b", count: 64) + ".com", "the domain '\(String(repeating: "b", count: 64)).com' is not a host name"),
    ])
  func invalid(input: String, reason: String) throws {
    expectDeskError("invalid_input", exit: 65, message: "the email '\(input)' is not an email address: \(reason)") {
      try EmailAddress(input)
    }
  }

  @Test("a local domain is allowed only where asked for (mail.from)")
  func localDomain() throws {
    #expect(try EmailAddress("desk@localhost", localDomain: true).text == "desk@localhost")
  }

  @Test("a mailbox reads a display name, quoted or not, and writes it quoted")
  func mailbox() throws {
    #expect(try Mailbox(parsing: "Desk Support <desk@example.com>", "mail.from").description == #""Desk Support" <desk@example.com>"#)
    #expect(try Mailbox(parsing: #""Kim, \"O\"" <kim@example.com>"#, "mail.from").name == #"Kim, "O""#)
    #expect(try Mailbox(parsing: " desk@example.com ", "mail.from").description == "desk@example.com")
    #expect(try Mailbox(parsing: "<desk@example.com>", "mail.from").description == "desk@example.com")
  }

  @Test("header text: controls become spaces, names are quoted")
  func headerText() {
    #expect(MailHeader.clean("a\r\nb\u{0}c\u{85}d\u{2028}e\tf") == "a  b c d e f")
    #expect(MailHeader.quoted(#"Kim "K" \ O"#) == #""Kim \"K\" \\ O""#)
  }
}
