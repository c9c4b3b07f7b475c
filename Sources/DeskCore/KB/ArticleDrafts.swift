import GRDB

/// A change to a live public article that waits for a lead or an admin: agents may edit only
/// drafts and internal articles directly, since whatever is live customers read at once.
public struct ArticleDraft: Sendable {
  /// The article as it will be once the draft is published.
  public var article: Article
  public var author: String
  public var at: Timestamp
}

extension KnowledgeBase {
  /// The draft waiting on an article; not found when none does.
  public func draft(_ ref: String, language: String?) throws -> ArticleDraft {
    try desk.database.read { db in
      let article = try resolve(db, ref, language: language)
      guard let draft = try pendingDraft(db, article) else {
        throw DeskError.notFound(
          "the article '\(article.slug)' (\(article.language)) has no draft waiting",
          hint: "desk kb history \(article.slug) shows its changes")
      }
      return draft
    }
  }

  func pendingDraft(_ db: Database, _ article: Article) throws -> ArticleDraft? {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT title, body, category, tags, author, at FROM kb_draft WHERE article_id = ?", arguments: [article.id])
    else { return nil }
    var after = article
    after.title = row["title"]
    after.body = row["body"]
    after.category = row["category"]
    after.tags = (row["tags"] as String).split(separator: ",").map(String.init)
    return ArticleDraft(article: after, author: row["author"], at: row["at"])
  }

  /// Keeps `change` as the article's draft (on top of the draft already waiting, if any); the
  /// live article is not touched. Returns the live article, and whether the draft changed.
  func saveDraft(_ db: Database, _ actor: Actor, _ live: Article, _ change: Change) throws -> (Article, changed: Bool) {
    let base = try pendingDraft(db, live)?.article ?? live
    let after = try Self.applying(change, to: base)
    guard !Self.differences(base, after).isEmpty else { return (live, false) }
    try db.execute(
      sql: """
        INSERT INTO kb_draft(article_id, title, body, category, tags, author, at) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(article_id) DO UPDATE SET title = excluded.title, body = excluded.body, category = excluded.category,
          tags = excluded.tags, author = excluded.author, at = excluded.at
        """,
      arguments: [live.id, after.title, after.body, after.category, after.tags.joined(separator: ","), actor.login, desk.clock.now])
    // History keeps the draft's text, so that a lead can see what publishing it will change.
    try db.execute(
      sql: """
        INSERT INTO kb_revision(article_id, number, at, actor, change, title, body)
        VALUES (?, (SELECT coalesce(max(number), 0) + 1 FROM kb_revision WHERE article_id = ?), ?, ?, ?, ?, ?)
        """,
      arguments: [
        live.id, live.id, desk.clock.now, actor.login,
        "draft, waiting to be published: " + Self.differences(live, after).joined(separator: ", "), after.title, after.body,
      ])
    return (try fetch(db, id: live.id), true)
  }

  /// Puts the waiting draft live (and publishes the article if it was not).
  func publishDraft(_ db: Database, _ actor: Actor, _ article: Article, _ draft: ArticleDraft) throws -> Article {
    try mayPublish(actor, audience: article.audience)
    var change = Change()
    change.title = draft.article.title
    change.body = draft.article.body
    change.category = draft.article.category ?? ""
    change.tags = draft.article.tags
    try db.execute(sql: "DELETE FROM kb_draft WHERE article_id = ?", arguments: [article.id])
    var (after, _) = try update(db, actor, article, change, note: "published the draft by \(draft.author)")
    if after.state != .published { after = try setState(db, actor, after, to: .published).0 }
    return after
  }
}
