import Foundation
import GRDB

/// A moment, to the second, stored as UTC ISO-8601 text (`2026-11-24T19:07:43Z`) so that
/// the database sorts and reads the same in desk and in the sqlite3 shell.
public struct Timestamp: Hashable, Comparable, Sendable {
  public var seconds: Int64  // since the Unix epoch, UTC

  public init(seconds: Int64) { self.seconds = seconds }
  public init(_ date: Date) { self.seconds = Int64(date.timeIntervalSince1970.rounded(.down)) }

  public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

  public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }
  public static func + (a: Timestamp, d: Duration) -> Timestamp { Timestamp(seconds: a.seconds + d.seconds) }
  public static func - (a: Timestamp, d: Duration) -> Timestamp { Timestamp(seconds: a.seconds - d.seconds) }
  public static func - (a: Timestamp, b: Timestamp) -> Duration { Duration(seconds: a.seconds - b.seconds) }

  /// UTC ISO-8601, the form of all machine output.
  public var iso8601: String {
    let (y, m, d, hh, mm, ss) = CivilTime.utcFields(seconds)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, hh, mm, ss)
  }

  /// Local wall-clock time for tables (`2026-11-24 22:07`), in the process's TZ.
  public var localShort: String {
    var t = time_t(seconds)
    var parts = tm()
    localtime_r(&t, &parts)
    return String(
      format: "%04d-%02d-%02d %02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min))
  }

  /// Parses the exact stored form, and any ISO-8601 date-time with `Z` or an offset.
  public init?(iso8601 text: String) {
    guard let parsed = DateExpression.parseAbsolute(text, requireZone: true) else { return nil }
    self = parsed
  }
}

extension Timestamp: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { iso8601.databaseValue }
  public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Timestamp? {
    guard let text = String.fromDatabaseValue(dbValue) else { return nil }
    return Timestamp(iso8601: text)
  }
}

extension Timestamp: Codable {
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let t = Timestamp(iso8601: text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO-8601 time: \(text)"))
    }
    self = t
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(iso8601)
  }
}

/// Proleptic Gregorian calendar arithmetic on days since the epoch (Howard Hinnant's algorithms),
/// so formatting and parsing need no Foundation formatter.
enum CivilTime {
  static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  static func utcFields(_ seconds: Int64) -> (Int, Int, Int, Int, Int, Int) {
    let s = Int(seconds)
    var days = s / 86400
    var rem = s % 86400
    if rem < 0 {
      rem += 86400
      days -= 1
    }
    let (y, m, d) = civilFromDays(days)
    return (y, m, d, rem / 3600, (rem % 3600) / 60, rem % 60)
  }

  static func daysInMonth(_ y: Int, _ m: Int) -> Int {
    switch m {
    case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

extension Timestamp {
  /// `2026-11-24 13:15 MSK`: a moment on the wall clock of a zone, for messages to people.
  public func wallClock(in zone: TimeZone) -> String {
    let offset = Int64(zone.secondsFromGMT(for: date))
    let (y, m, d, hh, mm, _) = CivilTime.utcFields(seconds + offset)
    let abbreviation = zone.abbreviation(for: date) ?? zone.identifier
    return String(format: "%04d-%02d-%02d %02d:%02d ", y, m, d, hh, mm) + abbreviation
  }
}
