import ArgumentParser
import DeskCore

extension ArticleAudience: ArgumentChoice {}
extension ArticleState: ArgumentChoice {}

let articleSchema = Schema<Article>(
  fields: [
    Field("id") { .int($0.id) },
    Field("slug") { .text($0.slug) },
    Field("language") { .text($0.language) },
    Field("title") { .text($0.title) },
    Field("category") { Cell($0.category) },
    Field("tags") { .list($0.tags) },
    Field("audience") { .text($0.audience.rawValue) },
    Field("state") { .text($0.state.rawValue) },
    Field("author") { .text($0.author) },
    Field("created_at") { .time($0.createdAt) },
    Field("updated_at") { .time($0.updatedAt) },
    Field("updated_by") { .text($0.updatedBy) },
    Field("published_at") { Cell($0.publishedAt) },
    Field("translation_of") { Cell($0.original) },
    Field("translations") { .list($0.translations) },
    Field("body") { .text($0.body) },
  ],
  tableDefault: ["id", "slug", "language", "title", "category", "audience", "state"], flexible: ["title"])

struct KBCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kb",
    abstract: "The knowledge base: articles for customers (public) and agents (internal), search, suggestions and a static site.",
    discussion: """
      An article is a Markdown body with a title, a slug (its name: lower-case letters, digits and hyphens), \
      a language, a category, tags, an audience (public or internal) and a state (draft or published). \
      Translations of one article share it: an article with the same slug in another language is a \
      translation, and --translation-of SLUG links one with its own slug. Name an article by slug (with \
      --language when the slug exists in several languages) or by id.

      Any agent may write and edit articles and publish internal ones; an agent's edit of a live public \
      article is kept as a draft (kb show --draft) until a lead or admin publishes it with kb publish. \
      Publishing or unpublishing public articles and removing articles is for leads and admins. Every change \
      is kept in the article's history.

      Examples:
        desk kb add reset-password --title "Reset your password" \\
          --category Account --tag login -m "Open **Settings** ..."
        desk kb add sbros-parolya --language ru --translation-of reset-password \\
          --body-file ru.md
        desk kb publish reset-password --language en
        desk kb search "senha"     # finds "Senha", "sênha"; every word as a prefix
        desk kb suggest 42         # articles for ticket 42
        desk ticket reply 42 --kb reset-password -m "This should help:"
        desk kb export --html site/   # the public site
      """,
    subcommands: [
      Add.self, Edit.self, Show.self, List.self, Search.self, Suggest.self, Publish.self, Unpublish.self, History.self, Remove.self,
      Export.self, Import.self,
    ])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add",
      abstract: "Write an article (a draft unless --publish).",
      discussion: """
        The body is Markdown, from -m, --body-file, stdin (-m -) or $EDITOR. Without --title, the body's \
        first '# ' heading is the title.

        Examples:
          desk kb add reset-password --title "Reset your password" \\
            --category Account -m "Click **Forgot password** ..."
          desk kb add redefinir-senha --language pt --translation-of reset-password \\
            --body-file pt.md --publish
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The article's slug, e.g. reset-password.") var slug: String
    @Option(help: "The title (default: the body's first '# ' heading).") var title: String?
    @Option(help: "Its language (default en).") var language = "en"
    @Option(help: "Its category, e.g. Billing.") var category: String?
    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag (repeatable, or comma-separated).", valueName: "tag")) var tags: [String] = []
    @Option(help: "public (customers) or internal (agents only).") var audience: ArticleAudience = .public
    @Option(help: ArgumentHelp("The article (slug or id) this one translates.", valueName: "article")) var translationOf: String?
    @Flag(help: "Publish it at once.") var publish = false
    @OptionGroup var body: BodyOptions

    func run() throws {
      try global.output.check(articleSchema)
      var draft = KnowledgeBase.Draft(slug: slug, body: try body.require("article body"))
      draft.title = title
      draft.language = language
      draft.category = category
      draft.tags = tags
      draft.audience = audience
      draft.translationOf = translationOf
      draft.publish = publish
      let a = try global.openDesk().kb.add(draft)
      try articleSchema.report(a, global.output, line: "article \(a.slug) (\(a.language)): added as \(a.state.rawValue), id \(a.id)")
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit",
      abstract: "Change the title, body, category, tags or audience of an article.",
      discussion: """
        With nothing to change given on a terminal, the body opens in $EDITOR. --category "" clears the \
        category; --tag replaces the tags (--tag "" removes them all).

        Example:
          desk kb edit reset-password --language en --body-file reset.md
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The article: slug or id.") var article: String
    @Option(help: "Which language of it.") var language: String?
    @Option(help: "A new title.") var title: String?
    @Option(help: "A new category (empty to clear it).") var category: String?
    @Option(name: .customLong("tag"), help: ArgumentHelp("Replace the tags (repeatable, or comma-separated).", valueName: "tag")) var tags: [String] = []
    @Option(help: "public or internal.") var audience: ArticleAudience?
    @OptionGroup var body: BodyOptions

    func run() throws {
      try global.output.check(articleSchema)
      let desk = try global.openDesk()
      var change = KnowledgeBase.Change()
      change.title = title
      change.category = category
      change.tags = tags.isEmpty ? nil : tags
      change.audience = audience
      if body.body != nil || body.bodyFile != nil {
        change.body = try body.read()
      } else if title == nil, category == nil, tags.isEmpty, audience == nil {
        change.body = try body.read(editorTemplate: try desk.kb.show(article, language: language).body)
      }
      let (a, changed, drafted) = try desk.kb.edit(article, language: language, change)
      let line =
        drafted
        ? (changed ? "draft saved; it goes live when a lead or admin runs desk kb publish \(a.slug)" : "draft unchanged")
        : (changed ? "updated" : "unchanged")
      try articleSchema.report(a, global.output, line: "article \(a.slug) (\(a.language)): " + line)
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show",
      abstract: "Show an article: its fields and Markdown body.", discussion: """
        Example:
          desk kb show reset-password --language ru
        """,
      aliases: ["view"])
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The article: slug or id.") var article: String
    @Option(help: "Which language of it: that translation.") var language: String?
    @Flag(help: "Show the draft waiting to be published (an agent's edit of a live public article).") var draft = false

    func run() throws {
      let desk = try global.openDesk()
      let waiting = draft ? try desk.kb.draft(article, language: language) : nil
      let a = try waiting?.article ?? desk.kb.show(article, language: language)
      if global.output.isExplicit { return try articleSchema.show(a, global.output) }
      let style = Style(enabled: Terminal.useColor)
      let v = VisibleText.line
      var head = "\(a.slug) (\(a.language)) · \(a.category.map(v) ?? "no category") · \(a.audience.rawValue) · \(a.state.rawValue) · id \(a.id)\n"
      head += style.bold(v(a.title)) + "\n"
      if !a.tags.isEmpty { head += "tags: \(a.tags.map(v).joined(separator: ", "))\n" }
      if !a.translations.isEmpty { head += "translations: \(a.translations.joined(separator: ", "))\n" }
      head += style.dim("by \(v(a.author)), updated \(a.updatedAt.localShort) by \(v(a.updatedBy))") + "\n"
      if let waiting {
        head += "draft by \(v(waiting.author)), \(waiting.at.localShort): publish it with desk kb publish \(a.slug)\n"
      } else if let by = a.draftBy {
        head += "a draft by \(v(by)) is waiting: desk kb show \(a.slug) --draft\n"
      }
      head += "\n"
      let body = VisibleText.block(a.body)
      Terminal.write(head + body + (body.hasSuffix("\n") ? "" : "\n"))
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list",
      abstract: "List articles by language, category and slug.", discussion: """
        Example:
          desk kb list --language pt --state draft
        """,
      aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    @OptionGroup var filter: ArticleFilterOptions

    func run() throws {
      let desk = try global.openDesk()
      let writer = try RecordWriter(articleSchema, options: global.output)
      try desk.kb.list(filter.filter) { writer.write($0) }
      writer.finish()
    }
  }

  struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "publish",
      abstract: "Publish an article: a public one goes on the site and into replies.",
      discussion: """
        Example:
          desk kb publish reset-password --language en
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The article: slug or id.") var article: String
    @Option(help: "Which language of it.") var language: String?
    func run() throws { try setState(global, article, language, .published) }
  }

  struct Unpublish: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unpublish",
      abstract: "Take an article back to draft.", discussion: """
        Example:
          desk kb unpublish reset-password --language en
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The article: slug or id.") var article: String
    @Option(help: "Which language of it.") var language: String?
    func run() throws { try setState(global, article, language, .draft) }
  }

  static func setState(_ global: GlobalOptions, _ ref: String, _ language: String?, _ state: ArticleState) throws {
    try global.output.check(articleSchema)
    let (a, changed) = try global.openDesk().kb.setState(ref, language: language, to: state)
    let word = state == .published ? "published" : "unpublished"
    try articleSchema.report(a, global.output, line: "article \(a.slug) (\(a.language)): " + (changed ? word : "already \(word)"))
  }

  struct History: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history",
      abstract: "An article's changes: who, when, what.",
      discussion: """
        --json includes the title and body after each change.

        Example:
          desk kb history reset-password --language en
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The article: slug or id.") var article: String
    @Option(help: "Which language of it.") var language: String?

    func run() throws {
      let (_, revisions) = try global.openDesk().kb.history(article, language: language)
      let schema = Schema<ArticleRevision>(
        fields: [
          Field("revision") { .int(Int64($0.number)) }, Field("at") { .time($0.at) }, Field("actor") { .text($0.actor) },
          Field("change") { .text($0.change) }, Field("title") { .text($0.title) }, Field("body") { .text($0.body) },
        ],
        tableDefault: ["revision", "at", "actor", "change"], flexible: ["change"], idField: "revision")
      try RecordWriter(schema, options: global.output).writeAll(revisions)
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rm", abstract: "Remove an article in one language, with its history (leads, admins).",
      discussion: """
        Example:
          desk kb rm old-pricing --language en
        """, aliases: ["remove"])
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The article: slug or id.") var article: String
    @Option(help: "Which language of it.") var language: String?
    func run() throws {
      try global.output.check(removalSchema)
      let a = try global.openDesk().kb.remove(article, language: language)
      try removalSchema.report(
        Removal(kind: "article", name: a.slug, language: a.language), global.output, line: "article \(a.slug) (\(a.language)): removed")
    }
  }
}

/// `--language`, `--audience`, `--category`, `--state`, `--tag`: which articles.
struct ArticleFilterOptions: ParsableArguments {
  @Option(help: "Only this language.") var language: String?
  @Option(help: "Public or internal.") var audience: ArticleAudience?
  @Option(help: "Only this category.") var category: String?
  @Option(help: "Drafts or published.") var state: ArticleState?
  @Option(help: "Only articles with this tag.") var tag: String?

  var filter: KnowledgeBase.Filter {
    var f = KnowledgeBase.Filter()
    f.language = language
    f.audience = audience
    f.category = category
    f.state = state
    f.tag = tag
    return f
  }
}
