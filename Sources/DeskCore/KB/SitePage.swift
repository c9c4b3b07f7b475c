import Foundation

/// The pages of the public knowledge-base site, in one language. Every text desk puts in a page
/// is escaped; article bodies come from `ArticleHTML`. Pages load no scripts and forbid them.
struct SitePage {
  let language: String
  let words: Words
  let siteTitle: String

  struct Entry {
    var slug: String
    var title: String
    var category: String?
  }

  struct Translation {
    var language: String
    var slug: String
    var title: String
  }

  init(language: String, siteTitle: String?) {
    self.language = language
    self.words = Words.of(language)
    self.siteTitle = siteTitle ?? words.helpCenter
  }

  /// The site's own words, in the languages desk knows; English otherwise.
  struct Words {
    var helpCenter, other, alsoIn, updated, languages: String

    static func of(_ language: String) -> Words {
      switch language.prefix(2) {
      case "ru": return Words(helpCenter: "Центр помощи", other: "Другое", alsoIn: "Эта статья на других языках", updated: "Обновлено", languages: "Языки")
      case "uk": return Words(helpCenter: "Центр допомоги", other: "Інше", alsoIn: "Ця стаття іншими мовами", updated: "Оновлено", languages: "Мови")
      case "pt": return Words(helpCenter: "Central de ajuda", other: "Outros", alsoIn: "Este artigo em outros idiomas", updated: "Atualizado", languages: "Idiomas")
      default: return Words(helpCenter: "Help center", other: "Other", alsoIn: "This article in other languages", updated: "Updated", languages: "Languages")
      }
    }
  }

  static let languageNames = [
    "en": "English", "ru": "Русский", "uk": "Українська", "pt": "Português", "pt-br": "Português (Brasil)",
    "es": "Español", "de": "Deutsch", "fr": "Français", "it": "Italiano", "pl": "Polski", "kk": "Қазақша", "be": "Беларуская",
  ]

  static func languageName(_ code: String) -> String { languageNames[code] ?? code }

  private func e(_ s: String) -> String { HTMLText.escape(s) }

  private func href(_ path: String) -> String {
    e(path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)
  }

  private func document(title: String, depth: Int, head: String = "", body: String) -> String {
    let up = String(repeating: "../", count: depth)
    return """
      <!doctype html>
      <html lang="\(e(language))">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src * data:; script-src 'none'; object-src 'none'">
      <title>\(e(title))</title>
      <link rel="stylesheet" href="\(up)style.css">\(head)
      </head>
      <body>
      <header><a class="site" href="\(up)\(depth == 0 ? "index.html" : "\(href(language))/index.html")">\(e(siteTitle))</a></header>
      <main>
      \(body)
      </main>
      </body>
      </html>

      """
  }

  private func list(_ entries: [Entry], prefix: String) -> String {
    "<ul class=\"articles\">\n" + entries.map { "<li><a href=\"\(prefix)\(href($0.slug)).html\">\(e($0.title))</a></li>" }.joined(separator: "\n")
      + "\n</ul>"
  }

  private func categoryFile(_ name: String?) -> String {
    "categories/\(href(ArticleText.pathName(name ?? words.other))).html"
  }

  func article(_ a: Article, translations: [Translation]) -> String {
    var nav = "<nav class=\"crumbs\"><a href=\"index.html\">\(e(siteTitle))</a> › <a href=\"\(categoryFile(a.category))\">\(e(a.category ?? words.other))</a></nav>"
    nav += "\n<article>\n<h1>\(e(a.title))</h1>\n\(ArticleHTML.render(Self.withoutTitle(a.body, a.title)))\n</article>"
    if !translations.isEmpty {
      nav += "\n<aside class=\"translations\"><h2>\(e(words.alsoIn))</h2><ul>"
      for t in translations {
        nav += "<li><a hreflang=\"\(e(t.language))\" lang=\"\(e(t.language))\" href=\"../\(href(t.language))/\(href(t.slug)).html\">\(e(Self.languageName(t.language))): \(e(t.title))</a></li>"
      }
      nav += "</ul></aside>"
    }
    nav += "\n<footer>\(e(words.updated)) \(e(String(a.updatedAt.iso8601.prefix(10))))</footer>"
    let alternates = translations.map {
      "\n<link rel=\"alternate\" hreflang=\"\(e($0.language))\" href=\"../\(href($0.language))/\(href($0.slug)).html\">"
    }.joined()
    return document(title: "\(a.title) · \(siteTitle)", depth: 1, head: alternates, body: nav)
  }

  /// The body without its first line when that is the title as a `# ` heading, which the page
  /// already shows.
  static func withoutTitle(_ body: String, _ title: String) -> String {
    let trimmed = body.drop { $0.isNewline || $0 == " " }
    guard trimmed.hasPrefix("# ") else { return body }
    let line = trimmed.prefix { !$0.isNewline }
    guard line.dropFirst(2).trimmingCharacters(in: .whitespaces) == title else { return body }
    return String(trimmed.dropFirst(line.count))
  }

  func languageIndex(_ entries: [Entry]) -> String {
    var body = "<h1>\(e(siteTitle))</h1>"
    var start = 0
    while start < entries.count {
      let category = entries[start].category
      var end = start
      while end < entries.count, entries[end].category == category { end += 1 }
      body += "\n<section>\n<h2><a href=\"\(categoryFile(category))\">\(e(category ?? words.other))</a></h2>\n"
      body += list(Array(entries[start..<end]), prefix: "") + "\n</section>"
      start = end
    }
    return document(title: siteTitle, depth: 1, body: body)
  }

  func categoryIndex(_ name: String, _ entries: [Entry]) -> String {
    let body = "<nav class=\"crumbs\"><a href=\"../index.html\">\(e(siteTitle))</a></nav>\n<h1>\(e(name))</h1>\n" + list(entries, prefix: "../")
    return document(title: "\(name) · \(siteTitle)", depth: 2, body: body)
  }

  func siteIndex(_ languages: [String]) -> String {
    let items = languages.map {
      "<li><a hreflang=\"\(e($0))\" lang=\"\(e($0))\" href=\"\(href($0))/index.html\">\(e(Self.languageName($0)))</a></li>"
    }
    let body = "<h1>\(e(siteTitle))</h1>\n<h2>\(e(words.languages))</h2>\n<ul class=\"languages\">\n" + items.joined(separator: "\n") + "\n</ul>"
    return document(title: siteTitle, depth: 0, body: body)
  }

  static let defaultCSS = """
    :root { --text: #1f2933; --muted: #616e7c; --accent: #2563eb; --line: #e4e7eb; --code: #f5f7fa; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--text); background: #fff; }
    header { border-bottom: 1px solid var(--line); padding: 0.9rem 1.5rem; background: #f8fafc; }
    header .site { font-weight: 600; color: var(--text); text-decoration: none; font-size: 1.1rem; }
    main { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
    a { color: var(--accent); }
    h1 { font-size: 2rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
    h2 { font-size: 1.3rem; margin-top: 2rem; }
    .crumbs { font-size: 0.9rem; color: var(--muted); }
    .crumbs a { color: var(--muted); }
    ul.articles, ul.languages { padding-left: 1.1rem; }
    ul.articles li, ul.languages li { margin: 0.3rem 0; }
    pre, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.92em; background: var(--code); }
    pre { padding: 0.8rem 1rem; overflow-x: auto; border-radius: 6px; }
    code { padding: 0.1em 0.3em; border-radius: 4px; }
    pre code { padding: 0; }
    blockquote { margin: 1rem 0; padding: 0.2rem 1rem; border-left: 4px solid var(--line); color: var(--muted); }
    table { border-collapse: collapse; margin: 1rem 0; }
    th, td { border: 1px solid var(--line); padding: 0.35rem 0.7rem; }
    img { max-width: 100%; }
    .translations { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--line); font-size: 0.95rem; }
    .translations h2 { font-size: 1rem; margin: 0 0 0.4rem; }
    footer { margin-top: 2rem; color: var(--muted); font-size: 0.85rem; }

    """
}
