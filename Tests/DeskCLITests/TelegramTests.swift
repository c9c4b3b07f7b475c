import Foundation
import Testing

/// The Telegram gateway end to end: the real desk against FakeBotAPI on 127.0.0.1.
@Suite struct TelegramTests {
  static let user: [String: Any] = ["id": 4242, "is_bot": false, "first_name": "Ivan", "last_name": "Moykin", "username": "ivan_wash"]
  static let chat: [String: Any] = ["id": 4242, "type": "private"]

  static func message(_ id: Int, _ fields: [String: Any]) -> [String: Any] {
    ["message": ["message_id": id, "from": user, "chat": chat, "date": 1_764_000_000].merging(fields) { _, new in new }]
  }
  static func text(_ id: Int, _ text: String) -> [String: Any] { message(id, ["text": text]) }
  static func tap(_ data: String) -> [String: Any] {
    ["callback_query": ["id": "cb-\(data)", "from": user, "message": ["message_id": 1, "chat": chat, "date": 0], "data": data]]
  }

  /// Queues the dialogue that opens a request: /start, the cabinet ID, New request, the topic support.
  static func startRequest(_ api: FakeBotAPI, cabinet: String) {
    for (i, words) in ["/start", cabinet, "New request"].enumerated() { api.push(text(i + 1, words)) }
    api.push(tap("topic:support"))
  }

  /// A desk connected to a fresh fake Bot API.
  static func connected() throws -> (Sandbox, FakeBotAPI) {
    let s = Sandbox.team()
    let api = try FakeBotAPI()
    let tokenFile = s.dir + "/token"
    #expect(
      FileManager.default.createFile(
        atPath: tokenFile, contents: Data((FakeBotAPI.token + "\n").utf8), attributes: [.posixPermissions: 0o600]))
    let made = try s.ok("telegram", "connect", "--token-file", tokenFile, "--api-url", api.url, "--json").object()
    #expect(made["username"] as? String == "desk_test_bot" && made["bot_id"] as? Int == 777, "\(made)")
    return (s, api)
  }

  @Test("connect checks the token with getMe, keeps it out of every output, and refuses a token file others can read")
  func connect() throws {
    let s = Sandbox.team()
    let api = try FakeBotAPI()
    defer { api.stop() }
    let tokenFile = s.dir + "/token"
    #expect(
      FileManager.default.createFile(
        atPath: tokenFile, contents: Data((FakeBotAPI.token + "\n").utf8), attributes: [.posixPermissions: 0o644]))
    let loose = s.run("telegram", "connect", "--token-file", tokenFile, "--api-url", api.url)
    #expect(loose.status == 78, "\(loose)")
    #expect(loose.stderr == "desk: error: the token file '\(tokenFile)' may be read by others (mode 644) (hint: chmod 600 \(tokenFile))\n")
    let wrong = s.dir + "/wrong"
    #expect(
      FileManager.default.createFile(
        atPath: wrong, contents: Data("987654321:AAwrongTokenButWellFormed_0123456789".utf8), attributes: [.posixPermissions: 0o600]))
    let refused = s.run("telegram", "connect", "--token-file", wrong, "--api-url", api.url)
    #expect(refused.status == 78, "\(refused)")
    #expect(refused.stderr.hasPrefix("desk: error: Telegram refused the bot token (401: Unauthorized)"), "\(refused)")
    let cleartext = s.run("telegram", "connect", "--token-file", wrong, "--api-url", "http://bots.example.com")
    #expect(cleartext.status == 64, "\(cleartext)")
    #expect(
      cleartext.stderr
        == "desk: error: --api-url must be an https:// address without a query (http:// only for 127.0.0.1 or localhost)\n")
    #expect(try s.scalar("SELECT count(*) FROM telegram_bot") == "0")

    chmod(tokenFile, 0o600)
    #expect(s.run("telegram", "connect", "--token-file", tokenFile, "--api-url", api.url, "--as", "bob").status == 77)
    #expect(api.calls.isEmpty)
    let made = s.ok("telegram", "connect", "--token-file", tokenFile, "--api-url", api.url)
    #expect(made.stdout == "connected @desk_test_bot (bot 777)\n")
    #expect(api.calls.map(\.method) == ["getMe", "setMyCommands", "setChatMenuButton"])
    let status = try s.ok("telegram", "status", "--json").object()
    #expect(status["username"] as? String == "desk_test_bot")
    #expect(status["next_update"] as? Int == 0)
    for r in [made, s.ok("telegram", "status"), s.ok("telegram", "status", "--json")] {
      #expect(!r.stdout.contains("AAHfake") && !r.stderr.contains("AAHfake"))
    }
    #expect(try s.scalar("SELECT token FROM telegram_bot") == FakeBotAPI.token)
  }

  @Test(
    "the car-wash flow: start, cabinet ID, topic, four messages with a voice file → one ticket with three attachments; the reply reaches the chat"
  )
  func carWash() throws {
    let (s, api) = try Self.connected()
    defer { api.stop() }
    api.addFile("photo-big", Data(repeating: 0xFF, count: 3000))
    api.addFile("voice-1", Data("OggS-voice".utf8))
    api.addFile("doc-1", Data("%PDF-1.4 receipt".utf8))
    api.push(Self.text(1, "/start"))
    api.push(Self.text(2, "CW-1001"))
    api.push(Self.text(3, "New request"))
    api.push(Self.tap("topic:support"))
    api.push(Self.text(4, "The wash stops halfway"))
    api.push(
      Self.message(
        5,
        [
          "caption": "the error screen",
          "photo": [["file_id": "photo-small", "file_size": 100], ["file_id": "photo-big", "file_size": 3000]],
        ]))
    api.push(Self.message(6, ["voice": ["file_id": "voice-1", "file_size": 10, "mime_type": "audio/ogg", "duration": 3]]))
    api.push(Self.message(7, ["document": ["file_id": "doc-1", "file_name": "receipt.pdf", "mime_type": "application/pdf"]]))
    let run = s.ok("telegram", "run", "--once", "--poll-timeout", "1s", "--format", "jsonl")
    #expect(
      run.lines.compactMap { line -> String? in
        let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return o?["outcome"] as? String
      } == ["replied", "linked", "replied", "replied", "created", "appended", "appended", "appended"], "\(run)")
    #expect(try s.scalar("SELECT next_update FROM telegram_bot") == "1008")

    let tickets = try s.ok("ticket", "list", "--all", "--json").array()
    #expect(tickets.count == 1)
    let ticket = try #require(tickets.first?["id"] as? Int)
    #expect(try s.scalar("SELECT type || ' ' || channel FROM ticket WHERE id = \(ticket)") == "support telegram")
    #expect(
      try s.scalar("SELECT group_concat(tag, ',') FROM (SELECT tag FROM ticket_tag WHERE ticket_id = \(ticket) ORDER BY tag)")
        == "cabinet:cw-1001,support")
    #expect(try s.scalar("SELECT value FROM ticket_field WHERE ticket_id = \(ticket) AND key = 'cabinet'") == "CW-1001")
    #expect(
      try s.scalar(
        "SELECT group_concat(body, '|') FROM (SELECT body FROM message WHERE ticket_id = \(ticket) AND author_kind = 'customer' ORDER BY id)"
      )
        == "The wash stops halfway|the error screen||")
    #expect(
      try s.scalar(
        "SELECT group_concat(name || ':' || content_type || ':' || size, ',') FROM (SELECT * FROM attachment WHERE ticket_id = \(ticket) ORDER BY id)"
      )
        == "photo-5.jpg:image/jpeg:3000,voice-6.ogg:audio/ogg:10,receipt.pdf:application/pdf:16")
    #expect(
      try s.scalar("SELECT sha256 FROM attachment WHERE name = 'receipt.pdf'")
        == "1cfd9c781ea8b21c3c17bb558def1d77998c237072a86ec620a1121ea4fc2a1d")
    // The customer is the one with the cabinet ID: a new one, named after the Telegram user.
    #expect(
      try s.scalar("SELECT c.name FROM customer c JOIN customer_account a ON a.customer_id = c.id WHERE a.account = 'CW-1001'")
        == "Ivan Moykin")

    // What the bot said, in order: the start text, the menu, the topics, the acknowledgement, the ticket.
    let said = api.calls("sendMessage").map { $0["text"] as? String ?? "" }
    #expect(said.count == 5, "\(said)")
    #expect(said.first?.hasPrefix("Hello! Please send your cabinet ID") == true)
    #expect(said.dropFirst().first == "Cabinet CW-1001 is linked. Choose below what you need.")
    #expect(said.dropFirst(2).first == "Choose the topic of your request.")
    #expect(said.dropFirst(3).first == "Topic: support. Describe your request.")
    #expect(said.last == "Request #\(ticket) is open: The wash stops halfway. Write here to add to it.")
    #expect(api.calls("answerCallbackQuery").count == 1)

    // An agent's reply goes back to the chat through the telegram adapter.
    s.ok("outbox", "adapter", "set", "telegram", "telegram")
    s.ok("ticket", "reply", String(ticket), "-m", "Restart the pump, please")
    s.ok("outbox", "deliver")
    let sent = api.calls("sendMessage").last
    #expect(sent?["chat_id"] as? Int == 4242)
    #expect(sent?["text"] as? String == "Restart the pump, please")
    // The acknowledgement of the new request went to the same chat.
    #expect(
      try s.scalar("SELECT group_concat(state || ' ' || recipient, ',') FROM outbox WHERE channel = 'telegram'") == "sent 4242,sent 4242")
    #expect(api.calls("sendMessage").dropLast().last?["chat_id"] as? Int == 4242)
  }

  @Test("a runner killed mid-batch, restarted, takes every update exactly once")
  func restartMidBatch() throws {
    let (s, api) = try Self.connected()
    defer { api.stop() }
    api.addFile("voice-slow", Data("never".utf8))
    api.stalled = "voice-slow"
    Self.startRequest(api, cabinet: "CW-7")
    api.push(Self.text(10, "first"))
    api.push(Self.message(11, ["voice": ["file_id": "voice-slow", "mime_type": "audio/ogg"]]))
    api.push(Self.text(12, "third"))
    let runner = try s.start(["telegram", "run", "--poll-timeout", "1s"])
    // It takes the first five updates, then hangs on the stalled file.
    let deadline = Date().addingTimeInterval(60)
    while try s.scalar("SELECT next_update FROM telegram_bot") != "1005", Date() < deadline { usleep(50_000) }
    #expect(try s.scalar("SELECT next_update FROM telegram_bot") == "1005")
    kill(runner.processIdentifier, SIGKILL)
    runner.waitUntilExit()
    // The file comes through now; a new runner picks up where the dead one stopped.
    api.stalled = nil
    s.ok("telegram", "run", "--once", "--poll-timeout", "1s")
    #expect(try s.scalar("SELECT next_update FROM telegram_bot") == "1007")
    #expect(
      try s.scalar("SELECT group_concat(body, '|') FROM (SELECT body FROM message WHERE author_kind = 'customer' ORDER BY id)")
        == "first||third")
    #expect(try s.scalar("SELECT count(*) FROM attachment") == "1")
    // Run again: nothing is taken twice (and --json prints one array, empty here).
    #expect(try s.ok("telegram", "run", "--once", "--poll-timeout", "1s", "--json").array().isEmpty)
    #expect(try s.scalar("SELECT count(*) FROM message WHERE author_kind = 'customer'") == "3")
  }

  @Test("an update desk cannot read is passed over by its id, and the runner goes on with the next")
  func unreadableUpdate() throws {
    let (s, api) = try Self.connected()
    defer { api.stop() }
    api.push(["message": ["message_id": 1, "text": "no chat"]])
    api.push(Self.text(2, "/start"))
    let run = try s.ok("telegram", "run", "--once", "--poll-timeout", "1s", "--json").array()
    #expect(run.map { $0["outcome"] as? String ?? "" } == ["refused", "replied"])
    #expect(run.first?["note"] as? String == "not a Telegram update: message.chat is missing")
    #expect(try s.scalar("SELECT next_update FROM telegram_bot") == "1002")
    let big = s.run("telegram", "update", stdin: String(repeating: " ", count: (1 << 20) + 1))
    #expect(big.status == 65 && big.stderr == "desk: error: standard input is larger than an update (1 MiB)\n", "\(big)")
  }

  @Test("a request merged into another: the customer's next message goes to the one it was merged into")
  func mergedRequest() throws {
    let (s, api) = try Self.connected()
    defer { api.stop() }
    Self.startRequest(api, cabinet: "CW-5")
    api.push(Self.text(5, "the first"))
    s.ok("telegram", "run", "--once", "--poll-timeout", "1s")
    s.ok("ticket", "new", "Pump broken", "--customer", "2")
    s.ok("ticket", "merge", "1", "--into", "2")
    api.push(Self.text(6, "and more"))
    let run = try s.ok("telegram", "run", "--once", "--poll-timeout", "1s", "--json").array()
    #expect(run.map { "\($0["outcome"] ?? "") \($0["ticket"] ?? "")" } == ["appended 2"])
    #expect(try s.scalar("SELECT ticket_id FROM telegram_user WHERE user_id = 4242") == "2")
  }

  @Test("SIGTERM stops a runner cleanly: exit 0, its lease given back; a second runner meanwhile exits 75")
  func stopsOnSIGTERM() throws {
    let (s, api) = try Self.connected()
    defer { api.stop() }
    let runner = try s.start(["telegram", "run", "--poll-timeout", "1s"])
    let deadline = Date().addingTimeInterval(60)
    while api.calls("getUpdates").isEmpty, Date() < deadline { usleep(50_000) }
    let second = s.run("telegram", "run", "--once", "--poll-timeout", "1s")
    #expect(second.status == 75, "\(second)")
    #expect(second.stderr.hasPrefix("desk: error: another desk telegram run holds the bot ("), "\(second)")
    kill(runner.processIdentifier, SIGTERM)
    // It stops within its poll timeout; a runner that does not is killed, and the test fails.
    let stopBy = Date().addingTimeInterval(30)
    while runner.isRunning, Date() < stopBy { usleep(50_000) }
    if runner.isRunning { kill(runner.processIdentifier, SIGKILL) }
    runner.waitUntilExit()
    #expect(runner.terminationReason == .exit && runner.terminationStatus == 0)
    #expect(try s.scalar("SELECT count(*) FROM lease WHERE name = 'telegram'") == "0")
  }

  @Test("a user who blocked the bot fails the reply for good; a 429 waits retry_after")
  func blockedAndRateLimited() throws {
    let (s, api) = try Self.connected()
    defer { api.stop() }
    Self.startRequest(api, cabinet: "CW-9")
    api.push(Self.text(5, "help"))
    s.ok("telegram", "run", "--once", "--poll-timeout", "1s")
    s.ok("outbox", "adapter", "set", "telegram", "telegram")
    s.ok("outbox", "deliver")  // the acknowledgement of the request
    api.rateLimited = 1
    s.ok("ticket", "reply", "1", "-m", "one")
    let limited = s.run("outbox", "deliver")
    #expect(limited.status == 69, "\(limited)")
    #expect(try s.scalar("SELECT state || ' ' || next_attempt_at FROM outbox WHERE body = 'one'") == "queued 2026-11-24T10:00:07Z")
    #expect(try s.scalar("SELECT last_error FROM outbox WHERE body = 'one'") == "Telegram answered 429: Too Many Requests: retry after 7")
    s.ok("outbox", "deliver", env: ["DESK_NOW": "2026-11-24T10:00:08Z"])
    #expect(try s.scalar("SELECT state FROM outbox WHERE body = 'one'") == "sent")

    api.blocked = [4242]
    s.ok("ticket", "reply", "1", "-m", "two", env: ["DESK_NOW": "2026-11-24T10:01:00Z"])
    #expect(s.run("outbox", "deliver", env: ["DESK_NOW": "2026-11-24T10:01:00Z"]).status == 69)
    #expect(try s.scalar("SELECT state || ' ' || attempts FROM outbox WHERE body = 'two'") == "failed 1")
    #expect(
      try s.scalar("SELECT last_error FROM outbox WHERE body = 'two'") == "Telegram answered 403: Forbidden: bot was blocked by the user")
  }

  @Test("a file desk cannot keep (too large, or refused by Telegram) is named on the message, which is kept")
  func filesNotKept() throws {
    let (s, api) = try Self.connected()
    defer { api.stop() }
    s.ok("config", "set", "attachment.max-bytes", "1000")
    api.addFile("big", Data(repeating: 1, count: 5000))
    Self.startRequest(api, cabinet: "CW-3")
    api.push(Self.message(5, ["caption": "two files", "document": ["file_id": "big", "file_name": "scan.tiff"]]))
    api.push(Self.message(6, ["document": ["file_id": "gone", "file_name": "old.pdf", "file_size": 10]]))
    api.push(Self.message(7, ["document": ["file_id": "big", "file_name": "told.tiff", "file_size": 5000]]))
    s.ok("telegram", "run", "--once", "--poll-timeout", "1s")
    #expect(try s.scalar("SELECT next_update FROM telegram_bot") == "1007")
    #expect(
      try s.scalar("SELECT group_concat(body, '|') FROM (SELECT body FROM message WHERE author_kind = 'customer' ORDER BY id)")
        == "two files\n[scan.tiff not kept: larger than attachment.max-bytes]"
        + "|[old.pdf not kept: Telegram answered 400: Bad Request: invalid file_id]"
        + "|[told.tiff not kept: 5000 bytes, more than attachment.max-bytes]")
    #expect(try s.scalar("SELECT count(*) FROM attachment") == "0")
  }

  @Test("webhook mode: one update on stdin; the same update again is a duplicate; bad input is refused and passed over")
  func webhookUpdate() throws {
    let (s, api) = try Self.connected()
    defer { api.stop() }
    func update(_ id: Int, _ body: [String: Any]) -> String {
      var u = body
      u["update_id"] = id
      return String(decoding: try! JSONSerialization.data(withJSONObject: u), as: UTF8.self)
    }
    #expect(s.ok("telegram", "update", stdin: update(49, Self.text(9, "New request"))).stdout == "update 49: replied\n")
    #expect(s.ok("telegram", "update", stdin: update(50, Self.text(1, "/start"))).stdout == "update 50: replied\n")
    let again = try s.ok("telegram", "update", "--json", stdin: update(50, Self.text(1, "/start"))).object()
    #expect(again["update_id"] as? Int == 50 && again["outcome"] as? String == "duplicate" && again["ticket"] is NSNull, "\(again)")
    #expect(s.ok("telegram", "update", stdin: update(50, Self.text(1, "/start"))).stdout == "update 50: duplicate\n")
    let long = String(repeating: "x", count: 101)
    let refused = s.ok("telegram", "update", stdin: update(51, Self.text(2, long)))
    #expect(refused.stdout == "update 51: refused (the account ID is 101 characters long; at most 100 are allowed)\n")
    #expect(try s.scalar("SELECT next_update FROM telegram_bot") == "52")
    #expect(try s.scalar("SELECT count(*) FROM customer_account") == "1")  // Sandbox.team's Anna alone
    let bad = s.run("telegram", "update", stdin: "{\"message\": {}}")
    #expect(bad.status == 65)
    #expect(bad.stderr == "desk: error: not a Telegram update: update_id is missing\n")
    let group = s.ok(
      "telegram", "update",
      stdin: update(53, ["message": ["message_id": 9, "chat": ["id": -100, "type": "group"], "date": 0, "text": "hi"]]))
    #expect(group.stdout == "update 53: ignored (not a customer's private message)\n")
  }
}
