import Foundation
import Testing

@testable import DeskCore

@Suite("QuotedReplyTests: quoted history and signatures are cut from the text shown, nothing lost")
struct QuotedReplyTests {
  static let reply = "Спасибо, теперь работает.\n"

  /// Real attribution lines of the mail clients customers use, each followed by the quoted message.
  static let attributions = [
    "On Mon, 1 Dec 2026 at 10:00, Anna <a@x> wrote:",  // Gmail en
    "пн, 1 дек. 2026 г. в 10:00, Анна <a@x>:",  // Gmail ru
    "пн, 1 груд. 2026 р. о 10:00 Анна <a@x> пише:",  // Gmail uk
    "Em seg., 1 de dez. de 2026 às 10:00, Anna <a@x> escreveu:",  // Gmail pt
    "01.12.2026, 10:00, \"Анна\" <a@x>:",  // Yandex
    "Понедельник, 1 декабря 2026, 10:00 +03:00 от Анна <a@x>:",  // Mail.ru
    "On 01.12.2026 10:00, Anna wrote:",  // Thunderbird en
    "01.12.2026 10:00, Анна пишет:",  // Thunderbird ru
    "On 1 Dec 2026, at 10:00, Anna <a@x> wrote:",  // Apple Mail
    "Am 01.12.2026 um 10:00 schrieb Anna <a@x>:",  // Thunderbird de
  ]

  @Test("an attribution line and the quote under it are cut", arguments: attributions)
  func attribution(line: String) {
    let quoted = "\n\(line)\n> Экспорт не работает.\n>\n> Анна\n"
    let (shown, cut) = QuotedReply.split(Self.reply + quoted)
    #expect(shown == Self.reply)
    #expect(cut == quoted)
  }

  @Test("Gmail's attribution wrapped onto two lines is cut from its first line")
  func wrappedAttribution() {
    let quoted = "\nOn Mon, 1 Dec 2026 at 10:00, Anna Petrova-Vodkina <\nanna.petrova@example.com> wrote:\n\n> Экспорт не работает.\n"
    #expect(QuotedReply.split(Self.reply + quoted) == (Self.reply, quoted))
  }

  @Test(
    "Outlook's header block is cut with the separator above it",
    arguments: [
      "________________________________\nFrom: Anna <a@x>\nSent: Monday, December 1, 2026 10:00 AM\nTo: Support <help@desk.test>\nSubject: Export\n\nЭкспорт не работает.\n",
      "From: Anna Petrova [mailto:a@x]\nSent: Monday, December 1, 2026 10:00\nTo: help@desk.test\nSubject: RE: Export [#3]\n\nЭкспорт не работает.\n",
      "*From:* Anna <a@x>\n*Sent:* Monday, December 1, 2026 10:00\n*To:* help@desk.test\n*Subject:* Export\n\nold\n",
      "От: Анна <a@x>\nОтправлено: 1 декабря 2026 г. 10:00\nКому: help@desk.test\nТема: Экспорт\n\nЭкспорт не работает.\n",
      "Від: Анна <a@x>\nНадіслано: 1 грудня 2026 р. 10:00\nКому: help@desk.test\nТема: Експорт\n\nЕкспорт не працює.\n",
      "De: Anna <a@x>\nEnviado: segunda-feira, 1 de dezembro de 2026 10:00\nPara: help@desk.test\nAssunto: Exportação\n\nNão funciona.\n",
      "Von: Anna <a@x>\nGesendet: Montag, 1. Dezember 2026 10:00\nAn: help@desk.test\nBetreff: Export\n\nGeht nicht.\n",
      "-----Original Message-----\nFrom: Anna <a@x>\nSent: Monday, December 1, 2026 10:00\n\nold\n",
      "----- Original Message -----\nold\n",
      "-------- Исходное сообщение --------\nold\n",
      "-----Mensagem original-----\nold\n",
    ])
  func outlook(quoted: String) {
    let text = Self.reply + "\n" + quoted
    #expect(QuotedReply.split(text) == (Self.reply, "\n" + quoted))
  }

  @Test("a block of > lines at the end is cut")
  func trailingQuote() {
    let quoted = "\n> Экспорт не работает.\n> Ошибка 500.\n>\n> Анна\n"
    #expect(QuotedReply.split(Self.reply + quoted) == (Self.reply, quoted))
  }

  @Test("a signature after \"-- \" is cut, and so is the history below it")
  func signature() {
    #expect(
      QuotedReply.split("Hi,\nit works.\n-- \nAnna Petrova\n+7 900 000-00-00\n") == (
        "Hi,\nit works.\n", "-- \nAnna Petrova\n+7 900 000-00-00\n"
      ))
    let below = "-- \nAnna\n\nOn Mon, 1 Dec 2026 at 10:00, Bob <b@x> wrote:\n> ok\n"
    #expect(QuotedReply.split("Thanks\n\n" + below) == ("Thanks\n", "\n" + below))
  }

  @Test("CRLF line breaks are kept byte for byte on both sides")
  func crlf() {
    let text = "Works now.\r\n\r\nOn 01.12.2026 10:00, Anna wrote:\r\n> broken\r\n"
    #expect(QuotedReply.split(text) == ("Works now.\r\n", "\r\nOn 01.12.2026 10:00, Anna wrote:\r\n> broken\r\n"))
  }

  @Test(
    "what a customer writes is never cut",
    arguments: [
      // One or two quoted lines in the middle or at the end are the customer's own.
      "We ordered\n> 5 items\nbut got 4.\n",
      "Your page says:\n> Delivery in 2 days\n> free of charge\n",
      // "From:" in prose is no header block.
      "From: Moscow, to: Kazan — the route is wrong.\nPlease check.\n",
      "From: Anna\nI cannot log in.\n",
      // An answer written between the quoted lines (inline), or below them, is all shown.
      "On Mon, 1 Dec 2026 at 10:00, Bob <b@x> wrote:\n> Which version?\n2.4\n> Which OS?\nDebian\n",
      "Answers below.\n\nOn Mon, 1 Dec 2026 at 10:00, Bob <b@x> wrote:\n> Which version?\n\n2.4, on Debian.\n",
      // A time and a colon without a date, or a date without a time, is no attribution.
      "At 10:00 the server wrote:\nerror 500\n",
      "On 1 Dec 2026 I wrote:\nthe first letter\n",
      "-- not a signature, a dash\n",
      "",
    ])
  func kept(text: String) {
    #expect(QuotedReply.split(text) == (text, ""))
  }

  @Test("the shown and quoted parts always make the whole text (random texts of lines that matter)")
  func nothingLost() {
    let pieces = [
      "Hello\n", "\n", "\r\n", "> quoted\n", ">\r\n", "-- \n", "--\n", "From: Anna <a@x>\n", "Sent: Monday 10:00\n",
      "To: help@desk.test\n", "Subject: x\n", "On Mon, 1 Dec 2026 at 10:00, Anna <a@x> wrote:\n", "01.12.2026 10:00, Анна пишет:\r\n",
      "-----Original Message-----\n", "________________________________\n", "Спасибо 👍🏽", "\u{202E}bidi", "e\u{301}",
    ]
    var rng = SplitMix64(state: 17)
    for _ in 0..<2000 {
      let text = fuzzText(&rng, pieces: pieces)
      let (shown, quoted) = QuotedReply.split(text)
      #expect(Array(shown.utf8) + Array(quoted.utf8) == Array(text.utf8), "\(text.debugDescription)")
    }
  }
}
