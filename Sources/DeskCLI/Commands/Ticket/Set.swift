import ArgumentParser
import DeskCore

extension TicketCommand {
  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set",
      abstract: "Change several fields of one or more tickets at once.",
      discussion: """
        All tickets change, or none do. Every change is recorded in the ticket's history, with who made it.

        A change that moves an SLA deadline later (a lower priority, a tag, a type, channel or customer that \
        picks a longer target) is recorded and reported to the leads. With sla.agents-may-change false, an \
        agent may do that only by a type change (a handover); anything else is refused (exit 77) and nothing \
        changes.

        Examples:
          desk ticket set 42 --type implementation --priority high
          desk ticket set 42 43 --status on-hold --field vendor_case=CASE-981 \\
            --tag waiting-vendor
          desk ticket set 42 --assignee none --untag vip --unset-field vendor_case
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids, or - to read them from stdin.") var ids: [String]
    @Option(help: "A new subject.") var subject: String?
    @Option(help: "open, pending, on-hold or solved (to close: desk ticket close).") var status: TicketStatus?
    @Option(help: "low, normal, high or urgent.") var priority: TicketPriority?
    @Option(help: "The type (topic).") var type: String?
    @Option(help: "The channel.") var channel: String?
    @Option(help: ArgumentHelp("The customer (or none).", valueName: "customer")) var customer: String?
    @Option(help: ArgumentHelp("An agent's login, me, or none.", valueName: "login")) var assignee: String?
    @Option(name: .customLong("field"), help: ArgumentHelp("Set a custom field (repeatable).", valueName: "key=value"))
    var fields: [String] = []
    @Option(name: .customLong("unset-field"), help: ArgumentHelp("Remove a custom field (repeatable).", valueName: "key"))
    var unsetFields: [String] = []
    @Option(name: .customLong("tag"), help: "Add a tag (repeatable).") var addTags: [String] = []
    @Option(name: .customLong("untag"), help: "Remove a tag (repeatable).") var removeTags: [String] = []

    func run() throws {
      try global.output.check(outcomeSchema)
      let ids = try Input.ticketIDs(self.ids)
      var changes = TicketChanges()
      changes.subject = subject
      changes.status = status
      changes.priority = priority
      changes.type = type
      changes.channel = channel
      changes.customer = customer
      changes.assignee = assignee
      changes.setFields = try fields.map(TicketFields.parse)
      changes.unsetFields = unsetFields
      changes.addTags = addTags
      changes.removeTags = removeTags
      try global.openDesk().tickets.set(ids, changes).render(global.output)
    }
  }
}
