import DeskCore

/// What Tab offers for the text before the cursor: the shell's words and desk's commands,
/// subcommands and flags from the command tree, and values — ticket ids, tags, agents… from
/// the database by `valueKind`, fixed choices from the tree.
struct Completer {
  struct Candidate: Equatable {
    var value: String
    var description: String?
    /// What the candidate is, for shells that head groups (zsh): `commands`, `options`, `tickets`, `values`…
    var group: String? = nil
  }

  enum Offer: Equatable {
    case candidates([Candidate])
    /// A file name: the line editor completes it.
    case fileNames
  }

  /// Value names of arguments that take a path.
  static let fileValueNames: Set<String> = ["file", "files", "path", "dir", "directory"]

  let tree: CommandTree
  /// In the shell (`desk shell`) its own words and `show 42` come too; a login shell's
  /// completion (`desk __complete`) offers desk's commands only, and describes them and
  /// their flags (the shell's listing stays a plain list of words).
  var inShell = true
  let values: (CompletionValues.Kind, String) -> [Candidate]

  func offer(forLineBefore text: String) -> Offer {
    let scan = ShellWords.scan(text)
    // Inside quotes or after a backslash, what libedit takes for the word is not the word.
    guard scan.open == nil, scan.lastIsPlain else { return .candidates([]) }
    let current = scan.last ?? ""
    var words = scan.words
    if words.first == "desk" { words.removeFirst() }
    // `show 42` is `ticket show 42` in the shell, not in a login shell's `desk …`.
    if inShell { words = ShellVocabulary.expand(words) }

    if words.isEmpty {
      let words = (inShell ? ShellVocabulary.builtins + ShellVocabulary.ticketCommands : []).filter { $0.hasPrefix(current) }
      let all = subcommands(of: tree.root, prefix: current) + words.map { Candidate(value: $0, group: "commands") }
      return .candidates(all.sorted { $0.value < $1.value })
    }
    if inShell {
      switch words[0] {
      case "use": return words.count == 1 ? databaseValues(.ticket, prefix: current) : .candidates([])
      case "exit", "quit": return .candidates([])
      case "help":
        let invocation = tree.invocation(Array(words.dropFirst()))
        return .candidates(subcommands(of: invocation.explicit, prefix: current))
      default: break
      }
    }

    let invocation = tree.invocation(words)
    let command = invocation.command
    let rest = Array(words[invocation.consumed...])
    let (positionals, pending) = command.scan(rest)

    if let pending { return offer(for: pending, path: invocation.path, prefix: current) }
    if current.hasPrefix("--"), let equals = current.firstIndex(of: "=") {
      guard let option = command.argument(spelled: String(current[..<equals])), option.kind == .option else { return .candidates([]) }
      return offer(for: option, path: invocation.path, prefix: String(current[current.index(after: equals)...]))
    }
    if current.hasPrefix("-") { return .candidates(flags(of: command, given: rest, prefix: current)) }
    if rest.isEmpty, !invocation.explicit.visibleSubcommands.isEmpty {
      // A command with subcommands; with a default one (`rate 42 bad`) its first argument too.
      var offer = subcommands(of: invocation.explicit, prefix: current)
      if invocation.path.count > invocation.consumed, let first = command.positional(at: 0),
        case .candidates(let more) = self.offer(for: first, path: invocation.path, prefix: current)
      {
        offer += more
      }
      return .candidates(offer)
    }
    if let positional = command.positional(at: positionals) {
      let offer = offer(for: positional, path: invocation.path, prefix: current)
      if offer != .candidates([]) || !current.isEmpty { return offer }
    }
    return .candidates(current.isEmpty ? flags(of: command, given: rest, prefix: "--") : [])
  }

  /// Values for an option or positional argument: from the database, from the tree's list of
  /// choices, or file names.
  private func offer(for argument: CommandTree.Argument, path: [String], prefix: String) -> Offer {
    let name = argument.kind == .positional ? argument.valueName : argument.preferredSpelling
    let fixed = name.map { fixedValues(commandPath: path, argument: $0) } ?? []
    let words = (argument.allValues ?? fixed).filter { $0.hasPrefix(prefix) }.map { Candidate(value: $0, group: "values") }
    if let name, let kind = valueKind(commandPath: path, argument: name), case .candidates(let values) = databaseValues(kind, prefix: prefix) {
      return .candidates(words + values)
    }
    if argument.allValues != nil || !fixed.isEmpty { return .candidates(words) }
    if let valueName = argument.valueName, Self.fileValueNames.contains(valueName) { return .fileNames }
    return .candidates([])
  }

  /// Values from the database; a ticket typed as `#42` completes as `#42`.
  private func databaseValues(_ kind: CompletionValues.Kind, prefix: String) -> Offer {
    if kind == .ticket, prefix.hasPrefix("#") {
      return .candidates(
        values(kind, String(prefix.dropFirst())).map { Candidate(value: "#" + $0.value, description: $0.description, group: kind.plural) })
    }
    return .candidates(values(kind, prefix).map { Candidate(value: $0.value, description: $0.description, group: kind.plural) })
  }

  private func subcommands(of command: CommandTree.Command, prefix: String) -> [Candidate] {
    command.visibleSubcommands.filter { $0.commandName.hasPrefix(prefix) }.map {
      Candidate(value: $0.commandName, description: inShell ? nil : $0.abstract, group: "commands")
    }
  }

  /// Long flags (and short ones once `-` alone is typed), less those given already that cannot repeat.
  private func flags(of command: CommandTree.Command, given words: [String], prefix: String) -> [Candidate] {
    let given = Set(words.map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? $0 })
    var result: [Candidate] = []
    for argument in command.namedArguments {
      if !argument.isRepeating, argument.spellings.contains(where: given.contains) { continue }
      for spelling in argument.spellings where spelling.hasPrefix(prefix) && (spelling.hasPrefix("--") || !prefix.hasPrefix("--")) {
        result.append(Candidate(value: spelling, description: inShell ? nil : argument.abstract, group: "options"))
      }
    }
    return result
  }
}
