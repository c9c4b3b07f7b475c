import Foundation
import GRDB
import Testing

@testable import DeskCore

@Suite("Tickets: list filters, search, sort and paging")
struct TicketListTests {
  func filter(_ configure: (inout TicketFilter) -> Void) -> TicketFilter {
    var f = TicketFilter()
    f.sort = .id
    f.descending = false
    configure(&f)
    return f
  }

  /// Tickets 1…6 in the statuses new, open, pending, on-hold, solved, closed.
  func oneOfEachStatus() throws -> Desk {
    let desk = try makeDesk()
    for status in TicketStatus.allCases { try desk.newTicket("ticket \(status.rawValue)") }
    _ = try desk.tickets.reply([2], body: "On it.")
    for (id, status) in [(3, TicketStatus.pending), (4, .onHold)] as [(Int64, TicketStatus)] {
      var changes = TicketChanges()
      changes.status = status
      _ = try desk.tickets.set([id], changes)
    }
    _ = try desk.tickets.solve([5, 6])
    _ = try desk.tickets.close([6])
    return desk
  }

  @Test("by default only unsolved tickets are listed")
  func defaultUnsolved() throws {
    let desk = try oneOfEachStatus()
    #expect(try desk.tickets.get(4).status == .onHold)
    #expect(try desk.listIDs(filter { _ in }) == [1, 2, 3, 4])
    #expect(try desk.listIDs(filter { $0.statuses = [.solved, .closed] }) == [5, 6])
    #expect(try desk.listIDs(filter { $0.statuses = [.onHold] }) == [4])
    #expect(try desk.listIDs(filter { $0.statuses = TicketStatus.allCases }) == [1, 2, 3, 4, 5, 6])
  }

  @Test("the default order is most recently updated first")
  func defaultOrder() throws {
    let desk = try makeDesk()
    try desk.at("2026-11-24T09:00:00Z").newTicket("one")
    try desk.at("2026-11-24T08:00:00Z").newTicket("two")
    try desk.at("2026-11-24T08:00:00Z").newTicket("three")
    _ = try desk.at("2026-11-24T09:30:00Z").tickets.note([2], body: "bump")
    #expect(try desk.listIDs(TicketFilter()) == [2, 1, 3])
  }

  @Test("assignee me, none and a login")
  func assignee() throws {
    let desk = try makeTeamDesk()
    try desk.newTicket("anna's") { $0.assignee = "anna" }
    try desk.newTicket("boris's") { $0.assignee = "boris" }
    try desk.newTicket("nobody's")
    #expect(try desk.acting(as: "anna").listIDs(filter { $0.assignee = .me }) == [1])
    #expect(try desk.acting(as: "boris").listIDs(filter { $0.assignee = .me }) == [2])
    #expect(try desk.listIDs(filter { $0.assignee = TicketFilter.Assignee.none }) == [3])
    #expect(try desk.listIDs(filter { $0.assignee = .login("BORIS") }) == [2])
    expectDeskError("not_found", exit: 66, message: "no agent 'ghost'") {
      try desk.listIDs(filter { $0.assignee = .login("ghost") })
    }
  }

  @Test("every tag given must be on the ticket, in any case")
  func tags() throws {
    let desk = try makeDesk()
    try desk.newTicket("one") { $0.tags = ["outage"] }
    try desk.newTicket("two") { $0.tags = ["outage", "vip"] }
    try desk.newTicket("three")
    #expect(try desk.listIDs(filter { $0.tags = ["OUTAGE"] }) == [1, 2])
    #expect(try desk.listIDs(filter { $0.tags = ["outage", "vip"] }) == [2])
    #expect(try desk.listIDs(filter { $0.tags = ["nothing"] }) == [])
    expectDeskError("invalid_input", exit: 65) { try desk.listIDs(filter { $0.tags = ["bad tag"] }) }
  }

  @Test("customer, type, channel and priority filters")
  func otherFilters() throws {
    let desk = try makeDesk()
    var anna = CustomerChanges()
    anna.name = "Anna"
    anna.email = "anna@example.com"
    _ = try desk.customers.add(anna)
    try desk.newTicket("one") {
      $0.customer = "anna@example.com"
      $0.type = "finance"
    }
    try desk.newTicket("two") {
      $0.channel = "telegram"
      $0.priority = .high
    }
    try desk.newTicket("three") { $0.priority = .urgent }
    #expect(try desk.listIDs(filter { $0.customer = "ANNA@example.com" }) == [1])
    #expect(try desk.listIDs(filter { $0.types = ["Finance"] }) == [1])
    #expect(try desk.listIDs(filter { $0.channels = ["telegram", "chat"] }) == [2])
    #expect(try desk.listIDs(filter { $0.priorities = [.high, .urgent] }) == [2, 3])
    expectDeskError("not_found", exit: 66, message: "no customer 'bob@example.com'") {
      try desk.listIDs(filter { $0.customer = "bob@example.com" })
    }
  }

  /// 1: Portuguese subject; 2: Cyrillic message; 3: English words that look like FTS5 syntax.
  func searchable() throws -> Desk {
    let desk = try makeDesk()
    try desk.newTicket("Não consigo entrar na conta")
    try desk.newTicket("Printer") { $0.body = "Привет, не работает принтер" }
    try desk.newTicket("Printer AND scanner NEAR the door") { $0.body = "the \"quoted\" part" }
    return desk
  }

  @Test(
    "text search ignores case and accents and matches word prefixes",
    arguments: [
      ("nao", [1]), ("NÃO CONSIGO", [1]), ("consig", [1]), ("conta nao", [1]), ("привет", [2]), ("ПРИВЕТ", [2]),
      ("принт", [2]), ("printer", [2, 3]), ("nao привет", []), ("entrar printer", []), ("zebra", []),
    ] as [(String, [Int64])])
  func textSearch(text: String, ids: [Int64]) throws {
    let desk = try searchable()
    #expect(try desk.listIDs(filter { $0.text = text }) == ids)
  }

  @Test(
    "text with FTS5 syntax is read as words, never as a query",
    arguments: [
      ("\"nao", [1]), ("nao\"", [1]), ("printer AND", [3]), ("printer OR zebra", []), ("NEAR(printer door)", [3]),
      ("print*", [2, 3]), ("-printer", [2, 3]), ("subject:printer", []), ("\"quoted\"", [3]), ("(nao)", [1]),
      ("nao^", [1]), ("'; DROP TABLE ticket; --", []),
    ] as [(String, [Int64])])
  func ftsSyntax(text: String, ids: [Int64]) throws {
    let desk = try searchable()
    #expect(try desk.listIDs(filter { $0.text = text }) == ids)
    #expect(try desk.scalar("SELECT count(*) FROM ticket") as Int? == 3)
  }

  @Test("text with no words at all is a usage error", arguments: ["*", "\"", "  ", "*\"*", "-+()", "…"])
  func noWords(text: String) throws {
    let desk = try searchable()
    let error = expectDeskError("usage", exit: 64) { try desk.listIDs(filter { $0.text = text }) }
    #expect(error?.message == "--text '\(text)' has no words to search for")
  }

  @Test("created and updated ranges: since is inclusive, before is exclusive")
  func ranges() throws {
    let desk = try makeDesk()
    try desk.at("2026-11-20T09:00:00Z").newTicket("one")
    try desk.at("2026-11-22T09:00:00Z").newTicket("two")
    try desk.newTicket("three")
    _ = try desk.at("2026-11-24T12:00:00Z").tickets.note([1], body: "bump")
    #expect(try desk.listIDs(filter { $0.createdSince = ts("2026-11-22T09:00:00Z") }) == [2, 3])
    #expect(try desk.listIDs(filter { $0.createdBefore = ts("2026-11-22T09:00:00Z") }) == [1])
    #expect(
      try desk.listIDs(
        filter {
          $0.createdSince = ts("2026-11-21T00:00:00Z")
          $0.createdBefore = ts("2026-11-24T10:00:00Z")
        }) == [2])
    #expect(try desk.listIDs(filter { $0.updatedSince = ts("2026-11-24T10:00:00Z") }) == [1, 3])
    #expect(try desk.listIDs(filter { $0.updatedBefore = ts("2026-11-24T00:00:00Z") }) == [2])
  }

  @Test("sort by priority puts urgent first when descending and low first when ascending")
  func sortByPriority() throws {
    let desk = try makeDesk()
    for priority in [TicketPriority.low, .urgent, .normal, .high] {
      try desk.newTicket(priority.rawValue) { $0.priority = priority }
    }
    #expect(
      try desk.listIDs(
        filter {
          $0.sort = .priority
          $0.descending = true
        }) == [2, 4, 3, 1])
    #expect(try desk.listIDs(filter { $0.sort = .priority }) == [1, 3, 4, 2])
  }

  @Test("sort by status follows the lifecycle")
  func sortByStatus() throws {
    let desk = try oneOfEachStatus()
    #expect(
      try desk.listIDs(
        filter {
          $0.sort = .status
          $0.statuses = TicketStatus.allCases
          $0.descending = true
        })
        == [6, 5, 4, 3, 2, 1])
  }

  @Test(
    "limit and offset page through the list",
    arguments: [
      (2, nil, [1, 2]), (2, 1, [2, 3]), (nil, 3, [4, 5]), (0, nil, []), (-1, nil, []), (10, 4, [5]), (nil, 9, []),
      (nil, -2, [1, 2, 3, 4, 5]),
    ] as [(Int?, Int?, [Int64])])
  func paging(limit: Int?, offset: Int?, ids: [Int64]) throws {
    let desk = try makeDesk()
    for n in 1...5 { try desk.newTicket("ticket \(n)") }
    #expect(
      try desk.listIDs(
        filter {
          $0.limit = limit
          $0.offset = offset
        }) == ids)
  }
}
