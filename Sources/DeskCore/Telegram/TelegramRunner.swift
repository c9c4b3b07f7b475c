import Foundation
import GRDB

extension Telegram {
  /// Takes one update (`desk telegram update`, a webhook's body): its files fetched first, then the
  /// update taken in and the offset advanced in one transaction; the bot's answers go out after.
  public func take(_ json: Data) throws -> TelegramOutcome {
    let update = try TelegramUpdate.decode(json)
    let api = try desk.database.read { try self.api($0) }
    return try take(update, json: json, api: api)
  }

  /// Long-polls getUpdates and takes each update, until `stop` says so (SIGTERM) or, with `once`,
  /// after one answer. One runner per desk: a lease, like cron's. `report` hears every outcome and
  /// every failure that is waited out (the network, Telegram's 5xx and 429).
  public func run(
    pollTimeout: Int, once: Bool, stop: @escaping () -> Bool, report: (Result<TelegramOutcome, DeskError>) -> Void
  ) throws {
    let lease = Lease(desk: desk, name: "telegram")
    let ttl = Duration(seconds: Int64(pollTimeout) + 120)
    if let holder = try lease.acquire(ttl: ttl) {
      throw DeskError.temporary("another desk telegram run holds the bot (\(holder))")
    }
    defer { try? lease.release() }
    var wait = 1
    while !stop() {
      _ = try lease.acquire(ttl: ttl)
      let (api, offset) = try desk.database.read { db in (try self.api(db), try bot(db)?.nextUpdate ?? 0) }
      let answer = api.call(
        "getUpdates",
        ["offset": offset, "timeout": pollTimeout, "allowed_updates": ["message", "edited_message", "callback_query"]],
        timeout: pollTimeout + 15)
      do {
        let updates = try Telegram.answer(answer, "getUpdates") as? [Any] ?? []
        for raw in updates {
          guard !stop() else { break }
          let json = try JSONSerialization.data(withJSONObject: raw)
          do {
            report(.success(try take(TelegramUpdate.decode(json), json: json, api: api)))
          } catch let error as DeskError where error.isBadInput {
            // An update desk cannot read is passed over by its id, or the bot would ask for it forever.
            guard let id = ((raw as? [String: Any])?["update_id"] as? Int).map(Int64.init) else { throw error }
            report(.success(try passOver(id, error)))
          }
        }
        wait = 1
      } catch let error as DeskError where error.isTemporary {
        if once { throw error }
        report(.failure(error))
        // Waited out in steps, so SIGTERM is heard within a second.
        for _ in 0..<wait where !stop() { sleep(1) }
        wait = min(wait * 2, 60)
      }
      if once { break }
    }
  }

  func take(_ update: TelegramUpdate, json: Data, api: BotAPI) throws -> TelegramOutcome {
    let dialogue = TelegramDialogue(desk: desk, api: api)
    let files: TelegramDialogue.Files
    do {
      files = try dialogue.files(for: update)
    } catch let error as DeskError where error.isBadInput {
      return try passOver(update.updateId, error)
    }
    let (outcome, replies) = try taking(update) { db in try dialogue.take(db, update, json: json, files: files) }
    for reply in replies { _ = api.call(reply.method, reply.parameters) }
    return outcome
  }

  /// Runs `body` and advances the offset past the update in one transaction; an update refused as
  /// bad input is passed over (the offset advanced alone), so one bad update never stops the bot.
  private func taking(
    _ update: TelegramUpdate, _ body: (Database) throws -> (TelegramOutcome, [BotReply])
  ) throws -> (TelegramOutcome, [BotReply]) {
    do {
      return try desk.database.write { db in
        guard try advance(db, past: update.updateId) else { return (TelegramOutcome(updateID: update.updateId, kind: .duplicate), []) }
        return try body(db)
      }
    } catch let error as DeskError where error.isBadInput {
      return (try passOver(update.updateId, error), [])
    }
  }

  /// Advances the stored offset past update `id` alone: the update is refused.
  private func passOver(_ id: Int64, _ error: DeskError) throws -> TelegramOutcome {
    let advanced = try desk.database.write { try advance($0, past: id) }
    return TelegramOutcome(updateID: id, kind: advanced ? .refused : .duplicate, note: advanced ? error.message : nil)
  }

  /// Moves the next update to take past `id`; false when it is past it already (taken before).
  private func advance(_ db: Database, past id: Int64) throws -> Bool {
    let next = try Int64.fetchOne(db, sql: "SELECT next_update FROM telegram_bot") ?? 0
    guard id >= next else { return false }
    try db.execute(sql: "UPDATE telegram_bot SET next_update = ?", arguments: [id + 1])
    return true
  }
}

/// A call the bot makes after the update is taken in: an answer, a menu, a callback's acknowledgement.
struct BotReply {
  var method = "sendMessage"
  var parameters: [String: Any]
}

extension DeskError {
  /// Bad input in an update (an empty message, an account ID too long): refused, not retried.
  var isBadInput: Bool {
    switch self {
    case .invalidInput, .usage: return true
    default: return false
    }
  }

  /// A failure that may pass (the network, busy, Telegram's 429 and 5xx): waited out and tried again.
  var isTemporary: Bool {
    switch self {
    case .temporary, .unavailable: return true
    default: return false
    }
  }
}
