import Foundation
import GRDB
import Testing

@testable import DeskCore

/// What a long run (desk cron) keeps instead of reading again: kept only while it cannot be stale.
@Suite("Run memo: SLA policies, calendars, compiled templates, calendar days")
struct DeskMemoTests {
  func deskWithPolicy() throws -> Desk {
    let desk = try makeDesk()
    var changes = SLAPolicyChanges()
    changes.firstResponse = "1h"
    _ = try desk.policies.add("support", changes)
    return desk
  }

  @Test("inside one remembered transaction a change this connection makes to a policy or calendar is seen at once")
  func changesAreSeen() throws {
    let desk = try deskWithPolicy()
    _ = try desk.calendars.add(name: "office", timeZone: "Europe/Moscow", hours: ["mon-fri 10:00-19:00"], holidays: [])
    try desk.database.write { db in
      try desk.memo.remembering(db) {
        let policies = try desk.policies.all(db)
        let first = try #require(policies.first)
        #expect(try desk.policies.all(db).map(\.name) == policies.map(\.name))
        try db.execute(sql: "UPDATE sla_policy SET name = 'renamed' WHERE id = ?", arguments: [first.id])
        #expect(try desk.policies.all(db).first?.name == "renamed")
        let id = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM calendar WHERE name = 'office'"))
        #expect(try desk.calendars.load(db, id: id).holidays == [:])
        // As `sla calendar edit` does: the holiday, and the calendar's row.
        try db.execute(sql: "INSERT INTO calendar_holiday(calendar_id, date, name) VALUES (?, '2026-12-31', 'Eve')", arguments: [id])
        try db.execute(sql: "UPDATE calendar SET updated_at = ? WHERE id = ?", arguments: [testNow, id])
        #expect(try desk.calendars.load(db, id: id).holidays == ["2026-12-31": "Eve"])
      }
    }
  }

  @Test("outside a remembered transaction nothing is kept: the next transaction reads afresh")
  func nothingKeptAfter() throws {
    let desk = try deskWithPolicy()
    let name = try desk.database.read { db in try desk.memo.remembering(db) { try desk.policies.all(db).first?.name } }
    #expect(name != nil)
    try desk.database.write { try $0.execute(sql: "UPDATE sla_policy SET name = 'changed-between' ") }
    let again = try desk.database.read { db in try desk.memo.remembering(db) { try desk.policies.all(db).map(\.name) } }
    #expect(again.contains("changed-between"))
  }

  @Test("a calendar's remembered days give the answers a fresh calendar gives, across a DST change; == ignores them")
  func calendarDays() throws {
    let week = try Calendars.week(["mon-fri 09:00-13:00,14:00-18:00", "sun 02:00-04:00"])
    func fresh() -> BusinessCalendar { BusinessCalendar(name: "kyiv", timeZone: TimeZone(identifier: "Europe/Kyiv")!, week: week, holidays: [:]) }
    let warm = fresh()
    let start = Timestamp(iso8601: "2026-03-20T00:00:00Z")!
    _ = warm.seconds(from: start, to: Timestamp(iso8601: "2026-11-10T00:00:00Z")!)  // every day of the span remembered
    #expect(warm == fresh())
    for hours in stride(from: Int64(0), through: 24 * 240, by: 37) {
      let at = start + DeskDuration(seconds: hours * 3600)
      #expect(warm.add(3 * 3600, to: at) == fresh().add(3 * 3600, to: at))
      #expect(warm.seconds(from: start, to: at) == fresh().seconds(from: start, to: at))
      #expect(warm.isWorking(at: at) == fresh().isWorking(at: at))
    }
  }

  @Test("a template's text is compiled once and renders as a fresh compile does; a bad one fails every time")
  func templates() throws {
    let desk = try makeDesk()
    let a = try desk.memo.template("Hi {{customer.name}}", name: "t", part: "body") {
      try Templates.compile("Hi {{customer.name}}", template: "t", part: "body")
    }
    var compiles = 0
    let b = try desk.memo.template("Hi {{customer.name}}", name: "t", part: "body") {
      compiles += 1
      return try Templates.compile("Hi {{customer.name}}", template: "t", part: "body")
    }
    #expect(compiles == 0)
    #expect(a.render(["customer": ["name": "Anna"]]) == "Hi Anna")
    #expect(b.render(["customer": ["name": "Anna"]]) == "Hi Anna")
    for _ in 0..<2 {
      #expect(throws: DeskError.self) {
        try desk.memo.template("Hi {{#due}}", name: "t", part: "body") { try Templates.compile("Hi {{#due}}", template: "t", part: "body") }
      }
    }
  }
}
