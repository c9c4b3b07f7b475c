import Foundation

/// Where an smtp adapter sends: `smtps://host:465` (TLS from the start) or `smtp://host:587`
/// (STARTTLS required: curl refuses a server that does not offer it), with an optional login
/// whose password is read from a file only its owner can read, and an optional CA file for a
/// server whose certificate a private authority signed. Stored as the words of the command that set it.
public struct SMTPServer: Sendable, Equatable {
  public var url: String
  public var options: SMTPOptions

  public init(url: String, options: SMTPOptions = SMTPOptions()) {
    self.url = url
    self.options = options
  }

  /// The adapter's stored target: the URL, then `--user U`, `--password-file F`, `--ca-file F`.
  var target: [String] {
    [url] + (options.user.map { ["--user", $0] } ?? []) + (options.passwordFile.map { ["--password-file", $0] } ?? [])
      + (options.caFile.map { ["--ca-file", $0] } ?? [])
  }

  init(target: [String]) {
    url = target.first ?? ""
    func value(_ flag: String) -> String? { target.firstIndex(of: flag).flatMap { $0 + 1 < target.count ? target[$0 + 1] : nil } }
    options = SMTPOptions(user: value("--user"), passwordFile: value("--password-file"), caFile: value("--ca-file"))
  }

  /// Checks the URL and the files as they are set: an smtp or smtps URL with a host, a login with
  /// both parts, files made absolute (cron runs elsewhere), the password file readable by its owner only.
  func checked() throws -> SMTPServer {
    guard let parsed = URL(string: url), ["smtp", "smtps"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil,
      parsed.user == nil
    else {
      throw DeskError.usage("an smtp adapter needs one smtps://HOST[:PORT] or smtp://HOST[:PORT] URL (no login in it: --user)")
    }
    guard (options.user == nil) == (options.passwordFile == nil) else { throw DeskError.usage("--user and --password-file go together") }
    var checked = self
    checked.options.passwordFile = try options.passwordFile.map { path in
      let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
      _ = try SMTPServer.password(absolute)
      return absolute
    }
    checked.options.caFile = try options.caFile.map { path in
      let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
      guard FileManager.default.isReadableFile(atPath: absolute) else { throw DeskError.notFound("no readable CA file '\(path)'") }
      return absolute
    }
    return checked
  }

  /// The first line of the password file (SecretFile: only its owner may read it).
  static func password(_ path: String) throws -> String { try SecretFile.firstLine(path, "password file") }
}

/// The login and trust of an smtp adapter (`--user`, `--password-file`, `--ca-file`).
public struct SMTPOptions: Sendable, Equatable {
  public var user: String?
  public var passwordFile: String?
  public var caFile: String?
  public init(user: String? = nil, passwordFile: String? = nil, caFile: String? = nil) {
    self.user = user
    self.passwordFile = passwordFile
    self.caFile = caFile
  }
}

/// Mail by SMTP through libcurl.
enum SMTPSend {
  /// What one transfer reads and what the server said.
  private final class Transfer {
    let data: Data
    var offset = 0
    var replies: [String] = []
    init(_ data: Data) { self.data = data }
  }

  /// Sends `mail` (composed with CRLF) from `sender` to `recipient`; nil when the server took it. A
  /// 5xx answer is permanent (the message fails with the server's text); anything else is retried.
  static func send(_ mail: Data, from sender: EmailAddress, to recipient: EmailAddress, via server: SMTPServer, timeout: Int)
    -> DeliveryFailure?
  {
    let curl: Curl
    switch Curl.load(for: "SMTP delivery") {
    case .success(let c): curl = c
    case .failure(let error): return DeliveryFailure(text: error.message)
    }
    let password: String?
    do { password = try server.options.passwordFile.map(SMTPServer.password) } catch {
      return DeliveryFailure(text: (error as? DeskError)?.message ?? "\(error)")
    }
    let transfer = Transfer(mail)
    let read: Curl.Callback = { buffer, size, count, user in
      let t = Unmanaged<Transfer>.fromOpaque(user!).takeUnretainedValue()
      let n = min(size * count, t.data.count - t.offset)
      if n > 0 {
        t.data.withUnsafeBytes { buffer!.copyMemory(from: $0.baseAddress! + t.offset, byteCount: n) }
        t.offset += n
      }
      return n
    }
    let replies: Curl.Callback = { buffer, size, count, user in
      let t = Unmanaged<Transfer>.fromOpaque(user!).takeUnretainedValue()
      let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: size * count), as: UTF8.self)
      t.replies.append(line.trimmingCharacters(in: .whitespacesAndNewlines))
      return size * count
    }
    let box = Unmanaged.passUnretained(transfer).toOpaque()
    return withExtendedLifetime(transfer) {
      curl.session { s -> DeliveryFailure? in
        s.set(Curl.Option.url, server.url)
        s.set(Curl.Option.protocols, Curl.protocolSMTP)
        // smtp://: STARTTLS or nothing, so a login and the mail never cross the network in clear.
        s.set(Curl.Option.useSSL, Curl.useSSLAll)
        s.set(Curl.Option.noSignal, 1)
        s.set(Curl.Option.timeout, timeout)
        s.set(Curl.Option.connectTimeout, timeout)
        if let ca = server.options.caFile { s.set(Curl.Option.caInfo, ca) }
        if let user = server.options.user, let password {
          s.set(Curl.Option.username, user)
          s.set(Curl.Option.password, password)
        }
        s.set(Curl.Option.mailFrom, "<\(sender.text)>")
        s.set(Curl.Option.mailRecipients, list: ["<\(recipient.text)>"])
        s.set(Curl.Option.upload, 1)
        s.set(Curl.Option.readFunction, callback: read)
        s.set(Curl.Option.readData, pointer: UnsafeRawPointer(box))
        s.set(Curl.Option.headerFunction, callback: replies)
        s.set(Curl.Option.headerData, pointer: UnsafeRawPointer(box))
        guard let failure = s.perform() else { return nil }
        let code = s.responseCode
        let said = transfer.replies.last { $0.hasPrefix(String(code)) } ?? ""
        if (500..<600).contains(code) { return DeliveryFailure(text: "SMTP server answered \(said.isEmpty ? String(code) : said)", permanent: true) }
        if (400..<500).contains(code) { return DeliveryFailure(text: "SMTP server answered \(said.isEmpty ? String(code) : said)") }
        return DeliveryFailure(text: "\(server.url): \(failure.text)")
      } ?? DeliveryFailure(text: "libcurl could not start")
    }
  }
}
