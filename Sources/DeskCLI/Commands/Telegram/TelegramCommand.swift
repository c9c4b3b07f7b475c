import ArgumentParser
import DeskCore
import Foundation

struct TelegramCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "telegram",
    abstract: "The Telegram bot: customers write to it, agents' replies go back through it.",
    discussion: """
      desk telegram connect takes a bot token from BotFather; desk telegram run (under systemd or \
      started by cron) takes every customer message in; desk outbox adapter set telegram telegram \
      sends agents' replies to the customer's chat. In the chat, /start asks for the customer's \
      cabinet (account) ID (telegram.start-text), then a menu offers Active requests, Profile \
      (cabinets: switch, add, log out) and New request (a topic from ticket.types). Every later \
      message, its photos, documents, voice messages, audio, video and captions, goes to the \
      customer's current request; an edited message is recorded on it too.
      """,
    subcommands: [Connect.self, Status.self, Run.self, Update.self])
}

let telegramOutcomeSchema = Schema<TelegramOutcome>(
  fields: [
    Field("update_id") { .int($0.updateID) },
    Field("outcome") { .text($0.kind.rawValue) },
    Field("ticket") { Cell($0.ticket) },
    Field("note") { Cell($0.note) },
  ],
  tableDefault: ["update_id", "outcome", "ticket", "note"], flexible: ["note"], idField: "update_id")

extension TelegramCommand {
  static let botSchema = Schema<Telegram.Bot>(
    fields: [
      Field("bot_id") { .int($0.id) },
      Field("username") { .text($0.username) },
      Field("api_url") { .text($0.apiURL) },
      Field("next_update") { .int($0.nextUpdate) },
      Field("connected_at") { .text($0.connectedAt.iso8601) },
      Field("connected_by") { .text($0.connectedBy) },
    ],
    tableDefault: ["username", "bot_id", "next_update", "connected_at", "connected_by"], flexible: ["api_url"], idField: "bot_id")

  struct Connect: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "connect",
      abstract: "Connect the bot whose token is in a file (admins).",
      discussion: """
        The token file holds the token BotFather gave on its first line and must be readable by its \
        owner only (chmod 600): the token is never an argument, never printed. desk checks it with \
        getMe, stores it in the database (whose mode is the boundary) and sets the bot's command \
        list. Connecting the same bot again keeps its place in the updates; another bot starts afresh.

        Example, after pasting the token into (umask 077; cat > /etc/desk/bot-token):
          desk telegram connect --token-file /etc/desk/bot-token
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The file holding the bot token.", valueName: "file")) var tokenFile: String
    @Option(help: ArgumentHelp("The Bot API server (https://; http:// only locally).", valueName: "url")) var apiURL: String?

    func run() throws {
      try global.output.check(botSchema)
      let bot = try global.openDesk().telegram.connect(tokenFile: tokenFile, apiURL: apiURL)
      if global.output.isExplicit {
        try botSchema.write(one: bot, global.output)
      } else {
        Terminal.write("connected @\(VisibleText.line(bot.username)) (bot \(bot.id))\n")
      }
    }
  }

  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status", abstract: "Show the connected bot and the next update it takes (never the token).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.output.check(botSchema)
      guard let bot = try global.openDesk().telegram.status() else {
        throw DeskError.configuration("no Telegram bot is connected", hint: "desk telegram connect --token-file FILE")
      }
      try botSchema.write(one: bot, global.output)
    }
  }

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Take customers' messages in from Telegram.",
      discussion: """
        Each update is taken in the same transaction that advances the stored offset: after a crash \
        or a restart none is lost or taken twice. One runner per desk (a lease in the database): a \
        second exits 75. SIGTERM or SIGINT stops it after the update in hand, within \
        --poll-timeout. Network failures and Telegram's 429 and 5xx are waited out (1 s, doubling \
        to 60 s) and named on stderr; -v prints a line per update. With --once it takes one batch \
        and exits.

        Example, under systemd (contrib/desk-telegram.service):
          desk telegram run -v

        Example, every minute from cron (a line of a crontab):
          * * * * *  DESK_DB=/srv/desk/desk.db /usr/local/bin/desk telegram run --once
        """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Take one batch of updates (waiting for it up to --poll-timeout), then exit.") var once = false
    @Option(help: ArgumentHelp("How long one long poll waits for updates (1s–50s, default 25s).", valueName: "duration"))
    var pollTimeout: String?
    @Flag(name: .shortAndLong, help: "Print a line for each update taken.") var verbose = false

    func run() throws {
      try global.output.check(telegramOutcomeSchema)
      let pollTimeout =
        try self.pollTimeout.map { raw -> DeskCore.Duration in
          guard let d = DeskCore.Duration(parsing: raw), (1...50).contains(d.seconds) else {
            throw DeskError.usage("--poll-timeout: '\(raw)' is not a duration between 1s and 50s")
          }
          return d
        } ?? DeskCore.Duration(seconds: 25)
      let desk = try global.openDesk()
      Stop.install()
      let json = [.json, .jsonl].contains(global.output.resolvedFormat)
      // One stream of records for the whole run (one JSON array, one CSV header), ended however the run ends.
      let records = global.output.isExplicit ? try RecordWriter(telegramOutcomeSchema, options: global.output) : nil
      defer { records?.finish() }
      let stop: () -> Bool = { Stop.requested }
      try desk.telegram.run(pollTimeout: Int(pollTimeout.seconds), once: once, stop: stop) { result in
        switch result {
        case .success(let outcome):
          if let records {
            records.write(outcome)
          } else if verbose {
            Terminal.write(Update.line(outcome))
          }
          fflush(stdout)
        case .failure(let error):
          DeskMain.report(error.prefixed("telegram: "), json: json)
        }
      }
    }
  }

  struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "update",
      abstract: "Take one update JSON on stdin (webhook mode: what Telegram POSTs).",
      discussion: """
        For a web server that receives the bot's webhook: pipe the request body in. An update taken \
        before is reported duplicate and changes nothing; one that is not a customer's message is \
        ignored; bad input is refused (and passed over). Exit 75 when a file could not be fetched \
        or the database is busy: answer Telegram with an error so that it sends the update again.
        """)
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.output.check(telegramOutcomeSchema)
      let data = FileHandle.standardInput.readDataToEndOfFile()
      // Telegram's updates are a few kilobytes; a megabyte is not one.
      guard data.count <= Update.maxBytes else { throw DeskError.invalidInput("standard input is larger than an update (1 MiB)") }
      let outcome = try global.openDesk().telegram.take(data)
      if global.output.isExplicit {
        try telegramOutcomeSchema.write(one: outcome, global.output)
      } else {
        Terminal.write(Update.line(outcome))
      }
    }

    static let maxBytes = 1 << 20

    /// `update 12: created ticket 5`.
    static func line(_ o: TelegramOutcome) -> String {
      var line = "update \(o.updateID): \(o.kind.rawValue)"
      if let t = o.ticket { line += " ticket \(t)" }
      if let note = o.note { line += " (\(note))" }
      return VisibleText.line(line) + "\n"
    }
  }
}

/// SIGTERM (systemd stopping the unit) and SIGINT ask `telegram run` to stop after the update in hand.
enum Stop {
  nonisolated(unsafe) private static var flag: sig_atomic_t = 0
  static var requested: Bool { flag != 0 }

  static func install() {
    for sig in [SIGTERM, SIGINT] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { _ in Stop.flag = 1 }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(sig, &action, nil)
    }
    // A runner started with them blocked (by a parent that blocks them in its threads) would never hear them.
    Interrupt.unblock([SIGTERM, SIGINT])
  }
}
