import ArgumentParser
import DeskCore

extension TicketCommand {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show",
      abstract: "Show a ticket's card: fields, people, the conversation with notes, files and earlier tickets.",
      discussion: """
        --json prints an array with one object a ticket, even for one id: the fields of `ticket list` plus \
        customer, fields, links, participants, messages (with their attachment ids), attachments, \
        earlier_tickets and sla (the timers, as in sla status); --fields picks among them.

        Example:
          desk ticket show 42 --earlier 3
        """,
      aliases: ["view", "card"])

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids.") var ids: [String]
    @Option(help: ArgumentHelp("How many of the customer's earlier tickets to show.", valueName: "n")) var earlier: Int = 10

    func run() throws {
      let format = global.output.resolvedFormat
      let json = format == .json || format == .jsonl
      if json { try global.output.check(cardSchema) } else { try global.output.check(ticketSchema) }
      let ids = try Input.ticketIDs(self.ids)
      let desk = try global.openDesk()
      let cards = try ids.map { id -> ShownCard in
        var timers: [SLAStatusRow] = []
        try desk.sla.status([id]) { timers.append($0) }
        return ShownCard(card: try desk.tickets.card(id, earlier: max(0, earlier)), sla: timers)
      }
      if json {
        try RecordWriter(cardSchema, options: global.output).writeAll(cards)
      } else if !global.output.isExplicit || (format == .table && global.output.fields == nil) {
        let style = Style(enabled: Terminal.useColor)
        let text = cards.map { CardView.text($0.card, sla: $0.sla, style: style) }.joined(separator: "\n")
        Pager.start(forLines: text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }, disabled: global.output.noPager)
        Terminal.write(text)
      } else {
        try RecordWriter(ticketSchema, options: global.output).writeAll(cards.map(\.card.ticket))
      }
    }
  }
}
