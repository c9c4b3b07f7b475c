import ArgumentParser
import DeskCore

extension OutboxMessage.State: ArgumentChoice {}
extension DeliveryAdapter.Kind: ArgumentChoice {}

let outboxSchema = Schema<OutboxMessage>(
  fields: [
    Field("id") { .int($0.id) },
    Field("state") { .text($0.state.rawValue) },
    Field("event") { .text($0.event) },
    Field("audience") { .text($0.audience.rawValue) },
    Field("channel") { .text($0.channel) },
    Field("recipient") { Cell($0.recipient) },
    Field("recipient_name") { Cell($0.recipientName) },
    Field("ticket_id") { Cell($0.ticketID) },
    Field("message_id") { Cell($0.messageID) },
    Field("subject") { .text($0.subject) },
    Field("body") { .text($0.body) },
    Field("automatic") { .bool($0.automatic) },
    Field("attempts") { .int(Int64($0.attempts)) },
    Field("next_attempt_at") { .time($0.nextAttemptAt) },
    Field("last_error") { Cell($0.lastError) },
    Field("adapter") { Cell($0.adapter) },
    Field("created_at") { .time($0.createdAt) },
    Field("sent_at") { Cell($0.sentAt) },
  ],
  tableDefault: ["id", "state", "event", "channel", "recipient", "ticket_id", "attempts", "subject"],
  flexible: ["subject", "recipient"])

/// A message that `outbox retry` or `drop` looked at, and whether it changed.
struct OutboxChange {
  let message: OutboxMessage
  let changed: Bool
}

let outboxChangeSchema = Schema<OutboxChange>(
  fields: outboxSchema.fields(of: \OutboxChange.message) + [Field("changed") { .bool($0.changed) }],
  tableDefault: ["id", "state", "changed", "channel", "recipient", "ticket_id", "subject"])

let adapterSchema = Schema<DeliveryAdapter>(
  fields: [
    Field("channel") { .text($0.channel) },
    Field("kind") { .text($0.kind.rawValue) },
    Field("target") { .list($0.target) },
    Field("timeout") { .text(Duration(seconds: Int64($0.timeout)).compact) },
    Field("max_attempts") { .int(Int64($0.maxAttempts)) },
  ],
  tableDefault: ["channel", "kind", "target", "timeout", "max_attempts"], flexible: ["target"], idField: "channel")

struct OutboxCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "outbox",
    abstract: "Everything desk sends: replies to customers, notifications to agents and the team.",
    discussion: """
      Messages are written to the outbox in the same transaction as the change that caused them, and \
      delivered by desk cron (or desk outbox deliver) through the adapter configured for their channel: exec \
      (a command, the message as JSON on stdin), webhook (an HTTP POST of the JSON) or sendmail (an RFC 5322 \
      message). Notifications use the channel notify. With no adapter, messages stay queued and visible. A \
      failed delivery is retried with backoff (1m, 2m, 4m, … up to 1h) and kept with its error after the \
      last attempt.
      """,
    subcommands: [List.self, Show.self, Retry.self, Drop.self, Deliver.self, AdapterCommand.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the outbox, oldest first.",
      discussion: """
        Example:
          desk outbox list --state failed,queued --channel email
        """,
      aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only these: queued, sending, sent, failed, dropped.", valueName: "state,…")) var state: [String] = []
    @Option(help: "Only messages of this ticket.") var ticket: String?
    @Option(help: "Only this channel (notify for notifications).") var channel: String?
    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Print at most this many.", valueName: "n")) var limit: Int?

    func run() throws {
      var filter = Outbox.Filter()
      filter.states = try TicketCommand.List.values(state, OutboxMessage.State.self, "--state")
      filter.ticket = try ticket.map(Input.ticketID)
      filter.channel = channel
      filter.limit = limit
      let desk = try global.openDesk()
      let writer = try RecordWriter(outboxSchema, options: global.output)
      try desk.outbox.list(filter) { writer.write($0) }
      writer.finish()
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one message with its body.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The outbox message id.") var id: Int64
    func run() throws {
      let m = try global.openDesk().outbox.show(id)
      if global.output.isExplicit {
        try outboxSchema.write(one: m, global.output)
        return
      }
      let v = VisibleText.line
      var text = "outbox \(m.id)  \(m.state.rawValue)  \(v(m.event))\n"
      text += "to       \(m.recipientName.map(v) ?? "-") <\(m.recipient.map(v) ?? "-")> via \(v(m.channel))\n"
      if let t = m.ticketID { text += "ticket   \(t)\n" }
      text += "attempts \(m.attempts)" + (m.lastError.map { "   last error: \(v($0))" } ?? "") + "\n"
      text += "subject  \(v(m.subject))\n\n\(VisibleText.block(m.body))\n"
      Terminal.write(text)
    }
  }

  /// What `retry` and `drop` print: a line a message, or the messages with `changed` in the format asked for.
  static func render(_ results: [(OutboxMessage, Bool)], _ output: OutputOptions, line: (OutboxMessage, Bool) -> String) throws {
    if output.isExplicit {
      return try RecordWriter(outboxChangeSchema, options: output).writeAll(results.map { OutboxChange(message: $0.0, changed: $0.1) })
    }
    for (m, changed) in results { Terminal.write(line(m, changed) + "\n") }
  }

  struct Retry: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retry", abstract: "Queue failed or dropped messages again.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Outbox message ids.") var ids: [Int64]
    func run() throws {
      try global.output.check(outboxChangeSchema)
      try OutboxCommand.render(try global.openDesk().outbox.retry(ids), global.output) {
        "outbox \($0.id): \($1 ? "queued again" : "is \($0.state.rawValue), not retried")"
      }
    }
  }

  struct Drop: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "drop", abstract: "Give up on queued or failed messages; they stay in the list.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Outbox message ids.") var ids: [Int64]
    func run() throws {
      try global.output.check(outboxChangeSchema)
      try OutboxCommand.render(try global.openDesk().outbox.drop(ids), global.output) {
        "outbox \($0.id): \($1 ? "dropped" : "already dropped")"
      }
    }
  }

  struct Deliver: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deliver",
      abstract: "Deliver what is due now (desk cron does it too).",
      discussion: """
        Exits 69 when a delivery failed in this run (the message stays queued for a retry, or failed after its last attempt).

        Example:
          desk outbox deliver --dry-run
        """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Show what would be sent, send nothing.") var dryRun = false
    func run() throws {
      try global.output.check(cronSchema)
      let desk = try global.openDesk()
      let report = try desk.cron.deliverOnly(dryRun: dryRun)
      try report.render(global.output)
      try report.exitStatus()
    }
  }

  struct AdapterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "adapter",
      abstract: "How each channel's messages leave desk.",
      discussion: """
        Examples:
          desk outbox adapter set telegram exec -- \\
            /usr/local/bin/telegram-send --chat-mode
          desk outbox adapter set notify webhook --timeout 5s \\
            https://chat.example.com/hooks/support
          desk outbox adapter set email sendmail    # runs /usr/sbin/sendmail -i -t
          desk outbox adapter set email smtp smtps://mail.example.com:465 \\
            --user desk --password-file /etc/desk/smtp-password
          desk outbox adapter set '*' exec ./deliver.py   # every other channel
        """,
      subcommands: [Set.self, List.self, Remove.self])

    struct Set: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "set",
        abstract: "Set a channel's adapter (admins and leads; exec and a sendmail command of one's own: admins).",
        discussion: """
          A command's arguments that start with - go after --.

          smtp sends through a mail server: smtps://HOST[:PORT] (TLS from the start), or \
          smtp://HOST[:PORT] with STARTTLS required. --password-file must be readable by its \
          owner only (chmod 600); the password is never printed. A 4xx answer is retried with \
          the outbox's backoff; a 5xx answer fails the message with the server's text.

          Example:
            desk outbox adapter set telegram exec --timeout 5s -- \\
              /usr/local/bin/tg-send --chat-mode
          """
      )
      @OptionGroup var global: GlobalOptions
      @Argument(help: "A channel, notify, or * for any.") var channel: String
      @Argument(help: "The kind of adapter.") var kind: DeliveryAdapter.Kind
      @Argument(help: "The command and its arguments (after -- if they start with -), or the URL.") var target: [String] = []
      @Option(parsing: .unconditional, help: ArgumentHelp("How long one delivery may take (default 10s).", valueName: "duration")) var timeout: String?
      @Option(help: ArgumentHelp("Attempts before a message fails (default 5).", valueName: "n")) var attempts: Int?
      @Option(help: ArgumentHelp("smtp: the login name.", valueName: "name")) var user: String?
      @Option(help: ArgumentHelp("smtp: a file holding the password (mode 0600).", valueName: "file")) var passwordFile: String?
      @Option(help: ArgumentHelp("smtp: the certificates to trust, for a server with a private CA.", valueName: "file")) var caFile: String?

      func run() throws {
        try global.output.check(adapterSchema)
        let timeout = try self.timeout.map { raw -> DeskCore.Duration in
          guard let d = DeskCore.Duration(parsing: raw) else { throw DeskError.usage("--timeout: '\(raw)' is not a duration") }
          return d
        }
        let a = try global.openDesk().outbox.setAdapter(
          channel: channel, kind: kind, target: target, timeout: timeout, maxAttempts: attempts,
          smtp: SMTPOptions(user: user, passwordFile: passwordFile, caFile: caFile))
        if global.output.isExplicit {
          try adapterSchema.write(one: a, global.output)
        } else {
          Terminal.write("adapter \(a.channel): \(a.kind.rawValue) \(a.target.joined(separator: " "))\n")
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "list", abstract: "List the adapters.", aliases: ["ls"])
      @OptionGroup var global: GlobalOptions
      func run() throws {
        try RecordWriter(adapterSchema, options: global.output).writeAll(try global.openDesk().outbox.adapters())
      }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove a channel's adapter (one that runs a program: for admins).", aliases: ["remove"])
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The channel.") var channel: String
      func run() throws {
        try global.output.check(removalSchema)
        let removed = try global.openDesk().outbox.removeAdapter(channel: channel)
        try removalSchema.report(
          Removal(kind: "adapter", name: channel, removed: removed), global.output,
          line: "adapter \(channel): \(removed ? "removed" : "was not set")")
      }
    }
  }
}
