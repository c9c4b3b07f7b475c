import Foundation
import Testing

/// Issue 17, items 2 and 3: who may join a ticket by `[#N]`, desk's own addresses as loops, and the
/// quoted history cut from the text shown.
@Suite("MailThreadTests: participants join by [#N], desk's own addresses loop, quoted history is cut")
struct MailThreadTests {
  /// Anna's mail opening ticket 1, sent to support and copied to her colleague Kim.
  static let opening = Data(
    """
    From: Anna Petrova <anna@example.com>
    To: Support <help@desk.example>
    Cc: Kim <kim@example.com>, "Support again" <HELP@desk.example>
    Subject: Invoice is wrong
    Message-ID: <open-1@example.com>

    The invoice lists 12 seats; we have 10.

    """.utf8)

  static func mail(from: String, subject: String, id: String, _ extra: String = "", body: String = "Any news?") -> Data {
    Data("From: \(from)\nTo: help@desk.example\nSubject: \(subject)\nMessage-ID: <\(id)>\n\(extra)\n\(body)\n".utf8)
  }

  static func desk() throws -> Sandbox {
    let s = Sandbox.team()
    s.ok("config", "set", "mail.from", "Support <help@desk.example>")
    #expect(try s.mail(Self.opening).object()["ticket"] as? Int == 1)
    return s
  }

  @Test("a colleague copied on the first mail answers with [#1]: it joins ticket 1 as a participant, recorded in its history")
  func copiedColleague() throws {
    let s = try Self.desk()
    // desk's own address in Cc is not a participant.
    #expect(try s.scalar("SELECT group_concat(email || ' ' || via, ', ') FROM ticket_participant") == "kim@example.com copied")
    let r = try s.mail(Self.mail(from: "Kim <kim@example.com>", subject: "Re: Invoice is wrong [#1]", id: "kim-1@example.com")).object()
    #expect(r["outcome"] as? String == "appended")
    #expect(r["ticket"] as? Int == 1)
    #expect(try s.scalar("SELECT count(*) FROM ticket") == "1")
    #expect(try s.scalar("SELECT author_name FROM message WHERE id = \(try #require(r["message"] as? Int))") == "Kim")
    #expect(
      try s.scalar("SELECT group_concat(field || ' ' || new_value, ', ') FROM history WHERE ticket_id = 1 AND field = 'participant'")
        == "participant kim@example.com (copied)")
    let card = try #require(try s.ok("ticket", "show", "1", "--json").array().first)
    let participants = (card["participants"] as? [[String: Any]])?.map { "\($0["name"] ?? "") (\($0["role"] ?? ""))" }
    #expect(participants == ["Anna Petrova (customer)", "Kim (copied)"])
    #expect(s.ok("ticket", "show", "1").stdout.contains("\nparticipants Anna Petrova (customer), Kim (copied)\n"))
  }

  @Test("[#1] from a stranger opens their own ticket; ticket 1 is untouched")
  func stranger() throws {
    let s = try Self.desk()
    let before = try s.scalar("SELECT count(*) || ' ' || max(id) FROM message WHERE ticket_id = 1")
    let r = try s.mail(Self.mail(from: "eve@elsewhere.example", subject: "Re: Invoice is wrong [#1]", id: "eve-1@x")).object()
    #expect(r["outcome"] as? String == "created")
    #expect(r["ticket"] as? Int == 2)
    #expect(try s.scalar("SELECT count(*) || ' ' || max(id) FROM message WHERE ticket_id = 1") == before)
    #expect(try s.scalar("SELECT count(*) FROM ticket_participant WHERE email = 'eve@elsewhere.example'") == "0")
  }

  @Test("the same organisation's domain joins by [#N] when the customer has an organisation; without one it does not")
  func sameDomain() throws {
    let s = try Self.desk()
    let lone = try s.mail(Self.mail(from: "olga@example.com", subject: "Re: [#1]", id: "olga-1@example.com")).object()
    #expect(lone["ticket"] as? Int == 2)
    s.ok("customer", "edit", "1", "--org", "Example Ltd")
    let r = try s.mail(Self.mail(from: "Pavel <pavel@EXAMPLE.com>", subject: "Re: [#1]", id: "pavel-1@example.com")).object()
    #expect(r["ticket"] as? Int == 1)
    #expect(try s.scalar("SELECT via FROM ticket_participant WHERE email = 'pavel@example.com'") == "domain")
    // A colleague by organisation at another domain joins too.
    s.ok("customer", "add", "Lena", "--email", "lena@example.org", "--org", "example ltd")
    let lena = try s.mail(Self.mail(from: "lena@example.org", subject: "Re: [#1]", id: "lena-1@example.org")).object()
    #expect(lena["ticket"] as? Int == 1)
  }

  @Test("someone answering desk's mail (In-Reply-To) joins the ticket whoever they are")
  func answered() throws {
    let s = try Self.desk()
    let r = try s.mail(
      Self.mail(from: "boss@other.example", subject: "Fwd: about your invoice", id: "boss-1@x", "In-Reply-To: <open-1@example.com>\n")
    ).object()
    #expect(r["ticket"] as? Int == 1)
    #expect(try s.scalar("SELECT via FROM ticket_participant WHERE email = 'boss@other.example'") == "answered")
  }

  @Test("mail from any of desk's addresses is a loop: mail.reply-to, mail.addresses, mail.envelope-from and its VERP form")
  func ownAddresses() throws {
    let s = try Self.desk()
    s.ok("config", "set", "mail.reply-to", "answers@desk.example")
    #expect(s.ok("config", "set", "mail.addresses", " Sales@Desk.example ,billing@desk.example").stdout == "mail.addresses = sales@desk.example,billing@desk.example\n")
    s.ok("config", "set", "mail.envelope-from", "bounces@desk.example")
    for (i, from) in ["answers@desk.example", "BILLING@desk.example", "bounces@desk.example", "bounces+7@desk.example", "help@desk.example"]
      .enumerated()
    {
      let r = try s.mail(Self.mail(from: from, subject: "Re: [#1]", id: "own-\(i)@desk.example")).object()
      #expect(r["outcome"] as? String == "loop", "\(from)")
      #expect(r["detail"] as? String == "from desk's own address \(from.lowercased())")
    }
    #expect(try s.scalar("SELECT count(*) FROM mail_in WHERE outcome = 'loop'") == "5")
    #expect(try s.scalar("SELECT count(*) FROM message WHERE author_kind = 'customer'") == "1")
    // A customer's own +tag at their domain is not desk's.
    let r = try s.mail(Self.mail(from: "bounces+7@customer.example", subject: "Hello", id: "c-1@customer.example")).object()
    #expect(r["outcome"] as? String == "created")
    let bad = s.run("config", "set", "mail.addresses", "sales@desk.example,not an address")
    #expect(bad.status == 65)
    #expect(s.ok("config", "get", "mail.addresses").stdout == "sales@desk.example,billing@desk.example\n")
  }

  static let quoted = """
    Thanks, that works now.

    On Tue, 24 Nov 2026 at 10:00, Support <help@desk.example> wrote:
    > Fixed in 2.4.
    > Kind regards
    """

  @Test("the history a reply quotes is cut from the text shown and kept beside it; the card says it is hidden")
  func quotedHistory() throws {
    let s = try Self.desk()
    let r = try s.mail(Self.mail(from: "anna@example.com", subject: "Re: Invoice is wrong [#1]", id: "anna-2@example.com", body: Self.quoted))
      .object()
    let message = try #require(r["message"] as? Int)
    #expect(try s.scalar("SELECT body FROM message WHERE id = \(message)") == "Thanks, that works now.")
    #expect(
      try s.scalar("SELECT quoted FROM message WHERE id = \(message)")
        == "On Tue, 24 Nov 2026 at 10:00, Support <help@desk.example> wrote:\n> Fixed in 2.4.\n> Kind regards")
    let card = s.ok("ticket", "show", "1").stdout
    #expect(card.contains("Thanks, that works now.\n  ⋯ 3 quoted lines hidden (--json shows them)\n"))
    #expect(!card.contains("> Fixed in 2.4."))
    let messages = try s.ok("ticket", "show", "1", "--json").array().first?["messages"] as? [[String: Any]]
    #expect(messages?.first?["quoted"] is NSNull)
    #expect(messages?.last?["quoted"] as? String == "On Tue, 24 Nov 2026 at 10:00, Support <help@desk.example> wrote:\n> Fixed in 2.4.\n> Kind regards")
  }

  @Test("an agent's answer from their mailbox goes to the customer without the history it quoted")
  func agentQuotes() throws {
    let s = try Self.desk()
    s.ok("agent", "edit", "bob", "--email", "bob@desk.example")
    let body = "We will send a new invoice today.\n\nOn Tue, 24 Nov 2026 at 10:05, Anna Petrova <anna@example.com> wrote:\n> The invoice lists 12 seats; we have 10.\n"
    let r = try s.mail(Self.mail(from: "bob@desk.example", subject: "Re: Invoice is wrong [#1]", id: "bob-1@desk.example", body: body))
      .object()
    let message = try #require(r["message"] as? Int)
    #expect(try s.scalar("SELECT body FROM outbox WHERE message_id = \(message)") == "We will send a new invoice today.")
  }

  @Test("an agent answering a notice desk mailed them (In-Reply-To) writes an internal note, never a reply to the customer")
  func agentAnswersNotice() throws {
    let s = try Self.desk()
    s.ok("agent", "edit", "bob", "--email", "bob@desk.example")
    // An SLA warning desk mailed bob about ticket 1 (through a notify adapter that sends mail).
    try s.write(
      """
      INSERT INTO outbox(created_at, event, audience, channel, recipient, recipient_name, ticket_id, subject, body, automatic,
                         dedupe_key, state, next_attempt_at, mail_id)
      VALUES ('2026-11-24T10:00:00Z', 'sla.warning', 'agent', 'notify', 'bob', 'Bob', 1, 'SLA warning [#1]', 'Due soon.', 1,
              'warn:1', 'sent', '2026-11-24T10:00:00Z', 'notice-1@desk.example')
      """)
    let before = try s.scalar("SELECT count(*) FROM outbox WHERE audience = 'customer'")
    let r = try s.mail(
      Self.mail(from: "bob@desk.example", subject: "Re: SLA warning [#1]", id: "bob-2@desk.example", "In-Reply-To: <notice-1@desk.example>\n",
        body: "On it, the customer is on the old plan.")
    ).object()
    #expect(r["detail"] as? String == "note by bob")
    #expect(try s.scalar("SELECT visibility FROM message WHERE id = \(try #require(r["message"] as? Int))") == "internal")
    #expect(try s.scalar("SELECT count(*) FROM outbox WHERE audience = 'customer'") == before)
  }

  @Test("a mail that is all quotation keeps all its text shown")
  func onlyQuotation() throws {
    let s = try Self.desk()
    let r = try s.mail(Self.mail(from: "anna@example.com", subject: "Re: [#1]", id: "anna-3@example.com", body: "> Fixed in 2.4.\n> Kind regards"))
      .object()
    let message = try #require(r["message"] as? Int)
    #expect(try s.scalar("SELECT body || '|' || coalesce(quoted, 'NULL') FROM message WHERE id = \(message)") == "> Fixed in 2.4.\n> Kind regards|NULL")
  }
}
