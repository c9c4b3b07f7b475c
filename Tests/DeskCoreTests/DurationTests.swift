import Testing

@testable import DeskCore

@Suite("Duration")
struct DurationTests {
  @Test(
    "reads single units and sums of units",
    arguments: [
      ("15m", 900), ("4h", 14_400), ("2d", 172_800), ("1w", 604_800), ("1h30m", 5_400), ("90s", 90),
      ("1d12h", 129_600), ("1w2d3h4m5s", 788_645), ("0m", 0), (" 4H ", 14_400), ("999999999s", 999_999_999),
    ] as [(String, Int64)])
  func parsesValidDurations(text: String, seconds: Int64) throws {
    let duration = try #require(DeskDuration(parsing: text))
    #expect(duration.seconds == seconds)
  }

  @Test(
    "rejects text that is not a duration",
    arguments: [
      "", " ", "h", "5", "5x", "-5m", "+5m", "1.5h", "1 h", "m5", "1h30", "15 minutes",
      "1000000000s",  // a number of a billion or more
      "99999999999999999999m",  // beyond Int64
      "9223372036854775807s",
    ])
  func rejectsInvalidDurations(text: String) {
    #expect(DeskDuration(parsing: text) == nil)
  }

  @Test(
    "compact is the shortest exact form",
    arguments: [
      (0, "0m"), (45, "45s"), (90, "1m30s"), (900, "15m"), (5_400, "1h30m"), (172_800, "2d"), (604_800, "7d"),
      (93_784, "1d2h3m4s"), (-5_400, "-1h30m"),
    ] as [(Int64, String)])
  func compactForm(seconds: Int64, text: String) {
    #expect(DeskDuration(seconds: seconds).compact == text)
  }

  @Test("compact output parses back to the same duration", arguments: [1, 59, 61, 3_601, 90_061, 1_209_600] as [Int64])
  func compactRoundTrips(seconds: Int64) {
    let text = DeskDuration(seconds: seconds).compact
    #expect(DeskDuration(parsing: text)?.seconds == seconds)
  }

  @Test(
    "humane rounds to the two largest units",
    arguments: [
      (0, "0s"), (45, "45s"), (60, "1m"), (1_500, "25m"), (3_599, "59m"), (3_600, "1h"), (3_660, "1h 1m"),
      (5_400, "1h 30m"), (10_800, "3h"), (10_830, "3h"), (86_400, "1d"), (172_830, "2d"), (187_200, "2d 4h"),
      (-10_800, "3h"),
    ] as [(Int64, String)])
  func humaneForm(seconds: Int64, text: String) {
    #expect(DeskDuration(seconds: seconds).humane == text)
  }

  @Test("unit constructors and ordering")
  func constructorsAndOrdering() {
    #expect(DeskDuration.minutes(15).seconds == 900)
    #expect(DeskDuration.hours(4).seconds == 14_400)
    #expect(DeskDuration.days(2).seconds == 172_800)
    #expect(DeskDuration.minutes(59) < DeskDuration.hours(1))
    #expect(!(DeskDuration.hours(1) < DeskDuration.minutes(60)))
  }

  @Test("a sum too large for 64 bits is refused, not a crash")
  func overflowingSum() async {
    await #expect(processExitsWith: .success) {
      _ = DeskCore.Duration(parsing: String(repeating: "999999999w", count: 16_000))
    }
  }
}
