import Foundation

/// HTTP(S) POST through the system's libcurl (Curl.swift says why it is loaded on demand).
enum WebhookPost {
  /// Sends `body` as JSON with `headers`; nil on a 2xx answer, else why not.
  static func post(_ body: Data, to url: String, headers: [String], timeout: Int) -> String? {
    let curl: Curl
    switch Curl.load(for: "webhook delivery") {
    case .success(let c): curl = c
    case .failure(let error): return error.message
    }
    let sink: Curl.Callback = { _, size, count, _ in size * count }  // the answer's body is not needed
    return curl.session { s -> String? in
      body.withUnsafeBytes { bytes -> String? in
        s.set(Curl.Option.url, url)
        s.set(Curl.Option.protocols, Curl.protocolHTTP)
        s.set(Curl.Option.noSignal, 1)
        s.set(Curl.Option.timeout, timeout)
        s.set(Curl.Option.connectTimeout, timeout)
        s.set(Curl.Option.headers, list: headers)
        s.set(Curl.Option.postFieldSize, bytes.count)
        s.set(Curl.Option.postFields, pointer: bytes.baseAddress)
        s.set(Curl.Option.writeFunction, callback: sink)
        if let failure = s.perform() { return "webhook \(url): \(failure.text)" }
        let status = s.responseCode
        return (200..<300).contains(status) ? nil : "webhook \(url) answered HTTP \(status)"
      }
    } ?? "libcurl could not start"
  }
}
