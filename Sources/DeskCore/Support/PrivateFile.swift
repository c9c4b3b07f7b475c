import Foundation

/// The one way desk creates a file that may hold customer data: mode 0600 whatever the umask,
/// never through a symlink, never over a file it was not told to replace, and never left
/// half-written.
public enum PrivateFile {
  /// Creates `path` (O_CREAT|O_EXCL|O_NOFOLLOW, 0600) and returns its descriptor. With `replace`
  /// an existing file (or symlink) at `path` is removed first; a symlink is never followed.
  public static func create(_ path: String, replace: Bool = false) throws -> Int32 {
    if replace, unlink(path) != 0, errno != ENOENT {
      throw DeskError.cannotCreate("cannot replace \(path): \(String(cString: strerror(errno)))")
    }
    let fd = openNew(path)
    guard fd >= 0 else {
      let code = errno
      if code == EEXIST {
        throw DeskError.invalidInput("\(path) exists", hint: "use --force to replace it, or give another name")
      }
      if code == ENOSPC || code == EDQUOT { throw failure(code, writing: path) }
      throw DeskError.cannotCreate("cannot create \(path): \(String(cString: strerror(code)))")
    }
    return fd
  }

  /// The descriptor of a new file at `path`, 0600, or -1 with errno set.
  static func openNew(_ path: String) -> Int32 {
    posixOpen(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
  }

  /// Writes `data` to a new private file at `path`; on any failure the file is removed.
  public static func write(_ data: Data, to path: String, replace: Bool = false) throws {
    let fd = try create(path, replace: replace)
    var failed: DeskError?
    do {
      try write(data, to: fd, path: path)
    } catch {
      failed = error as? DeskError ?? .unexpected("\(error)")
    }
    if close(fd) != 0, failed == nil { failed = failure(errno, writing: path) }
    if let failed {
      unlink(path)
      throw failed
    }
  }

  /// Writes all of `data` to `fd` (named `path` in errors), retrying short writes.
  public static func write(_ data: Data, to fd: Int32, path: String) throws {
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count {
        let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw failure(errno, writing: path)
        }
        offset += n
      }
    }
  }

  /// A failed write: a full disk may pass by itself (75); anything else leaves no output (73).
  public static func failure(_ code: Int32, writing path: String) -> DeskError {
    if code == ENOSPC || code == EDQUOT {
      return .temporary("cannot write \(path): the disk is full", hint: "free some space and try again")
    }
    return .cannotCreate("cannot write \(path): \(String(cString: strerror(code)))")
  }
}
