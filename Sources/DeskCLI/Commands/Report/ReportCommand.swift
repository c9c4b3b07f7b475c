import ArgumentParser
import DeskCore
import Foundation

extension Reports.Breakdown: ArgumentChoice {}

/// `--week`, `--month`, `--from/--to`.
struct PeriodOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("An ISO week, e.g. 2026-W47 (Monday to Monday in the helpdesk's zone), or last or this.", valueName: "yyyy-Www"))
  var week: String?
  @Option(help: ArgumentHelp("A month, e.g. 2026-11, or last or this.", valueName: "yyyy-mm")) var month: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("From this moment…", valueName: "date")) var from: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("…to this one (not included).", valueName: "date")) var to: String?

  func validate() throws {
    if [week != nil, month != nil, from != nil || to != nil].filter({ $0 }).count > 1 {
      throw ValidationError("give one of --week, --month, or --from/--to")
    }
  }
}

let summarySchema = Schema<ReportFigures>(
  fields: [
    Field("group") { Cell($0.group) },
    Field("created") { .int(Int64($0.created)) },
    Field("solved") { .int(Int64($0.solved)) },
    Field("closed") { .int(Int64($0.closed)) },
    Field("backlog") { .int(Int64($0.backlog)) },
    Field("backlog_pending") { .int(Int64($0.backlogPending)) },
    Field("backlog_on_hold") { .int(Int64($0.backlogOnHold)) },
    Field("backlog_waiting_share") { $0.backlogWaitingShare.map(Cell.ratio) ?? .null },
    Field("first_response_median") { $0.firstResponseWall.map { .seconds($0.median) } ?? .null },
    Field("first_response_p90") { $0.firstResponseWall.map { .seconds($0.p90) } ?? .null },
    Field("first_response_business_median") { $0.firstResponseBusiness.map { .seconds($0.median) } ?? .null },
    Field("first_response_business_p90") { $0.firstResponseBusiness.map { .seconds($0.p90) } ?? .null },
    Field("resolution_median") { $0.resolutionWall.map { .seconds($0.median) } ?? .null },
    Field("resolution_p90") { $0.resolutionWall.map { .seconds($0.p90) } ?? .null },
    Field("resolution_business_median") { $0.resolutionBusiness.map { .seconds($0.median) } ?? .null },
    Field("resolution_business_p90") { $0.resolutionBusiness.map { .seconds($0.p90) } ?? .null },
    Field("sla_first_response") { $0.slaAchievement("first_response").map(Cell.ratio) ?? .null },
    Field("sla_next_response") { $0.slaAchievement("next_response").map(Cell.ratio) ?? .null },
    Field("sla_resolution") { $0.slaAchievement("resolution").map(Cell.ratio) ?? .null },
    Field("rated_bad") { .int(Int64($0.ratings[0])) },
    Field("rated_normal") { .int(Int64($0.ratings[1])) },
    Field("rated_great") { .int(Int64($0.ratings[2])) },
    Field("csat") { $0.csat.map(Cell.ratio) ?? .null },
    Field("nps") { f in f.nps.map { .json(.double($0)) } ?? .null },
  ],
  tableDefault: ["group", "created", "solved", "backlog", "first_response_median", "resolution_median", "sla_first_response", "csat"],
  flexible: ["group"], idField: "group")

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "The figures a lead reads on Monday: volume, backlog, response times, SLA and satisfaction.",
    discussion: """
      Periods are [from, to): --week 2026-W47 runs Monday 00:00 to Monday 00:00 in the time zone of \
      support.calendar. Median is the middle value (the mean of the two middle ones for an even count), p90 \
      the nearest-rank 90th percentile; business times count working time on support.calendar. Solved and \
      closed count each ticket once however often it moved there; resolution time runs from creation to the \
      last time it was solved in the period. The backlog is what was unsolved at the end of the period. SLA \
      achievement counts timers that ended or broke in the period. CSAT is the share of great among counted \
      ratings (current, not excluded); NPS is promoters (9–10) minus detractors (0–6) in percent.

      Examples:
        desk report summary --week 2026-W47
        desk report summary --month 2026-11 --by agent --csv
        desk report summary --week last --html week.html
        desk report agents --week 2026-W47 --html agents.html
        desk report tags --tag 'wish-*' --from -90d --to now
      """,
    subcommands: [Summary.self, AgentsReport.self, TagsReport.self])

  struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "summary", abstract: "Tickets, backlog, response and resolution times, SLA, CSAT and NPS for a period.",
      discussion: """
        Examples:
          desk report summary --week 2026-W47
          desk report summary --month 2026-11 --by agent --csv
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions
    @Option(help: "Break down by channel, type, agent or tag.") var by: Reports.Breakdown?
    @Flag(help: "Shorthand for --format csv.") var csv = false
    @Option(help: ArgumentHelp("Also write a self-contained HTML page with charts.", valueName: "file")) var html: String?

    func run() throws {
      let desk = try global.openDesk()
      let p = try desk.reports.period(week: period.week, month: period.month, from: period.from, to: period.to)
      let rows = try desk.reports.summary(p, by: by)
      if let html { try ReportPage.save(ReportPage.summary(rows, period: p, by: by), to: html) }
      var output = global.output
      if csv { output.format = .csv }
      if !output.isExplicit, output.resolvedFormat == .table, by == nil {
        return Terminal.write(ReportPage.text(rows[0], period: p))
      }
      if output.resolvedFormat == .json || output.resolvedFormat == .jsonl {
        // One report: an object whose total and groups carry the --fields asked for.
        let figures = try RecordWriter(summarySchema, options: output, one: true)
        let object = JSON.object([
          (
            "period",
            .object([
              ("label", .string(p.label)), ("from", .string(p.from.iso8601)), ("to", .string(p.to.iso8601)),
              ("time_zone", .string(p.timeZone)), ("first_day", .string(p.firstDay)), ("last_day", .string(p.lastDay)),
            ])
          ),
          ("total", figures.object(rows[0])),
          ("groups", .array(rows.dropFirst().map(figures.object))),
        ])
        return Terminal.write(object.encoded + "\n")
      }
      var total = rows[0]
      total.group = "all"
      try RecordWriter(summarySchema, options: output).writeAll([total] + rows.dropFirst())
    }
  }

  struct AgentsReport: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "agents",
      abstract: "Per agent: tickets solved, median first response, SLA achievement, CSAT, bad ratings.",
      discussion: """
        A ticket's figures are credited to whoever last solved it, else to its assignee: the same agent as \
        in desk report summary --by agent. sla_first_response, sla_next_response and sla_resolution are each \
        target's achievement; sla_met, sla_breached and sla_achievement count the timers of all three \
        targets together.

        Example:
          desk report agents --week last
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions
    @Flag(help: "Shorthand for --format csv.") var csv = false
    @Option(help: ArgumentHelp("Also write a self-contained HTML page with charts.", valueName: "file")) var html: String?

    func run() throws {
      let desk = try global.openDesk()
      let p = try desk.reports.period(week: period.week, month: period.month, from: period.from, to: period.to)
      var output = global.output
      if csv { output.format = .csv }
      let rows = try desk.reports.agents(p)
      if let html { try ReportPage.save(ReportPage.agents(rows, period: p), to: html) }
      try RecordWriter(agentFiguresSchema, options: output).writeAll(rows)
    }
  }

  struct TagsReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tags", abstract: "Tickets and customers per tag, and their trend week by week.",
      discussion: """
        Example:
          desk report tags --tag 'wish-*' --from -90d --to now
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions
    @Option(help: ArgumentHelp("A glob, e.g. 'wish-*'.", valueName: "pattern")) var tag: String?
    @Flag(help: "Shorthand for --format csv.") var csv = false
    @Option(help: ArgumentHelp("Also write a self-contained HTML page with a chart.", valueName: "file")) var html: String?

    func run() throws {
      let desk = try global.openDesk()
      let p = try desk.reports.period(week: period.week, month: period.month, from: period.from ?? "-84d", to: period.to ?? "now")
      var total: [String: TagStat] = [:]
      var weekly: [String: [String: Int]] = [:]
      try desk.tags.stats(pattern: tag, from: p.from, to: p.to, perWeek: false, within: nil) { total[$0.tag] = $0 }
      try desk.tags.stats(pattern: tag, from: p.from, to: p.to, perWeek: true, within: nil) { weekly[$0.tag, default: [:]][$0.week ?? ""] = $0.tickets }
      let weeks = Array(Set(weekly.values.flatMap(\.keys))).sorted()
      let rows = total.values.sorted { ($0.tickets, $1.tag) > ($1.tickets, $0.tag) }.map { s in
        TagReportRow(stat: s, trend: weeks.map { weekly[s.tag]?[$0] ?? 0 })
      }
      var output = global.output
      if csv { output.format = .csv }
      if let html { try ReportPage.save(ReportPage.tags(rows, period: p), to: html) }
      try RecordWriter(tagReportSchema, options: output).writeAll(rows)
    }
  }
}

let agentFiguresSchema = Schema<Reports.AgentFigures>(
  fields: [
    Field("agent") { .text($0.login) }, Field("solved") { .int(Int64($0.solved)) },
    Field("first_response_median") { $0.firstResponse.map { .seconds($0.median) } ?? .null },
    Field("sla_first_response") { $0.figures.slaAchievement("first_response").map(Cell.ratio) ?? .null },
    Field("sla_next_response") { $0.figures.slaAchievement("next_response").map(Cell.ratio) ?? .null },
    Field("sla_resolution") { $0.figures.slaAchievement("resolution").map(Cell.ratio) ?? .null },
    Field("sla_met") { .int(Int64($0.slaMet)) }, Field("sla_breached") { .int(Int64($0.slaBreached)) },
    Field("sla_achievement") { $0.slaAchievement.map(Cell.ratio) ?? .null },
    Field("rated_great") { .int(Int64($0.ratings[2])) }, Field("rated_normal") { .int(Int64($0.ratings[1])) },
    Field("rated_bad") { .int(Int64($0.bad)) }, Field("csat") { $0.csat.map(Cell.ratio) ?? .null },
  ],
  tableDefault: ["agent", "solved", "first_response_median", "sla_first_response", "sla_resolution", "csat", "rated_bad"],
  flexible: ["agent"], idField: "agent")

/// One row of `report tags`: a tag's figures over the period and its tickets per week.
struct TagReportRow {
  let stat: TagStat
  let trend: [Int]
}

let tagReportSchema = Schema<TagReportRow>(
  fields: [
    Field("tag") { .text($0.stat.tag) }, Field("tickets") { .int(Int64($0.stat.tickets)) },
    Field("customers") { .int(Int64($0.stat.customers)) },
    Field("weekly") { .numbers($0.trend.map(Int64.init)) },
    Field("trend") { .text(ReportPage.sparkline($0.trend)) },
  ],
  tableDefault: ["tag", "tickets", "customers", "trend"], flexible: ["tag"], idField: "tag")
