import ArgumentParser
import DeskCore

extension TicketCommand {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show",
      abstract: "Show a ticket's card: fields, people, the conversation with internal notes, files, earlier tickets.",
      discussion: """
        --json prints one object: the fields of `ticket list` plus customer, fields, links,
        participants, messages (with their attachment ids), attachments, earlier_tickets and sla (the timers, as in sla status).
        """,
      aliases: ["view", "card"])

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids.") var ids: [String]
    @Option(help: "How many of the customer's earlier tickets to show.") var earlier: Int = 10

    func run() throws {
      let ids = try Input.ticketIDs(self.ids)
      let desk = try global.openDesk()
      let cards = try ids.map { id -> (TicketCard, [SLAStatusRow]) in
        var timers: [SLAStatusRow] = []
        try desk.sla.status([id]) { timers.append($0) }
        return (try desk.tickets.card(id, earlier: max(0, earlier)), timers)
      }
      let format = global.output.resolvedFormat
      switch format {
      case .json, .jsonl:
        for (i, card) in cards.enumerated() {
          let object = CardView.json(card.0, sla: card.1)
          if format == .jsonl {
            Terminal.write(object.encoded + "\n")
          } else {
            Terminal.write((cards.count > 1 ? (i == 0 ? "[\n" : ",\n") : "") + object.encoded + (cards.count > 1 ? "" : "\n"))
          }
        }
        if format == .json, cards.count > 1 { Terminal.write("\n]\n") }
      case _ where !global.output.isExplicit || (format == .table && global.output.fields == nil):
        let style = Style(enabled: Terminal.useColor)
        let text = cards.map { CardView.text($0.0, sla: $0.1, style: style) }.joined(separator: "\n")
        Pager.start(forLines: text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }, disabled: global.output.noPager)
        Terminal.write(text)
      default:
        try RecordWriter(ticketSchema, options: global.output).writeAll(cards.map(\.0.ticket))
      }
    }
  }
}
