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

  /// The opcodes SQLite compiles `sql` to.
  static func opcodes(_ db: Database, _ sql: String) throws -> [String] {
    let statement = try db.makeStatement(sql: "EXPLAIN " + sql)
    let unbound = Array(repeating: DatabaseValue.null, count: Int(sqlite3_bind_parameter_count(statement.sqliteStatement)))
    return try Row.fetchAll(statement, arguments: StatementArguments(unbound)).map { $0["opcode"] as String }
  }

  static let touch = "UPDATE ticket SET updated_at = ? WHERE id = ?"
  static let insertTicket =
    "INSERT INTO ticket(subject, status, priority, type, channel, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
  static let unsolvedIndexes = ["ticket_unsolved", "ticket_unsolved_by_assignee", "ticket_unsolved_report"]

  @Test("a ticket's activity updates its partial indexes without building a temporary b-tree (v12)")
  func touchBuildsNoEphemeralTable() throws {
    let desk = try Self.desk()
    try desk.database.read { db in
      #expect(try Self.opcodes(db, Self.touch).filter { $0 == "OpenEphemeral" } == [])
      for name in Self.unsolvedIndexes {
        let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", arguments: [name])
        #expect(sql?.hasSuffix("WHERE " + TicketStatus.unsolvedSQL("status")) == true, "\(name): \(sql ?? "missing")")
      }
    }
  }

  @Test("v12 replaces the unsolved indexes of an older desk, keeping its statistics")
  func migrationReplacesIndexes() throws {
    let queue = try migratedQueue(upTo: "v11-mail-threads")
    try queue.write { db in
      // Before v12, the two partial indexes an update of updated_at changes cost a temporary b-tree
      // each for the row's old state and its new one.
      let before = try Self.opcodes(db, Self.touch).filter { $0 == "OpenEphemeral" }.count
      #expect(before == 4, "\(before)")
      // And five at every insert of a ticket: the CHECKs on status and priority, the three indexes.
      let inserting = try Self.opcodes(db, Self.insertTicket).filter { $0 == "OpenEphemeral" }.count
      #expect(inserting == 5, "\(inserting)")
      try db.execute(
        sql: """
          INSERT INTO ticket(subject, status, priority, type, channel, customer_id, created_at, updated_at)
          VALUES ('One', 'open', 'normal', 'question', 'email', 1, '2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z'),
                 ('Two', 'solved', 'normal', 'question', 'email', 1, '2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z');
          ANALYZE;
          """)
    }
    try AppDatabase.migrator.migrate(queue)
    try queue.read { db in
      #expect(try Self.opcodes(db, Self.touch).filter { $0 == "OpenEphemeral" } == [])
      #expect(try Self.opcodes(db, Self.insertTicket).filter { $0 == "OpenEphemeral" } == [])
      let analysed = try String.fetchAll(db, sql: "SELECT idx FROM sqlite_stat1 WHERE idx LIKE 'ticket_unsolved%' ORDER BY idx")
      #expect(analysed == Self.unsolvedIndexes)
      #expect(
        try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket INDEXED BY ticket_unsolved WHERE \(TicketStatus.unsolvedSQL("status"))")
          == 1)
    }
  }

  @Test("the SQL of a set of statuses: the unsolved ones as the partial indexes say it, all of them no condition")
  func statusSQL() {
    #expect(TicketStatus.sql("t.status", in: TicketStatus.unsolved) == "t.status NOT IN ('solved', 'closed')")
    #expect(TicketStatus.sql("t.status", in: [.onHold, .new]) == "t.status IN ('new', 'on-hold')")
    #expect(TicketStatus.sql("t.status", in: TicketStatus.allCases) == nil)
    #expect(TicketStatus.sql("status", in: [.solved, .closed]) == "status IN ('solved', 'closed')")
  }

  @Test("an insert into any of desk's tables builds no temporary b-tree for its CHECKs, which still refuse bad values (v12)")
  func insertsBuildNoEphemeralTable() throws {
    let desk = try Self.desk()
    try desk.database.write { db in
      let tables = try String.fetchAll(
        db,
        sql: """
          SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'
            AND name NOT IN (SELECT name || suffix FROM sqlite_master, (SELECT '_data' AS suffix UNION ALL SELECT '_idx'
              UNION ALL SELECT '_content' UNION ALL SELECT '_docsize' UNION ALL SELECT '_config') WHERE sql LIKE 'CREATE VIRTUAL%')
          ORDER BY name
          """)
      #expect(tables.contains("outbox") && tables.contains("ticket") && tables.contains("message"))
      var building: [String] = []
      for table in tables {
        let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
        let sql = "INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        if try Self.opcodes(db, sql).contains("OpenEphemeral") { building.append(table) }
      }
      #expect(building == [])
      let ticket = try Int64.fetchOne(db, sql: "SELECT max(id) FROM ticket")!
      for bad in ["UPDATE ticket SET status = 'bogus' WHERE id = \(ticket)", "UPDATE ticket SET priority = 'Low' WHERE id = \(ticket)"] {
        #expect(throws: DatabaseError.self) { try db.execute(sql: bad) }
      }
      try db.execute(sql: "UPDATE ticket SET status = 'on-hold', priority = 'urgent' WHERE id = \(ticket)")
      #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
    }
  }
}
