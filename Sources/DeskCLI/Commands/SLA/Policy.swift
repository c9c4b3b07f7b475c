import ArgumentParser
import DeskCore

let policySchema = Schema<SLAPolicy>(
  fields: [
    Field("name") { .text($0.name) },
    Field("position") { .int(Int64($0.position)) },
    Field("default") { .bool($0.isDefault) },
    Field("conditions") { .text($0.conditionsDescription) },
    Field("calendar") { .text($0.calendarName) },
    Field("first_response") { Cell($0.targets[.firstResponse]?.description) },
    Field("next_response") { Cell($0.targets[.nextResponse]?.description) },
    Field("resolution") { Cell($0.targets[.resolution]?.description) },
    Field("warn_before") { .text($0.warnBefore.compact) },
    Field("pause_on") { .list($0.pauseOn.map(\.rawValue)) },
  ],
  tableDefault: ["name", "conditions", "calendar", "first_response", "next_response", "resolution", "warn_before"],
  flexible: ["conditions"], idField: "name")

/// What `--dry-run` of a policy or calendar change lists: each target that would change.
let retargetSchema = Schema<SLATargetChange>(
  fields: [
    Field("ticket_id") { .int($0.ticketID) },
    Field("target") { .text($0.target.rawValue) },
    Field("from") { .text($0.from?.description ?? "none") },
    Field("to") { .text($0.to?.description ?? "none") },
  ],
  tableDefault: ["ticket_id", "target", "from", "to"], idField: "ticket_id")

extension SLARetargeting {
  /// A change is printed as usual with how many open tickets it re-targets; `--dry-run` lists them.
  func report(_ output: OutputOptions, dryRun: Bool, _ print: () throws -> Void) throws {
    if dryRun { return try RecordWriter(retargetSchema, options: output).writeAll(changes) }
    try print()
  }

  /// Checks `--fields` against what `report` will print (`schema`, or with `--dry-run` the
  /// re-targeted tickets) before the change is made.
  static func check<T>(_ output: OutputOptions, dryRun: Bool, _ schema: Schema<T>) throws {
    if dryRun { try output.check(retargetSchema) } else { try output.check(schema) }
  }
}

/// The options that describe a policy, shared by `add` and `edit`.
struct PolicyOptions: ParsableArguments {
  @Option(help: "The business calendar (default 24x7).") var calendar: String?
  @Option(
    name: .customLong("first-response"), parsing: .unconditional,
    help: ArgumentHelp("Target: DURATION, or KEY=DURATION,… by type or priority (none removes it).", valueName: "target"))
  var firstResponse: String?
  @Option(name: .customLong("next-response"), parsing: .unconditional, help: ArgumentHelp("Target for each next response.", valueName: "target"))
  var nextResponse: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("Target for resolution.", valueName: "target")) var resolution: String?
  @Option(
    name: .customLong("warn"), parsing: .unconditional, help: ArgumentHelp("Warn the assignee this long before a deadline (default 15m).", valueName: "duration"))
  var warn: String?
  @Option(
    name: .customLong("pause-on"),
    help: ArgumentHelp("Statuses that pause the timers: pending,on-hold by default, or none.", valueName: "statuses"))
  var pauseOn: String?
  @Option(name: .customLong("type"), help: ArgumentHelp("Only tickets of these types (repeatable, or a,b).", valueName: "type"))
  var types: [String] = []
  @Option(name: .customLong("priority"), help: ArgumentHelp("Only tickets of these priorities.", valueName: "priority"))
  var priorities: [String] = []
  @Option(name: .customLong("channel"), help: ArgumentHelp("Only tickets from these channels.", valueName: "channel"))
  var channels: [String] = []
  @Option(name: .customLong("org"), help: ArgumentHelp("Only tickets of customers of these organisations.", valueName: "org"))
  var organizations: [String] = []
  @Option(name: .customLong("tag"), help: ArgumentHelp("Only tickets with one of these tags.", valueName: "tag"))
  var tags: [String] = []
  @Option(help: "Precedence: 1 is tried first.") var position: Int?

  func changes(isDefault: Bool?) -> SLAPolicyChanges {
    var c = SLAPolicyChanges()
    c.calendar = calendar
    c.firstResponse = firstResponse
    c.nextResponse = nextResponse
    c.resolution = resolution
    c.warnBefore = warn
    c.pauseOn = pauseOn.map { [$0] }
    c.types = types.isEmpty ? nil : types
    c.priorities = priorities.isEmpty ? nil : priorities
    c.channels = channels.isEmpty ? nil : channels
    c.organizations = organizations.isEmpty ? nil : organizations
    c.tags = tags.isEmpty ? nil : tags
    c.isDefault = isDefault
    c.position = position
    return c
  }
}

extension SLACommand {
  struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "policy",
      abstract: "SLA policies: targets on a calendar, and conditions that pick one.",
      discussion: """
        Each target (first response, next response, resolution) is chosen on its own: the first policy by \
        position whose conditions all hold and that sets that target for the ticket's type and priority; the \
        default fills what none set. A policy pinned by hand (desk sla set) comes first. sla status and \
        ticket show name the policy of each target. Adding, changing or removing a policy prints how many \
        open tickets change target, records each change in their history and tells the leads; --dry-run \
        lists them and changes nothing. Targets count working time on the policy's calendar; bd is a working \
        day of that calendar (its average working hours). A target may differ by type or priority: \
        support=1h,implementation=4h or urgent=5h,high=1bd,normal=2bd; when both a type and a priority entry \
        match, the stricter counts.
        """,
      subcommands: [Add.self, List.self, Show.self, Edit.self, Remove.self])

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "add",
        abstract: "Add a policy (admins and leads).",
        discussion: """
          Examples:
            desk sla policy add by-type --calendar office --default \\
              --first-response support=1h,implementation=4h,development=2bd
            desk sla policy add vip --org "Fitness Pro" --first-response 30m \\
              --resolution 1bd --position 1
          """)
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The policy's name.") var name: String
      @OptionGroup var policy: PolicyOptions
      @Flag(name: .customLong("default"), help: "The policy that fills the targets that no other policy sets.") var isDefault = false
      @Flag(help: "List the open tickets whose targets would change, and change nothing.") var dryRun = false

      func run() throws {
        try SLARetargeting.check(global.output, dryRun: dryRun, policySchema)
        let (p, r) = try global.openDesk().policies.add(name, policy.changes(isDefault: isDefault ? true : nil), dryRun: dryRun)
        try r.report(global.output, dryRun: dryRun) {
          try policySchema.report(p, global.output, line: "policy \(p.name): added; \(r.summary)")
        }
      }
    }

    struct Edit: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "edit",
        abstract: "Change a policy (--position reorders); running timers follow at once.",
        discussion: """
          Example:
            desk sla policy edit vip --first-response 15m --position 1 --dry-run
          """)
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The policy.") var name: String
      @OptionGroup var policy: PolicyOptions
      @Flag(name: .customLong("default"), inversion: .prefixedNo, help: "Make it the default, or not.") var isDefault: Bool?
      @Flag(help: "List the open tickets whose targets would change, and change nothing.") var dryRun = false

      func run() throws {
        try SLARetargeting.check(global.output, dryRun: dryRun, policySchema)
        let (p, r) = try global.openDesk().policies.edit(name, policy.changes(isDefault: isDefault), dryRun: dryRun)
        try r.report(global.output, dryRun: dryRun) {
          try policySchema.report(p, global.output, line: "policy \(p.name): updated; \(r.summary)")
        }
      }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove a policy; its tickets get another.",
        discussion: """
          Example:
            desk sla policy rm old-vip --dry-run
          """,
        aliases: ["remove"])
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The policy.") var name: String
      @Flag(help: "List the open tickets whose targets would change, and change nothing.") var dryRun = false
      func run() throws {
        try SLARetargeting.check(global.output, dryRun: dryRun, removalSchema)
        let r = try global.openDesk().policies.remove(name, dryRun: dryRun)
        try r.report(global.output, dryRun: dryRun) {
          try removalSchema.report(Removal(kind: "policy", name: name), global.output, line: "policy \(name): removed; \(r.summary)")
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "list", abstract: "List the policies in order of precedence.", aliases: ["ls"])
      @OptionGroup var global: GlobalOptions
      func run() throws {
        try RecordWriter(policySchema, options: global.output).writeAll(try global.openDesk().policies.list())
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a policy.")
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The policy.") var name: String
      func run() throws {
        let p = try global.openDesk().policies.show(name)
        try policySchema.show(p, global.output)
      }
    }
  }
}
