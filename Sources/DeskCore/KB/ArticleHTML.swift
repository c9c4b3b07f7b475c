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
    var (text, held) = escapingRawHTML(markdown)
    while let last = text.last, last.isWhitespace { text.removeLast() }
    var html = MarkupFilter.clean(parser.html(from: text + "\n"))
    for (number, block) in held.enumerated().reversed() {
      html = html.replacingOccurrences(of: InkBudget.marker(number), with: HTMLText.escape(block))
    }
    return html
  }

  /// The Markdown with every `<` outside code written `&lt;`, so that Ink reads no HTML (an
  /// unclosed tag would take the rest of the article with it), and code fences' info strings
  /// cut to a language name. A block (lines between blank lines) that `InkBudget` finds too
  /// costly for Ink is held back: a marker line stands in its place, and the block is returned.
  static func escapingRawHTML(_ markdown: String) -> (text: String, held: [String]) {
    var out: [String] = []
    var held: [String] = []
    var block: [(raw: Substring, escaped: String)] = []
    func endBlock() {
      guard !block.isEmpty else { return }
      let raw = block.map(\.raw).joined(separator: "\n")
      if InkBudget.fits(raw) {
        out += block.map(\.escaped)
      } else {
        out.append(InkBudget.marker(held.count))
        held.append(raw)
      }
      block = []
    }
    var fence: String?
    for line in markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
      let indent = line.prefix { $0 == " " }
      let text = line.dropFirst(indent.count)
      if let marker = ["```", "~~~"].first(where: { text.hasPrefix($0) }) {
        if fence == nil {
          endBlock()
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
      if line.allSatisfy(\.isWhitespace) {
        endBlock()
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
      block.append((line, escaped))
    }
    endBlock()
    return (out.joined(separator: "\n"), held)
  }
}

/// What a block of Markdown may hold before Ink is not trusted with it. Ink 0.6 backtracks on
/// unclosed `[` (30 take 20 s, doubling with each; 8 in a 30 KB paragraph take 27 s), recurses
/// once per nested link (10,000 overflow the stack) and rescans for each `&` (16,000 take 8 s).
/// A block over any limit here is shown as plain text instead, so that no article can stall or
/// crash an export: its size times 2 to the power of its unclosed `[` is Ink's work, bounded.
enum InkBudget {
  static let maxDepth = 16
  static let maxUnclosed = 8
  static let maxReferences = 1000
  static let maxBytes = 32 * 1024
  static let maxBacktracking = 1 << 17

  struct Measure: Equatable {
    /// How deep `[`, `(` and `>` quotes nest.
    var depth = 0
    /// `[` left open at the end.
    var unclosed = 0
    /// `&` and `<` (which reaches Ink as `&lt;`).
    var references = 0
    var bytes = 0
    /// The characters looked at: the guard's own work, one step each.
    var steps = 0
  }

  static func measure(_ block: some StringProtocol) -> Measure {
    var m = Measure(bytes: block.utf8.count)
    var squares = 0
    var parens = 0
    var quotes = 0
    var lineStart = true
    for c in block.unicodeScalars {
      m.steps += 1
      switch c {
      case "[": squares += 1
      case "]": squares = max(0, squares - 1)
      case "(": parens += 1
      case ")": parens = max(0, parens - 1)
      case "&", "<": m.references += 1
      case ">" where lineStart: quotes += 1
      case "\n":
        quotes = 0
        lineStart = true
        continue
      case " " where lineStart: continue
      default: break
      }
      if c != ">" { lineStart = false }
      m.depth = max(m.depth, squares + parens + quotes)
    }
    m.unclosed = squares
    return m
  }

  static func fits(_ block: some StringProtocol) -> Bool {
    guard block.utf8.count <= maxBytes else { return false }
    let m = measure(block)
    return m.depth <= maxDepth && m.unclosed <= maxUnclosed && m.references <= maxReferences
      && m.bytes << m.unclosed <= maxBacktracking
  }

  /// The line that stands for held block `number`; private-use characters, so Ink leaves it be.
  static func marker(_ number: Int) -> String { "\u{E000}desk-held-\(number)\u{E000}" }
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
    case "href", "src": return SafeLink.allows(value)
    case "class": return value.hasPrefix("language-") && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_+#.".contains($0)) }
    case "align": return ["left", "center", "right"].contains(value)
    case "start": return !value.isEmpty && value.count < 10 && value.allSatisfy(\.isNumber)
    default: return true
    }
  }
}
