import Foundation
import GRDB
import Testing

@testable import DeskCore

@Suite("Settings")
struct SettingsTests {
  @Test("an unknown key is refused when read or set")
  func unknownKey() throws {
    let desk = try makeDesk()
    let error = expectDeskError("usage", exit: 64, message: "unknown setting 'ticket.colour'") {
      try desk.settings.get("ticket.colour")
    }
    #expect(error?.hint?.hasPrefix("settings: ticket.types, ticket.default-type, ticket.channels, message.max-bytes, ") == true)
    #expect(error?.hint == "settings: " + Settings.keys.map(\.name).joined(separator: ", "))
    expectDeskError("usage", exit: 64, message: "unknown setting 'nope'") { try desk.settings.set("nope", to: "1") }
    #expect(try desk.scalar("SELECT count(*) FROM setting") as Int? == 0)
  }

  @Test("defaults are reported until a key is set, and return when it is unset")
  func defaults() throws {
    let desk = try makeDesk()
    #expect(try desk.settings.get("ticket.types") == "support,implementation,development,finance")
    try desk.settings.set("message.max-bytes", to: " 2048 ")
    #expect(try desk.settings.get("message.max-bytes") == "2048")
    let all = try desk.settings.all()
    #expect(all.map { $0.key.name } == Settings.keys.map(\.name))
    #expect(all.filter { !$0.isDefault }.map { "\($0.key.name)=\($0.value)" } == ["message.max-bytes=2048"])
    try desk.settings.set("message.max-bytes", to: nil)
    #expect(try desk.settings.get("message.max-bytes") == "1048576")
  }

  @Test("ticket types are normalised, and the new types apply to tickets")
  func typesChange() throws {
    let desk = try makeDesk()
    try desk.settings.set("ticket.types", to: " Support, Billing ,billing,, ")
    #expect(try desk.settings.get("ticket.types") == "support,billing")
    #expect(try desk.newTicket("Invoice") { $0.type = "BILLING" }.type == "billing")
    expectDeskError("usage", exit: 64, message: "unknown type 'finance'") { try desk.newTicket("x") { $0.type = "finance" } }
  }

  @Test("a change of types that drops the default type is refused and nothing changes")
  func typesMustKeepDefault() throws {
    let desk = try makeDesk()
    let error = expectDeskError(
      "invalid_input", exit: 65, message: "the default type 'support' is not among the types (billing, finance)"
    ) {
      try desk.settings.set("ticket.types", to: "billing,finance")
    }
    #expect(error?.hint == "set ticket.default-type to one of them first")
    #expect(try desk.settings.get("ticket.types") == "support,implementation,development,finance")
    expectDeskError("invalid_input", exit: 65) { try desk.settings.set("ticket.default-type", to: "billing") }
    #expect(try desk.settings.get("ticket.default-type") == "support")
  }

  @Test(
    "invalid values are refused",
    arguments: [
      ("ticket.types", "bad type", "ticket.types: 'bad type' must be 1–40 letters, digits, '-' or '_'"),
      ("ticket.types", " , ", "ticket.types: give at least one value"),
      ("ticket.channels", "email,sms!", "ticket.channels: 'sms!' must be 1–40 letters, digits, '-' or '_'"),
      ("message.max-bytes", "0", "message.max-bytes: '0' must be a whole number of bytes from 1 to 1073741824"),
      ("attachment.max-bytes", "10MB", "attachment.max-bytes: '10MB' must be a whole number of bytes from 1 to 1073741824"),
      ("attachment.max-bytes", "1073741825", "attachment.max-bytes: '1073741825' must be a whole number of bytes from 1 to 1073741824"),
    ])
  func invalidValues(key: String, value: String, message: String) throws {
    let desk = try makeDesk()
    expectDeskError("invalid_input", exit: 65, message: message) { try desk.settings.set(key, to: value) }
    #expect(try desk.scalar("SELECT count(*) FROM setting") as Int? == 0)
  }

  @Test("an unknown type on create is a usage error naming the types")
  func unknownTypeOnCreate() throws {
    let desk = try makeDesk()
    let error = expectDeskError("usage", exit: 64, message: "unknown type 'marketing'") {
      try desk.newTicket("Campaign") { $0.type = "marketing" }
    }
    #expect(error?.hint == "types: support, implementation, development, finance (desk config set ticket.types …)")
    #expect(try desk.scalar("SELECT count(*) FROM ticket") as Int? == 0)
  }

  @Test("a new default type is used for tickets created without a type")
  func defaultType() throws {
    let desk = try makeDesk()
    try desk.settings.set("ticket.default-type", to: "finance")
    #expect(try desk.newTicket("Invoice").type == "finance")
  }

  @Test("only admins and leads change settings")
  func permissions() throws {
    let desk = try makeTeamDesk()
    expectDeskError("permission_denied", exit: 77, message: "anna is an agent; only admin or lead may change settings") {
      try desk.acting(as: "anna").settings.set("ticket.types", to: "support")
    }
    try desk.acting(as: "lena").settings.set("ticket.channels", to: "email,phone")
    #expect(try desk.acting(as: "anna").settings.get("ticket.channels") == "email,phone")
  }

  @Test("the message size limit is enforced on replies")
  func messageLimit() throws {
    let desk = try makeDesk()
    try desk.settings.set("message.max-bytes", to: "10")
    try desk.newTicket("one")
    expectDeskError("invalid_input", exit: 65, message: "the message is 11 bytes; the limit is 10") {
      try desk.tickets.reply([1], body: "12345678901")
    }
    #expect(try desk.tickets.reply([1], body: "ábcdefghi")[0].changed)  // 10 bytes in UTF-8
  }

  // Regressions: each of these was a bug once.

  @Test("the default type is case-folded like the types and --type")
  func defaultTypeCase() throws {
    let desk = try makeDesk()
    try desk.settings.set("ticket.default-type", to: "Finance")
    let value = try desk.settings.get("ticket.default-type")
    #expect(value == "finance")
  }
}
