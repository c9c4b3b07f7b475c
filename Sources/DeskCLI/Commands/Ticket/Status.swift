import ArgumentParser
import DeskCore

extension TicketCommand {
  struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assign",
      abstract: "Hand tickets to an agent, keeping their whole history.",
      discussion: """
        A new ticket becomes open when assigned.

        Examples:
          desk ticket assign 42 --to adelia
          desk ticket list --assignee none --type finance --format ids | \\
            desk ticket assign - --to me
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids, or - to read them from stdin.") var ids: [String]
    @Option(name: .customLong("to"), help: ArgumentHelp("An agent's login, me, or none to unassign.", valueName: "login"))
    var agent: String

    func run() throws {
      try global.output.check(outcomeSchema)
      let ids = try Input.ticketIDs(self.ids)
      try global.openDesk().tickets.assign(ids, to: agent).render(global.output)
    }
  }

  struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "solve",
      abstract: "Mark tickets solved, with a last public comment if one is given.",
      discussion: """
        Solving an already solved ticket succeeds and says so.

        Example:
          desk ticket solve 42 43 -m "Fixed in 2.3.1; write if it comes back."
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids, or - to read them from stdin.") var ids: [String]
    @OptionGroup var body: BodyOptions

    func run() throws {
      try global.output.check(outcomeSchema)
      let ids = try Input.ticketIDs(self.ids)
      let comment = body.body != nil || body.bodyFile != nil ? try body.read() : nil
      try global.openDesk().tickets.solve(ids, comment: comment).render(global.output)
    }
  }

  struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close",
      abstract: "Close solved tickets. A closed ticket is final.",
      discussion: """
        Only solved tickets close: a ticket is not closed before the customer had their say. Leads and \
        admins may --force an unsolved ticket closed (spam, duplicates).

        Examples:
          desk ticket close 42
          desk ticket close 57 --force    # spam: never solved
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids, or - to read them from stdin.") var ids: [String]
    @Flag(help: "Close even if not solved (leads and admins).") var force = false

    func run() throws {
      try global.output.check(outcomeSchema)
      let ids = try Input.ticketIDs(self.ids)
      try global.openDesk().tickets.close(ids, force: force).render(global.output)
    }
  }

  struct Reopen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Open solved, pending or on-hold tickets again.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids, or - to read them from stdin.") var ids: [String]

    func run() throws {
      try global.output.check(outcomeSchema)
      let ids = try Input.ticketIDs(self.ids)
      try global.openDesk().tickets.reopen(ids).render(global.output)
    }
  }
}
