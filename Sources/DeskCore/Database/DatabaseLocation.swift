import Foundation

/// Where the database lives: `--db PATH`, else `DESK_DB`, else `$XDG_DATA_HOME/desk/desk.db`
/// (`~/.local/share/desk/desk.db`).
public enum DatabaseLocation {
  public static func resolve(flag: String?, env: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let flag, !flag.isEmpty { return expand(flag, env) }
    if let fromEnv = env["DESK_DB"], !fromEnv.isEmpty { return expand(fromEnv, env) }
    let home = env["HOME"] ?? NSHomeDirectory()
    let data = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.local/share"
    return "\(data)/desk/desk.db"
  }

  private static func expand(_ path: String, _ env: [String: String]) -> String {
    if path == "~" || path.hasPrefix("~/") {
      return (env["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }
    return path
  }
}
