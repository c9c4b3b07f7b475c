import GRDB

/// Values from the database that a shell or the REPL offers when completing a word: the
/// one place that knows what "a ticket id" or "a tag" can be, read through indexes, capped.
public struct CompletionValues {
  let desk: Desk

  /// The kinds of value a command argument or option can take.
  public enum Kind: String, Sendable, CaseIterable {
    case ticket, tag, agent, customer, template, policy, calendar, view, article
  }

  /// A value and, where it helps to choose, a description (a ticket's subject).
  public struct Candidate: Sendable, Equatable {
    public var value: String
    public var description: String?
  }

  /// At most `limit` values of `kind` that start with `prefix`, for completion only: a
  /// database that cannot be read yields nothing rather than an error.
  public func values(_ kind: Kind, prefix: String, limit: Int = 200) -> [Candidate] {
    let like =
      prefix.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
      .replacingOccurrences(of: "_", with: "\\_") + "%"
    let sql: String
    switch kind {
    case .ticket:
      // Open work first, most recently active first, then any ticket whose number fits.
      sql = """
        SELECT CAST(id AS TEXT), subject FROM (
          SELECT id, subject, 0 AS o, updated_at FROM ticket INDEXED BY ticket_unsolved
          WHERE \(TicketStatus.unsolvedSQL("status")) AND CAST(id AS TEXT) LIKE ?1 ESCAPE '\\'
          ORDER BY updated_at DESC LIMIT ?2)
        UNION ALL
        SELECT CAST(id AS TEXT), subject FROM (
          SELECT id, subject FROM ticket WHERE status IN ('solved', 'closed') AND CAST(id AS TEXT) LIKE ?1 ESCAPE '\\'
          ORDER BY id DESC LIMIT ?2)
        LIMIT ?2
        """
    case .tag: sql = "SELECT DISTINCT tag, NULL FROM ticket_tag WHERE tag LIKE ?1 ESCAPE '\\' ORDER BY tag LIMIT ?2"
    case .agent: sql = "SELECT login, name FROM agent WHERE active = 1 AND login LIKE ?1 ESCAPE '\\' ORDER BY login LIMIT ?2"
    case .customer:
      sql = """
        SELECT email, name FROM customer WHERE email LIKE ?1 ESCAPE '\\'
        UNION ALL SELECT CAST(id AS TEXT), name FROM customer WHERE CAST(id AS TEXT) LIKE ?1 ESCAPE '\\' AND merged_into IS NULL
        LIMIT ?2
        """
    case .template: sql = "SELECT DISTINCT name, NULL FROM template WHERE name LIKE ?1 ESCAPE '\\' ORDER BY name LIMIT ?2"
    case .policy: sql = "SELECT name, NULL FROM sla_policy WHERE name LIKE ?1 ESCAPE '\\' ORDER BY name LIMIT ?2"
    case .calendar: sql = "SELECT name, NULL FROM calendar WHERE name LIKE ?1 ESCAPE '\\' ORDER BY name LIMIT ?2"
    case .view: sql = "SELECT name, NULL FROM view WHERE name LIKE ?1 ESCAPE '\\' ORDER BY name LIMIT ?2"
    case .article:
      sql = "SELECT slug, min(title) FROM kb_article WHERE slug LIKE ?1 ESCAPE '\\' GROUP BY slug ORDER BY slug LIMIT ?2"
    }
    return
      (try? desk.database.read { db in
        try Row.fetchAll(db, sql: sql, arguments: [like, limit]).map {
          Candidate(value: $0[0], description: $0[1])
        }
      }) ?? []
  }
}
