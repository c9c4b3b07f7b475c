import Foundation
import GRDB
import Testing

@testable import DeskCore

@Suite("Tickets: create, reply, note, solve, close, reopen")
struct TicketLifecycleTests {
  // MARK: create

  @Test("a new ticket starts as new with defaults and a history line")
  func createDefaults() throws {
    let desk = try makeDesk()
    let ticket = try desk.newTicket("  Printer on fire ")
    #expect(ticket.id == 1)
    #expect(ticket.subject == "Printer on fire")
    #expect(ticket.status == .new)
    #expect(ticket.priority == .normal)
    #expect(ticket.type == "support")
    #expect(ticket.channel == "email")
    #expect(ticket.assigneeID == nil)
    #expect(ticket.customerID == nil)
    #expect(ticket.createdAt == testNow)
    #expect(ticket.updatedAt == testNow)
    #expect(ticket.firstReplyAt == nil)
    #expect(ticket.tags == [])
    #expect(try desk.historyLines(1) == ["created: nil -> Printer on fire"])
  }

  @Test("a ticket created with an assignee starts open")
  func createAssigned() throws {
    let desk = try makeTeamDesk()
    let ticket = try desk.newTicket("Cannot log in") {
      $0.assignee = "anna"
      $0.priority = .urgent
      $0.type = "Finance"
      $0.channel = "Telegram"
    }
    #expect(ticket.status == .open)
    #expect(ticket.assigneeLogin == "anna")
    #expect(ticket.priority == .urgent)
    #expect(ticket.type == "finance")
    #expect(ticket.channel == "telegram")
    #expect(try desk.historyLines(1) == ["created: nil -> Cannot log in", "assignee: nil -> anna"])
  }

  @Test("the body of a ticket with a customer is the customer's message, not a reply")
  func createWithCustomerBody() throws {
    let desk = try makeDesk()
    var anna = CustomerChanges()
    anna.name = "Anna"
    anna.email = "anna@example.com"
    _ = try desk.customers.add(anna)
    let ticket = try desk.newTicket("Phone call") {
      $0.customer = "anna@example.com"
      $0.channel = "phone"
      $0.body = "Anna called: the printer is on fire."
    }
    #expect(ticket.customerName == "Anna")
    #expect(ticket.status == .new)
    #expect(ticket.firstReplyAt == nil)
    let card = try desk.tickets.card(ticket.id)
    #expect(card.messages.count == 1)
    #expect(card.messages[0].authorKind == .customer)
    #expect(card.messages[0].authorName == "Anna")
    #expect(card.messages[0].customerID == 1)
    #expect(card.messages[0].visibility == .public)
    #expect(card.messages[0].channel == "phone")
    #expect(card.messages[0].body == "Anna called: the printer is on fire.")
  }

  @Test("a subject that is empty or has a newline is refused and nothing is created")
  func createRefusesBadSubject() throws {
    let desk = try makeDesk()
    expectDeskError("invalid_input", exit: 65, message: "the subject is empty") { try desk.newTicket("   ") }
    expectDeskError("invalid_input", exit: 65, message: "the subject contains control characters (a newline or tab?)") {
      try desk.newTicket("two\nlines")
    }
    expectDeskError("usage", exit: 64, message: "unknown channel 'fax'") { try desk.newTicket("Hi") { $0.channel = "fax" } }
    #expect(try desk.scalar("SELECT count(*) FROM ticket") as Int? == 0)
  }

  @Test("ticket numbers are never reused after the newest ticket is deleted")
  func numbersNotReused() throws {
    let desk = try makeDesk()
    try desk.newTicket("one")
    try desk.newTicket("two")
    try desk.database.write { db in
      try db.execute(sql: "DELETE FROM history WHERE ticket_id = 2; DELETE FROM ticket WHERE id = 2")
    }
    #expect(try desk.newTicket("three").id == 3)
  }

  // MARK: reply and note

  @Test("the first reply stamps first_reply_at and opens a new ticket; later replies keep it")
  func replyOpensAndStampsFirstReply() throws {
    let desk = try makeTeamDesk()
    try desk.newTicket("Printer")
    let anna = desk.acting(as: "anna")
    let first = try anna.at("2026-11-24T10:05:00Z").tickets.reply([1], body: "Turn it off and on again.")
    #expect(first.count == 1)
    #expect(first[0].changed)
    #expect(first[0].summary == "replied (message 1), now open")
    #expect(first[0].ticket.status == .open)
    #expect(first[0].ticket.firstReplyAt == ts("2026-11-24T10:05:00Z"))
    #expect(first[0].ticket.updatedAt == ts("2026-11-24T10:05:00Z"))

    let second = try anna.at("2026-11-24T10:20:00Z").tickets.reply([1], body: "Did it help?")
    #expect(second[0].summary == "replied (message 2)")
    #expect(second[0].ticket.status == .open)
    #expect(second[0].ticket.firstReplyAt == ts("2026-11-24T10:05:00Z"))
    #expect(second[0].ticket.updatedAt == ts("2026-11-24T10:20:00Z"))

    let messages = try desk.tickets.card(1).messages
    #expect(messages.map(\.authorName) == ["anna", "anna"])
    #expect(messages.map(\.agentID) == [3, 3])
    #expect(messages.map(\.visibility) == [.public, .public])
    #expect(messages.map(\.body) == ["Turn it off and on again.", "Did it help?"])
    #expect(
      try desk.historyLines(1) == [
        "created: nil -> Printer", "agent reply: nil -> message 1", "status: new -> open",
        "agent reply: nil -> message 2",
      ])
  }

  @Test("a reply may set the status, e.g. pending while waiting on the customer")
  func replyWithPending() throws {
    let desk = try makeDesk()
    try desk.newTicket("Which version?")
    let out = try desk.tickets.reply([1], body: "Which version do you run?", status: .pending)
    #expect(out[0].summary == "replied (message 1), now pending")
    #expect(out[0].ticket.status == .pending)
    #expect(out[0].ticket.firstReplyAt == testNow)
  }

  @Test("a reply whose status the lifecycle refuses writes no message")
  func replyWithRefusedStatusIsAtomic() throws {
    let desk = try makeDesk()
    try desk.newTicket("Printer")
    expectDeskError("not_allowed", exit: 65, message: "ticket 1 is new; only solved tickets can be closed") {
      try desk.tickets.reply([1], body: "Closing this.", status: .closed)
    }
    let ticket = try desk.tickets.get(1)
    #expect(ticket.status == .new)
    #expect(ticket.firstReplyAt == nil)
    #expect(try desk.scalar("SELECT count(*) FROM message") as Int? == 0)
  }

  @Test("a reply to a closed ticket is refused")
  func replyToClosed() throws {
    let desk = try makeDesk()
    try desk.newTicket("Printer")
    _ = try desk.tickets.solve([1])
    _ = try desk.tickets.close([1])
    expectDeskError("not_allowed", exit: 65, message: "ticket 1 is closed; a closed ticket cannot change") {
      try desk.tickets.reply([1], body: "Hello again")
    }
    #expect(try desk.scalar("SELECT count(*) FROM message") as Int? == 0)
  }

  @Test("an empty reply is refused")
  func emptyReply() throws {
    let desk = try makeDesk()
    try desk.newTicket("Printer")
    expectDeskError("invalid_input", exit: 65, message: "the message is empty") {
      try desk.tickets.reply([1], body: " \n\t")
    }
    #expect(try desk.tickets.get(1).status == .new)
  }

  @Test("an internal note is not a reply: no first_reply_at, status unchanged")
  func noteIsInternal() throws {
    let desk = try makeTeamDesk()
    try desk.newTicket("Printer")
    let out = try desk.acting(as: "anna").tickets.note([1], body: "Probably the fuser again.")
    #expect(out[0].summary == "noted (message 1)")
    #expect(out[0].ticket.status == .new)
    #expect(out[0].ticket.firstReplyAt == nil)
    let messages = try desk.tickets.card(1).messages
    #expect(messages.count == 1)
    #expect(messages[0].visibility == .internal)
    #expect(messages[0].authorKind == .agent)
    #expect(messages[0].authorName == "anna")
    #expect(try desk.historyLines(1) == ["created: nil -> Printer", "internal note: nil -> message 1"])
  }

  // MARK: solve, close, reopen

  @Test("solve, close and their repeats report what changed")
  func solveThenClose() throws {
    let desk = try makeDesk()
    try desk.newTicket("Printer")
    let solved = try desk.at("2026-11-24T11:00:00Z").tickets.solve([1])
    #expect(solved[0].changed)
    #expect(solved[0].summary == "solved")
    #expect(solved[0].ticket.status == .solved)
    #expect(solved[0].ticket.solvedAt == ts("2026-11-24T11:00:00Z"))

    let again = try desk.at("2026-11-24T11:30:00Z").tickets.solve([1])
    #expect(!again[0].changed)
    #expect(again[0].summary == "already solved")
    #expect(again[0].ticket.solvedAt == ts("2026-11-24T11:00:00Z"))

    let closed = try desk.at("2026-11-24T12:00:00Z").tickets.close([1])
    #expect(closed[0].changed)
    #expect(closed[0].summary == "closed")
    #expect(closed[0].ticket.status == .closed)
    #expect(closed[0].ticket.closedAt == ts("2026-11-24T12:00:00Z"))

    let closedAgain = try desk.tickets.close([1])
    #expect(!closedAgain[0].changed)
    #expect(closedAgain[0].summary == "already closed")
    let solveClosed = try desk.tickets.solve([1])
    #expect(!solveClosed[0].changed)
    #expect(solveClosed[0].summary == "already closed")
    #expect(try desk.tickets.get(1).updatedAt == ts("2026-11-24T12:00:00Z"))
    #expect(
      try desk.historyLines(1) == ["created: nil -> Printer", "status: new -> solved", "status: solved -> closed"])
  }

  @Test("solve with a comment answers the customer and stamps the first reply")
  func solveWithComment() throws {
    let desk = try makeDesk()
    try desk.newTicket("Printer")
    let out = try desk.tickets.solve([1], comment: "Replaced the fuser.")
    #expect(out[0].ticket.status == .solved)
    #expect(out[0].ticket.firstReplyAt == testNow)
    let messages = try desk.tickets.card(1).messages
    #expect(messages.map(\.body) == ["Replaced the fuser."])
    #expect(messages.map(\.visibility) == [.public])
  }

  @Test("reopen opens solved, pending and on-hold tickets and clears solved_at")
  func reopen() throws {
    let desk = try makeDesk()
    try desk.newTicket("solved one")
    try desk.newTicket("pending one")
    try desk.newTicket("on-hold one")
    _ = try desk.tickets.solve([1])
    var pending = TicketChanges()
    pending.status = .pending
    _ = try desk.tickets.set([2], pending)
    var onHold = TicketChanges()
    onHold.status = .onHold
    _ = try desk.tickets.set([3], onHold)

    let out = try desk.tickets.reopen([1, 2, 3])
    #expect(out.map(\.ticket.id) == [1, 2, 3])
    #expect(out.map(\.changed) == [true, true, true])
    #expect(out.map(\.summary) == ["reopened", "reopened", "reopened"])
    #expect(out.map(\.ticket.status) == [.open, .open, .open])
    #expect(out[0].ticket.solvedAt == nil)
  }

  @Test("reopening an open or new ticket is already done")
  func reopenAlready() throws {
    let desk = try makeDesk()
    try desk.newTicket("new one")
    try desk.newTicket("open one")
    _ = try desk.tickets.reply([2], body: "On it.")
    let out = try desk.tickets.reopen([1, 2])
    #expect(out.map(\.changed) == [false, false])
    #expect(out.map(\.summary) == ["already new", "already open"])
  }

  @Test("a closed ticket cannot be reopened")
  func reopenClosed() throws {
    let desk = try makeDesk()
    try desk.newTicket("Printer")
    _ = try desk.tickets.solve([1])
    _ = try desk.at("2026-11-24T12:00:00Z").tickets.close([1])
    let before = try desk.historyLines(1)
    let error = expectDeskError("not_allowed", exit: 65, message: "ticket 1 is closed; a closed ticket cannot change") {
      try desk.at("2026-11-25T09:00:00Z").tickets.reopen([1])
    }
    #expect(error?.hint == "a new customer message opens a follow-up; or open a new ticket")
    let ticket = try desk.tickets.get(1)
    #expect(ticket.status == .closed)
    #expect(ticket.updatedAt == ts("2026-11-24T12:00:00Z"))
    #expect(try desk.historyLines(1) == before)
  }

  @Test("closing an unsolved ticket without force is refused and changes nothing")
  func closeUnsolvedRefused() throws {
    let desk = try makeDesk()
    try desk.newTicket("Printer")
    _ = try desk.tickets.reply([1], body: "Looking.")
    let error = expectDeskError("not_allowed", exit: 65, message: "ticket 1 is open; only solved tickets can be closed") {
      try desk.at("2026-11-24T12:00:00Z").tickets.close([1])
    }
    #expect(error?.hint == "solve it first (desk ticket solve 1), or a lead may use close --force")
    let ticket = try desk.tickets.get(1)
    #expect(ticket.status == .open)
    #expect(ticket.closedAt == nil)
    #expect(ticket.updatedAt == testNow)
  }

  @Test("close --force is for leads and admins; an agent is denied")
  func closeForce() throws {
    let desk = try makeTeamDesk()
    try desk.newTicket("Spam")
    try desk.newTicket("More spam")
    expectDeskError(
      "permission_denied", exit: 77, message: "anna is an agent; only admin or lead may close unsolved tickets"
    ) {
      try desk.acting(as: "anna").tickets.close([1], force: true)
    }
    #expect(try desk.tickets.get(1).status == .new)

    let out = try desk.acting(as: "lena").tickets.close([1], force: true)
    #expect(out[0].summary == "closed")
    #expect(out[0].ticket.status == .closed)
    #expect(out[0].ticket.closedAt == testNow)
    #expect(out[0].ticket.solvedAt == nil)
    #expect(try desk.tickets.close([2], force: true)[0].ticket.status == .closed)  // root is admin
  }

  @Test("an agent may close a solved ticket with force, since no force is needed")
  func agentClosesSolvedWithForce() throws {
    let desk = try makeTeamDesk()
    try desk.newTicket("Printer")
    _ = try desk.tickets.solve([1])
    #expect(try desk.acting(as: "anna").tickets.close([1], force: true)[0].ticket.status == .closed)
  }

  // MARK: several tickets at once

  @Test("bulk solve is all or nothing when one id is unknown")
  func bulkSolveAllOrNothing() throws {
    let desk = try makeDesk()
    try desk.newTicket("one")
    try desk.newTicket("two")
    expectDeskError("not_found", exit: 66, message: "no ticket 99") { try desk.tickets.solve([1, 99, 2]) }
    #expect(try desk.tickets.get(1).status == .new)
    #expect(try desk.tickets.get(2).status == .new)
    #expect(try desk.scalar("SELECT count(*) FROM history WHERE field = 'status'") as Int? == 0)
  }

  @Test("bulk solve handles each id once, in the order given")
  func bulkSolveOrder() throws {
    let desk = try makeDesk()
    try desk.newTicket("one")
    try desk.newTicket("two")
    let out = try desk.tickets.solve([2, 1, 2])
    #expect(out.map(\.ticket.id) == [2, 1])
    #expect(out.map(\.ticket.status) == [.solved, .solved])
  }

  @Test("a change with no ids is a usage error")
  func noIDs() throws {
    let desk = try makeDesk()
    expectDeskError("usage", exit: 64, message: "no ticket ids given") { try desk.tickets.solve([]) }
  }

  @Test("getting an unknown ticket is not found")
  func unknownTicket() throws {
    let desk = try makeDesk()
    expectDeskError("not_found", exit: 66, message: "no ticket 7") { try desk.tickets.get(7) }
  }

  // Regressions: each of these was a bug once.

  @Test("solve with a comment on an already solved ticket does not drop the comment")
  func solveCommentOnSolved() throws {
    let desk = try makeDesk()
    try desk.newTicket("Printer")
    _ = try desk.tickets.solve([1])
    let out = try desk.tickets.solve([1], comment: "One more thing: update the driver.")
    #expect(out[0].summary == "commented; already solved")
    let bodies = try desk.tickets.card(1).messages.map(\.body)
    #expect(bodies == ["One more thing: update the driver."])
  }
}
