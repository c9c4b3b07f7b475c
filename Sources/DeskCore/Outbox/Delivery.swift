import Foundation
import GRDB

/// What happened to one message in a delivery run.
public struct DeliveryReport: Sendable {
  public enum Outcome: String, Sendable {
    case sent, retry, failed, interrupted
    case wouldSend = "would-send"
  }
  public var message: OutboxMessage
  public var outcome: Outcome
  public var adapter: String?
  public var error: String?
}

/// Why a message did not go out. A permanent failure (an SMTP server's 5xx) fails the message at
/// once; any other is retried with the outbox's backoff.
struct DeliveryFailure: Error {
  var text: String
  var permanent = false
  /// How long the receiver asked to wait before the next try (Telegram's 429), in seconds.
  var retryAfter: Int? = nil
}

extension Outbox {
  /// Who holds a claim: this host and process, so a dead holder can be recognised.
  static var holder: String { "\(hostName):\(getpid())" }

  /// gethostname(2): no name lookup, unlike ProcessInfo.hostName.
  static var hostName: String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
    return String(cString: buffer)
  }

  /// Delivers every queued message that is due and has an adapter, one at a time. A message is
  /// claimed (state `sending`) in its own transaction before it goes out, and marked sent or
  /// failed after, so a crash can never send it twice: one found `sending` by a later run, whose
  /// holder is gone, is marked failed as interrupted and left for a person to retry.
  public func deliver(dryRun: Bool = false, limit: Int? = nil) throws -> [DeliveryReport] {
    var reports = try recoverInterrupted(dryRun: dryRun)
    if dryRun {
      try desk.database.read { db in
        let rows = try Row.fetchAll(
          db, sql: OutboxMessage.selectSQL + " WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id",
          arguments: [desk.clock.now])
        for m in rows.map(OutboxMessage.init(row:)) {
          if let a = try adapter(db, for: m.channel) {
            reports.append(DeliveryReport(message: m, outcome: .wouldSend, adapter: a.kind.rawValue))
          }
        }
      }
      return reports
    }
    var count = 0
    while limit.map({ count < $0 }) ?? true, let (message, adapter) = try claimNext() {
      count += 1
      let failure = send(message, via: adapter)
      reports.append(try settle(message, adapter: adapter, failure: failure))
    }
    return reports
  }

  private func recoverInterrupted(dryRun: Bool) throws -> [DeliveryReport] {
    let stuck = try desk.database.read { db in
      try Row.fetchAll(
        db,
        sql: OutboxMessage.selectSQL.replacingOccurrences(of: " FROM outbox", with: ", claimed_by FROM outbox")
          + " WHERE state = 'sending'"
      ).map { (OutboxMessage(row: $0), $0["claimed_by"] as String?) }
    }
    var reports: [DeliveryReport] = []
    for (message, claimant) in stuck where !Lease.isAlive(claimant) {
      let why =
        "interrupted while being delivered; it may have gone out, so it is not sent again by itself (desk outbox retry \(message.id))"
      if !dryRun {
        try desk.database.write { db in
          try db.execute(
            sql: "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ? AND state = 'sending'", arguments: [why, message.id])
        }
      }
      reports.append(DeliveryReport(message: message, outcome: .interrupted, adapter: message.adapter, error: why))
    }
    return reports
  }

  private func claimNext() throws -> (OutboxMessage, DeliveryAdapter)? {
    try desk.database.write { db in
      let configured = try String.fetchAll(db, sql: "SELECT channel FROM delivery_adapter")
      guard !configured.isEmpty else { return nil }
      let anyChannel = configured.contains("*")
      let channels = configured.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ", ")
      guard
        let row = try Row.fetchOne(
          db,
          sql: OutboxMessage.selectSQL + " WHERE state = 'queued' AND next_attempt_at <= ?"
            + (anyChannel ? "" : " AND channel IN (\(channels))") + " ORDER BY next_attempt_at, id LIMIT 1",
          arguments: [desk.clock.now])
      else { return nil }
      var message = OutboxMessage(row: row)
      guard let adapter = try adapter(db, for: message.channel) else { return nil }
      try db.execute(
        sql: "UPDATE outbox SET state = 'sending', attempts = attempts + 1, claimed_by = ?, adapter = ? WHERE id = ?",
        arguments: [Outbox.holder, adapter.kind.rawValue, message.id])
      message.state = .sending
      message.attempts += 1
      if adapter.kind.sendsMail { try assignMailID(db, message) }
      return (message, adapter)
    }
  }

  /// Gives a message its Message-ID the first time it is sent (retries keep it), and the ticket
  /// message it carries the same one, so the customer's answer threads back to it.
  private func assignMailID(_ db: Database, _ m: OutboxMessage) throws {
    guard try String.fetchOne(db, sql: "SELECT mail_id FROM outbox WHERE id = ?", arguments: [m.id]) == nil else { return }
    let mailID = try Outbox.newMailID(db, desk.settings)
    try db.execute(sql: "UPDATE outbox SET mail_id = ? WHERE id = ?", arguments: [mailID, m.id])
    if let message = m.messageID {
      try db.execute(sql: "UPDATE message SET mail_id = ? WHERE id = ? AND mail_id IS NULL", arguments: [mailID, message])
    }
  }

  private func settle(_ m: OutboxMessage, adapter: DeliveryAdapter, failure: DeliveryFailure?) throws -> DeliveryReport {
    try desk.database.write { db in
      let now = desk.clock.now
      guard let failure else {
        try db.execute(sql: "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?", arguments: [now, m.id])
        return DeliveryReport(message: try fetch(db, m.id), outcome: .sent, adapter: adapter.kind.rawValue, error: nil)
      }
      let error = failure.text
      let final = failure.permanent || m.attempts >= adapter.maxAttempts
      let backoff = Duration(seconds: failure.retryAfter.map { Int64(max($0, 1)) } ?? min(60 << min(Int64(m.attempts - 1), 10), 3600))
      try db.execute(
        sql: "UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
        arguments: [final ? "failed" : "queued", error, final ? now : now + backoff, m.id])
      return DeliveryReport(message: try fetch(db, m.id), outcome: final ? .failed : .retry, adapter: adapter.kind.rawValue, error: error)
    }
  }

  /// Sends one message; nil when it went out, else why not.
  func send(_ m: OutboxMessage, via adapter: DeliveryAdapter) -> DeliveryFailure? {
    do {
      switch adapter.kind {
      case .exec:
        return runCommand(adapter.target, input: try payload(m), timeout: adapter.timeout).map { DeliveryFailure(text: $0) }
      case .webhook:
        return post(try payload(m), to: adapter.target[0], message: m, timeout: adapter.timeout).map { DeliveryFailure(text: $0) }
      case .sendmail:
        let mail = try mail(m)
        // The envelope sender is a checked address and one argv element, never customer text.
        var argv = adapter.target
        if let envelope = mail.envelope { argv.insert(contentsOf: ["-f", envelope.text], at: 1) }
        return runCommand(argv, input: try mail.composed(), timeout: adapter.timeout).map { DeliveryFailure(text: $0) }
      case .smtp:
        let mail = try mail(m)
        return SMTPSend.send(
          try mail.composed(crlf: true), from: mail.envelope ?? mail.sender.address, to: mail.recipient.address,
          via: SMTPServer(target: adapter.target), timeout: adapter.timeout)
      case .telegram:
        return try desk.telegram.deliver(m, timeout: adapter.timeout)
      }
    } catch {
      return DeliveryFailure(text: (error as? DeskError)?.message ?? "\(error)")
    }
  }

  /// The JSON every exec and webhook adapter receives; `attachments` carries the files of the
  /// message, each with its bytes in base64.
  func payload(_ m: OutboxMessage) throws -> Data {
    var object: [String: Any] = [
      "id": m.id, "event": m.event, "audience": m.audience.rawValue, "channel": m.channel, "subject": m.subject, "body": m.body,
      "automatic": m.automatic, "created_at": m.createdAt.iso8601, "attempt": m.attempts,
    ]
    object["recipient"] = m.recipient ?? NSNull()
    object["recipient_name"] = m.recipientName ?? NSNull()
    object["ticket"] = m.ticketID ?? NSNull()
    object["message"] = m.messageID ?? NSNull()
    object["attachments"] = try desk.database.read { db in
      try m.messageID.map {
        try Row.fetchAll(
          db, sql: "SELECT id, name, content_type, size, sha256, data FROM attachment WHERE message_id = ? ORDER BY id", arguments: [$0]
        ).map { row -> [String: Any] in
          [
            "id": row["id"] as Int64, "name": row["name"] as String, "content_type": row["content_type"] as String,
            "size": row["size"] as Int, "sha256": row["sha256"] as String, "base64": (row["data"] as Data).base64EncodedString(),
          ]
        }
      } ?? []
    }
    return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
  }

  /// POSTs the JSON to a webhook; nil on a 2xx answer.
  func post(_ body: Data, to address: String, message: OutboxMessage, timeout: Int) -> String? {
    WebhookPost.post(
      body, to: address,
      headers: [
        "Content-Type: application/json; charset=utf-8", "X-Desk-Message-Id: \(message.id)",
        "X-Desk-Event: \(message.event)", "User-Agent: desk/\(deskVersion)", "Expect:",
      ],
      timeout: timeout)
  }
}
