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
    var out = "report \(period.label)  \(period.from.iso8601) – \(period.to.iso8601)\n\n"
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

  /// Horizontal bars: label, value, bar.
  static func chart(_ title: String, _ items: [(String, Double, String)]) -> String {
    let top = max(items.map(\.1).max() ?? 0, 1e-9)
    let height = 28 * items.count + 10
    var svg = "<figure><figcaption>\(escape(title))</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"\(height)\" role=\"img\" aria-label=\"\(escape(title))\">"
    for (i, (label, value, shown)) in items.enumerated() {
      let y = 8 + i * 28
      let w = Int(400 * value / top)
      svg += "<text x=\"0\" y=\"\(y + 16)\" font-size=\"13\">\(escape(label))</text>"
      svg += "<rect x=\"170\" y=\"\(y)\" width=\"\(w)\" height=\"20\" fill=\"#3b82f6\"/>"
      svg += "<text x=\"\(176 + w)\" y=\"\(y + 15)\" font-size=\"12\">\(escape(shown))</text>"
    }
    return svg + "</svg></figure>\n"
  }

  static func write(_ rows: [ReportFigures], period: ReportPeriod, by: Reports.Breakdown?, to path: String) throws {
    let f = rows[0]
    func pct(_ d: Double?) -> String { d.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }
    var body = "<h1>desk report \(escape(period.label))</h1><p>\(escape(period.from.iso8601)) – \(escape(period.to.iso8601))</p>\n"
    body += chart("Tickets", [("created", Double(f.created), "\(f.created)"), ("solved", Double(f.solved), "\(f.solved)"),
                              ("closed", Double(f.closed), "\(f.closed)"), ("backlog at the end", Double(f.backlog), "\(f.backlog)")])
    body += chart("Ratings (CSAT \(pct(f.csat)))", zip(["bad", "normal", "great"], f.ratings).map { ($0, Double($1), "\($1)") })
    let targets = ["first_response", "next_response", "resolution"].compactMap { t in
      f.slaAchievement(t).map { (t.replacingOccurrences(of: "_", with: " "), $0, pct($0)) }
    }
    if !targets.isEmpty { body += chart("SLA achievement", targets) }
    if let by, rows.count > 1 {
      body += chart("Created by \(by.rawValue)", rows.dropFirst().map { ($0.group ?? "-", Double($0.created), "\($0.created)") })
    }
    body += "<table><tr><th></th><th>median</th><th>p90</th><th>in working time (median)</th></tr>"
    for (label, wall, business) in [("first response", f.firstResponseWall, f.firstResponseBusiness), ("resolution", f.resolutionWall, f.resolutionBusiness)] {
      body += "<tr><td>\(label)</td><td>\(wall.map { Duration(seconds: $0.median).humane } ?? "–")</td><td>\(wall.map { Duration(seconds: $0.p90).humane } ?? "–")</td><td>\(business.map { Duration(seconds: $0.median).humane } ?? "–")</td></tr>"
    }
    body += "</table><p>NPS: \(f.nps.map { String(format: "%.1f", $0) } ?? "–") (\(f.npsScores.count) answers)</p>\n"
    let page = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>desk report \(escape(period.label))</title>
      <style>body{font:15px/1.4 system-ui,sans-serif;max-width:720px;margin:2em auto;color:#111}figure{margin:1.5em 0}figcaption{font-weight:600;margin-bottom:.3em}table{border-collapse:collapse}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}</style>
      </head><body>
      \(body)</body></html>

      """
    try PrivateFile.write(Data(page.utf8), to: path, replace: true)
  }
}
