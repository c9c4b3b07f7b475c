import Foundation
import GRDB

/// A broadcast: one templated message to every customer behind a tag.
public struct Broadcast: Sendable {
  public var id: Int64
  public var tag: String
  public var template: String
  public var statuses: [TicketStatus]
  public var solve: Bool
  public var keepTag: Bool
  public var state: String
  public var createdBy: String
  public var createdAt: Timestamp
  public var finishedAt: Timestamp?
  public var recipients: Int
  public var sent: Int
  public var tickets: Int
}

/// One customer and channel a broadcast reaches.
public struct BroadcastRecipient: Sendable {
  public var customerID: Int64
  public var customerName: String
  public var channel: String
  public var address: String?
  public var tickets: [Int64]
  public var sentAt: Timestamp?
  public var outboxID: Int64?
  public var subject: String?
}

/// `desk broadcast`: tell every customer behind a tag, once each, and record it on each ticket.
///
/// The recipients are fixed when a broadcast starts; each is then sent in its own transaction
/// (its replies, its outbox message, the tag removed from its tickets, its row marked sent),
/// so a broadcast killed halfway resumes with the rest and nobody gets a message twice.
public struct Broadcasts {
  let desk: Desk

  public struct Request: Sendable {
    public var tag: String
    public var template: String
    public var statuses: [TicketStatus]
    public var solve: Bool
    public var keepTag: Bool
    /// Send every message on this channel; by default each customer's most recent tagged ticket's.
    public var channel: String?
    public init(tag: String, template: String, statuses: [TicketStatus], solve: Bool, keepTag: Bool, channel: String? = nil) {
      self.tag = tag
      self.template = template
      self.statuses = statuses
      self.solve = solve
      self.keepTag = keepTag
      self.channel = channel
    }
  }

  /// Which tickets a broadcast counts unless told otherwise.
  public static let everyStatusButClosed: [TicketStatus] = [.new, .open, .pending, .onHold, .solved]

  /// Who would get what, without sending (also what a confirmation shows).
  public func plan(_ r: Request) throws -> [BroadcastRecipient] {
    let tag = try Tags.normalise(r.tag)
    return try desk.database.read { db in
      _ = try desk.templates.pick(db, name: r.template, language: nil)
      if let running = try runningID(db, r, tag: tag) { return try recipients(db, running) }
      return try groups(db, r, tag: tag).map { g in
        var rec = try recipient(db, customer: g.customer, channel: g.channel, tickets: g.tickets)
        let first = try lead(db, g.tickets, channel: g.channel)
        let subject = try desk.templates.render(db, name: r.template, ticket: first, agentLogin: desk.login).subject
        rec.subject = subject.isEmpty ? "Re: \(first.subject) [#\(first.id)]" : subject
        return rec
      }
    }
  }

  /// Starts (or resumes, when one with the same arguments is unfinished) and sends.
  public func send(_ r: Request) throws -> Broadcast {
    let tag = try Tags.normalise(r.tag)
    let id = try desk.database.write { db -> Int64 in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "send broadcasts")
      _ = try desk.templates.pick(db, name: r.template, language: nil)
      if let running = try runningID(db, r, tag: tag) { return running }
      let groups = try groups(db, r, tag: tag)
      guard !groups.isEmpty else {
        throw DeskError.notFound(
          "no ticket with the tag \(tag) in \(r.statuses.map(\.rawValue).joined(separator: ", "))", hint: "desk tag list")
      }
      try db.execute(
        sql:
          "INSERT INTO broadcast(tag, template, statuses, solve, keep_tag, state, created_by, created_at) VALUES (?, ?, ?, ?, ?, 'running', ?, ?)",
        arguments: [
          tag, r.template.lowercased(), r.statuses.map(\.rawValue).joined(separator: ","), r.solve, r.keepTag,
          try desk.actor(db).login, desk.clock.now,
        ])
      let id = db.lastInsertedRowID
      for g in groups {
        try db.execute(
          sql: "INSERT INTO broadcast_recipient(broadcast_id, customer_id, channel, tickets) VALUES (?, ?, ?, ?)",
          arguments: [id, g.customer, g.channel, g.tickets.map(String.init).joined(separator: ",")])
      }
      return id
    }
    return try resume(id)
  }

  /// Sends to everyone a broadcast has not reached yet.
  public func resume(_ id: Int64) throws -> Broadcast {
    let pending = try desk.database.read { db -> [(Int64, String)] in
      _ = try fetch(db, id)
      return try Row.fetchAll(
        db,
        sql:
          "SELECT customer_id, channel FROM broadcast_recipient WHERE broadcast_id = ? AND sent_at IS NULL ORDER BY customer_id, channel",
        arguments: [id]
      ).map { ($0[0], $0[1]) }
    }
    for (customer, channel) in pending {
      Failpoint.hit("broadcast.recipient")
      try desk.tickets.change { ctx in
        guard ctx.actorAgent?.role != .agent else {
          throw DeskError.permissionDenied("\(ctx.actor) is an agent; only admin or lead may send broadcasts")
        }
        let b = try fetch(ctx.db, id)
        guard
          let row = try Row.fetchOne(
            ctx.db, sql: "SELECT tickets, sent_at FROM broadcast_recipient WHERE broadcast_id = ? AND customer_id = ? AND channel = ?",
            arguments: [id, customer, channel]), row["sent_at"] as String? == nil
        else { return }
        let tickets = (row["tickets"] as String).split(separator: ",").compactMap { Int64($0) }
        try deliver(ctx, b, customer: customer, channel: channel, tickets: tickets)
      }
    }
    return try desk.database.write { db in
      try db.execute(
        sql: """
          UPDATE broadcast SET state = 'done', finished_at = ? WHERE id = ? AND state = 'running'
            AND NOT EXISTS (SELECT 1 FROM broadcast_recipient WHERE broadcast_id = ? AND sent_at IS NULL)
          """,
        arguments: [desk.clock.now, id, id])
      return try fetch(db, id)
    }
  }

  private func deliver(_ ctx: Tickets.Context, _ b: Broadcast, customer: Int64, channel: String, tickets: [Int64]) throws {
    let db = ctx.db
    let first = try lead(db, tickets, channel: channel)
    let message = try desk.templates.render(db, name: b.template, ticket: first, agentLogin: ctx.actor)
    var firstMessage: Int64? = nil
    for id in tickets {
      let ticket = try Ticket.fetch(db, id: id)
      guard ticket.status != .closed else { continue }
      // A public reply on each ticket; the customer gets one message for all of them, below.
      let m = try desk.tickets.addMessage(
        ctx, ticket: id, author: .agent(ctx.actorAgent!), visibility: .public, channel: ticket.channel, body: message.body,
        sendToCustomer: false)
      firstMessage = firstMessage ?? m
      try ctx.record(id, "broadcast", from: nil, to: "\(b.id) (\(b.tag))")
      if ticket.firstReplyAt == nil {
        try db.execute(sql: "UPDATE ticket SET first_reply_at = ? WHERE id = ?", arguments: [ctx.now, id])
      }
      if b.solve, ticket.status != .solved {
        _ = try desk.tickets.move(ctx, try Ticket.fetch(db, id: id), to: .solved)
      } else if ticket.status == .new {
        _ = try desk.tickets.move(ctx, ticket, to: .open)
      }
      if !b.keepTag { _ = try desk.tags.untag(ctx, id, b.tag) }
    }
    var outbox: Int64? = nil
    if let firstMessage {
      outbox = try desk.outbox.enqueueReply(
        db, ticket: first, messageID: firstMessage, body: message.body, now: ctx.now, event: "broadcast",
        subject: message.subject.isEmpty ? nil : message.subject, dedupeKey: "broadcast:\(b.id):\(customer):\(channel)",
        channel: channel)
    }
    try db.execute(
      sql: "UPDATE broadcast_recipient SET sent_at = ?, outbox_id = ? WHERE broadcast_id = ? AND customer_id = ? AND channel = ?",
      arguments: [ctx.now, outbox, b.id, customer, channel])
  }

  public func list() throws -> [Broadcast] {
    try desk.database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM broadcast ORDER BY id").map { try fetch(db, $0) } }
  }

  public func show(_ id: Int64) throws -> (Broadcast, [BroadcastRecipient]) {
    try desk.database.read { db in (try fetch(db, id), try recipients(db, id)) }
  }

  func fetch(_ db: Database, _ id: Int64) throws -> Broadcast {
    guard
      let r = try Row.fetchOne(
        db,
        sql: """
          SELECT b.id, b.tag, b.template, b.statuses, b.solve, b.keep_tag, b.state, b.created_by, b.created_at, b.finished_at,
            (SELECT count(*) FROM broadcast_recipient WHERE broadcast_id = b.id),
            (SELECT count(*) FROM broadcast_recipient WHERE broadcast_id = b.id AND sent_at IS NOT NULL),
            (SELECT ifnull(sum(length(tickets) - length(replace(tickets, ',', '')) + 1), 0) FROM broadcast_recipient WHERE broadcast_id = b.id)
          FROM broadcast b WHERE b.id = ?
          """,
        arguments: [id])
    else { throw DeskError.notFound("no broadcast \(id)", hint: "desk broadcast list") }
    return Broadcast(
      id: r[0], tag: r[1], template: r[2],
      statuses: (r[3] as String).split(separator: ",").compactMap { TicketStatus(rawValue: String($0)) },
      solve: r[4], keepTag: r[5], state: r[6], createdBy: r[7], createdAt: r[8], finishedAt: r[9], recipients: r[10], sent: r[11],
      tickets: r[12])
  }

  private func runningID(_ db: Database, _ r: Request, tag: String) throws -> Int64? {
    try Int64.fetchOne(
      db,
      sql:
        "SELECT id FROM broadcast WHERE state = 'running' AND tag = ? AND template = ? AND statuses = ? AND solve = ? AND keep_tag = ? ORDER BY id LIMIT 1",
      arguments: [tag, r.template.lowercased(), r.statuses.map(\.rawValue).joined(separator: ","), r.solve, r.keepTag])
  }

  /// One group a customer: all their tagged tickets, and the channel the one message goes on —
  /// the request's, else that of the customer's most recent tagged ticket.
  private func groups(_ db: Database, _ r: Request, tag: String) throws -> [(customer: Int64, channel: String, tickets: [Int64])] {
    var r = r
    r.channel = try r.channel.map { try desk.tickets.validChannel(db, $0) }
    let list = r.statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT t.customer_id, t.id, t.channel FROM ticket_tag tt JOIN ticket t ON t.id = tt.ticket_id
        WHERE tt.tag = ? AND t.status IN (\(list)) AND t.customer_id IS NOT NULL ORDER BY t.customer_id, t.created_at, t.id
        """,
      arguments: [tag])
    var groups: [(customer: Int64, channel: String, tickets: [Int64])] = []
    for row in rows {
      let customer: Int64 = row[0], id: Int64 = row[1], channel: String = row[2]
      if groups.last?.customer == customer {
        groups[groups.count - 1].tickets.append(id)
        if r.channel == nil { groups[groups.count - 1].channel = channel }
      } else {
        groups.append((customer, r.channel ?? channel, [id]))
      }
    }
    for i in groups.indices { groups[i].tickets.sort() }
    return groups
  }

  /// The ticket a customer's one message answers: their most recent tagged ticket on the
  /// message's channel, else their most recent tagged ticket.
  private func lead(_ db: Database, _ tickets: [Int64], channel: String) throws -> Ticket {
    let all = try tickets.map { try Ticket.fetch(db, id: $0) }.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    return all.last(where: { $0.channel == channel }) ?? all[all.count - 1]
  }

  private func recipient(_ db: Database, customer: Int64, channel: String, tickets: [Int64]) throws -> BroadcastRecipient {
    let c = try desk.customers.fetch(db, id: customer)
    return BroadcastRecipient(
      customerID: customer, customerName: c.name, channel: channel, address: Outbox.address(of: c, on: channel),
      tickets: tickets, sentAt: nil, outboxID: nil, subject: nil)
  }

  private func recipients(_ db: Database, _ id: Int64) throws -> [BroadcastRecipient] {
    try Row.fetchAll(
      db,
      sql:
        "SELECT customer_id, channel, tickets, sent_at, outbox_id FROM broadcast_recipient WHERE broadcast_id = ? ORDER BY customer_id, channel",
      arguments: [id]
    ).map { r in
      var rec = try recipient(db, customer: r[0], channel: r[1], tickets: (r[2] as String).split(separator: ",").compactMap { Int64($0) })
      rec.sentAt = r[3]
      rec.outboxID = r[4]
      return rec
    }
  }
}
