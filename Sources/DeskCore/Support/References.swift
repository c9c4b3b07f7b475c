import Foundation
import GRDB

/// What names a template, a calendar, an agent or a skill — a setting, a rule, an auto-reply, a policy — found
/// before it is removed: removing it is refused with the list of users, or (`force`) clears
/// them in the same transaction, so that nothing is left naming what is gone.
struct References {
  let desk: Desk

  /// One user of a thing, and how to make it stop using it.
  struct Use {
    let user: String
    let clear: (Database) throws -> Void
  }

  /// Refuses unless `force`; with it, clears every use. Returns the users cleared.
  static func settle(_ uses: [Use], of thing: String, _ db: Database, force: Bool) throws -> [String] {
    guard !uses.isEmpty else { return [] }
    guard force else {
      throw DeskError.notAllowed(
        "\(thing) is used by " + uses.map(\.user).joined(separator: ", "),
        hint: "change those first, or add --force to clear them too")
    }
    for use in uses { try use.clear(db) }
    return uses.map(\.user)
  }

  func template(_ db: Database, _ name: String) throws -> [Use] {
    var uses: [Use] = []
    let settings = desk.settings
    let steps = try ReminderStep.parse(try settings.value(db, "pending.reminders"))
    if steps.contains(where: { $0.template == name }) {
      uses.append(
        Use(user: "setting pending.reminders") { db in
          try settings.store(db, "pending.reminders", ReminderStep.spec(ReminderStep.removing(name, from: steps)))
        })
    }
    if name == Ratings.requestTemplate, !(try settings.list(db, "rating.request-on-solve")).isEmpty {
      uses.append(Use(user: "setting rating.request-on-solve") { db in try settings.store(db, "rating.request-on-solve", nil) })
    }
    uses += try rules(db) { actions in
      guard actions.template == name else { return false }
      actions.template = nil
      return true
    }
    for row in try Row.fetchAll(
      db, sql: "SELECT channel, period FROM autoreply WHERE template = ? ORDER BY channel = '*', channel, period", arguments: [name])
    {
      let channel: String = row[0]
      let period: String = row[1]
      uses.append(
        Use(user: "autoreply \(channel) \(period)") { db in
          try db.execute(sql: "DELETE FROM autoreply WHERE channel = ? AND period = ?", arguments: [channel, period])
        })
    }
    return uses
  }

  /// The rules whose actions `clear` changes (it returns whether it did); clearing stores the
  /// change, and a rule left with nothing to do is kept, disabled, for its owner to see.
  private func rules(_ db: Database, _ clear: @escaping (inout RuleActions) -> Bool) throws -> [Use] {
    try Row.fetchAll(db, sql: Rule.selectSQL + " ORDER BY position").map(Rule.init(row:)).compactMap { rule -> Use? in
      var actions = rule.actions
      guard clear(&actions) else { return nil }
      return Use(user: "rule \(rule.name)") { db in
        try db.execute(
          sql: "UPDATE rule SET actions = ?, enabled = enabled AND ?, updated_at = ? WHERE id = ?",
          arguments: [try Rules.json(actions), actions != RuleActions(), desk.clock.now, rule.id])
      }
    }
  }

  /// The rules that assign to or notify `login`, or assign to a skill group of which it is the
  /// last active member, when the agent goes (or, with `login` nil, only loses `skills`).
  func agent(_ db: Database, id: Int64, login: String?, skills: [String]) throws -> [Use] {
    var orphaned: Set<String> = []
    for skill in skills {
      let others = try Int.fetchOne(
        db,
        sql: "SELECT count(*) FROM agent_skill s JOIN agent a ON a.id = s.agent_id WHERE s.skill = ? AND a.active = 1 AND a.id != ?",
        arguments: [skill, id])
      if others == 0 { orphaned.insert("skill:" + skill) }
    }
    return try rules(db) { actions in
      var changed = false
      if let assign = actions.assign, assign == login || orphaned.contains(assign) {
        actions.assign = nil
        changed = true
      }
      if let notify = actions.notify, notify == login {
        actions.notify = nil
        changed = true
      }
      return changed
    }
  }

  /// The rules and policies that name the ticket type `type`: a condition, a rule's set-type
  /// (which would fail on every ticket it fires on), a policy's target by type.
  func type(_ db: Database, _ type: String) throws -> [String] {
    let rules = try Row.fetchAll(db, sql: Rule.selectSQL + " ORDER BY position").map(Rule.init(row:))
      .filter { ($0.conditions.types ?? []).contains(type) || $0.actions.type == type }
    let policies = try desk.policies.all(db).filter { policy in
      policy.types.contains(type) || policy.targets.values.contains { $0.entries.contains { $0.key == type } }
    }
    return rules.map { "rule \($0.name)" } + policies.map { "policy \($0.name)" }
  }

  /// The uses of the stored calendar `id`; once cleared, its policies count on 24x7.
  func calendar(_ db: Database, id: Int64) throws -> [Use] {
    var uses: [Use] = []
    let settings = desk.settings
    if try desk.calendars.find(db, try settings.value(db, "support.calendar")) == id {
      uses.append(Use(user: "setting support.calendar") { db in try settings.store(db, "support.calendar", nil) })
    }
    for policy in try String.fetchAll(db, sql: "SELECT name FROM sla_policy WHERE calendar_id = ? ORDER BY position, id", arguments: [id]) {
      uses.append(
        Use(user: "policy \(policy)") { db in
          try db.execute(sql: "UPDATE sla_policy SET calendar_id = NULL WHERE name = ?", arguments: [policy])
        })
    }
    return uses
  }
}

extension Desk {
  var references: References { References(desk: self) }
}
