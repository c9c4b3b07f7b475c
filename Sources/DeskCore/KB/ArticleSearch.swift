import GRDB

/// One article found by `kb search` or `kb suggest`, best first.
public struct ArticleHit: Sendable {
  public var rank: Int
  /// bm25 relevance: higher is better; a title match weighs ten times a body match.
  public var score: Double
  public var id: Int64
  public var slug: String
  public var language: String
  public var title: String
  public var category: String?
  public var audience: ArticleAudience
  public var state: ArticleState
  /// The title and an excerpt of the body with the matches between `ArticleHit.markStart`
  /// and `ArticleHit.markEnd`.
  public var markedTitle: String
  public var markedSnippet: String

  public static let markStart: Character = "\u{2}"
  public static let markEnd: Character = "\u{3}"

  public var snippet: String { markedSnippet.filter { $0 != Self.markStart && $0 != Self.markEnd } }
}

extension KnowledgeBase {
  /// Which articles a search reads (published ones unless the filter's state says otherwise),
  /// and how many hits it returns.
  public struct SearchScope: Sendable {
    public var filter: Filter
    public var limit = 20
    public init() {
      filter = Filter()
      filter.state = .published
    }
  }

  /// Full-text search: every word must match, as a prefix, in the title or the body; case and
  /// accents do not matter. Best match first.
  public func search(_ text: String, in scope: SearchScope) throws -> [ArticleHit] {
    let terms = FullText.words(FullText.fold(text).lowercased())
    guard !terms.isEmpty else { throw DeskError.usage("the query '\(text)' has no words to search for") }
    return try desk.database.read { try hits($0, terms: terms, all: true, scope: scope) }
  }

  /// The articles that best fit a ticket: ranked against its subject and conversation, what the
  /// customer wrote first.
  public func suggest(ticket id: Int64, in scope: SearchScope) throws -> [ArticleHit] {
    try desk.database.read { db in
      let ticket = try Ticket.fetch(db, id: id)
      var text = ticket.subject
      let bodies = try String.fetchCursor(
        db,
        sql: """
          SELECT body FROM message WHERE ticket_id = ? AND visibility = 'public' AND automatic = 0
          ORDER BY author_kind <> 'customer', created_at, id LIMIT 20
          """,
        arguments: [id])
      while let body = try bodies.next(), text.count < 8000 { text += "\n" + body }
      let terms = FullText.stems(text)
      guard !terms.isEmpty else { return [] }
      return try hits(db, terms: terms, all: false, scope: scope)
    }
  }

  /// Ranks in the full-text index, filtered by the article's fields, best first; excerpts are
  /// made only for the hits returned.
  private func hits(_ db: Database, terms: [String], all: Bool, scope: SearchScope) throws -> [ArticleHit] {
    let (conditions, filterArgs) = try scope.filter.conditions()
    let clauses = ["kb_fts MATCH ?"] + conditions
    var args: [(any DatabaseValueConvertible)?] = [FullText.match(terms, all: all)] + filterArgs
    args.append(max(0, scope.limit))
    // Bodies are read for the hits kept only, not carried through the sort of every match.
    let sql = """
      WITH top AS (
        SELECT a.id AS id, kb_fts.rank AS rank FROM kb_fts JOIN kb_article a ON a.id = kb_fts.rowid
        WHERE \(clauses.joined(separator: " AND ")) ORDER BY kb_fts.rank, a.id LIMIT ?)
      SELECT a.id, a.slug, a.language, a.title, a.category, a.audience, a.state, top.rank, a.body
      FROM top JOIN kb_article a ON a.id = top.id ORDER BY top.rank, a.id
      """
    let excerpt = Excerpt(terms: terms)
    var hits: [ArticleHit] = []
    let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
    while let r = try rows.next() {
      let title: String = r[3]
      hits.append(
        ArticleHit(
          rank: hits.count + 1, score: -(r[7] as Double), id: r[0], slug: r[1], language: r[2], title: title, category: r[4],
          audience: ArticleAudience(rawValue: r[5]) ?? .internal, state: ArticleState(rawValue: r[6]) ?? .draft,
          markedTitle: excerpt.marked(title), markedSnippet: excerpt.snippet(r[8])))
    }
    return hits
  }
}
