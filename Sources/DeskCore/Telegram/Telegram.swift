import Foundation
import GRDB

/// What taking one Telegram update did.
public struct TelegramOutcome: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// A request opened, or a message appended to one, or an edit recorded on one.
    case created, appended, edited
    /// The dialogue moved on: a cabinet linked, a menu shown, a topic asked for or chosen.
    case linked, replied
    /// Nothing to take in (a group chat, a bot, an update kind desk does not read), or refused as bad input.
    case ignored, refused
    /// Taken in before (webhook mode: Telegram sent it again).
    case duplicate
  }
  public var updateID: Int64
  public var kind: Kind
  public var ticket: Int64?
  public var note: String?
}

/// `desk telegram`: the bot gateway. Customers talk to the team's bot; each update is taken in the
/// same transaction that advances the stored offset, so none is lost or taken twice.
public struct Telegram {
  let desk: Desk

  /// The connected bot, as `desk telegram status` shows it (never the token).
  public struct Bot: Sendable {
    public var id: Int64
    public var username: String
    public var apiURL: String
    public var nextUpdate: Int64
    public var connectedAt: Timestamp
    public var connectedBy: String
  }

  /// Checks the token in `tokenFile` with getMe, stores it, and sets the bot's command list (admins only).
  public func connect(tokenFile: String, apiURL: String?) throws -> Bot {
    let token = try SecretFile.firstLine(tokenFile, "token file").trimmingCharacters(in: .whitespaces)
    guard BotAPI.isToken(token) else {
      throw DeskError.invalidInput(
        "the token file '\(tokenFile)' does not hold a bot token", hint: "BotFather gives one like 123456789:AA…")
    }
    let base = try apiURL.map(Telegram.validBase) ?? BotAPI.defaultBase
    try desk.database.read { db in _ = try desk.actor(db, requiring: [.admin], to: "connect a Telegram bot") }
    let api = BotAPI(base: base, token: token)
    let me = try Telegram.answer(api.call("getMe"), "getMe")
    guard let fields = me as? [String: Any], let id = fields["id"] as? Int64 ?? (fields["id"] as? Int).map(Int64.init),
      let username = fields["username"] as? String
    else { throw DeskError.unavailable("Telegram's getMe answer names no bot") }
    _ = try Telegram.answer(
      api.call("setMyCommands", ["commands": [["command": "start", "description": "Start, or enter your cabinet ID"]]]), "setMyCommands")
    _ = try Telegram.answer(api.call("setChatMenuButton", ["menu_button": ["type": "commands"]]), "setChatMenuButton")
    return try desk.database.write { db in
      let actor = try desk.actor(db, requiring: [.admin], to: "connect a Telegram bot")
      // A new bot starts from its own first update; the same bot again keeps its place.
      try db.execute(
        sql: """
          INSERT INTO telegram_bot(id, token, api_url, bot_id, username, next_update, connected_at, connected_by)
          VALUES (1, ?, ?, ?, ?, 0, ?, ?)
          ON CONFLICT(id) DO UPDATE SET token = excluded.token, api_url = excluded.api_url, username = excluded.username,
            connected_at = excluded.connected_at, connected_by = excluded.connected_by,
            next_update = CASE WHEN bot_id = excluded.bot_id THEN next_update ELSE 0 END, bot_id = excluded.bot_id
          """,
        arguments: [token, base, id, username, desk.clock.now, actor.login])
      return try bot(db)!
    }
  }

  public func status() throws -> Bot? { try desk.database.read { try bot($0) } }

  func bot(_ db: Database) throws -> Bot? {
    try Row.fetchOne(db, sql: "SELECT bot_id, username, api_url, next_update, connected_at, connected_by FROM telegram_bot").map {
      Bot(
        id: $0["bot_id"], username: $0["username"], apiURL: $0["api_url"], nextUpdate: $0["next_update"],
        connectedAt: $0["connected_at"], connectedBy: $0["connected_by"])
    }
  }

  /// The API of the connected bot, or the configuration error (78) that says how to connect one.
  func api(_ db: Database) throws -> BotAPI {
    guard let row = try Row.fetchOne(db, sql: "SELECT token, api_url FROM telegram_bot") else {
      throw DeskError.configuration("no Telegram bot is connected", hint: "desk telegram connect --token-file FILE")
    }
    return BotAPI(base: row["api_url"], token: row["token"])
  }

  /// `https://…`, or `http://` on this machine only (a local Bot API server): the token travels in
  /// the address, never in clear over a network. Without a trailing slash.
  static func validBase(_ raw: String) throws -> String {
    let base = raw.hasSuffix("/") ? String(raw.dropLast()) : raw
    guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(),
      url.query == nil, url.user == nil,
      scheme == "https" || (scheme == "http" && ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host))
    else {
      throw DeskError.usage("--api-url must be an https:// address without a query (http:// only for 127.0.0.1 or localhost)")
    }
    return base
  }

  /// A call's result, or its failure as desk's error: 401/404 a bad token (78), 409 another runner
  /// or a webhook (78), 429 and transport failures temporary (75), the rest unavailable (69).
  static func answer(_ result: Result<Any, BotAPI.Failure>, _ method: String) throws -> Any {
    switch result {
    case .success(let value): return value
    case .failure(.api(let code, let description, let retryAfter)):
      switch code {
      case 401, 404:
        throw DeskError.configuration("Telegram refused the bot token (\(code): \(description))", hint: "check it with BotFather")
      case 409:
        throw DeskError.configuration(
          "Telegram: another runner or a webhook is using this bot (\(description))",
          hint: "stop the other desk telegram run, or remove the webhook")
      case 429: throw DeskError.temporary("Telegram asks to wait \(retryAfter ?? 1)s before \(method)")
      default: throw DeskError.unavailable("Telegram answered \(method) with \(code): \(description)")
      }
    case .failure(.transport(let why)): throw DeskError.temporary("Telegram could not be reached for \(method): \(why)")
    case .failure(.tooLarge(let limit)): throw DeskError.unavailable("Telegram's answer to \(method) is larger than \(limit) bytes")
    }
  }
}

extension Telegram {
  /// Sends an outbox message to its Telegram chat (the `telegram` adapter); nil when it went out.
  /// 429 waits as long as Telegram asks; 400 and 403 (the customer blocked the bot) fail it for good;
  /// the rest is retried with the outbox's backoff.
  func deliver(_ m: OutboxMessage, timeout: Int) throws -> DeliveryFailure? {
    guard let chat = m.recipient.flatMap({ Int64($0) }) else {
      return DeliveryFailure(text: "no Telegram chat to send to (recipient \(m.recipient ?? "none"))", permanent: true)
    }
    let api = try desk.database.read { try self.api($0) }
    switch api.call("sendMessage", ["chat_id": chat, "text": m.body], timeout: timeout) {
    case .success: return nil
    case .failure(let failure):
      switch failure {
      case .api(429, _, let retryAfter): return DeliveryFailure(text: failure.text, retryAfter: retryAfter ?? 1)
      case .api(let code, _, _) where (400..<500).contains(code): return DeliveryFailure(text: failure.text, permanent: true)
      default: return DeliveryFailure(text: failure.text)
      }
    }
  }
}
