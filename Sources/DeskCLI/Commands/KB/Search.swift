import ArgumentParser
import DeskCore

let articleHitSchema = Schema<ArticleHit>(
  fields: [
    Field("rank") { .int(Int64($0.rank)) },
    Field("score") { .json(.double(($0.score * 1000).rounded() / 1000)) },
    Field("id") { .int($0.id) },
    Field("slug") { .text($0.slug) },
    Field("language") { .text($0.language) },
    Field("title") { .text($0.title) },
    Field("category") { Cell($0.category) },
    Field("audience") { .text($0.audience.rawValue) },
    Field("state") { .text($0.state.rawValue) },
    Field("snippet") { .text($0.snippet) },
  ],
  tableDefault: ["rank", "slug", "language", "title", "snippet"], flexible: ["snippet"])

extension KBCommand {
  struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search",
      abstract: "Find articles: every word, as a prefix, in the title or body; case and accents do not matter.",
      discussion: """
        Titles weigh ten times the body (bm25). On a terminal each hit shows an excerpt with the matches \
        highlighted; piped or with --format, the fields rank, score, id, slug, language, title, category, \
        audience, state and snippet (plain text).

        Examples:
          desk kb search "reset pass"
          desk kb search cancelamento --language pt
          desk kb search оплата --audience internal --state any
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "What to look for.") var query: String
    @OptionGroup var scope: SearchScopeOptions

    func run() throws {
      let hits = try global.openDesk().kb.search(query, in: try scope.scope)
      try Self.render(hits, global.output)
    }

    static func render(_ hits: [ArticleHit], _ output: OutputOptions) throws {
      guard !output.isExplicit, output.resolvedFormat == .table else {
        return try RecordWriter(articleHitSchema, options: output).writeAll(hits)
      }
      let style = Style(enabled: Terminal.useColor)
      func marked(_ text: String, _ paint: (String) -> String) -> String {
        var out = "", run = "", inside = false
        for c in text {
          if c == ArticleHit.markStart || c == ArticleHit.markEnd {
            out += inside ? paint(VisibleText.line(run)) : VisibleText.line(run)
            run = ""
            inside = c == ArticleHit.markStart
          } else {
            run.append(c == "\n" ? " " : c)
          }
        }
        return out + (inside ? paint(VisibleText.line(run)) : VisibleText.line(run))
      }
      for hit in hits {
        var meta = [hit.slug, hit.language]
        if let c = hit.category { meta.append(VisibleText.line(c)) }
        if hit.audience == .internal { meta.append("internal") }
        if hit.state == .draft { meta.append("draft") }
        Terminal.write("\(hit.rank). \(style.bold(marked(hit.markedTitle, { style.yellow($0) })))  \(style.dim(meta.joined(separator: " · ")))\n")
        Terminal.write("   \(marked(hit.markedSnippet, { style.bold(style.yellow($0)) }))\n")
      }
    }
  }

  struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suggest",
      abstract: "Rank published articles for a ticket by its subject and by what the customer wrote.",
      discussion: """
        Internal articles are suggested too (marked); only public ones can be sent with desk ticket reply ID \
        --kb SLUG.

        Example:
          desk kb suggest 42 --limit 3
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket.") var ticket: String
    @OptionGroup var scope: SearchScopeOptions

    func run() throws {
      var scope = try self.scope.scope
      if self.scope.limit == nil { scope.limit = 5 }
      let hits = try global.openDesk().kb.suggest(ticket: try Input.ticketID(ticket), in: scope)
      try Search.render(hits, global.output)
    }
  }
}

/// Filters of `kb search` and `kb suggest`.
struct SearchScopeOptions: ParsableArguments {
  @Option(help: "Only this language.") var language: String?
  @Option(help: "Public or internal.") var audience: ArticleAudience?
  @Option(help: "Only this category.") var category: String?
  @Option(help: "Only articles with this tag.") var tag: String?
  @Option(help: "published, draft or any.") var state = "published"
  @Option(help: ArgumentHelp("At most this many hits (default 20; 5 for suggest).", valueName: "n")) var limit: Int?

  var scope: KnowledgeBase.SearchScope {
    get throws {
      var s = KnowledgeBase.SearchScope()
      s.filter.language = language
      s.filter.audience = audience
      s.filter.category = category
      s.filter.tag = tag
      switch state {
      case "any": s.filter.state = nil
      default:
        guard let st = ArticleState(rawValue: state) else {
          throw DeskError.usage("--state '\(state)' is not published, draft or any")
        }
        s.filter.state = st
      }
      if let limit {
        guard limit > 0 else { throw DeskError.usage("--limit must be a positive number") }
        s.limit = limit
      }
      return s
    }
  }
}
