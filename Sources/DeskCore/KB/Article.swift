import Foundation
import GRDB

/// Who may read an article: customers (the public site, `ticket reply --kb`) or agents only.
public enum ArticleAudience: String, Sendable, CaseIterable {
  case `public`, `internal`
}

/// A draft is being written; a published article is live (on the site if public).
public enum ArticleState: String, Sendable, CaseIterable {
  case draft, published
}

/// A knowledge-base article in one language. Translations share a `groupID`.
public struct Article: Sendable, Equatable {
  public var id: Int64
  public var groupID: Int64
  public var slug: String
  public var language: String
  public var title: String
  /// Markdown.
  public var body: String
  public var category: String?
  public var tags: [String]
  public var audience: ArticleAudience
  public var state: ArticleState
  public var author: String
  public var createdAt: Timestamp
  public var updatedAt: Timestamp
  public var updatedBy: String
  public var publishedAt: Timestamp?
  /// The other languages of this article, as `language:slug`.
  public var translations: [String]
  /// The slug of the article this one translates (the first of its group); nil for that one.
  public var original: String?
  /// Who wrote the change waiting to be published (see `KnowledgeBase.draft`), if one waits.
  public var draftBy: String?

  /// The columns `init(row:)` reads, from `kb_article a`: tags, translations and the original
  /// come with the article, so that a listing runs one statement.
  static let columns = """
    a.id, a.group_id, a.slug, a.language, a.title, a.body, a.category, a.audience, a.state, a.author, a.created_at,
    a.updated_at, a.updated_by, a.published_at,
    (SELECT group_concat(tag, ',') FROM (SELECT tag FROM kb_article_tag WHERE article_id = a.id ORDER BY tag)),
    (SELECT group_concat(t, ',') FROM (SELECT language || ':' || slug AS t FROM kb_article
       WHERE group_id = a.group_id AND id <> a.id ORDER BY language)),
    (SELECT slug FROM kb_article WHERE group_id = a.group_id AND id < a.id ORDER BY id LIMIT 1),
    (SELECT author FROM kb_draft WHERE article_id = a.id)
    """

  init(row: Row) {
    id = row[0]
    groupID = row[1]
    slug = row[2]
    language = row[3]
    title = row[4]
    body = row[5]
    category = row[6]
    audience = ArticleAudience(rawValue: row[7]) ?? .internal
    state = ArticleState(rawValue: row[8]) ?? .draft
    author = row[9]
    createdAt = row[10]
    updatedAt = row[11]
    updatedBy = row[12]
    publishedAt = row[13]
    tags = (row[14] as String?).map { $0.split(separator: ",").map(String.init) } ?? []
    translations = (row[15] as String?).map { $0.split(separator: ",").map(String.init) } ?? []
    original = row[16]
    draftBy = row[17]
  }

  /// Whether customers can see it.
  public var isLive: Bool { audience == .public && state == .published }
}

/// One entry of an article's history.
public struct ArticleRevision: Sendable {
  public var number: Int
  public var at: Timestamp
  public var actor: String
  public var change: String
  public var title: String
  public var body: String
}

/// The rules for slugs, titles and categories.
enum ArticleText {
  /// Lower-case ASCII letters, digits and single hyphens, 1–80 characters; `index` is the
  /// site's own page.
  static func slug(_ raw: String) throws -> String {
    let s = raw.trimmingCharacters(in: .whitespaces)
    let valid =
      !s.isEmpty && s.count <= 80 && s.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" })
      && !s.hasPrefix("-") && !s.hasSuffix("-") && !s.contains("--") && !s.allSatisfy(\.isNumber)
    guard valid else {
      throw DeskError.invalidInput(
        "'\(raw)' is not a valid slug", hint: "use lower-case letters a–z, digits and hyphens, like reset-password")
    }
    guard s != "index" else { throw DeskError.invalidInput("the slug 'index' is the site's own page; pick another") }
    return s
  }

  /// The title given, else the body's first `# ` heading.
  static func title(_ given: String?, body: String) throws -> String {
    if let given { return try TextRules.line(given, "the title", maxCharacters: 200) }
    for line in body.split(separator: "\n", omittingEmptySubsequences: true).prefix(20) {
      let text = line.trimmingCharacters(in: .whitespaces)
      if text.hasPrefix("# ") { return try TextRules.line(String(text.dropFirst(2)), "the title", maxCharacters: 200) }
    }
    throw DeskError.usage("the article has no title", hint: "give --title, or start the body with a '# Title' line")
  }

  static func category(_ raw: String?) throws -> String? {
    try TextRules.optionalLine(raw, "the category").map { text in
      guard text.count <= 80 else { throw DeskError.invalidInput("the category is longer than 80 characters") }
      return text
    }
  }

  /// A name for a file or a URL path made from any text: letters and digits of any script,
  /// folded to lower case without accents, joined by hyphens.
  static func pathName(_ text: String) -> String {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    let words = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    let name = words.joined(separator: "-")
    return name.isEmpty ? "other" : String(name.prefix(80))
  }
}
