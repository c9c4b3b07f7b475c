import Foundation
import GRDB
import Testing

/// What one run of the real `desk` binary did.
struct Run: CustomStringConvertible {
  let status: Int32
  let stdout: String
  let stderr: String
  var stdoutData: Data

  var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
  var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }

  /// stdout parsed as JSON.
  func json() throws -> Any { try JSONSerialization.jsonObject(with: stdoutData, options: [.fragmentsAllowed]) }
  func object() throws -> [String: Any] { try #require(try json() as? [String: Any], "not an object: \(stdout)") }
  func array() throws -> [[String: Any]] { try #require(try json() as? [[String: Any]], "not an array: \(stdout)") }
}

/// A temporary home with its own database, in which tests run `desk` as a real process.
final class Sandbox {
  let dir: String
  var db: String { dir + "/desk.db" }
  var env: [String: String]

  /// The last migration: what `db info` and `db init` report as the schema.
  static let schema = "v13-telegram"

  static let binary: String = {
    let env = ProcessInfo.processInfo.environment
    if let bin = env["DESK_BIN"] { return bin }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("desk").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/desk").path
  }()

  init(now: String = "2026-11-24T10:00:00Z", agent: String? = "root") {
    dir = NSTemporaryDirectory() + "desk-test-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    env = [
      "PATH": "/usr/bin:/bin", "HOME": dir, "TZ": "UTC", "DESK_DB": dir + "/desk.db", "LANG": "C.UTF-8",
      "USER": "root",
    ]
    env["DESK_NOW"] = now
    if let agent { env["DESK_AGENT"] = agent }
    // desk makes only its default database by itself; DESK_DB names one that must exist, as a script's does.
    let made = run(["db", "init"])
    #expect(made.status == 0, "desk db init failed: \(made)")
  }

  deinit { try? FileManager.default.removeItem(atPath: dir) }

  /// Runs desk with `args`; `stdin` is fed and closed (empty when nil).
  @discardableResult
  func run(_ args: [String], stdin: Data? = nil, executable: String = Sandbox.binary, env extra: [String: String] = [:]) -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = args
    process.environment = env.merging(extra) { _, new in new }
    process.currentDirectoryURL = URL(fileURLWithPath: dir)
    let id = UUID().uuidString
    let outPath = dir + "/.out-\(id)"
    let errPath = dir + "/.err-\(id)"
    let inPath = dir + "/.in-\(id)"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    _ = FileManager.default.createFile(atPath: inPath, contents: stdin ?? Data())
    let out = FileHandle(forWritingAtPath: outPath)!
    let err = FileHandle(forWritingAtPath: errPath)!
    let input = FileHandle(forReadingAtPath: inPath)!
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try! process.run()
    process.waitUntilExit()
    try? out.close()
    try? err.close()
    try? input.close()
    let o = FileManager.default.contents(atPath: outPath) ?? Data()
    let e = FileManager.default.contents(atPath: errPath) ?? Data()
    for p in [outPath, errPath, inPath] { try? FileManager.default.removeItem(atPath: p) }
    return Run(
      status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self), stdoutData: o)
  }

  func run(_ args: String..., stdin: String? = nil, env: [String: String] = [:]) -> Run {
    run(args, stdin: stdin.map { Data($0.utf8) }, env: env)
  }

  /// Starts desk with `args` in the background, its output discarded; the caller waits for it.
  func start(_ args: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Sandbox.binary)
    process.arguments = args
    process.environment = env
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Runs and requires exit 0.
  @discardableResult
  func ok(_ args: String..., stdin: String? = nil, env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) -> Run {
    let r = run(args, stdin: stdin.map { Data($0.utf8) }, env: env)
    #expect(r.status == 0, "desk \(args.joined(separator: " ")) failed: \(r)", sourceLocation: sourceLocation)
    return r
  }

  /// A desk with an admin `root`, agents `adelia` (lead) and `bob` (agent), and customer 1 Anna.
  static func team(now: String = "2026-11-24T10:00:00Z") -> Sandbox {
    let s = Sandbox(now: now)
    s.ok("agent", "add", "root", "--role", "admin", "--name", "Root Admin")
    s.ok("agent", "add", "adelia", "--role", "lead", "--name", "Adelia K.", "--skill", "finance")
    s.ok("agent", "add", "bob", "--role", "agent", "--name", "Bob")
    s.ok("customer", "add", "Anna Petrova", "--email", "anna@example.com", "--handle", "telegram:@anna", "--account", "100234")
    return s
  }

  /// Reads the database directly, to check what a command left behind.
  func query<T>(_ body: (Database) throws -> T) throws -> T {
    var config = Configuration()
    config.readonly = true
    let queue = try DatabaseQueue(path: db, configuration: config)
    defer { try? queue.close() }
    return try queue.read(body)
  }

  func scalar(_ sql: String) throws -> String? {
    try query { try String.fetchOne($0, sql: sql) }
  }

  /// Every row of every table, as text: equal before and after means nothing changed.
  func snapshot() throws -> String {
    try query { db in
      var out = ""
      let tables = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      for table in tables {
        out += "## \(table)\n"
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).sorted()
        out += rows.joined(separator: "\n") + "\n"
      }
      return out
    }
  }
}

/// A seeded generator (SplitMix64) for the property tests, so that a failing case can be replayed.
struct SeededNumbers {
  var state: UInt64
  /// A non-negative number.
  mutating func next() -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
  }
}
