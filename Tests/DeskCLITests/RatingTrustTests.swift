import Foundation
import Testing

/// Issue 14, item 4: the figures bonuses are paid on cannot be bent by the agent they credit,
/// and the two per-agent reports agree.
@Suite("ratings and per-agent figures a lead can pay bonuses on")
struct RatingTrustTests {
  /// Ticket 1 is assigned to bob, but adelia answers and solves it; the customer rates it bad.
  static func handedOver() -> Sandbox {
    let s = Sandbox.team(now: "2026-11-16T09:00:00Z")
    s.ok("sla", "policy", "add", "default", "--first-response", "2h", "--resolution", "1d", "--default")
    s.ok("ticket", "new", "Export fails", "--customer", "1", "--assign", "bob")
    s.ok(["ticket", "reply", "1", "-m", "Looking"], now: "2026-11-16T10:00:00Z", agent: "adelia")
    s.ok(["ticket", "solve", "1"], now: "2026-11-16T11:00:00Z", agent: "adelia")
    s.ok(["rate", "1", "bad", "--comment", "slow"], now: "2026-11-16T12:00:00Z", agent: "root")
    return s
  }

  @Test("only leads and admins exclude a rating, never the agent it is credited to; a second exclusion keeps the first reason")
  func exclusionIsForOthers() throws {
    let s = Self.handedOver()
    let before = try s.snapshot()
    let byAgent = s.run(["rate", "exclude", "1", "--reason", "not my fault"], env: ["DESK_AGENT": "bob"])
    #expect(byAgent.status == 77)
    #expect(byAgent.stderr == "desk: error: bob is an agent; only admin or lead may exclude a rating\n")
    let bySelf = s.run(["rate", "exclude", "1", "--reason", "customer was rude"], env: ["DESK_AGENT": "adelia"])
    #expect(bySelf.status == 77)
    #expect(
      bySelf.stderr
        == "desk: error: the rating of ticket 1 is credited to adelia, who may not exclude it (hint: ask another lead or an admin)\n")
    #expect(try s.snapshot() == before)
    #expect(s.ok("rate", "exclude", "1", "--reason", "wrong button").stdout == "ticket 1: rating bad excluded\n")
    let again = s.ok("rate", "exclude", "1", "--reason", "another reason")
    #expect(again.stdout == "ticket 1: rating bad already excluded (wrong button)\n")
    #expect(try s.scalar("SELECT excluded_reason || ' by ' || excluded_by FROM rating") == "wrong button by root")
    #expect(try s.scalar("SELECT count(*) FROM history WHERE field = 'rating excluded'") == "1")
  }

  @Test("report agents and report summary --by agent credit the ticket to the same agent: whoever last solved it")
  func bothReportsCreditTheSolver() throws {
    let s = Self.handedOver()
    let fields = "solved,first_response_median,sla_first_response,sla_resolution,rated_bad"
    let agents = s.ok("report", "agents", "--week", "2026-W47", "--format", "csv", "--fields", "agent," + fields)
    #expect(agents.stdout == "agent,\(fields)\nadelia,1,3600,1.0000,1.0000,1\nbob,0,,,,0\nroot,0,,,,0\n")
    let summary = s.ok("report", "summary", "--week", "2026-W47", "--by", "agent", "--format", "csv", "--fields", "group," + fields)
    #expect(summary.stdout == "group,\(fields)\nall,1,3600,1.0000,1.0000,1\nadelia,1,3600,1.0000,1.0000,1\n")
  }
}
