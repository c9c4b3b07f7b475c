import Foundation
import GRDB

/// What `kb export --html` wrote.
public struct SiteSummary: Sendable {
  public var articles: Int
  public var pages: Int
  public var languages: [String]
  public var removed: Int
}

extension KnowledgeBase {
  /// Writes the public site: a page per published public article, an index per language and
  /// per category, links between translations, and a stylesheet (`css`, else desk's own).
  ///
  /// Pages are `LANGUAGE/SLUG.html`, the address `ticket reply --kb` links to. The site replaces
  /// the previous one in one step (see `SiteFiles`): pages a previous export wrote and this one
  /// did not (an unpublished article) are gone; files desk did not write are kept.
  public func exportSite(to directory: String, css: String?, title: String?) throws -> SiteSummary {
    let files = SiteFiles(root: directory)
    try files.prepare()
    let stylesheet = try css.map { path -> String in
      guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw DeskError.notFound("cannot read the stylesheet \(path)")
      }
      return text
    }
    try files.write("style.css", stylesheet ?? SitePage.defaultCSS)

    var languages: [(code: String, entries: [SitePage.Entry])] = []
    var count = 0
    try desk.database.read { db in
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT \(Article.columns) FROM kb_article a WHERE a.state = 'published' AND a.audience = 'public'
          ORDER BY a.language, a.category IS NULL, a.category, a.title
          """)
      while let row = try rows.next() {
        let article = Article(row: row)
        let translations = try Row.fetchAll(
          db,
          sql: """
            SELECT language, slug, title FROM kb_article
            WHERE group_id = ? AND id <> ? AND state = 'published' AND audience = 'public' ORDER BY language
            """,
          arguments: [article.groupID, article.id]
        ).map { SitePage.Translation(language: $0[0], slug: $0[1], title: $0[2]) }
        let page = SitePage(language: article.language, siteTitle: title)
        try files.write("\(article.language)/\(article.slug).html", page.article(article, translations: translations))
        if languages.last?.code != article.language { languages.append((article.language, [])) }
        languages[languages.count - 1].entries.append(SitePage.Entry(slug: article.slug, title: article.title, category: article.category))
        count += 1
      }
    }
    for (language, entries) in languages {
      let page = SitePage(language: language, siteTitle: title)
      try files.write("\(language)/index.html", page.languageIndex(entries))
      var byCategory: [(String?, [SitePage.Entry])] = []
      for entry in entries {
        if byCategory.isEmpty || byCategory.last?.0 != entry.category { byCategory.append((entry.category, [])) }
        byCategory[byCategory.count - 1].1.append(entry)
      }
      for (category, items) in byCategory {
        let name = category ?? page.words.other
        try files.write("\(language)/categories/\(ArticleText.pathName(name)).html", page.categoryIndex(name, items))
      }
    }
    try files.write("index.html", SitePage(language: "en", siteTitle: title).siteIndex(languages.map(\.code)))
    let removed = try files.finish()
    return SiteSummary(articles: count, pages: files.written.count, languages: languages.map(\.code), removed: removed)
  }
}
