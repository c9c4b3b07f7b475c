/// The name desk shows and writes an attachment under: what a customer or gateway calls a file
/// may be `..`, `/etc/passwd`, `.bashrc` or hold terminal controls; the original is kept beside it.
enum AttachmentName {
  static let fallback = "file"
  static let maxBytes = 255

  /// The last path part (of / or \), without control, format (bidi) or line-separator
  /// characters, leading dots and spaces, trailing spaces; at most 255 UTF-8 bytes;
  /// `file` when nothing is left.
  static func safe(_ raw: String) -> String {
    let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    var scalars = String.UnicodeScalarView()
    for scalar in last.unicodeScalars {
      switch scalar.properties.generalCategory {
      case .control, .format, .lineSeparator, .paragraphSeparator: continue
      default: scalars.append(scalar)
      }
    }
    var name = Substring(String(scalars))
    while let first = name.first, first == "." || first.isWhitespace { name = name.dropFirst() }
    while let last = name.last, last.isWhitespace { name = name.dropLast() }
    while name.utf8.count > maxBytes { name = name.dropLast() }
    return name.isEmpty ? fallback : String(name)
  }
}
