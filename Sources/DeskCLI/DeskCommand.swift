import ArgumentParser
import DeskCore

/// `desk`: the root of the command tree.
public struct DeskCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "desk",
    abstract: "A helpdesk in the terminal: tickets, customers and agents in one SQLite file.",
    discussion: """
      Every command takes --db PATH (else $DESK_DB, else $XDG_DATA_HOME/desk/desk.db, the one database made \
      on first use; desk db init PATH makes any other) and --as LOGIN (else $DESK_AGENT, else your login \
      name). DESK_NOW=ISO-8601 fixes the clock for replaying and testing. Global options (--db, --as, \
      --format, --json, --fields) may come before the command, between its words or after it: desk --db \
      team.db ticket list.

      Exit status: 0 ok, 64 usage, 65 bad data or a change the ticket's state does not allow, 66 no such \
      ticket, customer, agent or database, 69 a delivery target unavailable, 73 cannot create an output \
      file, 74 database unreadable or damaged, 75 temporary: busy or disk full (try again), 77 permission \
      denied, 78 configuration error or a database newer than this desk. See desk(1).
      """,
    version: deskVersion,
    subcommands: [
      TicketCommand.self, TagCommand.self, ViewCommand.self, BroadcastCommand.self, RateCommand.self, ReportCommand.self, CustomerCommand.self, AgentCommand.self,
      SLACommand.self, TemplateCommand.self, RuleCommand.self, KBCommand.self,
      AutoreplyCommand.self, OutboxCommand.self, MailCommand.self, TelegramCommand.self, CronCommand.self,
      ConfigCommand.self, DBCommand.self, ShellCommand.self, CompletionCommand.self, CompleteCommand.self, VersionCommand.self,
    ])

  public init() {}
}

/// The root of a run whose first word names one of desk's commands: `DeskCommand`'s configuration
/// with that command alone beneath it, under a super-command name, the one configuration for which
/// ArgumentParser skips `checkForCompletionScriptRequest` (two more parsers built by reflection).
/// ArgumentParser builds its tree from the root's subcommands and searches it for every command
/// stack it forms, so one branch instead of desk's 21 saves about 2M instructions a run.
/// `DeskMain.parse` uses it only for runs that end in one of desk's commands; help, errors and
/// completion scripts come from `DeskCommand`.
struct ScriptlessRoot<First: ParsableCommand>: ParsableCommand {
  static var configuration: CommandConfiguration {
    var configuration = DeskCommand.configuration
    configuration.subcommands = [First.self]
    configuration._superCommandName = configuration.commandName
    return configuration
  }

  init() {}
}

extension ParsableCommand {
  /// Whether `word` names this command, by its name or an alias, as ArgumentParser matches them.
  static func isNamed(_ word: String) -> Bool { _commandName == word || configuration.aliases.contains(word) }
}

struct VersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "version", abstract: "Print desk's version.")
  @OptionGroup var output: OutputOptions

  func run() throws {
    let info = VersionInfo(version: deskVersion, sqlite: SQLiteInfo.libraryVersion)
    let schema = Schema<VersionInfo>(
      fields: [Field("version") { .text($0.version) }, Field("sqlite") { .text($0.sqlite) }],
      tableDefault: ["version", "sqlite"])
    if output.isExplicit {
      try schema.write(one: info, output)
    } else {
      Terminal.write("desk \(info.version) (SQLite \(info.sqlite))\n")
    }
  }

  struct VersionInfo {
    let version: String
    let sqlite: String
  }
}
