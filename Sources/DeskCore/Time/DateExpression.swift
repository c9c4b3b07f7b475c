import Foundation

/// Reads the dates people type: ISO-8601 (`2026-11-24`, `2026-11-24T10:00`, `…Z`, `…+03:00`),
/// `now`, `today`, `yesterday`, `tomorrow`, and offsets from now like `-2d` or `+4h`.
/// A date or time without a zone is local time (the process's TZ).
public enum DateExpression {
  public static func parse(_ text: String, now: Timestamp) -> Timestamp? {
    let s = text.trimmingCharacters(in: .whitespaces).lowercased()
    switch s {
    case "now": return now
    case "today": return startOfLocalDay(now)
    case "yesterday": return startOfLocalDay(now, addingDays: -1)
    case "tomorrow": return startOfLocalDay(now, addingDays: 1)
    default: break
    }
    if let sign = s.first, sign == "-" || sign == "+" {
      guard let d = Duration(parsing: String(s.dropFirst())) else { return nil }
      let t = sign == "-" ? now - d : now + d
      return inRange(t) ? t : nil
    }
    return parseAbsolute(text.trimmingCharacters(in: .whitespaces), requireZone: false)
  }

  /// Years 1 to 9999: what the stored text form can hold and sort.
  static func inRange(_ t: Timestamp) -> Bool {
    t.seconds >= -62_135_596_800 && t.seconds <= 253_402_300_799
  }

  static func startOfLocalDay(_ t: Timestamp, addingDays days: Int = 0) -> Timestamp {
    var raw = time_t(t.seconds)
    var parts = tm()
    localtime_r(&raw, &parts)
    parts.tm_mday += Int32(days)
    parts.tm_hour = 0
    parts.tm_min = 0
    parts.tm_sec = 0
    parts.tm_isdst = -1
    return Timestamp(seconds: Int64(mktime(&parts)))
  }

  /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:MM]]`
  static func parseAbsolute(_ s: String, requireZone: Bool) -> Timestamp? {
    let b = Array(s.utf8)
    var i = 0
    func number(_ width: Int) -> Int? {
      guard i + width <= b.count else { return nil }
      var n = 0
      for k in i..<(i + width) {
        guard b[k] >= 48, b[k] <= 57 else { return nil }
        n = n * 10 + Int(b[k] - 48)
      }
      i += width
      return n
    }
    func eat(_ c: UInt8) -> Bool {
      if i < b.count, b[i] == c {
        i += 1
        return true
      }
      return false
    }
    guard let y = number(4), eat(UInt8(ascii: "-")), let mo = number(2), eat(UInt8(ascii: "-")),
      let d = number(2), (1...12).contains(mo), d >= 1, d <= CivilTime.daysInMonth(y, mo)
    else { return nil }
    var hh = 0
    var mi = 0
    var ss = 0
    var hasTime = false
    if eat(UInt8(ascii: "T")) || eat(UInt8(ascii: "t")) || eat(UInt8(ascii: " ")) {
      guard let h = number(2), eat(UInt8(ascii: ":")), let m = number(2), h < 24, m < 60 else { return nil }
      hh = h
      mi = m
      hasTime = true
      if eat(UInt8(ascii: ":")) {
        guard let sec = number(2), sec < 60 else { return nil }
        ss = sec
        if eat(UInt8(ascii: ".")) {
          let start = i
          while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
          guard i > start else { return nil }
        }
      }
    }
    var offset: Int? = nil
    if eat(UInt8(ascii: "Z")) || eat(UInt8(ascii: "z")) {
      offset = 0
    } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
      guard hasTime else { return nil }
      let negative = b[i] == UInt8(ascii: "-")
      i += 1
      guard let oh = number(2), oh <= 23 else { return nil }
      let om = eat(UInt8(ascii: ":")) ? (number(2) ?? -1) : i < b.count ? (number(2) ?? -1) : 0
      guard om >= 0, om < 60 else { return nil }
      offset = (oh * 3600 + om * 60) * (negative ? -1 : 1)
    }
    guard i == b.count else { return nil }
    if let offset {
      let days = CivilTime.daysFromCivil(y, mo, d)
      return Timestamp(seconds: Int64(days * 86400 + hh * 3600 + mi * 60 + ss - offset))
    }
    guard !requireZone else { return nil }
    var parts = tm()
    parts.tm_year = Int32(y - 1900)
    parts.tm_mon = Int32(mo - 1)
    parts.tm_mday = Int32(d)
    parts.tm_hour = Int32(hh)
    parts.tm_min = Int32(mi)
    parts.tm_sec = Int32(ss)
    parts.tm_isdst = -1
    return Timestamp(seconds: Int64(mktime(&parts)))
  }
}
