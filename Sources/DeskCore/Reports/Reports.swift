import Foundation
import GRDB

/// The span a report covers: [from, to), with weeks and months in the helpdesk's time zone
/// (the zone of support.calendar).
public struct ReportPeriod: Sendable, Equatable {
  public var from: Timestamp
  public var to: Timestamp
  public var label: String
  /// The helpdesk's zone, and the first and last local dates of the period in it (`2026-11-16`).
  public var timeZone: String = "UTC"
  public var firstDay: String = ""
  public var lastDay: String = ""

  /// `2026-11-16 – 2026-11-22 (Europe/Moscow)`: how people read the span.
  public var localDates: String { (firstDay == lastDay ? firstDay : "\(firstDay) – \(lastDay)") + " (\(timeZone))" }
}

/// Median (the mean of the two middle values for an even count) and 90th percentile
/// (nearest rank) of a list of durations, in seconds.
public struct Spread: Sendable, Equatable {
  public var count: Int
  public var median: Int64
  public var p90: Int64

  init?(_ values: [Int64]) {
    guard !values.isEmpty else { return nil }
    let v = values.sorted()
    count = v.count
    median = v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    p90 = v[Int((Double(v.count) * 0.9).rounded(.up)) - 1]
  }
}

/// The figures of one report row: the whole desk, or one channel, type, agent or tag.
public struct ReportFigures: Sendable, Equatable {
  public var group: String?
  public var created = 0
  public var solved = 0
  public var closed = 0
  /// Unsolved tickets at the end of the period, and how many of them were pending or on hold.
  public var backlog = 0
  public var backlogPending = 0
  public var backlogOnHold = 0
  /// Seconds from creation to the first public agent reply, for replies in the period.
  public var firstResponseWallSeconds: [Int64] = []
  public var firstResponseBusinessSeconds: [Int64] = []
  /// Seconds from creation to being solved, for tickets solved in the period (the last time).
  public var resolutionWallSeconds: [Int64] = []
  public var resolutionBusinessSeconds: [Int64] = []
  public var firstResponseWall: Spread? { Spread(firstResponseWallSeconds) }
  public var firstResponseBusiness: Spread? { Spread(firstResponseBusinessSeconds) }
  public var resolutionWall: Spread? { Spread(resolutionWallSeconds) }
  public var resolutionBusiness: Spread? { Spread(resolutionBusinessSeconds) }
  /// Per SLA target: timers met in time, and timers breached, that ended or broke in the period.
  public var slaMet: [String: Int] = [:]
  public var slaBreached: [String: Int] = [:]
  public var ratings: [Int] = [0, 0, 0]  // bad, normal, great (counted ratings only)
  public var npsScores: [Int] = []

  public var backlogWaitingShare: Double? { backlog == 0 ? nil : Double(backlogPending + backlogOnHold) / Double(backlog) }
  /// Share of great among counted ratings.
  public var csat: Double? {
    let total = ratings.reduce(0, +)
    return total == 0 ? nil : Double(ratings[2]) / Double(total)
  }
  /// Promoters (9–10) minus detractors (0–6), in percent.
  public var nps: Double? {
    guard !npsScores.isEmpty else { return nil }
    let promoters = npsScores.filter { $0 >= 9 }.count, detractors = npsScores.filter { $0 <= 6 }.count
    return Double(promoters - detractors) * 100 / Double(npsScores.count)
  }
  public func slaAchievement(_ target: String) -> Double? {
    let met = slaMet[target] ?? 0, total = met + (slaBreached[target] ?? 0)
    return total == 0 ? nil : Double(met) / Double(total)
  }
}

/// `desk report`: the figures a lead reads on Monday morning.
public struct Reports {
  let desk: Desk

  public enum Breakdown: String, CaseIterable, Sendable { case channel, type, agent, tag }

  /// `2026-W47`, `2026-11`, `last` or `this` (week or month), or from/to dates, in the helpdesk's zone.
  public func period(week: String?, month: String?, from: String?, to: String?) throws -> ReportPeriod {
    let zone = try desk.database.read { try desk.rules.supportCalendar($0).timeZone }
    let clock = BusinessCalendar(name: "zone", timeZone: zone, week: Array(repeating: [], count: 7), holidays: [:])
    let today = clock.localDay(desk.clock.now)
    // Foundation names UTC "GMT"; people and the calendars say UTC.
    let zoneName = zone.identifier == "GMT" ? "UTC" : zone.identifier
    func span(_ first: Int, _ next: Int, _ label: String) -> ReportPeriod {
      ReportPeriod(
        from: clock.instant(first, minute: 0), to: clock.instant(next, minute: 0), label: label, timeZone: zoneName,
        firstDay: Reports.date(first), lastDay: Reports.date(next - 1))
    }
    if let week {
      let monday: Int
      switch week.lowercased() {
      case "this": monday = Reports.monday(of: today)
      case "last": monday = Reports.monday(of: today) - 7
      default:
        let parts = week.uppercased().split(separator: "-W")
        guard parts.count == 2, let y = Int(parts[0]), let w = Int(parts[1]), (1...53).contains(w), (1...9999).contains(y) else {
          throw DeskError.usage("--week: '\(week)' is not an ISO week", hint: "e.g. 2026-W47, last or this")
        }
        monday = Reports.monday(of: CivilTime.daysFromCivil(y, 1, 4)) + (w - 1) * 7
      }
      return span(monday, monday + 7, Reports.isoWeek(monday))
    }
    if let month {
      var (y, m, _) = CivilTime.civilFromDays(today)
      switch month.lowercased() {
      case "this": break
      case "last": (y, m) = m == 1 ? (y - 1, 12) : (y, m - 1)
      default:
        let parts = month.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let mm = Int(parts[1]), (1...12).contains(mm), (1...9999).contains(year) else {
          throw DeskError.usage("--month: '\(month)' is not a month", hint: "e.g. 2026-11, last or this")
        }
        (y, m) = (year, mm)
      }
      let start = CivilTime.daysFromCivil(y, m, 1)
      let next = m == 12 ? CivilTime.daysFromCivil(y + 1, 1, 1) : CivilTime.daysFromCivil(y, m + 1, 1)
      return span(start, next, String(format: "%04d-%02d", y, m))
    }
    guard let from, let to else {
      throw DeskError.usage("give the period", hint: "--week 2026-W47, --week last, --month 2026-11, or --from DATE --to DATE")
    }
    guard let a = DateExpression.parse(from, now: desk.clock.now), let b = DateExpression.parse(to, now: desk.clock.now) else {
      throw DeskError.usage("--from/--to: not a date", hint: "use ISO-8601, today, yesterday or -7d")
    }
    guard a < b else { throw DeskError.usage("--from must be before --to") }
    return ReportPeriod(
      from: a, to: b, label: "\(a.iso8601)/\(b.iso8601)", timeZone: zoneName, firstDay: Reports.date(clock.localDay(a)),
      lastDay: Reports.date(clock.localDay(b - Duration(seconds: 1))))
  }

  /// The Monday of the ISO week that holds `day` (days since 1970-01-01, a Thursday).
  static func monday(of day: Int) -> Int { day - ((day + 3) % 7 + 7) % 7 }

  /// `2026-W47`: the ISO week a Monday starts (its year is the year of its Thursday).
  static func isoWeek(_ monday: Int) -> String {
    let (year, _, _) = CivilTime.civilFromDays(monday + 3)
    let week = (monday - Reports.monday(of: CivilTime.daysFromCivil(year, 1, 4))) / 7 + 1
    return String(format: "%04d-W%02d", year, week)
  }

  static func date(_ day: Int) -> String {
    let (y, m, d) = CivilTime.civilFromDays(day)
    return String(format: "%04d-%02d-%02d", y, m, d)
  }

  /// The whole desk first, then one row per group when `by` is given.
  public func summary(_ p: ReportPeriod, by: Breakdown?) throws -> [ReportFigures] {
    try desk.database.read { db in
      var rows: [String: ReportFigures] = [:]
      var total = ReportFigures()
      let calendar = try desk.rules.supportCalendar(db)
      func add(_ keys: [String], _ change: (inout ReportFigures) -> Void) {
        change(&total)
        guard by != nil else { return }
        for key in keys {
          var row = rows[key] ?? ReportFigures(group: key)
          change(&row)
          rows[key] = row
        }
      }
      func keys(_ row: Row, agentColumn: Int = 2) -> [String] {
        switch by {
        case .channel?: return [row[0] as String]
        case .type?: return [row[1] as String]
        case .agent?: return [(row[agentColumn] as String?) ?? "-"]
        case .tag?: return ((row[3] as String?)?.split(separator: ",").map(String.init)).flatMap { $0.isEmpty ? nil : $0 } ?? ["-"]
        case nil: return []
        }
      }
      // Tags and the credited agent are read only when the report is broken down by them.
      let tags = by == .tag ? "(SELECT group_concat(tag) FROM ticket_tag WHERE ticket_id = t.id)" : "NULL"
      let agent = by == .agent ? "(SELECT login FROM agent WHERE id = \(Reports.creditedAgent))" : "NULL"
      let attrs = "t.channel, t.type, \(agent), \(tags)"
      let span: [any DatabaseValueConvertible] = [p.from, p.to]

      try Reports.each(db, "SELECT \(attrs) FROM ticket t WHERE t.created_at >= ? AND t.created_at < ?", StatementArguments(span)) { row in
        add(keys(row)) { $0.created += 1 }
      }
      // Solved and closed: tickets that moved there in the period (once each, however often).
      for (status, path) in [("solved", \ReportFigures.solved), ("closed", \ReportFigures.closed)] {
        let sql = """
          SELECT \(attrs), t.created_at, (SELECT max(at) FROM history WHERE ticket_id = t.id AND field = 'status' AND new_value = ? AND at >= ? AND at < ?)
          FROM ticket t
          WHERE t.id IN (SELECT ticket_id FROM history WHERE field = 'status' AND new_value = ? AND at >= ? AND at < ?)
          """
        for row in try Row.fetchAll(db, sql: sql, arguments: [status, p.from, p.to, status, p.from, p.to]) {
          add(keys(row)) { $0[keyPath: path] += 1 }
          if status == "solved", let created = row[4] as Timestamp?, let at = row[5] as Timestamp? {
            let wall = (at - created).seconds, business = calendar.seconds(from: created, to: at)
            add(keys(row)) {
              $0.resolutionWallSeconds.append(wall)
              $0.resolutionBusinessSeconds.append(business)
            }
          }
        }
      }
      // The backlog at the end: the status each ticket had then is the one its first later change left.
      // Candidates: what is unsolved now, and what was solved or closed after the end (solved_at and
      // closed_at keep the latest move), since it may have been unsolved then.
      let statusThen = "coalesce((SELECT old_value FROM history h WHERE h.ticket_id = t.id AND h.field = 'status' AND h.at >= ?1 ORDER BY h.id LIMIT 1), t.status)"
      let backlog = """
        SELECT \(attrs), \(statusThen) FROM ticket t INDEXED BY ticket_unsolved_report
        WHERE \(TicketStatus.unsolvedSQL("t.status")) AND t.created_at < ?1
        UNION ALL
        SELECT \(attrs), \(statusThen) FROM ticket t INDEXED BY ticket_solved
        WHERE t.status = 'solved' AND t.solved_at >= ?1 AND t.created_at < ?1
        UNION ALL
        SELECT \(attrs), \(statusThen) FROM ticket t INDEXED BY ticket_closed
        WHERE t.status = 'closed' AND t.closed_at >= ?1 AND t.created_at < ?1
        """
      try Reports.each(db, backlog, [p.to]) { row in
        let status: String = row[4]
        guard ["new", "open", "pending", "on-hold"].contains(status) else { return }
        add(keys(row)) {
          $0.backlog += 1
          if status == "pending" { $0.backlogPending += 1 }
          if status == "on-hold" { $0.backlogOnHold += 1 }
        }
      }
      try Reports.each(
        db, "SELECT \(attrs), t.created_at, t.first_reply_at FROM ticket t WHERE t.first_reply_at >= ? AND t.first_reply_at < ?",
        StatementArguments(span)) { row in
        let created: Timestamp = row[4], replied: Timestamp = row[5]
        add(keys(row)) {
          $0.firstResponseWallSeconds.append((replied - created).seconds)
          $0.firstResponseBusinessSeconds.append(calendar.seconds(from: created, to: replied))
        }
      }
      let timers = """
        SELECT \(attrs), s.target, s.met_at IS NOT NULL AND s.breached_at IS NULL AND s.elapsed_seconds <= s.goal_seconds
        FROM sla_timer s JOIN ticket t ON t.id = s.ticket_id
        WHERE (s.met_at >= ?1 AND s.met_at < ?2) OR (s.met_at IS NULL AND s.breached_at >= ?1 AND s.breached_at < ?2)
        """
      for row in try Row.fetchAll(db, sql: timers, arguments: [p.from, p.to]) {
        let target: String = row[4], met: Bool = row[5]
        add(keys(row)) {
          if met { $0.slaMet[target, default: 0] += 1 } else { $0.slaBreached[target, default: 0] += 1 }
        }
      }
      let ratings = """
        SELECT \(attrs), r.score
        FROM rating r JOIN ticket t ON t.id = r.ticket_id
        WHERE r.current = 1 AND r.excluded = 0 AND r.created_at >= ? AND r.created_at < ?
        """
      for row in try Row.fetchAll(db, sql: ratings, arguments: StatementArguments(span)) {
        let score: Int = row[4]
        add(keys(row)) { $0.ratings[score - 1] += 1 }
      }
      total.npsScores = try Int.fetchAll(db, sql: "SELECT score FROM nps WHERE created_at >= ? AND created_at < ?", arguments: StatementArguments(span))
      return [total] + rows.keys.sorted().map { rows[$0]! }
    }
  }

  /// The agent a ticket's figures are credited to, in every report: whoever last moved it to
  /// solved, else (not solved yet, or solved by no agent) its assignee. One SQL expression over
  /// `t`, so `report agents` and `report summary --by agent` can never credit two agents.
  static let creditedAgent = """
    coalesce((SELECT sa.id FROM history h JOIN agent sa ON sa.login = h.actor
              WHERE h.ticket_id = t.id AND h.field = 'status' AND h.new_value = 'solved' ORDER BY h.id DESC LIMIT 1),
             t.assignee_id)
    """

  /// Per agent: what a lead pays bonuses on. The figures of `summary(by: .agent)`, so both
  /// reports credit the same agent for the same ticket; every active agent has a row.
  public struct AgentFigures: Sendable, Equatable {
    public var login: String
    public var figures: ReportFigures
    public var solved: Int { figures.solved }
    public var firstResponse: Spread? { figures.firstResponseWall }
    /// Timers of all three targets (first response, next response, resolution) together.
    public var slaMet: Int { figures.slaMet.values.reduce(0, +) }
    public var slaBreached: Int { figures.slaBreached.values.reduce(0, +) }
    public var ratings: [Int] { figures.ratings }
    public var slaAchievement: Double? { slaMet + slaBreached == 0 ? nil : Double(slaMet) / Double(slaMet + slaBreached) }
    public var csat: Double? { figures.csat }
    public var bad: Int { ratings[0] }
  }

  public func agents(_ p: ReportPeriod) throws -> [AgentFigures] {
    var rows: [String: AgentFigures] = [:]
    for login in try desk.database.read({ try String.fetchAll($0, sql: "SELECT login FROM agent WHERE active = 1 ORDER BY login") }) {
      rows[login] = AgentFigures(login: login, figures: ReportFigures(group: login))
    }
    for figures in try summary(p, by: .agent).dropFirst() {
      guard let login = figures.group, login != "-" else { continue }
      rows[login] = AgentFigures(login: login, figures: figures)
    }
    return rows.keys.sorted().map { rows[$0]! }
  }

  /// Streams rows: a report reads tens of thousands of tickets and keeps only the figures.
  static func each(_ db: Database, _ sql: String, _ arguments: StatementArguments, _ body: (Row) throws -> Void) throws {
    let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
    while let row = try rows.next() { try body(row) }
  }
}
