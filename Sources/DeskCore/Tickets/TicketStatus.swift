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
