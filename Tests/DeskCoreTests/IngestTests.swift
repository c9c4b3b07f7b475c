import Foundation
import GRDB
import Testing

@testable import DeskCore

@Suite("Tickets: ingest of customer messages")
struct IngestTests {
  func email(_ body: String, from address: String = "anna@example.com", name: String? = "Anna", subject: String? = nil)
    -> IngestRequest
  {
    var request = IngestRequest(channel: "email")
    request.email = address
    request.name = name
    request.subject = subject
    request.body = body
    return request
  }

  @Test("a first message creates the customer and a new ticket")
  func createsCustomerAndTicket() throws {
    let desk = try makeDesk()
    let result = try desk.tickets.ingest(email("It is burning.", subject: "Printer on fire"))
    #expect(result.created)
    #expect(result.customerCreated)
    #expect(result.customerID == 1)
    #expect(result.messageID == 1)
    #expect(result.followUpOf == nil)
    #expect(result.ticket.id == 1)
    #expect(result.ticket.subject == "Printer on fire")
    #expect(result.ticket.status == .new)
    #expect(result.ticket.channel == "email")
    #expect(result.ticket.customerName == "Anna")
    #expect(result.ticket.firstReplyAt == nil)

    let customer = try desk.customers.show("anna@example.com")
    #expect(customer.id == 1)
    #expect(customer.name == "Anna")
    #expect(customer.email == "anna@example.com")
    let messages = try desk.tickets.card(1).messages
    #expect(messages.count == 1)
    #expect(messages[0].authorKind == .customer)
    #expect(messages[0].customerID == 1)
    #expect(messages[0].body == "It is burning.")
    #expect(messages[0].automatic == false)
    #expect(try desk.historyLines(1) == ["created: nil -> Printer on fire", "customer message: nil -> message 1"])
    #expect(try desk.scalar("SELECT DISTINCT actor FROM history WHERE ticket_id = 1") as String? == "customer:1")
  }

  @Test("without a subject the first line of the body is the subject")
  func subjectFromBody() throws {
    let desk = try makeDesk()
    let result = try desk.tickets.ingest(email("\n  Printer on fire  \nsecond line"))
    #expect(result.ticket.subject == "Printer on fire")
    #expect(Tickets.subject(nil, body: String(repeating: "a", count: 81)) == String(repeating: "a", count: 79) + "…")
    #expect(Tickets.subject("  ", body: "") == "(no subject)")
  }

  @Test("a second message on the same channel is appended to the same ticket")
  func secondMessageAppends() throws {
    let desk = try makeDesk()
    _ = try desk.tickets.ingest(email("It is burning.", subject: "Printer on fire"))
    let second = try desk.at("2026-11-24T10:10:00Z").tickets.ingest(email("Now it smokes.", subject: "Re: Printer on fire"))
    #expect(!second.created)
    #expect(!second.customerCreated)
    #expect(second.ticket.id == 1)
    #expect(second.messageID == 2)
    #expect(second.ticket.subject == "Printer on fire")
    #expect(second.ticket.updatedAt == ts("2026-11-24T10:10:00Z"))
    #expect(try desk.tickets.card(1).messages.map(\.body) == ["It is burning.", "Now it smokes."])
    #expect(try desk.scalar("SELECT count(*) FROM ticket") as Int? == 1)
    #expect(try desk.scalar("SELECT count(*) FROM customer") as Int? == 1)
  }

  @Test("a message on another channel opens its own ticket for the same customer")
  func otherChannelNewTicket() throws {
    let desk = try makeDesk()
    _ = try desk.tickets.ingest(email("Hello by mail"))
    var chat = IngestRequest(channel: "chat")
    chat.customer = "anna@example.com"
    chat.body = "Hello by chat"
    let result = try desk.tickets.ingest(chat)
    #expect(result.created)
    #expect(result.ticket.id == 2)
    #expect(result.ticket.channel == "chat")
    #expect(result.customerID == 1)
  }

  @Test("[#N] in the subject routes to ticket N only when it is this customer's")
  func subjectReferenceRouting() throws {
    let desk = try makeDesk()
    _ = try desk.tickets.ingest(email("first", subject: "Printer"))  // #1, anna
    try desk.at("2026-11-24T10:05:00Z").newTicket("Scanner") { $0.customer = "anna@example.com" }  // #2, anna, newer
    _ = try desk.tickets.ingest(email("boris here", from: "boris@example.com", name: "Boris", subject: "Boris"))  // #3

    let toOne = try desk.at("2026-11-24T10:10:00Z").tickets.ingest(email("about the printer", subject: "Re: Printer [#1]"))
    #expect(toOne.ticket.id == 1)
    #expect(!toOne.created)

    let plain = try desk.at("2026-11-24T10:15:00Z").tickets.ingest(email("no reference"))
    #expect(plain.ticket.id == 1)  // the most recently updated ticket on the channel

    let toBoris = try desk.at("2026-11-24T10:20:00Z").tickets.ingest(email("sneaky", subject: "Re: Boris [#3]"))
    #expect(toBoris.ticket.id == 1)
    #expect(try desk.tickets.card(3).messages.map(\.body) == ["boris here"])

    let toTwo = try desk.at("2026-11-24T10:25:00Z").tickets.ingest(email("about the scanner", subject: "Re: [#2] Scanner"))
    #expect(toTwo.ticket.id == 2)
  }

  @Test("the ticket a gateway names wins over the subject")
  func explicitTicket() throws {
    let desk = try makeDesk()
    _ = try desk.tickets.ingest(email("first", subject: "Printer"))
    try desk.at("2026-11-24T10:05:00Z").newTicket("Scanner") { $0.customer = "anna@example.com" }
    var request = email("thread reply", subject: "Re: Printer [#2]")
    request.ticket = 1
    #expect(try desk.tickets.ingest(request).ticket.id == 1)
  }

  @Test("a customer message reopens pending and solved tickets", arguments: [TicketStatus.pending, .solved])
  func reopensWaitingTickets(status: TicketStatus) throws {
    let desk = try makeDesk()
    _ = try desk.tickets.ingest(email("first"))
    if status == .pending {
      _ = try desk.tickets.reply([1], body: "Which model?", status: .pending)
    } else {
      _ = try desk.tickets.solve([1], comment: "Fixed.")
    }
    let result = try desk.at("2026-11-24T11:00:00Z").tickets.ingest(email("It is a LaserJet."))
    #expect(result.ticket.id == 1)
    #expect(!result.created)
    #expect(result.ticket.status == .open)
    #expect(result.ticket.solvedAt == nil)
    #expect(try desk.historyLines(1).last == "status: \(status.rawValue) -> open")
  }

  @Test("a customer message leaves an on-hold ticket on hold")
  func onHoldStays() throws {
    let desk = try makeDesk()
    _ = try desk.tickets.ingest(email("first"))
    var hold = TicketChanges()
    hold.status = .onHold
    _ = try desk.tickets.set([1], hold)
    let result = try desk.tickets.ingest(email("any news?"))
    #expect(result.ticket.id == 1)
    #expect(result.ticket.status == .onHold)
  }

  @Test("a message to a closed ticket opens a linked follow-up")
  func followUpOfClosed() throws {
    let desk = try makeTeamDesk()
    _ = try desk.tickets.ingest(email("first", subject: "Printer"))
    var changes = TicketChanges()
    changes.assignee = "anna"
    changes.priority = .high
    changes.type = "development"
    changes.addTags = ["printer"]
    _ = try desk.tickets.set([1], changes)
    _ = try desk.tickets.solve([1])
    _ = try desk.tickets.close([1])

    let result = try desk.at("2026-11-25T09:00:00Z").tickets.ingest(email("It burns again.", subject: "Re: Printer [#1]"))
    #expect(result.created)
    #expect(result.followUpOf == 1)
    #expect(result.ticket.id == 2)
    #expect(result.ticket.followUpOf == 1)
    #expect(result.ticket.subject == "Re: Printer [#1]")
    #expect(result.ticket.status == .open)
    #expect(result.ticket.assigneeLogin == "anna")
    #expect(result.ticket.priority == .high)
    #expect(result.ticket.type == "development")
    #expect(result.ticket.tags == ["printer"])
    let followUpMessages = try desk.tickets.card(2).messages
    #expect(followUpMessages.map(\.body) == ["It burns again."])
    #expect(followUpMessages.map(\.id) == [result.messageID])

    let newLinks = try desk.tickets.card(2).links.map { "\($0.kind) \($0.target)" }
    let oldLinks = try desk.tickets.card(1).links.map { "\($0.kind) \($0.target)" }
    #expect(newLinks == ["follow-up-of #1"])
    #expect(oldLinks == ["follow-up #2"])
    #expect(try desk.tickets.get(1).status == .closed)
    #expect(try desk.tickets.card(1).messages.map(\.body) == ["first"])
  }

  @Test("a follow-up of a ticket whose assignee left is unassigned")
  func followUpOfDeactivatedAssignee() throws {
    let desk = try makeTeamDesk()
    _ = try desk.tickets.ingest(email("first", subject: "Printer"))
    _ = try desk.tickets.assign([1], to: "anna")
    _ = try desk.tickets.solve([1])
    _ = try desk.tickets.close([1])
    _ = try desk.agents.deactivate("anna")
    var request = email("again")
    request.ticket = 1
    let result = try desk.tickets.ingest(request)
    #expect(result.followUpOf == 1)
    #expect(result.ticket.assigneeID == nil)
    #expect(result.ticket.status == .new)
    #expect(result.ticket.subject == "Printer")
  }

  @Test(
    "automatic messages are recognised from mail headers",
    arguments: [
      (["Auto-Submitted": "auto-replied"], true), (["auto-submitted": "auto-generated"], true),
      (["Precedence": "bulk"], true), (["Precedence": " Junk "], true), (["X-Autoreply": "yes"], true),
      (["Auto-Submitted": "no"], false), (["Auto-Submitted": " NO "], false), (["Auto-Submitted": ""], false),
      (["Precedence": "first-class"], false), (["Subject": "Auto-Submitted"], false), ([:], false),
    ] as [([String: String], Bool)])
  func automaticFromHeaders(headers: [String: String], automatic: Bool) {
    var request = IngestRequest(channel: "email")
    request.headers = headers
    #expect(request.isAutomatic == automatic)
  }

  @Test("the automatic flag marks a message automatic without headers")
  func automaticFlag() {
    var request = IngestRequest(channel: "email")
    #expect(!request.isAutomatic)
    request.automatic = true
    #expect(request.isAutomatic)
    request.automatic = false
    request.headers = ["Precedence": "list"]
    #expect(request.isAutomatic)
  }

  @Test("an automatic message is stored as automatic, a normal one is not")
  func automaticStored() throws {
    let desk = try makeDesk()
    var auto = email("I am out of office.", subject: "Out of office")
    auto.headers = ["Auto-Submitted": "auto-replied"]
    _ = try desk.tickets.ingest(auto)
    var human = email("Back now.")
    human.headers = ["Auto-Submitted": "no"]
    _ = try desk.tickets.ingest(human)
    #expect(try desk.tickets.card(1).messages.map(\.automatic) == [true, false])
  }

  @Test("an empty message is refused and nothing is created", arguments: ["", "  \n\t "])
  func emptyMessage(body: String) throws {
    let desk = try makeDesk()
    expectDeskError("invalid_input", exit: 65, message: "the message is empty") { try desk.tickets.ingest(email(body)) }
    #expect(try desk.scalar("SELECT count(*) FROM customer") as Int? == 0)
    #expect(try desk.scalar("SELECT count(*) FROM ticket") as Int? == 0)
  }

  @Test("a message with only an attachment is kept")
  func attachmentOnly() throws {
    var request = IngestRequest(channel: "telegram")
    request.handle = "@anna"
    request.attachments = [
      .init(name: "voice.ogg", contentType: nil, data: Data("OggS".utf8).base64EncodedString())
    ]
    let desk = try makeDesk()
    let result = try desk.tickets.ingest(request)
    #expect(result.ticket.subject == "(no subject)")
    #expect(result.ticket.channel == "telegram")
    let files = try desk.tickets.attachments(of: 1)
    #expect(files.map(\.name) == ["voice.ogg"])
    #expect(files.map(\.contentType) == ["audio/ogg"])
    #expect(files.map(\.size) == [4])
    #expect(try desk.customers.show("telegram:@anna").name == "telegram:@anna")
  }

  @Test("ingest without any customer reference is a usage error")
  func needsCustomer() throws {
    let desk = try makeDesk()
    var request = IngestRequest(channel: "email")
    request.body = "who am I?"
    expectDeskError("usage", exit: 64, message: "ingest needs to know the customer") { try desk.tickets.ingest(request) }
  }

  @Test("ingest on an unknown channel is a usage error")
  func unknownChannel() throws {
    let desk = try makeDesk()
    var request = email("hi")
    request.channel = "pigeon"
    expectDeskError("usage", exit: 64, message: "unknown channel 'pigeon'") { try desk.tickets.ingest(request) }
    #expect(try desk.scalar("SELECT count(*) FROM customer") as Int? == 0)
  }

  // Regressions: each of these was a bug once.

  @Test("a mail subject with a tab (from an unfolded header) does not make the message bounce")
  func subjectWithTab() throws {
    let desk = try makeDesk()
    let result = try desk.tickets.ingest(email("body", subject: "Invoice for\tNovember"))
    #expect(result.ticket.subject == "Invoice for November")
  }

  @Test("a mail subject over 500 characters does not make the message bounce")
  func longSubject() throws {
    let desk = try makeDesk()
    let result = try desk.tickets.ingest(email("body", subject: String(repeating: "x", count: 600)))
    #expect(result.ticket.subject.count <= 500)
  }

  @Test("a customer writing to a merged ticket reaches the ticket it was merged into")
  func messageToMergedTicket() throws {
    let desk = try makeDesk()
    _ = try desk.tickets.ingest(email("one", subject: "Printer"))
    try desk.newTicket("Printer (duplicate)") { $0.customer = "anna@example.com" }
    _ = try desk.tickets.merge(1, into: 2)
    let result = try desk.tickets.ingest(email("more", subject: "Re: Printer [#1]"))
    #expect(result.ticket.id == 2)
    #expect(!result.created)
    #expect(result.followUpOf == nil)
  }
}
