import Foundation
import GRDB
import Testing

@testable import DeskCore

@Suite("Tickets: merge")
struct MergeTests {
  /// Ticket 1 (Printer: a customer message, a reply, a photo; tags printer, vip) and
  /// ticket 2 (Printer again: one customer message; tags dup, vip), both Anna's.
  func twoTickets() throws -> Desk {
    let desk = try makeDesk()
    var first = IngestRequest(channel: "email")
    first.email = "anna@example.com"
    first.name = "Anna"
    first.subject = "Printer"
    first.body = "It is burning."
    _ = try desk.tickets.ingest(first)
    _ = try desk.at("2026-11-24T10:05:00Z").tickets.reply([1], body: "Turn it off.")
    _ = try desk.at("2026-11-24T10:06:00Z").tickets.attach(1, files: [AttachmentInput(name: "photo.png", data: Data([1, 2, 3]))])
    var tags = TicketChanges()
    tags.addTags = ["printer", "vip"]
    _ = try desk.tickets.set([1], tags)
    try desk.at("2026-11-24T10:10:00Z").newTicket("Printer again") {
      $0.customer = "anna@example.com"
      $0.body = "Still burning."
      $0.tags = ["vip", "dup"]
    }
    return desk
  }

  @Test("merge moves messages and files, unions tags and closes the source")
  func mergeMovesEverything() throws {
    let desk = try twoTickets()
    let (source, target) = try desk.at("2026-11-24T11:00:00Z").tickets.merge(1, into: 2)

    #expect(source.status == .closed)
    #expect(source.mergedInto == 2)
    #expect(source.closedAt == ts("2026-11-24T11:00:00Z"))
    #expect(target.status == .new)
    #expect(target.tags == ["dup", "printer", "vip"])
    #expect(target.firstReplyAt == ts("2026-11-24T10:05:00Z"))

    let targetCard = try desk.tickets.card(2)
    #expect(
      targetCard.messages.map(\.body) == [
        "It is burning.", "Turn it off.", "Still burning.", "Ticket #1 (Printer) was merged into this ticket by root.",
      ])
    #expect(targetCard.messages.last?.authorKind == .system)
    #expect(targetCard.messages.last?.visibility == .internal)
    #expect(targetCard.attachments.map(\.name) == ["photo.png"])
    #expect(targetCard.attachments.map(\.ticketID) == [2])
    #expect(targetCard.links.map { "\($0.kind) \($0.target)" } == ["merged-from #1"])

    let sourceCard = try desk.tickets.card(1)
    #expect(sourceCard.messages.map(\.body) == ["Merged into ticket #2 by root."])
    #expect(sourceCard.attachments.isEmpty)
    #expect(sourceCard.links.map { "\($0.kind) \($0.target)" } == ["merged-into #2"])
    #expect(sourceCard.ticket.tags == ["printer", "vip"])

    #expect(try desk.historyLines(2).contains("merged: nil -> #1 (2 messages)"))
    #expect(try desk.historyLines(1).suffix(2) == ["internal note: nil -> message 4", "status: open -> closed"])
    #expect(try desk.historyLines(1).contains("merged into: nil -> #2"))

    var search = TicketFilter()
    search.statuses = TicketStatus.allCases
    search.text = "burning"
    #expect(try desk.listIDs(search) == [2])
  }

  @Test("a ticket cannot be merged into itself")
  func notIntoItself() throws {
    let desk = try twoTickets()
    expectDeskError("invalid_input", exit: 65, message: "a ticket cannot be merged into itself") {
      try desk.tickets.merge(1, into: 1)
    }
    #expect(try desk.tickets.get(1).status == .open)
  }

  @Test("a ticket cannot be merged into a closed ticket, nor a closed ticket merged")
  func notIntoClosed() throws {
    let desk = try twoTickets()
    _ = try desk.tickets.solve([2])
    _ = try desk.tickets.close([2])
    expectDeskError("not_allowed", exit: 65, message: "ticket 2 is closed; merge into an open ticket") {
      try desk.tickets.merge(1, into: 2)
    }
    expectDeskError("not_allowed", exit: 65, message: "ticket 2 is closed and cannot be merged") {
      try desk.tickets.merge(2, into: 1)
    }
    #expect(try desk.tickets.card(1).messages.map(\.body) == ["It is burning.", "Turn it off."])
    #expect(try desk.tickets.get(1).mergedInto == nil)
    #expect(try desk.tickets.get(1).status == .open)
  }

  @Test("merging an unknown ticket is not found")
  func unknown() throws {
    let desk = try twoTickets()
    expectDeskError("not_found", exit: 66, message: "no ticket 9") { try desk.tickets.merge(9, into: 1) }
    expectDeskError("not_found", exit: 66, message: "no ticket 9") { try desk.tickets.merge(1, into: 9) }
  }
}
