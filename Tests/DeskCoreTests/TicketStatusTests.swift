import Testing

@testable import DeskCore

@Suite("TicketStatus")
struct TicketStatusTests {
  /// Every move an agent may make by hand; any pair not listed is refused.
  static let allowed: Set<String> = [
    "new→open", "new→pending", "new→on-hold", "new→solved",
    "open→pending", "open→on-hold", "open→solved",
    "pending→open", "pending→on-hold", "pending→solved",
    "on-hold→open", "on-hold→pending", "on-hold→solved",
    "solved→open", "solved→closed",
  ]

  @Test("the lifecycle allows exactly the listed moves", arguments: TicketStatus.allCases, TicketStatus.allCases)
  func matrix(from: TicketStatus, to: TicketStatus) {
    let move = "\(from.rawValue)→\(to.rawValue)"
    #expect(from.mayMove(to: to) == Self.allowed.contains(move), "\(move)")
  }

  @Test("nothing moves back to new, and closed is final")
  func newAndClosed() {
    #expect(TicketStatus.allCases.filter { $0.mayMove(to: .new) } == [])
    #expect(TicketStatus.allCases.filter { TicketStatus.closed.mayMove(to: $0) } == [])
    #expect(TicketStatus.allCases.filter { $0.mayMove(to: .closed) } == [.solved])
  }

  @Test("unsolved statuses are those before solved")
  func unsolved() {
    #expect(TicketStatus.unsolved == [.new, .open, .pending, .onHold])
    #expect(TicketStatus.allCases.filter(\.isUnsolved) == [.new, .open, .pending, .onHold])
    #expect(TicketStatus.onHold.rawValue == "on-hold")
  }
}
