import Foundation

/// Where "now" comes from. Rules ask the clock, never `Date()`, so tests can replay any week.
public struct Clock: Sendable {
  private let fixed: Timestamp?

  public init(fixed: Timestamp? = nil) { self.fixed = fixed }

  /// `DESK_NOW` (ISO-8601, with or without a zone) when set, else the system clock.
  public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Clock {
    guard let text = env["DESK_NOW"], !text.isEmpty else { return Clock() }
    guard let t = DateExpression.parseAbsolute(text, requireZone: false) else {
      throw DeskError.configuration(
        "DESK_NOW is not an ISO-8601 time: '\(text)'", hint: "e.g. DESK_NOW=2026-11-24T10:00:00Z")
    }
    return Clock(fixed: t)
  }

  public var now: Timestamp { fixed ?? Timestamp(Date()) }
}
