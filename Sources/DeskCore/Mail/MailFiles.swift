import Foundation

/// Many mails from files: an mbox (split at its `From ` lines, never by `Content-Length`, which lies)
/// and a Maildir (new/ then cur/).
public enum MailFiles {
  /// The messages of an mbox, split at every line that begins `From ` (writers quote such lines of a
  /// body as `>From `; many write no blank line before the next message), `>From ` unquoted (mboxrd).
  public static func mbox(_ data: Data) -> [Data] {
    var messages: [Data] = []
    var current = Data()
    var started = false
    var start = data.startIndex
    func flush() {
      if started {
        messages.append(current)
      }
      current = Data()
    }
    while start < data.endIndex {
      let end = data[start...].firstIndex(of: 0x0A).map { data.index(after: $0) } ?? data.endIndex
      let line = data[start..<end]
      if line.starts(with: Array("From ".utf8)) {
        flush()
        started = true
      } else if started {
        var body = line
        if body.first == UInt8(ascii: ">"), body.drop(while: { $0 == UInt8(ascii: ">") }).starts(with: Array("From ".utf8)) {
          body = body.dropFirst()
        }
        current.append(body)
      }
      start = end
    }
    flush()
    return messages
  }

  /// The files of a Maildir's new/ and cur/, oldest name first, skipping what is not a regular file.
  public static func maildir(_ dir: String) throws -> [String] {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: dir + "/new", isDirectory: &isDir), isDir.boolValue else {
      throw DeskError.notFound("\(dir) is not a Maildir (no new/)", hint: "give the folder that holds new/, cur/ and tmp/")
    }
    var files: [String] = []
    for sub in ["new", "cur"] {
      let names = (try? fm.contentsOfDirectory(atPath: dir + "/" + sub)) ?? []
      for name in names.sorted() where !name.hasPrefix(".") {
        let path = dir + "/" + sub + "/" + name
        var d: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &d), !d.boolValue { files.append(path) }
      }
    }
    return files
  }

  /// A message taken from a Maildir's new/ moves to cur/ marked seen, as a mail reader would.
  public static func markSeen(_ path: String) {
    let url = URL(fileURLWithPath: path)
    guard url.deletingLastPathComponent().lastPathComponent == "new" else { return }
    let cur = url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("cur")
      .appendingPathComponent(url.lastPathComponent + ":2,S")
    try? FileManager.default.moveItem(at: url, to: cur)
  }
}
