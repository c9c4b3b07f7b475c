import ArgumentParser
import DeskCore

extension TicketCommand {
  struct Reply: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reply",
      abstract: "Answer the customer on one or more tickets, in a public message.",
      discussion: """
        A new ticket becomes open. --status sets another status in the same step: pending when you asked the \
        customer something, solved when your answer settles the matter.

        Examples:
          desk ticket reply 42 -m "Fixed in 2.3.1, please update."
          desk ticket reply 42 --status pending --body-file answer.txt
          desk ticket reply 42 --template thanks
          desk ticket reply 42 --kb reset-password \\
            -m "This article walks you through it:"
          desk ticket list --tag outage --format ids | \\
            desk ticket reply - -m "We are on it."
        """,
      aliases: ["r"])

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids, or - to read them from stdin.") var ids: [String]
    @OptionGroup var body: BodyOptions
    @Option(help: "Set this status with the reply (open, pending, on-hold, solved).") var status: TicketStatus?
    @Option(name: .customLong("attach"), help: ArgumentHelp("Attach a file (repeatable).", valueName: "file"))
    var attachments: [String] = []
    @Option(help: ArgumentHelp("Send this template, filled in for each ticket, in the language of its customer.", valueName: "name"))
    var template: String?
    @Option(
      name: .customLong("kb"),
      help: ArgumentHelp(
        "Add a link to this published public article (repeatable), in the customer's language where it has one; needs kb.url.",
        valueName: "slug"))
    var articles: [String] = []

    func validate() throws {
      if template != nil, body.body != nil || body.bodyFile != nil { throw ValidationError("give a body or --template, not both") }
    }

    func run() throws {
      try global.output.check(outcomeSchema)
      let ids = try Input.ticketIDs(self.ids)
      let files = try Input.attachments(attachments)
      if let template {
        try global.openDesk().tickets.reply(ids, template: template, articles: articles, status: status, attachments: files).render(global.output)
        return
      }
      let text = articles.isEmpty ? try body.require("reply") : body.body != nil || body.bodyFile != nil ? try body.read() ?? "" : ""
      try global.openDesk().tickets.reply(ids, body: text, articles: articles, status: status, attachments: files).render(global.output)
    }
  }

  struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note",
      abstract: "Add an internal note: agents see it and the customer never does.",
      discussion: """
        Example:
          desk ticket note 42 -m "Customer is on the legacy plan, check with billing."
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids, or - to read them from stdin.") var ids: [String]
    @OptionGroup var body: BodyOptions
    @Option(name: .customLong("attach"), help: ArgumentHelp("Attach a file (repeatable).", valueName: "file"))
    var attachments: [String] = []

    func run() throws {
      try global.output.check(outcomeSchema)
      let ids = try Input.ticketIDs(self.ids)
      let text = try body.require("note")
      let desk = try global.openDesk()
      try desk.tickets.note(ids, body: text, attachments: try Input.attachments(attachments)).render(global.output)
    }
  }
}
