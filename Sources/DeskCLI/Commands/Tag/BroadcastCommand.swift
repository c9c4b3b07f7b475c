import ArgumentParser
import DeskCore
import Foundation

struct BroadcastCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "broadcast",
    abstract: "Tell every customer behind a tag, once each: the incident is fixed, the feature shipped.",
    discussion: """
      desk broadcast send renders the template for every customer with a tagged ticket and sends one message \
      per customer (three tagged tickets, on email and Telegram: one message), on the channel of the \
      customer's most recent tagged ticket unless --channel says which, recorded as a public reply on each \
      of their tagged tickets, through the outbox. The tag is then removed (--keep-tag keeps it); --solve \
      solves the tickets. Leads and admins only.

      Counts say customers and tickets apart: 50 tickets of 40 customers make 40 messages to send.

      The recipients are fixed when it starts, and each is sent in a transaction of its own: killed halfway, \
      the same command again (or desk broadcast resume ID) sends the rest, and nobody twice.

      Examples:
        desk broadcast send --tag outage-2026-11-24 --template outage-fixed \\
          --solve --dry-run
        desk broadcast send --tag wish-export --template export-shipped --yes
      """,
    subcommands: [Send.self, Resume.self, List.self, Show.self])

  static let schema = Schema<Broadcast>(
    fields: [
      Field("id") { .int($0.id) }, Field("tag") { .text($0.tag) }, Field("template") { .text($0.template) },
      Field("state") { .text($0.state) }, Field("recipients") { .int(Int64($0.recipients)) }, Field("sent") { .int(Int64($0.sent)) },
      Field("tickets") { .int(Int64($0.tickets)) }, Field("solve") { .bool($0.solve) }, Field("keep_tag") { .bool($0.keepTag) },
      Field("statuses") { .list($0.statuses.map(\.rawValue)) },
      Field("created_by") { .text($0.createdBy) }, Field("created_at") { .time($0.createdAt) },
      Field("finished_at") { Cell($0.finishedAt) },
    ],
    tableDefault: ["id", "tag", "template", "state", "recipients", "sent", "tickets", "created_by", "created_at"])

  static let recipientSchema = Schema<BroadcastRecipient>(
    fields: [
      Field("customer_id") { .int($0.customerID) }, Field("customer") { .text($0.customerName) }, Field("channel") { .text($0.channel) },
      Field("address") { Cell($0.address) }, Field("tickets") { .numbers($0.tickets) },
      Field("subject") { Cell($0.subject) }, Field("sent_at") { Cell($0.sentAt) }, Field("outbox_id") { Cell($0.outboxID) },
    ],
    tableDefault: ["customer_id", "customer", "channel", "address", "tickets", "subject"], flexible: ["subject", "customer", "address"], idField: "customer_id")

  /// What `broadcast show` prints in JSON: the broadcast's fields, then its `recipients`.
  struct Shown {
    let broadcast: Broadcast
    let recipients: [BroadcastRecipient]
  }

  static let shownSchema = Schema<Shown>(
    fields: schema.fields(of: \Shown.broadcast) + [Field("recipients") { .json(.array($0.recipients.map(recipientSchema.object))) }],
    tableDefault: schema.tableDefault)

  struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "send", abstract: "Send a template to every customer behind a tag.",
      discussion: """
        Example:
          desk broadcast send --tag wish-export --template export-shipped --yes
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The tag.") var tag: String
    @Option(help: "The template.") var template: String
    @Option(help: ArgumentHelp("Which statuses count (default: all but closed).", valueName: "status,…")) var status: [String] = []
    @Option(help: "Send every message on this channel (default: each customer's most recent tagged ticket's).")
    var channel: String?
    @Flag(help: "Solve the tickets too.") var solve = false
    @Flag(help: "Keep the tag on the tickets (it is removed otherwise).") var keepTag = false
    @Flag(help: "List exactly who would get what; send nothing.") var dryRun = false
    @Flag(help: "Do not ask for confirmation (needed when stdin is not a tty).") var yes = false

    func run() throws {
      if dryRun { try global.output.check(BroadcastCommand.recipientSchema) } else { try global.output.check(BroadcastCommand.schema) }
      let desk = try global.openDesk()
      let statuses = try TicketCommand.List.values(status, TicketStatus.self, "--status")
      let request = Broadcasts.Request(
        tag: tag, template: template, statuses: statuses.isEmpty ? Broadcasts.everyStatusButClosed : statuses,
        solve: solve, keepTag: keepTag, channel: channel)
      if dryRun || !yes {
        let plan = try desk.broadcasts.plan(request)
        if dryRun { return try RecordWriter(BroadcastCommand.recipientSchema, options: global.output).writeAll(plan) }
        let tickets = plan.reduce(0) { $0 + $1.tickets.count }
        guard Terminal.stdinIsTTY else {
          throw DeskError.usage(
            "broadcast send asks for confirmation",
            hint: "add --yes to send to \(plan.count) customers (\(tickets) tickets) without asking, or --dry-run to see them")
        }
        Terminal.writeError("Send \(template) to \(plan.count) customers on \(tickets) tickets tagged \(tag)? [y/N] ")
        guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
          Terminal.writeError("nothing sent\n")
          throw ExitCode(1)
        }
      }
      let b = try desk.broadcasts.send(request)
      try BroadcastCommand.schema.report(
        b, global.output, line: "broadcast \(b.id): sent to \(b.sent) of \(b.recipients) customers, \(b.tickets) tickets (\(b.state))")
    }
  }

  struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Finish a broadcast that was interrupted.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The broadcast.") var id: Int64
    func run() throws {
      try global.output.check(BroadcastCommand.schema)
      let b = try global.openDesk().broadcasts.resume(id)
      try BroadcastCommand.schema.report(
        b, global.output, line: "broadcast \(b.id): sent to \(b.sent) of \(b.recipients) customers, \(b.tickets) tickets (\(b.state))")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List broadcasts.", aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    func run() throws {
      try RecordWriter(BroadcastCommand.schema, options: global.output).writeAll(try global.openDesk().broadcasts.list())
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a broadcast and its recipients.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The broadcast.") var id: Int64
    func run() throws {
      let format = global.output.resolvedFormat
      let json = format == .json || format == .jsonl
      if json { try global.output.check(BroadcastCommand.shownSchema) } else { try global.output.check(BroadcastCommand.recipientSchema) }
      let (b, recipients) = try global.openDesk().broadcasts.show(id)
      if json { return try BroadcastCommand.shownSchema.write(one: Shown(broadcast: b, recipients: recipients), global.output) }
      if global.output.isExplicit { return try RecordWriter(BroadcastCommand.recipientSchema, options: global.output).writeAll(recipients) }
      Terminal.write(
        "broadcast \(b.id)  \(b.state)  tag \(b.tag)  template \(b.template)  by \(b.createdBy) at \(b.createdAt.localShort)\n")
      Terminal.write("sent to \(b.sent) of \(b.recipients) customers, \(b.tickets) tickets\n\n")
      try RecordWriter(BroadcastCommand.recipientSchema, options: global.output).writeAll(recipients)
    }
  }
}
