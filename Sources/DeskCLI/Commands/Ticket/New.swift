import ArgumentParser
import DeskCore

extension TicketCommand {
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new",
      abstract: "Open a ticket.",
      discussion: """
        The body is recorded as the customer's message when --customer is given (a request taken by phone, \
        say), otherwise as a public message of the acting agent. A ticket with an assignee starts open, \
        otherwise new.

        Routing rules (desk rule) run on the new ticket, but never change the assignee, type or priority \
        given here; what they did is printed ("routed to vika by rule pool"; in --json, "rules": [{"rule", \
        "field", "value"}]).

        Examples:
          desk ticket new "Cannot export report" --customer anna@example.com \\
            --channel telegram -m "It hangs at 99%"
          desk ticket new "Salary import fails" --type implementation \\
            --priority high --assign adelia --json
        """,
      aliases: ["add", "create"])

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The subject: one line.") var subject: String
    @OptionGroup var body: BodyOptions
    @Option(help: ArgumentHelp("The customer: an id, email, +phone, KIND:handle or account ID.", valueName: "customer"))
    var customer: String?
    @Option(help: "The channel it came from (email, telegram, phone, chat, widget, web, api).") var channel: String?
    @Option(help: "The type (topic): support, implementation, development, finance, or as configured.") var type: String?
    @Option(help: "low, normal, high or urgent (default normal).") var priority: TicketPriority?
    @Option(
      name: [.customLong("assign"), .customLong("assignee")], help: ArgumentHelp("Assign to an agent (login or me).", valueName: "login"))
    var assignee: String?
    @Option(name: .customLong("field"), help: ArgumentHelp("A custom field, KEY=VALUE (repeatable).", valueName: "key=value"))
    var fields: [String] = []
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []
    @Option(name: .customLong("link"), help: ArgumentHelp("A link to a task in another tracker (repeatable).", valueName: "url"))
    var links: [String] = []
    @Option(name: .customLong("attach"), help: ArgumentHelp("Attach a file (repeatable).", valueName: "file"))
    var attachments: [String] = []

    func run() throws {
      try global.output.check(createdTicketSchema)
      var new = NewTicket(subject: subject)
      new.customer = customer
      new.channel = channel
      new.type = type
      new.priority = priority
      new.assignee = assignee
      new.fields = try fields.map(TicketFields.parse)
      new.tags = tags
      new.links = links
      new.body = try body.read()
      new.attachments = try Input.attachments(attachments)
      let desk = try global.openDesk()
      let created = try desk.tickets.create(new)
      let ticket = created.ticket
      let effects = created.ruleEffects.map { e -> String in
        switch e.field {
        case "assignee": return "routed to \(e.value) by rule \(e.rule)"
        case "tag": return "tagged \(e.value) by rule \(e.rule)"
        default: return "\(e.field) \(e.value) by rule \(e.rule)"
        }
      }
      try createdTicketSchema.report(
        created, global.output,
        line: (["ticket \(ticket.id): created (\(ticket.status.rawValue))"] + effects).joined(separator: ", "))
    }
  }
}

/// A new ticket's fields, and `rules`: what routing rules did to it.
let createdTicketSchema = Schema<CreatedTicket>(
  fields: ticketSchema.fields(of: \CreatedTicket.ticket) + [
    Field("rules") { c in
      .json(
        .array(c.ruleEffects.map { .object([("rule", .string($0.rule)), ("field", .string($0.field)), ("value", .string($0.value))]) }))
    }
  ],
  tableDefault: ticketSchema.tableDefault, flexible: ticketSchema.flexible, idField: ticketSchema.idField)
