import Foundation
import GRDB

/// How messages on one channel leave desk: a command fed JSON, a webhook, sendmail, or an SMTP server.
public struct DeliveryAdapter: Sendable, Equatable {
  public enum Kind: String, CaseIterable, Sendable {
    case exec, webhook, sendmail, smtp, telegram
    /// Whether desk composes an RFC 5322 message for it.
    var sendsMail: Bool { self == .sendmail || self == .smtp }
  }
  /// A channel, `notify` for notifications to agents and the team, or `*` for any.
  public var channel: String
  public var kind: Kind
  /// The command and its arguments (exec, sendmail), the URL (webhook), or the URL and login (smtp: SMTPServer).
  public var target: [String]
  public var timeout: Int
  public var maxAttempts: Int

  static let selectSQL = "SELECT channel, kind, target, timeout_seconds, max_attempts FROM delivery_adapter"

  /// What sendmail runs when no command is given.
  static let defaultSendmail = ["/usr/sbin/sendmail", "-i", "-t"]

  /// An adapter that runs a program of its own (exec, or sendmail with another command), described;
  /// nil for a webhook or the default sendmail. Such a program runs as whoever runs desk cron.
  static func program(_ kind: Kind, _ target: [String]) -> String? {
    switch kind {
    case .exec: return "an exec adapter"
    case .sendmail: return target == defaultSendmail ? nil : "a sendmail adapter with its own command"
    case .webhook, .smtp, .telegram: return nil
    }
  }

  init(row: Row) {
    channel = row[0]
    kind = Kind(rawValue: row[1]) ?? .exec
    let raw: String = row[2]
    target = (try? JSONDecoder().decode([String].self, from: Data(raw.utf8))) ?? [raw]
    timeout = row[3]
    maxAttempts = row[4]
  }
}

extension Outbox {
  /// Configures the adapter of a channel (admins and leads; exec and a sendmail command of one's own, admins only).
  public func setAdapter(
    channel: String, kind: DeliveryAdapter.Kind, target: [String], timeout: Duration?, maxAttempts: Int?, smtp: SMTPOptions = SMTPOptions()
  ) throws -> DeliveryAdapter {
    var target = target
    switch kind {
    case .webhook:
      guard target.count == 1, let url = URL(string: target[0]), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
        url.host != nil
      else { throw DeskError.usage("a webhook needs one http:// or https:// URL") }
    case .exec:
      guard let program = target.first, !program.isEmpty else { throw DeskError.usage("exec needs a command to run") }
      target[0] = try Outbox.runnable(program)
    case .sendmail:
      if target.isEmpty { target = DeliveryAdapter.defaultSendmail }
    case .smtp:
      guard target.count == 1 else { throw DeskError.usage("an smtp adapter needs one smtps:// or smtp:// URL") }
      target = try SMTPServer(url: target[0], options: smtp).checked().target
    case .telegram:
      guard target.isEmpty else { throw DeskError.usage("a telegram adapter takes no target: it sends through the connected bot") }
    }
    if kind != .smtp, smtp != SMTPOptions() {
      throw DeskError.usage("--user, --password-file and --ca-file are for an smtp adapter")
    }
    if let timeout, !(1...600).contains(timeout.seconds) { throw DeskError.usage("--timeout must be between 1s and 10m") }
    if let maxAttempts, !(1...100).contains(maxAttempts) { throw DeskError.usage("--attempts must be between 1 and 100") }
    return try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "configure delivery")
      let name = channel.lowercased()
      if name != "*" && name != "notify" { _ = try desk.tickets.validChannel(db, name) }
      if let program = DeliveryAdapter.program(kind, target) { try requireAdmin(db, to: "set \(program)") }
      if kind == .telegram { _ = try desk.telegram.api(db) }
      if let program = try configured(db, name).flatMap({ DeliveryAdapter.program($0.kind, $0.target) }) {
        try requireAdmin(db, to: "replace \(program)")
      }
      try db.execute(
        sql: """
          INSERT INTO delivery_adapter(channel, kind, target, timeout_seconds, max_attempts, updated_at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT(channel) DO UPDATE SET kind = excluded.kind, target = excluded.target,
            timeout_seconds = excluded.timeout_seconds, max_attempts = excluded.max_attempts, updated_at = excluded.updated_at
          """,
        arguments: [
          name, kind.rawValue, String(decoding: try JSONEncoder().encode(target), as: UTF8.self),
          timeout?.seconds ?? 10, maxAttempts ?? 5, desk.clock.now,
        ])
      return try adapter(db, for: name)!
    }
  }

  /// A command an exec adapter runs must be there when it is set: an executable file (a relative
  /// path is made absolute, as cron runs elsewhere), or a command found on PATH (cron's PATH may
  /// be shorter: a full path is safest). Returns the command as it is to be stored.
  static func runnable(_ program: String) throws -> String {
    let hint = "give the full path of an executable file"
    if program.contains("/") {
      let path = URL(fileURLWithPath: program).standardizedFileURL.path
      guard Executable.isRunnable(path) else { throw DeskError.notFound("'\(program)' is not an executable file", hint: hint) }
      return path
    }
    guard Executable.isOnPath(program, path: ProcessInfo.processInfo.environment["PATH"] ?? "") else {
      throw DeskError.notFound("no command '\(program)' on PATH", hint: hint)
    }
    return program
  }

  /// Removes the adapter of a channel (admins and leads; one that runs a program, admins only).
  public func removeAdapter(channel: String) throws -> Bool {
    try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "configure delivery")
      if let program = try configured(db, channel.lowercased()).flatMap({ DeliveryAdapter.program($0.kind, $0.target) }) {
        try requireAdmin(db, to: "remove \(program)")
      }
      try db.execute(sql: "DELETE FROM delivery_adapter WHERE channel = ?", arguments: [channel.lowercased()])
      return db.changesCount > 0
    }
  }

  /// A program an adapter runs runs as whoever runs desk cron: only admins set, replace or remove one.
  private func requireAdmin(_ db: Database, to action: String) throws {
    _ = try desk.actor(
      db, requiring: [.admin], to: action,
      hint: "exec and sendmail commands run as the user of desk cron; an admin sets them, leads may set webhooks and the default sendmail")
  }

  /// The adapter set for exactly this channel (not the catch-all's stand-in).
  private func configured(_ db: Database, _ channel: String) throws -> DeliveryAdapter? {
    try Row.fetchOne(db, sql: DeliveryAdapter.selectSQL + " WHERE channel = ?", arguments: [channel]).map(DeliveryAdapter.init(row:))
  }

  public func adapters() throws -> [DeliveryAdapter] {
    try desk.database.read { db in
      try Row.fetchAll(db, sql: DeliveryAdapter.selectSQL + " ORDER BY channel").map(DeliveryAdapter.init(row:))
    }
  }

  /// The adapter for a channel, else the catch-all `*`, else nil (messages stay queued).
  func adapter(_ db: Database, for channel: String) throws -> DeliveryAdapter? {
    let rows = try Row.fetchAll(db, sql: DeliveryAdapter.selectSQL + " WHERE channel IN (?, '*')", arguments: [channel])
      .map(DeliveryAdapter.init(row:))
    return rows.first { $0.channel == channel } ?? rows.first
  }
}
