import GRDB

/// Why someone other than a ticket's customer is on its mail thread.
public enum Participation: String, Sendable, DatabaseValueConvertible {
  /// The mail that opened or joined the ticket was sent (To, Cc) to them too.
  case copied
  /// They answered mail of the ticket (In-Reply-To/References).
  case answered
  /// They work where the ticket's customer works (the same organisation, the same mail domain).
  case domain
}

extension Tickets {
  /// Records `email` as a participant of the ticket, once, in its history.
  func addParticipant(_ ctx: Context, _ ticket: Int64, email: String, via: Participation) throws {
    try ctx.db.execute(
      sql: "INSERT OR IGNORE INTO ticket_participant(ticket_id, email, via, added_at) VALUES (?, ?, ?, ?)",
      arguments: [ticket, email.lowercased(), via, ctx.now])
    guard ctx.db.changesCount > 0 else { return }
    try ctx.record(ticket, "participant", from: nil, to: "\(email.lowercased()) (\(via.rawValue))")
  }

  /// Whether `email` is on the ticket's thread, and why: a recorded participant, or someone of the
  /// customer's organisation (a customer with the same organisation, or, when the customer has one,
  /// the customer's mail domain). nil for a stranger — and for the customer, who needs no reason.
  static func participation(_ db: Database, ticket: Int64, email: String) throws -> Participation? {
    guard
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT lower(c.email) AS email, c.organization, p.via FROM ticket t JOIN customer c ON c.id = t.customer_id
          LEFT JOIN ticket_participant p ON p.ticket_id = t.id AND p.email = ?
          WHERE t.id = ?
          """, arguments: [email, ticket])
    else { return nil }
    if let via: Participation = row["via"] { return via }
    let customerEmail: String? = row["email"]
    guard let organization = (row["organization"] as String?).flatMap({ $0.isEmpty ? nil : $0 }), customerEmail != email.lowercased()
    else { return nil }
    let domain = { (address: String) in address.split(separator: "@").last.map { $0.lowercased() } }
    if let customerEmail, domain(customerEmail) == domain(email) { return .domain }
    let colleague = try Bool.fetchOne(
      db,
      sql: "SELECT 1 FROM customer WHERE email = ? AND organization = ? COLLATE NOCASE AND merged_into IS NULL",
      arguments: [email, organization])
    return colleague == true ? .domain : nil
  }
}
