import Foundation
import GRDB
import Testing

@testable import DeskCore

@Suite("Tickets: links and attachments")
struct TicketLinkAndFileTests {
  @Test("linking two tickets records the link on both; repeating it is already done")
  func linkTickets() throws {
    let desk = try makeDesk()
    try desk.newTicket("one")
    try desk.newTicket("two")
    let out = try desk.tickets.link(1, to: "#2")
    #expect(out.changed)
    #expect(out.summary == "linked to #2")
    #expect(try desk.tickets.card(1).links.map { "\($0.kind) \($0.target)" } == ["related #2"])
    #expect(try desk.tickets.card(2).links.map { "\($0.kind) \($0.target)" } == ["related #1"])
    let again = try desk.tickets.link(1, to: "#2")
    #expect(!again.changed)
    #expect(again.summary == "already linked to #2")
    expectDeskError("invalid_input", exit: 65, message: "a ticket cannot be linked to itself") { try desk.tickets.link(1, to: "#1") }
    expectDeskError("not_found", exit: 66, message: "no ticket 5") { try desk.tickets.link(1, to: "#5") }
  }

  @Test("an external link is kept as given and can be removed")
  func externalLink() throws {
    let desk = try makeDesk()
    try desk.newTicket("one")
    _ = try desk.tickets.link(1, to: " JIRA-123 ")
    #expect(try desk.tickets.card(1).links.map { "\($0.kind) \($0.target) \($0.createdBy)" } == ["external JIRA-123 root"])
    let removed = try desk.tickets.unlink(1, from: "JIRA-123")
    #expect(removed.changed)
    #expect(removed.summary == "unlinked from JIRA-123")
    #expect(try desk.tickets.card(1).links.isEmpty)
    let none = try desk.tickets.unlink(1, from: "JIRA-123")
    #expect(!none.changed)
    #expect(none.summary == "not linked to JIRA-123")
    #expect(try desk.historyLines(1) == ["created: nil -> one", "link: nil -> JIRA-123", "link: JIRA-123 -> nil"])
  }

  @Test("an attachment keeps its bytes, size, digest and a guessed type; its path is dropped")
  func attachment() throws {
    let desk = try makeDesk()
    try desk.newTicket("one")
    let stored = try desk.tickets.attach(1, files: [AttachmentInput(name: "../../tmp/Screen Shot.PNG", data: Data([1, 2, 3]))])
    #expect(stored.map(\.name) == ["Screen Shot.PNG"])
    #expect(stored.map(\.contentType) == ["image/png"])
    #expect(stored.map(\.size) == [3])
    #expect(stored.map(\.sha256) == ["039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"])
    #expect(stored.map(\.messageID) == [nil])
    let (info, data) = try desk.tickets.attachment(stored[0].id)
    #expect(info == stored[0])
    #expect(data == Data([1, 2, 3]))
    expectDeskError("not_found", exit: 66) { try desk.tickets.attachment(99) }
  }

  @Test("an attachment over the size limit is refused and nothing is stored")
  func attachmentLimit() throws {
    let desk = try makeDesk()
    try desk.settings.set("attachment.max-bytes", to: "2")
    try desk.newTicket("one")
    expectDeskError("invalid_input", exit: 65, message: "big.bin is 3 bytes; attachments may be at most 2") {
      try desk.tickets.attach(
        1, files: [AttachmentInput(name: "a.txt", data: Data([1])), AttachmentInput(name: "big.bin", data: Data([1, 2, 3]))])
    }
    #expect(try desk.tickets.attachments(of: 1).isEmpty)
  }
}
