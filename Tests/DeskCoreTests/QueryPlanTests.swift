import Foundation
import GRDB
import GRDBSQLite
import Testing

@testable import DeskCore

/// Issue 16: the hot queries keep their indexes. Each test runs a real core call while tracing
/// the statements it executes, then asks SQLite for each statement's plan (`EXPLAIN QUERY PLAN`,
/// no timing): a table that grows with the tickets must never be read whole.
@Suite("QueryPlan: every hot query reads its index, never a whole growing table")
struct QueryPlanTests {
  /// The tables that grow with the tickets (and their aliases in desk's SQL): reading one of
  /// them whole is what makes a listing slow on a million tickets.
  static let growing: Set<String> = [
    "ticket", "t", "message", "m", "ticket_tag", "tt", "ticket_tag_seen", "history", "h", "outbox", "o", "sla_timer",
    "st", "rating", "r", "customer", "c", "attachment", "broadcast_recipient", "nps",
  ]

  /// The statements `body` executed, in order, each once.
  static func statements(_ desk: Desk, _ body: () throws -> Void) throws -> [String] {
    final class Seen: @unchecked Sendable { var sql: [String] = [] }
    let seen = Seen()
    try desk.database.queue.inDatabase { db in
      db.trace(options: .statement) { event in
        if case .statement(let statement) = event, !seen.sql.contains(statement.sql) { seen.sql.append(statement.sql) }
      }
    }
    defer { try? desk.database.queue.inDatabase { $0.trace(options: [], nil) } }
    try body()
    return seen.sql
  }

  /// SQLite's plan for `sql`, one detail line a step (parameters unbound: the plan does not depend on them).
  static func plan(_ desk: Desk, _ sql: String) throws -> [String] {
    try desk.database.read { db in
      let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
      let unbound = Array(repeating: DatabaseValue.null, count: Int(sqlite3_bind_parameter_count(statement.sqliteStatement)))
      return try Row.fetchAll(statement, arguments: StatementArguments(unbound)).map { $0["detail"] as String }
    }
  }

  /// `SCAN x` with no index (`SCAN t USING INDEX …` and virtual tables are fine) of a growing table.
  static func wholeScans(_ plan: [String]) -> [String] {
    plan.filter { line in
      let words = line.split(separator: " ")
      return words.count == 2 && words[0] == "SCAN" && growing.contains(String(words[1]))
    }
  }

  /// The plans of every statement `body` runs that reads a growing table whole, as `sql: line`.
  static func offenders(_ desk: Desk, _ body: () throws -> Void) throws -> [String] {
    let skip = ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA", "--"]
    var found: [String] = []
    for sql in try statements(desk, body) where !skip.contains(where: { sql.uppercased().hasPrefix($0) }) {
      for line in wholeScans(try plan(desk, sql)) { found.append("\(sql): \(line)") }
    }
    return found
  }

  /// A desk with a team and a few tickets, so that every path of the hot calls runs.
  static func desk() throws -> Desk {
    let desk = try makeTeamDesk()
    try desk.newTicket("Printer export hangs") { $0.tags = ["wish-export"] }
    try desk.newTicket("Login fails") { $0.assignee = "anna" }
    return desk
  }

  /// The SQL of a listing, as `ticket list` would run it.
  static func listing(_ desk: Desk, _ configure: (inout TicketFilter) -> Void) throws -> Tickets.ListingSQL {
    var filter = TicketFilter()
    filter.limit = 50
    configure(&filter)
    return try desk.database.read { try desk.tickets.query($0, filter).0 }
  }

  @Test("the open-work listing reads the partial index of unsolved tickets in order, and stops at the limit")
  func openWork() throws {
    let desk = try Self.desk()
    let sql = try Self.listing(desk) { _ in }
    #expect(try Self.plan(desk, sql.ids) == ["SCAN t USING INDEX ticket_unsolved"])
    #expect(try Self.offenders(desk) { _ = try desk.listIDs(TicketFilter()) } == [])
  }

  @Test("an agent's queue reads the partial index of unsolved tickets by assignee")
  func agentQueue() throws {
    let desk = try Self.desk()
    let sql = try Self.listing(desk) { $0.assignee = .login("anna") }
    #expect(try Self.plan(desk, sql.ids) == ["SEARCH t USING INDEX ticket_unsolved_by_assignee (assignee_id=?)"])
  }

  @Test("a tag listing finds its tickets by the tag's index")
  func tagListing() throws {
    let desk = try Self.desk()
    let sql = try Self.listing(desk) {
      $0.statuses = TicketStatus.allCases
      $0.tags = ["wish-export"]
    }
    let plan = try Self.plan(desk, sql.ids)
    #expect(plan.contains("SEARCH ticket_tag USING COVERING INDEX ticket_tag_by_tag (tag=?)"), "\(plan)")
    #expect(Self.wholeScans(plan) == [], "\(plan)")
  }

  @Test("text search sorts the matching ids alone: no customer, agent, policy or tags before the limit")
  func textSearch() throws {
    let desk = try Self.desk()
    let sql = try Self.listing(desk) {
      $0.statuses = TicketStatus.allCases
      $0.text = "printer"
    }
    let plan = try Self.plan(desk, sql.ids)
    #expect(plan.contains { $0.hasPrefix("SCAN ticket_fts VIRTUAL TABLE INDEX") }, "\(plan)")
    #expect(plan.contains { $0.hasPrefix("SCAN message_fts VIRTUAL TABLE INDEX") }, "\(plan)")
    #expect(plan.contains("SEARCH m USING COVERING INDEX message_ticket_by_id (id=?)"), "\(plan)")
    #expect(plan.contains("SEARCH t USING INTEGER PRIMARY KEY (rowid=?)"), "\(plan)")
    for joined in ["SEARCH c ", "SEARCH a ", "SEARCH p ", "ticket_tag"] {
      #expect(!plan.contains { $0.contains(joined) }, "the first phase reads \(joined): \(plan)")
    }
    #expect(try Self.offenders(desk) { _ = try desk.listIDs(TicketFilter()) } == [])
  }

  @Test("every hot call reads only through indexes: listings, the card, KB search, cron, reports, tag statistics")
  func hotCalls() throws {
    let desk = try Self.desk()
    var filters: [TicketFilter] = []
    for configure: (inout TicketFilter) -> Void in [
      { _ in }, { $0.assignee = .login("anna") }, { $0.assignee = .me }, { $0.tags = ["wish-export"] },
      {
        $0.statuses = TicketStatus.allCases
        $0.text = "printer export"
      }, { $0.sort = .due }, { $0.breached = true },
      { $0.customer = "1" },
    ] as [(inout TicketFilter) -> Void] {
      var f = TicketFilter()
      f.limit = 50
      configure(&f)
      filters.append(f)
      f.limit = nil
      filters.append(f)
    }
    var anna = CustomerChanges()
    anna.name = "Anna"
    _ = try desk.customers.add(anna)
    for filter in filters {
      #expect(try Self.offenders(desk) { _ = try desk.listIDs(filter) } == [], "\(filter)")
    }
    #expect(try Self.offenders(desk) { _ = try desk.tickets.card(1) } == [])
    #expect(try Self.offenders(desk) { _ = try desk.kb.search("printer error", in: .init()) } == [])
    #expect(try Self.offenders(desk) { _ = try desk.cron.run() } == [])
    let week = try desk.reports.period(week: "2026-W47", month: nil, from: nil, to: nil)
    #expect(try Self.offenders(desk) { _ = try desk.reports.summary(week, by: nil) } == [])
    #expect(try Self.offenders(desk) { _ = try desk.reports.agents(week) } == [])
  }

  @Test("the check fails when a hot query loses its index")
  func checkCanFail() throws {
    let desk = try Self.desk()
    try desk.database.write { try $0.execute(sql: "DROP INDEX ticket_tag_by_tag") }
    var filter = TicketFilter()
    filter.tags = ["wish-export"]
    filter.limit = 50
    let found = try Self.offenders(desk) { _ = try desk.listIDs(filter) }
    #expect(found.contains { $0.hasSuffix(": SCAN ticket_tag") }, "\(found)")
  }
}
