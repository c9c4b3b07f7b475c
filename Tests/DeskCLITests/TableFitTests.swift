import Foundation
import Testing

@testable import DeskCLI

/// Tables fit the width asked for (the terminal's, or COLUMNS), counted in terminal cells:
/// the widest free-text column gives way first, with an ellipsis, and no row wraps.
@Suite struct TableFitTests {
  static let subjects = [
    "Не могу войти в личный кабинет после смены пароля",
    "打印机无法连接到网络，请帮忙检查一下设置",
    "Export 📦 hangs 🙈 when the file is over two gigabytes",
  ]

  /// Anna and a customer with a long Cyrillic name, and a ticket for each subject.
  static func desk() -> Sandbox {
    let s = Sandbox.team()
    s.ok("customer", "add", "Константин Константинопольский", "--email", "k@example.com")
    s.ok("ticket", "new", subjects[0], "--customer", "2", "--type", "implementation", "--assign", "adelia")
    s.ok("ticket", "new", subjects[1], "--customer", "1", "--priority", "urgent")
    s.ok("ticket", "new", subjects[2], "--customer", "1")
    return s
  }

  @Test("at COLUMNS=80 and 100 every row of ticket list is one line within the width, the subject cut with …", arguments: [80, 100])
  func ticketListFits(width: Int) throws {
    let s = Self.desk()
    let r = s.ok("ticket", "list", "--format", "table", env: ["COLUMNS": String(width)])
    #expect(r.lines.count == 4, "\(r)")
    for line in r.lines {
      #expect(CellWidth.of(line) <= width, "wider than \(width): \(line)")
      #expect(!line.contains("\n"))
    }
    #expect(r.lines[0].hasPrefix("ID  STATUS  PRIORITY  "))
    #expect(r.lines[0].hasSuffix("SUBJECT"))
    // Every subject is there up to where it was cut, and cut with an ellipsis.
    for (line, subject) in zip(r.lines.dropFirst(), Self.subjects.reversed()) {
      let start = try #require(line.range(of: String(subject.prefix(4)))?.lowerBound, "\(line)")
      let shown = String(line[start...])
      #expect(shown.hasSuffix("…"), "\(line)")
      #expect(subject.hasPrefix(String(shown.dropLast())), "\(shown)")
      #expect(CellWidth.of(shown) >= 10)
    }
  }

  @Test("the exact tables at 80, 100 and 140 columns: updated_at, then type give way first; subject and customer share the rest")
  func exactTables() throws {
    let s = Self.desk()
    let table = { (width: Int) in s.ok("ticket", "list", "--format", "table", env: ["COLUMNS": String(width)]).lines }
    #expect(
      table(80) == [
        "ID  STATUS  PRIORITY  ASSIGNEE  CUSTOMER_NAME       SLA_LEFT  SUBJECT",
        "3   new     normal    -         Anna Petrova        -         Export 📦 hangs …",
        "2   new     urgent    -         Anna Petrova        -         打印机无法连接到…",
        "1   open    normal    adelia    Константин Конста…  -         Не могу войти в л…",
      ])
    #expect(
      table(100) == [
        "ID  STATUS  PRIORITY  TYPE            ASSIGNEE  CUSTOMER_NAME         SLA_LEFT  SUBJECT",
        "3   new     normal    support         -         Anna Petrova          -         Export 📦 hangs 🙈 …",
        "2   new     urgent    support         -         Anna Petrova          -         打印机无法连接到网…",
        "1   open    normal    implementation  adelia    Константин Констант…  -         Не могу войти в лич…",
      ])
    #expect(
      table(140) == [
        "ID  STATUS  PRIORITY  TYPE            ASSIGNEE  CUSTOMER_NAME                   SLA_LEFT  UPDATED_AT        SUBJECT",
        "3   new     normal    support         -         Anna Petrova                    -         2026-11-24 10:00  Export 📦 hangs 🙈 when the fil…",
        "2   new     urgent    support         -         Anna Petrova                    -         2026-11-24 10:00  打印机无法连接到网络，请帮忙检…",
        "1   open    normal    implementation  adelia    Константин Константинопольский  -         2026-11-24 10:00  Не могу войти в личный кабинет …",
      ])
    // --fields is what was asked for: nothing is left out, the free text gives way alone, to
    // 16 cells; below that the line is cut at the width.
    let fields = { (width: Int) in
      s.ok("ticket", "list", "--format", "table", "--fields", "id,updated_at,type,subject", env: ["COLUMNS": String(width)]).lines
    }
    #expect(
      fields(60) == [
        "ID  UPDATED_AT        TYPE            SUBJECT",
        "3   2026-11-24 10:00  support         Export 📦 hangs 🙈 wh…",
        "2   2026-11-24 10:00  support         打印机无法连接到网络…",
        "1   2026-11-24 10:00  implementation  Не могу войти в личны…",
      ])
    #expect(
      fields(50) == [
        "ID  UPDATED_AT        TYPE            SUBJECT",
        "3   2026-11-24 10:00  support         Export 📦 h…",
        "2   2026-11-24 10:00  support         打印机无法…",
        "1   2026-11-24 10:00  implementation  Не могу вой…",
      ])
  }

  @Test("piped with no COLUMNS, the table is exact: nothing is cut")
  func pipedTableIsExact() throws {
    let s = Self.desk()
    let r = s.ok("ticket", "list", "--format", "table", "--fields", "id,customer_name,subject")
    #expect(
      r.lines == [
        "ID  CUSTOMER_NAME                   SUBJECT",
        "3   Anna Petrova                    \(Self.subjects[2])",
        "2   Anna Petrova                    \(Self.subjects[1])",
        "1   Константин Константинопольский  \(Self.subjects[0])",
      ])
  }

  @Test("CJK columns are padded by cells, so the next column lines up")
  func wideCharactersAlign() throws {
    let s = Self.desk()
    let r = s.ok("ticket", "list", "--format", "table", "--fields", "subject,id", env: ["COLUMNS": "40"])
    #expect(
      r.lines == [
        "SUBJECT                               ID",
        "Export 📦 hangs 🙈 when the file is…  3",
        "打印机无法连接到网络，请帮忙检查一…   2",
        "Не могу войти в личный кабинет посл…  1",
      ], "\(r.stdout)")
  }

  @Test("cells: combining marks 0, wide and emoji 2, a grapheme at a time")
  func cellWidths() {
    #expect(CellWidth.of("abc") == 3)
    #expect(CellWidth.of("Привет") == 6)
    #expect(CellWidth.of("е\u{301}ж") == 2)
    #expect(CellWidth.of("日本語") == 6)
    #expect(CellWidth.of("ｶﾀｶﾅ") == 4)  // halfwidth katakana
    #expect(CellWidth.of("ＡＢ") == 4)  // fullwidth Latin
    #expect(CellWidth.of("한국") == 4)
    #expect(CellWidth.of("👍") == 2)
    #expect(CellWidth.of("👍🏽") == 2)
    #expect(CellWidth.of("❤️") == 2)
    #expect(CellWidth.of("👨‍👩‍👧") == 2)
    #expect(CellWidth.of("🇷🇺") == 2)
    #expect(CellWidth.of("a\u{200B}b") == 2)
    #expect(CellWidth.truncate("日本語です", to: 6) == "日本…")
    #expect(CellWidth.truncate("日本語です", to: 5) == "日本…")
    #expect(CellWidth.truncate("日本語です", to: 10) == "日本語です")
    #expect(CellWidth.truncate("Привет", to: 4) == "При…")
    #expect(CellWidth.pad("日本", to: 6) == "日本  ")
  }
}
