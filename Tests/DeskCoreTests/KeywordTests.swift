import Testing

@testable import DeskCore

@Suite("trust 11: rule keywords are words")
struct Trust11KeywordTests {
  @Test(
    "whole words, case and accents ignored; a trailing * is a prefix; several words in a row",
    arguments: [
      ("import", "Import failed", "Import"),
      ("import", "This is important", nil),
      ("import", "please reimport", nil),
      ("import*", "importing now", "importing"),
      ("import*", "reimporting", nil),
      ("зарплат*", "Где ЗАРПЛАТА?", "ЗАРПЛАТА"),
      ("зарплата", "зарплатный", nil),
      ("relatorio", "o Relatório", "Relatório"),
      ("ёлка", "Елка", "Елка"),
      ("не работает", "Всё НЕ  работает!", "НЕ  работает"),
      ("не работает", "не очень работает", nil),
      ("e-mail", "my e-mail bounced", "e-mail"),
      ("2fa", "2FA code", "2FA"),
    ] as [(String, String, String?)])
  func matches(keyword: String, text: String, matched: String?) throws {
    #expect(try Keyword(keyword).match(in: KeywordText(text)) == matched)
  }

  @Test("a keyword is words with at most a trailing *", arguments: ["*", "im*port", "**", " , ", "!!"])
  func invalid(keyword: String) {
    #expect(throws: DeskError.self) { try Keyword(keyword) }
  }
}
