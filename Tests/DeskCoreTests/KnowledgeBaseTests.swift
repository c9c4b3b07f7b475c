import Foundation
import Testing

@testable import DeskCore

/// A team desk with published public articles in English, Portuguese, Russian and Ukrainian.
private func kbDesk() throws -> Desk {
  let desk = try makeTeamDesk()
  func add(_ slug: String, _ language: String, _ title: String, _ body: String, translationOf: String? = nil, audience: ArticleAudience = .public) throws {
    var d = KnowledgeBase.Draft(slug: slug, body: body)
    d.language = language
    d.title = title
    d.translationOf = translationOf
    d.audience = audience
    d.publish = true
    d.category = "Account"
    _ = try desk.kb.add(d)
  }
  try add("reset-password", "en", "Reset your password", "Open Settings and click Forgot password. A link arrives by email.")
  try add("redefinir-senha", "pt", "Redefinir a senha", "Abra as Configurações e clique em Esqueci a senha. A ação é rápida.", translationOf: "reset-password")
  try add("sbros-parolya", "ru", "Сброс пароля", "Откройте «Настройки» и нажмите «Забыли пароль?». Ещё проще — ёлка.", translationOf: "reset-password")
  try add("skydannya-parolya", "uk", "Скидання пароля", "Відкрийте «Налаштування» і натисніть «Забули пароль?». Її їжак.", translationOf: "reset-password")
  try add("invoices", "en", "Invoices and billing", "Invoices are sent monthly. The password of the billing portal is your account password.")
  try add("refunds", "en", "Refunds", "How agents handle refund requests: check the payment, then ask finance.", audience: .internal)
  return desk
}

private func slugs(_ hits: [ArticleHit]) -> [String] { hits.map(\.slug) }

@Suite struct KnowledgeBaseSearchTests {
  @Test func findsArticlesInThreeLanguagesWhateverTheCaseAndAccents() throws {
    let desk = try kbDesk()
    let scope = KnowledgeBase.SearchScope()
    // Portuguese: with and without accents, any case.
    #expect(slugs(try desk.kb.search("configurações", in: scope)) == ["redefinir-senha"])
    #expect(slugs(try desk.kb.search("CONFIGURACOES", in: scope)) == ["redefinir-senha"])
    #expect(slugs(try desk.kb.search("acao rapida", in: scope)) == ["redefinir-senha"])
    // Russian: ё and е are one letter to search, in any case.
    #expect(slugs(try desk.kb.search("ЕЛКА", in: scope)) == ["sbros-parolya"])
    #expect(slugs(try desk.kb.search("ёлка", in: scope)) == ["sbros-parolya"])
    #expect(slugs(try desk.kb.search("еще", in: scope)) == ["sbros-parolya"])
    // Ukrainian: ї and і likewise.
    #expect(slugs(try desk.kb.search("іжак", in: scope)) == ["skydannya-parolya"])
    #expect(slugs(try desk.kb.search("ЇЖАК", in: scope)) == ["skydannya-parolya"])
    // Prefixes: every word as a prefix, all of them required.
    #expect(slugs(try desk.kb.search("налашт", in: scope)) == ["skydannya-parolya"])
    #expect(slugs(try desk.kb.search("forgot pass", in: scope)) == ["reset-password"])
    #expect(try desk.kb.search("forgot invoices", in: scope).isEmpty)
  }

  @Test func aTitleHitRanksAboveBodyHits() throws {
    let desk = try kbDesk()
    // "password" is in reset-password's title once and in the invoices body twice.
    let hits = try desk.kb.search("password", in: KnowledgeBase.SearchScope())
    #expect(slugs(hits) == ["reset-password", "invoices"])
    #expect(hits[0].score > hits[1].score)
    #expect(hits.map(\.rank) == [1, 2])
  }

  @Test func filtersByLanguageAudienceCategoryAndState() throws {
    let desk = try kbDesk()
    var scope = KnowledgeBase.SearchScope()
    #expect(try desk.kb.search("refund", in: scope).map(\.audience) == [.internal])
    scope.filter.audience = .public
    #expect(try desk.kb.search("refund", in: scope).isEmpty)
    scope = KnowledgeBase.SearchScope()
    scope.filter.language = "ru"
    #expect(slugs(try desk.kb.search("пароль", in: scope)) == ["sbros-parolya"])
    scope.filter.language = "en"
    #expect(try desk.kb.search("пароль", in: scope).isEmpty)
    scope = KnowledgeBase.SearchScope()
    scope.filter.category = "Billing"
    #expect(try desk.kb.search("password", in: scope).isEmpty)
    // Drafts are found only when asked for.
    var draft = KnowledgeBase.Draft(slug: "vpn", body: "Connect to the VPN first.")
    draft.title = "VPN"
    _ = try desk.kb.add(draft)
    #expect(try desk.kb.search("vpn", in: KnowledgeBase.SearchScope()).isEmpty)
    scope = KnowledgeBase.SearchScope()
    scope.filter.state = nil
    #expect(slugs(try desk.kb.search("vpn", in: scope)) == ["vpn"])
  }

  @Test func excerptsMarkTheMatchesInTheArticlesOwnText() throws {
    let desk = try kbDesk()
    let hit = try #require(try desk.kb.search("елка", in: KnowledgeBase.SearchScope()).first)
    #expect(hit.markedSnippet.contains("\u{2}ёлка\u{3}"))
    #expect(hit.snippet == "Откройте «Настройки» и нажмите «Забыли пароль?». Ещё проще — ёлка.")
    let title = try #require(try desk.kb.search("reset", in: KnowledgeBase.SearchScope()).first)
    #expect(title.markedTitle == "\u{2}Reset\u{3} your password")
  }

  @Test func aLongBodyIsCutAroundTheMatches() {
    let words = (1...100).map { "w\($0)" }.joined(separator: " ")
    let excerpt = Excerpt(terms: ["w50"], words: 8)
    #expect(excerpt.snippet(words) == "…w47 w48 w49 \u{2}w50\u{3} w51 w52 w53 w54…")
  }

  @Test func searchTextIsNeverReadAsFTSSyntax() throws {
    let desk = try kbDesk()
    for query in ["pass*word", "NEAR(a b)", "a OR b", "'; DROP TABLE kb_article; --", "title:x"] {
      _ = try desk.kb.search(query, in: KnowledgeBase.SearchScope())
    }
    #expect(try desk.scalar("SELECT count(*) FROM kb_article") as Int? == 6)
    expectDeskError("usage", exit: 64) { try desk.kb.search("  -- ", in: KnowledgeBase.SearchScope()) }
    expectDeskError("usage", exit: 64) { try desk.kb.search("\"", in: KnowledgeBase.SearchScope()) }
  }

  @Test func suggestsTheArticleThatFitsATicket() throws {
    let desk = try kbDesk()
    let ticket = try desk.newTicket("Не могу войти в кабинет") { $0.body = "Забыла пароль, как его сбросить? Настройки не открываются." }
    let hits = try desk.kb.suggest(ticket: ticket.id, in: KnowledgeBase.SearchScope())
    #expect(hits.first?.slug == "sbros-parolya")
    let english = try desk.newTicket("Where is my invoice?") { $0.body = "I did not get the monthly invoices for billing." }
    #expect(try desk.kb.suggest(ticket: english.id, in: KnowledgeBase.SearchScope()).first?.slug == "invoices")
    expectDeskError("not_found", exit: 66) { try desk.kb.suggest(ticket: 999, in: KnowledgeBase.SearchScope()) }
  }

  @Test func editsKeepTheIndexInStep() throws {
    let desk = try kbDesk()
    var change = KnowledgeBase.Change()
    change.body = "Use the self-service portal."
    _ = try desk.kb.edit("invoices", language: nil, change)
    #expect(try desk.kb.search("monthly", in: KnowledgeBase.SearchScope()).isEmpty)
    #expect(slugs(try desk.kb.search("portal", in: KnowledgeBase.SearchScope())) == ["invoices"])
    _ = try desk.kb.remove("invoices", language: nil)
    #expect(try desk.kb.search("portal", in: KnowledgeBase.SearchScope()).isEmpty)
    #expect(try desk.scalar("SELECT count(*) FROM kb_revision WHERE article_id NOT IN (SELECT id FROM kb_article)") as Int? == 0)
  }
}

@Suite struct KnowledgeBaseArticleTests {
  @Test func translationsShareAnArticleAndAreNamedByLanguage() throws {
    let desk = try kbDesk()
    let en = try desk.kb.show("reset-password", language: nil)
    #expect(en.translations == ["pt:redefinir-senha", "ru:sbros-parolya", "uk:skydannya-parolya"])
    #expect(en.original == nil)
    let ru = try desk.kb.show("reset-password", language: "ru")
    #expect(ru.slug == "sbros-parolya")
    #expect(ru.original == "reset-password")
    // The same slug in another language is a translation of it.
    var fr = KnowledgeBase.Draft(slug: "reset-password", body: "# Réinitialiser le mot de passe\n\nOuvrez les réglages.")
    fr.language = "fr"
    let added = try desk.kb.add(fr)
    #expect(added.title == "Réinitialiser le mot de passe")
    #expect(added.groupID == en.groupID)
    expectDeskError("usage", exit: 64, message: "the article 'reset-password' exists in en, fr") { try desk.kb.show("reset-password", language: nil) }
    expectDeskError("not_found", exit: 66) { try desk.kb.show("reset-password", language: "de") }
    expectDeskError("not_found", exit: 66) { try desk.kb.show("nope", language: nil) }
    var twice = KnowledgeBase.Draft(slug: "another-ru", body: "x")
    twice.title = "X"
    twice.language = "ru"
    twice.translationOf = "reset-password"
    expectDeskError("invalid_input", exit: 65, message: "this article already has a translation in ru: 'sbros-parolya'") { try desk.kb.add(twice) }
  }

  @Test func badArticlesAreRefusedAndChangeNothing() throws {
    let desk = try kbDesk()
    let before: Int? = try desk.scalar("SELECT count(*) FROM kb_revision")
    func draft(_ slug: String, _ body: String, title: String? = "T") -> KnowledgeBase.Draft {
      var d = KnowledgeBase.Draft(slug: slug, body: body)
      d.title = title
      return d
    }
    expectDeskError("invalid_input", exit: 65) { try desk.kb.add(draft("Bad Slug", "x")) }
    expectDeskError("invalid_input", exit: 65) { try desk.kb.add(draft("index", "x")) }
    expectDeskError("invalid_input", exit: 65) { try desk.kb.add(draft("12", "x")) }
    expectDeskError("invalid_input", exit: 65) { try desk.kb.add(draft("ok", "  \n")) }
    expectDeskError("usage", exit: 64) { try desk.kb.add(draft("ok", "no heading here", title: nil)) }
    expectDeskError("invalid_input", exit: 65) { try desk.kb.add(draft("ok", "x", title: "two\nlines")) }
    expectDeskError("invalid_input", exit: 65) { try desk.kb.add(draft("ok", String(repeating: "x", count: KnowledgeBase.maxBodyBytes + 1))) }
    expectDeskError("invalid_input", exit: 65) { try desk.kb.add(draft("reset-password", "x")) }
    #expect(try desk.scalar("SELECT count(*) FROM kb_revision") as Int? == before)
  }

  @Test func historyRecordsEveryChange() throws {
    let desk = try kbDesk()
    var change = KnowledgeBase.Change()
    change.title = "Invoices"
    change.tags = ["billing, Money"]
    _ = try desk.acting(as: "lena").kb.edit("invoices", language: nil, change)
    let (_, same, _) = try desk.kb.edit("invoices", language: nil, change)
    #expect(!same)
    _ = try desk.kb.setState("invoices", language: nil, to: .draft)
    let (article, revisions) = try desk.kb.history("invoices", language: nil)
    #expect(article.tags == ["billing", "money"])
    #expect(revisions.map(\.change) == ["created, published", "title, tags", "unpublished"])
    #expect(revisions.map(\.actor) == ["root", "lena", "root"])
    #expect(revisions[0].title == "Invoices and billing")
    #expect(revisions[1].title == "Invoices")
  }

  @Test func onlyLeadsAndAdminsPublishPublicArticles() throws {
    let desk = try kbDesk()
    let anna = desk.acting(as: "anna")
    var public_ = KnowledgeBase.Draft(slug: "vpn", body: "Connect first.")
    public_.title = "VPN"
    _ = try anna.kb.add(public_)
    expectDeskError("permission_denied", exit: 77) { try anna.kb.setState("vpn", language: nil, to: .published) }
    var inside = KnowledgeBase.Draft(slug: "escalation", body: "Page the on-call.")
    inside.title = "Escalation"
    inside.audience = .internal
    inside.publish = true
    #expect(try anna.kb.add(inside).state == .published)
    // Showing a live internal article to customers is publishing it.
    var change = KnowledgeBase.Change()
    change.audience = .public
    expectDeskError("permission_denied", exit: 77) { try anna.kb.edit("escalation", language: nil, change) }
    expectDeskError("permission_denied", exit: 77) { try anna.kb.remove("vpn", language: nil) }
    #expect(try desk.acting(as: "lena").kb.setState("vpn", language: nil, to: .published).changed)
    #expect(try desk.kb.setState("vpn", language: nil, to: .published).changed == false)
  }

  @Test func aReplyLinksTheArticleInTheCustomersLanguage() throws {
    let desk = try kbDesk()
    let ticket = try desk.newTicket("Senha") { $0.body = "Esqueci a senha" }
    expectDeskError("configuration", exit: 78) { try desk.tickets.reply([ticket.id], body: "Veja:", articles: ["reset-password"]) }
    try desk.settings.set("kb.url", to: "https://help.example.com/")
    var joao = CustomerChanges()
    joao.name = "João"
    joao.email = "joao@example.com"
    joao.language = "pt"
    let customer = try desk.customers.add(joao)
    let forJoao = try desk.newTicket("Senha") {
      $0.customer = "\(customer.id)"
      $0.body = "Esqueci a senha"
    }
    _ = try desk.tickets.reply([forJoao.id], body: "Veja:", articles: ["reset-password"])
    let body: String? = try desk.scalar("SELECT body FROM message WHERE ticket_id = ? ORDER BY id DESC LIMIT 1", [forJoao.id])
    #expect(body == "Veja:\n\nRedefinir a senha: https://help.example.com/pt/redefinir-senha.html")
    expectDeskError("not_allowed", exit: 65) { try desk.tickets.reply([forJoao.id], body: "x", articles: ["refunds"]) }
    expectDeskError("not_found", exit: 66) { try desk.tickets.reply([forJoao.id], body: "x", articles: ["nope"]) }
  }
}

@Suite struct ArticleHTMLTests {
  @Test func markdownRendersAndScriptsDoNotSurvive() {
    let html = ArticleHTML.render(
      """
      # Title

      Some **bold** and `a < b` code, [docs](https://example.com/a?b=1).

      <script>alert(1)</script>
      <img src=x onerror="alert(2)">
      [click](javascript:alert(3)) [x](JaVaScRiPt:alert(4)) [y](java&#115;cript:alert(5))
      ![a" onerror="alert(6)](p.png)
      <a href="https://ok">raw</a> <iframe src="https://evil"></iframe>

      ```js onload="alert(7)"
      if (a < b) { alert(8) }
      ```

      After the code.
      """)
    #expect(html.contains("<h1>Title</h1>"))
    #expect(html.contains("<strong>bold</strong>"))
    #expect(html.contains("<code>a &lt; b</code>"))
    #expect(html.contains("<a href=\"https://example.com/a?b=1\">docs</a>"))
    #expect(html.contains("<pre><code class=\"language-js\">if (a &lt; b) { alert(8) }"))
    #expect(html.contains("<p>After the code.</p>"))
    // Every real tag left is one of Ink's, with no attribute that runs code; the rest is text.
    let tags = realTags(html)
    #expect(Set(tags.map(\.name)).isSubset(of: ["h1", "p", "strong", "code", "a", "pre"]), "\(tags)")
    #expect(tags.filter { $0.name == "a" && !$0.closing }.map(\.attributes) == [" href=\"https://example.com/a?b=1\""])
    #expect(tags.allSatisfy { !$0.attributes.lowercased().contains("on") || $0.name == "a" })
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
  }

  /// The tags a browser would read: every `<` that is not escaped, with its name and attributes.
  private func realTags(_ html: String) -> [(name: String, attributes: String, closing: Bool)] {
    let regex = try! NSRegularExpression(pattern: "<(/?)([a-zA-Z0-9]+)([^>]*)>")
    let ns = html as NSString
    return regex.matches(in: html, range: NSRange(location: 0, length: ns.length)).map {
      (ns.substring(with: $0.range(at: 2)).lowercased(), ns.substring(with: $0.range(at: 3)), $0.range(at: 1).length == 1)
    }
  }

  @Test func theFilterKeepsInksMarkupOnly() {
    #expect(MarkupFilter.clean("<p>a</p><br><hr/><ol start=\"3\"><li>x</li></ol>") == "<p>a</p><br><hr/><ol start=\"3\"><li>x</li></ol>")
    #expect(MarkupFilter.clean("<p onclick=\"x\">a</p>") == "&lt;p onclick=\"x\">a</p>")
    #expect(MarkupFilter.clean("<a href=\"mailto:a@b.c\">m</a>") == "<a href=\"mailto:a@b.c\">m</a>")
    #expect(MarkupFilter.clean("<a href=\"data:text/html,x\">m</a>") == "&lt;a href=\"data:text/html,x\">m</a>")
    #expect(MarkupFilter.clean("<a href=\" javascript:x\">m</a>") == "&lt;a href=\" javascript:x\">m</a>")
    #expect(MarkupFilter.clean("<a href=\"guide.html#top\">m</a>") == "<a href=\"guide.html#top\">m</a>")
    #expect(MarkupFilter.clean("<svg onload=alert(1)>") == "&lt;svg onload=alert(1)>")
    #expect(MarkupFilter.clean("<td align=\"left\" align=\"left\">") == "&lt;td align=\"left\" align=\"left\">")
    #expect(MarkupFilter.clean("a < b") == "a &lt; b")
  }
}
