import Foundation
import GRDB

/// Someone the team helps. One customer may hold several external account IDs ("cabinets")
/// and messenger handles, each unique to them.
public struct Customer: Sendable, Equatable {
  public var id: Int64
  public var name: String
  public var email: String?
  public var phone: String?
  public var organization: String?
  public var accountManager: String?
  public var handles: [String]  // "telegram:@anna"
  public var accounts: [String]
  public var language: String?
  public var createdAt: Timestamp
  public var updatedAt: Timestamp

  static let selectSQL = """
    SELECT c.id, c.name, c.email, c.phone, c.organization, m.login, c.created_at, c.updated_at,
      (SELECT group_concat(h, char(31)) FROM (SELECT kind || ':' || handle AS h FROM customer_handle WHERE customer_id = c.id ORDER BY kind, handle)),
      (SELECT group_concat(account, char(31)) FROM (SELECT account FROM customer_account WHERE customer_id = c.id ORDER BY account)),
      c.language
    FROM customer c LEFT JOIN agent m ON m.id = c.account_manager_id
    """

  init(row: Row) {
    id = row[0]
    name = row[1]
    email = row[2]
    phone = row[3]
    organization = row[4]
    accountManager = row[5]
    createdAt = row[6]
    updatedAt = row[7]
    handles = (row[8] as String?).map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
    accounts = (row[9] as String?).map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
    language = row[10]
  }
}

/// The fields of a customer to add or change. For edits, nil leaves a field alone and
/// `.some(nil)` clears it.
public struct CustomerChanges: Sendable {
  public var name: String?
  public var email: String??
  public var phone: String??
  public var organization: String??
  public var accountManager: String??
  /// The language templates are sent in (`en`, `ru`, `pt-br`).
  public var language: String??
  public var addHandles: [String] = []
  public var removeHandles: [String] = []
  public var addAccounts: [String] = []
  public var removeAccounts: [String] = []
  /// Take identifiers given here from the customers holding them (admins and leads), recorded with both.
  public var moveIdentifiers = false
  public init() {}
}

public struct Customers {
  let desk: Desk

  public func add(_ c: CustomerChanges) throws -> Customer {
    try desk.database.write { db in
      _ = try desk.actor(db)
      let id = try insert(db, name: c.name ?? "")
      try apply(db, id: id, c, actor: nil)
      return try fetch(db, id: id)
    }
  }

  public func edit(_ ref: String, _ c: CustomerChanges) throws -> Customer {
    try desk.database.write { db in
      let actor =
        c.moveIdentifiers ? try desk.actor(db, requiring: [.admin, .lead], to: "move identifiers between customers") : try desk.actor(db)
      let id = try resolve(db, ref).id
      if let name = c.name {
        try db.execute(
          sql: "UPDATE customer SET name = ? WHERE id = ?",
          arguments: [try Customers.validName(name), id])
      }
      try apply(db, id: id, c, actor: actor.login)
      try db.execute(sql: "UPDATE customer SET updated_at = ? WHERE id = ?", arguments: [desk.clock.now, id])
      return try fetch(db, id: id)
    }
  }

  public func show(_ ref: String) throws -> Customer {
    try desk.database.read { try resolve($0, ref) }
  }

  /// Streams customers, by name; `text` matches the start of a name or email, or a whole account ID.
  public func list(organization: String?, manager: String?, text: String?, limit: Int?, each: (Customer) throws -> Void) throws {
    var clauses = ["c.merged_into IS NULL"]
    var args: [any DatabaseValueConvertible] = []
    if let organization {
      clauses.append("c.organization = ? COLLATE NOCASE")
      args.append(organization)
    }
    if let manager {
      clauses.append("c.account_manager_id = (SELECT id FROM agent WHERE login = ?)")
      args.append(manager == "me" ? desk.login : manager)
    }
    if let text, !text.isEmpty {
      let prefix =
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
        .replacingOccurrences(of: "_", with: "\\_") + "%"
      clauses.append(
        """
        (c.name LIKE ? ESCAPE '\\' OR c.email LIKE ? ESCAPE '\\'
         OR c.id IN (SELECT customer_id FROM customer_account WHERE account = ?)
         OR c.id IN (SELECT customer_id FROM customer_handle WHERE handle = ?))
        """)
      args += [prefix, prefix, text, text]
    }
    var sql = Customer.selectSQL + " WHERE " + clauses.joined(separator: " AND ")
    sql += " ORDER BY c.name COLLATE NOCASE, c.id"
    if let limit { sql += " LIMIT \(max(0, limit))" }
    try desk.database.read { db in
      let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
      while let row = try rows.next() { try each(Customer(row: row)) }
    }
  }

  func fetch(_ db: Database, id: Int64) throws -> Customer {
    guard let row = try Row.fetchOne(db.cachedStatement(sql: Customer.selectSQL + " WHERE c.id = ?"), arguments: [id]) else {
      throw DeskError.notFound("no customer \(id)", hint: "desk customer list shows the customers there are")
    }
    return Customer(row: row)
  }

  /// Finds a customer by reference: `42` (id), `anna@example.com` (email), `+79991234567`
  /// (phone), `telegram:@anna` (messenger handle), `acct:100234` or a bare account ID.
  func resolve(_ db: Database, _ ref: String) throws -> Customer {
    guard let id = try find(db, ref) else {
      throw DeskError.notFound("no customer '\(ref)'", hint: "add one with desk customer add NAME, or see desk customer list")
    }
    return try fetch(db, id: id)
  }

  func find(_ db: Database, _ raw: String) throws -> Int64? {
    let ref = raw.trimmingCharacters(in: .whitespaces)
    if !ref.isEmpty, ref.allSatisfy({ $0.isASCII && $0.isNumber }) {
      // A customer merged into another is found as the other.
      return try Int64.fetchOne(db, sql: "SELECT coalesce(merged_into, id) FROM customer WHERE id = ?", arguments: [Int64(ref) ?? -1])
    }
    if let colon = ref.firstIndex(of: ":"), Names.isWord(ref[..<colon].lowercased()) {
      let kind = ref[..<colon].lowercased()
      let value = String(ref[ref.index(after: colon)...])
      if kind == "acct" || kind == "account" {
        return try Int64.fetchOne(db, sql: "SELECT customer_id FROM customer_account WHERE account = ?", arguments: [value])
      }
      if kind == "id" { return try find(db, value) }
      return try owner(db, kind == "email" ? .email(value) : kind == "phone" ? .phone(value) : .handle(kind: String(kind), value: value))
    }
    if ref.contains("@") { return try owner(db, .email(ref)) }
    if ref.hasPrefix("+") { return try owner(db, .phone(ref)) }
    return try Int64.fetchOne(db, sql: "SELECT customer_id FROM customer_account WHERE account = ?", arguments: [ref])
  }

  func insert(_ db: Database, name: String) throws -> Int64 {
    let name = try Customers.validName(name)
    let now = desk.clock.now
    try db.execute(
      sql: "INSERT INTO customer(name, created_at, updated_at) VALUES (?, ?, ?)", arguments: [name, now, now])
    return db.lastInsertedRowID
  }

  /// `actor` names who changes an existing customer, for its history; nil for a new one.
  func apply(_ db: Database, id: Int64, _ c: CustomerChanges, actor: String?) throws {
    let force = c.moveIdentifiers
    if let email = c.email {
      let value = try EmailAddress.optional(email)
      try setMain(db, id, "email", value.map { .email($0) }, force: force, actor: actor)
    }
    if let phone = c.phone {
      let value = try Customers.validPhone(phone)
      try setMain(db, id, "phone", value.map { .phone($0) }, force: force, actor: actor)
    }
    if let org = c.organization {
      try db.execute(
        sql: "UPDATE customer SET organization = ? WHERE id = ?", arguments: [try Customers.validOrganization(org), id])
    }
    if let manager = c.accountManager {
      let agentID = try manager.map { try desk.agents.assignable(db, $0).id }
      try db.execute(sql: "UPDATE customer SET account_manager_id = ? WHERE id = ?", arguments: [agentID, id])
    }
    if let language = c.language {
      try db.execute(sql: "UPDATE customer SET language = ? WHERE id = ?", arguments: [try language.map(TextRules.language), id])
    }
    for raw in c.addHandles {
      let handle = try CustomerIdentifier.handle(raw)
      if try !claim(db, handle, for: id, force: force, actor: actor) { try store(db, handle, for: id, actor: actor) }
    }
    for raw in c.removeHandles {
      let (kind, handle) = try Customers.parseHandle(raw)
      try db.execute(sql: "DELETE FROM customer_handle WHERE kind = ? AND handle = ? AND customer_id = ?", arguments: [kind, handle, id])
    }
    for raw in c.addAccounts {
      let account = try CustomerIdentifier.account(checking: raw)
      if try !claim(db, account, for: id, force: force, actor: actor) { try store(db, account, for: id, actor: actor) }
    }
    for raw in c.removeAccounts {
      try db.execute(sql: "DELETE FROM customer_account WHERE account = ? AND customer_id = ?", arguments: [raw, id])
    }
  }

  /// `telegram:@anna` → ("telegram", "@anna").
  static func parseHandle(_ raw: String) throws -> (String, String) {
    let parts = raw.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, Names.isWord(parts[0].lowercased()), !parts[1].isEmpty, parts[1].count <= 200,
      ["acct", "account", "id"].contains(parts[0].lowercased()) == false
    else {
      throw DeskError.invalidInput("'\(raw)' is not a handle; write KIND:HANDLE, e.g. telegram:@anna")
    }
    return (parts[0].lowercased(), parts[1])
  }

  static func validName(_ name: String) throws -> String {
    try TextRules.line(name, "the customer's name", maxCharacters: 200)
  }

  static func validAccount(_ account: String) throws -> String {
    try TextRules.line(account, "the account ID", maxCharacters: 100)
  }

  static func validOrganization(_ organization: String?) throws -> String? {
    try TextRules.optionalLine(organization, "the organisation")
  }

  /// A phone number as people write it: digits with spaces, dashes, dots and brackets, `+` first.
  static func validPhone(_ phone: String?) throws -> String? {
    guard let p = try TextRules.optionalLine(phone, "the phone") else { return nil }
    let digits = p.unicodeScalars.filter { ("0"..."9").contains($0) }.count
    let rest = p.hasPrefix("+") ? p.dropFirst() : Substring(p)
    let allowed = rest.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || " -().".unicodeScalars.contains($0) }
    guard allowed, (3...20).contains(digits), p.count <= 40 else {
      throw DeskError.invalidInput("the phone '\(p)' is not a phone number: use digits, spaces and - ( ) . with an optional leading +")
    }
    return p
  }
}
