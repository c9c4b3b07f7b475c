import Foundation
import GRDB
import Testing

@testable import DeskCore

@Suite("Timestamp")
struct TimestampTests {
  @Test(
    "UTC ISO-8601 text and epoch seconds agree, before 1970 and on leap days too",
    arguments: [
      ("2026-11-24T10:00:00Z", 1_795_514_400), ("1970-01-01T00:00:00Z", 0), ("1969-12-31T23:59:59Z", -1),
      ("1960-02-29T06:07:08Z", -310_499_572), ("1900-01-01T00:00:00Z", -2_208_988_800),
      ("2024-02-29T12:34:56Z", 1_709_210_096), ("2000-02-29T00:00:00Z", 951_782_400),
      ("1600-02-29T00:00:00Z", -11_670_998_400), ("0001-01-01T00:00:00Z", -62_135_596_800),
      ("9999-12-31T23:59:59Z", 253_402_300_799),
    ] as [(String, Int64)])
  func roundTrip(text: String, seconds: Int64) throws {
    let parsed = try #require(Timestamp(iso8601: text))
    #expect(parsed.seconds == seconds)
    #expect(Timestamp(seconds: seconds).iso8601 == text)
    #expect(Timestamp(iso8601: parsed.iso8601) == parsed)
  }

  @Test(
    "offsets normalise to UTC",
    arguments: [
      ("2026-11-24T13:00:00+03:00", "2026-11-24T10:00:00Z"), ("2026-11-24T07:00:00-0300", "2026-11-24T10:00:00Z"),
      ("1970-01-01T00:30:00+01:00", "1969-12-31T23:30:00Z"), ("2024-03-01T01:00:00+02:00", "2024-02-29T23:00:00Z"),
    ])
  func offsets(text: String, utc: String) {
    #expect(Timestamp(iso8601: text)?.iso8601 == utc)
  }

  @Test(
    "an exact timestamp needs a valid date, a time and a zone",
    arguments: [
      "2026-11-24T10:00:00", "2026-11-24", "now", "", "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
      "2026-11-24T10:00:00 Z",
    ])
  func refusesLocalOrInvalid(text: String) {
    #expect(Timestamp(iso8601: text) == nil)
  }

  @Test("arithmetic with durations and differences")
  func arithmetic() {
    #expect((testNow + DeskDuration.hours(2)).iso8601 == "2026-11-24T12:00:00Z")
    #expect((testNow - DeskDuration.days(24)).iso8601 == "2026-10-31T10:00:00Z")
    #expect((ts("2026-11-25T11:30:00Z") - testNow).seconds == 91_800)
    #expect(ts("1969-12-31T23:59:59Z") < ts("1970-01-01T00:00:00Z"))
  }

  @Test("Date conversion drops fractions of a second toward the past")
  func fromDate() {
    #expect(Timestamp(Date(timeIntervalSince1970: 1.9)).seconds == 1)
    #expect(Timestamp(Date(timeIntervalSince1970: -0.5)).seconds == -1)
    #expect(Timestamp(seconds: 86_400).date == Date(timeIntervalSince1970: 86_400))
  }

  @Test("stored in SQLite as ISO-8601 text and read back")
  func databaseValue() throws {
    let queue = try DatabaseQueue()
    let t = ts("1965-02-28T23:59:59Z")
    let (text, back) = try queue.read { db in
      (try String.fetchOne(db, sql: "SELECT ?", arguments: [t]), try Timestamp.fetchOne(db, sql: "SELECT ?", arguments: [t]))
    }
    #expect(text == "1965-02-28T23:59:59Z")
    #expect(back == t)
  }

  @Test("JSON encodes as ISO-8601 text and refuses other text")
  func codable() throws {
    let data = try JSONEncoder().encode([ts("2024-02-29T12:00:00Z")])
    #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29T12:00:00Z"]"#)
    #expect(try JSONDecoder().decode([Timestamp].self, from: data) == [ts("2024-02-29T12:00:00Z")])
    #expect(throws: DecodingError.self) { try JSONDecoder().decode([Timestamp].self, from: Data(#"["tomorrow"]"#.utf8)) }
  }
}
