import Foundation
import GRDB
import Testing

@testable import DeskCore

/// DeskCore's names that the standard library also uses (and that macros cannot take module-qualified).
typealias DeskDuration = DeskCore.Duration
typealias DeskClock = DeskCore.Clock

/// The moment every test desk lives at, unless a test moves its clock.
let testNow = Timestamp(iso8601: "2026-11-24T10:00:00Z")!

/// A timestamp from a literal the test knows is valid.
func ts(_ iso: String) -> Timestamp { Timestamp(iso8601: iso)! }

/// An in-memory database migrated only up to `version`, for tests of what a later migration does to old rows.
/// Foreign keys are off, as the migrator has them while it migrates.
func migratedQueue(upTo version: String) throws -> DatabaseQueue {
  var config = Configuration()
  config.foreignKeysEnabled = false
  let queue = try DatabaseQueue(configuration: config)
  try AppDatabase.migrator.migrate(queue, upTo: version)
  return queue
}

/// A fresh in-memory desk with a fixed clock. With no agents yet, its user acts as admin.
func makeDesk(login: String = "root") throws -> Desk {
  let desk = Desk(database: try AppDatabase.inMemory(), clock: DeskClock(fixed: testNow), login: login)
  // These tests are about tickets; acknowledgements have tests of their own.
  try desk.database.write { try $0.execute(sql: "DELETE FROM autoreply") }
  return desk
}

/// A desk whose team is root (admin), lena (lead), anna and boris (agents); it acts as root.
func makeTeamDesk() throws -> Desk {
  let desk = try makeDesk()
  _ = try desk.agents.add(login: "root", name: "Root", email: nil, role: .admin, skills: [])
  _ = try desk.agents.add(login: "lena", name: "Lena", email: nil, role: .lead, skills: [])
  _ = try desk.agents.add(login: "anna", name: "Anna", email: nil, role: .agent, skills: [])
  _ = try desk.agents.add(login: "boris", name: "Boris", email: nil, role: .agent, skills: [])
  return desk
}

extension Desk {
  /// The same database and clock, acted on by someone else.
  func acting(as login: String) -> Desk { Desk(database: database, clock: clock, login: login) }
  /// The same database and login, at another moment.
  func at(_ iso: String) -> Desk { Desk(database: database, clock: DeskClock(fixed: ts(iso)), login: login) }

  /// Opens a ticket with just a subject (and whatever `configure` adds).
  @discardableResult
  func newTicket(_ subject: String, _ configure: (inout NewTicket) -> Void = { _ in }) throws -> Ticket {
    var new = NewTicket(subject: subject)
    configure(&new)
    return try tickets.create(new).ticket
  }

  /// A ticket's history rows as `field: old -> new`, oldest first.
  func historyLines(_ ticket: Int64) throws -> [String] {
    try database.read { db in
      try Row.fetchAll(
        db, sql: "SELECT field, old_value, new_value FROM history WHERE ticket_id = ? ORDER BY id", arguments: [ticket]
      ).map { row in
        "\(row["field"] as String): \(row["old_value"] as String? ?? "nil") -> \(row["new_value"] as String? ?? "nil")"
      }
    }
  }

  /// One value from SQL, for checks the public API does not expose.
  func scalar<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
    try database.read { try T.fetchOne($0, sql: sql, arguments: arguments) }
  }

  /// The ids `filter` lists, in order; every listing test also checks that `listIDs` (`--format ids`) gives the same.
  func listIDs(_ filter: TicketFilter, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Int64] {
    var ids: [Int64] = []
    try tickets.list(filter) { ids.append($0.id) }
    var alone: [Int64] = []
    try tickets.listIDs(filter) { alone.append($0) }
    #expect(alone == ids, "listIDs and list disagree", sourceLocation: sourceLocation)
    return ids
  }
}

/// Expects `body` to throw a DeskError with this code and exit status (and message, when given).
@discardableResult
func expectDeskError<R>(
  _ code: String, exit: Int32, message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () throws -> R
) -> DeskError? {
  let error = #expect(throws: DeskError.self, sourceLocation: sourceLocation) { _ = try body() }
  guard let error else { return nil }
  #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
  #expect(error.exitCode == exit, "\(error)", sourceLocation: sourceLocation)
  if let message { #expect(error.message == message, sourceLocation: sourceLocation) }
  return error
}
