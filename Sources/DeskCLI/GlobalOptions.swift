import ArgumentParser
import DeskCore
import Foundation

/// Options every command takes: where the database is, who acts, how output looks.
struct GlobalOptions: ParsableArguments {
  @OptionGroup var connection: DeskOptions
  @OptionGroup var output: OutputOptions

  var login: String { connection.login }
  func openDesk() throws -> Desk { try connection.openDesk() }
}

/// Where the database is and who acts: `--db`, `--as`.
struct DeskOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The database file (default: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db, made on first use).", valueName: "path"))
  var db: String?

  @Option(
    name: .customLong("as"), help: ArgumentHelp("Act as this agent (default: $DESK_AGENT, else the user's login name).", valueName: "login"))
  var actAs: String?

  /// The login acting: `--as`, else `DESK_AGENT`, else the login name.
  var login: String {
    if let actAs, !actAs.isEmpty { return actAs }
    let env = Terminal.env
    if let agent = env["DESK_AGENT"], !agent.isEmpty { return agent }
    if let user = env["USER"] ?? env["LOGNAME"], !user.isEmpty { return user }
    if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return "unknown"
  }

  /// The database `--db` names, else `DESK_DB`, else the default location.
  func databaseLocation() throws -> DatabaseLocation { try DatabaseLocation.resolve(named: db, env: Terminal.env) }

  func openDesk() throws -> Desk {
    // One copy of the environment a run (Terminal.env): each `ProcessInfo.environment` builds it anew, 0.37M instructions.
    let clock = try Clock.fromEnvironment(Terminal.env)
    Display.now = clock.now
    let database = try AppDatabase.open(try databaseLocation())
    return Desk(database: database, clock: clock, login: login)
  }
}

/// `--format`, `--json`, `--fields`.
struct OutputOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Output format: table, json, jsonl, csv, tsv or ids (default: table on a terminal, tsv otherwise).", valueName: "format"))
  var format: OutputFormat?

  @Flag(name: .long, help: "Shorthand for --format json.")
  var json = false

  @Option(name: .long, help: ArgumentHelp("Comma-separated fields to print, in order.", valueName: "a,b,…"))
  var fields: String?

  @Flag(name: .customLong("no-pager"), help: "Do not page long output on a terminal (default pager: $DESK_PAGER, else $PAGER, else less -FRX).")
  var noPager = false

  var resolvedFormat: OutputFormat {
    if json { return .json }
    return format ?? (Terminal.stdoutIsTTY ? .table : .tsv)
  }

  /// Whether the user chose a format; write commands print a short summary otherwise.
  var isExplicit: Bool { json || format != nil || fields != nil }

  var fieldList: [String]? {
    fields.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
  }

  func validate() throws {
    if json, let format, format != .json { throw ValidationError("--json and --format \(format.rawValue) disagree") }
    if let fields = fieldList, fields.isEmpty { throw ValidationError("--fields needs at least one field name") }
  }
}

extension GlobalOptions {
  /// The global options that take a value, and the flags; `DeskOptions` and `OutputOptions` declare them.
  static let valued: Set<String> = ["--db", "--as", "--format", "--fields"]
  static let flags: Set<String> = ["--json", "--no-pager"]

  /// `desk --db X ticket list` and `desk ticket --db X list` mean `desk ticket list --db X`:
  /// global options written before or between the command's words move to just after them,
  /// where the command's own `GlobalOptions` parses them; ArgumentParser stays the only parser.
  /// Nothing after `--` moves, and words that name no command are left where they are.
  static func movedToCommand(_ arguments: [String], tree: CommandTree? = nil) -> [String] {
    // Most lines carry no global option at all, and need no command tree (it costs 0.65M instructions).
    guard arguments.indices.contains(where: { globalOptionLength(arguments, at: $0) != nil }) else { return arguments }
    var words: [String] = []
    var moved: [String] = []
    var command = (tree ?? .desk).root
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      if let length = globalOptionLength(arguments, at: index) {
        moved += arguments[index..<index + length]
        index += length
      } else if word != "--", let next = command.subcommand(named: word) {
        words.append(word)
        command = next
        index += 1
      } else {
        break
      }
    }
    guard !words.isEmpty, !moved.isEmpty else { return arguments }
    return words + moved + arguments[index...]
  }

  /// How many words the global option at `index` spans (`--db X` 2, `--db=X` and `--json` 1), or nil.
  private static func globalOptionLength(_ arguments: [String], at index: Int) -> Int? {
    let word = arguments[index]
    if flags.contains(word) { return 1 }
    if valued.contains(word) { return index + 1 < arguments.count ? 2 : nil }
    if let equals = word.firstIndex(of: "="), valued.contains(String(word[..<equals])) { return 1 }
    return nil
  }
}
