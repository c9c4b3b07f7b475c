import ArgumentParser
import DeskCore
import Foundation

/// Reading what the user hands desk: ids, bodies, files, dates.
enum Input {
  /// Ticket ids from arguments; `-` reads whitespace-separated ids from stdin. `#12` is 12.
  /// Ids from stdin that come to none (a pipeline that matched nothing) are nothing to do:
  /// desk exits 0 and changes nothing, saying so only to a person at a terminal.
  static func ticketIDs(_ args: [String]) throws -> [Int64] {
    var ids: [Int64] = []
    for arg in args {
      if arg == "-" {
        let text = try stdinText(what: "ids")
        for word in text.split(whereSeparator: { $0.isWhitespace || $0 == "," }) {
          ids.append(try ticketID(String(word)))
        }
      } else {
        ids.append(try ticketID(arg))
      }
    }
    guard !ids.isEmpty else {
      guard args.contains("-") else { throw DeskError.usage("no ticket ids given") }
      if Terminal.stderrIsTTY { Terminal.writeError("desk: nothing to do: no ticket ids on stdin\n") }
      throw ExitCode.success
    }
    return ids
  }

  static func ticketID(_ raw: String) throws -> Int64 {
    let text = raw.hasPrefix("#") ? String(raw.dropFirst()) : raw
    guard let id = Int64(text), id > 0 else {
      throw DeskError.usage("'\(raw)' is not a ticket id", hint: "ticket ids are positive numbers, like 42 or #42")
    }
    return id
  }

  private static var stdinConsumed = false

  /// All of stdin as UTF-8 text; refuses to read it twice (ids and body cannot both be `-`).
  static func stdinText(what: String) throws -> String {
    guard !stdinConsumed else { throw DeskError.usage("stdin can give only one thing; \(what) cannot also come from -") }
    stdinConsumed = true
    return try utf8(FileHandle.standardInput.readDataToEndOfFile(), what: "standard input")
  }

  static func utf8(_ data: Data, what: String) throws -> String {
    guard let text = String(data: data, encoding: .utf8) else {
      throw DeskError.invalidInput("\(what) is not valid UTF-8 text")
    }
    return text
  }

  static func fileData(_ path: String) throws -> Data {
    if path == "-" {
      guard !stdinConsumed else { throw DeskError.usage("stdin can give only one thing") }
      stdinConsumed = true
      return FileHandle.standardInput.readDataToEndOfFile()
    }
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
      throw DeskError.notFound("no file \(path)")
    }
    // A FileHandle, not FileManager.contents, so that pipes and /dev/stdin read too.
    guard !isDir.boolValue, let handle = FileHandle(forReadingAtPath: path) else {
      throw DeskError.invalidInput("cannot read \(path)")
    }
    defer { try? handle.close() }
    return handle.readDataToEndOfFile()
  }

  static func attachments(_ paths: [String]) throws -> [AttachmentInput] {
    // The file's own name: the path it was read from is the agent's, not the ticket's.
    try paths.map { AttachmentInput(name: $0 == "-" ? "stdin" : ($0 as NSString).lastPathComponent, data: try fileData($0)) }
  }

  static func date(_ text: String, option: String, clock: Clock) throws -> Timestamp {
    guard let t = DateExpression.parse(text, now: clock.now) else {
      throw DeskError.usage(
        "\(option): '\(text)' is not a date", hint: "use ISO-8601 (2026-11-24, 2026-11-24T10:00Z), today, yesterday, or -2d")
    }
    return t
  }
}

/// A message body: `-m/--body TEXT` (`-` for stdin), `--body-file FILE`, or `$EDITOR` when
/// both stdin and stdout are a terminal and nothing else was given.
struct BodyOptions: ParsableArguments {
  @Option(name: [.customShort("m"), .long], help: ArgumentHelp("The message text, or - to read it from stdin.", valueName: "text"))
  var body: String?

  @Option(name: .long, help: ArgumentHelp("Read the message from a file (- for stdin).", valueName: "file"))
  var bodyFile: String?

  func validate() throws {
    if body != nil, bodyFile != nil { throw ValidationError("give the body once: -m/--body or --body-file") }
  }

  /// The body, or nil when none was given and no editor could be asked.
  func read(editorTemplate: String = "") throws -> String? {
    if let body {
      return body == "-" ? try Input.stdinText(what: "the body") : body
    }
    if let bodyFile {
      return try Input.utf8(try Input.fileData(bodyFile), what: bodyFile == "-" ? "standard input" : bodyFile)
    }
    if Terminal.stdinIsTTY && Terminal.stdoutIsTTY {
      return try Editor.edit(editorTemplate)
    }
    return nil
  }

  func require(_ what: String) throws -> String {
    guard let text = try read(), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw DeskError.usage("no \(what) given", hint: "give it with -m TEXT, --body-file FILE, or -m - to read stdin")
    }
    return text
  }
}

/// Opens `$VISUAL` or `$EDITOR` on a temporary file, without a shell.
enum Editor {
  static func edit(_ initial: String) throws -> String? {
    let env = ProcessInfo.processInfo.environment
    guard let command = env["VISUAL"].flatMap({ $0.isEmpty ? nil : $0 }) ?? env["EDITOR"].flatMap({ $0.isEmpty ? nil : $0 }) else {
      return nil
    }
    let file = try EditorFile.create(initial)
    defer { file.remove() }
    let path = file.path
    let words = command.split(separator: " ").map(String.init)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = words + [path]
    do { try process.run() } catch { throw DeskError.unavailable("cannot start the editor '\(command)'") }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw DeskError.usage("the editor exited with status \(process.terminationStatus); nothing was sent")
    }
    let text = try Input.utf8(try Input.fileData(path), what: "the edited message")
    return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
  }
}
