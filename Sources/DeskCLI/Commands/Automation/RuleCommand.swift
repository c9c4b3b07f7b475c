import ArgumentParser
import DeskCore

extension RuleEvent: ArgumentChoice {}
extension Autoreplies.Period: ArgumentChoice {}

let ruleSchema = Schema<Rule>(
  fields: [
    Field("position") { .int(Int64($0.position)) },
    Field("name") { .text($0.name) },
    Field("enabled") { .bool($0.enabled) },
    Field("events") { .list($0.events.map(\.rawValue)) },
    Field("conditions") { .text($0.conditionsDescription) },
    Field("actions") { .text($0.actionsDescription) },
    Field("stop") { .bool($0.stop) },
  ],
  tableDefault: ["position", "name", "enabled", "events", "conditions", "actions", "stop"], flexible: ["conditions"], idField: "name")

/// The conditions and actions of a rule, shared by `add` and `edit`.
struct RuleOptions: ParsableArguments {
  @Option(
    name: .customLong("on"), help: ArgumentHelp("One or more of created, customer_message and status_change, comma-separated.", valueName: "events"))
  var events: String?
  @Option(
    name: .customLong("if-text"),
    help: ArgumentHelp(
      "Any of these keywords in the subject or message (comma-separated): whole words, case and accents ignored; a trailing * is a prefix (import*).",
      valueName: "words"))
  var text: String?
  @Option(name: .customLong("if-channel"), help: ArgumentHelp("Channels.", valueName: "channel,…")) var channels: String?
  @Option(name: .customLong("if-type"), help: ArgumentHelp("Types.", valueName: "type,…")) var types: String?
  @Option(name: .customLong("if-priority"), help: ArgumentHelp("Priorities.", valueName: "priority,…")) var priorities: String?
  @Option(name: .customLong("if-customer"), help: ArgumentHelp("A customer (repeatable).", valueName: "customer")) var customers: [String] =
    []
  @Option(name: .customLong("if-org"), help: ArgumentHelp("Organisations.", valueName: "org,…")) var organizations: String?
  @Option(name: .customLong("if-tag"), help: ArgumentHelp("Any of these tags.", valueName: "tag,…")) var tags: String?
  @Option(name: .customLong("if-hours"), help: ArgumentHelp("in or out of working hours on support.calendar.", valueName: "in|out"))
  var hours: String?
  @Option(help: ArgumentHelp("Assign to a login, skill:NAME (least loaded of the group) or account-manager.", valueName: "who")) var assign:
    String?
  @Option(name: .customLong("set-type"), help: ArgumentHelp("Set the type.", valueName: "type")) var setType: String?
  @Option(name: .customLong("set-priority"), help: ArgumentHelp("Set the priority.", valueName: "priority")) var setPriority: String?
  @Option(name: .customLong("add-tag"), help: ArgumentHelp("Add tags.", valueName: "tag,…")) var addTags: String?
  @Option(name: .customLong("reply-template"), help: ArgumentHelp("Send this template to the customer.", valueName: "template"))
  var template: String?
  @Option(help: ArgumentHelp("Notify team, leads or a login.", valueName: "who")) var notify: String?

  static func list(_ s: String?) -> [String]? {
    s.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
  }

  func parsedEvents() throws -> [RuleEvent]? {
    try RuleOptions.list(events).map {
      try $0.map { raw in
        guard let e = RuleEvent(rawValue: raw.replacingOccurrences(of: "-", with: "_")) else {
          throw ValidationError("--on: '\(raw)' is not created, customer_message or status_change")
        }
        return e
      }
    }
  }

  var hasConditions: Bool {
    text != nil || channels != nil || types != nil || priorities != nil || !customers.isEmpty || organizations != nil || tags != nil
      || hours != nil
  }
  var hasActions: Bool { assign != nil || setType != nil || setPriority != nil || addTags != nil || template != nil || notify != nil }

  func conditions(_ desk: Desk) throws -> RuleConditions {
    var c = RuleConditions()
    c.text = RuleOptions.list(text)
    c.channels = RuleOptions.list(channels)?.map { $0.lowercased() }
    c.types = RuleOptions.list(types)?.map { $0.lowercased() }
    c.priorities = RuleOptions.list(priorities)?.map { $0.lowercased() }
    c.customers = customers.isEmpty ? nil : try customers.map { try desk.customers.show($0).id }
    c.organizations = RuleOptions.list(organizations)
    c.tags = try RuleOptions.list(tags)?.map(Tags.normalise)
    c.hours = hours
    return c
  }

  func actions() throws -> RuleActions {
    var a = RuleActions()
    a.assign = assign
    a.type = setType?.lowercased()
    a.priority = setPriority?.lowercased()
    a.tags = try RuleOptions.list(addTags)?.map(Tags.normalise)
    a.template = template?.lowercased()
    a.notify = notify
    return a
  }
}

struct RuleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rule",
    abstract: "Routing and automation rules: on an event, if the conditions hold, do the actions.",
    discussion: """
      Rules run in order of position when a ticket is created, gets a customer message, or changes status, \
      inside the command that caused it. Every condition given must hold; a rule with --stop ends the run \
      when it fires. What a rule does is recorded in the ticket's history with rule:NAME as the actor.

      Keywords (--if-text) are whole words at word boundaries (letters and digits), case and accents \
      ignored: "import" matches "Import failed" but not "important" or "reimport"; a trailing * matches the \
      start of a word ("import*" matches "importing", "зарплат*" matches "зарплаты"); a keyword of several \
      words matches them in a row.

      A rule never changes what the person who made the ticket set in the same command (ticket new --assign, \
      --type, --priority). A rule whose --assign finds no one (no active agent with the skill; no customer, \
      or no active account manager) does not --stop the run, though its other actions are done: the next \
      rules, or the team, take the ticket. An account manager who is deactivated is reported to the leads, \
      once per ticket.

      Examples:
        desk rule add payroll --on created --assign adelia --stop \\
          --if-text "salary,report*,import*,зарплат*,отчёт"
        desk rule add vip --on created,customer_message --if-org "Fitness Pro" \\
          --assign account-manager --set-priority high
        desk rule add night --on created --if-hours out --add-tag after-hours \\
          --notify team
        desk rule test --text "Не работает импорт зарплаты" --channel telegram
      """,
    subcommands: [Add.self, Edit.self, List.self, Show.self, Enable.self, Disable.self, Remove.self, Test.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a rule (admins and leads).",
      discussion: """
        Examples:
          desk rule add payroll --on created --if-text "salary,import*" --assign bob
          desk rule add vip --on created --if-org "Fitness Pro" --set-priority high
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The rule's name.") var name: String
    @OptionGroup var rule: RuleOptions
    @Flag(help: "Stop trying further rules when this one fires.") var stop = false
    @Option(help: "Its position (default: last).") var position: Int?

    func run() throws {
      try global.output.check(ruleSchema)
      let desk = try global.openDesk()
      let r = try desk.rules.add(
        name, events: try rule.parsedEvents() ?? [], conditions: try rule.conditions(desk),
        actions: try rule.actions(), stop: stop, position: position)
      try ruleSchema.report(r, global.output, line: "rule \(r.name): added at position \(r.position)")
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit",
      abstract: "Change a rule: conditions given replace all its conditions, actions given all its actions.",
      discussion: """
        Example:
          desk rule edit payroll --assign skill:finance --stop
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The rule.") var name: String
    @OptionGroup var rule: RuleOptions
    @Flag(inversion: .prefixedNo, help: "Stop after this rule, or not.") var stop: Bool?

    func run() throws {
      try global.output.check(ruleSchema)
      let desk = try global.openDesk()
      let r = try desk.rules.edit(
        name, events: try rule.parsedEvents(), conditions: rule.hasConditions ? try rule.conditions(desk) : nil,
        actions: rule.hasActions ? try rule.actions() : nil, stop: stop, enabled: nil)
      try ruleSchema.report(r, global.output, line: "rule \(r.name): updated")
    }
  }

  struct Enable: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Turn a rule on.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The rule.") var name: String
    func run() throws {
      try global.output.check(ruleSchema)
      let r = try global.openDesk().rules.edit(name, events: nil, conditions: nil, actions: nil, stop: nil, enabled: true)
      try ruleSchema.report(r, global.output, line: "rule \(r.name): enabled")
    }
  }

  struct Disable: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Turn a rule off (it is kept).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The rule.") var name: String
    func run() throws {
      try global.output.check(ruleSchema)
      let r = try global.openDesk().rules.edit(name, events: nil, conditions: nil, actions: nil, stop: nil, enabled: false)
      try ruleSchema.report(r, global.output, line: "rule \(r.name): disabled")
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a rule.", aliases: ["remove"])
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The rule.") var name: String
    func run() throws {
      try global.output.check(removalSchema)
      try global.openDesk().rules.remove(name)
      try removalSchema.report(Removal(kind: "rule", name: name), global.output, line: "rule \(name): removed")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rules in order.", aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    func run() throws { try RecordWriter(ruleSchema, options: global.output).writeAll(try global.openDesk().rules.list()) }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a rule.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The rule.") var name: String
    func run() throws { try ruleSchema.show(try global.openDesk().rules.show(name), global.output) }
  }

  struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test",
      abstract: "Show which rules would fire for a message and what they would do; nothing changes here.",
      discussion: """
        Example:
          desk rule test --text "Salary import fails" --channel email --priority high
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The message text (subject and body).") var text = ""
    @Option(help: ArgumentHelp("The event (default created).", valueName: "event")) var on: RuleEvent = .created
    @Option(help: "The channel (default email).") var channel = "email"
    @Option(help: "The type (default: ticket.default-type).") var type: String?
    @Option(help: "The priority.") var priority: TicketPriority = .normal
    @Option(help: "The customer.") var customer: String?
    @Option(name: .customLong("tag"), help: "A tag the ticket has (repeatable).") var tags: [String] = []
    @Option(parsing: .unconditional, help: ArgumentHelp("When the message arrives (default now).", valueName: "date")) var at: String?

    func run() throws {
      let desk = try global.openDesk()
      let who = try customer.map { try desk.customers.show($0) }
      let defaultType = try desk.settings.get("ticket.default-type")
      let when = try at.map { try Input.date($0, option: "--at", clock: desk.clock) } ?? desk.clock.now
      let subject = RuleSubject(
        text: text, channel: channel.lowercased(), type: (type ?? defaultType).lowercased(),
        priority: priority.rawValue, customerID: who?.id, organization: who?.organization, tags: try tags.map(Tags.normalise),
        at: when)
      let fired = try desk.rules.test(subject, event: on)
      if global.output.isExplicit { return try RecordWriter(ruleSchema, options: global.output).writeAll(fired.map(\.rule)) }
      if fired.isEmpty { Terminal.write("no rule fires\n") }
      for m in fired {
        var line = "\(m.rule.position). \(m.rule.name): \(m.rule.actionsDescription)"
        if let words = m.matchedText, let keyword = m.keyword { line += " (matched \"\(words)\" by \(keyword))" }
        if let manager = m.inactiveManager { line += " (account manager \(manager) is deactivated: no one to assign)" }
        if m.stops { line += " (stop)" }
        Terminal.write(VisibleText.line(line) + "\n")
      }
    }
  }
}

let autoreplySchema = Schema<Autoreplies.Entry>(
  fields: [
    Field("channel") { .text($0.channel) }, Field("period") { .text($0.period.rawValue) }, Field("template") { .text($0.template) },
  ],
  tableDefault: ["channel", "period", "template"], flexible: ["template"], idField: "template")

struct AutoreplyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "autoreply",
    abstract: "The acknowledgement a new ticket gets, by channel and by the time on the support calendar.",
    discussion: """
      Right after a customer's message opens a ticket (desk ticket ingest), desk sends the template set for \
      the ticket's channel (or *) and the moment: hours, after-hours, before-weekend (after hours with no \
      working day tomorrow: Friday evening), weekend, holiday, or any; a missing period falls back to a \
      broader one. The calendar is config support.calendar. Never to an automatic message, and at most \
      autoreply.max per customer in autoreply.window (autoreply.max-same-subject for one subject: \
      FreeScout's 10 and 2 in 180 minutes). Mail carries Auto-Submitted: auto-replied.

      Example:
        desk autoreply set telegram before-weekend ack-friday
      """,
    subcommands: [Set.self, List.self, Remove.self])

  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Choose the template for a channel and a period (for admins and leads).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A channel, or * for any.") var channel: String
    @Argument(help: "One of any, hours, after-hours, before-weekend, weekend or holiday.") var period: Autoreplies.Period
    @Argument(help: "The template.") var template: String
    func run() throws {
      try global.output.check(autoreplySchema)
      let e = try global.openDesk().autoreplies.set(channel: channel, period: period, template: template)
      try autoreplySchema.report(e, global.output, line: "autoreply \(e.channel) \(e.period.rawValue): \(e.template)")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the auto-replies.", aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    func run() throws { try RecordWriter(autoreplySchema, options: global.output).writeAll(try global.openDesk().autoreplies.list()) }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rm", abstract: "Stop acknowledging for a channel and period.", aliases: ["remove"])
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A channel, or *.") var channel: String
    @Argument(help: "The period.") var period: Autoreplies.Period
    func run() throws {
      try global.output.check(removalSchema)
      let removed = try global.openDesk().autoreplies.remove(channel: channel, period: period)
      try removalSchema.report(
        Removal(kind: "autoreply", name: "\(channel) \(period.rawValue)", removed: removed), global.output,
        line: "autoreply \(channel) \(period.rawValue): \(removed ? "removed" : "was not set")")
    }
  }
}
