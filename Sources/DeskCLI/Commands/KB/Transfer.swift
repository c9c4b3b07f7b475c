import ArgumentParser
import DeskCore
import Foundation

extension KBCommand {
  enum ExportFormat: String, ArgumentChoice {
    case html, markdown, json, jsonl
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export",
      abstract: "Export the public site (HTML), Markdown files or JSON.",
      discussion: """
        --html DIR writes the static site of the published public articles: DIR/index.html (the languages), \
        DIR/LANG/index.html (by category), DIR/LANG/categories/NAME.html and DIR/LANG/SLUG.html, whose pages \
        link their translations. kb.url (desk config) is where it is served, so that ticket reply --kb links \
        to it. --css FILE replaces desk's stylesheet. Markdown is rendered by Ink; HTML written in an \
        article is shown as text, links may only be http, https, mailto or relative, and the pages forbid \
        scripts. A later export removes the pages it no longer writes, and nothing else.

        --format markdown --output DIR writes LANG/SLUG.md files with a front matter, which desk kb import \
        reads back. --format json or jsonl prints every field, body included, to stdout or --output FILE. \
        The filters apply to markdown and JSON; the site is always the published public articles.

        Examples:
          desk kb export --html /var/www/help --css brand.css --title "Acme Help"
          desk kb export --format markdown --output kb-backup/
          desk kb export --format json --language ru > ru.json
        """)
    @OptionGroup var connection: DeskOptions
    @Option(help: ArgumentHelp("Write the public site to this folder (the same as --format html --output DIR).", valueName: "dir"))
    var html: String?
    @Option(help: "html, markdown, json or jsonl.") var format: ExportFormat?
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The folder (html, markdown) or file (json) to write.", valueName: "path"))
    var output: String?
    @Option(help: ArgumentHelp("The site's stylesheet instead of desk's own.", valueName: "file")) var css: String?
    @Option(help: "The site's name (default: \"Help center\", translated).") var title: String?
    @OptionGroup var filter: ArticleFilterOptions

    func validate() throws {
      if html != nil, let format, format != .html { throw ValidationError("--html and --format \(format.rawValue) disagree") }
      if html != nil, output != nil { throw ValidationError("give the folder once: --html DIR or --output DIR") }
      let resolved = html != nil ? ExportFormat.html : format
      guard let resolved else { throw ValidationError("say what to export: --html DIR, or --format markdown|json|jsonl") }
      if resolved == .html || resolved == .markdown, html == nil, output == nil {
        throw ValidationError("--format \(resolved.rawValue) needs --output DIR")
      }
      if css != nil || title != nil, resolved != .html { throw ValidationError("--css and --title are for the HTML site") }
    }

    func run() throws {
      let desk = try connection.openDesk()
      switch html != nil ? .html : format! {
      case .html:
        let dir = html ?? output!
        let s = try desk.kb.exportSite(to: dir, css: css, title: title)
        let removed = s.removed > 0 ? ", removed \(s.removed) old" : ""
        Terminal.write(
          "site \(dir): \(s.articles) article\(s.articles == 1 ? "" : "s") in \(s.languages.count) language\(s.languages.count == 1 ? "" : "s") (\(s.languages.joined(separator: ", "))), \(s.pages) files\(removed)\n")
      case .markdown:
        let n = try desk.kb.exportMarkdown(to: output!, filter.filter)
        Terminal.write("\(output!): \(n) article\(n == 1 ? "" : "s") written\n")
      case .json, .jsonl:
        if let output {
          // Internal articles are in it: only its owner may read it.
          let file = try FileTree.create(output, mode: 0o600)
          fflush(stdout)
          dup2(file.fileDescriptor, STDOUT_FILENO)
        }
        var options = try OutputOptions.parse([])
        options.format = format == .jsonl ? .jsonl : .json
        let writer = try RecordWriter(articleSchema, options: options)
        try desk.kb.list(filter.filter) { writer.write($0) }
        writer.finish()
      }
    }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import",
      abstract: "Import a folder of Markdown articles (adds new ones, updates those with the same slug and language).",
      discussion: """
        Every .md file under DIR is one article. An optional front matter between '---' lines sets title, \
        slug, language, category, tags, audience, state and translation-of; otherwise the slug is the file's \
        name, the language its folder's name (else --language) and the title the body's first '# ' heading. \
        The whole folder is imported in one transaction: one bad file changes nothing and is named in the \
        error.

        Examples:
          desk kb import kb-backup/
          desk kb import docs/ --language pt --publish
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The folder to read.") var directory: String
    @Option(help: "The language of files that do not say (default en).") var language = "en"
    @Flag(help: "Publish the articles whose front matter sets no state.") var publish = false

    func run() throws {
      let schema = Schema<ImportSummary>(
        fields: [Field("added") { .int(Int64($0.added)) }, Field("updated") { .int(Int64($0.updated)) }, Field("unchanged") { .int(Int64($0.unchanged)) }],
        tableDefault: ["added", "updated", "unchanged"], idField: "added")
      try global.output.check(schema)
      let s = try global.openDesk().kb.importMarkdown(from: directory, language: language, publish: publish)
      try schema.report(s, global.output, line: "\(directory): \(s.added) added, \(s.updated) updated, \(s.unchanged) unchanged")
    }
  }
}
