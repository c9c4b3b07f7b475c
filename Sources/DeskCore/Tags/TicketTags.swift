import Foundation
import GRDB

/// A tag with its counts, as `tag list` shows it.
public struct TagCount: Sendable, Equatable {
  public var tag: String
  /// Unsolved tickets that carry the tag now.
  public var open: Int
  /// Tickets that carry it now.
  public var current: Int
  /// Tickets that ever carried it, removed since (by a broadcast, say) or not.
  public var all: Int
}

/// One row of `tag stats`: a tag (and a week, when asked), its tickets and distinct customers.
public struct TagStat: Sendable, Equatable {
  public var tag: String
  /// The Monday (UTC) that starts the week, when counted per week.
  public var week: String?
  public var tickets: Int
  public var customers: Int
}

/// `desk tag`: tags on tickets, for incidents and feature requests.
public struct TicketTags {
  let desk: Desk

  /// Adds tags to every ticket, in one transaction.
  public func add(_ ids: [Int64], tags: [String]) throws -> [Tickets.Outcome] {
    let tags = try normalised(tags)
    return try desk.tickets.eachTicket(ids) { ctx, ticket in
      var added: [String] = []
      for tag in tags {
        try ctx.db.execute(sql: "INSERT OR IGNORE INTO ticket_tag(ticket_id, tag) VALUES (?, ?)", arguments: [ticket.id, tag])
        if ctx.db.changesCount > 0 {
          try ctx.record(ticket.id, "tag", from: nil, to: tag)
          added.append(tag)
        }
      }
      if !added.isEmpty { try ctx.touch(ticket.id) }
      return Tickets.Outcome(
        ticket: ticket, changed: !added.isEmpty,
        summary: added.isEmpty ? "already tagged" : "tagged " + added.joined(separator: ", "))
    }
  }

  public func remove(_ ids: [Int64], tags: [String]) throws -> [Tickets.Outcome] {
    let tags = try normalised(tags)
    return try desk.tickets.eachTicket(ids) { ctx, ticket in
      var removed: [String] = []
      for tag in tags where try untag(ctx, ticket.id, tag) { removed.append(tag) }
      if !removed.isEmpty { try ctx.touch(ticket.id) }
      return Tickets.Outcome(
        ticket: ticket, changed: !removed.isEmpty,
        summary: removed.isEmpty ? "not tagged" : "untagged " + removed.joined(separator: ", "))
    }
  }

  func untag(_ ctx: Tickets.Context, _ ticket: Int64, _ tag: String) throws -> Bool {
    try ctx.db.execute(sql: "DELETE FROM ticket_tag WHERE ticket_id = ? AND tag = ?", arguments: [ticket, tag])
    guard ctx.db.changesCount > 0 else { return false }
    try ctx.record(ticket, "tag", from: tag, to: nil)
    return true
  }

  /// Tags by number of tickets that ever carried them; `pattern` is a glob (`wish-*`), `since`
  /// counts only tickets created since.
  public func list(pattern: String?, since: Timestamp?, each: (TagCount) throws -> Void) throws {
    var clauses: [String] = []
    var args: [any DatabaseValueConvertible] = []
    if let pattern {
      clauses.append("tt.tag GLOB ?")
      args.append(pattern.lowercased())
    }
    if let since {
      clauses.append("t.created_at >= ?")
      args.append(since)
    }
    let sql = """
      SELECT tt.tag, sum(now.tag IS NOT NULL AND \(TicketStatus.unsolvedSQL("t.status"))), count(now.tag), count(*)
      FROM ticket_tag_seen tt JOIN ticket t ON t.id = tt.ticket_id
      LEFT JOIN ticket_tag now ON now.ticket_id = tt.ticket_id AND now.tag = tt.tag
      \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
      GROUP BY tt.tag ORDER BY count(*) DESC, tt.tag
      """
    try desk.database.read { db in
      let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
      while let r = try rows.next() { try each(TagCount(tag: r[0], open: r[1], current: r[2], all: r[3])) }
    }
  }

  /// Renames a tag on every ticket (merging into the new name where a ticket has both).
  public func rename(_ old: String, to new: String) throws -> Int {
    try merge([old], into: new)
  }

  /// Replaces several tags by one on every ticket; returns how many tickets changed.
  public func merge(_ sources: [String], into target: String) throws -> Int {
    let sources = try normalised(sources)
    let target = try Tags.normalise(target)
    return try desk.tickets.change { ctx in
      var changed = Set<Int64>()
      for source in sources where source != target {
        // A rename rewrites the statistics too: tickets that carried the old name carried the new one.
        try ctx.db.execute(sql: "UPDATE OR IGNORE ticket_tag_seen SET tag = ? WHERE tag = ?", arguments: [target, source])
        try ctx.db.execute(sql: "DELETE FROM ticket_tag_seen WHERE tag = ?", arguments: [source])
        let ids = try Int64.fetchAll(ctx.db, sql: "SELECT ticket_id FROM ticket_tag WHERE tag = ?", arguments: [source])
        guard !ids.isEmpty else { continue }
        for id in ids {
          try ctx.db.execute(sql: "INSERT OR IGNORE INTO ticket_tag(ticket_id, tag) VALUES (?, ?)", arguments: [id, target])
          try ctx.db.execute(sql: "DELETE FROM ticket_tag WHERE ticket_id = ? AND tag = ?", arguments: [id, source])
          try ctx.record(id, "tag", from: source, to: target)
          changed.insert(id)
        }
      }
      if changed.isEmpty,
        try Int.fetchOne(
          ctx.db, sql: "SELECT count(*) FROM ticket_tag WHERE tag IN (\(sources.map { _ in "?" }.joined(separator: ",")))",
          arguments: StatementArguments(sources)) == 0,
        !sources.contains(target)
      {
        throw DeskError.notFound("no ticket has the tag \(sources.joined(separator: " or "))", hint: "desk tag list")
      }
      return changed.count
    }
  }

  /// Tickets and distinct customers per tag in a period (by ticket creation), optionally per
  /// week, optionally among the tickets of a filter (a saved view).
  public func stats(
    pattern: String?, from: Timestamp?, to: Timestamp?, perWeek: Bool, within filter: TicketFilter?,
    each: (TagStat) throws -> Void
  ) throws {
    try desk.database.read { db in
      var clauses: [String] = []
      var args: [any DatabaseValueConvertible] = []
      if let pattern {
        clauses.append("tt.tag GLOB ?")
        args.append(pattern.lowercased())
      }
      if let from {
        clauses.append("t.created_at >= ?")
        args.append(from)
      }
      if let to {
        clauses.append("t.created_at < ?")
        args.append(to)
      }
      if let filter {
        var f = filter
        f.limit = nil
        f.offset = nil
        let (sql, viewArgs) = try desk.tickets.query(db, f)
        clauses.append("t.id IN (SELECT id FROM (\(sql.ids)))")
        args += viewArgs
      }
      let week = "date(substr(t.created_at, 1, 10), 'weekday 0', '-6 days')"
      let sql = """
        SELECT tt.tag, \(perWeek ? week : "NULL") AS week, count(*), count(DISTINCT t.customer_id)
        FROM ticket_tag_seen tt JOIN ticket t ON t.id = tt.ticket_id
        \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
        GROUP BY tt.tag\(perWeek ? ", week" : "") ORDER BY \(perWeek ? "tt.tag, week" : "count(*) DESC, tt.tag")
        """
      let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
      while let r = try rows.next() { try each(TagStat(tag: r[0], week: r[1], tickets: r[2], customers: r[3])) }
    }
  }

  private func normalised(_ tags: [String]) throws -> [String] {
    guard !tags.isEmpty else { throw DeskError.usage("no tags given") }
    var seen = Set<String>()
    return try tags.map(Tags.normalise).filter { seen.insert($0).inserted }
  }
}

/// `desk view`: named `ticket list` filters, kept as the options that make them.
public struct Views {
  let desk: Desk

  public struct View: Sendable {
    public var name: String
    public var arguments: [String]
    public var createdBy: String
    public var createdAt: Timestamp
  }

  public func save(_ name: String, arguments: [String]) throws -> View {
    let name = try Calendars.validName(name)
    return try desk.database.write { db in
      let actor = try desk.actor(db)
      try db.execute(
        sql: "INSERT OR REPLACE INTO view(name, arguments, created_by, created_at) VALUES (?, ?, ?, ?)",
        arguments: [name, String(decoding: try JSONEncoder().encode(arguments), as: UTF8.self), actor.login, desk.clock.now])
      return try fetch(db, name)
    }
  }

  public func remove(_ name: String) throws {
    try desk.database.write { db in
      _ = try desk.actor(db)
      try db.execute(sql: "DELETE FROM view WHERE name = ?", arguments: [name])
      guard db.changesCount > 0 else { throw DeskError.notFound("no view '\(name)'", hint: "desk view list") }
    }
  }

  public func show(_ name: String) throws -> View { try desk.database.read { try fetch($0, name) } }

  public func list() throws -> [View] {
    try desk.database.read { db in
      try String.fetchAll(db, sql: "SELECT name FROM view ORDER BY name").map { try fetch(db, $0) }
    }
  }

  func fetch(_ db: Database, _ name: String) throws -> View {
    guard let row = try Row.fetchOne(db, sql: "SELECT name, arguments, created_by, created_at FROM view WHERE name = ?", arguments: [name])
    else {
      throw DeskError.notFound("no view '\(name)'", hint: "desk view list shows the saved views")
    }
    let args = (try? JSONDecoder().decode([String].self, from: Data((row[1] as String).utf8))) ?? []
    return View(name: row[0], arguments: args, createdBy: row[2], createdAt: row[3])
  }
}
