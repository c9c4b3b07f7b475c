import Foundation
import GRDB
import Testing

@testable import DeskCore

@Suite("Tickets: set, assign, tags and custom fields")
struct TicketChangeTests {
  @Test("set changes several fields of several tickets and records each change")
  func setSeveralFields() throws {
    let desk = try makeTeamDesk()
    try desk.newTicket("Cannot log in")
    try desk.newTicket("Export broken")
    var changes = TicketChanges()
    changes.priority = .high
    changes.type = "Implementation"
    changes.assignee = "anna"
    changes.addTags = ["Wish-Export"]
    changes.setFields = [("Plan", "pro")]
    changes.status = .pending
    let out = try desk.at("2026-11-24T10:30:00Z").tickets.set([1, 2], changes)

    #expect(out.map(\.ticket.id) == [1, 2])
    #expect(out.map(\.changed) == [true, true])
    #expect(out[0].summary == "priority high, type implementation, assignee anna, field plan, +wish-export, status pending")
    for outcome in out {
      #expect(outcome.ticket.priority == .high)
      #expect(outcome.ticket.type == "implementation")
      #expect(outcome.ticket.assigneeLogin == "anna")
      #expect(outcome.ticket.status == .pending)
      #expect(outcome.ticket.tags == ["wish-export"])
      #expect(outcome.ticket.updatedAt == ts("2026-11-24T10:30:00Z"))
    }
    #expect(
      try desk.historyLines(2) == [
        "created: nil -> Export broken",
        "priority: normal -> high",
        "type: support -> implementation",
        "assignee: nil -> anna",
        "status: new -> open",
        "field plan: nil -> pro",
        "tag: nil -> wish-export",
        "status: open -> pending",
      ])
    let rows = try desk.database.read { db in
      try Row.fetchAll(db, sql: "SELECT DISTINCT at, actor FROM history WHERE ticket_id = 2 AND field != 'created'")
    }
    #expect(rows.count == 1)
    #expect(rows.first?["at"] == "2026-11-24T10:30:00Z")
    #expect(rows.first?["actor"] == "root")
    #expect(try desk.tickets.card(2).fields.map { "\($0.key)=\($0.value)" } == ["plan=pro"])
  }

  @Test("setting what is already true changes nothing and records nothing")
  func setUnchanged() throws {
    let desk = try makeTeamDesk()
    try desk.newTicket("Cannot log in") {
      $0.assignee = "anna"
      $0.tags = ["vip"]
    }
    var changes = TicketChanges()
    changes.priority = .normal
    changes.assignee = "anna"
    changes.addTags = ["VIP"]
    changes.status = .open
    let before = try desk.historyLines(1)
    let out = try desk.at("2026-11-25T00:00:00Z").tickets.set([1], changes)
    #expect(!out[0].changed)
    #expect(out[0].summary == "unchanged")
    #expect(out[0].ticket.updatedAt == testNow)
    #expect(try desk.historyLines(1) == before)
  }

  @Test("a set with a refused status change changes no other field either")
  func setIsAtomic() throws {
    let desk = try makeDesk()
    try desk.newTicket("one")
    try desk.newTicket("two")
    _ = try desk.tickets.reply([2], body: "On it.")
    var changes = TicketChanges()
    changes.priority = .urgent
    changes.status = .new
    expectDeskError("not_allowed", exit: 65, message: "a ticket cannot go back to new (ticket 2 is open)") {
      try desk.tickets.set([1, 2], changes)
    }
    #expect(try desk.tickets.get(1).priority == .normal)
    #expect(try desk.tickets.get(2).priority == .normal)
    #expect(try desk.scalar("SELECT count(*) FROM history WHERE field = 'priority'") as Int? == 0)
  }

  @Test("a solved ticket cannot move to pending; a closed ticket cannot be set at all")
  func setRefusedTransitions() throws {
    let desk = try makeDesk()
    try desk.newTicket("one")
    _ = try desk.tickets.solve([1])
    var pending = TicketChanges()
    pending.status = .pending
    let error = expectDeskError("not_allowed", exit: 65, message: "ticket 1 is solved and cannot move to pending") {
      try desk.tickets.set([1], pending)
    }
    #expect(error?.hint == "reopen it first: desk ticket reopen 1")
    _ = try desk.tickets.close([1])
    var subject = TicketChanges()
    subject.subject = "renamed"
    expectDeskError("not_allowed", exit: 65, message: "ticket 1 is closed; a closed ticket cannot change") {
      try desk.tickets.set([1], subject)
    }
    #expect(try desk.tickets.get(1).subject == "one")
  }

  @Test("an empty change is a usage error")
  func emptyChange() throws {
    let desk = try makeDesk()
    try desk.newTicket("one")
    expectDeskError("usage", exit: 64, message: "nothing to change") { try desk.tickets.set([1], TicketChanges()) }
  }

  @Test("unknown type on set is a usage error naming the types")
  func setUnknownType() throws {
    let desk = try makeDesk()
    try desk.newTicket("one")
    var changes = TicketChanges()
    changes.type = "marketing"
    let error = expectDeskError("usage", exit: 64, message: "unknown type 'marketing'") { try desk.tickets.set([1], changes) }
    #expect(error?.hint == "types: support, implementation, development, finance (desk config set ticket.types …)")
  }

  @Test("assigning a new ticket opens it; assigning again is already done; none unassigns")
  func assign() throws {
    let desk = try makeTeamDesk()
    try desk.newTicket("one")
    let first = try desk.acting(as: "boris").tickets.assign([1], to: "me")
    #expect(first[0].changed)
    #expect(first[0].summary == "assigned to boris")
    #expect(first[0].ticket.status == .open)
    let again = try desk.tickets.assign([1], to: "boris")
    #expect(!again[0].changed)
    #expect(again[0].summary == "already assigned to boris")
    let none = try desk.tickets.assign([1], to: "none")
    #expect(none[0].summary == "assigned to nobody")
    #expect(none[0].ticket.assigneeID == nil)
    #expect(none[0].ticket.status == .open)
    expectDeskError("not_found", exit: 66, message: "no agent 'ghost'") { try desk.tickets.assign([1], to: "ghost") }
  }

  // MARK: tags

  @Test("tags are trimmed, case-folded, deduplicated and sorted")
  func tagsNormalised() throws {
    let desk = try makeDesk()
    let ticket = try desk.newTicket("Outage") { $0.tags = ["Outage-2026-11-24", " WISH-Export ", "wish-export", "a:b/c.d_e"] }
    #expect(ticket.tags == ["a:b/c.d_e", "outage-2026-11-24", "wish-export"])
    #expect(try Tags.normalise("ÜBER") == "über")
  }

  @Test(
    "an invalid tag is refused and nothing is created", arguments: ["bad tag", "", "  ", "no!", "a,b", String(repeating: "x", count: 65)])
  func invalidTag(tag: String) throws {
    let desk = try makeDesk()
    expectDeskError(
      "invalid_input", exit: 65, message: "'\(tag)' is not a valid tag: use 1–64 letters, digits, '-', '_', '.', ':' or '/'"
    ) {
      try desk.newTicket("Outage") { $0.tags = ["ok", tag] }
    }
    #expect(try desk.scalar("SELECT count(*) FROM ticket") as Int? == 0)
  }

  @Test("a 64-character tag is accepted")
  func longestTag() throws {
    let tag = String(repeating: "x", count: 64)
    #expect(try Tags.normalise(tag) == tag)
  }

  @Test("tags are added and removed with history, in any case")
  func addRemoveTags() throws {
    let desk = try makeDesk()
    try desk.newTicket("Outage") { $0.tags = ["outage"] }
    var changes = TicketChanges()
    changes.addTags = ["Wish-Export"]
    changes.removeTags = ["OUTAGE", "never-there"]
    let out = try desk.tickets.set([1], changes)
    #expect(out[0].summary == "+wish-export, -outage")
    #expect(out[0].ticket.tags == ["wish-export"])
    #expect(try desk.historyLines(1).suffix(2) == ["tag: nil -> wish-export", "tag: outage -> nil"])
  }

  // MARK: custom fields

  @Test("custom fields are set, changed and unset with history")
  func customFields() throws {
    let desk = try makeDesk()
    try desk.newTicket("Billing") { $0.fields = [("Plan", "basic")] }
    #expect(try desk.tickets.card(1).fields.map { "\($0.key)=\($0.value)" } == ["plan=basic"])

    var set = TicketChanges()
    set.setFields = [("plan", "pro"), ("Seats", "12")]
    #expect(try desk.tickets.set([1], set)[0].summary == "field plan, field seats")
    #expect(try desk.tickets.card(1).fields.map { "\($0.key)=\($0.value)" } == ["plan=pro", "seats=12"])

    var unset = TicketChanges()
    unset.unsetFields = ["PLAN", "absent"]
    #expect(try desk.tickets.set([1], unset)[0].summary == "field plan removed")
    #expect(try desk.tickets.card(1).fields.map { "\($0.key)=\($0.value)" } == ["seats=12"])
    #expect(
      try desk.historyLines(1) == [
        "created: nil -> Billing", "field plan: basic -> pro", "field seats: nil -> 12", "field plan: pro -> nil",
      ])

    let again = try desk.tickets.set([1], unset)
    #expect(!again[0].changed)
  }

  @Test("field parsing needs KEY=VALUE and a valid key")
  func fieldParsing() throws {
    let parsed = try TicketFields.parse("Plan=pro=max")
    #expect(parsed.0 == "plan")
    #expect(parsed.1 == "pro=max")
    let empty = try TicketFields.parse("note=")
    #expect(empty.1 == "")
    expectDeskError("usage", exit: 64, message: "'plan' is not a field: write KEY=VALUE") { try TicketFields.parse("plan") }
    expectDeskError("invalid_input", exit: 65) { try TicketFields.parse("bad key=1") }
    expectDeskError("invalid_input", exit: 65, message: "a field value may be at most 2000 characters") {
      try TicketFields.parse("k=" + String(repeating: "v", count: 2001))
    }
  }

  @Test("an invalid field key on set is refused and nothing changes")
  func setInvalidFieldKey() throws {
    let desk = try makeDesk()
    try desk.newTicket("Billing")
    var changes = TicketChanges()
    changes.priority = .high
    changes.setFields = [("bad key", "1")]
    expectDeskError("invalid_input", exit: 65) { try desk.tickets.set([1], changes) }
    #expect(try desk.tickets.get(1).priority == .normal)
  }

  @Test("set refuses a field value longer than create accepts")
  func setLongFieldValue() throws {
    let desk = try makeDesk()
    try desk.newTicket("Billing")
    let long = String(repeating: "v", count: 2001)
    expectDeskError("invalid_input", exit: 65, message: "a field value may be at most 2000 characters") {
      try desk.newTicket("Billing") { $0.fields = [("note", long)] }
    }
    var changes = TicketChanges()
    changes.setFields = [("note", long)]
    expectDeskError("invalid_input", exit: 65, message: "a field value may be at most 2000 characters") {
      try desk.tickets.set([1], changes)
    }
  }
}
