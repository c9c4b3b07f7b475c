import Foundation
import GRDB

/// The customer's side of the bot, in a private chat, as the car-wash vendor built it: /start asks
/// for the cabinet (account) ID; then a menu of three buttons (active requests, profile, new
/// request by topic); every later message goes to the customer's current request.
struct TelegramDialogue {
  let desk: Desk
  let api: BotAPI

  enum Button {
    static let active = "Active requests", profile = "Profile", new = "New request"
  }

  /// The menu under the chat's input line.
  static let menu: [String: Any] = [
    "keyboard": [[["text": Button.active]], [["text": Button.profile], ["text": Button.new]]],
    "resize_keyboard": true, "is_persistent": true,
  ]

  /// One Telegram user's place in the dialogue (`telegram_user`).
  struct Person {
    enum State: String { case account, menu, topic }
    var userID: Int64
    var chatID: Int64
    var state: State
    var account: String?
    var topic: String?
    var ticket: Int64?
    var held: Data?
  }

  // MARK: - Files, fetched before the transaction

  /// The files of the message the update will take in (for a topic chosen, the message held for it),
  /// and a line for each file that is not kept: larger than attachment.max-bytes, or refused by
  /// Telegram (a 4xx). The network, a 429 or a 5xx throw (temporary): the update is taken later.
  func files(for update: TelegramUpdate) throws -> Files {
    var message = update.message ?? update.editedMessage
    if let query = update.callbackQuery, query.data?.hasPrefix("topic:") == true {
      let held = try desk.database.read { db in
        try Data.fetchOne(db, sql: "SELECT held FROM telegram_user WHERE user_id = ?", arguments: [query.from.id])
      }
      message = try held.map { try TelegramUpdate.decode($0).message } ?? nil
    }
    var files = Files()
    guard let message, message.chat.type == "private" else { return files }
    let limit = try desk.database.read { try desk.settings.integer($0, "attachment.max-bytes") }
    for (file, name, type) in message.files {
      let shown = AttachmentName.safe(name)
      if let size = file.fileSize, size > limit {
        files.notKept.append("[\(shown) not kept: \(size) bytes, more than attachment.max-bytes]")
        continue
      }
      do {
        let info = try fetch(api.call("getFile", ["file_id": file.fileId]), "getFile") as? [String: Any]
        guard let path = info?["file_path"] as? String else {
          files.notKept.append("[\(shown) not kept: Telegram named no file]")
          continue
        }
        let data = try fetch(api.download(path, limit: limit).map { $0 as Any }, "a file download") as! Data
        files.attachments.append(AttachmentInput(name: name, contentType: type, data: data))
      } catch let refused as Refused {
        files.notKept.append("[\(shown) not kept: \(refused.why)]")
      }
    }
    return files
  }

  struct Files {
    var attachments: [AttachmentInput] = []
    var notKept: [String] = []
  }

  /// A file Telegram will not give (a 4xx): the message is taken without it.
  private struct Refused: Error { var why: String }

  private func fetch(_ result: Result<Any, BotAPI.Failure>, _ what: String) throws -> Any {
    if case .failure(let failure) = result, case .api(let code, _, _) = failure, (400..<500).contains(code), code != 429 {
      throw Refused(why: failure.text)
    }
    if case .failure(.tooLarge) = result {
      throw Refused(why: "larger than attachment.max-bytes")
    }
    return try Telegram.answer(result, what)
  }

  // MARK: - Taking an update in, in the caller's transaction

  func take(_ db: Database, _ update: TelegramUpdate, json: Data, files: Files) throws -> (TelegramOutcome, [BotReply]) {
    let id = update.updateId
    if let query = update.callbackQuery {
      return try callback(db, id, query, files: files)
    }
    if let edited = update.editedMessage {
      return (try edit(db, id, edited), [])
    }
    guard let message = update.message, message.chat.type == "private", let from = message.from, from.isBot != true else {
      return (TelegramOutcome(updateID: id, kind: .ignored, note: "not a customer's private message"), [])
    }
    var person = try person(db, from, chat: message.chat.id)
    let words = message.words.trimmingCharacters(in: .whitespacesAndNewlines)
    if words == "/start" || words.hasPrefix("/start ") {
      person.state = .account
      try save(db, person)
      return (TelegramOutcome(updateID: id, kind: .replied), [try askAccount(db, person)])
    }
    switch person.state {
    case .account:
      // A menu button an old keyboard still shows, or a command, is not a cabinet ID.
      let notAnID = [Button.active, Button.profile, Button.new].contains(words) || words.hasPrefix("/")
      guard !words.isEmpty, !notAnID, files.attachments.isEmpty, files.notKept.isEmpty else {
        return (TelegramOutcome(updateID: id, kind: .replied), [try askAccount(db, person)])
      }
      let account = try Customers.validAccount(words)
      try link(db, &person, account: account, name: from.name)
      let reply = send(person, "Cabinet \(account) is linked. Choose below what you need.", markup: TelegramDialogue.menu)
      return (TelegramOutcome(updateID: id, kind: .linked, note: account), [reply])
    case .menu, .topic:
      switch words {
      case Button.active: return (TelegramOutcome(updateID: id, kind: .replied), [try activeRequests(db, person)])
      case Button.profile: return (TelegramOutcome(updateID: id, kind: .replied), [try profile(db, person)])
      case Button.new:
        person.ticket = nil
        person.topic = nil
        person.held = nil
        return (TelegramOutcome(updateID: id, kind: .replied), [try askTopic(db, &person)])
      default:
        return try request(db, id, message, person: &person, json: json, files: files)
      }
    }
  }

  /// A message for the person's request: appended to it, or opening one with the chosen topic;
  /// with no request and several topics, held until the topic is chosen.
  private func request(
    _ db: Database, _ id: Int64, _ message: TelegramUpdate.Message, person: inout Person, json: Data, files: Files
  ) throws -> (TelegramOutcome, [BotReply]) {
    // A request merged into another goes on in that one.
    if let ticket = try person.ticket.map({ try Tickets.surviving(db, $0) }),
      try Bool.fetchOne(db, sql: "SELECT status != 'closed' FROM ticket WHERE id = ?", arguments: [ticket]) == true
    {
      let result = try ingest(db, message, person: person, ticket: ticket, topic: nil, files: files)
      if result.ticket.id != person.ticket {
        person.ticket = result.ticket.id
        try save(db, person)
      }
      return (TelegramOutcome(updateID: id, kind: .appended, ticket: result.ticket.id), [])
    }
    let types = try desk.settings.list(db, "ticket.types")
    guard let topic = person.topic ?? (types.count == 1 ? types[0] : nil) else {
      person.held = json
      return (TelegramOutcome(updateID: id, kind: .replied, note: "held for a topic"), [try askTopic(db, &person)])
    }
    let result = try ingest(db, message, person: person, ticket: nil, topic: topic, files: files)
    person.ticket = result.ticket.id
    person.topic = nil
    person.state = .menu
    try save(db, person)
    let reply = send(person, "Request #\(result.ticket.id) is open: \(result.ticket.subject). Write here to add to it.")
    return (TelegramOutcome(updateID: id, kind: .created, ticket: result.ticket.id), [reply])
  }

  /// The one core path: ingest, as mail and `ticket ingest` take messages in.
  private func ingest(
    _ db: Database, _ message: TelegramUpdate.Message, person: Person, ticket: Int64?, topic: String?, files: Files
  ) throws -> IngestResult {
    guard let account = person.account,
      let customer = try Int64.fetchOne(db, sql: "SELECT customer_id FROM customer_account WHERE account = ?", arguments: [account])
    else { throw DeskError.invalidInput("the Telegram user \(person.userID) has no cabinet linked") }
    var request = IngestRequest(channel: "telegram")
    request.customer = String(customer)
    request.ticket = ticket
    request.joinsLatestTicket = false
    request.telegramChat = message.chat.id
    if let topic {
      request.opening.type = topic
      request.opening.tags = [topic] + [try? Tags.normalise("cabinet:\(account)")].compactMap { $0 }
      request.opening.fields = [("cabinet", account)]
    }
    let body = ([message.words] + files.notKept).filter { !$0.isEmpty }.joined(separator: "\n")
    let result = try desk.tickets.ingest(db, request, attachments: files.attachments, body: body)
    try db.execute(
      sql: "INSERT OR IGNORE INTO telegram_message(chat_id, message_id, desk_message_id) VALUES (?, ?, ?)",
      arguments: [message.chat.id, message.messageId, result.messageID])
    return result
  }

  /// An edited message is recorded on the ticket its original went to, as a message of its own.
  private func edit(_ db: Database, _ id: Int64, _ message: TelegramUpdate.Message) throws -> TelegramOutcome {
    guard message.chat.type == "private", let from = message.from,
      let ticket = try Int64.fetchOne(
        db,
        sql:
          "SELECT m.ticket_id FROM telegram_message t JOIN message m ON m.id = t.desk_message_id WHERE t.chat_id = ? AND t.message_id = ?",
        arguments: [message.chat.id, message.messageId])
    else { return TelegramOutcome(updateID: id, kind: .ignored, note: "an edit of a message desk did not take in") }
    var edited = message
    edited.text = "[edited] " + message.words
    edited.caption = nil
    edited.sticker = nil
    let person = try person(db, from, chat: message.chat.id)
    let result = try ingest(db, edited, person: person, ticket: ticket, topic: nil, files: Files())
    return TelegramOutcome(updateID: id, kind: .edited, ticket: result.ticket.id)
  }

  // MARK: - Buttons

  private func callback(_ db: Database, _ id: Int64, _ query: TelegramUpdate.CallbackQuery, files: Files) throws -> (
    TelegramOutcome, [BotReply]
  ) {
    let chat = query.message?.chat.id ?? query.from.id
    var person = try person(db, query.from, chat: chat)
    let ack = BotReply(method: "answerCallbackQuery", parameters: ["callback_query_id": query.id])
    let data = query.data ?? ""
    if data.hasPrefix("topic:"), person.state != .account {
      let topic = String(data.dropFirst("topic:".count))
      guard try desk.settings.list(db, "ticket.types").contains(topic) else {
        return (TelegramOutcome(updateID: id, kind: .ignored, note: "no topic \(topic)"), [ack])
      }
      person.topic = topic
      person.ticket = nil
      person.state = .menu
      if let held = person.held, let message = try TelegramUpdate.decode(held).message {
        person.held = nil
        var (outcome, replies) = try request(db, id, message, person: &person, json: held, files: files)
        replies.insert(ack, at: 0)
        return (outcome, replies)
      }
      try save(db, person)
      return (TelegramOutcome(updateID: id, kind: .replied, note: topic), [ack, send(person, "Topic: \(topic). Describe your request.")])
    }
    if data.hasPrefix("switch:") {
      let account = String(data.dropFirst("switch:".count))
      guard try accounts(db, person).contains(account) else { return (TelegramOutcome(updateID: id, kind: .ignored), [ack]) }
      person.account = account
      person.ticket = nil
      try save(db, person)
      return (TelegramOutcome(updateID: id, kind: .linked, note: account), [ack, send(person, "Current cabinet: \(account).")])
    }
    if data == "add" || data == "logout" {
      if data == "logout" {
        try db.execute(sql: "DELETE FROM telegram_user_account WHERE user_id = ?", arguments: [person.userID])
        person.account = nil
        person.ticket = nil
      }
      person.state = .account
      try save(db, person)
      return (TelegramOutcome(updateID: id, kind: .replied), [ack, try askAccount(db, person)])
    }
    return (TelegramOutcome(updateID: id, kind: .ignored, note: "a button desk did not make"), [ack])
  }

  // MARK: - The person

  private func person(_ db: Database, _ from: TelegramUpdate.User, chat: Int64) throws -> Person {
    if let row = try Row.fetchOne(
      db, sql: "SELECT chat_id, state, account, topic, ticket_id, held FROM telegram_user WHERE user_id = ?", arguments: [from.id])
    {
      return Person(
        userID: from.id, chatID: row["chat_id"], state: Person.State(rawValue: row["state"]) ?? .account, account: row["account"],
        topic: row["topic"], ticket: row["ticket_id"], held: row["held"])
    }
    try db.execute(
      sql: "INSERT INTO telegram_user(user_id, chat_id, name, username, state, updated_at) VALUES (?, ?, ?, ?, 'account', ?)",
      arguments: [
        from.id, chat, try TextRules.line(from.name.isEmpty ? "Telegram \(from.id)" : from.name, "the name"), from.username, desk.clock.now,
      ])
    return Person(userID: from.id, chatID: chat, state: .account)
  }

  private func save(_ db: Database, _ p: Person) throws {
    try db.execute(
      sql: "UPDATE telegram_user SET state = ?, account = ?, topic = ?, ticket_id = ?, held = ?, updated_at = ? WHERE user_id = ?",
      arguments: [p.state.rawValue, p.account, p.topic, p.ticket, p.held, desk.clock.now, p.userID])
  }

  private func accounts(_ db: Database, _ p: Person) throws -> [String] {
    try String.fetchAll(db, sql: "SELECT account FROM telegram_user_account WHERE user_id = ? ORDER BY account", arguments: [p.userID])
  }

  /// Links the cabinet to the person, and makes it current: the customer who has the account ID,
  /// or a new customer with it.
  private func link(_ db: Database, _ person: inout Person, account: String, name: String) throws {
    if try Int64.fetchOne(db, sql: "SELECT customer_id FROM customer_account WHERE account = ?", arguments: [account]) == nil {
      let customers = desk.customers
      let id = try customers.insert(db, name: try TextRules.line(name.isEmpty ? account : name, "the name"))
      var changes = CustomerChanges()
      changes.addAccounts = [account]
      try customers.apply(db, id: id, changes, actor: nil)
    }
    try db.execute(
      sql: "INSERT OR IGNORE INTO telegram_user_account(user_id, account) VALUES (?, ?)", arguments: [person.userID, account])
    person.account = account
    person.ticket = nil
    person.state = .menu
    try save(db, person)
  }

  // MARK: - What the bot says

  private func send(_ p: Person, _ text: String, markup: [String: Any]? = nil) -> BotReply {
    var parameters: [String: Any] = ["chat_id": p.chatID, "text": text]
    if let markup { parameters["reply_markup"] = markup }
    return BotReply(parameters: parameters)
  }

  private func askAccount(_ db: Database, _ p: Person) throws -> BotReply {
    send(p, try desk.settings.value(db, "telegram.start-text"), markup: ["remove_keyboard": true])
  }

  private func askTopic(_ db: Database, _ p: inout Person) throws -> BotReply {
    p.state = .topic
    try save(db, p)
    let types = try desk.settings.list(db, "ticket.types")
    let rows = types.map { [["text": $0, "callback_data": "topic:\($0)"]] }
    return send(p, "Choose the topic of your request.", markup: ["inline_keyboard": rows])
  }

  private func activeRequests(_ db: Database, _ p: Person) throws -> BotReply {
    guard let account = p.account else { return try askAccount(db, p) }
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT t.id, t.subject, t.status, a.name AS agent FROM ticket t
        JOIN customer_account c ON c.customer_id = t.customer_id AND c.account = ?
        LEFT JOIN agent a ON a.id = t.assignee_id
        WHERE \(TicketStatus.unsolvedSQL("t.status")) ORDER BY t.id DESC LIMIT 20
        """,
      arguments: [account])
    guard !rows.isEmpty else { return send(p, "No active requests for cabinet \(account).", markup: TelegramDialogue.menu) }
    let lines = rows.map { row -> String in
      let agent = (row["agent"] as String?).map { ", \($0) is on it" } ?? ", waiting for an agent"
      return "#\(row["id"] as Int64) \(row["subject"] as String) — \(row["status"] as String)\(agent)"
    }
    return send(p, lines.joined(separator: "\n"), markup: TelegramDialogue.menu)
  }

  private func profile(_ db: Database, _ p: Person) throws -> BotReply {
    // Telegram carries at most 64 bytes of callback data: a longer account ID gets no switch button.
    let rows: [[[String: String]]] =
      try accounts(db, p).filter { "switch:\($0)".utf8.count <= 64 }.map { account in
        [["text": account == p.account ? "✓ \(account)" : account, "callback_data": "switch:\(account)"]]
      } + [[["text": "Add a cabinet", "callback_data": "add"]], [["text": "Log out", "callback_data": "logout"]]]
    return send(p, "Cabinet: \(p.account ?? "none"). Tap one to switch.", markup: ["inline_keyboard": rows])
  }
}
