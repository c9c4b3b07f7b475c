import Foundation
import GRDB

/// When a rule is tried.
public enum RuleEvent: String, CaseIterable, Codable, Sendable {
  case created
  case customerMessage = "customer_message"
  case statusChange = "status_change"
}

/// What must hold for a rule to fire; nil or empty matches anything.
public struct RuleConditions: Codable, Sendable, Equatable {
  /// Any of these keywords in the subject or message: whole words, case- and accent-insensitive;
  /// a trailing `*` is a prefix (`import*`).
  public var text: [String]?
  public var channels: [String]?
  public var types: [String]?
  public var priorities: [String]?
  public var customers: [Int64]?
  public var organizations: [String]?
  public var tags: [String]?
  /// `in` or `out` of working hours on the support calendar.
  public var hours: String?
  public init() {}
}

/// What a rule does.
public struct RuleActions: Codable, Sendable, Equatable {
  /// A login, `skill:NAME` (the least-loaded active agent with it) or `account-manager`.
  public var assign: String?
  public var type: String?
  public var priority: String?
  public var tags: [String]?
  /// A template sent to the customer as an automatic public message.
  public var template: String?
  /// `team`, `leads`, or a login.
  public var notify: String?
  public init() {}
}

public struct Rule: Sendable {
  public var id: Int64
  public var name: String
  public var position: Int
  public var enabled: Bool
  public var events: [RuleEvent]
  public var conditions: RuleConditions
  public var actions: RuleActions
  public var stop: Bool

  static let selectSQL = "SELECT id, name, position, enabled, events, conditions, actions, stop FROM rule"

  init(row: Row) throws {
    id = row[0]
    name = row[1]
    position = row[2]
    enabled = row[3]
    events = (row[4] as String).split(separator: ",").compactMap { RuleEvent(rawValue: String($0)) }
    conditions = try JSONDecoder().decode(RuleConditions.self, from: Data((row[5] as String).utf8))
    actions = try JSONDecoder().decode(RuleActions.self, from: Data((row[6] as String).utf8))
    stop = row[7]
  }

  /// `text any of salary|report, channel telegram`.
  public var conditionsDescription: String {
    let c = conditions
    var parts: [String] = []
    if let t = c.text, !t.isEmpty { parts.append("text any of " + t.joined(separator: "|")) }
    for (label, values) in [
      ("channel", c.channels), ("type", c.types), ("priority", c.priorities), ("org", c.organizations), ("tag", c.tags),
    ] {
      if let v = values, !v.isEmpty { parts.append("\(label) " + v.joined(separator: "|")) }
    }
    if let ids = c.customers, !ids.isEmpty { parts.append("customer " + ids.map(String.init).joined(separator: "|")) }
    if let h = c.hours { parts.append("\(h) of hours") }
    return parts.isEmpty ? "always" : parts.joined(separator: ", ")
  }

  public var actionsDescription: String { actions.describe() }
}

extension RuleActions {
  public func describe() -> String {
    var parts: [String] = []
    if let a = assign { parts.append("assign \(a)") }
    if let t = type { parts.append("type \(t)") }
    if let p = priority { parts.append("priority \(p)") }
    if let tags, !tags.isEmpty { parts.append("tag " + tags.joined(separator: ",")) }
    if let t = template { parts.append("send \(t)") }
    if let n = notify { parts.append("notify \(n)") }
    return parts.joined(separator: ", ")
  }
}

/// A ticket as rules see it, real or imagined (`desk rule test`).
public struct RuleSubject: Sendable {
  public var text: String
  public var channel: String
  public var type: String
  public var priority: String
  public var customerID: Int64?
  public var organization: String?
  public var tags: [String]
  public var at: Timestamp
  public init(
    text: String, channel: String, type: String, priority: String, customerID: Int64?, organization: String?,
    tags: [String], at: Timestamp
  ) {
    self.text = text
    self.channel = channel
    self.type = type
    self.priority = priority
    self.customerID = customerID
    self.organization = organization
    self.tags = tags
    self.at = at
  }
}

/// A rule whose conditions hold for a ticket, and what it would do.
public struct RuleMatch: Sendable {
  public var rule: Rule
  /// The words of the text that matched, as written there, and the keyword that matched them.
  public var matchedText: String?
  public var keyword: String?
  /// The agent its `assign` action gives the ticket to; nil when it finds no one.
  public var assignee: String?
  /// The deactivated account manager an `account-manager` assignment found instead.
  public var inactiveManager: String?

  /// A rule that fires stops the run if it has --stop, unless its assignment found no one:
  /// then it routed nothing, and the next rules (or the team) must.
  public var stops: Bool { rule.stop && (rule.actions.assign == nil || assignee != nil) }
}

/// `desk rule`: routing and automation rules, tried in order on ticket events.
public struct Rules {
  let desk: Desk

  public func add(
    _ name: String, events: [RuleEvent], conditions: RuleConditions, actions: RuleActions, stop: Bool,
    position: Int?
  ) throws -> Rule {
    let name = try Calendars.validName(name)
    guard !events.isEmpty else { throw DeskError.usage("a rule needs an event: --on created, customer_message or status_change") }
    guard actions != RuleActions() else {
      throw DeskError.usage(
        "a rule needs an action", hint: "e.g. --assign adelia, --set-type finance, --add-tag vip, --reply-template ack, --notify team")
    }
    return try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "change rules")
      try validate(db, conditions, actions)
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM rule WHERE name = ?", arguments: [name]) == true {
        throw DeskError.invalidInput("a rule '\(name)' already exists")
      }
      let last = (try Int.fetchOne(db, sql: "SELECT max(position) FROM rule") ?? 0) + 1
      let at = min(max(position ?? last, 1), last)
      try db.execute(sql: "UPDATE rule SET position = position + 1 WHERE position >= ?", arguments: [at])
      let now = desk.clock.now
      try db.execute(
        sql:
          "INSERT INTO rule(name, position, enabled, events, conditions, actions, stop, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)",
        arguments: [
          name, at, events.map(\.rawValue).joined(separator: ","), try Rules.json(conditions), try Rules.json(actions), stop, now, now,
        ])
      return try fetch(db, name)
    }
  }

  /// Replaces what is given; conditions and actions are replaced whole when given.
  public func edit(
    _ name: String, events: [RuleEvent]?, conditions: RuleConditions?, actions: RuleActions?, stop: Bool?,
    enabled: Bool?
  ) throws -> Rule {
    try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "change rules")
      let rule = try fetch(db, name)
      try validate(db, conditions ?? rule.conditions, actions ?? rule.actions)
      try db.execute(
        sql: "UPDATE rule SET events = ?, conditions = ?, actions = ?, stop = ?, enabled = ?, updated_at = ? WHERE id = ?",
        arguments: [
          (events ?? rule.events).map(\.rawValue).joined(separator: ","), try Rules.json(conditions ?? rule.conditions),
          try Rules.json(actions ?? rule.actions), stop ?? rule.stop, enabled ?? rule.enabled, desk.clock.now, rule.id,
        ])
      return try fetch(db, name)
    }
  }

  public func remove(_ name: String) throws {
    try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "change rules")
      let rule = try fetch(db, name)
      try db.execute(sql: "DELETE FROM rule WHERE id = ?", arguments: [rule.id])
      try db.execute(sql: "UPDATE rule SET position = position - 1 WHERE position > ?", arguments: [rule.position])
    }
  }

  public func list() throws -> [Rule] {
    try desk.database.read { db in try Row.fetchAll(db, sql: Rule.selectSQL + " ORDER BY position").map(Rule.init(row:)) }
  }

  public func show(_ name: String) throws -> Rule {
    try desk.database.read { try fetch($0, name) }
  }

  func fetch(_ db: Database, _ name: String) throws -> Rule {
    guard let row = try Row.fetchOne(db, sql: Rule.selectSQL + " WHERE name = ?", arguments: [name]) else {
      throw DeskError.notFound("no rule '\(name)'", hint: "desk rule list shows the rules")
    }
    return try Rule(row: row)
  }

  /// The rules that would fire for `subject` on `event`, in order, up to the first that stops.
  public func test(_ subject: RuleSubject, event: RuleEvent) throws -> [RuleMatch] {
    try desk.database.read { db in try matching(db, subject, event: event) }
  }

  func matching(_ db: Database, _ s: RuleSubject, event: RuleEvent) throws -> [RuleMatch] {
    let rules = try Row.fetchAll(db, sql: Rule.selectSQL + " WHERE enabled = 1 ORDER BY position").map(Rule.init(row:))
    var fired: [RuleMatch] = []
    let calendar = try supportCalendar(db)
    let text = KeywordText(s.text)
    for rule in rules where rule.events.contains(event) {
      let c = rule.conditions
      func holds(_ values: [String]?, _ value: String?) -> Bool {
        guard let values, !values.isEmpty else { return true }
        guard let value else { return false }
        return values.contains { FullText.folded($0) == FullText.folded(value) }
      }
      guard holds(c.channels, s.channel), holds(c.types, s.type), holds(c.priorities, s.priority),
        holds(c.organizations, s.organization)
      else { continue }
      var match = RuleMatch(rule: rule)
      if let keywords = c.text, !keywords.isEmpty {
        // A keyword stored before keywords were words is read as one now, like a new one.
        guard
          let (keyword, words) = keywords.lazy.compactMap({ raw in
            (try? Keyword(raw)).flatMap { k in k.match(in: text).map { (k.source, $0) } }
          }).first
        else { continue }
        match.keyword = keyword
        match.matchedText = words
      }
      if let ids = c.customers, !ids.isEmpty, !ids.contains(where: { $0 == s.customerID }) { continue }
      if let tags = c.tags, !tags.isEmpty, !tags.contains(where: s.tags.contains) { continue }
      if let hours = c.hours, (hours == "in") != calendar.isWorking(at: s.at) { continue }
      if let assign = rule.actions.assign {
        (match.assignee, match.inactiveManager) = try assignee(db, assign, customer: s.customerID)
      }
      fired.append(match)
      if match.stops { break }
    }
    return fired
  }

  /// Runs the rules for one event on one ticket, each action recorded as done "by rule NAME".
  func run(_ ctx: Tickets.Context, ticket id: Int64, event: RuleEvent, text: String) throws {
    let db = ctx.db
    let ticket = try Ticket.fetch(db, id: id)
    let organization = try ticket.customerID.flatMap {
      try String.fetchOne(db, sql: "SELECT organization FROM customer WHERE id = ?", arguments: [$0])
    }
    let subject = RuleSubject(
      text: ticket.subject + "\n" + text, channel: ticket.channel, type: ticket.type, priority: ticket.priority.rawValue,
      customerID: ticket.customerID, organization: organization, tags: ticket.tags, at: ctx.now)
    for match in try matching(db, subject, event: event) {
      let ruleCtx = Tickets.Context(
        db: db, actor: "rule:\(match.rule.name)", actorAgent: ctx.actorAgent, now: ctx.now, touched: ctx.touched)
      try apply(match, to: id, ruleCtx)
    }
  }

  private func apply(_ match: RuleMatch, to id: Int64, _ ctx: Tickets.Context) throws {
    let db = ctx.db
    let tickets = desk.tickets
    let rule = match.rule
    let a = rule.actions
    // What the acting person set in the same command stands.
    let kept = ctx.touched.kept[id] ?? []
    if let login = match.assignee, !kept.contains(.assignee) {
      _ = try tickets.assign(ctx, try Ticket.fetch(db, id: id), to: login)
    }
    if let manager = match.inactiveManager, !kept.contains(.assignee) {
      try warnInactiveManager(ctx, rule, manager, ticket: try Ticket.fetch(db, id: id))
    }
    if let type = a.type, !kept.contains(.type) {
      let t = try Ticket.fetch(db, id: id)
      let valid = try tickets.validType(db, type)
      try ctx.set(id, column: "type", field: "type", from: t.type, to: valid, value: valid)
    }
    if let raw = a.priority, let p = TicketPriority(rawValue: raw), !kept.contains(.priority) {
      let t = try Ticket.fetch(db, id: id)
      try ctx.set(id, column: "priority", field: "priority", from: t.priority.rawValue, to: p.rawValue, value: p)
    }
    for tag in a.tags ?? [] {
      try db.execute(sql: "INSERT OR IGNORE INTO ticket_tag(ticket_id, tag) VALUES (?, ?)", arguments: [id, tag])
      if db.changesCount > 0 { try ctx.record(id, "tag", from: nil, to: tag) }
    }
    if let template = a.template {
      try tickets.sendTemplate(ctx, ticket: id, template: template, event: "rule.template")
    }
    if let target = a.notify {
      let t = try Ticket.fetch(db, id: id)
      let text = "Rule \(rule.name): ticket #\(id) \"\(t.subject)\" (\(t.channel), \(t.type), \(t.priority.rawValue))."
      let subject = "Ticket #\(id): \(rule.name)"
      let key = "rule:\(rule.id):\(id):\(db.lastInsertedRowID)"
      switch target {
      case "leads":
        try desk.outbox.notifyLeads(db, event: "rule.notify", ticket: id, subject: subject, body: text, dedupeKey: key, now: ctx.now)
      case "team":
        try desk.outbox.notify(db, login: nil, event: "rule.notify", ticket: id, subject: subject, body: text, dedupeKey: key, now: ctx.now)
      default:
        try desk.outbox.notify(
          db, login: target, event: "rule.notify", ticket: id, subject: subject, body: text, dedupeKey: key, now: ctx.now)
      }
      try ctx.record(id, "notified", from: nil, to: target)
    }
  }

  /// The agent an `assign` action names, or nil when there is none to take it; and the
  /// customer's account manager when that is whom it names and they are deactivated.
  func assignee(_ db: Database, _ spec: String, customer: Int64?) throws -> (String?, inactive: String?) {
    if spec == "account-manager" {
      guard let customer,
        let row = try Row.fetchOne(
          db, sql: "SELECT a.login, a.active FROM customer c JOIN agent a ON a.id = c.account_manager_id WHERE c.id = ?",
          arguments: [customer])
      else { return (nil, nil) }
      let login: String = row["login"]
      let active: Bool = row["active"]
      return active ? (login, nil) : (nil, login)
    }
    if spec.hasPrefix("skill:") {
      // The least-loaded active agent of the group: fewest unsolved tickets, then by login.
      let login = try String.fetchOne(
        db,
        sql: """
          SELECT a.login FROM agent a JOIN agent_skill s ON s.agent_id = a.id AND s.skill = ?
          WHERE a.active = 1
          ORDER BY (SELECT count(*) FROM ticket t WHERE t.assignee_id = a.id AND \(TicketStatus.unsolvedSQL("t.status"))), a.login
          LIMIT 1
          """,
        arguments: [String(spec.dropFirst(6))])
      return (login, nil)
    }
    return (spec, nil)
  }

  /// The leads hear once per ticket that its customer's account manager is gone.
  private func warnInactiveManager(_ ctx: Tickets.Context, _ rule: Rule, _ manager: String, ticket t: Ticket) throws {
    let customer = t.customerID.map(String.init) ?? "?"
    try desk.outbox.notifyLeads(
      ctx.db, event: "rule.inactive-manager", ticket: t.id, subject: "Ticket #\(t.id): account manager \(manager) is deactivated",
      body:
        "Rule \(rule.name) would assign ticket #\(t.id) \"\(t.subject)\" to \(manager), the account manager of customer \(customer), "
        + "who is deactivated; the next rules routed it instead. Give the customer another manager: desk customer edit \(customer) --manager LOGIN.",
      dedupeKey: "rule:inactive-manager:\(t.id)", now: ctx.now)
    let note = "leads (account manager \(manager) is deactivated)"
    let told = try Bool.fetchOne(
      ctx.db, sql: "SELECT 1 FROM history WHERE ticket_id = ? AND field = 'notified' AND new_value = ?", arguments: [t.id, note])
    if told != true { try ctx.record(t.id, "notified", from: nil, to: note) }
  }

  /// Rules that name a customer merged into another name the other.
  func replaceCustomer(_ db: Database, _ old: Int64, with new: Int64) throws {
    for rule in try Row.fetchAll(db, sql: Rule.selectSQL).map(Rule.init(row:)) {
      var conditions = rule.conditions
      guard let ids = conditions.customers, ids.contains(old) else { continue }
      var seen = Set<Int64>()
      conditions.customers = ids.map { $0 == old ? new : $0 }.filter { seen.insert($0).inserted }
      try db.execute(sql: "UPDATE rule SET conditions = ? WHERE id = ?", arguments: [try Rules.json(conditions), rule.id])
    }
  }

  private func validate(_ db: Database, _ c: RuleConditions, _ a: RuleActions) throws {
    // A condition given with nothing in it (or an empty word, found in every text) would hold for every ticket.
    for (values, option, noun) in [
      (c.text, "--if-text", "word"), (c.channels, "--if-channel", "channel"), (c.types, "--if-type", "type"),
      (c.priorities, "--if-priority", "priority"), (c.organizations, "--if-org", "organisation"), (c.tags, "--if-tag", "tag"),
    ] {
      if let values, values.isEmpty || values.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
        throw DeskError.invalidInput("\(option) names nothing", hint: "give at least one \(noun), or leave the condition out")
      }
    }
    for keyword in c.text ?? [] { _ = try Keyword(keyword) }
    for ch in c.channels ?? [] { _ = try desk.tickets.validChannel(db, ch) }
    for t in c.types ?? [] { _ = try desk.tickets.validType(db, t) }
    for p in c.priorities ?? [] where TicketPriority(rawValue: p) == nil { throw DeskError.usage("'\(p)' is not a priority") }
    if let h = c.hours, h != "in", h != "out" { throw DeskError.usage("--if-hours takes in or out") }
    if let assign = a.assign, assign != "account-manager" {
      if assign.hasPrefix("skill:") {
        // A group nobody active is in would leave every ticket it routes unassigned.
        let skill = try Agents.validSkill(String(assign.dropFirst(6)))
        let skills = try String.fetchAll(
          db, sql: "SELECT DISTINCT s.skill FROM agent_skill s JOIN agent a ON a.id = s.agent_id WHERE a.active = 1 ORDER BY s.skill")
        guard skills.contains(skill) else {
          throw DeskError.notFound(
            "no active agent has the skill '\(skill)'",
            hint: skills.isEmpty ? "give agents skills with desk agent edit LOGIN --skill NAME" : "skills: " + skills.joined(separator: ", "))
        }
      } else {
        _ = try desk.agents.assignable(db, assign)
      }
    }
    if let t = a.type { _ = try desk.tickets.validType(db, t) }
    if let p = a.priority, TicketPriority(rawValue: p) == nil { throw DeskError.usage("'\(p)' is not a priority") }
    if let t = a.template { _ = try desk.templates.pick(db, name: t, language: nil) }
    if let n = a.notify, n != "team", n != "leads" { _ = try desk.agents.fetch(db, login: n) }
  }

  /// The calendar that decides what "in hours" means: setting support.calendar.
  func supportCalendar(_ db: Database) throws -> BusinessCalendar {
    let name = try desk.settings.value(db, "support.calendar")
    guard let id = try desk.calendars.find(db, name) else {
      throw DeskError.configuration("support.calendar names the calendar '\(name)', which does not exist", hint: "desk sla calendar list")
    }
    return try desk.calendars.load(db, id: id == -1 ? nil : id)
  }

  static func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
