import Foundation

/// A local stand-in for Telegram's Bot API servers (which tests cannot reach), on 127.0.0.1, speaking
/// the documented shapes: POST /bot<token>/<method> with a JSON object, answered
/// {"ok":true,"result":…} or {"ok":false,"error_code":N,"description":…,"parameters":{"retry_after":S}};
/// GET /file/bot<token>/<path> for what getFile names. It queues updates for getUpdates (which
/// returns those with update_id ≥ offset, as Telegram does), keeps files, records every call, and
/// can refuse a chat (403, a user who blocked the bot), rate-limit sendMessage (429) or stall a file.
final class FakeBotAPI: @unchecked Sendable {
  static let token = "123456789:AAHfakeTokenForDeskTests_abcdefghijk"
  let port: UInt16
  private let fd: Int32
  private let lock = NSLock()
  private var updates: [[String: Any]] = []
  private var files: [String: Data] = [:]
  private var _calls: [(method: String, body: [String: Any])] = []
  /// Chats whose sendMessage is refused 403.
  var blocked: Set<Int64> = []
  /// The next this-many sendMessage calls answer 429 with retry_after 7.
  var rateLimited = 0
  /// A file whose download never answers (until the server stops).
  var stalled: String?

  init() throws {
    (fd, port) = try listenOnLoopback()
    Thread { [weak self] in self?.serve() }.start()
  }

  var url: String { "http://127.0.0.1:\(port)" }

  func stop() {
    shutdown(fd, Int32(SHUT_RDWR))
    close(fd)
  }

  /// Queues an update; its update_id is the next one.
  @discardableResult
  func push(_ update: [String: Any]) -> Int64 {
    locked {
      let id = Int64(1000 + updates.count)
      var u = update
      u["update_id"] = id
      updates.append(u)
      return id
    }
  }

  /// A file getFile will name, with its bytes.
  func addFile(_ id: String, _ data: Data) { locked { files[id] = data } }

  /// The calls made, as (method, parameters).
  var calls: [(method: String, body: [String: Any])] { locked { _calls } }
  func calls(_ method: String) -> [[String: Any]] { calls.filter { $0.method == method }.map(\.body) }

  private func locked<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  private func serve() {
    while true {
      let client = accept(fd, nil, nil)
      if client < 0 { return }
      Thread { [weak self] in self?.handle(client) }.start()
    }
  }

  private func handle(_ client: Int32) {
    defer { close(client) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    var head = ""
    var contentLength = 0
    var bodyStart: Int?
    while true {
      let n = recv(client, &buffer, buffer.count, 0)
      if n <= 0 { return }
      data.append(buffer, count: n)
      if bodyStart == nil, let end = data.range(of: Data("\r\n\r\n".utf8)) {
        head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
        bodyStart = end.upperBound
        for line in head.components(separatedBy: "\r\n").dropFirst() where line.lowercased().hasPrefix("content-length:") {
          contentLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
      }
      if let start = bodyStart, data.count - start >= contentLength { break }
    }
    let path = head.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
    let body = (try? JSONSerialization.jsonObject(with: data[bodyStart!...])) as? [String: Any] ?? [:]
    let (status, answer) = respond(path: path, body: body)
    var response = Data("HTTP/1.1 \(status) X\r\nContent-Length: \(answer.count)\r\nConnection: close\r\n\r\n".utf8)
    response.append(answer)
    response.withUnsafeBytes { _ = send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
  }

  private func json(_ object: [String: Any]) -> Data { try! JSONSerialization.data(withJSONObject: object) }
  private func ok(_ result: Any) -> (Int, Data) { (200, json(["ok": true, "result": result])) }
  private func refuse(_ code: Int, _ description: String, retryAfter: Int? = nil) -> (Int, Data) {
    var answer: [String: Any] = ["ok": false, "error_code": code, "description": description]
    if let retryAfter { answer["parameters"] = ["retry_after": retryAfter] }
    return (code, json(answer))
  }

  private func respond(path: String, body: [String: Any]) -> (Int, Data) {
    if path.hasPrefix("/file/bot") {
      let rest = path.dropFirst("/file/bot".count)
      guard rest.hasPrefix(FakeBotAPI.token + "/") else { return (404, Data()) }
      let name = String(rest.dropFirst(FakeBotAPI.token.count + 1))
      if name == locked({ stalled }) {
        while true { sleep(60) }
      }
      guard let file = locked({ files[name] }) else { return (404, Data()) }
      return (200, file)
    }
    guard path.hasPrefix("/bot"), let slash = path.lastIndex(of: "/") else { return refuse(404, "Not Found") }
    let token = path[path.index(path.startIndex, offsetBy: 4)..<slash]
    let method = String(path[path.index(after: slash)...])
    guard token == FakeBotAPI.token else { return refuse(401, "Unauthorized") }
    locked { _calls.append((method, body)) }
    switch method {
    case "getMe": return ok(["id": 777, "is_bot": true, "first_name": "Desk", "username": "desk_test_bot"])
    case "setMyCommands", "setChatMenuButton", "answerCallbackQuery": return ok(true)
    case "getUpdates":
      let offset = (body["offset"] as? Int).map(Int64.init) ?? 0
      let due = locked { updates.filter { ($0["update_id"] as! Int64) >= offset } }
      // A long poll with nothing to give waits, as Telegram's does (here at most a second).
      if due.isEmpty, let timeout = body["timeout"] as? Int, timeout > 0 { sleep(1) }
      return ok(due)
    case "getFile":
      let id = body["file_id"] as? String ?? ""
      guard let file = locked({ files[id] }) else { return refuse(400, "Bad Request: invalid file_id") }
      return ok(["file_id": id, "file_unique_id": id, "file_size": file.count, "file_path": id])
    case "sendMessage":
      let chat = (body["chat_id"] as? Int).map(Int64.init) ?? 0
      if blocked.contains(chat) { return refuse(403, "Forbidden: bot was blocked by the user") }
      if locked({ rateLimited > 0 }) {
        locked { rateLimited -= 1 }
        return refuse(429, "Too Many Requests: retry after 7", retryAfter: 7)
      }
      return ok(["message_id": 5000 + calls.count, "chat": ["id": chat, "type": "private"], "date": 0, "text": body["text"] ?? ""])
    default: return refuse(404, "Not Found: method \(method)")
    }
  }
}
