import DeskCore
import Foundation

/// `desk shell`: desk's commands line by line, from a terminal with libedit or from a script.
/// Each line runs as a desk process of its own; the shell keeps the current ticket (`use`).
final class Shell {
  enum Outcome: Equatable {
    case status(Int32)
    case leave
  }

  private let connection: DeskOptions
  private let tree = CommandTree.desk
  private var currentTicket: Int64?
  private var desk: Desk?

  init(connection: DeskOptions) {
    self.connection = connection
  }

  /// `desk(desk.db) root> `, and `desk(desk.db) root #42> ` with a current ticket.
  var prompt: String {
    let file = (try? connection.databaseLocation()).map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? "?"
    return "desk(\(file)) \(connection.login)\(currentTicket.map { " #\($0)" } ?? "")> "
  }

  /// Reads from the terminal until exit, quit or Ctrl-D; a failing command does not end it.
  func interactive() -> Int32 {
    setvbuf(stdout, nil, _IOLBF, 0)
    Interrupt.install()
    let editor = LineEditor(historyPath: LineEditor.historyFile(), completer: completer)
    Terminal.write("desk shell: type help for the commands; exit or Ctrl-D leaves.\n")
    while true {
      switch editor.read(prompt: prompt) {
      case .end:
        Terminal.write("\n")
        return 0
      case .interrupted:
        Terminal.write("\n")
      case .line(let line):
        let text = line.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { continue }
        editor.remember(line)
        if text.hasPrefix("#") { continue }
        if execute(text, interactive: true) == .leave { return 0 }
      }
    }
  }

  /// Runs standard input as a script: no prompt; blank lines and `#` comments are skipped.
  /// The status is that of the first failing command, or with `keepGoing` the last failure's.
  func script(keepGoing: Bool) -> Int32 {
    var status: Int32 = 0
    var number = 0
    while let bytes = Self.readLineBytes() {
      number += 1
      // readLine() would turn bad bytes into U+FFFD: refuse the line, as desk refuses such an argument.
      guard let line = String(validating: bytes, as: UTF8.self) else {
        let error = DeskError.invalidInput("line \(number) is not valid UTF-8")
        DeskMain.report(error)
        if !keepGoing { return error.exitCode }
        status = error.exitCode
        continue
      }
      let text = line.trimmingCharacters(in: .whitespaces)
      if text.isEmpty || text.hasPrefix("#") { continue }
      switch execute(text, interactive: false, line: number) {
      case .leave: return status
      case .status(0): continue
      case .status(let failure):
        if !keepGoing { return failure }
        status = failure
      }
    }
    return status
  }

  /// One line of standard input as bytes, without its \n or \r\n; nil at the end.
  static func readLineBytes() -> [UInt8]? {
    var buffer: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(buffer) }
    let count = getline(&buffer, &capacity, stdin)
    guard count >= 0, let buffer else { return nil }
    var bytes = [UInt8](UnsafeRawBufferPointer(start: buffer, count: count))
    if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
    if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    return bytes
  }

  /// Runs one line: a word of the shell's own, or a desk command.
  func execute(_ line: String, interactive: Bool, line number: Int? = nil) -> Outcome {
    do {
      let words = ShellVocabulary.expand(try ShellWords.split(line))
      switch words.first {
      case nil: return .status(0)
      case "exit", "quit": return .leave
      case "help" where words.count == 1:
        Terminal.write(help)
        return .status(0)
      case "clear" where words.count == 1:
        // The terminal's own sequence (cursor home, erase the screen); a pipe or file gets nothing.
        if Terminal.stdoutIsTTY { Terminal.write("\u{1B}[H\u{1B}[2J") }
        return .status(0)
      case "use":
        try use(Array(words.dropFirst()))
        return .status(0)
      default:
        let status = try ChildDesk.run(try withCurrentTicket(words), environment: environment, nullInput: !interactive)
        // A command stopped by Ctrl-C leaves the cursor where it was.
        if interactive, status == 128 + SIGINT { Terminal.write("\n") }
        return .status(status)
      }
    } catch let error as DeskError {
      report(error, line: number)
      return .status(error.exitCode)
    } catch {
      report(.unexpected(String(describing: error)), line: number)
      return .status(1)
    }
  }

  /// `use ID` makes a ticket current; `use` alone forgets it.
  private func use(_ arguments: [String]) throws {
    guard let argument = arguments.first else {
      currentTicket = nil
      return
    }
    guard arguments.count == 1 else { throw DeskError.usage("use takes one ticket id", hint: "use 42, or use alone to forget it") }
    let id = try Input.ticketID(argument)
    _ = try openDesk().tickets.get(id)
    currentTicket = id
  }

  /// A ticket command given no id acts on the current ticket: `reply -m …` is `ticket reply 42 -m …`.
  /// Without a current ticket such a command says so, unless it asks for help.
  func withCurrentTicket(_ words: [String]) throws -> [String] {
    let invocation = tree.invocation(words)
    guard invocation.path.count == 2, invocation.path[0] == "ticket", ShellVocabulary.ticketCommands.contains(invocation.path[1])
    else { return words }
    let rest = Array(words[invocation.consumed...])
    guard invocation.command.scan(rest).positionals == 0 else { return words }
    guard let id = currentTicket else {
      if rest.contains("--help") || rest.contains("-h") { return words }
      throw DeskError.usage("no current ticket: use ID first, or give an id")
    }
    return Array(words[..<invocation.consumed]) + [String(id)] + rest
  }

  /// The shell's --db and --as reach each command through the environment, so that they
  /// never land after a `--` in the command's words.
  private var environment: [String: String] {
    var env: [String: String] = [:]
    if let db = connection.db, !db.isEmpty { env["DESK_DB"] = db }
    if let login = connection.actAs, !login.isEmpty { env["DESK_AGENT"] = login }
    return env
  }

  private func openDesk() throws -> Desk {
    if let desk { return desk }
    let opened = try connection.openDesk()
    desk = opened
    return opened
  }

  private var completer: Completer {
    Completer(tree: tree) { [unowned self] kind, prefix in
      guard let desk = try? self.openDesk() else { return [] }
      return desk.completion.values(kind, prefix: prefix).map { Completer.Candidate(value: $0.value, description: $0.description) }
    }
  }

  private func report(_ error: DeskError, line number: Int?) {
    guard let number else { return DeskMain.report(error) }
    DeskMain.report(.usage("line \(number): \(error.message)", hint: error.hint))
  }

  private var help: String {
    func row(_ name: String, _ text: String) -> String { "  " + name.padding(toLength: 14, withPad: " ", startingAt: 0) + text + "\n" }
    var text = "Type desk's commands without \"desk\": ticket list --assignee me, kb search printer.\n"
    text += row("use ID", "make ticket ID current: \(ShellVocabulary.ticketCommands.joined(separator: ", ")) act on it when given no id")
    text += row("use", "forget the current ticket")
    text += row("help [CMD]", "this text, or a command's help: help ticket reply")
    text += row("clear", "clear the screen")
    text += row("exit, quit", "leave (Ctrl-D too); Ctrl-C abandons the line or stops the running command")
    text += "Tab completes commands, flags, ticket ids, tags, agents and more; Up and Ctrl-R search the history.\n\nCommands:\n"
    for command in tree.root.visibleSubcommands { text += row(command.commandName, command.abstract) }
    return text
  }
}
