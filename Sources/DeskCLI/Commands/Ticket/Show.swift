import ArgumentParser
import DeskCore

extension TicketCommand {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show a ticket's card: fields, people, the conversation with internal notes, files, earlier tickets.",
      discussion: """
        --json prints one object: the fields of `ticket list` plus customer, fields, links,
        participants, messages (with their attachment ids), attachments and earlier_tickets.
        """,
      aliases: ["view", "card"])

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket ids.") var ids: [String]
    @Option(help: "How many of the customer's earlier tickets to show.") var earlier: Int = 10

    func run() throws {
      let desk = try global.openDesk()
      let ids = try Input.ticketIDs(self.ids)
      let cards = try ids.map { try desk.tickets.card($0, earlier: max(0, earlier)) }
      let format = global.output.resolvedFormat
      switch format {
      case .json, .jsonl:
        for (i, card) in cards.enumerated() {
          let object = CardView.json(card)
          if format == .jsonl {
            Terminal.write(object.encoded + "\n")
          } else {
            Terminal.write((cards.count > 1 ? (i == 0 ? "[\n" : ",\n") : "") + object.encoded + (cards.count > 1 ? "" : "\n"))
          }
        }
        if format == .json, cards.count > 1 { Terminal.write("\n]\n") }
      case _ where !global.output.isExplicit || (format == .table && global.output.fields == nil):
        for (i, card) in cards.enumerated() {
          if i > 0 { Terminal.write("\n") }
          Terminal.write(CardView.text(card, style: Style(enabled: Terminal.useColor)))
        }
      default:
        try RecordWriter(ticketSchema, options: global.output).writeAll(cards.map(\.ticket))
      }
    }
  }
}
