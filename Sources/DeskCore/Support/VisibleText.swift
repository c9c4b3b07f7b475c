/// Text from the database, made safe to show to a person: C0 and C1 controls and bidi
/// overrides are shown visibly (`^[`, `^M`, `\u009B`, `\u202E`) and never emitted, so a
/// customer's body cannot set the clipboard (OSC 52), clear the screen, move the cursor or
/// reverse a line. The one sanitiser of every human format and every error line; machine
/// formats stay exact, and error messages carry the raw value for it to show.
public enum VisibleText {
  /// One line, for a table cell, a heading or a message: newlines read ` ⏎ `, tabs `^I`.
  public static func line(_ s: String) -> String {
    guard needsWork(s) else { return s }
    if s.contains(where: { $0 == "\n" || $0 == "\r\n" }) {
      return s.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { escape($0.unicodeScalars, keepLayout: false) }
        .joined(separator: " ⏎ ")
    }
    return escape(s.unicodeScalars, keepLayout: false)
  }

  /// A body of several lines: newlines and tabs stay, CRLF reads as a newline, a bare CR is shown.
  public static func block(_ s: String) -> String {
    guard needsWork(s) else { return s }
    return escape(s.unicodeScalars, keepLayout: true)
  }

  /// Bytes that may start something to show: C0, DEL, and the lead bytes of C1 (C2 80–9F),
  /// U+061C (D8 9C) and U+200E…U+2069 (E2 80/81 …). Most text has none, and returns as it is.
  private static func needsWork(_ s: String) -> Bool {
    s.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }
  }

  private static func escape<S: Sequence>(_ scalars: S, keepLayout: Bool) -> String where S.Element == Unicode.Scalar {
    var out = String.UnicodeScalarView()
    var pendingCR = false
    func flushCR() {
      if pendingCR { out.append(contentsOf: "^M".unicodeScalars) }
      pendingCR = false
    }
    for scalar in scalars {
      let v = scalar.value
      if keepLayout && v == 0x0A {
        pendingCR = false  // CRLF reads as a newline
        out.append(scalar)
        continue
      }
      flushCR()
      switch v {
      case 0x09 where keepLayout:
        out.append(scalar)
      case 0x0D where keepLayout:
        pendingCR = true
      case 0x00..<0x20:
        out.append("^")
        out.append(Unicode.Scalar(UInt8(v + 0x40)))
      case 0x7F:
        out.append(contentsOf: "^?".unicodeScalars)
      case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069:
        out.append(contentsOf: ("\\u" + hex4(v)).unicodeScalars)
      default:
        out.append(scalar)
      }
    }
    flushCR()
    return String(out)
  }

  private static func hex4(_ v: UInt32) -> String {
    let digits = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
