import ArgumentParser
import DeskCore

struct SLACommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sla",
    abstract: "Service levels: business calendars, policies, live timers, audits.",
    discussion: """
      A policy sets targets (first response, next response, resolution) on a business calendar, and \
      conditions that pick it for a ticket. Each target is chosen on its own: the first policy by position \
      whose conditions match and that sets it; the default fills the rest. Timers count working time, pause \
      while a ticket is pending or on-hold, and keep their start when a ticket moves to another policy. desk \
      cron warns the assignee before each deadline and tells the leads of each breach. A breach stays a \
      breach: the timer keeps its due time, breached_at is the deadline itself (whenever desk notices), and \
      later pauses or target changes do not undo it.

      No quiet extra time: any change that moves a running deadline later (priority, tags, type, channel, \
      customer) is recorded in the ticket's history and reported to the leads. With sla.agents-may-change \
      false, agents may do that only by a type change (a handover); anything else is refused (exit 77).

      Examples:
        desk sla calendar add office --tz Europe/Moscow \\
          --hours 'mon-fri 10:00-19:00' --holiday 2026-12-31
        desk sla policy add by-type --calendar office --default \\
          --first-response support=1h,implementation=4h,development=2bd
        desk sla policy add classes --calendar office \\
          --resolution urgent=5h,high=1bd,normal=2bd
        desk sla status 42
      """,
    subcommands: [CalendarCommand.self, PolicyCommand.self, Status.self, Set.self])
}

let slaStatusSchema = Schema<SLAStatusRow>(
  fields: [
    Field("ticket_id") { .int($0.ticketID) },
    Field("target") { .text($0.timer.target.rawValue) },
    Field("policy") { Cell($0.policy) },
    Field("state") { .text($0.state.rawValue) },
    Field("goal") { .text($0.goal.compact) },
    Field("started_at") { .time($0.timer.startedAt) },
    Field("due_at") { Cell($0.timer.dueAt) },
    Field("business_left") { $0.businessLeft.map { .text($0.compact) } ?? .null },
    Field("wall_left") { $0.wallLeft.map { .text($0.compact) } ?? .null },
    Field("met_at") { Cell($0.timer.metAt) },
    Field("breached_at") { Cell($0.timer.breachedAt) },
    Field("warned_at") { Cell($0.timer.warnedAt) },
    Field("assignee") { Cell($0.assignee) },
    Field("subject") { .text($0.subject) },
  ],
  tableDefault: ["ticket_id", "target", "policy", "state", "goal", "due_at", "business_left", "wall_left", "subject"],
  idField: "ticket_id")

extension SLACommand {
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status",
      abstract: "The SLA timers of tickets: policy, due, time left (working and wall time) and state.",
      discussion:
        "Without ids: every running or paused timer of an unsolved ticket, soonest deadline first. States: running, paused, warned, met, breached."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids, or - to read them from stdin.") var ids: [String] = []

    func run() throws {
      let ids = self.ids.isEmpty ? nil : try Input.ticketIDs(self.ids)
      let desk = try global.openDesk()
      let writer = try RecordWriter(slaStatusSchema, options: global.output)
      try desk.sla.status(ids) { writer.write($0) }
      writer.finish()
    }
  }

  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set",
      abstract: "Set a ticket's SLA policy by hand, with a reason; the leads are told.",
      discussion: """
        The pinned policy comes first for that ticket's targets; the others fill what it does not set. The \
        change is recorded in the ticket's history and a notification goes to every lead ("agent X changed \
        the SLA of ticket Y from A to B: reason"). POLICY auto gives the choice back to the policies' \
        conditions. Leads can forbid this to agents: desk config set sla.agents-may-change false.

        Example:
          desk sla set 42 classes --reason "customer agreed to wait for the release"
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket.") var id: String
    @Argument(help: "A policy name, or auto.") var policy: String
    @Option(help: "Why (required).") var reason: String

    func run() throws {
      try global.output.check(outcomeSchema)
      let outcome = try global.openDesk().sla.set(try Input.ticketID(id), policy: policy, reason: reason)
      try outcome.render(global.output)
    }
  }
}
