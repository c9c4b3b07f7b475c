import Foundation
import GRDB

/// Desk-wide settings (`desk config`): a closed list of keys, each validated when set.
public struct Settings {
  let desk: Desk

  public struct Key: Sendable {
    public let name: String
    public let defaultValue: String
    public let help: String
    /// The one check of a value, at set time: its form, and that what it names exists.
    let validate: Check
  }

  /// Throws the one-line error for `value` of setting `key`; `settings` and `db` see what it names.
  typealias Check = @Sendable (_ settings: Settings, _ db: Database, _ key: String, _ value: String) throws -> Void

  public static let keys: [Key] = [
    Key(
      name: "ticket.types", defaultValue: "support,implementation,development,finance",
      help: "the ticket types (topics) agents may pick, comma-separated", validate: form(validateList)),
    Key(
      name: "ticket.default-type", defaultValue: "support",
      help: "the type of a ticket created without --type", validate: form(validateWord)),
    Key(
      name: "ticket.channels", defaultValue: "email,telegram,phone,chat,widget,web,api",
      help: "the channels a ticket or message may come from, comma-separated", validate: form(validateList)),
    Key(
      name: "message.max-bytes", defaultValue: "1048576",
      help: "the largest message body accepted, in bytes", validate: form(validateSize)),
    Key(
      name: "attachment.max-bytes", defaultValue: "26214400",
      help: "the largest attachment accepted, in bytes", validate: form(validateSize)),
    Key(
      name: "sla.agents-may-change", defaultValue: "true",
      help: "whether agents (not only leads and admins) may set a ticket's SLA by hand", validate: form(validateBool)),
    Key(
      name: "mail.from", defaultValue: "desk@localhost",
      help: "the From address of mail desk sends: desk@example.com or Desk Support <desk@example.com>",
      validate: form { v in problem { _ = try Mailbox(parsing: v, "the address", localDomain: true) } }),
    Key(
      name: "mail.max-bytes", defaultValue: "26214400",
      help: "the largest raw mail desk mail ingest takes, in bytes; a larger one is refused (65) into mail.dead-letter",
      validate: form(validateSize)),
    Key(
      name: "mail.dead-letter", defaultValue: "",
      help: "the Maildir where desk mail ingest keeps mail it refuses (empty: dead-letter beside the database)",
      validate: form { $0.isEmpty || $0.hasPrefix("/") ? nil : "'\($0)' must be an absolute path" }),
    Key(
      name: "mail.reply-to", defaultValue: "",
      help: "the Reply-To of mail desk sends, when answers should go elsewhere than mail.from (empty: none)",
      validate: form { v in v.isEmpty ? nil : problem { _ = try Mailbox(parsing: v, "the address") } }),
    Key(
      name: "mail.envelope-from", defaultValue: "",
      help: "the envelope sender of mail desk sends (sendmail -f, SMTP MAIL FROM): where bounces go (empty: the mail server's default)",
      validate: form { v in v.isEmpty ? nil : problem { _ = try EmailAddress(v, "the address", localDomain: true) } }),
    Key(
      name: "mail.addresses", defaultValue: "",
      help: "desk's other addresses (support@, help@…), comma-separated: mail from any of them, or from mail.from, is a loop",
      validate: form { v in
        v.isEmpty ? nil : problem { for a in v.split(separator: ",") { _ = try EmailAddress(a.trimmingCharacters(in: .whitespaces), "the address", localDomain: true) } }
      }),
    Key(
      name: "mail.verp", defaultValue: "false",
      help: "true: the envelope sender names the outbox message, LOCAL+ID@DOMAIN of mail.envelope-from (else mail.from)",
      validate: form(validateBool)),
    Key(
      name: "links.ticket", defaultValue: "",
      help: "the address of a ticket for customers, {id} standing for its number ({{links.ticket}} in templates)",
      validate: { _, _, _, _ in }),
    Key(
      name: "support.calendar", defaultValue: "24x7",
      help: "the calendar of working hours for auto-replies and rules (--if-hours)", validate: validateCalendar),
    Key(
      name: "autoreply.window", defaultValue: "180m",
      help: "the window in which auto-replies to one customer are counted", validate: form(validateDuration)),
    Key(
      name: "autoreply.max", defaultValue: "10",
      help: "at most this many auto-replies to one customer in the window", validate: form(validateCount)),
    Key(
      name: "autoreply.max-same-subject", defaultValue: "2",
      help: "at most this many auto-replies to one customer for one subject in the window", validate: form(validateCount)),
    Key(
      name: "pending.reminders", defaultValue: "2d=pending-reminder-1,3d=pending-reminder-2,72h=close:pending-closed",
      help:
        "what happens while a ticket waits on the customer: each step DURATION=TEMPLATE after the one before; close (or close:TEMPLATE) closes it",
      validate: validateReminders),
    Key(
      name: "solved.close-after", defaultValue: "4d",
      help: "solved tickets close after this long (0m: never)", validate: form(validateDuration)),
    Key(
      name: "unanswered.after", defaultValue: "15m",
      help: "notify the assignee (or the team) when a customer's message waits this long for an answer (0m: never)",
      validate: form(validateDuration)),
    Key(
      name: "rating.alert-at", defaultValue: "normal",
      help: "ratings at or below this (bad, normal, great) are sent to the leads at once",
      validate: form { ["bad", "normal", "great"].contains($0) ? nil : "'\($0)' must be bad, normal or great" }),
    Key(
      name: "rating.request-on-solve", defaultValue: "",
      help: "channels whose tickets ask for a rating when solved, comma-separated (phone asks by email)",
      validate: validateChannels),
    Key(
      name: "kb.url", defaultValue: "",
      help: "the public address of the knowledge-base site (desk kb export --html); ticket reply --kb links to {kb.url}/LANGUAGE/SLUG.html",
      validate: form { $0.isEmpty || $0.hasPrefix("https://") || $0.hasPrefix("http://") ? nil : "'\($0)' is not an http(s) address" }),
    Key(
      name: "telegram.start-text",
      defaultValue: "Hello! Please send your cabinet ID: you will find it in your personal cabinet, at the top of the page.",
      help: "what the Telegram bot asks a customer at /start: the cabinet (account) ID, and where to find it",
      validate: form { v in
        v.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "the text is empty" : problem { _ = try TextRules.body(v, maxBytes: 4096) }
      }),
    Key(
      name: "notify.email", defaultValue: "",
      help: "the team's email address, for notifications sent with sendmail", validate: validateEmail),
  ]

  public static func key(_ name: String) throws -> Key {
    guard let key = keys.first(where: { $0.name == name }) else {
      throw DeskError.usage(
        "unknown setting '\(name)'", hint: "settings: " + keys.map(\.name).joined(separator: ", "))
    }
    return key
  }

  func value(_ db: Database, _ name: String) throws -> String {
    let key = try Settings.key(name)
    return try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE key = ?"), arguments: [name]) ?? key.defaultValue
  }

  func list(_ db: Database, _ name: String) throws -> [String] {
    try value(db, name).split(separator: ",").map(String.init)
  }

  func integer(_ db: Database, _ name: String) throws -> Int {
    try Int(value(db, name)) ?? Int(Settings.key(name).defaultValue)!
  }

  /// Every setting with its value and whether it was set or is the default.
  public func all() throws -> [(key: Key, value: String, isDefault: Bool)] {
    try desk.database.read { db in
      let stored = Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM setting").map {
          ($0["key"] as String, $0["value"] as String)
        })
      return Settings.keys.map { ($0, stored[$0.name] ?? $0.defaultValue, stored[$0.name] == nil) }
    }
  }

  public func get(_ name: String) throws -> String {
    try desk.database.read { try value($0, name) }
  }

  /// Sets a key (admins and leads only); `nil` returns it to its default.
  public func set(_ name: String, to newValue: String?) throws {
    let key = try Settings.key(name)
    let normalised = newValue.map { Settings.normalise($0, for: key) }
    try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "change settings")
      try key.validate(self, db, name, normalised ?? key.defaultValue)
      let typesBefore = try list(db, "ticket.types")
      try store(db, name, normalised)
      if name == "ticket.types" {
        let types = try list(db, "ticket.types")
        for dropped in typesBefore where !types.contains(dropped) {
          let users = try desk.references.type(db, dropped)
          guard users.isEmpty else {
            throw DeskError.notAllowed(
              "the type '\(dropped)' is used by " + users.joined(separator: ", "), hint: "change those first, then the types")
          }
        }
      }
      if name == "ticket.types" || name == "ticket.default-type" {
        let types = try list(db, "ticket.types")
        let fallback = try value(db, "ticket.default-type")
        guard types.contains(fallback) else {
          throw DeskError.invalidInput(
            "the default type '\(fallback)' is not among the types (\(types.joined(separator: ", ")))",
            hint: "set ticket.default-type to one of them first")
        }
      }
    }
  }

  /// Writes a value as it is (checked by the caller); nil returns the key to its default.
  func store(_ db: Database, _ name: String, _ value: String?) throws {
    if let value {
      try db.execute(
        sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        arguments: [name, value])
    } else {
      try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [name])
    }
  }

  static func normalise(_ value: String, for key: Key) -> String {
    // One spelling of the sender, `"Name" <address>`, whatever quoting it was given with.
    if ["mail.from", "mail.reply-to"].contains(key.name), let box = try? Mailbox(parsing: value, "the address", localDomain: true) {
      return box.description
    }
    guard key.name.hasPrefix("ticket.") || key.name == "mail.addresses" else { return value.trimmingCharacters(in: .whitespaces) }
    guard key.name.hasSuffix("s") else { return value.trimmingCharacters(in: .whitespaces).lowercased() }
    var seen = Set<String>()
    return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      .filter { !$0.isEmpty && seen.insert($0).inserted }.joined(separator: ",")
  }

  private static func validateWord(_ v: String) -> String? {
    Names.isWord(v) ? nil : "'\(v)' must be 1–40 letters, digits, '-' or '_'"
  }

  private static func validateList(_ v: String) -> String? {
    let items = v.split(separator: ",").map(String.init)
    if items.isEmpty { return "give at least one value" }
    return items.lazy.compactMap(validateWord).first
  }

  private static func validateDuration(_ v: String) -> String? {
    Duration(parsing: v) == nil ? "'\(v)' is not a duration (e.g. 15m, 4h, 2d)" : nil
  }

  private static func validateCount(_ v: String) -> String? {
    guard let n = Int(v), (0...10_000).contains(n) else { return "'\(v)' must be a whole number from 0 to 10000" }
    return nil
  }

  /// What a check threw, as the text `form` reports; nil when it passed.
  private static func problem(_ check: () throws -> Void) -> String? {
    do {
      try check()
      return nil
    } catch { return (error as? DeskError)?.message ?? "\(error)" }
  }

  /// A check of the value's form alone: `check` returns the problem, or nil when it is valid.
  private static func form(_ check: @escaping @Sendable (String) -> String?) -> Check {
    { _, _, key, value in
      if let problem = check(value) { throw DeskError.invalidInput("\(key): \(problem)") }
    }
  }

  private static let validateCalendar: Check = { settings, db, key, value in
    guard try settings.desk.calendars.find(db, value) == nil else { return }
    throw DeskError.notFound(
      "no calendar '\(value)' for \(key)", hint: "calendars: " + (try settings.desk.calendars.names(db)).joined(separator: ", "))
  }

  private static let validateReminders: Check = { settings, db, key, value in
    let steps: [ReminderStep]
    do { steps = try ReminderStep.parse(value) } catch let error as DeskError { throw error.prefixed("\(key): ") }
    let templates = try settings.desk.templates.names(db)
    if let missing = steps.compactMap(\.template).first(where: { !templates.contains($0) }) {
      throw DeskError.notFound("no template '\(missing)' for \(key)", hint: "templates: " + templates.joined(separator: ", "))
    }
  }

  private static let validateChannels: Check = { settings, db, key, value in
    for channel in value.split(separator: ",") {
      do { _ = try settings.desk.tickets.validChannel(db, String(channel)) } catch let error as DeskError {
        throw DeskError.invalidInput("\(key): \(error.message)", hint: error.hint)
      }
    }
  }

  private static let validateEmail: Check = { _, _, key, value in
    guard !value.isEmpty else { return }
    do { _ = try EmailAddress(value, "the address") } catch let error as DeskError { throw error.prefixed("\(key): ") }
  }

  private static func validateBool(_ v: String) -> String? {
    ["true", "false"].contains(v) ? nil : "'\(v)' must be true or false"
  }

  func bool(_ db: Database, _ name: String) throws -> Bool { try value(db, name) == "true" }

  private static func validateSize(_ v: String) -> String? {
    guard let n = Int(v), n > 0, n <= 1 << 30 else { return "'\(v)' must be a whole number of bytes from 1 to 1073741824" }
    return nil
  }
}

/// Rules for the short names desk keeps (types, channels, skills, field keys).
enum Names {
  static func isWord(_ s: String) -> Bool {
    !s.isEmpty && s.count <= 40
      && s.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == "." }
  }
}
