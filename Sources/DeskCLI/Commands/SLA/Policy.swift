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
  flexible: "conditions", idField: "name")

/// The options that describe a policy, shared by `add` and `edit`.
struct PolicyOptions: ParsableArguments {
  @Option(help: "The business calendar (default 24x7).") var calendar: String?
  @Option(
    name: .customLong("first-response"),
    help: ArgumentHelp("Target: DURATION, or KEY=DURATION,… by type or priority (none removes it).", valueName: "target"))
  var firstResponse: String?
  @Option(name: .customLong("next-response"), help: ArgumentHelp("Target for each next response.", valueName: "target"))
  var nextResponse: String?
  @Option(help: ArgumentHelp("Target for resolution.", valueName: "target")) var resolution: String?
  @Option(
    name: .customLong("warn"), help: ArgumentHelp("Warn the assignee this long before a deadline (default 15m).", valueName: "duration"))
  var warn: String?
  @Option(
    name: .customLong("pause-on"),
    help: ArgumentHelp("Statuses that pause the timers (default pending,on-hold; none).", valueName: "statuses"))
  var pauseOn: String?
  @Option(name: .customLong("type"), help: ArgumentHelp("Only tickets of these types (repeatable or comma-separated).", valueName: "type"))
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
      abstract: "SLA policies: targets on a calendar, and the conditions that pick them.",
      discussion: """
        A ticket gets the first policy (by position) whose conditions all hold, else the default policy. Targets count working time on the policy's calendar; bd is a working day of that calendar (its average working hours). A target may differ by type or priority: support=1h,implementation=4h or urgent=5h,high=1bd,normal=2bd; when both a type and a priority entry match, the stricter counts.
        """,
      subcommands: [Add.self, List.self, Show.self, Edit.self, Remove.self])

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Add a policy (admins and leads).",
        discussion: """
          Examples:
            desk sla policy add by-type --calendar office --first-response support=1h,implementation=4h,development=2bd --default
            desk sla policy add vip --org "Fitness Pro" --first-response 30m --resolution 1bd --position 1
          """)
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The policy's name.") var name: String
      @OptionGroup var policy: PolicyOptions
      @Flag(name: .customLong("default"), help: "The policy for tickets no other policy picks.") var isDefault = false

      func run() throws {
        let p = try global.openDesk().policies.add(name, policy.changes(isDefault: isDefault ? true : nil))
        try policySchema.report(p, global.output, line: "policy \(p.name): added")
      }
    }

    struct Edit: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Change a policy; running timers follow at once.")
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The policy.") var name: String
      @OptionGroup var policy: PolicyOptions
      @Flag(name: .customLong("default"), inversion: .prefixedNo, help: "Make it the default, or not.") var isDefault: Bool?

      func run() throws {
        let p = try global.openDesk().policies.edit(name, policy.changes(isDefault: isDefault))
        try policySchema.report(p, global.output, line: "policy \(p.name): updated")
      }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove a policy; its tickets get another.", aliases: ["remove"])
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The policy.") var name: String
      func run() throws {
        try global.openDesk().policies.remove(name)
        Terminal.write("policy \(name): removed\n")
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "List the policies in order of precedence.", aliases: ["ls"])
      @OptionGroup var global: GlobalOptions
      func run() throws {
        try RecordWriter(policySchema, options: global.output).writeAll(try global.openDesk().policies.list())
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Show a policy.")
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The policy.") var name: String
      func run() throws {
        let p = try global.openDesk().policies.show(name)
        try policySchema.show(p, global.output)
      }
    }
  }
}
