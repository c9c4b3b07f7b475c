import Foundation

/// The system's libcurl, loaded with dlopen the first time desk posts a webhook or sends mail by
/// SMTP. Linking libcurl (or FoundationNetworking, which does) would make every desk command pay
/// for loading it and its thirty libraries at start-up. The one table of its functions desk uses.
struct Curl {
  typealias Handle = OpaquePointer
  private typealias EasyInit = @convention(c) () -> OpaquePointer?
  private typealias SetPointer = @convention(c) (OpaquePointer?, Int32, UnsafeRawPointer?) -> Int32
  private typealias SetLong = @convention(c) (OpaquePointer?, Int32, Int) -> Int32
  private typealias Perform = @convention(c) (OpaquePointer?) -> Int32
  private typealias GetInfo = @convention(c) (OpaquePointer?, Int32, UnsafeMutableRawPointer?) -> Int32
  private typealias Cleanup = @convention(c) (OpaquePointer?) -> Void
  private typealias ListAppend = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
  private typealias ListFree = @convention(c) (OpaquePointer?) -> Void
  private typealias ErrorText = @convention(c) (Int32) -> UnsafePointer<CChar>?
  /// A read, write or header callback: (buffer, size, count, user data) → bytes handled.
  typealias Callback = @convention(c) (UnsafeMutableRawPointer?, Int, Int, UnsafeMutableRawPointer?) -> Int

  // Option and info numbers from curl.h.
  enum Option {
    static let url: Int32 = 10002, postFields: Int32 = 10015, postFieldSize: Int32 = 60, headers: Int32 = 10023
    static let timeout: Int32 = 13, connectTimeout: Int32 = 78, noSignal: Int32 = 99, protocols: Int32 = 181
    static let writeFunction: Int32 = 20011, writeData: Int32 = 10001, readFunction: Int32 = 20012, readData: Int32 = 10009
    static let headerFunction: Int32 = 20079, headerData: Int32 = 10029, upload: Int32 = 46
    static let useSSL: Int32 = 119, username: Int32 = 10173, password: Int32 = 10174, caInfo: Int32 = 10065
    static let mailFrom: Int32 = 10186, mailRecipients: Int32 = 10187
  }
  static let infoResponseCode: Int32 = 0x200000 + 2
  static let protocolHTTP = 1 | 2, protocolSMTP = 1 << 16 | 1 << 17
  static let useSSLAll = 3

  private let easyInit: EasyInit, setPointer: SetPointer, setLong: SetLong, performCall: Perform, getInfo: GetInfo
  private let cleanup: Cleanup, append: ListAppend, listFree: ListFree, errorText: ErrorText

  /// The library, or why it cannot be used (`what` names the delivery that needs it).
  static func load(for what: String) -> Result<Curl, DeskError> {
    guard let lib = dlopen("libcurl.so.4", RTLD_NOW) ?? dlopen("libcurl.so", RTLD_NOW) else {
      return .failure(.unavailable("\(what) needs libcurl (Debian: apt-get install libcurl4)"))
    }
    func symbol<T>(_ name: String, _: T.Type) -> T? { dlsym(lib, name).map { unsafeBitCast($0, to: T.self) } }
    guard let easyInit = symbol("curl_easy_init", EasyInit.self), let setPointer = symbol("curl_easy_setopt", SetPointer.self),
      let setLong = symbol("curl_easy_setopt", SetLong.self), let perform = symbol("curl_easy_perform", Perform.self),
      let getInfo = symbol("curl_easy_getinfo", GetInfo.self), let cleanup = symbol("curl_easy_cleanup", Cleanup.self),
      let append = symbol("curl_slist_append", ListAppend.self), let listFree = symbol("curl_slist_free_all", ListFree.self),
      let errorText = symbol("curl_easy_strerror", ErrorText.self)
    else { return .failure(.unavailable("the libcurl found lacks the functions desk needs")) }
    return .success(
      Curl(
        easyInit: easyInit, setPointer: setPointer, setLong: setLong, performCall: perform, getInfo: getInfo, cleanup: cleanup,
        append: append, listFree: listFree, errorText: errorText))
  }

  /// Runs `body` with a fresh easy handle and a place for string lists that live as long as it.
  func session<T>(_ body: (Session) -> T) -> T? {
    guard let handle = easyInit() else { return nil }
    let session = Session(curl: self, handle: handle)
    defer {
      session.lists.forEach { listFree($0) }
      cleanup(handle)
    }
    return body(session)
  }

  /// One transfer being set up and performed.
  final class Session {
    let curl: Curl
    let handle: Handle
    fileprivate var lists: [OpaquePointer] = []
    fileprivate init(curl: Curl, handle: Handle) {
      self.curl = curl
      self.handle = handle
    }

    func set(_ option: Int32, _ value: Int) { _ = curl.setLong(handle, option, value) }
    func set(_ option: Int32, _ value: String) { _ = value.withCString { curl.setPointer(handle, option, $0) } }
    func set(_ option: Int32, pointer: UnsafeRawPointer?) { _ = curl.setPointer(handle, option, pointer) }
    func set(_ option: Int32, callback: Callback) { _ = curl.setPointer(handle, option, unsafeBitCast(callback, to: UnsafeRawPointer.self)) }
    /// A curl_slist of `items`, freed with the session.
    func set(_ option: Int32, list items: [String]) {
      var list: OpaquePointer? = nil
      for item in items { list = curl.append(list, item) }
      if let list { lists.append(list) }
      _ = curl.setPointer(handle, option, UnsafeRawPointer(list))
    }

    /// Performs the transfer: nil, or curl's description of what went wrong.
    func perform() -> (code: Int32, text: String)? {
      let result = curl.performCall(handle)
      return result == 0 ? nil : (result, curl.errorText(result).map { String(cString: $0) } ?? "error \(result)")
    }

    /// The last response code (HTTP status, SMTP reply).
    var responseCode: Int {
      var status = 0
      _ = curl.getInfo(handle, Curl.infoResponseCode, &status)
      return status
    }
  }
}
