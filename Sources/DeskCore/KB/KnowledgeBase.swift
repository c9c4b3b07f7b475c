import Foundation
import GRDB

/// `desk kb`: articles for customers (public) and for agents (internal), in several languages.
///
/// Any agent may write and edit articles and publish internal ones; an agent's edit of a live
/// public article waits as a draft. Publishing or unpublishing a public article, which customers
/// then see, and removing any article are for leads and admins.
public struct KnowledgeBase {
  let desk: Desk

  /// The largest article body accepted.
  static let maxBodyBytes = 2 << 20

  /// A new article.
  public struct Draft: Sendable {
    public var slug: String
    public var language = "en"
    public var title: String?
    public var body: String
    public var category: String?
    public var tags: [String] = []
    public var audience = ArticleAudience.public
    public var publish = false
    /// Another article (slug or id) this one translates.
    public var translationOf: String?

    public init(slug: String, body: String) {
      self.slug = slug
      self.body = body
    }
  }

  /// What `kb edit` changes; nil leaves a part as it is. An empty category clears it.
  public struct Change: Sendable {
    public var title: String?
    public var body: String?
    public var category: String?
    public var tags: [String]?
    public var audience: ArticleAudience?
    public init() {}
    var isEmpty: Bool { title == nil && body == nil && category == nil && tags == nil && audience == nil }
  }

  /// Which articles `kb list`, `kb export` and searches read.
  public struct Filter: Sendable {
    public var language: String?
    public var audience: ArticleAudience?
    public var category: String?
    public var state: ArticleState?
    public var tag: String?
    public init() {}

    /// SQL conditions on `kb_article a`, and their arguments.
    func conditions() throws -> ([String], [(any DatabaseValueConvertible)?]) {
      var clauses: [String] = []
      var args: [(any DatabaseValueConvertible)?] = []
      if let l = language {
        clauses.append("a.language = ?")
        args.append(try TextRules.language(l))
      }
      if let c = category {
        clauses.append("a.category = ?")
        args.append(c)
      }
      if let s = state {
        clauses.append("a.state = ?")
        args.append(s.rawValue)
      }
      if let au = audience {
        clauses.append("a.audience = ?")
        args.append(au.rawValue)
      }
      if let t = tag {
        clauses.append("a.id IN (SELECT article_id FROM kb_article_tag WHERE tag = ?)")
        args.append(try Tags.normalise(t))
      }
      return (clauses, args)
    }
  }

  public func add(_ draft: Draft) throws -> Article {
    try desk.database.write { db in try insert(db, try desk.actor(db), draft) }
  }

  /// Changes an article; an agent's change to a live public article becomes its draft instead
  /// (`drafted`), which a lead or admin publishes with `setState(_:language:to: .published)`.
  public func edit(_ ref: String, language: String?, _ change: Change) throws -> (Article, changed: Bool, drafted: Bool) {
    guard !change.isEmpty else { throw DeskError.usage("nothing to change", hint: "give --title, a body, --category, --tag or --audience") }
    return try desk.database.write { db in
      let actor = try desk.actor(db)
      let article = try resolve(db, ref, language: language)
      let (after, changed) = try update(db, actor, article, change)
      return (after, changed, Self.waitsAsDraft(actor, article, change))
    }
  }

  /// Publishes or unpublishes; false when the article already was in that state. Publishing an
  /// article with a draft waiting puts the draft live.
  public func setState(_ ref: String, language: String?, to state: ArticleState) throws -> (Article, changed: Bool) {
    try desk.database.write { db in
      let actor = try desk.actor(db)
      let article = try resolve(db, ref, language: language)
      if state == .published, let draft = try pendingDraft(db, article) {
        return (try publishDraft(db, actor, article, draft), true)
      }
      return try setState(db, actor, article, to: state)
    }
  }

  func insert(_ db: Database, _ actor: Actor, _ draft: Draft) throws -> Article {
    let slug = try ArticleText.slug(draft.slug)
    let language = try TextRules.language(draft.language)
    let body = try Self.body(draft.body)
    let title = try ArticleText.title(draft.title, body: body)
    let category = try ArticleText.category(draft.category)
    let tags = try Self.tags(draft.tags)
    if draft.publish { try mayPublish(actor, audience: draft.audience) }
    if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM kb_article WHERE slug = ? AND language = ?", arguments: [slug, language]) {
      throw DeskError.invalidInput(
        "an article '\(slug)' in \(language) already exists (id \(existing))", hint: "change it with desk kb edit \(slug) --language \(language)")
    }
    // One slug is one article: the same slug in another language is its translation.
    let sameSlug = try Int64.fetchOne(db, sql: "SELECT group_id FROM kb_article WHERE slug = ? LIMIT 1", arguments: [slug])
    var group = sameSlug
    if let ref = draft.translationOf {
      let original = try resolve(db, ref, language: nil, anyLanguage: true)
      if let sameSlug, sameSlug != original.groupID {
        throw DeskError.invalidInput("the slug '\(slug)' belongs to another article; a translation of '\(original.slug)' needs its own slug")
      }
      group = original.groupID
    }
    if let group,
      let taken = try String.fetchOne(db, sql: "SELECT slug FROM kb_article WHERE group_id = ? AND language = ?", arguments: [group, language])
    {
      throw DeskError.invalidInput(
        "this article already has a translation in \(language): '\(taken)'", hint: "desk kb edit \(taken) --language \(language)")
    }
    let now = desk.clock.now
    try db.execute(
      sql: """
        INSERT INTO kb_article(group_id, slug, language, title, body, category, audience, state, author, created_at, updated_at, updated_by, published_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        group ?? -1, slug, language, title, body, category, draft.audience.rawValue,
        (draft.publish ? ArticleState.published : .draft).rawValue, actor.login, now, now, actor.login, draft.publish ? now : nil,
      ])
    let id = db.lastInsertedRowID
    try index(db, id, title: title, body: body)
    if group == nil { try db.execute(sql: "UPDATE kb_article SET group_id = id WHERE id = ?", arguments: [id]) }
    try setTags(db, id, tags)
    try revise(db, id, actor: actor.login, change: draft.publish ? "created, published" : "created")
    return try fetch(db, id: id)
  }

  /// `article` with `change` made, checked.
  static func applying(_ change: Change, to article: Article) throws -> Article {
    var after = article
    if let title = change.title { after.title = try ArticleText.title(title, body: "") }
    if let body = change.body { after.body = try Self.body(body) }
    if let category = change.category {
      after.category = category.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try ArticleText.category(category)
    }
    if let tags = change.tags { after.tags = try Self.tags(tags) }
    if let audience = change.audience { after.audience = audience }
    return after
  }

  /// What differs between two versions of an article, as history words.
  static func differences(_ before: Article, _ after: Article) -> [String] {
    var changed: [String] = []
    if after.title != before.title { changed.append("title") }
    if after.body != before.body { changed.append("body") }
    if after.category != before.category { changed.append("category") }
    if after.tags != before.tags { changed.append("tags") }
    if after.audience != before.audience { changed.append("audience: \(before.audience.rawValue) → \(after.audience.rawValue)") }
    return changed
  }

  /// Whether `change` by `actor` is kept as a draft rather than made: an agent's change to a live
  /// public article that leaves it public (moving it out of sight is unpublishing, refused).
  static func waitsAsDraft(_ actor: Actor, _ article: Article, _ change: Change) -> Bool {
    actor.role == .agent && article.isLive && (change.audience ?? article.audience) == article.audience
  }

  func update(_ db: Database, _ actor: Actor, _ before: Article, _ change: Change, note: String? = nil) throws -> (Article, changed: Bool) {
    if Self.waitsAsDraft(actor, before, change) { return try saveDraft(db, actor, before, change) }
    let after = try Self.applying(change, to: before)
    if after.audience != before.audience, before.state == .published {
      // Moving a live article into or out of customers' sight is publishing it.
      try mayPublish(actor, audience: .public)
    }
    let changed = Self.differences(before, after)
    guard !changed.isEmpty else { return (before, false) }
    try db.execute(
      sql: "UPDATE kb_article SET title = ?, body = ?, category = ?, audience = ?, updated_at = ?, updated_by = ? WHERE id = ?",
      arguments: [after.title, after.body, after.category, after.audience.rawValue, desk.clock.now, actor.login, before.id])
    if after.tags != before.tags { try setTags(db, before.id, after.tags) }
    if after.title != before.title || after.body != before.body {
      try unindex(db, before)
      try index(db, before.id, title: after.title, body: after.body)
    }
    let words = changed.joined(separator: ", ")
    try revise(db, before.id, actor: actor.login, change: note.map { "\($0): \(words)" } ?? words)
    return (try fetch(db, id: before.id), true)
  }

  func setState(_ db: Database, _ actor: Actor, _ article: Article, to state: ArticleState) throws -> (Article, changed: Bool) {
    guard article.state != state else { return (article, false) }
    try mayPublish(actor, audience: article.audience)
    let now = desk.clock.now
    try db.execute(
      sql: "UPDATE kb_article SET state = ?, published_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
      arguments: [state.rawValue, state == .published ? now : nil, now, actor.login, article.id])
    try revise(db, article.id, actor: actor.login, change: state == .published ? "published" : "unpublished")
    return (try fetch(db, id: article.id), true)
  }

  /// Removes one article (one language) with its history.
  public func remove(_ ref: String, language: String?) throws -> Article {
    try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "remove articles")
      let article = try resolve(db, ref, language: language)
      try db.execute(sql: "DELETE FROM kb_article WHERE id = ?", arguments: [article.id])
      try unindex(db, article)
      return article
    }
  }

  public func show(_ ref: String, language: String?) throws -> Article {
    try desk.database.read { try resolve($0, ref, language: language) }
  }

  /// Articles by language, category and slug, streamed.
  public func list(_ filter: Filter, each: (Article) throws -> Void) throws {
    try desk.database.read { db in
      let (clauses, args) = try filter.conditions()
      let sql =
        "SELECT \(Article.columns) FROM kb_article a"
        + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "))
        + " ORDER BY a.language, a.category IS NULL, a.category, a.slug"
      let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
      while let row = try rows.next() { try each(Article(row: row)) }
    }
  }

  /// An article's changes, oldest first.
  public func history(_ ref: String, language: String?) throws -> (Article, [ArticleRevision]) {
    try desk.database.read { db in
      let article = try resolve(db, ref, language: language)
      let revisions = try Row.fetchAll(
        db, sql: "SELECT number, at, actor, change, title, body FROM kb_revision WHERE article_id = ? ORDER BY number",
        arguments: [article.id]
      ).map { ArticleRevision(number: $0[0], at: $0[1], actor: $0[2], change: $0[3], title: $0[4], body: $0[5]) }
      return (article, revisions)
    }
  }

  // MARK: - Finding articles

  func fetch(_ db: Database, id: Int64) throws -> Article {
    guard let row = try Row.fetchOne(db, sql: "SELECT \(Article.columns) FROM kb_article a WHERE a.id = ?", arguments: [id]) else {
      throw DeskError.notFound("no article \(id)", hint: "desk kb list shows the articles")
    }
    return Article(row: row)
  }

  /// An article named by id or slug. With a language, the translation in that language of the
  /// article named; without one, a slug used in several languages is ambiguous unless
  /// `anyLanguage` (when any translation will do).
  func resolve(_ db: Database, _ ref: String, language: String?, anyLanguage: Bool = false) throws -> Article {
    let language = try language.map(TextRules.language)
    let named: Article
    if let id = Int64(ref), id > 0 {
      named = try fetch(db, id: id)
    } else {
      let rows = try Row.fetchAll(
        db, sql: "SELECT \(Article.columns) FROM kb_article a WHERE a.slug = ? ORDER BY a.language = ? DESC, a.id",
        arguments: [ref, language ?? ""])
      guard let first = rows.first else {
        throw DeskError.notFound("no article '\(ref)'", hint: "desk kb list shows the articles; desk kb search finds them")
      }
      if rows.count > 1, language == nil, !anyLanguage {
        let languages = rows.map { $0[3] as String }.sorted().joined(separator: ", ")
        throw DeskError.usage("the article '\(ref)' exists in \(languages)", hint: "name one with --language")
      }
      named = Article(row: first)
    }
    guard let language, named.language != language else { return try fetch(db, id: named.id) }
    guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM kb_article WHERE group_id = ? AND language = ?", arguments: [named.groupID, language])
    else {
      throw DeskError.notFound("the article '\(ref)' has no translation in \(language)", hint: "desk kb show \(ref) lists its languages")
    }
    return try fetch(db, id: id)
  }

  /// The live (published, public) translation of an article for a reader of `language`:
  /// that language, else English, else the article named.
  func live(_ db: Database, _ ref: String, for language: String?) throws -> Article {
    let named = try resolve(db, ref, language: nil, anyLanguage: true)
    guard
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT \(Article.columns) FROM kb_article a WHERE a.group_id = ? AND a.audience = 'public' AND a.state = 'published'
          ORDER BY a.language = ? DESC, a.language = 'en' DESC, a.id = ? DESC, a.language LIMIT 1
          """,
        arguments: [named.groupID, language ?? "en", named.id])
    else {
      let why = named.audience == .internal ? "is internal (for agents only)" : "is not published"
      throw DeskError.notAllowed("the article '\(named.slug)' \(why); only published public articles can be sent to customers")
    }
    return Article(row: row)
  }

  // MARK: - Rules

  func mayPublish(_ actor: Actor, audience: ArticleAudience) throws {
    guard audience == .public, actor.role == .agent else { return }
    throw DeskError.permissionDenied("\(actor.login) is an agent; only admins and leads may publish or unpublish public articles")
  }

  /// The search index holds folded text (see kb_fts in the schema); removing an entry takes
  /// the same text it was written with.
  private func index(_ db: Database, _ id: Int64, title: String, body: String) throws {
    try db.execute(
      sql: "INSERT INTO kb_fts(rowid, title, body) VALUES (?, ?, ?)", arguments: [id, FullText.fold(title), FullText.fold(body)])
  }

  private func unindex(_ db: Database, _ a: Article) throws {
    try db.execute(
      sql: "INSERT INTO kb_fts(kb_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
      arguments: [a.id, FullText.fold(a.title), FullText.fold(a.body)])
  }

  private func setTags(_ db: Database, _ id: Int64, _ tags: [String]) throws {
    try db.execute(sql: "DELETE FROM kb_article_tag WHERE article_id = ?", arguments: [id])
    for tag in tags {
      try db.execute(sql: "INSERT INTO kb_article_tag(article_id, tag) VALUES (?, ?)", arguments: [id, tag])
    }
  }

  func revise(_ db: Database, _ id: Int64, actor: String, change: String) throws {
    try db.execute(
      sql: """
        INSERT INTO kb_revision(article_id, number, at, actor, change, title, body)
        SELECT id, (SELECT coalesce(max(number), 0) + 1 FROM kb_revision WHERE article_id = ?), ?, ?, ?, title, body
        FROM kb_article WHERE id = ?
        """,
      arguments: [id, desk.clock.now, actor, change, id])
  }

  static func body(_ text: String) throws -> String {
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw DeskError.invalidInput("the article body is empty") }
    let size = text.utf8.count
    guard size <= maxBodyBytes else {
      throw DeskError.invalidInput("the article is \(size) bytes; at most \(maxBodyBytes) are allowed", hint: "split it into several articles")
    }
    guard !text.utf8.contains(0) else { throw DeskError.invalidInput("the article contains a NUL byte") }
    // Trailing blank lines mean nothing in Markdown; without them a file exported and imported
    // back is the same article.
    var body = text
    while let last = body.last, last.isWhitespace { body.removeLast() }
    return body
  }

  static func tags(_ raw: [String]) throws -> [String] {
    let all = try raw.flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
      .map(Tags.normalise)
    return Array(Set(all)).sorted()
  }
}

extension KnowledgeBase {
  /// The address of a live article on the exported site: `{kb.url}/LANGUAGE/SLUG.html`.
  func address(_ db: Database, _ article: Article) throws -> String {
    var base = try desk.settings.value(db, "kb.url")
    guard !base.isEmpty else {
      throw DeskError.configuration(
        "kb.url is not set, so desk cannot link to articles", hint: "desk config set kb.url https://help.example.com")
    }
    while base.hasSuffix("/") { base.removeLast() }
    return "\(base)/\(article.language)/\(article.slug).html"
  }

  /// One line per article, `Title: address`, each in the customer's language where it can be.
  func links(_ db: Database, _ refs: [String], customer: Int64?) throws -> String {
    let language = try customer.flatMap {
      try String.fetchOne(db, sql: "SELECT language FROM customer WHERE id = ?", arguments: [$0])
    }
    return try refs.map { ref in
      let article = try live(db, ref, for: language)
      return "\(article.title): \(try address(db, article))"
    }.joined(separator: "\n")
  }
}
