import Foundation
import GRDB
import Testing

@testable import DeskCore

/// Issue 16, item 2: timestamps are written digit by digit and read from the column bytes;
/// both must give exactly what `String(format:)` and the general parser gave.
@Suite("TimestampBytes: digits written and read directly, as the formatter and parser did")
struct TimestampBytesTests {
  /// What `iso8601` printed before, with `String(format:)`.
  static func formatted(_ t: Timestamp) -> String {
    let (y, m, d, hh, mm, ss) = CivilTime.utcFields(t.seconds)
    return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, hh, mm, ss)
  }

  @Test("iso8601 matches %04d-%02d-… for every kind of year, the stored range's ends and beyond")
  func digits() {
    var seconds: [Int64] = [
      0, -1, 59, 86_399, 86_400, 951_782_400, 1_795_514_400, -62_135_596_800, 253_402_300_799, -62_135_596_801,
      253_402_300_800, -62_198_755_200, -62_230_291_200, -99_999_999_999, 999_999_999_999, 32_503_680_000, -30_610_224_000,
    ]
    var rng = SplitMix64(state: 16)
    for _ in 0..<2000 { seconds.append(Int64.random(in: -70_000_000_000...260_000_000_000, using: &rng)) }
    for s in seconds {
      let t = Timestamp(seconds: s)
      #expect(t.iso8601 == Self.formatted(t), "\(s)")
    }
  }

  @Test("table time and wall clock keep their zero-padded form, in the process's zone and in a named one")
  func localForms() {
    let zone = TimeZone(identifier: "Europe/Moscow")!
    for text in ["2026-01-02T03:04:05Z", "0099-11-24T22:07:00Z", "2026-11-24T10:07:59Z", "1969-12-31T23:59:59Z"] {
      let t = ts(text)
      var raw = time_t(t.seconds)
      var parts = tm()
      localtime_r(&raw, &parts)
      let local = String(
        format: "%04d-%02d-%02d %02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
        Int(parts.tm_hour), Int(parts.tm_min))
      #expect(t.localShort == local, "\(text)")
      let (y, m, d, hh, mm, _) = CivilTime.utcFields(t.seconds + Int64(zone.secondsFromGMT(for: t.date)))
      let wall = String(format: "%04d-%02d-%02d %02d:%02d ", y, m, d, hh, mm) + (zone.abbreviation(for: t.date) ?? zone.identifier)
      #expect(t.wallClock(in: zone) == wall, "\(text)")
    }
  }

  @Test(
    "a stored column reads from its bytes to the same moment as the general parser, and other forms still parse",
    arguments: [
      "2026-11-24T10:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2024-02-29T12:34:56Z",
      "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0000-03-01T00:00:00Z", "2026-11-24T13:00:00+03:00",
      "2026-11-24t10:00:00z", "2026-11-24 10:00:00Z", "2026-11-24T10:00:00.250Z", "2026-11-24T10:00Z",
    ])
  func readsBytes(text: String) throws {
    let queue = try DatabaseQueue()
    let expected = try #require(Timestamp(iso8601: text))
    let read = try queue.read { db in
      try Row.fetchCursor(db, sql: "SELECT ?, ?", arguments: [text, nil as String?]).map { row in
        (row[0] as Timestamp, row[1] as Timestamp?)
      }.next()
    }
    #expect(read?.0 == expected)
    #expect(read?.1 == nil)
    #expect(try queue.read { try Timestamp.fetchOne($0, sql: "SELECT ?", arguments: [text]) } == expected)
  }

  @Test(
    "a column that is not a valid time is refused as before",
    arguments: [
      "2026-02-29T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T10:60:00Z", "2026-11-24T10:00:60Z",
      "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-11-00T00:00:00Z", "2026-11-24T10:00:0AZ",
      "2026-11-24T10:00:00", "2026-11-24T10:00:00ZZ", "+026-11-24T10:00:00Z", "2026/11/24T10:00:00Z",
    ])
  func refusesBytes(text: String) throws {
    let queue = try DatabaseQueue()
    #expect(Timestamp(iso8601: text) == nil)
    let bytes = Array(text.utf8)
    #expect(bytes.withUnsafeBufferPointer { Timestamp(storedUTC: $0) } == nil)
    #expect(throws: (any Error).self) { try queue.read { try Timestamp.fetchOne($0, sql: "SELECT ?", arguments: [text]) } }
  }

  @Test("a number column is refused and NULL is nil, as the general conversion does")
  func otherStorage() throws {
    let queue = try DatabaseQueue()
    #expect(throws: (any Error).self) { try queue.read { try Timestamp.fetchOne($0, sql: "SELECT 1795514400") } }
    #expect(try queue.read { try Timestamp.fetchOne($0, sql: "SELECT NULL") } == nil)
  }
}
