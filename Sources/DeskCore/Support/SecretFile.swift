import Foundation

/// A file holding a secret desk is told about (an SMTP password, a Telegram bot token).
enum SecretFile {
  /// The first line of the file, which must be a regular file (not a symlink) that only its owner
  /// can read or write (mode 0600 or 0400), as ssh asks of a key. A looser mode is a configuration
  /// error (78). `what` names it in errors: `password file`.
  static func firstLine(_ path: String, _ what: String) throws -> String {
    var info = stat()
    guard lstat(path, &info) == 0 else { throw DeskError.notFound("no \(what) '\(path)'") }
    guard info.st_mode & S_IFMT == S_IFREG else { throw DeskError.configuration("the \(what) '\(path)' is not a regular file") }
    let mode = info.st_mode & 0o777
    guard mode & 0o077 == 0 else {
      throw DeskError.configuration(
        "the \(what) '\(path)' may be read by others (mode \(String(mode, radix: 8)))", hint: "chmod 600 \(path)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DeskError.permissionDenied("cannot read the \(what) '\(path)'")
    }
    let text = String(decoding: data, as: UTF8.self)
    return String(text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" })
  }
}
