import GRDB

/// One way a customer is recognised: an email or phone (the first of each is the customer's
/// main one, in its column; further ones are kept as handles of kind `email` or `phone`), a
/// messenger handle, or an account ID. Each belongs to one customer at most.
enum CustomerIdentifier: Equatable {
  case email(String)
  case phone(String)
  case handle(kind: String, value: String)
  case account(String)

  /// `telegram:@anna`; `email:…` and `phone:…` name further emails and phones.
  static func handle(_ raw: String) throws -> CustomerIdentifier {
    let (kind, value) = try Customers.parseHandle(raw)
    switch kind {
    case "email": return .email(try EmailAddress(value).text)
    case "phone": return .phone(try Customers.validPhone(value) ?? value)
    default: return .handle(kind: kind, value: value)
    }
  }

  static func account(checking raw: String) throws -> CustomerIdentifier {
    .account(try Customers.validAccount(raw))
  }

  /// `the email anna@example.com`, for messages.
  var described: String {
    switch self {
    case .email(let v): return "the email \(v)"
    case .phone(let v): return "the phone \(v)"
    case .handle(let kind, let v): return "the handle \(kind):\(v)"
    case .account(let v): return "the account ID \(v)"
    }
  }

  /// The column of a main email or phone.
  var mainColumn: String? {
    switch self {
    case .email: return "email"
    case .phone: return "phone"
    case .handle, .account: return nil
    }
  }

  /// What customer history names it by: the field and the value.
  var recorded: (field: String, value: String) {
    switch self {
    case .email(let v): return ("email", v)
    case .phone(let v): return ("phone", v)
    case .handle(let kind, let v): return ("handle", "\(kind):\(v)")
    case .account(let v): return ("account", v)
    }
  }
}

extension Customers {
  /// The customer an identifier belongs to, as a main or a further email or phone.
  func owner(_ db: Database, _ identifier: CustomerIdentifier) throws -> Int64? {
    switch identifier {
    case .email(let v), .phone(let v):
      let column = identifier.mainColumn!
      return try Int64.fetchOne(
        db,
        sql: """
          SELECT id FROM customer WHERE \(column) = ?1 AND merged_into IS NULL
          UNION ALL SELECT customer_id FROM customer_handle WHERE kind = ?2 AND handle = ?1
          LIMIT 1
          """,
        arguments: [v, column])
    case .handle(let kind, let v):
      return try Int64.fetchOne(
        db, sql: "SELECT customer_id FROM customer_handle WHERE kind = ? AND handle = ?", arguments: [kind, v])
    case .account(let v):
      return try Int64.fetchOne(db, sql: "SELECT customer_id FROM customer_account WHERE account = ?", arguments: [v])
    }
  }

  /// Makes sure `identifier` may be `customer`'s: free, theirs already, or (with `force`) taken
  /// from its owner, which is recorded with both. Otherwise an error names both customers
  /// (`actor` is nil for a customer being added, which has no one to name yet).
  /// Returns whether the customer holds it already.
  func claim(_ db: Database, _ identifier: CustomerIdentifier, for customer: Int64, force: Bool, actor: String?) throws -> Bool {
    guard let other = try owner(db, identifier) else { return false }
    if other == customer { return true }
    guard let actor else { throw DeskError.invalidInput("\(identifier.described) belongs to customer \(other)") }
    guard force else {
      throw DeskError.invalidInput(
        "\(identifier.described) belongs to \(try label(db, other)), not to \(try label(db, customer))",
        hint: "move it with --force, or merge the customers: desk customer merge \(other) --into \(customer)")
    }
    try release(db, identifier, from: other)
    let (field, value) = identifier.recorded
    try record(db, other, actor: actor, field, from: value, to: "moved to customer \(customer)")
    return false
  }

  /// Adds an identifier the customer does not hold yet: an email or phone becomes the main
  /// one when the customer has none, a further one otherwise.
  func store(_ db: Database, _ identifier: CustomerIdentifier, for customer: Int64, actor: String?) throws {
    var stored = identifier
    switch identifier {
    case .email(let v), .phone(let v):
      let column = identifier.mainColumn!
      try db.execute(sql: "UPDATE customer SET \(column) = ? WHERE id = ? AND \(column) IS NULL", arguments: [v, customer])
      if db.changesCount == 0 {
        stored = .handle(kind: column, value: v)
        try db.execute(
          sql: "INSERT OR IGNORE INTO customer_handle(kind, handle, customer_id) VALUES (?, ?, ?)", arguments: [column, v, customer])
      }
    case .handle(let kind, let v):
      try db.execute(
        sql: "INSERT OR IGNORE INTO customer_handle(kind, handle, customer_id) VALUES (?, ?, ?)", arguments: [kind, v, customer])
    case .account(let v):
      try db.execute(sql: "INSERT OR IGNORE INTO customer_account(account, customer_id) VALUES (?, ?)", arguments: [v, customer])
    }
    if let actor {
      let (field, value) = stored.recorded
      try record(db, customer, actor: actor, field, from: nil, to: value)
    }
  }

  /// Takes an identifier away from a customer, main or further.
  func release(_ db: Database, _ identifier: CustomerIdentifier, from customer: Int64) throws {
    switch identifier {
    case .email(let v), .phone(let v):
      let column = identifier.mainColumn!
      try db.execute(sql: "UPDATE customer SET \(column) = NULL WHERE id = ? AND \(column) = ?", arguments: [customer, v])
      try db.execute(
        sql: "DELETE FROM customer_handle WHERE kind = ? AND handle = ? AND customer_id = ?", arguments: [column, v, customer])
    case .handle(let kind, let v):
      try db.execute(sql: "DELETE FROM customer_handle WHERE kind = ? AND handle = ? AND customer_id = ?", arguments: [kind, v, customer])
    case .account(let v):
      try db.execute(sql: "DELETE FROM customer_account WHERE account = ? AND customer_id = ?", arguments: [v, customer])
    }
  }

  /// `customer 2 (Eve)`.
  func label(_ db: Database, _ id: Int64) throws -> String {
    "customer \(id) (\(try String.fetchOne(db, sql: "SELECT name FROM customer WHERE id = ?", arguments: [id]) ?? "?"))"
  }
}

extension Customers {
  /// Makes `identifier` the customer's main email or phone (nil clears it); a further one of
  /// theirs becomes the main one. Recorded when `actor` is given.
  func setMain(
    _ db: Database, _ customer: Int64, _ column: String, _ identifier: CustomerIdentifier?, force: Bool, actor: String?
  ) throws {
    let old = try String.fetchOne(db, sql: "SELECT \(column) FROM customer WHERE id = ?", arguments: [customer])
    if let identifier {
      _ = try claim(db, identifier, for: customer, force: force, actor: actor)
      try release(db, identifier, from: customer)
    }
    let value = identifier?.recorded.value
    try db.execute(sql: "UPDATE customer SET \(column) = ? WHERE id = ?", arguments: [value, customer])
    if let actor, old?.lowercased() != value?.lowercased() { try record(db, customer, actor: actor, column, from: old, to: value) }
  }

  /// The customer a message's identifiers name, given every identifier they do not hold yet
  /// (recorded as `actor`); nil when none of them is known. Identifiers of two customers, or of
  /// another customer than `known`, are refused naming both: nothing is taken in.
  func recognise(_ db: Database, _ identifiers: [CustomerIdentifier], known: Int64?, actor: (Int64) -> String) throws -> Int64? {
    let owners = try identifiers.map { ($0, try owner(db, $0)) }
    let customer = known ?? owners.compactMap(\.1).min()
    guard let customer else { return nil }
    if let (identifier, other) = owners.first(where: { $0.1 != nil && $0.1 != customer }) {
      let why: String
      if known == nil, let (mine, _) = owners.first(where: { $0.1 == customer }) {
        why = "\(identifier.described) belongs to \(try label(db, other!)), \(mine.described) to \(try label(db, customer))"
      } else {
        why = "\(identifier.described) belongs to \(try label(db, other!)), not to \(try label(db, customer))"
      }
      throw DeskError.invalidInput(why, hint: "if they are one person: desk customer merge \(other!) --into \(customer)")
    }
    for (identifier, owner) in owners where owner == nil { try store(db, identifier, for: customer, actor: actor(customer)) }
    return customer
  }
}
