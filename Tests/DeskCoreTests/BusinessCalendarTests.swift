import Foundation
import Testing

@testable import DeskCore

/// Business-time arithmetic, checked against times worked out by hand on the wall clock.
@Suite("Business calendars")
struct BusinessCalendarTests {
  func calendar(_ zone: String, _ hours: [String], holidays: [String] = []) throws -> BusinessCalendar {
    BusinessCalendar(
      name: "test", timeZone: TimeZone(identifier: zone)!, week: try Calendars.week(hours),
      holidays: Dictionary(uniqueKeysWithValues: try holidays.map(Calendars.holiday)))
  }

  func t(_ s: String) -> Timestamp { Timestamp(iso8601: s)! }

  @Test("Moscow (UTC+3, no DST): Friday 18:30 plus one working hour is Monday 10:30")
  func moscowWeekend() throws {
    let c = try calendar("Europe/Moscow", ["mon-fri 10:00-19:00"])
    #expect(c.add(3600, to: t("2026-11-20T15:30:00Z")) == t("2026-11-23T07:30:00Z"))
    #expect(c.seconds(from: t("2026-11-20T15:30:00Z"), to: t("2026-11-23T07:30:00Z")) == 3600)
    // Starting outside hours counts from the next opening; exactly at closing too.
    #expect(c.add(60, to: t("2026-11-21T12:00:00Z")) == t("2026-11-23T07:01:00Z"))
    #expect(c.add(60, to: t("2026-11-20T16:00:00Z")) == t("2026-11-23T07:01:00Z"))
    // A whole working day is 9 hours: the same time on the next working day.
    #expect(c.workingDaySeconds == 9 * 3600)
    #expect(c.add(9 * 3600, to: t("2026-11-19T09:00:00Z")) == t("2026-11-20T09:00:00Z"))
    #expect(c.isWorking(at: t("2026-11-20T15:59:59Z")))
    #expect(!c.isWorking(at: t("2026-11-20T16:00:00Z")))
  }

  @Test("holidays and several intervals a day; midnight-crossing weeks (Kyiv)")
  func kyivHolidays() throws {
    // Kyiv is UTC+2 in November. Lunch break 13:00-14:00; Sunday 12:00-16:00.
    let c = try calendar("Europe/Kyiv", ["mon-fri 09:00-13:00,14:00-18:00", "sun 12:00-16:00"], holidays: ["2026-12-25=Christmas"])
    // Thursday 24 Dec 17:00 local + 3h: 1h Thu, Friday is a holiday, nothing Saturday, 2h Sunday → Sun 14:00 local.
    #expect(c.add(3 * 3600, to: t("2026-12-24T15:00:00Z")) == t("2026-12-27T12:00:00Z"))
    // Through lunch: 12:30 + 1h = 14:30.
    #expect(c.add(3600, to: t("2026-12-22T10:30:00Z")) == t("2026-12-22T12:30:00Z"))
    #expect(c.seconds(from: t("2026-12-22T07:00:00Z"), to: t("2026-12-22T16:00:00Z")) == 8 * 3600)
    #expect(c.hoursDescription == "mon-fri 09:00-13:00,14:00-18:00; sun 12:00-16:00")
  }

  @Test("São Paulo (UTC-3, no DST since 2019)")
  func saoPaulo() throws {
    let c = try calendar("America/Sao_Paulo", ["mon-fri 08:00-17:00"])
    // Friday 16:00 local (19:00Z) + 2h: 1h Friday, 1h Monday → Monday 09:00 local = 12:00Z.
    #expect(c.add(7200, to: t("2026-11-20T19:00:00Z")) == t("2026-11-23T12:00:00Z"))
    // The day boundary in UTC is not the local one: Friday 20:30 local is Saturday in UTC.
    #expect(c.add(60, to: t("2026-11-21T23:30:00Z")) == t("2026-11-23T11:01:00Z"))
  }

  @Test("a DST week in Berlin: spring forward and fall back change the length of a working day")
  func berlinDST() throws {
    // Sunday 29 March 2026 02:00 CET → 03:00 CEST. A 24-hour Sunday calendar loses an hour.
    let always = try calendar("Europe/Berlin", ["sun 00:00-24:00"])
    #expect(always.seconds(from: t("2026-03-28T00:00:00Z"), to: t("2026-03-30T00:00:00Z")) == 23 * 3600)
    // Sunday 25 October 2026 03:00 CEST → 02:00 CET: that Sunday has 25 hours.
    #expect(always.seconds(from: t("2026-10-24T00:00:00Z"), to: t("2026-10-27T00:00:00Z")) == 25 * 3600)
    // Office hours keep their wall-clock times across the change: 09:00 is 08:00Z before, 07:00Z after.
    let office = try calendar("Europe/Berlin", ["mon-fri 09:00-17:00"])
    // Friday 27 March 16:00 CET (15:00Z) + 2h: 1h Friday, 1h Monday (CEST) → Monday 10:00 CEST = 08:00Z.
    #expect(office.add(7200, to: t("2026-03-27T15:00:00Z")) == t("2026-03-30T08:00:00Z"))
    #expect(office.seconds(from: t("2026-03-23T00:00:00Z"), to: t("2026-03-30T23:59:00Z")) == 6 * 8 * 3600)
    // A night shift across the change: Sunday 01:00-04:00 local is two real hours in spring.
    let night = try calendar("Europe/Berlin", ["sun 01:00-04:00"])
    #expect(night.seconds(from: t("2026-03-28T00:00:00Z"), to: t("2026-03-30T00:00:00Z")) == 2 * 3600)
    #expect(night.seconds(from: t("2026-10-24T00:00:00Z"), to: t("2026-10-27T00:00:00Z")) == 4 * 3600)
  }

  @Test("add and seconds agree: adding what was measured lands where measuring stopped")
  func roundTrip() throws {
    let c = try calendar("Europe/Berlin", ["mon-fri 09:00-13:00,14:00-17:30", "sat 10:00-12:00"], holidays: ["2026-10-26"])
    var start = t("2026-10-20T06:17:00Z")
    for step in stride(from: Int64(600), through: 200_000, by: 7_777) {
      let end = try #require(c.add(step, to: start))
      #expect(c.seconds(from: start, to: end) == step, "from \(start.iso8601) by \(step)")
      start = start + DeskCore.Duration(seconds: 3_541)
    }
  }

  @Test("the built-in 24x7 counts every second; a calendar with no hours is refused")
  func builtIns() throws {
    #expect(BusinessCalendar.always.add(90, to: t("2026-11-24T23:59:00Z")) == t("2026-11-25T00:00:30Z"))
    #expect(BusinessCalendar.always.workingDaySeconds == 86400)
    #expect(throws: DeskError.self) { try Calendars.week([]) }
    #expect(throws: DeskError.self) { try BusinessCalendar.parseHours("mon-fri 10:00-24:30") }
    #expect(throws: DeskError.self) { try BusinessCalendar.parseHours("fri-mon 10:00-12:00") }
    #expect(try BusinessCalendar.parseHours("sat,sun 00:00-24:00").0 == [5, 6])
  }

  @Test("SLA targets by type and priority: keyed entries win, the stricter of two matches counts")
  func targets() throws {
    let c = try calendar("Europe/Moscow", ["mon-fri 10:00-19:00"])
    let target = try SLATarget(parsing: "support=1h,implementation=4h,development=2bd")
    #expect(target.goal(type: "support", priority: .normal, calendar: c) == 3600)
    #expect(target.goal(type: "development", priority: .normal, calendar: c) == Int64(18 * 3600))
    #expect(target.goal(type: "finance", priority: .normal, calendar: c) == nil)
    let classes = try SLATarget(parsing: "urgent=5h,high=1bd,normal=2bd,*=5bd")
    #expect(classes.goal(type: "support", priority: .urgent, calendar: c) == Int64(5 * 3600))
    #expect(classes.goal(type: "support", priority: .low, calendar: c) == Int64(5 * 9 * 3600))
    let both = try SLATarget(parsing: "support=2h,urgent=30m")
    #expect(both.goal(type: "support", priority: .urgent, calendar: c) == 1800)
    #expect(classes.description == "urgent=5h,high=1bd,normal=2bd,5bd")
    #expect(throws: DeskError.self) { try SLATarget(parsing: "soon") }
    #expect(throws: DeskError.self) { try SLATarget(parsing: "support=0m") }
  }
}
