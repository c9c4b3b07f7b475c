import ArgumentParser
import DeskCore

struct TagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tag",
    abstract: "Tags on tickets (incidents, feature requests) and their statistics.",
    discussion: """
      A tag is trimmed and case-folded; it may hold letters and digits of any script, '-', '_', '.', ':' and \
      '/', at most 64 characters.

      Examples:
        desk ticket list --text "502" --format ids | \\
          desk tag add - outage-2026-11-24
        desk tag list 'wish-*'
        desk tag stats 'wish-*' --since -90d --weekly
      """,
    subcommands: [Add.self, Remove.self, List.self, Rename.self, Merge.self, Stats.self],
    aliases: ["tags"])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add",
      abstract: "Tag tickets: TICKET… TAG (several tags: --tag); all or nothing, in one transaction.",
      discussion: """
        Example:
          desk tag add 42 43 outage-2026-11-24
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids (or - to read them from stdin), and then the tag.") var words: [String]
    @Option(name: .customLong("tag"), help: "Another tag (repeatable).") var more: [String] = []

    func run() throws {
      try global.output.check(outcomeSchema)
      let (ids, tags) = try TagCommand.split(words, more)
      try global.openDesk().tags.add(ids, tags: tags).render(global.output, verb: "tagged")
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Untag tickets: TICKET… TAG.",
      discussion: """
        Example:
          desk tag rm 42 outage-2026-11-24
        """, aliases: ["remove"])
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids (or -), then the tag.") var words: [String]
    @Option(name: .customLong("tag"), help: "Another tag (repeatable).") var more: [String] = []

    func run() throws {
      try global.output.check(outcomeSchema)
      let (ids, tags) = try TagCommand.split(words, more)
      try global.openDesk().tags.remove(ids, tags: tags).render(global.output, verb: "untagged")
    }
  }

  /// `12 13 - wish-export` → ids and tags: the last word is the tag.
  static func split(_ words: [String], _ more: [String]) throws -> ([Int64], [String]) {
    guard words.count >= 2 else { throw DeskError.usage("give ticket ids (or -) and then a tag", hint: "desk tag add 12 13 outage") }
    return (try Input.ticketIDs(Array(words.dropLast())), [words.last!] + more)
  }

  static let countSchema = Schema<TagCount>(
    fields: [
      Field("tag") { .text($0.tag) }, Field("open") { .int(Int64($0.open)) }, Field("current") { .int(Int64($0.current)) },
      Field("all") { .int(Int64($0.all)) },
    ],
    tableDefault: ["tag", "open", "current", "all"], flexible: ["tag"], idField: "tag")

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list",
      abstract: "Tags with their ticket counts: open and current now, all that ever carried the tag.",
      discussion: """
        A tag removed from its tickets (by desk broadcast send, say) still counts in all, in desk tag stats \
        and in desk report tags: statistics count every ticket that carried the tag. A rename or merge \
        rewrites them to the new name.

        Example:
          desk tag list 'wish-*'
        """,
      aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A glob pattern, e.g. 'wish-*'.") var pattern: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Count only tickets created since.", valueName: "date")) var since: String?

    func run() throws {
      let desk = try global.openDesk()
      let since = try self.since.map { try Input.date($0, option: "--since", clock: desk.clock) }
      let writer = try RecordWriter(TagCommand.countSchema, options: global.output)
      try desk.tags.list(pattern: pattern, since: since) { writer.write($0) }
      writer.finish()
    }
  }

  /// What a rename or merge did: the tag that remains, the names it replaced, on how many tickets.
  struct Renaming {
    let tag: String
    let from: [String]
    let tickets: Int
  }

  static let renamingSchema = Schema<Renaming>(
    fields: [Field("tag") { .text($0.tag) }, Field("from") { .list($0.from) }, Field("tickets") { .int(Int64($0.tickets)) }],
    tableDefault: ["tag", "from", "tickets"], flexible: ["tag"], idField: "tag")

  struct Rename: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a tag on every ticket.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The tag.") var old: String
    @Argument(help: "Its new name.") var new: String
    func run() throws {
      try global.output.check(TagCommand.renamingSchema)
      let n = try global.openDesk().tags.rename(old, to: new)
      try TagCommand.renamingSchema.report(
        Renaming(tag: new, from: [old], tickets: n), global.output, line: "renamed \(old) to \(new) on \(n) ticket\(n == 1 ? "" : "s")")
    }
  }

  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Merge tags into one, on every ticket that had them.",
      discussion: """
        Example:
          desk tag merge wish-csv wish-excel --into wish-export
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The tags to merge away.") var sources: [String]
    @Option(help: ArgumentHelp("The tag that remains.", valueName: "tag")) var into: String
    func run() throws {
      try global.output.check(TagCommand.renamingSchema)
      let n = try global.openDesk().tags.merge(sources, into: into)
      try TagCommand.renamingSchema.report(
        Renaming(tag: into, from: sources, tickets: n), global.output,
        line: "merged \(sources.joined(separator: ", ")) into \(into) on \(n) ticket\(n == 1 ? "" : "s")")
    }
  }

  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats",
      abstract: "Tickets and distinct customers per tag over a period, optionally per week, with a bar chart on a terminal.",
      discussion: """
        Weeks start on Monday (UTC) and count tickets by when they were created. --view counts only the tickets of a saved view.

        Example:
          desk tag stats 'wish-*' --since -90d --weekly
        """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A glob pattern, e.g. 'wish-*' (default: every tag).") var pattern: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Tickets created since.", valueName: "date")) var since: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Tickets created before.", valueName: "date")) var until: String?
    @Flag(help: "One row per tag and week.") var weekly = false
    @Option(help: "Only the tickets of this saved view.") var view: String?

    func run() throws {
      let desk = try global.openDesk()
      let from = try since.map { try Input.date($0, option: "--since", clock: desk.clock) }
      let to = try until.map { try Input.date($0, option: "--until", clock: desk.clock) }
      let filter = try view.map { name -> TicketFilter in
        var f = try TicketFilterOptions.parse([]).filter(desk, view: name)
        if f.statuses == nil { f.statuses = TicketStatus.allCases }
        return f
      }
      var rows: [TagStat] = []
      try desk.tags.stats(pattern: pattern, from: from, to: to, perWeek: weekly, within: filter) { rows.append($0) }
      let widest = rows.map(\.tickets).max() ?? 1
      let schema = Schema<TagStat>(
        fields: [
          Field("tag") { .text($0.tag) }, Field("week") { Cell($0.week) }, Field("tickets") { .int(Int64($0.tickets)) },
          Field("customers") { .int(Int64($0.customers)) },
          Field("chart") { .text(String(repeating: "█", count: max(1, $0.tickets * 30 / max(widest, 1)))) },
        ],
        tableDefault: weekly ? ["tag", "week", "tickets", "customers", "chart"] : ["tag", "tickets", "customers", "chart"],
        flexible: ["chart"], idField: "tag")
      var output = global.output
      if output.fieldList == nil, output.resolvedFormat != .table {
        output.fields = (weekly ? ["tag", "week", "tickets", "customers"] : ["tag", "tickets", "customers"]).joined(separator: ",")
      }
      try RecordWriter(schema, options: output).writeAll(rows)
    }
  }
}
