import ArgumentParser
import DeskCore

extension TicketCommand {
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge",
      abstract: "Merge a ticket into another: its conversation moves, it is closed with a link.",
      discussion: """
        Example:
          desk ticket merge 43 --into 42
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket to merge away.") var source: String
    @Option(help: ArgumentHelp("The ticket that receives the conversation.", valueName: "id")) var into: String

    func run() throws {
      let source = try Input.ticketID(self.source)
      let target = try Input.ticketID(into)
      try global.output.check(ticketSchema)
      let (from, to) = try global.openDesk().tickets.merge(source, into: target)
      if global.output.isExplicit {
        try RecordWriter(ticketSchema, options: global.output).writeAll([to, from])
      } else {
        Terminal.write("ticket \(from.id): merged into \(to.id) and closed\n")
      }
    }
  }

  struct Link: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "link",
      abstract: "Link a ticket to another ticket or to a task in another tracker.",
      discussion: """
        Examples:
          desk ticket link 42 https://tracker.example.com/browse/DEV-981  # escalation
          desk ticket link 42 '#17'    # a related ticket, linked both ways
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket.") var id: String
    @Argument(help: "A URL or key in another tracker, or #N for a ticket of this desk.") var target: String

    func run() throws {
      try global.output.check(outcomeSchema)
      let outcome = try global.openDesk().tickets.link(try Input.ticketID(id), to: target)
      try outcome.render(global.output)
    }
  }

  struct Unlink: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unlink", abstract: "Remove a link made with ticket link.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket.") var id: String
    @Argument(help: "The link's target, as shown by ticket show.") var target: String

    func run() throws {
      try global.output.check(outcomeSchema)
      let outcome = try global.openDesk().tickets.unlink(try Input.ticketID(id), from: target)
      try outcome.render(global.output)
    }
  }
}
