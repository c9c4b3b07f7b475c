import Testing

@testable import DeskCore

/// Which target changes give a ticket more time (issue 14, "no quiet extra time").
@Suite("SLA target changes")
struct SLATargetChangeTests {
  func state(_ goal: Int64, due: String?, policy: String = "p") -> SLATargetState {
    SLATargetState(policy: policy, calendarID: nil, goal: Duration(seconds: goal), due: due.map { Timestamp(iso8601: $0)! })
  }

  func change(_ from: SLATargetState?, _ to: SLATargetState?) -> SLATargetChange {
    SLATargetChange(ticketID: 1, target: .resolution, from: from, to: to)
  }

  @Test("a later deadline, a longer target while paused, or no target at all is more time; the rest is not")
  func isLater() {
    #expect(change(state(3600, due: "2026-11-23T09:00:00Z"), state(7200, due: "2026-11-23T10:00:00Z")).isLater)
    #expect(!change(state(7200, due: "2026-11-23T10:00:00Z"), state(3600, due: "2026-11-23T09:00:00Z")).isLater)
    // A calendar change may move the deadline with the same goal.
    #expect(change(state(3600, due: "2026-11-23T09:00:00Z"), state(3600, due: "2026-11-23T09:30:00Z")).isLater)
    #expect(change(state(3600, due: nil), state(7200, due: nil)).isLater)
    #expect(!change(state(7200, due: nil), state(3600, due: nil)).isLater)
    #expect(change(state(3600, due: "2026-11-23T09:00:00Z"), nil).isLater)
    #expect(!change(nil, state(3600, due: "2026-11-23T09:00:00Z")).isLater)
  }

  @Test("a target reads as its goal, its policy and its deadline")
  func description() {
    #expect(state(3600, due: "2026-11-23T09:00:00Z", policy: "by-type").description == "1h (by-type), due 2026-11-23T09:00:00Z")
    #expect(state(5400, due: nil, policy: "classes").description == "1h30m (classes), paused")
    #expect(SLARetargeting(changes: [change(nil, nil), change(nil, nil)]).summary == "1 open ticket changes target")
    #expect(SLARetargeting().summary == "0 open tickets change target")
  }
}
