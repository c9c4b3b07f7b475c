import Foundation

/// An HTML-only mail made readable: blocks become lines, links keep their address, scripts, styles
/// and the head go, entities are decoded. Not a renderer: what a person needs to read the message.
extension HTMLText {
  static func readable(_ html: String) -> String {
    var out = ""
    var rest = Substring(html)
    var link: String?
    while let open = rest.firstIndex(of: "<") {
      out += decodeEntities(rest[..<open])
      guard let close = rest[open...].firstIndex(of: ">") else {
        rest = rest[rest.endIndex...]
        break
      }
      let tag = rest[rest.index(after: open)..<close]
      rest = rest[rest.index(after: close)...]
      let name = tag.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" }.lowercased()
      let closing = tag.hasPrefix("/")
      let closingName = closing ? tag.dropFirst().prefix { !$0.isWhitespace && $0 != ">" }.lowercased() : ""
      if !closing, ["script", "style", "head", "title"].contains(name) {
        // Skip to the matching end tag.
        if let end = rest.range(of: "</\(name)", options: .caseInsensitive) {
          rest = rest[end.upperBound...]
          if let gt = rest.firstIndex(of: ">") { rest = rest[rest.index(after: gt)...] }
        } else {
          rest = rest[rest.endIndex...]
        }
        continue
      }
      switch closing ? closingName : name {
      case "br": out += "\n"
      case "p", "div", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "pre", "hr":
        out += "\n\n"
      case "li": if !closing { out += "\n- " }
      case "td", "th": if !closing { out += " " }
      case "img":
        if let alt = attribute("alt", in: tag), !alt.isEmpty { out += "[\(alt)]" }
      case "a":
        if closing {
          if let l = link { out += " (\(l))" }
          link = nil
        } else if let href = attribute("href", in: tag), !href.isEmpty, !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:") {
          link = href.hasPrefix("mailto:") ? nil : href
        }
      default: break
      }
    }
    out += decodeEntities(rest)
    return tidy(out)
  }

  /// Collapses runs of spaces within lines and of blank lines between them.
  private static func tidy(_ text: String) -> String {
    var lines: [String] = []
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{00A0}" }).joined(separator: " ")
      if line.isEmpty, lines.last?.isEmpty ?? true { continue }
      lines.append(line)
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  private static func attribute(_ name: String, in tag: Substring) -> String? {
    guard let r = tag.range(of: name + "=", options: .caseInsensitive) else { return nil }
    var value = tag[r.upperBound...]
    if let q = value.first, q == "\"" || q == "'" {
      value = value.dropFirst()
      return decodeEntities(value.prefix { $0 != q })
    }
    return decodeEntities(value.prefix { !$0.isWhitespace && $0 != ">" })
  }

  private static let entities: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "laquo": "«", "raquo": "»",
    "mdash": "—", "ndash": "–", "hellip": "…", "copy": "©", "reg": "®", "euro": "€", "rsquo": "’", "lsquo": "‘",
    "rdquo": "”", "ldquo": "“",
  ]

  /// Character references decoded; whitespace (newlines included) is one space, as HTML reads it.
  static func decodeEntities(_ text: Substring) -> String {
    var out = ""
    var rest = text
    while let amp = rest.firstIndex(of: "&") {
      out += spaced(rest[..<amp])
      let after = rest[rest.index(after: amp)...]
      if let semi = after.prefix(12).firstIndex(of: ";") {
        let name = after[..<semi]
        var value: String?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
          value = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        } else if name.hasPrefix("#") {
          value = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
        } else {
          value = entities[name.lowercased()]
        }
        if let value {
          out += value
          rest = after[after.index(after: semi)...]
          continue
        }
      }
      out += "&"
      rest = after
    }
    return out + spaced(rest)
  }

  private static func spaced(_ s: Substring) -> String {
    String(s.map { $0.isNewline || $0 == "\t" ? " " : $0 })
  }
}
