import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// The list of the files one export wrote, kept in the site as `.desk-site`: a format line,
/// then `SHA-256  path` lines (the `sha256sum` format). Only a file listed here, found where it
/// was written and unchanged since, is one the next export may replace or remove.
struct SiteManifest: Equatable {
  static let name = ".desk-site"
  static let format = "# desk-site 1"
  var files: [String: String]

  var text: String {
    ([Self.format] + files.keys.sorted().map { "\(files[$0]!)  \($0)" }).joined(separator: "\n") + "\n"
  }

  /// nil unless `text` is a manifest desk wrote.
  static func parse(_ text: String) -> SiteManifest? {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first == Substring(format), lines.last == "" else { return nil }
    lines = Array(lines.dropFirst().dropLast())
    var files: [String: String] = [:]
    for line in lines {
      let digest = line.prefix(64)
      let path = line.dropFirst(66)
      guard digest.count == 64, digest.allSatisfy({ $0.isHexDigit && !$0.isUppercase }), line.dropFirst(64).hasPrefix("  "),
        isSitePath(path), files.updateValue(String(digest), forKey: String(path)) == nil
      else { return nil }
    }
    return SiteManifest(files: files)
  }

  /// A path inside the site: relative, without `.` or `..` parts or control characters.
  static func isSitePath(_ path: Substring) -> Bool {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    return !path.isEmpty && path != Substring(name) && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
      && !path.unicodeScalars.contains { $0.properties.generalCategory == .control }
  }

  static func digest(_ data: Data) -> String {
    SHA256.hash(data: data).map { byte in String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16) }.joined()
  }
}

/// One export of the site. It is written into a new folder beside the site (`DIR.tmp-XXXXXX`),
/// which then takes the site's place in one rename; so a failed or killed export leaves the
/// previous site whole, and nothing half-written is ever inside DIR. What desk did not write
/// (a robots.txt, images) is carried over into the new site; the old site's pages are removed,
/// and nothing else. Nothing is followed through a symbolic link.
final class SiteFiles {
  let root: String
  private var staging: String?
  private var previous: SiteManifest?
  private(set) var written: [String: String] = [:]

  init(root: String) {
    self.root = FileTree.resolved(root)
  }

  /// Checks that DIR is new, empty or a site desk wrote, and makes the folder to build in.
  func prepare() throws {
    switch FileTree.kind(root) {
    case nil: previous = nil
    case .directory?: previous = try Self.trustedManifest(root)
    default: throw DeskError.invalidInput("\(root) is a file, not a folder")
    }
    _ = try FileTree.folder((root as NSString).deletingLastPathComponent, mode: 0o755)
    var template = Array((root + ".tmp-XXXXXX").utf8CString)
    guard mkdtemp(&template) != nil else { throw FileTree.failure("create a folder beside", root) }
    let folder = String(cString: template)
    chmod(folder, 0o755)
    staging = folder
  }

  /// The manifest of the site in `root`, nil for an empty folder; refuses a folder desk did not
  /// write, since the next export replaces and removes files in it.
  static func trustedManifest(_ root: String) throws -> SiteManifest? {
    let path = root + "/" + SiteManifest.name
    let refusal = DeskError.invalidInput(
      "\(path) is not a list of files desk wrote, so desk will not change \(root)", hint: "export into a new or empty folder")
    switch FileTree.kind(path) {
    case nil:
      guard FileTree.names(root).isEmpty else {
        throw DeskError.invalidInput(
          "\(root) is not empty and holds no site desk wrote (it has no \(SiteManifest.name))", hint: "export into a new or empty folder")
      }
      return nil
    case .file?:
      guard let data = FileTree.read(path), let text = String(data: data, encoding: .utf8), let manifest = SiteManifest.parse(text) else {
        throw refusal
      }
      return manifest
    default: throw refusal
    }
  }

  func write(_ path: String, _ text: String) throws {
    let data = Data(text.utf8)
    try FileTree.write(data, to: staging!, path, mode: 0o644, folderMode: 0o755)
    written[path] = SiteManifest.digest(data)
  }

  /// Puts the new site in place of the old one; returns how many of the old one's pages are gone.
  func finish() throws -> Int {
    guard let staging else { return 0 }
    let existed = FileTree.kind(root) != nil
    do {
      try FileTree.write(Data(SiteManifest(files: written).text.utf8), to: staging, SiteManifest.name, mode: 0o644, folderMode: 0o755)
      if existed {
        // Read again: another export may have replaced the site meanwhile.
        previous = try Self.trustedManifest(root)
        try carryOver("")
      }
      Failpoint.hit("kb.site.swap")
      let swapped = existed ? FileTree.exchange(staging, root) : rename(staging, root) == 0
      guard swapped else { throw FileTree.failure("put the new site in place of", root) }
    } catch {
      FileTree.removeTree(staging)
      throw error
    }
    self.staging = nil
    guard existed else { return 0 }
    Failpoint.hit("kb.site.swapped")
    // The old site is now in the staging folder.
    let removed = removeOld(staging, "")
    rmdir(staging)
    return removed
  }

  /// Whether the file at `path` is the one the previous export wrote as `key`.
  private func isDesks(_ key: String, _ path: String) -> Bool {
    guard let digest = previous?.files[key], let data = FileTree.read(path) else { return false }
    return SiteManifest.digest(data) == digest
  }

  /// Links into the new site everything in the old one that desk did not write; refuses when the
  /// new site has a file of its own at such a place, or would have to enter a symbolic link.
  private func carryOver(_ relative: String) throws {
    for name in FileTree.names(root + relative) where !(relative.isEmpty && name == SiteManifest.name) {
      let rel = relative + "/" + name
      let key = String(rel.dropFirst())
      let old = root + rel
      let new = staging! + rel
      let kind = FileTree.kind(old)
      if kind == .directory {
        if FileTree.kind(new) == nil {
          guard mkdir(new, FileTree.permissions(old) ?? 0o755) == 0 else { throw FileTree.failure("create the folder", new) }
        } else if FileTree.kind(new) != .directory {
          throw DeskError.invalidInput(
            "\(old) is a folder desk did not make, where the site has the page \(key)", hint: "move it away, or export into a new folder")
        }
        try carryOver(rel)
      } else if kind == .file, isDesks(key, old) {
        continue
      } else if FileTree.kind(new) != nil {
        if kind == .symlink { throw FileTree.refusedLink(old) }
        throw DeskError.invalidInput(
          "\(old) was not written by desk, or was changed since; this export would replace it",
          hint: "move it away, or export into a new folder")
      } else if link(old, new) != 0 {
        throw FileTree.failure("keep", old)
      }
    }
  }

  /// Removes from the old site (now at `tree`) the pages desk wrote and what was carried over;
  /// returns how many pages the new site no longer has.
  private func removeOld(_ tree: String, _ relative: String) -> Int {
    var removed = 0
    for name in FileTree.names(tree + relative) {
      let rel = relative + "/" + name
      let key = String(rel.dropFirst())
      let old = tree + rel
      switch FileTree.kind(old) {
      case .directory?:
        removed += removeOld(tree, rel)
        rmdir(old)
      case .file? where isDesks(key, old):
        unlink(old)
        if written[key] == nil { removed += 1 }
      case _ where relative.isEmpty && name == SiteManifest.name:
        unlink(old)
      default:
        // Carried over: the very same file is in the new site.
        if let id = FileTree.identity(old), id == FileTree.identity(root + rel) { unlink(old) }
      }
    }
    return removed
  }
}
