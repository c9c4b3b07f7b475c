import Foundation
import GRDB
import Testing

@testable import DeskCore

@Suite("Customers")
struct CustomerTests {
  /// Anna (customer 1) with an email, a phone, a Telegram handle and two account IDs.
  func deskWithAnna() throws -> Desk {
    let desk = try makeDesk()
    var anna = CustomerChanges()
    anna.name = "Anna Petrova"
    anna.email = "Anna@Example.com"
    anna.phone = "+79991234567"
    anna.organization = "Acme"
    anna.addHandles = ["Telegram:@anna"]
    anna.addAccounts = ["ACME-7", "100234"]
    _ = try desk.customers.add(anna)
    return desk
  }

  @Test("a new customer keeps every identifier")
  func add() throws {
    let desk = try deskWithAnna()
    let anna = try desk.customers.show("1")
    #expect(anna.id == 1)
    #expect(anna.name == "Anna Petrova")
    #expect(anna.email == "Anna@Example.com")
    #expect(anna.phone == "+79991234567")
    #expect(anna.organization == "Acme")
    #expect(anna.handles == ["telegram:@anna"])
    #expect(anna.accounts == ["100234", "ACME-7"])
    #expect(anna.createdAt == testNow)
  }

  @Test(
    "a customer is found by id, email, phone, handle or account ID",
    arguments: [
      "1", " 1 ", "id:1", "anna@example.com", "ANNA@EXAMPLE.COM", "+79991234567", "telegram:@anna", "TELEGRAM:@ANNA",
      "acct:100234", "account:ACME-7", "acct:ACME-7", "ACME-7",
    ])
  func resolves(ref: String) throws {
    let desk = try deskWithAnna()
    #expect(try desk.customers.show(ref).id == 1)
  }

  @Test(
    "an unknown reference is not found",
    arguments: ["2", "bob@example.com", "+70000000000", "telegram:@bob", "whatsapp:@anna", "acct:999", "acme-7", "Anna Petrova"])
  func notFound(ref: String) throws {
    let desk = try deskWithAnna()
    expectDeskError("not_found", exit: 66, message: "no customer '\(ref)'") { try desk.customers.show(ref) }
  }

  @Test("a bare all-digit reference is an id, not an account ID")
  func digitsAreIDs() throws {
    let desk = try deskWithAnna()
    expectDeskError("not_found", exit: 66, message: "no customer '100234'") { try desk.customers.show("100234") }
  }

  @Test("another customer may not take an email, handle or account ID that is taken")
  func duplicatesRefused() throws {
    let desk = try deskWithAnna()
    func bob(_ configure: (inout CustomerChanges) -> Void) -> CustomerChanges {
      var c = CustomerChanges()
      c.name = "Bob"
      configure(&c)
      return c
    }
    expectDeskError("invalid_input", exit: 65, message: "the email ANNA@example.com belongs to customer 1") {
      try desk.customers.add(bob { $0.email = "ANNA@example.com" })
    }
    expectDeskError("invalid_input", exit: 65, message: "the handle telegram:@ANNA belongs to customer 1") {
      try desk.customers.add(bob { $0.addHandles = ["telegram:@ANNA"] })
    }
    expectDeskError("invalid_input", exit: 65, message: "the account ID ACME-7 belongs to customer 1") {
      try desk.customers.add(bob { $0.addAccounts = ["ACME-7"] })
    }
    #expect(try desk.scalar("SELECT count(*) FROM customer") as Int? == 1)

    let bob = try desk.customers.add(bob { $0.email = "bob@example.com" })
    expectDeskError(
      "invalid_input", exit: 65, message: "the account ID 100234 belongs to customer 1 (Anna Petrova), not to customer 2 (Bob)"
    ) {
      var c = CustomerChanges()
      c.addAccounts = ["100234"]
      return try desk.customers.edit("bob@example.com", c)
    }
    #expect(try desk.customers.show("\(bob.id)").accounts == [])
  }

  @Test("a customer may repeat their own identifiers")
  func ownIdentifiersAllowed() throws {
    let desk = try deskWithAnna()
    var c = CustomerChanges()
    c.email = "anna@example.com"
    c.addHandles = ["telegram:@anna"]
    c.addAccounts = ["ACME-7"]
    let anna = try desk.at("2026-11-25T08:00:00Z").customers.edit("1", c)
    #expect(anna.email == "anna@example.com")
    #expect(anna.handles == ["telegram:@anna"])
    #expect(anna.accounts == ["100234", "ACME-7"])
    #expect(anna.updatedAt == ts("2026-11-25T08:00:00Z"))
  }

  @Test("edit clears a field with .some(nil) and removes identifiers")
  func editClears() throws {
    let desk = try deskWithAnna()
    var c = CustomerChanges()
    c.phone = .some(nil)
    c.removeHandles = ["telegram:@anna"]
    c.removeAccounts = ["100234"]
    let anna = try desk.customers.edit("anna@example.com", c)
    #expect(anna.phone == nil)
    #expect(anna.email == "Anna@Example.com")
    #expect(anna.handles == [])
    #expect(anna.accounts == ["ACME-7"])
  }

  @Test(
    "invalid names, emails and handles are refused",
    arguments: [
      ("", nil, nil, "the customer's name is empty"),
      ("Bob", "not-an-email", nil, "the email 'not-an-email' is not an email address: it has no @"),
      ("Bob", "bob@localhost", nil, "the email 'bob@localhost' is not an email address: the domain 'localhost' has no dot"),
      ("Bob", nil, "telegram", "'telegram' is not a handle; write KIND:HANDLE, e.g. telegram:@anna"),
      ("Bob", nil, "acct:5", "'acct:5' is not a handle; write KIND:HANDLE, e.g. telegram:@anna"),
    ] as [(String, String?, String?, String)])
  func invalid(name: String, email: String?, handle: String?, message: String) throws {
    let desk = try makeDesk()
    var c = CustomerChanges()
    c.name = name
    if let email { c.email = email }
    if let handle { c.addHandles = [handle] }
    expectDeskError("invalid_input", exit: 65, message: message) { try desk.customers.add(c) }
    #expect(try desk.scalar("SELECT count(*) FROM customer") as Int? == 0)
  }

  @Test("list matches name or email prefixes and whole account IDs")
  func list() throws {
    let desk = try deskWithAnna()
    var bob = CustomerChanges()
    bob.name = "Bob"
    bob.email = "bob_1@example.com"
    _ = try desk.customers.add(bob)
    func names(_ text: String?) throws -> [String] {
      var out: [String] = []
      try desk.customers.list(organization: nil, manager: nil, text: text, limit: nil) { out.append($0.name) }
      return out
    }
    #expect(try names(nil) == ["Anna Petrova", "Bob"])
    #expect(try names("ann") == ["Anna Petrova"])
    #expect(try names("bob_") == ["Bob"])
    #expect(try names("b%") == [])
    #expect(try names("ACME-7") == ["Anna Petrova"])
    #expect(try names("ACME") == [])
  }

  // Regressions: each of these was a bug once.

  @Test("an email address with a colon in its quoted local part resolves as an email")
  func emailWithColon() throws {
    let desk = try makeDesk()
    var c = CustomerChanges()
    c.name = "Quoted"
    c.email = "\"a:b\"@example.com"
    _ = try desk.customers.add(c)
    let found = try desk.customers.show("\"a:b\"@example.com")
    #expect(found.id == 1)
  }
}
