import Foundation
import GRDB
import GRDBSQLite

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
    var bytes: [UInt8] = []
    bytes.reserveCapacity(20)
    appendISO8601(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the bytes of `iso8601`, digit by digit: `String(format:)` cost about 38,000
  /// instructions a call, and a listing prints five a row.
  public func appendISO8601(to out: inout [UInt8]) {
    let (y, m, d, hh, mm, ss) = CivilTime.utcFields(seconds)
    if (0..<10_000).contains(y) {
      // The 20 bytes at once: a listing writes several a row, and a byte at a time was a tenth of it.
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { b in
        func put(_ n: Int, _ at: Int) {
          b[at] = UInt8(ascii: "0") + UInt8(n / 10)
          b[at + 1] = UInt8(ascii: "0") + UInt8(n % 10)
        }
        put(y / 100, 0)
        put(y % 100, 2)
        b[4] = UInt8(ascii: "-")
        put(m, 5)
        b[7] = UInt8(ascii: "-")
        put(d, 8)
        b[10] = UInt8(ascii: "T")
        put(hh, 11)
        b[13] = UInt8(ascii: ":")
        put(mm, 14)
        b[16] = UInt8(ascii: ":")
        put(ss, 17)
        b[19] = UInt8(ascii: "Z")
        out.append(contentsOf: b)
      }
      return
    }
    CivilTime.appendDate(y, m, d, separator: UInt8(ascii: "T"), to: &out)
    CivilTime.appendTime(hh, mm, to: &out)
    out.append(UInt8(ascii: ":"))
    CivilTime.appendDigits(ss, width: 2, to: &out)
    out.append(UInt8(ascii: "Z"))
  }

  /// Local wall-clock time for tables (`2026-11-24 22:07`), in the process's TZ.
  public var localShort: String {
    var t = time_t(seconds)
    var parts = tm()
    localtime_r(&t, &parts)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(16)
    CivilTime.appendDate(
      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), separator: UInt8(ascii: " "), to: &bytes)
    CivilTime.appendTime(Int(parts.tm_hour), Int(parts.tm_min), to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
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

extension Timestamp: StatementColumnConvertible {
  /// Reads the stored form straight from the column's bytes, without making a String;
  /// any other value goes the general way (`fromDatabaseValue`).
  public init?(sqliteStatement: SQLiteStatement, index: CInt) {
    if sqlite3_column_type(sqliteStatement, index) == SQLITE_TEXT, let text = sqlite3_column_text(sqliteStatement, index),
      let t = Timestamp(storedUTC: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(sqliteStatement, index))))
    {
      self = t
      return
    }
    guard let t = Timestamp.fromDatabaseValue(DatabaseValue(sqliteStatement: sqliteStatement, index: index)) else { return nil }
    self = t
  }

  /// Exactly `YYYY-MM-DDTHH:MM:SSZ` with a valid date and time, else nil (the caller then
  /// parses the general forms, which accept this one too, to the same moment).
  init?(storedUTC b: UnsafeBufferPointer<UInt8>) {
    guard b.count == 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
      b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z")
    else { return nil }
    func number(_ at: Int, _ width: Int) -> Int? {
      var n = 0
      for k in at..<(at + width) {
        let digit = Int(b[k]) - 48
        guard digit >= 0, digit <= 9 else { return nil }
        n = n * 10 + digit
      }
      return n
    }
    guard let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2), let hh = number(11, 2),
      let mi = number(14, 2), let ss = number(17, 2), (1...12).contains(mo), d >= 1, d <= CivilTime.daysInMonth(y, mo),
      hh < 24, mi < 60, ss < 60
    else { return nil }
    self.init(seconds: Int64(CivilTime.daysFromCivil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss))
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

  /// `n` in decimal, zero-padded to `width` digits, like `%0*d`.
  static func appendDigits(_ n: Int, width: Int, to out: inout [UInt8]) {
    guard n >= 0, n < 10_000 else {
      out += Array(String(format: "%0\(width)d", n).utf8)
      return
    }
    let digits = n >= 1000 ? 4 : n >= 100 ? 3 : n >= 10 ? 2 : 1
    for _ in digits..<max(width, digits) { out.append(UInt8(ascii: "0")) }
    // Not `[1, 10, 100, 1000][digits - 1]`: that array was allocated at every call, 30 a listed row.
    var divisor = digits == 4 ? 1000 : digits == 3 ? 100 : digits == 2 ? 10 : 1
    while divisor > 0 {
      out.append(UInt8(ascii: "0") + UInt8(n / divisor % 10))
      divisor /= 10
    }
  }

  /// `2026-11-24` then `separator`.
  static func appendDate(_ y: Int, _ m: Int, _ d: Int, separator: UInt8, to out: inout [UInt8]) {
    appendDigits(y, width: 4, to: &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(m, width: 2, to: &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(d, width: 2, to: &out)
    out.append(separator)
  }

  /// `22:07`
  static func appendTime(_ hh: Int, _ mm: Int, to out: inout [UInt8]) {
    appendDigits(hh, width: 2, to: &out)
    out.append(UInt8(ascii: ":"))
    appendDigits(mm, width: 2, to: &out)
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
    let abbreviation = ZoneAbbreviations.shared.abbreviation(zone, at: date, offset: offset)
    var bytes: [UInt8] = []
    CivilTime.appendDate(y, m, d, separator: UInt8(ascii: " "), to: &bytes)
    CivilTime.appendTime(hh, mm, to: &bytes)
    return String(decoding: bytes, as: UTF8.self) + " " + abbreviation
  }
}

/// A zone's abbreviation at an instant, asked of ICU once a process for each zone, offset and
/// daylight-saving state: ICU's display-name lookup costs more than all the rest of a breach
/// notice (issue 16: 3% of a cron run with 10,000 breaches).
final class ZoneAbbreviations: @unchecked Sendable {
  static let shared = ZoneAbbreviations()
  private let lock = NSLock()
  private var known: [String: String] = [:]

  func abbreviation(_ zone: TimeZone, at date: Date, offset: Int64) -> String {
    let key = "\(zone.identifier) \(offset) \(zone.isDaylightSavingTime(for: date))"
    lock.lock()
    defer { lock.unlock() }
    if let known = known[key] { return known }
    let abbreviation = zone.abbreviation(for: date) ?? zone.identifier
    known[key] = abbreviation
    return abbreviation
  }
}
