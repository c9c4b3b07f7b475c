import DeskCore
import Foundation

/// The report for people: text with small charts on a terminal, and one self-contained HTML
/// page with SVG charts (no scripts, nothing fetched).
enum ReportPage {
  static let blocks = Array("▁▂▃▄▅▆▇█")

  static func sparkline(_ values: [Int]) -> String {
    let top = max(values.max() ?? 0, 1)
    return String(values.map { blocks[min(blocks.count - 1, $0 * (blocks.count - 1) / top)] })
  }

  static func bar(_ value: Int, of top: Int, width: Int = 20) -> String {
    String(repeating: "█", count: top == 0 ? 0 : max(value > 0 ? 1 : 0, value * width / top))
  }

  static func text(_ f: ReportFigures, period: ReportPeriod) -> String {
    func pct(_ d: Double?) -> String { d.map { String(format: "%.0f%%", $0 * 100) } ?? "-" }
    func spread(_ s: Spread?) -> String { s.map { "median \(Duration(seconds: $0.median).humane), p90 \(Duration(seconds: $0.p90).humane) (\($0.count))" } ?? "-" }
    let top = max(f.created, f.solved, f.closed, f.backlog)
    var out = "report \(period.label)  \(period.localDates)\n\n"
    for (label, n) in [("created", f.created), ("solved", f.solved), ("closed", f.closed), ("backlog", f.backlog)] {
      out += label.padding(toLength: 24, withPad: " ", startingAt: 0) + String(n).padding(toLength: 8, withPad: " ", startingAt: 0) + bar(n, of: top) + "\n"
    }
    out += "  pending or on hold".padding(toLength: 24, withPad: " ", startingAt: 0) + "\(f.backlogPending + f.backlogOnHold) (\(pct(f.backlogWaitingShare)))\n"
    out += "\nfirst response          " + spread(f.firstResponseWall) + "\n"
    out += "  in working time       " + spread(f.firstResponseBusiness) + "\n"
    out += "resolution              " + spread(f.resolutionWall) + "\n"
    out += "  in working time       " + spread(f.resolutionBusiness) + "\n\n"
    for target in ["first_response", "next_response", "resolution"] {
      let met = f.slaMet[target] ?? 0, breached = f.slaBreached[target] ?? 0
      guard met + breached > 0 else { continue }
      out += "SLA \(target.replacingOccurrences(of: "_", with: " "))".padding(toLength: 24, withPad: " ", startingAt: 0)
        + "\(pct(f.slaAchievement(target))) (\(met) of \(met + breached))\n"
    }
    let rated = f.ratings.reduce(0, +)
    out += "\nCSAT                    \(pct(f.csat)) great of \(rated) rated\n"
    for (label, n) in zip(["  bad", "  normal", "  great"], f.ratings) {
      out += label.padding(toLength: 24, withPad: " ", startingAt: 0) + String(n).padding(toLength: 8, withPad: " ", startingAt: 0) + bar(n, of: max(rated, 1)) + "\n"
    }
    out += "NPS                     " + (f.nps.map { String(format: "%.1f", $0) } ?? "-") + " (\(f.npsScores.count) answers)\n"
    return out
  }

  static func escape(_ s: String) -> String { HTMLText.escape(s) }

  /// Horizontal bars: label, value, what is written beside the bar. Shares pass `scale: 1`, so
  /// 17% fills 17% of the width; counts are drawn against the largest. Scales to the screen.
  static func chart(_ title: String, _ items: [(String, Double, String)], scale: Double? = nil) -> String {
    let top = max(scale ?? items.map(\.1).max() ?? 0, 1e-9)
    let height = 28 * items.count + 10
    var svg =
      "<figure><figcaption>\(escape(title))</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 \(height)\" width=\"100%\" role=\"img\" aria-label=\"\(escape(title))\">"
    for (i, (label, value, shown)) in items.enumerated() {
      let y = 8 + i * 28
      let w = Int(400 * min(value, top) / top)
      svg += "<text x=\"0\" y=\"\(y + 16)\" font-size=\"13\">\(escape(label))</text>"
      svg += "<rect x=\"170\" y=\"\(y)\" width=\"\(w)\" height=\"20\" fill=\"#3b82f6\"/>"
      svg += "<text x=\"\(176 + w)\" y=\"\(y + 15)\" font-size=\"12\">\(escape(shown))</text>"
    }
    return svg + "</svg></figure>\n"
  }

  /// One cell of a figure: what people read, with the exact value for programs beside it.
  static func cell<T>(_ field: Field<T>, _ item: T) -> String {
    let value = field.value(item)
    return "<td data-field=\"\(escape(field.name))\" data-value=\"\(escape(value.plain))\">\(escape(value.human))</td>"
  }

  static func label(_ name: String) -> String { escape(name.replacingOccurrences(of: "_", with: " ")) }

  /// Every field of one record, a row each: the whole figure set, readable at phone width.
  static func figures<T>(_ schema: Schema<T>, _ item: T) -> String {
    var out = "<table class=\"figures\">"
    for field in schema.fields { out += "<tr><th>\(label(field.name))</th>\(cell(field, item))</tr>" }
    return out + "</table>\n"
  }

  /// Every field of many records, a row each, scrolling sideways on a narrow screen.
  static func table<T>(_ schema: Schema<T>, _ items: [T]) -> String {
    var out = "<div class=\"wide\"><table><tr>" + schema.fields.map { "<th>\(label($0.name))</th>" }.joined() + "</tr>"
    for item in items { out += "<tr>" + schema.fields.map { cell($0, item) }.joined() + "</tr>" }
    return out + "</table></div>\n"
  }

  static func percent(_ d: Double?) -> String { d.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }

  /// The summary: every figure of the JSON (total, then each group), with charts.
  static func summary(_ rows: [ReportFigures], period: ReportPeriod, by: Reports.Breakdown?) -> String {
    let f = rows[0]
    var body = chart(
      "Tickets",
      [
        ("created", Double(f.created), "\(f.created)"), ("solved", Double(f.solved), "\(f.solved)"),
        ("closed", Double(f.closed), "\(f.closed)"), ("backlog at the end", Double(f.backlog), "\(f.backlog)"),
        ("pending or on hold", Double(f.backlogPending + f.backlogOnHold), "\(f.backlogPending + f.backlogOnHold) (\(percent(f.backlogWaitingShare)))"),
      ])
    body += chart("Ratings (CSAT \(percent(f.csat)))", zip(["bad", "normal", "great"], f.ratings).map { ($0, Double($1), "\($1)") })
    let targets = ["first_response", "next_response", "resolution"].map { t in
      (t.replacingOccurrences(of: "_", with: " "), f.slaAchievement(t) ?? 0, percent(f.slaAchievement(t)))
    }
    body += chart("SLA achievement", targets, scale: 1)
    body += "<h2>All figures</h2>\n" + figures(summarySchema, f)
    if let by, rows.count > 1 {
      let groups = Array(rows.dropFirst())
      let name = by.rawValue
      body += "<h2>By \(escape(name))</h2>\n"
      body += chart("Created by \(name)", groups.map { ($0.group ?? "-", Double($0.created), "\($0.created)") })
      body += chart("Solved by \(name)", groups.map { ($0.group ?? "-", Double($0.solved), "\($0.solved)") })
      body += chart(
        "First-response SLA by \(name)", groups.map { ($0.group ?? "-", $0.slaAchievement("first_response") ?? 0, percent($0.slaAchievement("first_response"))) },
        scale: 1)
      body += chart("CSAT by \(name)", groups.map { ($0.group ?? "-", $0.csat ?? 0, percent($0.csat)) }, scale: 1)
      body += table(summarySchema, groups)
    }
    return page("desk report \(period.label)", period: period, body: body)
  }

  /// Per agent: every figure, with the SLA and CSAT charts drawn against 100%.
  static func agents(_ rows: [Reports.AgentFigures], period: ReportPeriod) -> String {
    var body = chart("Solved", rows.map { ($0.login, Double($0.solved), "\($0.solved)") })
    body += chart(
      "First-response SLA", rows.map { ($0.login, $0.figures.slaAchievement("first_response") ?? 0, percent($0.figures.slaAchievement("first_response"))) },
      scale: 1)
    body += chart("Resolution SLA", rows.map { ($0.login, $0.figures.slaAchievement("resolution") ?? 0, percent($0.figures.slaAchievement("resolution"))) }, scale: 1)
    body += chart("CSAT", rows.map { ($0.login, $0.csat ?? 0, percent($0.csat)) }, scale: 1)
    body += table(agentFiguresSchema, rows)
    return page("desk report agents \(period.label)", period: period, body: body)
  }

  /// Tags: tickets and customers, and the weekly trend.
  static func tags(_ rows: [TagReportRow], period: ReportPeriod) -> String {
    var body = chart("Tickets", rows.map { ($0.stat.tag, Double($0.stat.tickets), "\($0.stat.tickets)") })
    body += table(tagReportSchema, rows)
    return page("desk report tags \(period.label)", period: period, body: body)
  }

  /// One self-contained page: no script, nothing fetched, readable on a phone.
  static func page(_ title: String, period: ReportPeriod, body: String) -> String {
    """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>body{font:15px/1.4 system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em;color:#111}figure{margin:1.5em 0}figcaption{font-weight:600;margin-bottom:.3em}svg{max-width:640px;height:auto}table{border-collapse:collapse}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left;white-space:nowrap}.wide{overflow-x:auto}</style>
    </head><body>
    <h1>\(escape(title))</h1><p class="period">\(escape(period.localDates))</p>
    \(body)</body></html>

    """
  }

  /// Reports hold customer data: 0600, never through a symlink.
  static func save(_ page: String, to path: String) throws {
    try PrivateFile.write(Data(page.utf8), to: path, replace: true)
  }
}
