import GRDB

/// Fields to change on one or more tickets; nil leaves a field alone.
public struct TicketChanges: Sendable {
  public var subject: String?
  public var status: TicketStatus?
  public var priority: TicketPriority?
  public var type: String?
  public var channel: String?
  /// A customer reference, or "none" to clear.
  public var customer: String?
  /// A login, `me`, or `none` to unassign.
  public var assignee: String?
  public var setFields: [(String, String)] = []
  public var unsetFields: [String] = []
  public var addTags: [String] = []
  public var removeTags: [String] = []
  public init() {}

  public var isEmpty: Bool {
    subject == nil && status == nil && priority == nil && type == nil && channel == nil && customer == nil
      && assignee == nil && setFields.isEmpty && unsetFields.isEmpty && addTags.isEmpty && removeTags.isEmpty
  }
}

extension Tickets {
  /// Changes several fields of several tickets at once, all or nothing.
  public func set(_ ids: [Int64], _ changes: TicketChanges) throws -> [Outcome] {
    guard !changes.isEmpty else {
      throw DeskError.usage(
        "nothing to change",
        hint: "give at least one of --subject, --status, --priority, --type, --channel, --customer, --assignee, --field, --tag")
    }
    let subject = try changes.subject.map { try TextRules.line($0, "the subject") }
    let addTags = try changes.addTags.map(Tags.normalise)
    let removeTags = try changes.removeTags.map(Tags.normalise)
    let unsetKeys = try changes.unsetFields.map(TicketFields.validKey)
    return try eachTicket(ids) { ctx, ticket in
      var done: [String] = []
      let id = ticket.id
      if ticket.status == .closed {
        throw Tickets.transitionError(ticket, to: changes.status ?? .open)
      }
      if let subject, try ctx.set(id, column: "subject", field: "subject", from: ticket.subject, to: subject, value: subject) {
        done.append("subject")
      }
      if let p = changes.priority,
        try ctx.set(id, column: "priority", field: "priority", from: ticket.priority.rawValue, to: p.rawValue, value: p)
      {
        done.append("priority \(p.rawValue)")
      }
      if let raw = changes.type {
        let type = try validType(ctx.db, raw)
        if try ctx.set(id, column: "type", field: "type", from: ticket.type, to: type, value: type) { done.append("type \(type)") }
      }
      if let raw = changes.channel {
        let channel = try validChannel(ctx.db, raw)
        if try ctx.set(id, column: "channel", field: "channel", from: ticket.channel, to: channel, value: channel) {
          done.append("channel \(channel)")
        }
      }
      if let ref = changes.customer {
        let customer = ref == "none" ? nil : try desk.customers.resolve(ctx.db, ref)
        let old = ticket.customerID.map { "\($0)" }
        if try ctx.set(id, column: "customer_id", field: "customer", from: old, to: customer.map { "\($0.id)" }, value: customer?.id) {
          done.append("customer \(customer?.name ?? "none")")
        }
      }
      if let ref = changes.assignee, try assign(ctx, ticket, to: ref) {
        done.append("assignee \(ref == "none" ? "none" : try Ticket.fetch(ctx.db, id: id).assigneeLogin ?? "none")")
      }
      for (key, value) in changes.setFields {
        let key = try TicketFields.validKey(key)
        let value = try TicketFields.validValue(value)
        let old = try String.fetchOne(ctx.db, sql: "SELECT value FROM ticket_field WHERE ticket_id = ? AND key = ?", arguments: [id, key])
        if old != value {
          try ctx.db.execute(
            sql: "INSERT OR REPLACE INTO ticket_field(ticket_id, key, value) VALUES (?, ?, ?)", arguments: [id, key, value])
          try ctx.record(id, "field \(key)", from: old, to: value)
          done.append("field \(key)")
        }
      }
      for key in unsetKeys {
        if let old = try String.fetchOne(
          ctx.db, sql: "SELECT value FROM ticket_field WHERE ticket_id = ? AND key = ?", arguments: [id, key])
        {
          try ctx.db.execute(sql: "DELETE FROM ticket_field WHERE ticket_id = ? AND key = ?", arguments: [id, key])
          try ctx.record(id, "field \(key)", from: old, to: nil)
          done.append("field \(key) removed")
        }
      }
      for tag in addTags {
        try ctx.db.execute(sql: "INSERT OR IGNORE INTO ticket_tag(ticket_id, tag) VALUES (?, ?)", arguments: [id, tag])
        if ctx.db.changesCount > 0 {
          try ctx.record(id, "tag", from: nil, to: tag)
          done.append("+\(tag)")
        }
      }
      for tag in removeTags {
        try ctx.db.execute(sql: "DELETE FROM ticket_tag WHERE ticket_id = ? AND tag = ?", arguments: [id, tag])
        if ctx.db.changesCount > 0 {
          try ctx.record(id, "tag", from: tag, to: nil)
          done.append("-\(tag)")
        }
      }
      if let status = changes.status {
        let current = try Ticket.fetch(ctx.db, id: id)
        if try move(ctx, current, to: status) { done.append("status \(status.rawValue)") }
      }
      if !done.isEmpty { try ctx.touch(id) }
      return Outcome(
        ticket: try Ticket.fetch(ctx.db, id: id), changed: !done.isEmpty,
        summary: done.isEmpty ? "unchanged" : done.joined(separator: ", "))
    }
  }

  /// Hands tickets to an agent (`me`, a login) or to nobody (`none`). A new ticket becomes open.
  public func assign(_ ids: [Int64], to ref: String) throws -> [Outcome] {
    try eachTicket(ids) { ctx, ticket in
      guard ticket.status != .closed else { throw Tickets.transitionError(ticket, to: .open) }
      let changed = try assign(ctx, ticket, to: ref)
      let after = try Ticket.fetch(ctx.db, id: ticket.id)
      let who = after.assigneeLogin ?? "nobody"
      return Outcome(ticket: after, changed: changed, summary: changed ? "assigned to \(who)" : "already assigned to \(who)")
    }
  }

  func assign(_ ctx: Context, _ ticket: Ticket, to ref: String) throws -> Bool {
    let agent = ref == "none" ? nil : try desk.agents.assignable(ctx.db, ref)
    let changed = try ctx.set(
      ticket.id, column: "assignee_id", field: "assignee", from: ticket.assigneeLogin,
      to: agent?.login, value: agent?.id)
    if changed, agent != nil, ticket.status == .new { _ = try move(ctx, ticket, to: .open) }
    return changed
  }

  /// Marks tickets solved, after an optional public comment.
  public func solve(_ ids: [Int64], comment: String? = nil) throws -> [Outcome] {
    try eachTicket(ids) { ctx, ticket in
      guard ticket.status != .closed else { return Outcome(ticket: ticket, changed: false, summary: "already closed") }
      if let comment, !comment.isEmpty {
        _ = try addMessage(
          ctx, ticket: ticket.id, author: .agent(ctx.actorAgent!), visibility: .public,
          channel: ticket.channel, body: comment)
        if ticket.firstReplyAt == nil {
          try ctx.db.execute(sql: "UPDATE ticket SET first_reply_at = ? WHERE id = ?", arguments: [ctx.now, ticket.id])
        }
      }
      if ticket.status == .solved {
        let commented = comment.map { !$0.isEmpty } ?? false
        return Outcome(ticket: ticket, changed: commented, summary: commented ? "commented; already solved" : "already solved")
      }
      _ = try move(ctx, ticket, to: .solved)
      return Outcome(ticket: try Ticket.fetch(ctx.db, id: ticket.id), changed: true, summary: "solved")
    }
  }

  /// Closes solved tickets. `force` closes an unsolved one too (leads and admins: spam, duplicates).
  public func close(_ ids: [Int64], force: Bool = false) throws -> [Outcome] {
    try eachTicket(ids) { ctx, ticket in
      if ticket.status == .closed { return Outcome(ticket: ticket, changed: false, summary: "already closed") }
      if force, ticket.status != .solved {
        _ = try desk.actor(ctx.db, requiring: [.admin, .lead], to: "close unsolved tickets")
      }
      _ = try move(ctx, ticket, to: .closed, force: force)
      return Outcome(ticket: try Ticket.fetch(ctx.db, id: ticket.id), changed: true, summary: "closed")
    }
  }

  /// Opens solved, pending or on-hold tickets again.
  public func reopen(_ ids: [Int64]) throws -> [Outcome] {
    try eachTicket(ids) { ctx, ticket in
      if ticket.status == .open || ticket.status == .new {
        return Outcome(ticket: ticket, changed: false, summary: "already \(ticket.status.rawValue)")
      }
      _ = try move(ctx, ticket, to: .open)
      return Outcome(ticket: try Ticket.fetch(ctx.db, id: ticket.id), changed: true, summary: "reopened")
    }
  }
}
