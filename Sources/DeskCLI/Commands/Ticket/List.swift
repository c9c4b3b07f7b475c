import ArgumentParser
import DeskCore

extension TicketFilter.Sort: ArgumentChoice {}

extension TicketCommand {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list",
      abstract: "List tickets, streamed, newest activity first.",
      discussion: """
        Without --status or --all, lists the unsolved tickets (new, open, pending, on-hold). Options that \
        take several values accept them comma-separated or repeated; different options must all match. Dates \
        are ISO-8601, today, yesterday, or relative like -2d.

        Examples:
          desk ticket list --assignee me --priority high,urgent
          desk ticket list --text "502 gateway" --format ids | desk ticket solve -
          desk ticket list --all --created-since -7d --json
        """,
      aliases: ["ls"])

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filters: TicketFilterOptions
    @Option(help: ArgumentHelp("Use a saved view's filter (desk view save); other filter options then refine it.", valueName: "name"))
    var view: String?
    @Option(help: "Sort by id, created, updated, priority, status or due (SLA deadline).") var sort: TicketFilter.Sort = .updated
    @Flag(name: .customLong("asc"), help: "Ascending order (default: soonest first for due, newest first otherwise).") var ascending = false
    @Flag(name: .customLong("desc"), help: "Descending order.") var descending = false
    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Print at most this many.", valueName: "n")) var limit: Int?
    @Option(help: "Skip this many first.") var offset: Int?

    func validate() throws {
      if ascending, descending { throw ValidationError("--asc and --desc disagree; give one") }
      if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
      if let offset, offset < 0 { throw ValidationError("--offset must be 0 or more") }
    }

    func run() throws {
      let desk = try global.openDesk()
      var filter = try filters.filter(desk, view: view)
      filter.sort = sort
      filter.descending = ascending ? false : descending ? true : nil
      filter.limit = limit
      filter.offset = offset
      let writer = try RecordWriter(ticketSchema, options: global.output)
      if writer.printsIDsOnly {
        try desk.tickets.listIDs(filter) { writer.write(id: $0) }
      } else {
        try desk.tickets.list(filter) { writer.write($0) }
      }
      writer.finish()
    }

    static func split(_ raw: [String]) -> [String] {
      raw.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func values<T: RawRepresentable & CaseIterable>(_ raw: [String], _: T.Type, _ option: String) throws -> [T]
    where T.RawValue == String {
      try split(raw).map { word in
        guard let value = T(rawValue: word.lowercased()) else {
          throw ValidationError("\(option): '\(word)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
      }
    }
  }
}

/// The filters of `ticket list`, also what a saved view holds.
struct TicketFilterOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Statuses: new, open, pending, on-hold, solved, closed.", valueName: "status,…"))
  var status: [String] = []
  @Flag(help: "Every status, solved and closed too.") var all = false
  @Option(help: ArgumentHelp("me, none, or an agent's login.", valueName: "login")) var assignee: String?
  @Option(help: ArgumentHelp("A customer: an id, email, +phone, KIND:handle or account ID.", valueName: "customer"))
  var customer: String?
  @Option(help: ArgumentHelp("Types.", valueName: "type,…")) var type: [String] = []
  @Option(help: ArgumentHelp("Channels.", valueName: "channel,…")) var channel: [String] = []
  @Option(help: ArgumentHelp("Priorities.", valueName: "priority,…")) var priority: [String] = []
  @Option(help: ArgumentHelp("A tag the ticket must carry (repeatable; all of them must match).", valueName: "tag")) var tag: [String] = []
  @Option(help: ArgumentHelp("Words in the subject or a message, as prefixes, with case and accents ignored.", valueName: "words"))
  var text: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("Created at or after.", valueName: "date")) var createdSince: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("Created before.", valueName: "date")) var createdBefore: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("Updated at or after.", valueName: "date")) var updatedSince: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("Updated before.", valueName: "date")) var updatedBefore: String?
  @Flag(help: "Only tickets past an SLA deadline.") var breached = false
  @Option(parsing: .unconditional, help: ArgumentHelp("Only tickets with an SLA deadline within this long (e.g. 1h; breached ones too).", valueName: "duration"))
  var dueWithin: String?

  func validate() throws {
    if all, !status.isEmpty { throw ValidationError("--all and --status disagree; give one") }
  }

  /// The filter these options describe; with a view, the view's options come first and these refine them.
  func filter(_ desk: Desk, view: String?) throws -> TicketFilter {
    var options = self
    if let view {
      let saved = try desk.views.show(view)
      options = try TicketFilterOptions.parse(saved.arguments + arguments)
    }
    return try options.resolved(desk)
  }

  /// These options written back as arguments, for saving as a view.
  var arguments: [String] {
    var a: [String] = []
    for s in status { a += ["--status", s] }
    if all { a.append("--all") }
    if let assignee { a += ["--assignee", assignee] }
    if let customer { a += ["--customer", customer] }
    for t in type { a += ["--type", t] }
    for c in channel { a += ["--channel", c] }
    for p in priority { a += ["--priority", p] }
    for t in tag { a += ["--tag", t] }
    if let text { a += ["--text", text] }
    for (flag, value) in [
      ("--created-since", createdSince), ("--created-before", createdBefore), ("--updated-since", updatedSince),
      ("--updated-before", updatedBefore), ("--due-within", dueWithin),
    ] {
      if let value { a += [flag, value] }
    }
    if breached { a.append("--breached") }
    return a
  }

  private func resolved(_ desk: Desk) throws -> TicketFilter {
    var filter = TicketFilter()
    let statuses = try TicketCommand.List.values(status, TicketStatus.self, "--status")
    filter.statuses = all ? TicketStatus.allCases : statuses.isEmpty ? nil : statuses
    switch assignee {
    case nil: break
    case "me"?: filter.assignee = .me
    case "none"?: filter.assignee = TicketFilter.Assignee.none
    case let login?: filter.assignee = .login(login)
    }
    filter.customer = customer
    filter.types = TicketCommand.List.split(type)
    filter.channels = TicketCommand.List.split(channel)
    filter.priorities = try TicketCommand.List.values(priority, TicketPriority.self, "--priority")
    filter.tags = tag
    filter.text = text
    filter.createdSince = try createdSince.map { try Input.date($0, option: "--created-since", clock: desk.clock) }
    filter.createdBefore = try createdBefore.map { try Input.date($0, option: "--created-before", clock: desk.clock) }
    filter.updatedSince = try updatedSince.map { try Input.date($0, option: "--updated-since", clock: desk.clock) }
    filter.updatedBefore = try updatedBefore.map { try Input.date($0, option: "--updated-before", clock: desk.clock) }
    filter.breached = breached
    filter.dueWithin = try dueWithin.map { raw in
      guard let d = DeskCore.Duration(parsing: raw) else {
        throw DeskError.usage("--due-within: '\(raw)' is not a duration", hint: "e.g. 15m, 4h, 2d")
      }
      return d
    }
    return filter
  }
}
