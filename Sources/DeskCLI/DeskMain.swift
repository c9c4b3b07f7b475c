import ArgumentParser
import DeskCore
import Foundation

/// Runs desk: parses, runs, and turns every error into one line on stderr and its exit code.
public enum DeskMain {
  public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
    setvbuf(stdout, nil, _IOFBF, 1 << 16)
    // `desk` alone at a terminal opens the shell; elsewhere it prints the help, as it always did.
    let arguments = arguments.isEmpty && Terminal.stdinIsTTY && Terminal.stdoutIsTTY ? ["shell"] : GlobalOptions.movedToCommand(arguments)
    let jsonErrors = wantsJSON(arguments)
    mailServerRun = Array(arguments.prefix { !$0.hasPrefix("-") }.prefix(2)) == ["mail", "ingest"]
    if let bad = invalidUTF8Argument() {
      fail(DeskError.invalidInput("argument \(bad) is not valid UTF-8"), json: jsonErrors)
    }
    let command: any ParsableCommand
    do {
      command = try parse(arguments)
    } catch {
      usageFailure(error, arguments: arguments, json: jsonErrors)
    }
    do {
      var command = command
      try command.run()
      try flushStandardOutput()
      exit(0)
    } catch let error as DeskError {
      fail(error, json: jsonErrors)
    } catch let error as ValidationError {
      fail(DeskError.usage(error.message), json: jsonErrors)
    } catch {
      if error is ExitCode || error is CleanExit || isArgumentParsers(type(of: error)) {
        usageFailure(error, arguments: arguments, json: jsonErrors)
      }
      fail(DeskError.unexpected(String(describing: error)), json: jsonErrors)
    }
  }

  /// Parses `arguments` exactly as `DeskCommand.parseAsRoot` does, without its per-run look for
  /// `--generate-completion-script` (two more parsers built by reflection) when no word asks for it,
  /// and with only the branch of the tree that the first word names (`ScriptlessRoot`).
  /// Whatever the quick parse does not turn into one of desk's commands (an error, help) is parsed
  /// again from `DeskCommand`, so help and errors read as they always did.
  static func parse(_ arguments: [String]) throws -> any ParsableCommand {
    if let first = arguments.first, !arguments.contains(where: { $0.hasPrefix("--generate-completion-script") }),
      let branch = DeskCommand.configuration.subcommands.first(where: { $0.isNamed(first) }),
      let command = try? parse(arguments, under: branch), !isArgumentParsers(type(of: command))
    {
      return command
    }
    return try DeskCommand.parseAsRoot(arguments)
  }

  private static func parse<First: ParsableCommand>(_ arguments: [String], under _: First.Type) throws -> any ParsableCommand {
    try ScriptlessRoot<First>.parseAsRoot(arguments)
  }

  /// Whether a type is ArgumentParser's own (its help command, its errors), by the qualified name the
  /// metadata holds. `String(reflecting:)` would say the same after looking the metatype up in every
  /// conformance table for its printing protocols: 2.6M instructions, a tenth of `desk version`.
  static func isArgumentParsers(_ type: Any.Type) -> Bool {
    _typeName(type, qualified: true).hasPrefix("ArgumentParser.")
  }

  /// Output that could not be written is a failure, not a silent 0: a full disk may pass (75).
  static func flushStandardOutput() throws {
    guard fflush(stdout) != 0 || ferror(stdout) != 0 else { return }
    let code = errno
    clearerr(stdout)
    if code == EPIPE { return }
    throw PrivateFile.failure(code, writing: "standard output")
  }

  /// Help and --version print as the parser does; a usage error is one line, like every error.
  static func usageFailure(_ error: any Error, arguments: [String], json: Bool) -> Never {
    let code = DeskCommand.exitCode(for: error)
    if code == .success || error is ExitCode { DeskCommand.exit(withError: error) }
    let words = arguments.prefix { !$0.hasPrefix("-") }
    if let unknown = CommandTree.desk.unknownCommand(Array(words)) { fail(unknown, json: json) }
    let message = DeskCommand.message(for: error)
      .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) + "," : $0 }.joined(separator: " ")
      .replacingOccurrences(of: ", ", with: ", ").replacingOccurrences(of: ":,", with: ":")
    let trimmed = message.hasSuffix(",") ? String(message.dropLast()) : message
    let group = words.prefix(2)
    fail(DeskError.usage(trimmed, hint: "see desk \(group.joined(separator: " "))\(group.isEmpty ? "" : " ")--help"), json: json)
  }

  /// Whether a mail server runs desk (`desk mail ingest`): it bounces mail for good on any code but 75.
  nonisolated(unsafe) static var mailServerRun = false

  static func fail(_ error: DeskError, json: Bool) -> Never {
    let error = mailServerRun ? MailCommand.Ingest.forMailServer(error) : error
    report(error, json: json)
    exit(error.exitCode)
  }

  /// Writes an error to stderr: one line, or a JSON object.
  static func report(_ error: DeskError, json: Bool = false) {
    fflush(stdout)
    if json {
      var fields: [(String, JSON)] = [
        ("error", .string(error.message)), ("code", .string(error.code)),
        ("exit", .int(Int64(error.exitCode))),
      ]
      if let hint = error.hint { fields.append(("hint", .string(hint))) }
      Terminal.writeError(JSON.object(fields).encoded + "\n")
    } else {
      var line = "desk: error: \(VisibleText.line(error.message))"
      if let hint = error.hint { line += " (hint: \(VisibleText.line(hint)))" }
      Terminal.writeError(line + "\n")
    }
  }

  private static func wantsJSON(_ args: [String]) -> Bool {
    for (i, a) in args.enumerated() {
      if a == "--json" || a == "--format=json" || a == "--format=jsonl" { return true }
      if a == "--format", i + 1 < args.count, args[i + 1] == "json" || args[i + 1] == "jsonl" { return true }
    }
    return false
  }

  /// Swift repairs invalid UTF-8 in CommandLine.arguments; desk refuses it instead.
  private static func invalidUTF8Argument() -> Int? {
    for i in 1..<Int(CommandLine.argc) {
      guard let raw = CommandLine.unsafeArgv[i] else { continue }
      let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
      if String(validating: bytes, as: UTF8.self) == nil { return i }
    }
    return nil
  }
}
