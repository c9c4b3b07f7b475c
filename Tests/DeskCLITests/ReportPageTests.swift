import Foundation
import Testing

/// Issue 14, item 16: the Monday report, whole — every figure of the JSON on the page, shares
/// drawn against 100%, local dates, a phone-width page, and the agents and tags pages.
@Suite("the HTML reports")
struct ReportPageTests {
  /// `data-field`/`data-value` pairs of the page's figure cells, in page order.
  static func cells(_ html: String) -> [(String, String)] {
    var out: [(String, String)] = []
    var rest = Substring(html)
    while let start = rest.range(of: "data-field=\"") {
      rest = rest[start.upperBound...]
      guard let end = rest.firstIndex(of: "\"") else { break }
      let field = String(rest[..<end])
      guard let v = rest.range(of: "data-value=\"") else { break }
      let after = rest[v.upperBound...]
      guard let close = after.firstIndex(of: "\"") else { break }
      out.append((field, String(after[..<close])))
      rest = after[close...]
    }
    return out
  }

  /// The JSON value as the page's data-value writes it.
  static func plain(_ value: Any) -> String {
    switch value {
    case is NSNull: return ""
    case let n as Int: return String(n)
    case let d as Double: return String(format: "%.4f", d)
    default: return "\(value)"
    }
  }

  /// Equal as text, or as numbers (JSON writes 1.0 as 1).
  static func same(_ page: String?, _ json: String) -> Bool {
    guard let page else { return false }
    if let a = Double(page), let b = Double(json) { return abs(a - b) < 0.00005 }
    return page == json
  }

  @Test("--week last: every figure of the JSON, total and groups, is on the page, with local dates and a viewport")
  func summaryPageIsWhole() throws {
    let s = ReportTests.week()
    let now = ["DESK_NOW": "2026-11-25T10:00:00Z"]
    let path = s.dir + "/week.html"
    let json = try s.ok(["report", "summary", "--week", "last", "--by", "agent", "--json", "--html", path], now: now["DESK_NOW"]!, agent: "root")
      .object()
    let period = try #require(json["period"] as? [String: Any])
    #expect(period["label"] as? String == "2026-W47")
    #expect(period["first_day"] as? String == "2026-11-16")
    #expect(period["last_day"] as? String == "2026-11-22")
    let html = try String(contentsOfFile: path, encoding: .utf8)
    #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
    #expect(html.contains("<h1>desk report 2026-W47</h1><p class=\"period\">2026-11-16 – 2026-11-22 (UTC)</p>"))
    #expect(!html.contains("2026-11-16T00:00:00Z"))
    #expect(!html.contains("<script"))
    let cells = Self.cells(html)
    var expected: [(String, String)] = []
    let total = try #require(json["total"] as? [String: Any])
    let groups = try #require(json["groups"] as? [[String: Any]])
    #expect(groups.map { $0["group"] as? String } == ["-", "adelia", "bob"])
    let order = ["group"] + total.keys.filter { $0 != "group" }
    for key in order where total[key] != nil { expected.append((key, Self.plain(total[key]!))) }
    let onPage = Dictionary(cells.prefix(total.count).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
    for (key, value) in expected { #expect(Self.same(onPage[key], value), "total \(key): \(onPage[key] ?? "missing") vs \(value)") }
    for group in groups {
      let name = try #require(group["group"] as? String)
      let row = cells.drop { !($0.0 == "group" && $0.1 == name) }.prefix(group.count)
      let found = Dictionary(row.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
      for (key, value) in group { #expect(Self.same(found[key], Self.plain(value)), "\(name) \(key): \(found[key] ?? "missing")") }
    }
    // Pending and on hold, and the next-response target, are there for people too.
    #expect(html.contains("<th>backlog waiting share</th><td data-field=\"backlog_waiting_share\" data-value=\"0.5000\">50%</td>"))
    #expect(html.contains("<th>sla next response</th>"))
    // A 50% SLA achievement fills half the bar's 400 units, not all of it.
    let sla = try #require(html.components(separatedBy: "<figcaption>SLA achievement</figcaption>").last)
    #expect(sla.contains("<text x=\"0\" y=\"24\" font-size=\"13\">first response</text><rect x=\"170\" y=\"8\" width=\"200\""))
  }

  @Test("report agents --html and report tags --html write their pages; --month last is last month")
  func agentsAndTagsPages() throws {
    let s = ReportTests.week()
    let agentsPath = s.dir + "/agents.html", tagsPath = s.dir + "/tags.html"
    s.ok(["report", "agents", "--week", "2026-W47", "--html", agentsPath], now: "2026-11-25T10:00:00Z", agent: "root")
    let agents = try String(contentsOfFile: agentsPath, encoding: .utf8)
    #expect(agents.contains("<title>desk report agents 2026-W47</title>"))
    let cells = Self.cells(agents)
    #expect(cells.filter { $0.0 == "agent" }.map(\.1) == ["adelia", "bob", "root"])
    #expect(cells.contains { $0 == ("sla_first_response", "0.5000") })
    #expect(cells.contains { $0 == ("csat", "0.5000") })
    s.ok(["ticket", "new", "Wish", "--customer", "1", "--tag", "wish-export"], now: "2026-11-18T10:00:00Z", agent: "root")
    s.ok(["report", "tags", "--week", "2026-W47", "--html", tagsPath], now: "2026-11-25T10:00:00Z", agent: "root")
    let tags = try String(contentsOfFile: tagsPath, encoding: .utf8)
    #expect(Self.cells(tags).map { "\($0.0)=\($0.1)" } == ["tag=wish-export", "tickets=1", "customers=1", "weekly=1", "trend=█"])
    let month = try s.ok(["report", "summary", "--month", "last", "--json"], now: "2026-12-01T10:00:00Z", agent: "root").object()
    #expect((month["period"] as? [String: Any])?["label"] as? String == "2026-11")
    #expect(s.run("report", "summary", "--week", "lastweek").status == 64)
  }
}
