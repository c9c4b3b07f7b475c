import CGMime

/// GMime 3, loaded the first time a command reads or writes mail (CGMime.h says why it is not linked).
enum GMime {
  /// Loads and initialises GMime; `DeskError.unavailable` when this machine lacks it.
  static func load() throws {
    var why = [CChar](repeating: 0, count: 256)
    guard desk_gmime_load(&why, why.count) == 1 else {
      throw DeskError.unavailable(String(decoding: why.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
  }
}
