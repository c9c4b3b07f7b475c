import Foundation

/// What the standard streams are connected to, and how to write to them.
enum Terminal {
  static let env = ProcessInfo.processInfo.environment

  /// Read once, at the start: a pager, once started, holds standard output, and the rest of
  /// the output still belongs to the terminal.
  static let stdoutIsTTY: Bool = isatty(STDOUT_FILENO) == 1
  static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }
  static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

  /// Colour on a terminal unless `NO_COLOR`; `CLICOLOR_FORCE` forces it anywhere.
  static var useColor: Bool {
    if let force = env["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
    if let no = env["NO_COLOR"], !no.isEmpty { return false }
    return stdoutIsTTY && env["TERM"] != "dumb"
  }

  /// The width tables fit: the terminal's on a terminal (`COLUMNS` when it cannot say), else
  /// `COLUMNS` when set, so that a script can ask for a width; nil otherwise — piped output is
  /// never cut.
  static var width: Int? {
    let columns = env["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
    guard stdoutIsTTY else { return columns }
    return windowSize.map { Int($0.ws_col) } ?? columns ?? 80
  }

  /// The terminal's height in rows, for deciding whether output needs the pager.
  static var height: Int? {
    guard stdoutIsTTY else { return nil }
    return windowSize.map { Int($0.ws_row) } ?? env["LINES"].flatMap(Int.init) ?? 24
  }

  private static var windowSize: winsize? {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
    return size
  }

  static func write(_ text: String) {
    fputs(text, stdout)
  }

  /// Bytes as they are (a NUL too), through the same buffered stdout as `write(_: String)`.
  static func write(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, stdout) }
  }

  static func writeError(_ text: String) {
    fputs(text, stderr)
  }
}

/// ANSI styles, applied only when colour is on.
struct Style {
  let enabled: Bool
  func bold(_ s: String) -> String { wrap(s, "1") }
  func dim(_ s: String) -> String { wrap(s, "2") }
  func red(_ s: String) -> String { wrap(s, "31") }
  func green(_ s: String) -> String { wrap(s, "32") }
  func yellow(_ s: String) -> String { wrap(s, "33") }
  func blue(_ s: String) -> String { wrap(s, "34") }
  func magenta(_ s: String) -> String { wrap(s, "35") }
  func cyan(_ s: String) -> String { wrap(s, "36") }
  private func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}
