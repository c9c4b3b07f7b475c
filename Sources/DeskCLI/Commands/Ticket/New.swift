import ArgumentParser
import DeskCore

extension TicketCommand {
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Open a ticket.",
      discussion: """
        The body is recorded as the customer's message when --customer is given (a request taken
        by phone, say), otherwise as a public message of the acting agent. A ticket with an
        assignee starts open, otherwise new.

        Examples:
          desk ticket new "Cannot export report" --customer anna@example.com --channel telegram -m "It hangs at 99%"
          desk ticket new "Salary import fails" --type implementation --priority high --assign adelia --json
        """,
      aliases: ["add", "create"])

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The subject: one line.") var subject: String
    @OptionGroup var body: BodyOptions
    @Option(help: ArgumentHelp("The customer: id, email, +phone, KIND:handle or account ID.", valueName: "customer"))
    var customer: String?
    @Option(help: "The channel it came from (email, telegram, phone, chat, widget, web, api).") var channel: String?
    @Option(help: "The type (topic): support, implementation, development, finance, or as configured.") var type: String?
    @Option(help: "low, normal, high or urgent.") var priority: TicketPriority = .normal
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
      let ticket = try desk.tickets.create(new)
      try ticketSchema.report(ticket, global.output, line: "ticket \(ticket.id): created (\(ticket.status.rawValue))")
    }
  }
}
