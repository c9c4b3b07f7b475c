import Foundation

/// Whether a program can be run: the one PATH search of desk (exec adapters, the pager).
public enum Executable {
  /// An executable file that is not a directory.
  public static func isRunnable(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
      && FileManager.default.isExecutableFile(atPath: path)
  }

  /// Whether `program` (a bare name) is found in one of the directories of `path` (PATH's form).
  public static func isOnPath(_ program: String, path: String) -> Bool {
    path.split(separator: ":").contains { isRunnable("\($0)/\(program)") }
  }
}
