import ArgumentParser
import Foundation

/// desk's commands as the command tree declares them: names, aliases and subcommands from
/// each command's configuration; a command's arguments from ArgumentParser's description of
/// it (the JSON of `--experimental-dump-help`), read the first time they are needed, as the
/// whole tree's takes more than a second. The REPL keeps no list of commands or flags of its own.
struct CommandTree {
  /// A command: its names, its subcommands and, once asked, its arguments.
  final class Command {
    let type: ParsableCommand.Type
    let commandName: String
    let aliases: [String]
    let abstract: String
    let defaultSubcommand: String?
    /// The subcommands a person would type (hidden ones left out).
    let visibleSubcommands: [Command]

    init(_ type: ParsableCommand.Type) {
      let configuration = type.configuration
      self.type = type
      commandName = type._commandName
      aliases = configuration.aliases
      abstract = configuration.abstract
      defaultSubcommand = configuration.defaultSubcommand?._commandName
      visibleSubcommands = configuration.subcommands.filter { $0.configuration.shouldDisplay }.map(Command.init)
    }

    /// Positional arguments, options and flags; a command with subcommands takes none of its own.
    lazy var arguments: [Argument] = {
      guard visibleSubcommands.isEmpty else { return [] }
      let info = try? JSONDecoder().decode(ToolInfo.self, from: Data(type._dumpHelp().utf8))
      return info?.command.arguments ?? []
    }()
  }

  /// A positional argument, an option (which takes a value) or a flag.
  struct Argument: Decodable {
    enum Kind: String, Decodable {
      case positional, option, flag
    }
    struct Name: Decodable {
      var kind: String
      var name: String
    }
    var kind: Kind
    var names: [Name]?
    var valueName: String?
    var allValues: [String]?
    /// The help line, which shells that describe flags show beside them.
    var abstract: String?
    var isRepeating: Bool
    var shouldDisplay: Bool

    /// How the argument is written on a command line: `--assignee`, `-m`.
    var spellings: [String] {
      (names ?? []).map { name in
        switch name.kind {
        case "short", "longWithSingleDash": return "-" + name.name
        default: return "--" + name.name
        }
      }
    }

    /// The long spelling, else the short one: the name the value-kind table uses.
    var preferredSpelling: String? { spellings.first { $0.hasPrefix("--") } ?? spellings.first }
  }

  /// The part of ArgumentParser's ToolInfo JSON the REPL reads.
  private struct ToolInfo: Decodable {
    struct CommandInfo: Decodable {
      var arguments: [Argument]?
    }
    var command: CommandInfo
  }

  let root: Command

  /// desk's own tree.
  static let desk = CommandTree(root: DeskCommand.self)

  init(root: ParsableCommand.Type) {
    self.root = Command(root)
  }

  /// Where a line's words lead: the command they name and what follows it.
  struct Invocation {
    /// Canonical names from the root, e.g. `["ticket", "show"]`.
    var path: [String]
    var command: Command
    /// The command the words themselves named, before any default subcommand.
    var explicit: Command
    /// How many of the words named the command.
    var consumed: Int
  }

  /// Follows `words` down the tree by names and aliases; a command with a default
  /// subcommand (`desk rate 42 bad`) continues into it.
  func invocation(_ words: [String]) -> Invocation {
    var command = root
    var path: [String] = []
    var consumed = 0
    while consumed < words.count, let next = command.subcommand(named: words[consumed]) {
      command = next
      path.append(next.commandName)
      consumed += 1
    }
    let explicit = command
    while let name = command.defaultSubcommand, let next = command.subcommand(named: name) {
      command = next
      path.append(next.commandName)
    }
    return Invocation(path: path, command: command, explicit: explicit, consumed: consumed)
  }
}

extension CommandTree.Command {
  func subcommand(named word: String) -> CommandTree.Command? {
    visibleSubcommands.first { $0.type.isNamed(word) }
  }

  var positionals: [CommandTree.Argument] { arguments.filter { $0.kind == .positional } }

  /// Options and flags shown in help, in the order help shows them.
  var namedArguments: [CommandTree.Argument] { arguments.filter { $0.kind != .positional && $0.shouldDisplay } }

  func argument(spelled spelling: String) -> CommandTree.Argument? {
    arguments.first { $0.kind != .positional && $0.spellings.contains(spelling) }
  }

  /// Reads the words after the command: how many positional values they hold, and the option
  /// whose value the next word would be.
  func scan(_ words: [String]) -> (positionals: Int, pendingOption: CommandTree.Argument?) {
    var count = 0
    var pending: CommandTree.Argument?
    var afterTerminator = false
    for word in words {
      if pending != nil {
        pending = nil
      } else if afterTerminator || !word.hasPrefix("-") || word == "-" {
        count += 1
      } else if word == "--" {
        afterTerminator = true
      } else if word.hasPrefix("--"), word.contains("=") {
        continue
      } else if let argument = argument(spelled: word), argument.kind == .option {
        pending = argument
      }
    }
    return (count, pending)
  }

  /// The positional argument that the `index`th positional value fills; a repeating last one takes the rest.
  func positional(at index: Int) -> CommandTree.Argument? {
    let all = positionals
    if index < all.count { return all[index] }
    if let last = all.last, last.isRepeating { return last }
    return nil
  }
}
