import Foundation

/// What the standard streams are connected to, and how to write to them.
enum Terminal {
  static let env = ProcessInfo.processInfo.environment

  static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
  static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }
  static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

  /// Colour on a terminal unless `NO_COLOR`; `CLICOLOR_FORCE` forces it anywhere.
  static var useColor: Bool {
    if let force = env["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
    if let no = env["NO_COLOR"], !no.isEmpty { return false }
    return stdoutIsTTY && env["TERM"] != "dumb"
  }

  /// The terminal's width, for fitting tables; nil when output is not a terminal.
  static var width: Int? {
    guard stdoutIsTTY else { return nil }
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let cols = env["COLUMNS"].flatMap(Int.init), cols > 0 { return cols }
    return 80
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
