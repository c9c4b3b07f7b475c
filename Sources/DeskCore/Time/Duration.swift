/// A length of time in whole seconds, written like `15m`, `4h`, `2d`, `1w` or `1h30m`.
public struct Duration: Hashable, Comparable, Sendable {
  public var seconds: Int64
  public init(seconds: Int64) { self.seconds = seconds }

  public static func < (a: Duration, b: Duration) -> Bool { a.seconds < b.seconds }
  public static func minutes(_ n: Int64) -> Duration { Duration(seconds: n * 60) }
  public static func hours(_ n: Int64) -> Duration { Duration(seconds: n * 3600) }
  public static func days(_ n: Int64) -> Duration { Duration(seconds: n * 86400) }

  private static let units: [(Character, Int64)] = [
    ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
  ]

  /// Parses `15m`, `4h`, `2d`, `1w`, `90s` and sums like `1d12h`; nil for anything else.
  public init?(parsing text: String) {
    let s = text.trimmingCharacters(in: .whitespaces).lowercased()
    guard !s.isEmpty else { return nil }
    var total: Int64 = 0
    var number: Int64? = nil
    for ch in s {
      if let digit = ch.wholeNumberValue, ch.isASCII {
        let (times10, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
        let (next, o2) = times10.addingReportingOverflow(Int64(digit))
        guard !o1, !o2, next < 1_000_000_000 else { return nil }
        number = next
      } else if let unit = Duration.units.first(where: { $0.0 == ch }) {
        guard let n = number else { return nil }
        let (product, o1) = n.multipliedReportingOverflow(by: unit.1)
        let (sum, o2) = total.addingReportingOverflow(product)
        guard !o1, !o2, sum < 1 << 40 else { return nil }  // about 35,000 years is enough
        total = sum
        number = nil
      } else {
        return nil
      }
    }
    guard number == nil else { return nil }  // a trailing number with no unit
    self.seconds = total
  }

  /// The shortest exact form: `1h30m`, `2d`, `45s`, `0m`.
  public var compact: String {
    if seconds == 0 { return "0m" }
    var rest = abs(seconds)
    var out = seconds < 0 ? "-" : ""
    for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
      out += "\(rest / size)\(unit)"
      rest %= size
    }
    return out
  }

  /// A rounded, human form for tables: `3h`, `2d 4h`, `25m`.
  public var humane: String {
    let s = abs(seconds)
    if s < 60 { return "\(s)s" }
    if s < 3600 { return "\(s / 60)m" }
    if s < 86400 { return s % 3600 >= 60 ? "\(s / 3600)h \((s % 3600) / 60)m" : "\(s / 3600)h" }
    return s % 86400 >= 3600 ? "\(s / 86400)d \((s % 86400) / 3600)h" : "\(s / 86400)d"
  }
}
