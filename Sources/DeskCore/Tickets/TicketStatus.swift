/// Where a ticket stands. `pending` waits on the customer, `on-hold` on a third party.
public enum TicketStatus: String, CaseIterable, Codable, Sendable {
  case new, open, pending
  case onHold = "on-hold"
  case solved, closed

  /// Statuses that still need work: everything before solved.
  public static let unsolved: [TicketStatus] = [.new, .open, .pending, .onHold]

  /// The moves an agent may make by hand. `new` is only ever the first status, and
  /// `closed` is final: a customer writing to a closed ticket opens a follow-up instead.
  public func mayMove(to next: TicketStatus) -> Bool {
    switch (self, next) {
    case (.closed, _), (_, .new): return false
    case (.solved, .open), (.solved, .closed): return true
    case (.solved, _): return false
    case (_, .closed): return false  // close only what is solved (or with --force)
    default: return self != next
    }
  }

  public var isUnsolved: Bool { TicketStatus.unsolved.contains(self) }

  /// The SQL condition "`column` holds one of `statuses`", nil when every status is asked for.
  /// The unsolved ones are written as the partial indexes of unsolved tickets define them, since
  /// SQLite uses a partial index only for a query that says the same words: `NOT IN` the two others
  /// (two constants are compared in place; a longer list is looked up in a temporary b-tree built
  /// at each evaluation, four of them for every change of an unsolved ticket's `updated_at`).
  public static func sql(_ column: String, in statuses: some Collection<TicketStatus>) -> String? {
    let wanted = Set(statuses)
    if wanted.count == allCases.count { return nil }
    if wanted == Set(unsolved) { return unsolvedSQL(column) }
    return "\(column) IN (\(allCases.filter(wanted.contains).map { "'\($0.rawValue)'" }.joined(separator: ", ")))"
  }

  /// The SQL condition "the ticket is unsolved", as migration v12's partial indexes state it.
  public static func unsolvedSQL(_ column: String) -> String { "\(column) NOT IN ('solved', 'closed')" }
}

public enum TicketPriority: String, CaseIterable, Codable, Sendable {
  case low, normal, high, urgent
  /// For sorting: urgent first.
  public var rank: Int { TicketPriority.allCases.firstIndex(of: self)! }
}

public enum AgentRole: String, CaseIterable, Codable, Sendable {
  case admin, lead, agent
}

public enum AuthorKind: String, Codable, Sendable {
  case customer, agent, system
}

public enum Visibility: String, Codable, Sendable {
  case `public`, `internal`
}
