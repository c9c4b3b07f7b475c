import Foundation

/// Crash tests: `DESK_FAILPOINT=NAME=N` makes the process kill itself with SIGKILL the Nth
/// time it reaches the point NAME, so a test can stop desk at an exact step and check that
/// nothing was lost or done twice. Unset, it costs one dictionary lookup.
enum Failpoint {
  nonisolated(unsafe) private static var hits: [String: Int] = [:]
  private static let armed: (String, Int)? = {
    guard let spec = ProcessInfo.processInfo.environment["DESK_FAILPOINT"] else { return nil }
    let parts = spec.split(separator: "=")
    guard parts.count == 2, let n = Int(parts[1]) else { return nil }
    return (String(parts[0]), n)
  }()

  static func hit(_ name: String) {
    guard let (armedName, n) = armed, armedName == name else { return }
    hits[name, default: 0] += 1
    if hits[name] == n { kill(getpid(), SIGKILL) }
  }
}
