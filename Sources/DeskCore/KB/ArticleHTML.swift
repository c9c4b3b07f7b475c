import Ink

/// An article's Markdown as HTML for the public site, rendered by Ink.
///
/// An article must not be able to put a script on the site. Raw HTML in the Markdown is shown
/// as text, and the result then passes `MarkupFilter`, which keeps only the elements and
/// attributes Ink writes for Markdown and only links to web, mail or relative addresses.
enum ArticleHTML {
  static func render(_ markdown: String) -> String {
    var parser = MarkdownParser()
    // Should raw HTML reach Ink after all (an unclosed code span), it is shown as text too.
    parser.addModifier(Modifier(target: .html) { HTMLText.escape(String($0.markdown)) })
    // Ink 0.6 reads past the end of a text that ends in a line of spaces after a list item (found
    // by FuzzTests); trailing white space means nothing in Markdown, so none reaches it.
    var text = escapingRawHTML(markdown)
    while let last = text.last, last.isWhitespace { text.removeLast() }
    return MarkupFilter.clean(parser.html(from: text + "\n"))
  }

  /// The Markdown with every `<` outside code written `&lt;`, so that Ink reads no HTML (an
  /// unclosed tag would take the rest of the article with it), and code fences' info strings
  /// cut to a language name.
  static func escapingRawHTML(_ markdown: String) -> String {
    var out: [String] = []
    var fence: String?
    for line in markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
      let indent = line.prefix { $0 == " " }
      let text = line.dropFirst(indent.count)
      if let marker = ["```", "~~~"].first(where: { text.hasPrefix($0) }) {
        if fence == nil {
          fence = marker
          let language = text.drop { $0 == "`" || $0 == "~" }.prefix { $0.isLetter || $0.isNumber || "-_+".contains($0) }
          out.append(indent + marker + language)
          continue
        } else if fence == marker {
          fence = nil
          out.append(String(line))
          continue
        }
      }
      if fence != nil {
        out.append(String(line))
        continue
      }
      var escaped = ""
      var ticks = 0  // the length of the backtick run that opened the code span we are in
      var chars = line[...]
      while let c = chars.first {
        if c == "`" {
          let run = chars.prefix { $0 == "`" }
          if ticks == 0 { ticks = run.count } else if run.count == ticks { ticks = 0 }
          escaped += run
          chars = chars.dropFirst(run.count)
          continue
        }
        escaped += c == "<" && ticks == 0 ? "&lt;" : String(c)
        chars = chars.dropFirst()
      }
      out.append(escaped)
    }
    return out.joined(separator: "\n")
  }
}

/// An allow-list over HTML: a tag that is not one of Ink's, or carries anything else, has its
/// `<` escaped and so reads as text.
enum MarkupFilter {
  static let elements: [String: Set<String>] = [
    "p": [], "br": [], "hr": [], "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
    "em": [], "strong": [], "del": [], "s": [], "code": ["class"], "pre": [], "blockquote": [],
    "ul": [], "ol": ["start"], "li": [], "a": ["href", "title"], "img": ["src", "alt", "title"],
    "table": [], "thead": [], "tbody": [], "tr": [], "th": ["align"], "td": ["align"],
  ]

  static func clean(_ html: String) -> String {
    let chars = Array(html.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < chars.count {
      if chars[i] == "<" {
        if let end = tagEnd(chars, from: i) {
          out.append(contentsOf: chars[i..<end])
          i = end
        } else {
          out.append(contentsOf: "&lt;".unicodeScalars)
          i += 1
        }
      } else {
        out.append(chars[i])
        i += 1
      }
    }
    return String(out)
  }

  /// Where an allowed tag starting at `start` ends (one past its `>`), or nil.
  static func tagEnd(_ c: [Unicode.Scalar], from start: Int) -> Int? {
    var i = start + 1
    let closing = i < c.count && c[i] == "/"
    if closing { i += 1 }
    let nameStart = i
    while i < c.count, c[i].isASCII, c[i].properties.isAlphabetic || ("0"..."9").contains(c[i]) { i += 1 }
    let name = String(String.UnicodeScalarView(c[nameStart..<i])).lowercased()
    guard let allowed = elements[name] else { return nil }
    var seen = Set<String>()
    while i < c.count {
      if c[i] == ">" { return i + 1 }
      if c[i] == "/", i + 1 < c.count, c[i + 1] == ">", !closing { return i + 2 }
      guard c[i] == " ", !closing else { return nil }
      i += 1
      let attrStart = i
      while i < c.count, ("a"..."z").contains(c[i]) { i += 1 }
      let attr = String(String.UnicodeScalarView(c[attrStart..<i]))
      guard allowed.contains(attr), seen.insert(attr).inserted, i + 1 < c.count, c[i] == "=", c[i + 1] == "\"" else { return nil }
      i += 2
      let valueStart = i
      while i < c.count, c[i] != "\"" { i += 1 }
      guard i < c.count else { return nil }
      guard valid(attr, String(String.UnicodeScalarView(c[valueStart..<i]))) else { return nil }
      i += 1
    }
    return nil
  }

  static func valid(_ attribute: String, _ value: String) -> Bool {
    switch attribute {
    case "href", "src": return safeAddress(value)
    case "class": return value.hasPrefix("language-") && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_+#.".contains($0)) }
    case "align": return ["left", "center", "right"].contains(value)
    case "start": return !value.isEmpty && value.count < 10 && value.allSatisfy(\.isNumber)
    default: return true
    }
  }

  /// http, https and mailto addresses, and relative ones; no entities, spaces or control
  /// characters that could hide a `javascript:`.
  static func safeAddress(_ value: String) -> Bool {
    guard !value.contains("&#"), !value.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return false }
    let lower = value.lowercased()
    if ["http://", "https://", "mailto:"].contains(where: lower.hasPrefix) { return true }
    // Relative: no scheme before the first /, ? or #.
    let head = lower.prefix { !"/?#".contains($0) }
    return !head.contains(":")
  }
}
