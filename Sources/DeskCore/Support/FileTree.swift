import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// Files under a folder that desk writes, reached without following a symbolic link: every
/// path component is looked at with lstat(2), files are opened with O_NOFOLLOW, and a link where
/// a folder or file should be is refused, so an export cannot be steered out of its folder.
public enum FileTree {
  enum Kind: Equatable { case directory, file, symlink, other }

  /// What is at `path` itself (a link is a link), or nil when nothing is.
  static func kind(_ path: String) -> Kind? {
    var st = stat()
    guard lstat(path, &st) == 0 else { return nil }
    switch st.st_mode & S_IFMT {
    case S_IFDIR: return .directory
    case S_IFREG: return .file
    case S_IFLNK: return .symlink
    default: return .other
    }
  }

  /// The (device, inode) of `path` itself, to tell whether two names are one file.
  static func identity(_ path: String) -> [UInt64]? {
    var st = stat()
    guard lstat(path, &st) == 0 else { return nil }
    return [UInt64(st.st_dev), UInt64(st.st_ino)]
  }

  /// The names in a folder, sorted.
  static func names(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  /// Makes the folders of `relative` under `root` (mode `mode`), refusing a component that is a
  /// link or a file.
  static func makeFolders(_ root: String, _ relative: [Substring], mode: mode_t) throws {
    var path = root
    for component in relative {
      path += "/" + component
      switch kind(path) {
      case .directory: continue
      case nil:
        guard mkdir(path, mode) == 0 || errno == EEXIST, kind(path) == .directory else { throw failure("create the folder", path) }
        chmod(path, mode)
      case .symlink?: throw refusedLink(path)
      default: throw DeskError.invalidInput("\(path) is a file, not a folder")
      }
    }
  }

  /// Writes `data` to `root/relative` with `mode`: a new file beside it, then renamed over it, so
  /// that a reader sees the old file or the new one, and a link there is replaced, not followed.
  static func write(_ data: Data, to root: String, _ relative: String, mode: mode_t, folderMode: mode_t) throws {
    let parts = relative.split(separator: "/")
    try makeFolders(root, parts.dropLast(), mode: folderMode)
    let path = root + "/" + relative
    let temporary = path + ".desk-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = posixOpen(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
    guard fd >= 0 else { throw failure("write", path) }
    let written = (try? FileHandle(fileDescriptor: fd, closeOnDealloc: false).write(contentsOf: data)) != nil
    // The umask must not loosen or tighten what the caller asked for.
    let moded = fchmod(fd, mode) == 0
    let ok = close(fd) == 0 && written && moded
    guard ok, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw failure("write", path)
    }
  }

  /// Opens `path` for writing, created or truncated, with `mode`; refuses a link there.
  public static func create(_ path: String, mode: mode_t) throws -> FileHandle {
    let fd = posixOpen(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode)
    guard fd >= 0 else {
      if errno == ELOOP { throw refusedLink(path) }
      throw failure("write", path)
    }
    fchmod(fd, mode)
    return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
  }

  /// The contents of a regular file, read without following a link; nil otherwise.
  static func read(_ path: String) -> Data? {
    let fd = posixOpen(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0)
    guard fd >= 0 else { return nil }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    return try? handle.readToEnd() ?? Data()
  }

  /// Removes a tree desk made itself (a staging folder): links are unlinked, never followed.
  static func removeTree(_ path: String) {
    if kind(path) == .directory {
      for name in names(path) { removeTree(path + "/" + name) }
      rmdir(path)
    } else {
      unlink(path)
    }
  }

  /// A folder the caller names: when it is a link, the folder it leads to (the caller chose it);
  /// nothing inside it is ever followed.
  static func resolved(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    let standard = (absolute as NSString).standardizingPath
    guard kind(standard) == .symlink, let real = realpath(standard, nil) else { return standard }
    defer { free(real) }
    return String(cString: real)
  }

  /// The folder the caller names (resolved), made with `mode` when it does not exist yet.
  static func folder(_ path: String, mode: Int) throws -> String {
    let root = resolved(path)
    switch kind(root) {
    case .directory?: return root
    case nil:
      do {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
      } catch {
        throw DeskError.cannotCreate("cannot create the folder \(root): \(error.localizedDescription)")
      }
      return root
    default: throw DeskError.invalidInput("\(root) is a file, not a folder")
    }
  }

  static func refusedLink(_ path: String) -> DeskError {
    .invalidInput(
      "\(path) is a symbolic link; desk does not follow links inside an export folder",
      hint: "replace it with a real folder or file, or export elsewhere")
  }

  static func failure(_ action: String, _ path: String) -> DeskError {
    .cannotCreate("cannot \(action) \(path): \(String(cString: strerror(errno)))")
  }
}

extension FileTree {
  /// The permission bits of `path` itself.
  static func permissions(_ path: String) -> mode_t? {
    var st = stat()
    guard lstat(path, &st) == 0 else { return nil }
    return st.st_mode & 0o7777
  }

  /// Swaps two names in one step (renameat2 RENAME_EXCHANGE), so that no reader ever finds
  /// neither; where the system lacks it, three renames.
  static func exchange(_ a: String, _ b: String) -> Bool {
    typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") {
      let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
      let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE, which Glibc's Swift module does not export
      if renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 { return true }
      guard errno == ENOSYS || errno == EINVAL else { return false }
    }
    let aside = b + ".old"
    guard rename(b, aside) == 0 else { return false }
    guard rename(a, b) == 0 else {
      rename(aside, b)
      return false
    }
    return rename(aside, a) == 0
  }
}
