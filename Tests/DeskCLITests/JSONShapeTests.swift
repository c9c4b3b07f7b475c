import Foundation
import Testing

/// One JSON shape rule over the whole command tree: a command that names or makes exactly one
/// record prints an object; a command over a list, or over ids of which it may take several,
/// prints an array, even of one; numbers are numbers. Every leaf of the tree is in the table
/// below, so a new command cannot forget to say which it is.
@Suite("JSON shape rule")
struct JSONShapeTests {
  enum Shape: Equatable, CustomStringConvertible {
    case object, array
    var description: String { self == .object ? "object" : "array" }
  }

  /// How one leaf command is checked: run with these words (`--json` is added unless they give a
  /// `--format`), or why it prints no records.
  struct Case: CustomStringConvertible {
    let command: String
    let run: [String]
    let shape: Shape?
    let stdin: String?
    let noRecords: String?
    var description: String { command }

    static func object(_ command: String, _ run: [String], stdin: String? = nil) -> Case {
      Case(command: command, run: run, shape: .object, stdin: stdin, noRecords: nil)
    }
    static func array(_ command: String, _ run: [String], stdin: String? = nil) -> Case {
      Case(command: command, run: run, shape: .array, stdin: stdin, noRecords: nil)
    }
    static func none(_ command: String, because reason: String) -> Case {
      Case(command: command, run: [], shape: nil, stdin: nil, noRecords: reason)
    }
  }

  static let cases: [Case] = [
    .object("ticket new", ["ticket", "new", "Printer on fire", "--customer", "1", "-m", "Smoke"]),
    .array("ticket list", ["ticket", "list", "--all"]),
    .array("ticket show", ["ticket", "show", "1"]),
    .array("ticket reply", ["ticket", "reply", "1", "-m", "Looking"]),
    .array("ticket note", ["ticket", "note", "1", "-m", "Internal"]),
    .object("ticket ingest", ["ticket", "ingest", "--channel", "email", "--email", "anna@example.com", "-m", "More"]),
    .object("mail ingest", ["mail", "ingest"], stdin: "From: eve@example.com\nSubject: Hello\nMessage-ID: <shape@example.com>\n\nHi\n"),
    .array("ticket assign", ["ticket", "assign", "1", "--to", "bob"]),
    .array("ticket set", ["ticket", "set", "1", "--priority", "high"]),
    .array("ticket solve", ["ticket", "solve", "1"]),
    .array("ticket close", ["ticket", "close", "2"]),
    .array("ticket reopen", ["ticket", "reopen", "2"]),
    .array("ticket merge", ["ticket", "merge", "3", "--into", "1"]),
    .object("ticket link", ["ticket", "link", "1", "https://tracker.example.com/DEV-1"]),
    .object("ticket unlink", ["ticket", "unlink", "1", "https://tracker.example.com/DEV-9"]),
    .array("ticket history", ["ticket", "history", "1"]),
    .array("ticket attach", ["ticket", "attach", "1", "note.txt"]),
    .object("ticket attachment get", ["ticket", "attachment", "get", "1", "-o", "copy.txt"]),
    .array("ticket attachment list", ["ticket", "attachment", "list", "1"]),
    .array("tag add", ["tag", "add", "1", "vip"]),
    .array("tag rm", ["tag", "rm", "3", "wish-export"]),
    .array("tag list", ["tag", "list"]),
    .object("tag rename", ["tag", "rename", "wish-export", "feature-export"]),
    .object("tag merge", ["tag", "merge", "wish-export", "--into", "wish-all"]),
    .array("tag stats", ["tag", "stats", "--weekly"]),
    .object("view save", ["view", "save", "mine", "--assignee", "me"]),
    .array("view list", ["view", "list"]),
    .object("view show", ["view", "show", "recent"]),
    .object("view rm", ["view", "rm", "recent"]),
    .object("broadcast send", ["broadcast", "send", "--tag", "outage", "--template", "thanks", "--yes"]),
    .object("broadcast resume", ["broadcast", "resume", "1"]),
    .array("broadcast list", ["broadcast", "list"]),
    .object("broadcast show", ["broadcast", "show", "1"]),
    .object("rate give", ["rate", "2", "bad"]),
    .object("rate request", ["rate", "request", "2"]),
    .object("rate exclude", ["rate", "exclude", "2", "--reason", "wrong button", "--as", "adelia"]),
    .array("rate list", ["rate", "list", "--all"]),
    .object("rate nps", ["rate", "nps", "--customer", "1", "9"]),
    .object("report summary", ["report", "summary", "--week", "2026-W48"]),
    .array("report agents", ["report", "agents", "--week", "2026-W48"]),
    .array("report tags", ["report", "tags"]),
    .object("customer add", ["customer", "add", "Carl", "--email", "carl@example.com"]),
    .array("customer list", ["customer", "list"]),
    .object("customer show", ["customer", "show", "1"]),
    .object("customer edit", ["customer", "edit", "1", "--language", "ru"]),
    .object("customer merge", ["customer", "merge", "2", "--into", "1"]),
    .object("agent add", ["agent", "add", "carol", "--role", "agent"]),
    .array("agent list", ["agent", "list"]),
    .object("agent show", ["agent", "show", "bob"]),
    .object("agent edit", ["agent", "edit", "bob", "--name", "Robert"]),
    .object("agent deactivate", ["agent", "deactivate", "bob"]),
    .object("sla calendar add", ["sla", "calendar", "add", "office", "--tz", "UTC", "--hours", "mon-fri 09:00-18:00"]),
    .array("sla calendar list", ["sla", "calendar", "list"]),
    .object("sla calendar show", ["sla", "calendar", "show", "moscow"]),
    .object("sla calendar edit", ["sla", "calendar", "edit", "moscow", "--hours", "mon-fri 11:00-19:00"]),
    .object("sla calendar rm", ["sla", "calendar", "rm", "moscow"]),
    .object("sla policy add", ["sla", "policy", "add", "vip", "--first-response", "30m", "--tag", "vip"]),
    .array("sla policy list", ["sla", "policy", "list"]),
    .object("sla policy show", ["sla", "policy", "show", "default"]),
    .object("sla policy edit", ["sla", "policy", "edit", "default", "--first-response", "3h"]),
    .object("sla policy rm", ["sla", "policy", "rm", "default"]),
    .array("sla status", ["sla", "status"]),
    .object("sla set", ["sla", "set", "1", "default", "--reason", "agreed"]),
    .object("template add", ["template", "add", "bye", "-m", "Bye {{customer.name}}"]),
    .object("template edit", ["template", "edit", "thanks", "-m", "Thank you"]),
    .array("template list", ["template", "list"]),
    .object("template show", ["template", "show", "thanks"]),
    .object("template render", ["template", "render", "thanks", "1"]),
    .object("template rm", ["template", "rm", "unused"]),
    .object("rule add", ["rule", "add", "vip", "--on", "created", "--if-text", "urgent", "--set-priority", "high"]),
    .object("rule edit", ["rule", "edit", "money", "--if-text", "invoice,bill"]),
    .array("rule list", ["rule", "list"]),
    .object("rule show", ["rule", "show", "money"]),
    .object("rule enable", ["rule", "enable", "money"]),
    .object("rule disable", ["rule", "disable", "money"]),
    .object("rule rm", ["rule", "rm", "money"]),
    .array("rule test", ["rule", "test", "--text", "invoice please"]),
    .object("kb add", ["kb", "add", "refunds", "--title", "Refunds", "-m", "Ask billing."]),
    .object("kb edit", ["kb", "edit", "reset-password", "--title", "Reset it"]),
    .object("kb show", ["kb", "show", "reset-password"]),
    .array("kb list", ["kb", "list"]),
    .array("kb search", ["kb", "search", "password"]),
    .array("kb suggest", ["kb", "suggest", "1"]),
    .object("kb publish", ["kb", "publish", "reset-password"]),
    .object("kb unpublish", ["kb", "unpublish", "reset-password"]),
    .array("kb history", ["kb", "history", "reset-password"]),
    .object("kb rm", ["kb", "rm", "reset-password"]),
    .array("kb export", ["kb", "export", "--format", "json"]),
    .object("kb import", ["kb", "import", "kb-in"]),
    .object("autoreply set", ["autoreply", "set", "telegram", "after-hours", "thanks"]),
    .array("autoreply list", ["autoreply", "list"]),
    .object("autoreply rm", ["autoreply", "rm", "email", "after-hours"]),
    .array("outbox list", ["outbox", "list"]),
    .object("outbox show", ["outbox", "show", "1"]),
    .array("outbox retry", ["outbox", "retry", "1"]),
    .array("outbox drop", ["outbox", "drop", "1"]),
    .array("outbox deliver", ["outbox", "deliver", "--dry-run"]),
    .object("outbox adapter set", ["outbox", "adapter", "set", "email", "webhook", "http://127.0.0.1:9/hook"]),
    .array("outbox adapter list", ["outbox", "adapter", "list"]),
    .object("outbox adapter rm", ["outbox", "adapter", "rm", "notify"]),
    .array("cron", ["cron", "--dry-run"]),
    .none("telegram connect", because: "it needs a Bot API server: TelegramTests checks its --json object"),
    .none("telegram status", because: "it needs a connected bot: TelegramTests checks its --json object"),
    .none("telegram run", because: "it needs a Bot API server: TelegramTests checks its --json array"),
    .none("telegram update", because: "it needs a connected bot: TelegramTests checks its --json object"),
    .array("config list", ["config", "list"]),
    .object("config get", ["config", "get", "ticket.types"]),
    .object("config set", ["config", "set", "attachment.max-bytes", "1000000"]),
    .object("config unset", ["config", "unset", "attachment.max-bytes"]),
    .object("db init", ["db", "init"]),
    .array("db check", ["db", "check"]),
    .none("db backup", because: "copies the database to a file and says where; it prints no record"),
    .object("db info", ["db", "info"]),
    .object("db import", ["db", "import", "-"], stdin: #"{"record":"customer","name":"Dora","email":"dora@example.com"}"# + "\n"),
    .none("shell", because: "runs other commands, which print their own records"),
    .none("completion", because: "prints a shell script"),
    .none("__complete", because: "prints completion candidates for the shell scripts"),
    .object("version", ["version"]),
  ]

  /// Every leaf of the command tree, as `ticket attachment get`, from the parser's own dump.
  static func leaves() throws -> [String] {
    let dump = try Sandbox().ok("--experimental-dump-help").object()
    var found: [String] = []
    func walk(_ command: [String: Any], _ path: [String]) {
      let subs = (command["subcommands"] as? [[String: Any]] ?? []).filter { $0["commandName"] as? String != "help" }
      if subs.isEmpty { found.append(path.joined(separator: " ")) }
      for sub in subs { walk(sub, path + [sub["commandName"] as! String]) }
    }
    walk(try #require(dump["command"] as? [String: Any]), [])
    return found.sorted()
  }

  @Test("every leaf command is in the shape table, and the table names no command that is gone")
  func tableCoversTheTree() throws {
    let table = Self.cases.map(\.command)
    #expect(Set(table).count == table.count, "a command is in the table twice")
    #expect(try Self.leaves() == table.sorted())
  }

  /// A desk with something of every kind, made once; each case runs on its own copy.
  static let prepared: String = {
    let s = Sandbox.team()
    s.ok("customer", "add", "Boris", "--email", "boris@example.com")
    s.ok("template", "add", "thanks", "-m", "Thanks, {{customer.name}}")
    s.ok("template", "add", "unused", "-m", "Never sent")
    s.ok("sla", "calendar", "add", "moscow", "--tz", "Europe/Moscow", "--hours", "mon-fri 10:00-19:00")
    s.ok("sla", "policy", "add", "default", "--first-response", "2h", "--default")
    s.ok("ticket", "new", "Salary import fails", "--customer", "1", "--channel", "email", "-m", "Stops at row 1200")
    s.ok("ticket", "new", "Invoice missing", "--customer", "2", "--channel", "email", "-m", "Where is it?")
    s.ok("ticket", "new", "Export to Excel", "--customer", "1", "--channel", "email", "-m", "Please add it")
    FileManager.default.createFile(atPath: s.dir + "/note.txt", contents: Data("a log\n".utf8))
    s.ok("ticket", "attach", "1", s.dir + "/note.txt")
    s.ok("ticket", "link", "1", "https://tracker.example.com/DEV-9")
    s.ok("ticket", "reply", "2", "-m", "Sent again")
    s.ok("ticket", "solve", "2")
    s.ok("rate", "2", "great")
    s.ok("tag", "add", "1", "2", "outage")
    s.ok("tag", "add", "3", "wish-export")
    s.ok("view", "save", "recent", "--all")
    s.ok("rule", "add", "money", "--on", "created", "--if-text", "invoice", "--set-type", "finance")
    s.ok("autoreply", "set", "email", "after-hours", "thanks")
    s.ok("kb", "add", "reset-password", "--title", "Reset your password", "-m", "Open settings, then password.")
    s.ok("broadcast", "send", "--tag", "outage", "--template", "thanks", "--keep-tag", "--yes")
    s.ok("outbox", "adapter", "set", "notify", "webhook", "http://127.0.0.1:9/notify")
    s.ok("rate", "nps", "--customer", "1", "8")
    let kb = s.dir + "/kb-in/en"
    try! FileManager.default.createDirectory(atPath: kb, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: kb + "/faq.md", contents: Data("---\ntitle: FAQ\n---\nAsk us.\n".utf8))
    let copy = NSTemporaryDirectory() + "desk-json-shape-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
    for name in try! FileManager.default.contentsOfDirectory(atPath: s.dir) where !name.hasPrefix(".") {
      try! FileManager.default.copyItem(atPath: s.dir + "/" + name, toPath: copy + "/" + name)
    }
    return copy
  }()

  /// A sandbox holding a copy of the prepared desk.
  static func sandbox() throws -> Sandbox {
    let s = Sandbox()
    for name in try FileManager.default.contentsOfDirectory(atPath: prepared) {
      try? FileManager.default.removeItem(atPath: s.dir + "/" + name)  // the sandbox's own new database
      try FileManager.default.copyItem(atPath: prepared + "/" + name, toPath: s.dir + "/" + name)
    }
    return s
  }

  @Test("each command prints the JSON shape of the rule, with numbers as numbers", arguments: cases.filter { $0.shape != nil })
  func shape(_ c: Case) throws {
    let s = try Self.sandbox()
    let words = c.run.contains("--format") ? c.run : c.run + ["--json"]
    let r = s.run(words, stdin: c.stdin.map { Data($0.utf8) })
    try #require(r.status == 0, "desk \(words.joined(separator: " ")): \(r)")
    let json = try r.json()
    switch c.shape {
    case .object: #expect(json is [String: Any], "\(c.command) prints \(r.stdout.prefix(200))")
    case .array:
      let items = try #require(json as? [Any], "\(c.command) prints \(r.stdout.prefix(200))")
      #expect(items.allSatisfy { $0 is [String: Any] })
    case nil: break
    }
    #expect(Self.numbersAsText(json) == [], "\(c.command)")
  }

  /// Keys whose values are text even when they look like numbers.
  static let textual: Set<String> = ["accounts", "value", "version", "schema", "sqlite", "desk", "default", "migrations", "key"]

  /// Where a count or an id reads as a string: `"weekly":["4"]`, `"tickets":["1","2"]`.
  static func numbersAsText(_ json: Any, key: String = "") -> [String] {
    switch json {
    case let object as [String: Any]:
      return object.keys.sorted().flatMap { numbersAsText(object[$0]!, key: $0) }
    case let array as [Any]:
      return array.flatMap { numbersAsText($0, key: key) }
    case let text as String:
      return !textual.contains(key) && !text.isEmpty && text.allSatisfy(\.isNumber) ? ["\(key): \"\(text)\""] : []
    default:
      return []
    }
  }
}

@Suite("JSON shape rule, exact outputs")
struct JSONShapeExactTests {
  @Test("ticket show --json is an array even of one, and --fields picks among the card's fields")
  func ticketShowFields() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Salary import fails", "--customer", "1", "-m", "Stops at row 1200")
    s.ok("ticket", "new", "Second", "--customer", "1", "-m", "Again")
    #expect(
      s.ok("ticket", "show", "1", "--json", "--fields", "id,subject").stdout == "[\n{\"id\":1,\"subject\":\"Salary import fails\"}\n]\n")
    #expect(
      s.ok("ticket", "show", "1", "2", "--format", "jsonl", "--fields", "id,customer_id").stdout
        == "{\"id\":1,\"customer_id\":1}\n{\"id\":2,\"customer_id\":1}\n")
    let messages = try s.ok("ticket", "show", "1", "--json", "--fields", "messages").array()
    #expect(messages.count == 1 && messages[0].keys.sorted() == ["messages"])
    let before = try s.snapshot()
    let bad = s.run("ticket", "show", "1", "--json", "--fields", "id,nope")
    #expect(bad.status == 64)
    #expect(bad.stdout == "")
    #expect(bad.stderr.contains("unknown field 'nope'; valid fields: id, subject,"))
    #expect(bad.stderr.contains("earlier_tickets, sla"))
    #expect(try s.snapshot() == before)
  }

  @Test("rm --json prints what it removed as an object, and the sentence stays for people")
  func removalObjects() throws {
    let s = Sandbox.team()
    s.ok("view", "save", "recent", "--all")
    s.ok("view", "save", "old", "--all")
    s.ok("template", "add", "bye", "-m", "Bye")
    #expect(
      s.ok("view", "rm", "recent", "--json").stdout == #"{"removed":true,"kind":"view","name":"recent","language":null,"cleared":[]}"#
        + "\n")
    #expect(s.ok("view", "rm", "old").stdout == "view old: removed\n")
    #expect(
      s.ok("template", "rm", "bye", "--json").stdout == #"{"removed":true,"kind":"template","name":"bye","language":null,"cleared":[]}"#
        + "\n")
    #expect(
      s.ok("autoreply", "rm", "email", "after-hours", "--json").stdout
        == #"{"removed":false,"kind":"autoreply","name":"email after-hours","language":null,"cleared":[]}"# + "\n")
    let before = try s.snapshot()
    #expect(s.run("rule", "rm", "nothing", "--json", "--fields", "nope").status == 64)
    #expect(try s.snapshot() == before)
  }

  @Test("config get and set --json print the setting as an object; plain text stays for people")
  func configObjects() throws {
    let s = Sandbox.team()
    #expect(s.ok("config", "get", "attachment.max-bytes").stdout == "26214400\n")
    #expect(
      s.ok("config", "set", "attachment.max-bytes", "1000", "--json", "--fields", "key,value,default").stdout
        == #"{"key":"attachment.max-bytes","value":"1000","default":false}"# + "\n")
    #expect(
      s.ok("config", "get", "attachment.max-bytes", "--json", "--fields", "key,value,default").stdout
        == #"{"key":"attachment.max-bytes","value":"1000","default":false}"# + "\n")
    #expect(
      s.ok("config", "unset", "attachment.max-bytes", "--format", "jsonl", "--fields", "value,default").stdout
        == #"{"value":"26214400","default":true}"# + "\n")
    #expect(s.ok("config", "set", "attachment.max-bytes", "2000").stdout == "attachment.max-bytes = 2000\n")
  }

  @Test("report tags --json counts per week as numbers; CSV is unchanged")
  func reportTagsNumbers() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Down", "--customer", "1", "-m", "Down", "--tag", "outage")
    #expect(
      s.ok("report", "tags", "--from", "2026-11-23", "--to", "2026-11-30", "--json", "--fields", "tag,tickets,weekly").stdout
        == "[\n{\"tag\":\"outage\",\"tickets\":1,\"weekly\":[1]}\n]\n")
    #expect(
      s.ok("report", "tags", "--from", "2026-11-23", "--to", "2026-11-30", "--csv", "--fields", "tag,weekly").stdout
        == "tag,weekly\noutage,1\n")
  }

  @Test("report summary --json honours --fields in its total and groups")
  func reportSummaryFields() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Down", "--customer", "1", "-m", "Down")
    let report = try s.ok("report", "summary", "--week", "2026-W48", "--json", "--fields", "created,solved").object()
    #expect(report.keys.sorted() == ["groups", "period", "total"])
    #expect(report["total"] as? [String: Int] == ["created": 1, "solved": 0])
    #expect(s.run("report", "summary", "--week", "2026-W48", "--json", "--fields", "nope").status == 64)
  }

  @Test("a command that names one record prints an object: agent show, version, ticket new")
  func oneRecordObjects() throws {
    let s = Sandbox.team()
    #expect(s.ok("agent", "show", "bob", "--json", "--fields", "login,role").stdout == #"{"login":"bob","role":"agent"}"# + "\n")
    #expect(
      s.ok("ticket", "new", "Hello", "--customer", "1", "-m", "Hi", "--json", "--fields", "id,status").stdout == #"{"id":1,"status":"new"}"#
        + "\n")
    #expect(s.ok("ticket", "solve", "1", "--json", "--fields", "id,status").stdout == "[\n{\"id\":1,\"status\":\"solved\"}\n]\n")
    #expect(s.ok("db", "info", "--json", "--fields", "schema").stdout.hasPrefix(#"{"schema":""#))
  }
}
