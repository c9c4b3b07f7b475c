import DeskCore
import Foundation

/// The file `$EDITOR` edits: 0600 in a 0700 directory of its own under $TMPDIR, removed when
/// desk ends, and when desk is killed on SIGINT, SIGTERM or SIGHUP too. A desk killed with
/// SIGKILL cannot clean up: the next one removes what dead desks left.
struct EditorFile {
  static let prefix = "desk-edit-"
  let directory: String
  let path: String

  /// Creates the file holding `initial`.
  static func create(_ initial: String) throws -> EditorFile {
    sweep()
    var template = Array((NSTemporaryDirectory() + "\(prefix)\(getpid())-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw DeskError.cannotCreate("cannot create a temporary directory for the editor: \(String(cString: strerror(errno)))")
    }
    let directory = String(cString: made)
    let file = EditorFile(directory: directory, path: directory + "/message.txt")
    do {
      try PrivateFile.write(Data(initial.utf8), to: file.path)
    } catch {
      rmdir(directory)
      throw error
    }
    Cleanup.arm(file)
    return file
  }

  func remove() {
    Cleanup.disarm()
    unlink(path)
    rmdir(directory)
  }

  /// Removes the editor directories of desks that are no longer running.
  static func sweep() {
    let tmp = NSTemporaryDirectory()
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: tmp) else { return }
    for name in names where name.hasPrefix(prefix) {
      guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid() else { continue }
      if kill(pid, 0) != 0, errno == ESRCH {
        let dir = (tmp as NSString).appendingPathComponent(name)
        unlink(dir + "/message.txt")
        rmdir(dir)
      }
    }
  }

  /// Signal handlers may only call async-signal-safe functions: the paths are C strings made
  /// before the handler is installed.
  enum Cleanup {
    nonisolated(unsafe) static var file: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) static var directory: UnsafeMutablePointer<CChar>?
    static let signals = [SIGINT, SIGTERM, SIGHUP]
    nonisolated(unsafe) static var previous: [sigaction] = []

    static func arm(_ editing: EditorFile) {
      file = strdup(editing.path)
      directory = strdup(editing.directory)
      previous = signals.map { sig in
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { sig in
          if let f = Cleanup.file { unlink(f) }
          if let d = Cleanup.directory { rmdir(d) }
          signal(sig, SIG_DFL)
          raise(sig)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var old = sigaction()
        sigaction(sig, &action, &old)
        return old
      }
    }

    static func disarm() {
      for (sig, old) in zip(signals, previous) {
        var old = old
        sigaction(sig, &old, nil)
      }
      previous = []
      free(file)
      free(directory)
      file = nil
      directory = nil
    }
  }
}
