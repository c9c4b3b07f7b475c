/// The one check of where a link may lead: http, https, mailto, or a relative address.
///
/// The address is judged as a browser reads it: character references decoded first (an
/// attribute's `java&Tab;script&colon;` is `javascript:`), then ASCII white space and C0 controls
/// removed (a URL parser drops tabs and newlines anywhere), then the scheme compared in lower case.
/// A named reference desk does not know makes the address unsafe rather than guessed at.
public enum SafeLink {
  static let schemes: Set<String> = ["http", "https", "mailto"]

  public static func allows(_ address: String) -> Bool {
    guard let decoded = decode(address) else { return false }
    let text = String(String.UnicodeScalarView(decoded.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })).lowercased()
    // A scheme is whatever comes before a ':' that precedes the first '/', '?' or '#'.
    let head = text.prefix { !"/?#".contains($0) }
    guard let colon = head.firstIndex(of: ":") else { return true }
    return schemes.contains(String(head[..<colon]))
  }

  /// The text with every character reference decoded; nil when it holds `&name;` for a name not in
  /// `asciiNames`. Named references whose expansion is not ASCII cannot spell a scheme, so the
  /// table holds only the ASCII ones (all of them, from the HTML5 list).
  static func decode(_ text: String) -> String? {
    let s = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < s.count {
      guard s[i] == "&" else {
        out.append(s[i])
        i += 1
        continue
      }
      if i + 1 < s.count, s[i + 1] == "#" {
        // Numeric: decimal or hex, the ';' optional, as browsers read it.
        var j = i + 2
        let hex = j < s.count && (s[j] == "x" || s[j] == "X")
        if hex { j += 1 }
        let start = j
        var value: UInt32 = 0
        while j < s.count, let digit = Int(String(s[j]), radix: hex ? 16 : 10), s[j].isASCII {
          value = min(value &* (hex ? 16 : 10) &+ UInt32(digit), 0x110000)
          j += 1
        }
        guard j > start else {
          out.append(s[i])
          i += 1
          continue
        }
        if j < s.count, s[j] == ";" { j += 1 }
        out.append(Unicode.Scalar(value).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}")
        i = j
        continue
      }
      var j = i + 1
      while j < s.count, s[j].isASCII, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) { j += 1 }
      let name = String(String.UnicodeScalarView(s[(i + 1)..<j]))
      if j < s.count, s[j] == ";", !name.isEmpty {
        guard let expansion = asciiNames[name] else { return nil }
        out.append(contentsOf: expansion.unicodeScalars)
        i = j + 1
      } else if let expansion = legacyNames[name], j >= s.count || s[j] != "=" {
        // The few references HTML still reads without a ';'.
        out.append(contentsOf: expansion.unicodeScalars)
        i = j
      } else {
        out.append(s[i])
        i += 1
      }
    }
    return String(out)
  }

  static let legacyNames = ["AMP": "&", "GT": ">", "LT": "<", "QUOT": "\"", "amp": "&", "gt": ">", "lt": "<", "quot": "\""]

  /// Every HTML5 named character reference whose expansion is ASCII.
  static let asciiNames: [String: String] = [
    "AMP": "&", "DiacriticalGrave": "`", "GT": ">", "Hat": "^", "LT": "<", "NewLine": "\n", "QUOT": "\"", "Tab": "\t",
    "UnderBar": "_", "VerticalLine": "|", "amp": "&", "apos": "'", "ast": "*", "bsol": "\\", "colon": ":", "comma": ",",
    "commat": "@", "dollar": "$", "equals": "=", "excl": "!", "fjlig": "fj", "grave": "`", "gt": ">", "lbrace": "{",
    "lbrack": "[", "lcub": "{", "lowbar": "_", "lpar": "(", "lsqb": "[", "lt": "<", "midast": "*", "num": "#", "percnt": "%",
    "period": ".", "plus": "+", "quest": "?", "quot": "\"", "rbrace": "}", "rbrack": "]", "rcub": "}", "rpar": ")", "rsqb": "]",
    "semi": ";", "sol": "/", "verbar": "|", "vert": "|",
  ]
}
