import Foundation
import Testing

/// A private postfix for the mail tests: its own configuration, queue and data directories in a
/// temporary folder, local delivery only (no smtpd, nothing listens on a port), and never the
/// machine's /etc/postfix instance. Mail for `help@desk.test` and for `bounces+ANYTHING@desk.test`
/// (a VERP envelope sender's bounces, `recipient_delimiter = +`) goes through /etc/aliases-style
/// `|command` delivery (local(8)); mail for `help@pipe.desk.test` through a pipe(8) transport in
/// master.cf; mail for `NAME@customers.test` lands in the Maildir `maildir(NAME)`. Both pipes run
/// as `Postfix.deskUser`, the account that owns the desk database in the documented set-up: local(8)
/// runs an alias's command as the owner of the alias database, pipe(8) as its `user=`.
/// Stopped in deinit, also when a test fails.
final class Postfix {
  /// The domain whose mail the alias takes (`help@desk.test`).
  static let aliasDomain = "desk.test"
  /// The domain whose mail the pipe transport takes (`help@pipe.desk.test`).
  static let pipeDomain = "pipe.desk.test"
  /// The domain whose addresses are Maildirs under `maildirs/`.
  static let mailboxDomain = "customers.test"
  /// The alias bounces come back to: an envelope sender `bounces@desk.test`, with `+<outbox id>` under VERP.
  static let bounceLocal = "bounces"
  /// The unprivileged account the pipes run as (Debian's `mail`; a real set-up makes a `desk` user).
  static let deskUser = "mail"

  let dir: String
  var configDirectory: String { dir + "/conf" }
  let uid: uid_t
  let gid: gid_t

  /// Why postfix cannot run on this machine, or nil when it can.
  static let unavailable: String? = {
    guard getuid() == 0 else { return "the tests do not run as root (postfix starts only as root)" }
    for tool in ["/usr/sbin/postfix", "/usr/sbin/postalias", "/usr/sbin/postmap", "/usr/sbin/sendmail", "/usr/sbin/postqueue", "/usr/sbin/runuser"]
    where !FileManager.default.isExecutableFile(atPath: tool) {
      return "\(tool) is missing (make deps installs postfix)"
    }
    for user in ["postfix", deskUser] where getpwnam(user) == nil { return "no user \(user)" }
    if getgrnam("postdrop") == nil { return "no group postdrop" }
    return nil
  }()

  /// Whether the postfix tests run: on CI they always do (and fail if postfix cannot start);
  /// elsewhere they are skipped, saying why, when postfix cannot run.
  static let runs: Bool = {
    guard let why = unavailable else { return true }
    if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
    FileHandle.standardError.write(Data("postfix cannot run here: \(why)\n".utf8))
    return false
  }()

  /// Starts postfix with `command` as the command line of both pipes (the alias's `|command` and
  /// the pipe transport's `argv=command --recipient ${original_recipient}`).
  init(command: String) throws {
    if let why = Postfix.unavailable { throw Failure("postfix cannot run here: \(why)") }
    guard let account = getpwnam(Postfix.deskUser) else { throw Failure("no user \(Postfix.deskUser)") }
    uid = account.pointee.pw_uid
    gid = account.pointee.pw_gid
    dir = NSTemporaryDirectory() + "desk-postfix-" + UUID().uuidString
    let files = FileManager.default
    for sub in ["", "/conf", "/queue", "/data", "/maps", "/maildirs"] {
      try files.createDirectory(atPath: dir + sub, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    }
    // postfix checks that its data directory is its own, and virtual(8) writes the Maildirs as deskUser.
    try own(dir + "/data", uid: postfixUID(), gid: gid)
    try own(dir + "/maildirs", uid: uid, gid: gid)
    try write(configDirectory + "/main.cf", mainCF)
    try write(configDirectory + "/master.cf", masterCF(command: command))
    try write(dir + "/maps/aliases", "help: \"|\(command)\"\n\(Postfix.bounceLocal): \"|\(command)\"\n")
    try write(dir + "/maps/transport", "\(Postfix.pipeDomain) desk:\n")
    try write(dir + "/maps/mailboxes", "")
    try postfix("/usr/sbin/postalias", dir + "/maps/aliases")
    // local(8) runs an alias's command as the owner of the alias database: the desk user.
    try own(dir + "/maps/aliases", uid: uid, gid: gid)
    try own(dir + "/maps/aliases.db", uid: uid, gid: gid)
    try postfix("/usr/sbin/postmap", dir + "/maps/transport")
    try postfix("/usr/sbin/postmap", dir + "/maps/mailboxes")
    try postfix("/usr/sbin/postfix", "start")
  }

  deinit {
    let pidFile = (try? String(contentsOfFile: dir + "/queue/pid/master.pid", encoding: .utf8)) ?? ""
    _ = try? postfix("/usr/sbin/postfix", "stop")
    // postfix stop signals master; the folder goes once master has exited.
    if let master = pid_t(pidFile.trimmingCharacters(in: .whitespacesAndNewlines)) {
      _ = try? waitUntil("postfix to stop") { kill(master, 0) != 0 }
    }
    try? FileManager.default.removeItem(atPath: dir)
  }

  /// The Maildir `name@customers.test` delivers to (made on first use).
  func addMailbox(_ name: String) throws {
    let map = dir + "/maps/mailboxes"
    let lines = (try String(contentsOfFile: map, encoding: .utf8)) + "\(name)@\(Postfix.mailboxDomain) \(name)/\n"
    try write(map, lines)
    try postfix("/usr/sbin/postmap", map)
  }

  /// The messages delivered to the Maildir of `name`, oldest first.
  func maildir(_ name: String) -> [Data] {
    let new = dir + "/maildirs/\(name)/new"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: new)) ?? []).sorted()
    return names.compactMap { FileManager.default.contents(atPath: new + "/" + $0) }
  }

  /// Hands `message` to postfix as `sendmail -C <config> -i -f sender recipients…` does.
  func send(_ message: Data, from sender: String, to recipients: [String]) throws {
    try postfix("/usr/sbin/sendmail", ["-i", "-f", sender, "--"] + recipients, stdin: message)
  }

  /// Asks postfix to retry every deferred message now (`postqueue -f`).
  func flush() throws { try postfix("/usr/sbin/postqueue", "-f") }

  /// One message in postfix's queue, as `postqueue -j` shows it.
  struct Queued: Equatable {
    let queue: String
    let sender: String
    let recipients: [String]
    let reasons: [String]
  }

  /// The messages postfix holds (incoming, active, deferred, hold).
  func queue() throws -> [Queued] {
    let out = try postfix("/usr/sbin/postqueue", "-j")
    return try out.split(separator: "\n").map { line in
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let recipients = (object["recipients"] as? [[String: Any]]) ?? []
      return Queued(
        queue: object["queue_name"] as? String ?? "", sender: object["sender"] as? String ?? "",
        recipients: recipients.compactMap { $0["address"] as? String },
        reasons: recipients.compactMap { $0["delay_reason"] as? String })
    }
  }

  /// What postfix logged (its maillog_file): for a failing test's message.
  var log: String { (try? String(contentsOfFile: dir + "/data/maillog", encoding: .utf8)) ?? "" }

  /// Polls `condition` until it holds; a generous deadline only so that a broken set-up fails
  /// instead of hanging. Tests count deliveries, never time them.
  func waitUntil(_ what: String, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(120)
    while try !condition() {
      guard Date() < deadline else { throw Failure("timed out waiting for \(what); postfix log:\n\(log)") }
      usleep(50_000)
    }
  }

  /// Gives `path` (a desk database, a folder of it) to the desk user, as the documented set-up has it.
  func handOver(_ path: String) throws {
    try own(path, uid: uid, gid: gid)
    if let inside = FileManager.default.enumerator(atPath: path) {
      for case let sub as String in inside { try own(path + "/" + sub, uid: uid, gid: gid) }
    }
  }

  /// Runs desk on `sandbox` as the desk user (`runuser -u <deskUser> -- desk …`), as README's agents
  /// (`sudo -u desk desk …`) and the desk user's crontab do; the database must be handed over first.
  func desk(_ sandbox: Sandbox, _ args: [String], env: [String: String] = [:]) -> Run {
    sandbox.run(["-u", Postfix.deskUser, "--", Sandbox.binary] + args, executable: "/usr/sbin/runuser", env: env)
  }

  private var mainCF: String {
    """
    compatibility_level = 3.6
    config_directory = \(configDirectory)
    queue_directory = \(dir)/queue
    data_directory = \(dir)/data
    maillog_file_prefixes = \(dir)/data
    maillog_file = \(dir)/data/maillog
    syslog_name = postfix-desk-test
    myhostname = mx.\(Postfix.aliasDomain)
    mydomain = \(Postfix.aliasDomain)
    myorigin = \(Postfix.aliasDomain)
    mydestination = \(Postfix.aliasDomain)
    inet_interfaces = loopback-only
    inet_protocols = ipv4
    alias_maps = hash:\(dir)/maps/aliases
    alias_database = hash:\(dir)/maps/aliases
    local_recipient_maps = $alias_maps
    recipient_delimiter = +
    transport_maps = hash:\(dir)/maps/transport
    desk_destination_recipient_limit = 1
    virtual_mailbox_domains = \(Postfix.mailboxDomain)
    virtual_mailbox_base = \(dir)/maildirs
    virtual_mailbox_maps = hash:\(dir)/maps/mailboxes
    virtual_uid_maps = static:\(uid)
    virtual_gid_maps = static:\(gid)
    virtual_minimum_uid = 1
    relayhost =
    relay_domains =
    default_transport = error:the tests send no mail off this machine
    biff = no

    """
  }

  /// Postfix's own services without smtpd or any inet listener, nothing chrooted, and the `desk` pipe.
  private func masterCF(command: String) -> String {
    let services = [
      "pickup unix n - n 60 1 pickup", "cleanup unix n - n - 0 cleanup", "qmgr unix n - n 300 1 qmgr",
      "rewrite unix - - n - - trivial-rewrite", "bounce unix - - n - 0 bounce", "defer unix - - n - 0 bounce",
      "trace unix - - n - 0 bounce", "verify unix - - n - 1 verify", "flush unix n - n 1000? 0 flush",
      "proxymap unix - - n - - proxymap", "showq unix n - n - - showq", "error unix - - n - - error",
      "retry unix - - n - - error", "discard unix - - n - - discard", "local unix - n n - - local",
      "virtual unix - n n - - virtual", "anvil unix - - n - 1 anvil", "scache unix - - n - 1 scache",
      "postlog unix-dgram n - n - 1 postlogd",
      "desk unix - n n - - pipe flags=DOR user=\(Postfix.deskUser) argv=\(command) --recipient ${original_recipient}",
    ]
    return services.joined(separator: "\n") + "\n"
  }

  @discardableResult
  private func postfix(_ tool: String, _ args: String...) throws -> String { try postfix(tool, args, stdin: nil) }

  /// Runs one of postfix's tools on this instance's configuration (`-c`); its output, or a Failure.
  @discardableResult
  private func postfix(_ tool: String, _ args: [String], stdin: Data?) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = (tool.hasSuffix("/sendmail") ? ["-C", configDirectory] : ["-c", configDirectory]) + args
    process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "MAIL_CONFIG": configDirectory]
    let output = Pipe()
    let input = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(stdin ?? Data())
    try input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure("\(tool) \(args.joined(separator: " ")) exited \(process.terminationStatus): \(text)")
    }
    return text
  }

  private func write(_ path: String, _ text: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  private func own(_ path: String, uid: uid_t, gid: gid_t) throws {
    guard chown(path, uid, gid) == 0 else { throw Failure("chown \(path): \(String(cString: strerror(errno)))") }
  }

  private func postfixUID() throws -> uid_t {
    guard let account = getpwnam("postfix") else { throw Failure("no user postfix") }
    return account.pointee.pw_uid
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }
}
