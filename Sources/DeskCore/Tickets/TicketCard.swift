import GRDB

/// Everything `ticket show` prints: the ticket, who took part, the conversation with internal
/// notes, files, links, custom fields and the customer's earlier tickets.
public struct TicketCard: Sendable {
  public var ticket: Ticket
  public var customer: Customer?
  public var fields: [(key: String, value: String)]
  public var links: [TicketLink]
  public var participants: [Participant]
  public var messages: [Message]
  public var attachments: [Attachment]
  public var earlierTickets: [Ticket]

  public struct Participant: Sendable, Equatable {
    public var kind: AuthorKind
    public var name: String
    /// customer, assignee, agent; participant (another customer who wrote), or how a mail
    /// participant came: copied, answered, domain
    public var role: String
  }
}

extension Tickets {
  /// The card of one ticket. `earlier` caps the customer's other tickets shown (newest first).
  public func card(_ id: Int64, earlier: Int = 10) throws -> TicketCard {
    try desk.database.read { db in
      let ticket = try Ticket.fetch(db, id: id)
      let customer = try ticket.customerID.map { try desk.customers.fetch(db, id: $0) }
      let fields = try Row.fetchAll(db, sql: "SELECT key, value FROM ticket_field WHERE ticket_id = ? ORDER BY key", arguments: [id])
        .map { (key: $0[0] as String, value: $0[1] as String) }
      let links = try Row.fetchAll(
        db, sql: "SELECT kind, target, created_at, created_by FROM ticket_link WHERE ticket_id = ? ORDER BY id", arguments: [id]
      ).map { TicketLink(kind: $0[0], target: $0[1], createdAt: $0[2], createdBy: $0[3]) }
      let messages = try Row.fetchAll(db, sql: Message.selectSQL + " WHERE ticket_id = ? ORDER BY created_at, id", arguments: [id])
        .map(Message.init(row:))
      let attachments = try Row.fetchAll(db, sql: Attachment.selectSQL + " WHERE ticket_id = ? ORDER BY id", arguments: [id])
        .map(Attachment.init(row:))
      var participants: [TicketCard.Participant] = []
      func add(_ kind: AuthorKind, _ name: String, _ role: String) {
        if !participants.contains(where: { $0.kind == kind && $0.name == name }) {
          participants.append(.init(kind: kind, name: name, role: role))
        }
      }
      if let customer { add(.customer, customer.name, "customer") }
      if let login = ticket.assigneeLogin { add(.agent, login, "assignee") }
      // Those on its mail thread (desk mail ingest), by name when they are customers: copied, answered, domain.
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT p.email, p.via, c.name FROM ticket_participant p LEFT JOIN customer c ON c.email = p.email AND c.merged_into IS NULL
          WHERE p.ticket_id = ? ORDER BY p.added_at, p.email
          """, arguments: [id])
      {
        add(.customer, row["name"] ?? row["email"], row["via"])
      }
      for m in messages where m.authorKind != .system {
        let role = m.authorKind != .customer ? "agent" : m.customerID == ticket.customerID ? "customer" : "participant"
        add(m.authorKind, m.authorName, role)
      }
      var earlierTickets: [Ticket] = []
      if let cid = ticket.customerID, earlier > 0 {
        earlierTickets = try Row.fetchAll(
          db, sql: Ticket.selectSQL + " WHERE t.customer_id = ? AND t.id != ? ORDER BY t.created_at DESC, t.id DESC LIMIT ?",
          arguments: [cid, id, earlier]
        ).map(Ticket.init(row:))
      }
      return TicketCard(
        ticket: ticket, customer: customer, fields: fields, links: links, participants: participants,
        messages: messages, attachments: attachments, earlierTickets: earlierTickets)
    }
  }
}
