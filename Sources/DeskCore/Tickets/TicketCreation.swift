import Foundation
import GRDB

/// Everything a new ticket may start with. Only the subject is required.
public struct NewTicket: Sendable {
  public var subject: String
  public var body: String?
  public var customer: String?
  public var channel: String?
  public var type: String?
  /// nil: normal, and routing rules may set it.
  public var priority: TicketPriority?
  public var assignee: String?
  public var fields: [(String, String)] = []
  public var tags: [String] = []
  public var links: [String] = []
  public var attachments: [AttachmentInput] = []
  public init(subject: String) { self.subject = subject }
}

/// A ticket just opened, and what routing rules did to it.
public struct CreatedTicket: Sendable {
  public var ticket: Ticket
  public var ruleEffects: [RuleEffect]
}

/// One change a rule made: `assignee` `vika` by rule `pool`.
public struct RuleEffect: Sendable, Equatable {
  public var rule: String
  /// `assignee`, `type`, `priority`, `tag` or `notified`.
  public var field: String
  public var value: String
}

extension Tickets {
  /// Opens a ticket. The body is the customer's request when there is a customer (a phone
  /// call written down), otherwise a public message of the acting agent. Rules never change
  /// the assignee, type or priority given here.
  public func create(_ new: NewTicket) throws -> CreatedTicket {
    try change(
      { ctx in CreatedTicket(ticket: try create(ctx, new, as: nil), ruleEffects: []) },
      refresh: { db, created in
        let effects = try Row.fetchAll(
          db,
          sql: """
            SELECT substr(actor, 6) AS rule, field, new_value FROM history
            WHERE ticket_id = ? AND actor LIKE 'rule:%' AND field IN ('assignee', 'type', 'priority', 'tag', 'notified') ORDER BY id
            """,
          arguments: [created.ticket.id]
        ).map { RuleEffect(rule: $0["rule"], field: $0["field"], value: $0["new_value"] ?? "nobody") }
        return CreatedTicket(ticket: try Ticket.fetch(db, id: created.ticket.id), ruleEffects: effects)
      })
  }

  /// `by` names the customer when the customer's own message created the ticket (ingest).
  func create(
    _ ctx: Context, _ new: NewTicket, as customerAuthor: Customer?, automatic: Bool = false,
    followUpOf: Int64? = nil
  ) throws -> Ticket {
    let subject = try TextRules.line(new.subject, "the subject")
    let channel = try validChannel(ctx.db, new.channel ?? "email")
    let type = try validType(ctx.db, new.type)
    let customer = try customerAuthor ?? new.customer.map { try desk.customers.resolve(ctx.db, $0) }
    let assignee = try new.assignee.map { try desk.agents.assignable(ctx.db, $0) }
    let tags = try new.tags.map(Tags.normalise)
    let fields = try new.fields.map { ($0.0, try TicketFields.validValue($0.1)) }
    let links = try new.links.map { try TextRules.line($0, "the link", maxCharacters: 2000) }
    let status: TicketStatus = assignee == nil ? .new : .open
    try ctx.db.execute(
      sql: """
        INSERT INTO ticket(subject, status, priority, type, channel, customer_id, assignee_id, follow_up_of, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        subject, status, new.priority ?? .normal, type, channel, customer?.id, assignee?.id, followUpOf, ctx.now, ctx.now,
      ])
    let id = ctx.db.lastInsertedRowID
    if customerAuthor == nil {
      // An agent's explicit choice beats a rule.
      var kept = Set<TouchedTickets.KeptField>()
      if new.assignee != nil { kept.insert(.assignee) }
      if new.type != nil { kept.insert(.type) }
      if new.priority != nil { kept.insert(.priority) }
      ctx.touched.kept[id] = kept
    }
    try ctx.record(id, "created", from: nil, to: subject)
    if let assignee { try ctx.record(id, "assignee", from: nil, to: assignee.login) }
    for tag in tags {
      try ctx.db.execute(sql: "INSERT OR IGNORE INTO ticket_tag(ticket_id, tag) VALUES (?, ?)", arguments: [id, tag])
    }
    for (key, value) in fields {
      try ctx.db.execute(
        sql: "INSERT OR REPLACE INTO ticket_field(ticket_id, key, value) VALUES (?, ?, ?)",
        arguments: [id, try TicketFields.validKey(key), value])
    }
    for link in links { try addLink(ctx, id, kind: "external", target: link) }
    let body = new.body ?? ""
    if !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || !new.attachments.isEmpty {
      let author: Author = customer.map { .customer(id: $0.id, name: $0.name) } ?? .agent(ctx.actorAgent!)
      _ = try addMessage(
        ctx, ticket: id, author: author, visibility: .public, channel: channel, body: body,
        automatic: automatic, attachments: new.attachments)
    }
    ctx.raise(.created, on: id, text: body)
    return try Ticket.fetch(ctx.db, id: id)
  }

  func validChannel(_ db: Database, _ raw: String) throws -> String {
    let channel = raw.trimmingCharacters(in: .whitespaces).lowercased()
    let channels = try desk.settings.list(db, "ticket.channels")
    guard channels.contains(channel) else {
      throw DeskError.usage(
        "unknown channel '\(raw)'", hint: "channels: \(channels.joined(separator: ", ")) (desk config set ticket.channels …)")
    }
    return channel
  }

  func validType(_ db: Database, _ raw: String?) throws -> String {
    guard let raw else { return try desk.settings.value(db, "ticket.default-type") }
    let type = raw.trimmingCharacters(in: .whitespaces).lowercased()
    let types = try desk.settings.list(db, "ticket.types")
    guard types.contains(type) else {
      throw DeskError.usage("unknown type '\(raw)'", hint: "types: \(types.joined(separator: ", ")) (desk config set ticket.types …)")
    }
    return type
  }
}

/// Tag rules shared by every command that names tags.
public enum Tags {
  /// Trimmed and case-folded; letters, digits, `-`, `_`, `.`, `:`, `/`; at most 64 characters.
  public static func normalise(_ raw: String) throws -> String {
    let tag = raw.trimmingCharacters(in: .whitespaces).folding(options: [.caseInsensitive], locale: nil).lowercased()
    guard !tag.isEmpty, tag.count <= 64,
      tag.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_.:/".unicodeScalars.contains($0) })
    else {
      throw DeskError.invalidInput(
        "'\(raw)' is not a valid tag: use 1–64 letters, digits, '-', '_', '.', ':' or '/'")
    }
    return tag
  }
}

/// Custom fields: `--field key=value`.
public enum TicketFields {
  public static func parse(_ pair: String) throws -> (String, String) {
    guard let eq = pair.firstIndex(of: "=") else {
      throw DeskError.usage("'\(pair)' is not a field: write KEY=VALUE")
    }
    return (try validKey(String(pair[..<eq])), try validValue(String(pair[pair.index(after: eq)...])))
  }

  static func validKey(_ key: String) throws -> String {
    let k = key.trimmingCharacters(in: .whitespaces).lowercased()
    guard Names.isWord(k) else {
      throw DeskError.invalidInput("'\(key)' is not a valid field name: use 1–40 letters, digits, '-', '_' or '.'")
    }
    return k
  }

  static func validValue(_ value: String) throws -> String {
    guard value.count <= 2000 else { throw DeskError.invalidInput("a field value may be at most 2000 characters") }
    return value
  }
}
