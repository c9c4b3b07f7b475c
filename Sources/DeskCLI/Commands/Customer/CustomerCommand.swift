import ArgumentParser
import DeskCore

struct CustomerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "customer",
    abstract: "The people the team helps: contacts, account IDs, organisation and account manager.",
    discussion: """
      A customer is named on the command line by id (42), email (anna@example.com), phone (+79991234567), \
      messenger handle (telegram:@anna) or account ID (acct:100234; a value that is not a number, an email, \
      a phone or a handle is also tried as an account ID).

      Each email, phone, handle and account ID belongs to one customer. A message that names a known \
      customer gives them every identifier it carries (a second email or phone is kept as a handle email:… \
      or phone:…); one that names two customers is refused, naming both: merge them with desk customer \
      merge, or move an identifier with desk customer edit --force.
      """,
    subcommands: [Add.self, List.self, Show.self, Edit.self, Merge.self],
    aliases: ["customers", "c"])
}

let customerSchema = Schema<Customer>(
  fields: [
    Field("id") { .int($0.id) },
    Field("name") { .text($0.name) },
    Field("email") { Cell($0.email) },
    Field("phone") { Cell($0.phone) },
    Field("organization") { Cell($0.organization) },
    Field("account_manager") { Cell($0.accountManager) },
    Field("handles") { .list($0.handles) },
    Field("accounts") { .list($0.accounts) },
    Field("language") { Cell($0.language) },
    Field("created_at") { .time($0.createdAt) },
    Field("updated_at") { .time($0.updatedAt) },
  ],
  tableDefault: ["id", "name", "email", "phone", "organization", "accounts"], flexible: ["name", "organization"])

/// Contact options shared by `customer add` and `customer edit`.
struct CustomerContactOptions: ParsableArguments {
  @Option(help: "Email address.") var email: String?
  @Option(help: "Phone number, e.g. +79991234567.") var phone: String?
  @Option(name: [.customLong("org"), .customLong("organization")], help: "Organisation.") var organization: String?
  @Option(name: .customLong("manager"), help: ArgumentHelp("The account manager (an agent's login, or none).", valueName: "login"))
  var manager: String?
  @Option(name: .customLong("handle"), help: ArgumentHelp("A messenger handle, KIND:HANDLE (repeatable).", valueName: "kind:handle"))
  var handles: [String] = []
  @Option(name: .customLong("account"), help: ArgumentHelp("An external account ID (repeatable).", valueName: "id"))
  var accounts: [String] = []
  @Option(help: ArgumentHelp("The language templates are sent in: en, ru, uk, pt-br… (none to clear).", valueName: "code"))
  var language: String?

  func apply(to c: inout CustomerChanges) {
    if let email { c.email = .some(email.isEmpty || email == "none" ? nil : email) }
    if let phone { c.phone = .some(phone.isEmpty || phone == "none" ? nil : phone) }
    if let organization { c.organization = .some(organization.isEmpty || organization == "none" ? nil : organization) }
    if let manager { c.accountManager = .some(manager.isEmpty || manager == "none" ? nil : manager) }
    if let language { c.language = .some(language.isEmpty || language == "none" ? nil : language) }
    c.addHandles = handles
    c.addAccounts = accounts
  }
}

extension CustomerCommand {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add",
      abstract: "Add a customer.",
      discussion: """
        Example:
          desk customer add "Anna Petrova" --email anna@example.com \\
            --handle telegram:@anna --account 100234 --org "Fitness Pro"
        """,
      aliases: ["new"])
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's name.") var name: String
    @OptionGroup var contact: CustomerContactOptions

    func run() throws {
      try global.output.check(customerSchema)
      var changes = CustomerChanges()
      changes.name = name
      contact.apply(to: &changes)
      let customer = try global.openDesk().customers.add(changes)
      try customerSchema.report(customer, global.output, line: "customer \(customer.id): added (\(customer.name))")
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit",
      abstract: "Change a customer. Give none (or an empty value) to clear a field.",
      discussion: """
        Example:
          desk customer edit anna@example.com --account 100777 \\
            --remove-handle telegram:@old
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer.") var customer: String
    @Option(help: "A new name.") var name: String?
    @OptionGroup var contact: CustomerContactOptions
    @Option(name: .customLong("remove-handle"), help: ArgumentHelp("Remove a handle (repeatable).", valueName: "kind:handle"))
    var removeHandles: [String] = []
    @Option(name: .customLong("remove-account"), help: ArgumentHelp("Remove an account ID (repeatable).", valueName: "id"))
    var removeAccounts: [String] = []
    @Flag(help: "Take an email, phone, handle or account ID given here from the customer holding it (admins and leads; this is recorded).")
    var force = false

    func run() throws {
      try global.output.check(customerSchema)
      var changes = CustomerChanges()
      changes.name = name
      contact.apply(to: &changes)
      changes.removeHandles = removeHandles
      changes.removeAccounts = removeAccounts
      changes.moveIdentifiers = force
      let updated = try global.openDesk().customers.edit(customer, changes)
      try customerSchema.report(updated, global.output, line: "customer \(updated.id): updated")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List customers by name.",
      discussion: """
        Example:
          desk customer list --org "Fitness Pro" --limit 20
        """, aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    @Option(name: [.customLong("org"), .customLong("organization")], help: "Only this organisation.") var organization: String?
    @Option(name: .customLong("manager"), help: ArgumentHelp("Only customers of this account manager (or me).", valueName: "login"))
    var manager: String?
    @Option(help: "Name or email starting with this, or this exact account ID or handle.") var text: String?
    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Print at most this many.", valueName: "n")) var limit: Int?

    func run() throws {
      let desk = try global.openDesk()
      let writer = try RecordWriter(customerSchema, options: global.output)
      try desk.customers.list(organization: organization, manager: manager, text: text, limit: limit) { writer.write($0) }
      writer.finish()
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show",
      abstract: "Show a customer, their tickets and the history of their identifiers (added, moved, merged).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer.") var customer: String

    func run() throws {
      let format = global.output.resolvedFormat
      if format == .json || format == .jsonl {
        try global.output.check(shownCustomerSchema)
      } else {
        try global.output.check(customerSchema)
      }
      let desk = try global.openDesk()
      let c = try desk.customers.show(customer)
      var filter = TicketFilter()
      filter.statuses = TicketStatus.allCases
      filter.customer = "\(c.id)"
      filter.sort = .created
      if format == .table, global.output.fields == nil {
        let style = Style(enabled: Terminal.useColor)
        let v = VisibleText.line
        Terminal.write(style.bold(v(c.name)) + style.dim("  [customer \(c.id)]") + "\n")
        for (label, value) in [
          ("email", c.email), ("phone", c.phone), ("organization", c.organization),
          ("manager", c.accountManager),
        ] {
          if let value { Terminal.write(style.dim(label.padding(toLength: 13, withPad: " ", startingAt: 0)) + v(value) + "\n") }
        }
        for h in c.handles { Terminal.write(style.dim("handle       ") + v(h) + "\n") }
        for a in c.accounts { Terminal.write(style.dim("account      ") + v(a) + "\n") }
        Terminal.write("\n" + style.bold("tickets") + "\n")
        try desk.tickets.list(filter) { t in
          Terminal.write("  #\(t.id)  \(StatusStyle.paint(t.status, style))  \(t.createdAt.localShort)  \(v(t.subject))\n")
        }
        let history = try desk.customers.history(c.id)
        if !history.isEmpty { Terminal.write("\n" + style.bold("history") + "\n") }
        for e in history {
          let change = [e.oldValue, e.newValue].map { $0 ?? "-" }.joined(separator: " → ")
          Terminal.write("  \(e.at.localShort)  \(v(e.actor))  \(e.field): \(v(change))\n")
        }
      } else if format == .json || format == .jsonl {
        var tickets: [Ticket] = []
        try desk.tickets.list(filter) { tickets.append($0) }
        let shown = ShownCustomer(customer: c, tickets: tickets, history: try desk.customers.history(c.id))
        try shownCustomerSchema.write(one: shown, global.output)
      } else {
        try RecordWriter(customerSchema, options: global.output).writeAll([c])
      }
    }
  }
}

/// A customer with their tickets and the history of their identifiers: what `customer show` prints in JSON.
struct ShownCustomer {
  let customer: Customer
  let tickets: [Ticket]
  let history: [CustomerEvent]
}

/// The fields of `customer list`, then `tickets` and `history`.
let shownCustomerSchema = Schema<ShownCustomer>(
  fields: customerSchema.fields(of: \ShownCustomer.customer) + [
    Field("tickets") { .json(.array($0.tickets.map(RecordJSON.ticket))) },
    Field("history") { shown in
      .json(
        .array(
          shown.history.map { e in
            .object([
              ("at", .string(e.at.iso8601)), ("actor", .string(e.actor)), ("field", .string(e.field)),
              ("old_value", e.oldValue.map(JSON.string) ?? .null), ("new_value", e.newValue.map(JSON.string) ?? .null),
            ])
          }))
    },
  ],
  tableDefault: customerSchema.tableDefault, flexible: customerSchema.flexible, idField: customerSchema.idField)
