import Foundation

/// A real HTTP/1.1 server on 127.0.0.1 for webhook tests: records every POST body and
/// answers 200, or 500 for the first `failFirst` requests.
final class WebhookReceiver: @unchecked Sendable {
  let port: UInt16
  private let fd: Int32
  private let lock = NSLock()
  private var _bodies: [Data] = []
  private var _headers: [[String: String]] = []
  private var failuresLeft: Int

  var bodies: [Data] {
    lock.lock()
    defer { lock.unlock() }
    return _bodies
  }
  var headers: [[String: String]] {
    lock.lock()
    defer { lock.unlock() }
    return _headers
  }

  /// The JSON objects received.
  var objects: [[String: Any]] {
    bodies.compactMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
  }

  init(failFirst: Int = 0) throws {
    failuresLeft = failFirst
    (fd, port) = try listenOnLoopback()
    let thread = Thread { [weak self] in self?.serve() }
    thread.start()
  }

  var url: String { "http://127.0.0.1:\(port)/hook" }

  func stop() {
    shutdown(fd, Int32(SHUT_RDWR))
    close(fd)
  }

  private func serve() {
    while true {
      let client = accept(fd, nil, nil)
      if client < 0 { return }
      handle(client)
    }
  }

  private func handle(_ client: Int32) {
    defer { close(client) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    var headerEnd: Range<Data.Index>? = nil
    var contentLength = 0
    var headers: [String: String] = [:]
    while true {
      let n = recv(client, &buffer, buffer.count, 0)
      if n <= 0 { return }
      data.append(buffer, count: n)
      if headerEnd == nil, let end = data.range(of: Data("\r\n\r\n".utf8)) {
        headerEnd = end
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
        for line in head.components(separatedBy: "\r\n").dropFirst() {
          guard let colon = line.firstIndex(of: ":") else { continue }
          headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        contentLength = Int(headers["content-length"] ?? "0") ?? 0
      }
      if let end = headerEnd, data.count - end.upperBound >= contentLength { break }
    }
    let body = data[headerEnd!.upperBound..<(headerEnd!.upperBound + contentLength)]
    lock.lock()
    let fail = failuresLeft > 0
    if fail {
      failuresLeft -= 1
    } else {
      _bodies.append(Data(body))
      _headers.append(headers)
    }
    lock.unlock()
    let status = fail ? "500 Internal Server Error" : "200 OK"
    let response = "HTTP/1.1 \(status)\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
    _ = response.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
  }
}
