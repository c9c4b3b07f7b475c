import Foundation

/// Working time in one time zone: weekly intervals and holidays. Business-time arithmetic
/// walks the local days, so weekends, holidays, midnight and DST changes come out exact:
/// an interval that spans a DST change is as long as the clock on the wall says.
public struct BusinessCalendar: Sendable, Equatable {
  public let name: String
  public let timeZone: TimeZone
  /// Seven lists, Monday first, of working intervals in minutes since local midnight.
  public let week: [[WorkingInterval]]
  /// Local dates (`YYYY-MM-DD`) with no working time, and their names.
  public let holidays: [String: String]

  public struct WorkingInterval: Sendable, Equatable, Codable {
    public var start: Int  // minutes, 0...1439
    public var end: Int  // minutes, 1...1440, > start
  }

  public static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

  /// The built-in calendar: every second counts.
  public static let always = BusinessCalendar(
    name: "24x7", timeZone: TimeZone(identifier: "UTC")!,
    week: Array(repeating: [WorkingInterval(start: 0, end: 1440)], count: 7), holidays: [:])

  public init(name: String, timeZone: TimeZone, week: [[WorkingInterval]], holidays: [String: String]) {
    self.name = name
    self.timeZone = timeZone
    self.week = week
    self.holidays = holidays
    holidayDays = Set(holidays.keys.compactMap(BusinessCalendar.dayNumber))
    isAlways = holidays.isEmpty && week.allSatisfy { $0 == [WorkingInterval(start: 0, end: 1440)] }
  }

  private let holidayDays: Set<Int>
  private let isAlways: Bool
  /// Each local day's working intervals, worked out (through the time zone) once; shared by copies,
  /// which is sound because a calendar's fields are constants.
  private let days = DayIntervals()

  public static func == (a: BusinessCalendar, b: BusinessCalendar) -> Bool {
    a.name == b.name && a.timeZone == b.timeZone && a.week == b.week && a.holidays == b.holidays
  }

  private final class DayIntervals: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [Int: [(Timestamp, Timestamp)]] = [:]

    func intervals(_ day: Int, _ make: (Int) -> [(Timestamp, Timestamp)]) -> [(Timestamp, Timestamp)] {
      lock.lock()
      defer { lock.unlock() }
      if let intervals = known[day] { return intervals }
      let intervals = make(day)
      known[day] = intervals
      return intervals
    }
  }
  /// How far `add` looks ahead before giving up (a calendar with no working time).
  static let horizonDays = 3660

  /// Seconds of working time in an average working day (for targets in `bd`, business days).
  public var workingDaySeconds: Int64 {
    let days = week.filter { !$0.isEmpty }
    guard !days.isEmpty else { return 0 }
    let minutes = days.flatMap { $0 }.reduce(0) { $0 + $1.end - $1.start }
    return Int64(minutes * 60 / days.count)
  }

  /// The moment `seconds` of working time after `start`; nil if the calendar has none within ten years.
  public func add(_ seconds: Int64, to start: Timestamp) -> Timestamp? {
    if isAlways { return start + Duration(seconds: seconds) }
    var remaining = seconds
    var day = localDay(start)
    for _ in 0..<BusinessCalendar.horizonDays {
      for (from, to) in intervals(day) where to > start {
        let begin = max(from, start)
        let available = to.seconds - begin.seconds
        if remaining <= available { return Timestamp(seconds: begin.seconds + remaining) }
        remaining -= available
      }
      day += 1
    }
    return nil
  }

  /// Working seconds between two moments (0 if `end` is not after `start`).
  public func seconds(from start: Timestamp, to end: Timestamp) -> Int64 {
    guard end > start else { return 0 }
    if isAlways { return end.seconds - start.seconds }
    var total: Int64 = 0
    var day = localDay(start)
    let last = localDay(end)
    while day <= last {
      for (from, to) in intervals(day) {
        let a = max(from, start)
        let b = min(to, end)
        if b > a { total += b.seconds - a.seconds }
      }
      day += 1
    }
    return total
  }

  /// Whether `t` falls in working time.
  public func isWorking(at t: Timestamp) -> Bool {
    intervals(localDay(t)).contains { $0.0 <= t && t < $0.1 }
  }

  /// The working intervals of one local day (days since 1970-01-01), as moments.
  func intervals(_ day: Int) -> [(Timestamp, Timestamp)] {
    if holidayDays.contains(day) { return [] }
    return days.intervals(day) { day in
      let weekday = ((day + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday; Monday is 0
      return week[weekday].map { (instant(day, minute: $0.start), instant(day, minute: $0.end)) }
    }
  }

  /// The local day of a moment.
  func localDay(_ t: Timestamp) -> Int {
    let offset = Int64(timeZone.secondsFromGMT(for: t.date))
    let local = t.seconds + offset
    return Int(local >= 0 ? local / 86400 : (local - 86399) / 86400)
  }

  /// The moment the wall clock shows `minute` on local `day`. In a spring-forward gap the
  /// clock jumps, and so does the answer; in a fall-back overlap the earlier moment wins.
  func instant(_ day: Int, minute: Int) -> Timestamp {
    let local = Int64(day) * 86400 + Int64(minute) * 60
    let before = offset(at: local - 86400)
    let after = offset(at: local + 86400)
    let valid = [local - before, local - after].filter { $0 + offset(at: $0) == local }
    // Two readings (fall back): the earlier. None (spring forward gap): the clock jumps ahead.
    return Timestamp(seconds: valid.min() ?? local - before)
  }

  private func offset(at seconds: Int64) -> Int64 {
    Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
  }

  /// `2026-12-31` → days since the epoch.
  static func dayNumber(_ date: String) -> Int? {
    let p = date.split(separator: "-")
    guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]),
      (1...12).contains(m), d >= 1, d <= CivilTime.daysInMonth(y, m)
    else { return nil }
    return CivilTime.daysFromCivil(y, m, d)
  }

  /// Parses `mon-fri 10:00-19:00`, `sat 10:00-14:00,15:00-18:00`, `sun,sat 12:00-16:00` into
  /// (weekdays, intervals).
  public static func parseHours(_ spec: String) throws -> ([Int], [WorkingInterval]) {
    let parts = spec.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 2 else {
      throw DeskError.usage("'\(spec)' is not working hours", hint: "write DAYS HH:MM-HH:MM, e.g. 'mon-fri 10:00-19:00'")
    }
    var days: [Int] = []
    for item in parts[0].lowercased().split(separator: ",") {
      let range = item.split(separator: "-")
      guard (1...2).contains(range.count), let a = weekdays.firstIndex(of: String(range[0])),
        let b = weekdays.firstIndex(of: String(range.last!)), a <= b
      else {
        throw DeskError.usage("'\(item)' is not a day or range of days", hint: "days: mon tue wed thu fri sat sun, e.g. mon-fri")
      }
      days += Array(a...b)
    }
    var intervals: [WorkingInterval] = []
    for item in parts[1].split(separator: ",") {
      let times = item.split(separator: "-")
      guard times.count == 2, let a = minutes(String(times[0])), let b = minutes(String(times[1])), a < b else {
        throw DeskError.usage(
          "'\(item)' is not a time range", hint: "write HH:MM-HH:MM with the end after the start, e.g. 10:00-19:00 (24:00 is midnight)")
      }
      intervals.append(WorkingInterval(start: a, end: b))
    }
    return (days, intervals)
  }

  static func minutes(_ text: String) -> Int? {
    let p = text.split(separator: ":")
    guard p.count == 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h), (0..<60).contains(m),
      h < 24 || m == 0
    else { return nil }
    return h * 60 + m
  }

  /// Merges overlapping intervals of a day and sorts them.
  static func normalise(_ intervals: [WorkingInterval]) -> [WorkingInterval] {
    var out: [WorkingInterval] = []
    for i in intervals.sorted(by: { $0.start < $1.start }) {
      if let last = out.last, i.start <= last.end {
        out[out.count - 1].end = max(last.end, i.end)
      } else {
        out.append(i)
      }
    }
    return out
  }

  /// `mon-fri 10:00-19:00; sun 12:00-16:00`: the week, written back the way people write it.
  public var hoursDescription: String {
    var groups: [(days: [Int], text: String)] = []
    for (d, intervals) in week.enumerated() where !intervals.isEmpty {
      let text = intervals.map { String(format: "%02d:%02d-%02d:%02d", $0.start / 60, $0.start % 60, $0.end / 60, $0.end % 60) }
        .joined(separator: ",")
      if let last = groups.last, last.text == text, last.days.last == d - 1 {
        groups[groups.count - 1].days.append(d)
      } else {
        groups.append(([d], text))
      }
    }
    if groups.isEmpty { return "(no working hours)" }
    return groups.map { g in
      let names = BusinessCalendar.weekdays
      let days = g.days.count == 1 ? names[g.days[0]] : "\(names[g.days.first!])-\(names[g.days.last!])"
      return "\(days) \(g.text)"
    }.joined(separator: "; ")
  }
}
