import ArgumentParser
import DeskCore

let historySchema = Schema<HistoryEntry>(
  fields: [
    Field("id") { .int($0.id) },
    Field("ticket_id") { .int($0.ticketID) },
    Field("at") { .time($0.at) },
    Field("actor") { .text($0.actor) },
    Field("field") { .text($0.field) },
    Field("from") { Cell($0.oldValue) },
    Field("to") { Cell($0.newValue) },
  ],
  tableDefault: ["at", "actor", "field", "from", "to"], flexible: ["to"])

extension TicketCommand {
  struct History: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history",
      abstract: "Every change to a ticket: who, when, what changed from what to what.",
      aliases: ["log"])

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket.") var id: String

    func run() throws {
      let id = try Input.ticketID(self.id)
      let desk = try global.openDesk()
      let writer = try RecordWriter(historySchema, options: global.output)
      try desk.tickets.history(id) { writer.write($0) }
      writer.finish()
    }
  }
}
