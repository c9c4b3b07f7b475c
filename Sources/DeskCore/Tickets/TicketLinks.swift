import GRDB

extension Tickets {
  /// Links a ticket to a task in another tracker (a URL or key such as `JIRA-123`), or to
  /// another ticket (`#N`, recorded on both).
  public func link(_ id: Int64, to target: String) throws -> Outcome {
    let target = try TextRules.line(target, "the link", maxCharacters: 2000)
    return try change(
      { ctx in
        let ticket = try Ticket.fetch(ctx.db, id: id)
        var added: Bool
        if let other = Tickets.ticketReference(target) {
          guard other != id else { throw DeskError.invalidInput("a ticket cannot be linked to itself") }
          _ = try Ticket.fetch(ctx.db, id: other)
          added = try addLink(ctx, id, kind: "related", target: "#\(other)")
          if try addLink(ctx, other, kind: "related", target: "#\(id)") { try ctx.touch(other) }
        } else {
          guard SafeLink.allows(target) else {
            throw DeskError.invalidInput(
              "'\(target)' is not a link desk keeps", hint: "give an http, https or mailto address, a key such as DEV-123, or #N for a ticket")
          }
          added = try addLink(ctx, id, kind: "external", target: target)
        }
        if added { try ctx.touch(id) }
        return Outcome(
          ticket: try Ticket.fetch(ctx.db, id: id), changed: added,
          summary: added ? "linked to \(target)" : "already linked to \(target)")
      }, refresh: Tickets.refreshOutcome)
  }

  /// Removes a link made with `link`.
  public func unlink(_ id: Int64, from target: String) throws -> Outcome {
    try change(
      { ctx in
        let ticket = try Ticket.fetch(ctx.db, id: id)
        let normalised = Tickets.ticketReference(target).map { "#\($0)" } ?? target
        try ctx.db.execute(
          sql: "DELETE FROM ticket_link WHERE ticket_id = ? AND target = ? AND kind IN ('external', 'related')",
          arguments: [ticket.id, normalised])
        let removed = ctx.db.changesCount > 0
        if removed {
          try ctx.record(id, "link", from: normalised, to: nil)
          if let other = Tickets.ticketReference(target) {
            try ctx.db.execute(
              sql: "DELETE FROM ticket_link WHERE ticket_id = ? AND target = ? AND kind = 'related'",
              arguments: [other, "#\(id)"])
            if ctx.db.changesCount > 0 { try ctx.record(other, "link", from: "#\(id)", to: nil) }
          }
          try ctx.touch(id)
        }
        return Outcome(
          ticket: try Ticket.fetch(ctx.db, id: id), changed: removed,
          summary: removed ? "unlinked from \(normalised)" : "not linked to \(normalised)")
      }, refresh: Tickets.refreshOutcome)
  }

  /// Moves the whole conversation of `source` into `target` and closes `source`,
  /// linking the two. Tags of the source are added to the target.
  public func merge(_ source: Int64, into target: Int64) throws -> (source: Ticket, target: Ticket) {
    guard source != target else { throw DeskError.invalidInput("a ticket cannot be merged into itself") }
    return try change(
      { ctx in
        let from = try Ticket.fetch(ctx.db, id: source)
        let into = try Ticket.fetch(ctx.db, id: target)
        guard from.status != .closed else {
          throw DeskError.notAllowed("ticket \(source) is closed and cannot be merged")
        }
        guard into.status != .closed else {
          throw DeskError.notAllowed("ticket \(target) is closed; merge into an open ticket")
        }
        try ctx.db.execute(sql: "UPDATE message SET ticket_id = ? WHERE ticket_id = ?", arguments: [target, source])
        let moved = ctx.db.changesCount
        try ctx.db.execute(sql: "UPDATE attachment SET ticket_id = ? WHERE ticket_id = ?", arguments: [target, source])
        try ctx.db.execute(
          sql: "INSERT OR IGNORE INTO ticket_tag(ticket_id, tag) SELECT ?, tag FROM ticket_tag WHERE ticket_id = ?",
          arguments: [target, source])
        if from.firstReplyAt != nil, into.firstReplyAt == nil || from.firstReplyAt! < into.firstReplyAt! {
          try ctx.db.execute(sql: "UPDATE ticket SET first_reply_at = ? WHERE id = ?", arguments: [from.firstReplyAt, target])
        }
        try addLink(ctx, source, kind: "merged-into", target: "#\(target)")
        try addLink(ctx, target, kind: "merged-from", target: "#\(source)")
        try ctx.set(source, column: "merged_into", field: "merged into", from: nil, to: "#\(target)", value: target)
        try ctx.record(target, "merged", from: nil, to: "#\(source) (\(moved) messages)")
        _ = try addMessage(
          ctx, ticket: source, author: .system, visibility: .internal, channel: from.channel,
          body: "Merged into ticket #\(target) by \(ctx.actor).")
        _ = try addMessage(
          ctx, ticket: target, author: .system, visibility: .internal, channel: into.channel,
          body: "Ticket #\(source) (\(from.subject)) was merged into this ticket by \(ctx.actor).")
        _ = try move(ctx, try Ticket.fetch(ctx.db, id: source), to: .closed, force: true)
        return (try Ticket.fetch(ctx.db, id: source), try Ticket.fetch(ctx.db, id: target))
      }, refresh: { db, pair in (try Ticket.fetch(db, id: pair.0.id), try Ticket.fetch(db, id: pair.1.id)) })
  }

  static func refreshOutcome(_ db: Database, _ o: Outcome) throws -> Outcome {
    var o = o
    o.ticket = try Ticket.fetch(db, id: o.ticket.id)
    return o
  }

  @discardableResult
  func addLink(_ ctx: Context, _ ticket: Int64, kind: String, target: String) throws -> Bool {
    try ctx.db.execute(
      sql: "INSERT OR IGNORE INTO ticket_link(ticket_id, kind, target, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
      arguments: [ticket, kind, target, ctx.now, ctx.actor])
    guard ctx.db.changesCount > 0 else { return false }
    try ctx.record(ticket, "link", from: nil, to: kind == "external" ? target : "\(kind) \(target)")
    return true
  }

  /// `#12` → 12.
  static func ticketReference(_ text: String) -> Int64? {
    guard text.hasPrefix("#") else { return nil }
    return Int64(text.dropFirst())
  }
}
