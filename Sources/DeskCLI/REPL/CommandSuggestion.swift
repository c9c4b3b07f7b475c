import DeskCore

/// The words a person meant: `desk ticket lst` is most likely `desk ticket list`.
extension CommandTree {
  /// The error for `words` that name a command group and then a word that is none of its
  /// commands; nil when the words name a command, or the group runs a default subcommand.
  func unknownCommand(_ words: [String]) -> DeskError? {
    let invocation = invocation(words)
    let group = invocation.explicit
    guard invocation.consumed < words.count, !group.visibleSubcommands.isEmpty, group.defaultSubcommand == nil else { return nil }
    let word = words[invocation.consumed]
    let name = (["desk"] + invocation.path.prefix(invocation.consumed)).joined(separator: " ")
    let suggestion = group.closestSubcommand(to: word).map { "; did you mean '\($0.commandName)'?" } ?? ""
    return .usage("unknown command '\(word)' for '\(name)'\(suggestion)", hint: "see \(name) --help")
  }
}

extension CommandTree.Command {
  /// The subcommand whose name or alias is fewest edits from `word`, if two edits or fewer; the first such on a tie.
  func closestSubcommand(to word: String) -> CommandTree.Command? {
    let ranked = visibleSubcommands.map { command in
      (command, ([command.commandName] + command.aliases).map { editDistance(word, $0) }.min() ?? .max)
    }
    guard let best = ranked.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
    return best.0
  }
}

/// Levenshtein distance: the fewest insertions, deletions and substitutions that turn `a` into `b`.
func editDistance(_ a: String, _ b: String) -> Int {
  let b = Array(b)
  var previous = Array(0...b.count)
  for (i, x) in a.enumerated() {
    var current = [i + 1]
    for (j, y) in b.enumerated() {
      current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
    }
    previous = current
  }
  return previous[b.count]
}
