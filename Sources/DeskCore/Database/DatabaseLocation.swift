import Foundation

/// Where the database lives: `--db PATH`, else `DESK_DB`, else `$XDG_DATA_HOME/desk/desk.db`
/// (`~/.local/share/desk/desk.db`). Only that default location is made by the first command
/// that uses it; a path someone named must exist, so that a typo never makes an empty desk.
public struct DatabaseLocation: Equatable, Sendable {
  public let path: String
  /// Whether `path` is the default location, which is created on first use.
  public let isDefault: Bool

  /// The database `named` on the command line, else `DESK_DB`, else the default location.
  /// A relative `XDG_DATA_HOME` is ignored, as the XDG spec says; with no `HOME` to fall back on,
  /// desk refuses rather than guess one.
  public static func resolve(named: String?, env: [String: String] = ProcessInfo.processInfo.environment) throws -> DatabaseLocation {
    if let named, !named.isEmpty { return DatabaseLocation(path: try expand(named, env), isDefault: false) }
    if let fromEnv = env["DESK_DB"], !fromEnv.isEmpty { return DatabaseLocation(path: try expand(fromEnv, env), isDefault: false) }
    if let data = env["XDG_DATA_HOME"], data.hasPrefix("/") { return DatabaseLocation(path: data + "/desk/desk.db", isDefault: true) }
    guard let home = home(env) else {
      throw DeskError.configuration(
        "cannot find the default database: HOME is not set", hint: "set HOME, or name the database with --db PATH or DESK_DB")
    }
    return DatabaseLocation(path: home + "/.local/share/desk/desk.db", isDefault: true)
  }

  private static func expand(_ path: String, _ env: [String: String]) throws -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    guard let home = home(env) else {
      throw DeskError.configuration("cannot expand ~ in the database path \(path): HOME is not set", hint: "give the full path")
    }
    return home + path.dropFirst()
  }

  private static func home(_ env: [String: String]) -> String? {
    guard let home = env["HOME"], !home.isEmpty else { return nil }
    return home
  }
}
