import GRDB

/// The filters of `ticket list`. Each one has an index behind it.
public struct TicketFilter: Sendable {
  public enum Assignee: Sendable, Equatable {
    case me, none
    case login(String)
  }
  public enum Sort: String, CaseIterable, Sendable { case id, created, updated, priority, status, due }

  /// nil: every status but solved and closed.
  public var statuses: [TicketStatus]?
  public var assignee: Assignee?
  public var customer: String?
  public var types: [String] = []
  public var channels: [String] = []
  public var priorities: [TicketPriority] = []
  /// Every tag must be on the ticket.
  public var tags: [String] = []
  /// Words that must all appear (as word prefixes) in the subject or in one message,
  /// ignoring case and accents.
  public var text: String?
  public var createdSince: Timestamp?
  public var createdBefore: Timestamp?
  public var updatedSince: Timestamp?
  public var updatedBefore: Timestamp?
  /// Only tickets with a running SLA timer past its deadline.
  public var breached = false
  /// Only tickets with a running SLA deadline within this long from now (breached ones too).
  public var dueWithin: Duration?
  public var sort: Sort = .updated
  /// nil: soonest first for `due`, newest first otherwise.
  public var descending: Bool?
  public var limit: Int?
  public var offset: Int?
  public init() {}
}

extension Tickets {
  /// Streams the tickets matching `filter` to `each`, in order, without collecting them.
  ///
  /// With a limit, in two phases: the ids alone, sorted and cut to the limit, then the rows of
  /// those few. One query would join customer, agent and policy and gather the tags of every
  /// candidate (370k for a common word in 1M tickets) before the sort kept 50 of them.
  public func list(_ filter: TicketFilter, each: (Ticket) throws -> Void) throws {
    try desk.database.read { db in
      let (sql, args) = try query(db, filter)
      if filter.limit != nil {
        let ids = try Int64.fetchAll(db, sql: sql.ids, arguments: StatementArguments(args))
        for id in ids { try each(Ticket.fetch(db, id: id)) }
      } else {
        let rows = try Row.fetchCursor(db, sql: sql.rows, arguments: StatementArguments(args))
        while let row = try rows.next() { try each(Ticket(row: row)) }
      }
    }
  }

  /// The ids `list` streams, in its order, read without the rows: `--format ids`, what counts and
  /// pipes read (issue 16: 100,000 tickets took as long as their whole rows before).
  public func listIDs(_ filter: TicketFilter, each: (Int64) throws -> Void) throws {
    try desk.database.read { db in
      let (sql, args) = try query(db, filter)
      let ids = try Int64.fetchCursor(db, sql: sql.ids, arguments: StatementArguments(args))
      while let id = try ids.next() { try each(id) }
    }
  }

  /// The SQL of a listing, as ids only (for the first phase) and as whole rows.
  struct ListingSQL {
    var ids: String
    var rows: String
  }

  func query(_ db: Database, _ f: TicketFilter) throws -> (ListingSQL, [any DatabaseValueConvertible]) {
    var clauses: [String] = []
    var args: [any DatabaseValueConvertible] = []
    func anyOf(_ column: String, _ values: [any DatabaseValueConvertible]) {
      guard !values.isEmpty else { return }
      clauses.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))")
      args += values
    }
    // Statuses are inlined as literals (they are a closed set), so that the default filter
    // matches the partial index of unsolved tickets; all statuses means no filter at all.
    if let status = TicketStatus.sql("t.status", in: f.statuses ?? TicketStatus.unsolved) { clauses.append(status) }
    switch f.assignee {
    case .none?: clauses.append("t.assignee_id IS NULL")
    case .me?:
      clauses.append("t.assignee_id = (SELECT id FROM agent WHERE login = ?)")
      args.append(desk.login)
    case .login(let login)?:
      guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM agent WHERE login = ?", arguments: [login]) else {
        throw DeskError.notFound("no agent '\(login)'", hint: "desk agent list shows the team")
      }
      clauses.append("t.assignee_id = ?")
      args.append(id)
    case nil: break
    }
    if let ref = f.customer {
      clauses.append("t.customer_id = ?")
      args.append(try desk.customers.resolve(db, ref).id)
    }
    anyOf("t.type", f.types.map { $0.lowercased() })
    anyOf("t.channel", f.channels.map { $0.lowercased() })
    anyOf("t.priority", f.priorities.map(\.rawValue))
    for tag in f.tags {
      clauses.append("t.id IN (SELECT ticket_id FROM ticket_tag WHERE tag = ?)")
      args.append(try Tags.normalise(tag))
    }
    if let text = f.text {
      let match = try FullText.allWords(text, option: "--text")
      // Each matching message is turned into its ticket through the (id, ticket_id) index: SQLite
      // would read the message table by rowid, a page of bodies for every few matches (half the
      // time of a common word on 1M tickets).
      clauses.append(
        """
        t.id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?
                 UNION SELECT m.ticket_id FROM message_fts JOIN message m INDEXED BY message_ticket_by_id ON m.id = message_fts.rowid
                       WHERE message_fts MATCH ?)
        """)
      args += [match, match]
    }
    for (column, op, value) in [
      ("created_at", ">=", f.createdSince), ("created_at", "<", f.createdBefore),
      ("updated_at", ">=", f.updatedSince), ("updated_at", "<", f.updatedBefore),
    ] {
      if let value {
        clauses.append("t.\(column) \(op) ?")
        args.append(value)
      }
    }
    if f.breached {
      clauses.append("t.sla_due_at <= ?")
      args.append(desk.clock.now)
    }
    if let within = f.dueWithin {
      clauses.append("t.sla_due_at <= ?")
      args.append(desk.clock.now + within)
    }
    // The busiest listings (the open work, of everyone or of one agent, newest activity first)
    // read their partial index in order and stop at the limit, whatever statistics SQLite has.
    let onlyUnsolved = f.statuses == nil || Set(f.statuses!) == Set(TicketStatus.unsolved)
    let otherFilters =
      f.customer != nil || !f.types.isEmpty || !f.channels.isEmpty || !f.priorities.isEmpty || !f.tags.isEmpty
      || f.text != nil || f.createdSince != nil || f.createdBefore != nil || f.updatedSince != nil || f.updatedBefore != nil
      || f.breached || f.dueWithin != nil
    var index: String? = nil
    if onlyUnsolved, f.sort == .updated, !otherFilters {
      index = f.assignee == nil ? "ticket_unsolved" : "ticket_unsolved_by_assignee"
    }
    var sql = ""
    if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
    let dir = (f.descending ?? (f.sort != .due)) ? "DESC" : "ASC"
    switch f.sort {
    case .id: sql += " ORDER BY t.id \(dir)"
    case .due: sql += " ORDER BY t.sla_due_at IS NULL, t.sla_due_at \(dir), t.id \(dir)"
    case .created: sql += " ORDER BY t.created_at \(dir), t.id \(dir)"
    case .updated: sql += " ORDER BY t.updated_at \(dir), t.id \(dir)"
    case .priority:
      sql +=
        " ORDER BY CASE t.priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END \(dir), t.updated_at DESC, t.id DESC"
    case .status:
      sql +=
        " ORDER BY CASE t.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'pending' THEN 2 WHEN 'on-hold' THEN 3 WHEN 'solved' THEN 4 ELSE 5 END \(dir), t.updated_at DESC, t.id DESC"
    }
    if let limit = f.limit { sql += " LIMIT \(max(0, limit))" } else if f.offset != nil { sql += " LIMIT -1" }
    if let offset = f.offset { sql += " OFFSET \(max(0, offset))" }
    let from = Ticket.from(indexedBy: index)
    return (ListingSQL(ids: "SELECT t.id FROM " + from + sql, rows: Ticket.selectSQL(from: from) + sql), args)
  }

  /// A ticket's history, oldest first.
  public func history(_ id: Int64, each: (HistoryEntry) throws -> Void) throws {
    try desk.database.read { db in
      _ = try Ticket.fetch(db, id: id)
      let rows = try Row.fetchCursor(
        db, sql: "SELECT id, ticket_id, at, actor, field, old_value, new_value FROM history WHERE ticket_id = ? ORDER BY id",
        arguments: [id])
      while let r = try rows.next() {
        try each(HistoryEntry(id: r[0], ticketID: r[1], at: r[2], actor: r[3], field: r[4], oldValue: r[5], newValue: r[6]))
      }
    }
  }
}
