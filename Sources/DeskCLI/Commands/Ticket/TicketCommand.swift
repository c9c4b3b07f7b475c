import ArgumentParser
import DeskCore

struct TicketCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ticket",
    abstract: "Open, route, discuss, solve and close tickets.",
    subcommands: [
      New.self, List.self, Show.self, Reply.self, Note.self, Ingest.self, Assign.self, Set.self, Solve.self,
      Close.self, Reopen.self, Merge.self, Link.self, Unlink.self, History.self, Attach.self, AttachmentCommand.self,
    ],
    aliases: ["t", "tickets"])
}

extension TicketStatus: ArgumentChoice {}
extension TicketPriority: ArgumentChoice {}
extension AgentRole: ArgumentChoice {}

/// The fields of a ticket in every format; JSON keys are these names.
let ticketSchema = Schema<Ticket>(
  fields: [
    Field("id") { .int($0.id) },
    Field("subject") { .text($0.subject) },
    Field("status") { .text($0.status.rawValue) },
    Field("priority") { .text($0.priority.rawValue) },
    Field("type") { .text($0.type) },
    Field("channel") { .text($0.channel) },
    Field("customer_id") { Cell($0.customerID) },
    Field("customer_name") { Cell($0.customerName) },
    Field("assignee") { Cell($0.assigneeLogin) },
    Field("tags") { .list($0.tags) },
    Field("created_at") { .time($0.createdAt) },
    Field("updated_at") { .time($0.updatedAt) },
    Field("first_reply_at") { Cell($0.firstReplyAt) },
    Field("solved_at") { Cell($0.solvedAt) },
    Field("closed_at") { Cell($0.closedAt) },
    Field("follow_up_of") { Cell($0.followUpOf) },
    Field("merged_into") { Cell($0.mergedInto) },
    Field("sla_policy") { Cell($0.slaPolicy) },
    Field("sla_due_at") { Cell($0.slaDueAt) },
    Field("sla_left") { t in t.slaDueAt.map { .text(Display.left(until: $0)) } ?? .null },
  ],
  tableDefault: ["id", "status", "priority", "type", "assignee", "customer_name", "sla_left", "updated_at", "subject"],
  flexible: ["subject", "customer_name"], droppable: ["updated_at", "type", "priority"])

/// What tables measure relative times against: the desk's clock (DESK_NOW in tests).
enum Display {
  nonisolated(unsafe) static var now = Timestamp(seconds: 0)

  /// `3h left`, `overdue 20m`.
  static func left(until due: Timestamp) -> String {
    let d = due - now
    return d.seconds >= 0 ? "\(d.humane) left" : "overdue \(d.humane)"
  }
}

/// The result of a change to one ticket: the ticket's fields, then whether it changed and how.
let outcomeSchema = Schema<Tickets.Outcome>(
  fields: ticketSchema.fields(of: \Tickets.Outcome.ticket) + [
    Field("changed") { .bool($0.changed) },
    Field("result") { .text($0.summary) },
  ],
  tableDefault: ["id", "status", "assignee", "result", "subject"])

extension Tickets.Outcome {
  /// What a change to the one ticket a command names prints: its line, or the record (in JSON an object).
  func render(_ output: OutputOptions) throws {
    try outcomeSchema.report(self, output, line: "ticket \(ticket.id): \(summary)")
  }
}

extension Array where Element == Tickets.Outcome {
  /// Prints what a change did: one line a ticket (and, for several, how many changed), or
  /// the records in the chosen format.
  func render(_ output: OutputOptions, verb: String = "changed") throws {
    if output.isExplicit {
      try RecordWriter(outcomeSchema, options: output).writeAll(self)
      return
    }
    for outcome in self {
      Terminal.write("ticket \(outcome.ticket.id): \(VisibleText.line(outcome.summary))\n")
    }
    if count > 1 { Terminal.write("\(verb) \(filter(\.changed).count) of \(count) tickets\n") }
  }
}
