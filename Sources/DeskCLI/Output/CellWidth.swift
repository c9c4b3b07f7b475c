/// How many terminal cells text takes, as wcwidth(3) counts them but without the locale:
/// combining marks and format characters 0, East Asian wide and fullwidth characters and
/// emoji 2, everything else 1. Counted per grapheme, so a flag, a family emoji or an emoji
/// with its variation selector is one wide character, and `е́` one narrow one. Tables and
/// completion listings measure with this, and only this.
enum CellWidth {
  static func of(_ text: String) -> Int {
    // ASCII is one cell a byte: the common case costs no grapheme breaking.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
    return text.reduce(0) { $0 + of($1) }
  }

  static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D }), first.properties.isEmoji {
      return 2
    }
    return of(first)
  }

  static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x7F { return v < 0x20 ? 0 : 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: break
    }
    if v >= 0x1160 && v <= 0x11FF { return 0 }  // Hangul medial vowels and final consonants join the syllable
    if scalar.properties.isEmojiPresentation { return 2 }
    return wide.contains { $0.contains(v) } ? 2 : 1
  }

  /// East Asian Wide (W) and Fullwidth (F) blocks of Unicode's EastAsianWidth.txt.
  private static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
    0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
    0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
    0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]

  /// `text` in at most `cells` cells: cut with `…` when longer, as it is when it fits.
  static func truncate(_ text: String, to cells: Int) -> String {
    guard of(text) > cells else { return text }
    guard cells > 0 else { return "" }
    var out = ""
    var used = 0
    for character in text {
      let w = of(character)
      if used + w > cells - 1 { break }
      out.append(character)
      used += w
    }
    return out + "…"
  }

  /// `text` padded with spaces to `cells` cells.
  static func pad(_ text: String, to cells: Int) -> String {
    text + String(repeating: " ", count: max(cells - of(text), 0))
  }
}
