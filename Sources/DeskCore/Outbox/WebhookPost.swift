import Foundation

/// HTTP(S) POST through the system's libcurl, loaded with dlopen the first time a webhook is
/// delivered. Linking libcurl (or FoundationNetworking, which does) would make every desk
/// command pay for loading it and its thirty libraries at start-up.
enum WebhookPost {
  private typealias EasyInit = @convention(c) () -> OpaquePointer?
  private typealias SetPointer = @convention(c) (OpaquePointer?, Int32, UnsafeRawPointer?) -> Int32
  private typealias SetLong = @convention(c) (OpaquePointer?, Int32, Int) -> Int32
  private typealias Perform = @convention(c) (OpaquePointer?) -> Int32
  private typealias GetInfo = @convention(c) (OpaquePointer?, Int32, UnsafeMutableRawPointer?) -> Int32
  private typealias Cleanup = @convention(c) (OpaquePointer?) -> Void
  private typealias ListAppend = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
  private typealias ListFree = @convention(c) (OpaquePointer?) -> Void
  private typealias ErrorText = @convention(c) (Int32) -> UnsafePointer<CChar>?
  private typealias Sink = @convention(c) (UnsafeMutableRawPointer?, Int, Int, UnsafeMutableRawPointer?) -> Int

  // From curl.h.
  private static let optURL: Int32 = 10002, optPostFields: Int32 = 10015, optPostFieldSize: Int32 = 60
  private static let optHeaders: Int32 = 10023, optTimeout: Int32 = 13, optConnectTimeout: Int32 = 78
  private static let optNoSignal: Int32 = 99, optWriteFunction: Int32 = 20011, optProtocols: Int32 = 181
  private static let infoResponseCode: Int32 = 0x200000 + 2

  /// Sends `body` as JSON with `headers`; nil on a 2xx answer, else why not.
  static func post(_ body: Data, to url: String, headers: [String], timeout: Int) -> String? {
    guard let lib = dlopen("libcurl.so.4", RTLD_NOW) ?? dlopen("libcurl.so", RTLD_NOW) else {
      return "webhook delivery needs libcurl (Debian: apt-get install libcurl4)"
    }
    func symbol<T>(_ name: String, _: T.Type) -> T? { dlsym(lib, name).map { unsafeBitCast($0, to: T.self) } }
    guard let easyInit = symbol("curl_easy_init", EasyInit.self), let setPointer = symbol("curl_easy_setopt", SetPointer.self),
      let setLong = symbol("curl_easy_setopt", SetLong.self), let perform = symbol("curl_easy_perform", Perform.self),
      let getInfo = symbol("curl_easy_getinfo", GetInfo.self), let cleanup = symbol("curl_easy_cleanup", Cleanup.self),
      let append = symbol("curl_slist_append", ListAppend.self), let free = symbol("curl_slist_free_all", ListFree.self),
      let errorText = symbol("curl_easy_strerror", ErrorText.self)
    else { return "the libcurl found lacks the functions desk needs" }
    guard let curl = easyInit() else { return "libcurl could not start" }
    defer { cleanup(curl) }
    var list: OpaquePointer? = nil
    for h in headers { list = append(list, h) }
    defer { free(list) }
    let sink: Sink = { _, size, count, _ in size * count }  // the answer's body is not needed
    return body.withUnsafeBytes { bytes -> String? in
      _ = url.withCString { setPointer(curl, optURL, $0) }
      _ = setLong(curl, optProtocols, 1 | 2)  // http and https only
      _ = setLong(curl, optNoSignal, 1)
      _ = setLong(curl, optTimeout, timeout)
      _ = setLong(curl, optConnectTimeout, timeout)
      _ = setPointer(curl, optHeaders, UnsafeRawPointer(list))
      _ = setLong(curl, optPostFieldSize, bytes.count)
      _ = setPointer(curl, optPostFields, bytes.baseAddress)
      _ = setPointer(curl, optWriteFunction, unsafeBitCast(sink, to: UnsafeRawPointer.self))
      let result = perform(curl)
      guard result == 0 else {
        return "webhook \(url): \(errorText(result).map { String(cString: $0) } ?? "error \(result)")"
      }
      var status = 0
      _ = getInfo(curl, infoResponseCode, &status)
      return (200..<300).contains(status) ? nil : "webhook \(url) answered HTTP \(status)"
    }
  }
}
