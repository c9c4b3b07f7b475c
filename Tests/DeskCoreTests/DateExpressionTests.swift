import Foundation
import Testing

@testable import DeskCore

/// Dates without a zone are local time, so these tests pin the process's TZ to UTC. They run
/// one at a time, and every test that touches TZ lives here and sets the same value.
@Suite("DateExpression", .serialized)
struct DateExpressionTests {
  init() {
    if getenv("TZ").map({ String(cString: $0) }) != "UTC" { setenv("TZ", "UTC", 1) }
    tzset()
  }

  @Test(
    "ISO dates and date-times, with Z, offsets or local time",
    arguments: [
      ("2026-11-24", "2026-11-24T00:00:00Z"),
      ("2026-11-24T10:30", "2026-11-24T10:30:00Z"),
      ("2026-11-24 10:30:15", "2026-11-24T10:30:15Z"),
      ("2026-11-24t10:30:15", "2026-11-24T10:30:15Z"),
      ("2026-11-24T10:30:00Z", "2026-11-24T10:30:00Z"),
      ("2026-11-24T10:30:00z", "2026-11-24T10:30:00Z"),
      ("2026-11-24T10:30:00.123Z", "2026-11-24T10:30:00Z"),
      ("2026-11-24T10:30:00+03:00", "2026-11-24T07:30:00Z"),
      ("2026-11-24T10:30:00-0300", "2026-11-24T13:30:00Z"),
      ("2026-11-24T10:30+03", "2026-11-24T07:30:00Z"),
      ("2026-11-24T01:00:00+05:30", "2026-11-23T19:30:00Z"),
      ("2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00Z"),
      ("2024-02-29", "2024-02-29T00:00:00Z"),
      ("  2026-11-24T10:30:00Z  ", "2026-11-24T10:30:00Z"),
    ])
  func absoluteDates(text: String, expected: String) throws {
    let parsed = try #require(DateExpression.parse(text, now: testNow), "\(text)")
    #expect(parsed.iso8601 == expected)
  }

  @Test(
    "words name now and the starts of local days",
    arguments: [
      ("now", "2026-11-24T10:00:00Z"), ("NOW", "2026-11-24T10:00:00Z"), (" today ", "2026-11-24T00:00:00Z"),
      ("yesterday", "2026-11-23T00:00:00Z"), ("tomorrow", "2026-11-25T00:00:00Z"),
    ])
  func words(text: String, expected: String) throws {
    #expect(DateExpression.parse(text, now: testNow)?.iso8601 == expected)
  }

  @Test("yesterday and tomorrow cross month and year ends")
  func daysAcrossBoundaries() {
    #expect(DateExpression.parse("yesterday", now: ts("2026-12-01T00:30:00Z"))?.iso8601 == "2026-11-30T00:00:00Z")
    #expect(DateExpression.parse("tomorrow", now: ts("2026-12-31T23:59:59Z"))?.iso8601 == "2027-01-01T00:00:00Z")
    #expect(DateExpression.parse("tomorrow", now: ts("2028-02-28T12:00:00Z"))?.iso8601 == "2028-02-29T00:00:00Z")
  }

  @Test(
    "signed durations are relative to now",
    arguments: [
      ("-2d", "2026-11-22T10:00:00Z"), ("+4h", "2026-11-24T14:00:00Z"), ("-1h30m", "2026-11-24T08:30:00Z"),
      ("+1w", "2026-12-01T10:00:00Z"), ("-90s", "2026-11-24T09:58:30Z"), ("-0m", "2026-11-24T10:00:00Z"),
    ])
  func relative(text: String, expected: String) {
    #expect(DateExpression.parse(text, now: testNow)?.iso8601 == expected)
  }

  @Test(
    "invalid dates and garbage are refused",
    arguments: [
      "", "garbage", "2026-02-30", "2026-13-01", "2026-00-10", "2026-11-00", "2026-11-31", "2025-02-29",
      "1900-02-29", "2026-1-5", "26-11-24", "2026/11/24", "2026-11-24T10", "2026-11-24T24:00", "2026-11-24T10:60",
      "2026-11-24T10:30:60", "2026-11-24T10:30:00+24:00", "2026-11-24T10:30:00+03:60", "2026-11-24T10:30:00Zjunk",
      "2026-11-24T10:30:00.Z", "2026-11-24+03:00", "-", "+", "-2", "-2x", "2d", "last week", "today!",
    ])
  func invalid(text: String) {
    #expect(DateExpression.parse(text, now: testNow) == nil)
  }

  @Test("a clock from DESK_NOW accepts local and zoned times and refuses others")
  func clockFromEnvironment() throws {
    #expect(try DeskClock.fromEnvironment(["DESK_NOW": "2026-11-24T10:00:00Z"]).now == testNow)
    #expect(try DeskClock.fromEnvironment(["DESK_NOW": "2026-11-24T13:00:00+03:00"]).now == testNow)
    #expect(try DeskClock.fromEnvironment(["DESK_NOW": "2026-11-24T10:00"]).now == testNow)
    let error = #expect(throws: DeskError.self) { try DeskClock.fromEnvironment(["DESK_NOW": "tomorrow"]) }
    #expect(error?.exitCode == 78)
    #expect(error?.message == "DESK_NOW is not an ISO-8601 time: 'tomorrow'")
  }

  @Test("local short form shows wall-clock minutes")
  func localShort() {
    #expect(ts("2026-11-24T19:07:43Z").localShort == "2026-11-24 19:07")
  }

  // Regressions: each of these was a bug once.

  @Test("an offset with a trailing colon and no minutes is refused")
  func offsetTrailingColon() {
    #expect(DateExpression.parse("2026-11-24T10:30:00+03:", now: testNow) == nil)
  }

  @Test("a relative date is refused rather than leave the four-digit years ISO-8601 text can hold")
  func relativeBeyondYear9999() {
    let far = DateExpression.parse("+999999999w", now: testNow)
    #expect(far == nil || Timestamp(iso8601: far!.iso8601) == far)
  }
}
