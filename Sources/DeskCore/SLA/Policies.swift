import Foundation
import GRDB

/// What an SLA measures.
public enum SLATargetKind: String, CaseIterable, Sendable {
  case firstResponse = "first_response"
  case nextResponse = "next_response"
  case resolution
}

/// One target of a policy: a time for every ticket (`4h`), or per type and priority
/// (`support=1h,implementation=4h` or `urgent=5h,high=1bd,normal=2bd`). Durations count
/// working time on the policy's calendar; `bd` is a working day of that calendar.
public struct SLATarget: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    public var key: String?  // nil: every ticket
    public var amount: Int64
    public var businessDays: Bool
  }
  public var entries: [Entry]

  public init(parsing spec: String) throws {
    entries = try spec.split(separator: ",").map { raw in
      let item = raw.trimmingCharacters(in: .whitespaces)
      let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      let (key, value) = parts.count == 2 ? (parts[0] == "*" ? nil : parts[0], parts[1]) : (nil, parts.first ?? "")
      if let key, !Names.isWord(key) { throw DeskError.usage("'\(key)' is not a type or priority") }
      if value.hasSuffix("bd"), let n = Int64(value.dropLast(2)), n > 0, n < 1000 {
        return Entry(key: key, amount: n, businessDays: true)
      }
      guard let d = Duration(parsing: value), d.seconds > 0 else {
        throw DeskError.usage(
          "'\(item)' is not an SLA target",
          hint: "write a duration (15m, 4h, 2bd for two working days) or KEY=DURATION,… by type or priority")
      }
      return Entry(key: key, amount: d.seconds, businessDays: false)
    }
    guard !entries.isEmpty else { throw DeskError.usage("an SLA target is empty") }
    var seen = Set<String>()
    if let twice = entries.map({ $0.key ?? "*" }).first(where: { !seen.insert($0).inserted }) {
      throw DeskError.invalidInput("'\(twice)' has two targets in '\(spec)'")
    }
  }

  /// Business seconds for a ticket of this type and priority; keyed entries win over the
  /// catch-all, and when both a type and a priority entry match, the stricter one counts.
  public func goal(type: String, priority: TicketPriority, calendar: BusinessCalendar) -> Int64? {
    func seconds(_ e: Entry) -> Int64 { e.businessDays ? e.amount * calendar.workingDaySeconds : e.amount }
    let keyed = entries.filter { $0.key == type || $0.key == priority.rawValue }
    if !keyed.isEmpty { return keyed.map(seconds).min() }
    return entries.first(where: { $0.key == nil }).map(seconds)
  }

  public var description: String {
    entries.map { e in
      let value = e.businessDays ? "\(e.amount)bd" : Duration(seconds: e.amount).compact
      return e.key.map { "\($0)=\(value)" } ?? value
    }.joined(separator: ",")
  }
}

/// An SLA policy: targets on a calendar, and the conditions that pick it for a ticket.
public struct SLAPolicy: Sendable {
  public var id: Int64
  public var name: String
  public var position: Int
  public var isDefault: Bool
  public var calendarID: Int64?
  public var calendarName: String
  public var targets: [SLATargetKind: SLATarget]
  public var warnBefore: Duration
  public var pauseOn: [TicketStatus]
  public var types: [String]
  public var priorities: [String]
  public var channels: [String]
  public var organizations: [String]
  public var tags: [String]

  static let selectSQL = """
    SELECT p.id, p.name, p.position, p.is_default, p.calendar_id, ifnull(c.name, '24x7'), p.first_response, p.next_response,
           p.resolution, p.warn_before, p.pause_on, p.if_types, p.if_priorities, p.if_channels, p.if_organizations, p.if_tags
    FROM sla_policy p LEFT JOIN calendar c ON c.id = p.calendar_id
    """

  init(row: Row) throws {
    func list(_ i: Int) -> [String] { (row[i] as String).split(separator: ",").map(String.init) }
    id = row[0]
    name = row[1]
    position = row[2]
    isDefault = row[3]
    calendarID = row[4]
    calendarName = row[5]
    targets = [:]
    for (i, kind) in [(6, SLATargetKind.firstResponse), (7, .nextResponse), (8, .resolution)] {
      if let spec = row[i] as String? { targets[kind] = try SLATarget(parsing: spec) }
    }
    warnBefore = Duration(seconds: row[9])
    pauseOn = list(10).compactMap(TicketStatus.init(rawValue:))
    types = list(11)
    priorities = list(12)
    channels = list(13)
    organizations = list(14)
    tags = list(15)
  }

  /// Whether this policy's conditions hold for a ticket (a default policy has none that count).
  func matches(_ t: Ticket, organization: String?) -> Bool {
    (types.isEmpty || types.contains(t.type)) && (priorities.isEmpty || priorities.contains(t.priority.rawValue))
      && (channels.isEmpty || channels.contains(t.channel))
      && (organizations.isEmpty || organizations.contains { $0.lowercased() == organization?.lowercased() })
      && (tags.isEmpty || tags.contains(where: t.tags.contains))
  }

  public var conditionsDescription: String {
    var parts: [String] = []
    if !types.isEmpty { parts.append("type " + types.joined(separator: "|")) }
    if !priorities.isEmpty { parts.append("priority " + priorities.joined(separator: "|")) }
    if !channels.isEmpty { parts.append("channel " + channels.joined(separator: "|")) }
    if !organizations.isEmpty { parts.append("org " + organizations.joined(separator: "|")) }
    if !tags.isEmpty { parts.append("tag " + tags.joined(separator: "|")) }
    return isDefault ? "default" : parts.isEmpty ? "any ticket" : parts.joined(separator: ", ")
  }
}

/// What `sla policy add/edit` sets; nil leaves a field alone. An empty target spec removes it.
public struct SLAPolicyChanges: Sendable {
  public var calendar: String?
  public var firstResponse: String?
  public var nextResponse: String?
  public var resolution: String?
  public var warnBefore: String?
  public var pauseOn: [String]?
  public var types: [String]?
  public var priorities: [String]?
  public var channels: [String]?
  public var organizations: [String]?
  public var tags: [String]?
  public var isDefault: Bool?
  public var position: Int?
  public init() {}
}

/// `desk sla policy`: SLA policies, for admins and leads.
public struct Policies {
  let desk: Desk

  /// Adds a policy; `dryRun` says which open tickets would change target and keeps nothing.
  public func add(_ name: String, _ changes: SLAPolicyChanges, dryRun: Bool = false) throws -> (SLAPolicy, SLARetargeting) {
    let name = try Calendars.validName(name)
    return try desk.database.write(dryRun: dryRun) { db in
      let actor = try desk.actor(db, requiring: [.admin, .lead], to: "change SLA policies")
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM sla_policy WHERE name = ?", arguments: [name]) == true {
        throw DeskError.invalidInput("an SLA policy '\(name)' already exists", hint: "change it with desk sla policy edit \(name)")
      }
      var id: Int64 = 0
      let retargeting = try desk.slaTimers.retarget(db, actor: actor.login, did: "added the SLA policy \(name)") {
        let position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM sla_policy") ?? 0) + 1
        let now = desk.clock.now
        try db.execute(
          sql: "INSERT INTO sla_policy(name, position, created_at, updated_at) VALUES (?, ?, ?, ?)",
          arguments: [name, position, now, now])
        id = db.lastInsertedRowID
        try apply(db, id: id, changes)
        guard !(try fetch(db, id: id)).targets.isEmpty else {
          throw DeskError.usage("an SLA policy needs a target", hint: "give --first-response, --next-response or --resolution")
        }
      }
      return (try fetch(db, id: id), retargeting)
    }
  }

  /// Changes a policy (its targets, conditions, calendar or position); open tickets follow at once.
  public func edit(_ name: String, _ changes: SLAPolicyChanges, dryRun: Bool = false) throws -> (SLAPolicy, SLARetargeting) {
    try desk.database.write(dryRun: dryRun) { db in
      let actor = try desk.actor(db, requiring: [.admin, .lead], to: "change SLA policies")
      let id = try existing(db, name)
      let policyName = try fetch(db, id: id).name
      let retargeting = try desk.slaTimers.retarget(db, actor: actor.login, did: "changed the SLA policy \(policyName)") {
        try apply(db, id: id, changes)
        try db.execute(sql: "UPDATE sla_policy SET updated_at = ? WHERE id = ?", arguments: [desk.clock.now, id])
        guard !(try fetch(db, id: id)).targets.isEmpty else { throw DeskError.usage("an SLA policy needs at least one target") }
      }
      return (try fetch(db, id: id), retargeting)
    }
  }

  /// Removes a policy; its tickets' running timers take their targets from the other policies,
  /// keeping their start, and their measured history stays.
  public func remove(_ name: String, dryRun: Bool = false) throws -> SLARetargeting {
    try desk.database.write(dryRun: dryRun) { db in
      let actor = try desk.actor(db, requiring: [.admin, .lead], to: "change SLA policies")
      let id = try existing(db, name)
      let policyName = try fetch(db, id: id).name
      return try desk.slaTimers.retarget(db, actor: actor.login, did: "removed the SLA policy \(policyName)") {
        try db.execute(sql: "UPDATE ticket SET sla_policy_id = NULL, sla_pinned = 0 WHERE sla_policy_id = ?", arguments: [id])
        try db.execute(sql: "UPDATE sla_timer SET policy_id = NULL WHERE policy_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM sla_policy WHERE id = ?", arguments: [id])
      }
    }
  }

  public func show(_ name: String) throws -> SLAPolicy {
    try desk.database.read { db in try fetch(db, id: try existing(db, name)) }
  }

  /// In order of precedence; the default last.
  public func list() throws -> [SLAPolicy] {
    try desk.database.read { try all($0) }
  }

  func all(_ db: Database) throws -> [SLAPolicy] {
    try desk.memo.policies {
      try Row.fetchAll(db.cachedStatement(sql: SLAPolicy.selectSQL + " ORDER BY p.is_default, p.position, p.id")).map(SLAPolicy.init(row:))
    }
  }

  func fetch(_ db: Database, id: Int64) throws -> SLAPolicy {
    guard let row = try Row.fetchOne(db, sql: SLAPolicy.selectSQL + " WHERE p.id = ?", arguments: [id]) else {
      throw DeskError.notFound("no SLA policy \(id)")
    }
    return try SLAPolicy(row: row)
  }

  func existing(_ db: Database, _ name: String) throws -> Int64 {
    guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM sla_policy WHERE name = ?", arguments: [name]) else {
      throw DeskError.notFound("no SLA policy '\(name)'", hint: "desk sla policy list shows the policies")
    }
    return id
  }

  /// The policies a ticket may take targets from, in order: the one pinned by hand, those
  /// whose conditions hold by position, the default last.
  func candidates(_ db: Database, for ticket: Ticket) throws -> [SLAPolicy] {
    let organization = try ticket.customerID.flatMap {
      try String.fetchOne(db.cachedStatement(sql: "SELECT organization FROM customer WHERE id = ?"), arguments: [$0])
    }
    let policies = try all(db)
    let pinned = ticket.slaPinned ? policies.first { $0.id == ticket.slaPolicyID } : nil
    let matching = policies.filter { !$0.isDefault && $0.id != pinned?.id && $0.matches(ticket, organization: organization) }
    return (pinned.map { [$0] } ?? []) + matching + policies.filter { $0.isDefault && $0.id != pinned?.id }
  }

  /// A target whose keys are each a ticket type (ticket.types) or a priority.
  private func validTarget(_ db: Database, _ spec: String) throws -> SLATarget {
    let target = try SLATarget(parsing: spec)
    let types = try desk.settings.list(db, "ticket.types")
    let priorities = TicketPriority.allCases.map(\.rawValue)
    if let bad = target.entries.compactMap(\.key).first(where: { !types.contains($0) && !priorities.contains($0) }) {
      throw DeskError.invalidInput(
        "'\(bad)' is neither a ticket type nor a priority",
        hint: "types: \(types.joined(separator: ", ")); priorities: \(priorities.joined(separator: ", "))")
    }
    return target
  }

  private func apply(_ db: Database, id: Int64, _ c: SLAPolicyChanges) throws {
    func set(_ column: String, _ value: (any DatabaseValueConvertible)?) throws {
      try db.execute(sql: "UPDATE sla_policy SET \(column) = ? WHERE id = ?", arguments: [value, id])
    }
    if let calendar = c.calendar {
      let calendarID = try desk.calendars.find(db, calendar)
      guard let calendarID else { throw DeskError.notFound("no calendar '\(calendar)'", hint: "desk sla calendar list") }
      try set("calendar_id", calendarID == -1 ? nil : calendarID)
    }
    for (column, spec) in [("first_response", c.firstResponse), ("next_response", c.nextResponse), ("resolution", c.resolution)] {
      guard let spec else { continue }
      try set(column, spec.isEmpty || spec == "none" ? nil : try validTarget(db, spec).description)
    }
    if let warn = c.warnBefore {
      guard let d = Duration(parsing: warn) else { throw DeskError.usage("--warn: '\(warn)' is not a duration", hint: "e.g. 15m") }
      // The warning horizon bounds what cron reads each minute; a day before is the longest that helps.
      guard (0...86_400).contains(d.seconds) else {
        throw DeskError.invalidInput("--warn: '\(warn)' must be from 0m to 1d before the deadline")
      }
      try set("warn_before", d.seconds)
    }
    if let pause = c.pauseOn {
      let statuses = pause.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        .filter { $0 != "none" && !$0.isEmpty }
      for s in statuses where !["pending", "on-hold"].contains(s) {
        throw DeskError.usage("--pause-on: '\(s)' is not pending or on-hold")
      }
      try set("pause_on", statuses.joined(separator: ","))
    }
    for (column, values) in [
      ("if_types", c.types), ("if_priorities", c.priorities), ("if_channels", c.channels),
      ("if_organizations", c.organizations), ("if_tags", c.tags),
    ] {
      guard let values else { continue }
      let items = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      if column == "if_priorities", let bad = items.first(where: { TicketPriority(rawValue: $0.lowercased()) == nil }) {
        throw DeskError.usage("'\(bad)' is not a priority (low, normal, high, urgent)")
      }
      let normalised =
        column == "if_tags"
        ? try items.map(Tags.normalise)
        : column == "if_organizations" ? items : items.map { $0.lowercased() }
      try set(column, normalised.joined(separator: ","))
    }
    if let isDefault = c.isDefault {
      if isDefault { try db.execute(sql: "UPDATE sla_policy SET is_default = 0") }
      try set("is_default", isDefault)
    }
    if let position = c.position {
      try db.execute(sql: "UPDATE sla_policy SET position = position + 1 WHERE position >= ? AND id != ?", arguments: [position, id])
      try set("position", position)
    }
  }
}
