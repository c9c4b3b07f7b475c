import Foundation

/// Writing into a Maildir (maildir(5)): the file is made in tmp/ and renamed into new/, so a reader
/// never sees half a message.
enum Maildir {
  /// Delivers `data`; returns the path in new/. A failure is temporary (75): the mail server keeps the mail.
  static func deliver(_ data: Data, to dir: String) throws -> String {
    let fm = FileManager.default
    do {
      for sub in ["tmp", "new", "cur"] {
        try fm.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      }
      let name = "\(Int(Date().timeIntervalSince1970)).P\(getpid())R\(UInt64.random(in: 0...UInt64.max)).\(ProcessInfo.processInfo.hostName)"
      let tmp = dir + "/tmp/" + name
      let new = dir + "/new/" + name
      // PrivateFile: 0600 whatever the umask, never through a symlink, never over a file there.
      try PrivateFile.write(data, to: tmp)
      try fm.moveItem(atPath: tmp, toPath: new)
      return new
    } catch let error as DeskError {
      throw error
    } catch {
      throw DeskError.temporary("cannot keep the mail in the dead-letter Maildir \(dir): \(error.localizedDescription)")
    }
  }
}
