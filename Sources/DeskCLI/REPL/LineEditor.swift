import DeskCore
import CEditLine
import Foundation

/// The terminal side of the shell: libedit's readline emulation, with desk's history file
/// and Tab completion. Ctrl-R searches the history (libedit binds it to em-inc-search-prev);
/// `~/.editrc` lines starting with `desk:` apply.
final class LineEditor {
  enum Input: Equatable {
    case line(String)
    /// Ctrl-C: the line is abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case end
  }

  static let historyLimit: Int32 = 1000

  /// The completer the C callback asks; libedit's callbacks cannot carry a context.
  nonisolated(unsafe) private static var completer: Completer?

  private let historyPath: String?

  init(historyPath: String?, completer: Completer) {
    self.historyPath = historyPath
    Self.completer = completer
    // Without the locale's character set libedit drops every non-ASCII character typed.
    setlocale(LC_CTYPE, "")
    // The name picks `desk:` lines in ~/.editrc, which libedit reads when using_history() initialises it.
    rl_readline_name = UnsafePointer(strdup("desk"))
    rl_attempted_completion_function = Self.completeWord
    // Words end at blanks, quotes and `=` (so `--assignee=bo` completes `bo`).
    rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n\"'="))
    rl_completion_append_character = Int32(UInt8(ascii: " "))
    // Keys are read here, so that a Ctrl-C that lands while libedit is not waiting on the
    // terminal still abandons the line.
    rl_getc_function = Self.readCharacter
    using_history()
    stifle_history(Self.historyLimit)
    if let historyPath { _ = read_history(historyPath) }
  }

  /// Reads one line after showing `prompt`.
  func read(prompt: String) -> Input {
    Interrupt.reset()
    guard let raw = readline(prompt) else {
      return Interrupt.received ? .interrupted : .end
    }
    defer { free(raw) }
    if Interrupt.received { return .interrupted }
    return .line(String(cString: raw))
  }

  /// Adds a line to the history unless it repeats the previous one, and saves the history
  /// at once, so a session that is killed keeps it.
  func remember(_ line: String) {
    let last = history_length > 0 ? history_get(history_base + history_length - 1) : nil
    if let last, let text = last.pointee.line, String(cString: text) == line { return }
    add_history(line)
    guard let historyPath else { return }
    // libedit writes the file with mode 0600 itself.
    _ = write_history(historyPath)
  }

  /// `$XDG_STATE_HOME/desk/history`, else `~/.local/state/desk/history`; the directory is
  /// created (0700). Nil when it cannot be.
  static func historyFile(env: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    let home = env["HOME"] ?? NSHomeDirectory()
    let state = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
    let dir = state + "/desk"
    do {
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      return nil
    }
    return dir + "/history"
  }

  /// Reads one character from the terminal for libedit, whole: its readline emulation takes
  /// what this returns as the character itself, so UTF-8 is decoded here. -1 ends the line:
  /// at the end of input, or on Ctrl-C.
  private static let readCharacter: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
    func byte() -> UInt8? {
      var byte: UInt8 = 0
      while Interrupt.waitForInput(STDIN_FILENO) {
        switch Glibc.read(STDIN_FILENO, &byte, 1) {
        case 1: return byte
        case -1 where errno == EINTR || errno == EAGAIN: continue
        default: return nil
        }
      }
      return nil
    }
    guard let lead = byte() else { return -1 }
    let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
    guard length > 0 else { return 0xFFFD }
    var bytes = [lead]
    while bytes.count < length {
      guard let next = byte() else { return -1 }
      bytes.append(next)
    }
    guard let scalar = String(validating: bytes, as: UTF8.self)?.unicodeScalars.first else { return 0xFFFD }
    return Int32(scalar.value)
  }

  /// libedit's completion callback: the line before the cursor goes to the completer; one
  /// match is inserted with a space after it; several insert what they share and, on a second
  /// Tab, are listed (a ticket as "42  Printer on fire").
  private static let completeWord:
    @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<
      UnsafeMutablePointer<CChar>?
    >? = { _, _, _ in
      rl_attempted_completion_over = 1
      guard let completer = LineEditor.completer, let buffer = rl_line_buffer else { return nil }
      // rl_point counts characters (libedit's wide buffer); rl_line_buffer holds UTF-8.
      let scalars = String(cString: buffer).unicodeScalars
      let point = Int(rl_point)
      guard point >= 0, point <= scalars.count else { return nil }
      var before = String.UnicodeScalarView()
      before.append(contentsOf: scalars.prefix(point))
      switch completer.offer(forLineBefore: String(before)) {
      case .fileNames:
        rl_attempted_completion_over = 0
        return nil
      case .candidates(let candidates):
        return matchArray(candidates)
      }
    }

  /// libedit lays a listing out in columns by bytes (strlen), not by cells, so that Cyrillic,
  /// CJK or emoji push the columns apart. Every entry gets the same width in cells and the
  /// same length in bytes — spaces, and no-break spaces (2 bytes, 1 cell) for the difference —
  /// and the columns line up. ASCII listings stay as they are.
  static func aligned(_ listed: [String]) -> [String] {
    let measures = listed.map { entry in (cells: CellWidth.of(entry), extra: max(entry.utf8.count - CellWidth.of(entry), 0)) }
    guard let most = measures.map(\.extra).max(), most > 0 else { return listed }
    let width = measures.map { $0.cells + most - $0.extra }.max() ?? 0
    return zip(listed, measures).map { entry, measure in
      let wide = most - measure.extra
      return entry + String(repeating: "\u{A0}", count: wide) + String(repeating: " ", count: width - measure.cells - wide)
    }
  }

  /// The array libedit wants, malloc'ed (it frees it): what to insert, then what to list.
  private static func matchArray(_ candidates: [Completer.Candidate]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    guard let first = candidates.first else { return nil }
    var entries: [String]
    if candidates.count == 1 {
      // As readline has it: the substitution, then the one match.
      entries = [first.value, first.value]
    } else {
      let shared = candidates.dropFirst().reduce(first.value) { $0.commonPrefix(with: $1.value) }
      entries = [shared] + aligned(candidates.map(\.listed))
    }
    // libedit frees the array and its strings with free().
    guard let raw = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)) else { return nil }
    let matches = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
    for (i, entry) in entries.enumerated() { matches[i] = strdup(entry) }
    matches[entries.count] = nil
    return matches
  }
}

extension Completer.Candidate {
  /// How a candidate is listed: the value, and its description where it has one.
  var listed: String {
    guard let raw = description, !raw.isEmpty else { return VisibleText.line(value) }
    let description = VisibleText.line(raw)
    return "\(VisibleText.line(value))  \(CellWidth.truncate(description, to: 60))"
  }
}
