/// The words the shell reads itself, before desk's commands.
enum ShellVocabulary {
  /// Commands of the shell, not of desk.
  static let builtins = ["use", "help", "clear", "exit", "quit"]

  /// `show 42` is `ticket show 42`; given no id, these act on the ticket chosen with `use`.
  static let ticketCommands = ["show", "reply", "note", "assign", "set", "solve", "close", "reopen", "history", "merge"]

  /// A line's words as desk takes them: without a leading `desk`, and `ticket` before a ticket command.
  static func expand(_ words: [String]) -> [String] {
    var words = words
    if words.first == "desk" { words.removeFirst() }
    if let first = words.first, ticketCommands.contains(first) { words.insert("ticket", at: 0) }
    return words
  }
}
