import Foundation
import GRDB

/// A stored business calendar, as commands show it.
public struct CalendarRecord: Sendable {
  public var id: Int64?
  public var calendar: BusinessCalendar
  public var builtIn: Bool { id == nil }
}

/// `desk sla calendar`: business calendars. Changes are for admins and leads.
public struct Calendars {
  let desk: Desk

  /// Adds a calendar. No policy uses it yet, so no ticket changes target.
  public func add(name: String, timeZone: String, hours: [String], holidays: [String], dryRun: Bool = false) throws -> CalendarRecord {
    let name = try Calendars.validName(name)
    let zone = try Calendars.zone(timeZone)
    let week = try Calendars.week(hours)
    let days = try holidays.map(Calendars.holiday)
    return try desk.database.write(dryRun: dryRun) { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "change business calendars")
      if try find(db, name) != nil { throw DeskError.invalidInput("a calendar '\(name)' already exists") }
      let now = desk.clock.now
      try db.execute(
        sql: "INSERT INTO calendar(name, time_zone, hours, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        arguments: [name, zone.identifier, try Calendars.encode(week), now, now])
      let id = db.lastInsertedRowID
      for (date, label) in days {
        try db.execute(
          sql: "INSERT OR REPLACE INTO calendar_holiday(calendar_id, date, name) VALUES (?, ?, ?)", arguments: [id, date, label])
      }
      return try record(db, id: id)
    }
  }

  /// `hours` replaces the whole week when given.
  public func edit(
    _ name: String, rename: String? = nil, timeZone: String? = nil, hours: [String]? = nil,
    addHolidays: [String] = [], removeHolidays: [String] = [], dryRun: Bool = false
  ) throws -> (CalendarRecord, SLARetargeting) {
    let zone = try timeZone.map(Calendars.zone)
    let week = try hours.map(Calendars.week)
    let add = try addHolidays.map(Calendars.holiday)
    let newName = try rename.map(Calendars.validName)
    let remove = try removeHolidays.map { try Calendars.holiday($0).0 }
    return try desk.database.write(dryRun: dryRun) { db in
      let actor = try desk.actor(db, requiring: [.admin, .lead], to: "change business calendars")
      let id = try existing(db, name)
      let calendarName = try record(db, id: id).calendar.name
      let retargeting = try desk.slaTimers.retarget(db, actor: actor.login, did: "changed the calendar \(calendarName)") {
        if let zone { try db.execute(sql: "UPDATE calendar SET time_zone = ? WHERE id = ?", arguments: [zone.identifier, id]) }
        if let week { try db.execute(sql: "UPDATE calendar SET hours = ? WHERE id = ?", arguments: [try Calendars.encode(week), id]) }
        if let newName {
          if let other = try find(db, newName), other != id { throw DeskError.invalidInput("a calendar '\(newName)' already exists") }
          try db.execute(sql: "UPDATE calendar SET name = ? WHERE id = ?", arguments: [newName, id])
          // support.calendar names the calendar: it follows the rename rather than dangle.
          if try desk.settings.value(db, "support.calendar") == name { try desk.settings.store(db, "support.calendar", newName) }
        }
        for (date, label) in add {
          try db.execute(
            sql: "INSERT OR REPLACE INTO calendar_holiday(calendar_id, date, name) VALUES (?, ?, ?)", arguments: [id, date, label])
        }
        for date in remove {
          try db.execute(sql: "DELETE FROM calendar_holiday WHERE calendar_id = ? AND date = ?", arguments: [id, date])
        }
        try db.execute(sql: "UPDATE calendar SET updated_at = ? WHERE id = ?", arguments: [desk.clock.now, id])
      }
      return (try record(db, id: id), retargeting)
    }
  }

  /// Removes a calendar. One that a setting or policy uses is kept unless `force`, which moves
  /// them to 24x7 (re-targeting open tickets) in the same transaction. Returns the users cleared.
  /// With `force`, the policies moved to 24x7 re-target their open tickets: counted, recorded and
  /// told to the leads as any other re-targeting.
  public func remove(_ name: String, force: Bool = false, dryRun: Bool = false) throws -> ([String], SLARetargeting) {
    try desk.database.write(dryRun: dryRun) { db in
      let actor = try desk.actor(db, requiring: [.admin, .lead], to: "change business calendars")
      let id = try existing(db, name)
      var cleared: [String] = []
      let retargeting = try desk.slaTimers.retarget(db, actor: actor.login, did: "removed the calendar \(name)") {
        cleared = try References.settle(try desk.references.calendar(db, id: id), of: "calendar '\(name)'", db, force: force)
        try db.execute(sql: "DELETE FROM calendar WHERE id = ?", arguments: [id])
      }
      return (cleared, retargeting)
    }
  }

  public func show(_ name: String) throws -> CalendarRecord {
    try desk.database.read { db in
      if name.lowercased() == "24x7" { return CalendarRecord(id: nil, calendar: .always) }
      return try record(db, id: try existing(db, name))
    }
  }

  /// The built-in 24x7 first, then the stored calendars by name.
  public func list() throws -> [CalendarRecord] {
    try desk.database.read { db in
      let stored = try Int64.fetchAll(db, sql: "SELECT id FROM calendar ORDER BY name").map { try record(db, id: $0) }
      return [CalendarRecord(id: nil, calendar: .always)] + stored
    }
  }

  /// The calendar of a policy; nil means the built-in 24x7.
  func load(_ db: Database, id: Int64?) throws -> BusinessCalendar {
    guard let id else { return .always }
    return try desk.memo.calendar(id) { try record(db, id: id).calendar }
  }

  /// Every calendar's name, the built-in 24x7 first.
  func names(_ db: Database) throws -> [String] {
    ["24x7"] + (try String.fetchAll(db, sql: "SELECT name FROM calendar ORDER BY name"))
  }

  func find(_ db: Database, _ name: String) throws -> Int64? {
    if name.lowercased() == "24x7" { return -1 }
    return try Int64.fetchOne(db, sql: "SELECT id FROM calendar WHERE name = ?", arguments: [name])
  }

  /// A stored calendar's id; the built-in one cannot be changed.
  func existing(_ db: Database, _ name: String) throws -> Int64 {
    if name.lowercased() == "24x7" { throw DeskError.notAllowed("the built-in calendar 24x7 cannot be changed") }
    guard let id = try find(db, name) else {
      throw DeskError.notFound("no calendar '\(name)'", hint: "desk sla calendar list shows the calendars")
    }
    return id
  }

  func record(_ db: Database, id: Int64) throws -> CalendarRecord {
    guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, time_zone, hours FROM calendar WHERE id = ?"), arguments: [id]) else {
      throw DeskError.notFound("no calendar \(id)")
    }
    let holidays = Dictionary(
      uniqueKeysWithValues: try Row.fetchAll(
        db, sql: "SELECT date, name FROM calendar_holiday WHERE calendar_id = ? ORDER BY date", arguments: [id]
      ).map { ($0[0] as String, $0[1] as String) })
    let week = try JSONDecoder().decode([[BusinessCalendar.WorkingInterval]].self, from: Data((row[2] as String).utf8))
    let zone = TimeZone(identifier: row[1]) ?? TimeZone(identifier: "UTC")!
    return CalendarRecord(id: id, calendar: BusinessCalendar(name: row[0], timeZone: zone, week: week, holidays: holidays))
  }

  static func validName(_ name: String) throws -> String {
    let n = name.trimmingCharacters(in: .whitespaces)
    guard Names.isWord(n.lowercased()), n.lowercased() != "24x7" else {
      throw DeskError.invalidInput("'\(name)' is not a valid calendar name: use 1–40 letters, digits, '-', '_' or '.' (24x7 is built in)")
    }
    return n
  }

  static func zone(_ identifier: String) throws -> TimeZone {
    guard let zone = TimeZone(identifier: identifier), identifier.contains("/") || identifier == "UTC" else {
      throw DeskError.usage("unknown time zone '\(identifier)'", hint: "use an IANA name such as Europe/Moscow or America/Sao_Paulo")
    }
    return zone
  }

  static func week(_ specs: [String]) throws -> [[BusinessCalendar.WorkingInterval]] {
    var week = Array(repeating: [BusinessCalendar.WorkingInterval](), count: 7)
    for spec in specs {
      let (days, intervals) = try BusinessCalendar.parseHours(spec)
      for d in days { week[d] += intervals }
    }
    week = week.map(BusinessCalendar.normalise)
    guard week.contains(where: { !$0.isEmpty }) else {
      throw DeskError.usage("a calendar needs working hours", hint: "e.g. --hours 'mon-fri 10:00-19:00'")
    }
    return week
  }

  /// `2026-12-31` or `2026-12-31=New Year's Eve`.
  static func holiday(_ spec: String) throws -> (String, String) {
    let parts = spec.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    guard let date = parts.first, BusinessCalendar.dayNumber(date) != nil else {
      throw DeskError.usage("'\(spec)' is not a holiday", hint: "write YYYY-MM-DD or YYYY-MM-DD=Name")
    }
    return (date, parts.count > 1 ? parts[1] : "")
  }

  static func encode(_ week: [[BusinessCalendar.WorkingInterval]]) throws -> String {
    String(decoding: try JSONEncoder().encode(week), as: UTF8.self)
  }
}
