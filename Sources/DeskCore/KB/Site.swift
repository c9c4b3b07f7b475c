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
  /// Pages are `LANGUAGE/SLUG.html`, the address `ticket reply --kb` links to. Files a
  /// previous export wrote and this one did not (an unpublished article) are removed; nothing
  /// else in the folder is touched.
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
        if byCategory.last?.0 != entry.category { byCategory.append((entry.category, [])) }
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

/// The files of one export. A list of them is kept in the folder, so that the next export can
/// remove the pages it no longer writes without touching anything else.
final class SiteFiles {
  let root: URL
  private(set) var written: [String] = []
  static let manifest = ".desk-site"

  init(root: String) {
    self.root = URL(fileURLWithPath: root, isDirectory: true)
  }

  func prepare() throws {
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir) {
      guard isDir.boolValue else { throw DeskError.invalidInput("\(root.path) is a file, not a folder") }
    }
    do {
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    } catch {
      throw DeskError.unavailable("cannot create the folder \(root.path): \(error.localizedDescription)")
    }
  }

  func write(_ path: String, _ text: String) throws {
    let url = root.appendingPathComponent(path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw DeskError.unavailable("cannot write \(url.path): \(error.localizedDescription)")
    }
    written.append(path)
  }

  /// Removes what the last export wrote and this one did not, and records this one.
  func finish() throws -> Int {
    let manifestURL = root.appendingPathComponent(Self.manifest)
    let before = (try? String(contentsOf: manifestURL, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
    let now = Set(written)
    var removed = 0
    for path in before where !now.contains(path) && !path.contains("..") && !path.hasPrefix("/") {
      if (try? FileManager.default.removeItem(at: root.appendingPathComponent(path))) != nil { removed += 1 }
    }
    try write(Self.manifest, written.sorted().joined(separator: "\n") + "\n")
    written.removeLast()
    return removed
  }
}
