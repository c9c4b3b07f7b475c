import Foundation
import GRDB

/// `desk autoreply`: the acknowledgement a customer gets right after their message opens a
/// ticket, chosen by channel and by the time on the support calendar.
public struct Autoreplies {
  let desk: Desk

  /// When a message arrived, as the acknowledgement sees it.
  public enum Period: String, CaseIterable, Sendable {
    case any, hours
    case afterHours = "after-hours"
    /// After hours, with no working day tomorrow: Friday evening.
    case beforeWeekend = "before-weekend"
    case weekend, holiday

    /// What to try when no template is set for this period.
    var fallbacks: [Period] {
      switch self {
      case .any: return [.any]
      case .hours: return [.hours, .any]
      case .afterHours: return [.afterHours, .any]
      case .beforeWeekend: return [.beforeWeekend, .afterHours, .any]
      case .weekend: return [.weekend, .afterHours, .any]
      case .holiday: return [.holiday, .weekend, .afterHours, .any]
      }
    }
  }

  public struct Entry: Sendable {
    public var channel: String
    public var period: Period
    public var template: String
  }

  public static func period(at t: Timestamp, on calendar: BusinessCalendar) -> Period {
    let day = calendar.localDay(t)
    let (y, m, d) = CivilTime.civilFromDays(day)
    if calendar.holidays[String(format: "%04d-%02d-%02d", y, m, d)] != nil { return .holiday }
    let today = calendar.intervals(day)
    if today.isEmpty { return .weekend }
    if calendar.isWorking(at: t) { return .hours }
    let beforeOpening = today.contains { $0.0 > t }
    return !beforeOpening && calendar.intervals(day + 1).isEmpty ? .beforeWeekend : .afterHours
  }

  public func set(channel: String, period: Period, template: String) throws -> Entry {
    try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "change auto-replies")
      let channel = channel == "*" ? "*" : try desk.tickets.validChannel(db, channel)
      _ = try desk.templates.pick(db, name: template, language: nil)
      try db.execute(
        sql: "INSERT OR REPLACE INTO autoreply(channel, period, template) VALUES (?, ?, ?)",
        arguments: [channel, period.rawValue, template.lowercased()])
      return Entry(channel: channel, period: period, template: template.lowercased())
    }
  }

  public func remove(channel: String, period: Period) throws -> Bool {
    try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "change auto-replies")
      try db.execute(sql: "DELETE FROM autoreply WHERE channel = ? AND period = ?", arguments: [channel, period.rawValue])
      return db.changesCount > 0
    }
  }

  public func list() throws -> [Entry] {
    try desk.database.read { db in
      try Row.fetchAll(db, sql: "SELECT channel, period, template FROM autoreply ORDER BY channel = '*', channel, period").map {
        Entry(channel: $0[0], period: Period(rawValue: $0[1]) ?? .any, template: $0[2])
      }
    }
  }

  /// Sends the acknowledgement for a ticket a customer's message opened, unless the customer
  /// had too many lately (autoreply.max in autoreply.window, autoreply.max-same-subject for one subject).
  func acknowledge(_ ctx: Tickets.Context, ticket id: Int64) throws {
    let db = ctx.db
    let ticket = try Ticket.fetch(db, id: id)
    guard let customer = ticket.customerID else { return }
    let settings = desk.settings
    let calendar = try desk.rules.supportCalendar(db)
    let period = Autoreplies.period(at: ctx.now, on: calendar)
    var template: String? = nil
    for p in period.fallbacks where template == nil {
      template = try String.fetchOne(
        db, sql: "SELECT template FROM autoreply WHERE channel IN (?, '*') AND period = ? ORDER BY channel = '*' LIMIT 1",
        arguments: [ticket.channel, p.rawValue])
    }
    guard let template else { return }
    guard let window = Duration(parsing: try settings.value(db, "autoreply.window")) else { return }
    let since = ctx.now - window
    let recent =
      try Int.fetchOne(
        db, sql: "SELECT count(*) FROM outbox WHERE customer_id = ? AND event = 'autoreply' AND created_at >= ?",
        arguments: [customer, since]) ?? 0
    let sameSubject =
      try Int.fetchOne(
        db,
        sql:
          "SELECT count(*) FROM outbox o JOIN ticket t ON t.id = o.ticket_id WHERE o.customer_id = ? AND o.event = 'autoreply' AND o.created_at >= ? AND t.subject = ?",
        arguments: [customer, since, ticket.subject]) ?? 0
    let maxRecent = try settings.integer(db, "autoreply.max")
    let maxSame = try settings.integer(db, "autoreply.max-same-subject")
    if recent >= maxRecent || sameSubject >= maxSame {
      try ctx.record(id, "autoreply", from: nil, to: "skipped: customer \(customer) had \(recent) in \(window.compact)")
      return
    }
    let ack = Tickets.Context(db: db, actor: "rule:autoreply", actorAgent: ctx.actorAgent, now: ctx.now, touched: ctx.touched)
    try desk.tickets.sendTemplate(ack, ticket: id, template: template, event: "autoreply")
  }
}
