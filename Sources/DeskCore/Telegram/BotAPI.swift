import Foundation

/// The Telegram Bot API (https://core.telegram.org/bots/api) over the system's libcurl: each method
/// is a POST of a JSON object to `{api}/bot{token}/{method}`, answered `{"ok": true, "result": …}` or
/// `{"ok": false, "error_code": N, "description": …, "parameters": {"retry_after": S}}`; files come
/// from `{api}/file/bot{token}/{file_path}`. The token is in the address only: never in an error
/// text, a log line or a child's argv.
struct BotAPI: Sendable {
  /// `https://api.telegram.org`, or a local server that speaks the same API (tests, a proxy).
  let base: String
  let token: String

  static let defaultBase = "https://api.telegram.org"

  /// Why a call did not succeed.
  enum Failure: Error, Equatable {
    /// No answer: the network, a time-out, an answer that is not the API's JSON.
    case transport(String)
    /// The API's refusal. `retryAfter`: a 429's wait, in seconds.
    case api(code: Int, description: String, retryAfter: Int?)
    /// The answer (a file) is larger than the limit the call gave.
    case tooLarge(limit: Int)

    var text: String {
      switch self {
      case .transport(let why): return "Telegram: \(why)"
      case .api(let code, let description, _): return "Telegram answered \(code): \(description)"
      case .tooLarge(let limit): return "Telegram's answer is larger than \(limit) bytes"
      }
    }
  }

  /// Calls `method` with `parameters`; the `result` of the answer. `timeout` bounds the whole call
  /// (a long poll's wait plus a margin).
  func call(_ method: String, _ parameters: [String: Any] = [:], timeout: Int = 30) -> Result<Any, Failure> {
    let body: Data
    do {
      body = try JSONSerialization.data(withJSONObject: parameters, options: [.withoutEscapingSlashes])
    } catch { return .failure(.transport("parameters of \(method) are not JSON")) }
    switch transfer("\(base)/bot\(token)/\(method)", post: body, timeout: timeout, limit: 16 << 20) {
    case .failure(let failure): return .failure(failure)
    case .success(let (status, data)):
      guard let answer = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
        return .failure(.transport("\(method) answered HTTP \(status) without the API's JSON"))
      }
      if answer["ok"] as? Bool == true { return .success(answer["result"] ?? NSNull()) }
      let parameters = answer["parameters"] as? [String: Any]
      return .failure(
        .api(
          code: answer["error_code"] as? Int ?? status, description: answer["description"] as? String ?? "no description",
          retryAfter: parameters?["retry_after"] as? Int))
    }
  }

  /// The bytes of a file `getFile` named, at most `limit` of them.
  func download(_ filePath: String, limit: Int, timeout: Int = 60) -> Result<Data, Failure> {
    switch transfer("\(base)/file/bot\(token)/\(filePath)", post: nil, timeout: timeout, limit: limit) {
    case .failure(let failure): return .failure(failure)
    case .success(let (status, data)):
      return (200..<300).contains(status)
        ? .success(data) : .failure(.api(code: status, description: "file download refused", retryAfter: nil))
    }
  }

  /// Whether a token has the form BotFather gives: `123456:ABC-…`.
  static func isToken(_ token: String) -> Bool {
    guard let colon = token.firstIndex(of: ":") else { return false }
    let id = token[..<colon]
    let secret = token[token.index(after: colon)...]
    return !id.isEmpty && id.allSatisfy(\.isASCII) && id.allSatisfy(\.isNumber) && secret.count >= 20
      && secret.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_" }
  }

  /// The answer's bytes collected by curl's write callback, refused past a limit.
  private final class Sink {
    var data = Data()
    let limit: Int
    var overflowed = false
    init(limit: Int) { self.limit = limit }
  }

  private func transfer(_ url: String, post body: Data?, timeout: Int, limit: Int) -> Result<(Int, Data), Failure> {
    let curl: Curl
    switch Curl.load(for: "Telegram") {
    case .success(let c): curl = c
    case .failure(let error): return .failure(.transport(error.message))
    }
    let sink = Sink(limit: limit)
    let collect: Curl.Callback = { buffer, size, count, context in
      let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
      let n = size * count
      guard sink.data.count + n <= sink.limit else {
        sink.overflowed = true
        return 0
      }
      if let buffer { sink.data.append(buffer.assumingMemoryBound(to: UInt8.self), count: n) }
      return n
    }
    let outcome = withExtendedLifetime(sink) { () -> Result<Int, Failure>? in
      curl.session { s -> Result<Int, Failure> in
        let perform = { () -> Result<Int, Failure> in
          s.set(Curl.Option.url, url)
          s.set(Curl.Option.protocols, Curl.protocolHTTP)
          s.set(Curl.Option.noSignal, 1)
          s.set(Curl.Option.timeout, timeout)
          s.set(Curl.Option.connectTimeout, min(timeout, 20))
          s.set(Curl.Option.writeFunction, callback: collect)
          s.set(Curl.Option.writeData, pointer: UnsafeRawPointer(Unmanaged.passUnretained(sink).toOpaque()))
          if let failure = s.perform() {
            // curl's text never holds the address, so never the token.
            return .failure(sink.overflowed ? .tooLarge(limit: limit) : .transport(failure.text))
          }
          return .success(s.responseCode)
        }
        guard let body else { return perform() }
        return body.withUnsafeBytes { bytes in
          s.set(Curl.Option.headers, list: ["Content-Type: application/json", "User-Agent: desk/\(deskVersion)", "Expect:"])
          s.set(Curl.Option.postFieldSize, bytes.count)
          s.set(Curl.Option.postFields, pointer: bytes.baseAddress)
          return perform()
        }
      }
    }
    switch outcome {
    case .none: return .failure(.transport("libcurl could not start"))
    case .some(.failure(let failure)): return .failure(failure)
    case .some(.success(let status)): return .success((status, sink.data))
    }
  }
}
