import Foundation
import GRDB

/// What `kb import` did.
public struct ImportSummary: Sendable {
  public var added = 0
  public var updated = 0
  public var unchanged = 0
}

/// Articles as a folder of Markdown files, `LANGUAGE/SLUG.md`, each with a front matter:
///
///     ---
///     title: Reset your password
///     category: Account
///     tags: login, password
///     audience: public
///     state: published
///     translation-of: reset-password
///     ---
///     Markdown body…
///
/// Every key is optional on import: the slug is the file's name, the language its folder's
/// (else the default), the title the body's first `# ` heading.
enum ArticleFile {
  static let keys = ["title", "slug", "language", "category", "tags", "audience", "state", "translation-of"]

  static func text(_ a: Article, translationOf: String?) -> String {
    var lines = ["---", "title: \(a.title)", "slug: \(a.slug)", "language: \(a.language)"]
    if let c = a.category { lines.append("category: \(c)") }
    if !a.tags.isEmpty { lines.append("tags: \(a.tags.joined(separator: ", "))") }
    lines += ["audience: \(a.audience.rawValue)", "state: \(a.state.rawValue)"]
    if let translationOf { lines.append("translation-of: \(translationOf)") }
    lines.append("---")
    return lines.joined(separator: "\n") + "\n" + a.body + (a.body.hasSuffix("\n") ? "" : "\n")
  }

  /// The front matter's values and the body after it.
  static func parse(_ text: String, file: String) throws -> (fields: [String: String], body: String) {
    let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
    guard normalised.hasPrefix("---\n") else { return ([:], normalised) }
    let rest = normalised.dropFirst(4)
    guard let close = rest.range(of: "\n---\n") ?? (rest.hasSuffix("\n---") ? rest.range(of: "\n---", options: .backwards) : nil)
      ?? (rest.hasPrefix("---\n") ? rest.range(of: "---\n") : nil)
    else {
      throw DeskError.invalidInput("\(file): the front matter has no closing '---' line")
    }
    var fields: [String: String] = [:]
    for line in rest[rest.startIndex..<close.lowerBound].split(separator: "\n") {
      let text = line.trimmingCharacters(in: .whitespaces)
      if text.isEmpty || text.hasPrefix("#") { continue }
      guard let colon = text.firstIndex(of: ":") else {
        throw DeskError.invalidInput("\(file): '\(text)' in the front matter is not 'key: value'")
      }
      let key = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      guard keys.contains(key) else {
        throw DeskError.invalidInput("\(file): unknown front-matter key '\(key)'", hint: "keys: " + keys.joined(separator: ", "))
      }
      var value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
      fields[key] = value
    }
    return (fields, String(rest[close.upperBound...]))
  }
}

extension KnowledgeBase {
  /// Writes each article of `filter` to `directory` as `LANGUAGE/SLUG.md`; returns how many.
  public func exportMarkdown(to directory: String, _ filter: Filter) throws -> Int {
    // Internal articles are in it: files only their owner reads, in folders only they enter.
    let root = try FileTree.folder(directory, mode: 0o700)
    var count = 0
    try list(filter) { article in
      let translationOf = article.original == article.slug ? nil : article.original
      let text = ArticleFile.text(article, translationOf: translationOf)
      try FileTree.write(Data(text.utf8), to: root, "\(article.language)/\(article.slug).md", mode: 0o600, folderMode: 0o700)
      count += 1
    }
    return count
  }

  /// Reads every `*.md` file under `directory` (see `ArticleFile`) in one transaction: new
  /// articles are added, existing ones (same slug and language) updated. Nothing is changed
  /// when any file is refused.
  public func importMarkdown(from directory: String, language defaultLanguage: String, publish: Bool) throws -> ImportSummary {
    let root = URL(fileURLWithPath: directory, isDirectory: true)
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
      throw DeskError.notFound("no folder \(directory)")
    }
    let defaultLanguage = try TextRules.language(defaultLanguage)
    var paths: [String] = []
    let walker = FileManager.default.enumerator(atPath: root.path)
    while let path = walker?.nextObject() as? String {
      if path.hasSuffix(".md"), !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { paths.append(path) }
    }
    paths.sort()
    guard !paths.isEmpty else { throw DeskError.invalidInput("no .md files in \(directory)") }
    // Originals first, so that translations find them.
    var drafts: [(file: String, draft: Draft, state: ArticleState?, fields: [String: String])] = []
    for path in paths {
      guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
        throw DeskError.invalidInput("\(path): cannot read it")
      }
      guard let text = String(data: data, encoding: .utf8) else { throw DeskError.invalidInput("\(path): not valid UTF-8 text") }
      let (fields, body) = try ArticleFile.parse(text, file: path)
      let parts = path.split(separator: "/")
      let name = String(parts.last!.dropLast(3))
      let folder = parts.count > 1 ? String(parts[parts.count - 2]) : nil
      var draft = Draft(slug: fields["slug"] ?? name, body: body)
      draft.language = fields["language"] ?? folder.flatMap { try? TextRules.language($0) } ?? defaultLanguage
      draft.title = fields["title"]
      draft.category = fields["category"]
      draft.tags = fields["tags"].map { [$0] } ?? []
      draft.translationOf = fields["translation-of"].flatMap { $0.isEmpty ? nil : $0 }
      if let a = fields["audience"] {
        guard let audience = ArticleAudience(rawValue: a) else { throw DeskError.invalidInput("\(path): audience '\(a)' is not public or internal") }
        draft.audience = audience
      }
      var state: ArticleState? = publish ? .published : nil
      if let s = fields["state"] {
        guard let given = ArticleState(rawValue: s) else { throw DeskError.invalidInput("\(path): state '\(s)' is not draft or published") }
        state = given
      }
      drafts.append((path, draft, state, fields))
    }
    drafts.sort { ($0.draft.translationOf == nil ? 0 : 1) < ($1.draft.translationOf == nil ? 0 : 1) }
    return try desk.database.write { db in
      let actor = try desk.actor(db)
      var summary = ImportSummary()
      for (file, draft, state, fields) in drafts {
        do {
          let slug = try ArticleText.slug(draft.slug)
          let language = try TextRules.language(draft.language)
          if let row = try Row.fetchOne(db, sql: "SELECT \(Article.columns) FROM kb_article a WHERE a.slug = ? AND a.language = ?", arguments: [slug, language]) {
            var change = Change()
            change.body = draft.body
            change.title = try ArticleText.title(draft.title, body: draft.body)
            change.category = draft.category ?? ""
            change.tags = draft.tags
            // An audience the file does not give leaves the article's as it is: a missing key
            // must not show an internal article to customers.
            if fields["audience"] != nil { change.audience = draft.audience }
            var (article, changed) = try update(db, actor, Article(row: row), change)
            if let state {
              let moved = try setState(db, actor, article, to: state)
              article = moved.0
              changed = changed || moved.changed
            }
            if changed { summary.updated += 1 } else { summary.unchanged += 1 }
          } else {
            var draft = draft
            draft.publish = state == .published
            _ = try insert(db, actor, draft)
            summary.added += 1
          }
        } catch let error as DeskError {
          throw error.prefixed("\(file): ")
        }
      }
      return summary
    }
  }
}
