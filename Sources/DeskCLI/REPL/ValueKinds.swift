import DeskCore

/// Which kind of database value a command's argument takes, for completion. The one table of
/// it: the REPL reads it, and shell completions (ArgumentParser's `CompletionKind.custom`) can.
///
/// - Parameters:
///   - commandPath: canonical subcommand names from the root, e.g. `["ticket", "assign"]`.
///   - argument: an option as written (`--assignee`), or a positional argument's name as the
///     command declares it (`ids`, `policy`).
/// - Returns: nil for free text, numbers, dates, files and values the command tree lists itself.
func valueKind(commandPath: [String], argument: String) -> CompletionValues.Kind? {
  let command = commandPath.joined(separator: " ")
  switch (command, argument) {
  // Options that mean the same everywhere they appear.
  case (_, "--as"), (_, "--assignee"), (_, "--assign"), (_, "--manager"), (_, "--agent"), (_, "--notify"), ("ticket assign", "--to"):
    return .agent
  case ("kb add", "--tag"), ("kb edit", "--tag"), ("kb list", "--tag"), ("kb export", "--tag"):
    return nil  // article tags, not ticket tags
  case (_, "--tag"), (_, "--untag"), (_, "--if-tag"), (_, "--add-tag"), ("tag merge", "--into"):
    return .tag
  case (_, "--template"), (_, "--reply-template"): return .template
  case (_, "--customer"), (_, "--if-customer"): return .customer
  case (_, "--view"): return .view
  case (_, "--kb"), (_, "--translation-of"): return .article
  case (_, "--calendar"): return .calendar
  case (_, "--ticket"), ("ticket merge", "--into"): return .ticket

  // Positional arguments.
  case ("ticket attachment get", _), ("ticket link", "target"), ("ticket unlink", "target"):
    return nil
  case ("ticket attachment list", "ticket"): return .ticket
  case _ where command.hasPrefix("ticket ") && ["ids", "id", "source"].contains(argument): return .ticket
  case ("sla status", "ids"), ("sla set", "id"), ("template render", "ticket"), ("kb suggest", "ticket"),
    ("rate give", "id"), ("rate request", "id"), ("rate exclude", "id"):
    return .ticket
  case ("sla set", "policy"), ("sla policy show", "name"), ("sla policy edit", "name"), ("sla policy rm", "name"):
    return .policy
  case ("sla calendar show", "name"), ("sla calendar edit", "name"), ("sla calendar rm", "name"): return .calendar
  case ("tag add", "words"), ("tag rm", "words"), ("tag rename", "old"), ("tag merge", "sources"), ("tag list", "pattern"),
    ("tag stats", "pattern"):
    return .tag
  case ("view show", "name"), ("view rm", "name"): return .view
  case ("template show", "name"), ("template edit", "name"), ("template render", "name"), ("template rm", "name"),
    ("autoreply set", "template"):
    return .template
  case ("kb show", "article"), ("kb edit", "article"), ("kb publish", "article"), ("kb unpublish", "article"),
    ("kb history", "article"), ("kb rm", "article"):
    return .article
  case ("customer show", "customer"), ("customer edit", "customer"): return .customer
  case ("agent show", "login"), ("agent edit", "login"), ("agent deactivate", "login"): return .agent
  default: return nil
  }
}

/// Words an argument takes besides (or instead of) database values, where the command tree
/// cannot list them itself: options that take lists (`--status open,pending`), `me` and `none`
/// beside agents' logins. Offered before the database's values.
func fixedValues(commandPath: [String], argument: String) -> [String] {
  switch (commandPath.joined(separator: " "), argument) {
  case (_, "--status"), (_, "--if-status"): return TicketStatus.allCases.map(\.rawValue)
  case (_, "--priority"), (_, "--if-priority"): return TicketPriority.allCases.map(\.rawValue)
  case (_, "--format"): return OutputFormat.allCases.map(\.rawValue)
  case ("ticket assign", "--to"): return ["me", "none"]
  default: return []
  }
}

extension CompletionValues.Kind {
  /// The heading of a group of such values: `tickets`, `policies`.
  var plural: String { self == .policy ? "policies" : rawValue + "s" }
}
