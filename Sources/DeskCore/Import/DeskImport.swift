import Foundation
import GRDB

/// What `desk db import` did.
public struct ImportCounts: Sendable, Equatable {
  public var agents = 0
  public var customers = 0
  public var tickets = 0
  public var messages = 0
  public var ratings = 0
  /// Records already in the desk (the same id, login or email), left as they are.
  public var skipped = 0
  public init() {}
}

/// `desk db import`: agents, customers and tickets with their conversations, one JSON object a
/// line, as another helpdesk exports them. Records are written as history, not as new work:
/// no rules, auto-replies, SLA timers or outbox messages. A record with an id (or an agent's
/// login, a customer's email or phone) that is already there is skipped, so an interrupted import can
/// simply be run again.
///
///     {"record":"agent","login":"adelia","name":"Adelia","role":"lead"}
///     {"record":"customer","id":7,"name":"Anna","email":"anna@example.com","language":"ru","accounts":["100234"]}
///     {"record":"ticket","id":42,"subject":"Export hangs","customer":7,"channel":"email","type":"support","status":"closed",
///      "assignee":"adelia","created_at":"2026-03-02T10:00:00Z","solved_at":"…","closed_at":"…","tags":["export"],
///      "messages":[{"author":"customer","body":"…","created_at":"…"},{"author":"agent","agent":"adelia","body":"…"}]}
public struct DeskImport {
  let desk: Desk

  /// The largest id a file may give: 2^53 - 1, the largest whole number every JSON reader keeps
  /// exact, and so far below SQLite's 2^63 - 1 that every later ticket, customer and message still
  /// finds a next number.
  public static let maxID: Int64 = 9_007_199_254_740_991

  /// Reads records from `lines` (one JSON object each; blank lines skipped). All of it is one
  /// transaction unless `batch` > 0, which commits every `batch` records.
  public func run(lines: some Sequence<(number: Int, text: Substring)>, batch: Int = 0) throws -> ImportCounts {
    var counts = ImportCounts()
    var iterator = lines.makeIterator()
    var done = false
    let renumbered = Renumbering()
    do {
      while !done {
        try desk.database.write { db in
          _ = try desk.actor(db, requiring: [.admin], to: "import data")
          // A larger page cache for this connection: a big import otherwise spills and rewrites
          // the same index pages over and over (measured: most of its time in the kernel).
          // 16 MB keeps the import's peak under 50 MB; 32 MB was 62 MB for 3% more speed.
          try db.execute(sql: "PRAGMA cache_size = -16000")
          let writer = try Writer(db: db, desk: desk, renumbered: renumbered)
          var n = 0
          while batch == 0 || n < batch {
            guard let (number, text) = iterator.next() else {
              done = true
              break
            }
            if text.allSatisfy(\.isWhitespace) { continue }
            Failpoint.hit("import.record")
            do {
              try writer.write(try Self.object(text), into: &counts)
            } catch let error as DeskError {
              throw error.prefixed("line \(number): ")
            }
            n += 1
          }
          try writer.finish()
          try Self.requireAdmin(db)
        }
      }
    } catch let error as DatabaseError {
      // A table or the schema gone under the import is damage (74) in one line, not SQL (1).
      throw AppDatabase.damage(error, path: desk.database.path) ?? error
    }
    return counts
  }

  /// Refuses an import that leaves agents but no active admin among them: nobody could administer the desk.
  static func requireAdmin(_ db: Database) throws {
    let row = try Row.fetchOne(
      db, sql: "SELECT count(*) AS agents, count(CASE WHEN role = 'admin' AND active = 1 THEN 1 END) AS admins FROM agent")!
    if (row["agents"] as Int) > 0, (row["admins"] as Int) == 0 {
      throw DeskError.invalidInput(
        "the import would leave the desk without an active admin",
        hint: "add an agent with \"role\":\"admin\" first in the file, or desk agent add LOGIN --role admin before importing")
    }
  }

  static func object(_ text: Substring) throws -> [String: Any] {
    guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
      throw DeskError.invalidInput("not a JSON object")
    }
    return object
  }

  /// Customers of the file already here (by email or phone) under another id: file id → desk id.
  /// One for the whole import, so that their tickets in a later batch follow them too.
  final class Renumbering {
    var ids: [Int64: Int64] = [:]
  }

  /// Writes records into one transaction, with its statements prepared once.
  final class Writer {
    let db: Database
    let desk: Desk
    let now: Timestamp
    let defaultType: String
    let channels: Set<String>
    let types: Set<String>
    let maxBody: Int
    private var agents: [String: Int64] = [:]
    private var logins: [Int64: String] = [:]
    private let renumbered: Renumbering
    private var search: DeferredSearchIndex

    init(db: Database, desk: Desk, renumbered: Renumbering) throws {
      self.db = db
      self.desk = desk
      self.renumbered = renumbered
      now = desk.clock.now
      defaultType = try desk.settings.value(db, "ticket.default-type")
      channels = Set(try desk.settings.list(db, "ticket.channels"))
      types = Set(try desk.settings.list(db, "ticket.types"))
      maxBody = try desk.settings.integer(db, "message.max-bytes")
      search = try DeferredSearchIndex(db)
      for row in try Row.fetchAll(db, sql: "SELECT login, id FROM agent") {
        agents[(row[0] as String).lowercased()] = row[1]
        logins[row[1]] = row[0]
      }
    }

    /// Completes the transaction's writes: its search index.
    func finish() throws { try search.finish(db) }

    func write(_ o: [String: Any], into counts: inout ImportCounts) throws {
      switch o["record"] as? String {
      case "agent": try agent(o, &counts)
      case "customer": try customer(o, &counts)
      case "ticket": try ticket(o, &counts)
      default: throw DeskError.invalidInput("\"record\" must be agent, customer or ticket")
      }
    }

    private func agent(_ o: [String: Any], _ counts: inout ImportCounts) throws {
      let login = try Agents.validLogin(try string(o, "login"))
      let name = try Agents.validName(try optional(o, "name") ?? login)
      let email = try EmailAddress.optional(try optional(o, "email"))
      let role = try optional(o, "role") ?? "agent"
      guard AgentRole(rawValue: role) != nil else { throw DeskError.invalidInput("role '\(role)' is not admin, lead or agent") }
      if agents[login.lowercased()] != nil {
        counts.skipped += 1
        return
      }
      try db.cachedStatement(
        sql: "INSERT INTO agent(login, name, email, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
      ).execute(arguments: [login, name, email, role, now, now])
      agents[login.lowercased()] = db.lastInsertedRowID
      logins[db.lastInsertedRowID] = login
      counts.agents += 1
    }

    private func customer(_ o: [String: Any], _ counts: inout ImportCounts) throws {
      let id = try self.id(o["id"])
      let name = try Customers.validName(try string(o, "name"))
      let email = try EmailAddress.optional(try optional(o, "email"))
      let phone = try Customers.validPhone(try optional(o, "phone"))
      let organization = try Customers.validOrganization(try optional(o, "organization"))
      let language = try (optional(o, "language") as String?).map(TextRules.language)
      let accounts = try strings(o, "accounts").map(Customers.validAccount)
      let handles = try strings(o, "handles").map(Customers.parseHandle)
      let created = try time(o, "created_at") ?? now
      if let id, try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM customer WHERE id = ?"), arguments: [id]) == true {
        counts.skipped += 1
        return
      }
      let existing =
        try email.flatMap { try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM customer WHERE email = ?"), arguments: [$0]) }
        ?? phone.flatMap { try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM customer WHERE phone = ? LIMIT 1"), arguments: [$0]) }
      if let existing {
        // The same person under another number here: their tickets follow them.
        if let id { renumbered.ids[id] = existing }
        counts.skipped += 1
        return
      }
      try db.cachedStatement(
        sql: "INSERT INTO customer(id, name, email, phone, organization, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
      ).execute(arguments: [id, name, email, phone, organization, language, created, now])
      let customer = db.lastInsertedRowID
      for account in accounts {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO customer_account(account, customer_id) VALUES (?, ?)").execute(arguments: [account, customer])
      }
      for (kind, handle) in handles {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO customer_handle(kind, handle, customer_id) VALUES (?, ?, ?)").execute(
          arguments: [kind, handle, customer])
      }
      counts.customers += 1
    }

    private func ticket(_ o: [String: Any], _ counts: inout ImportCounts) throws {
      let id = try self.id(o["id"])
      let subject = try TextRules.line(try string(o, "subject"), "the subject")
      let status = try optional(o, "status") ?? "open"
      guard let ticketStatus = TicketStatus(rawValue: status) else { throw DeskError.invalidInput("status '\(status)' is not a ticket status") }
      let priority = try optional(o, "priority") ?? "normal"
      guard TicketPriority(rawValue: priority) != nil else { throw DeskError.invalidInput("priority '\(priority)' is not low, normal, high or urgent") }
      let type = try optional(o, "type") ?? defaultType
      guard types.contains(type) else { throw DeskError.invalidInput("type '\(type)' is not one of ticket.types") }
      let channel = try self.channel(try optional(o, "channel") ?? "email")
      let customer = try customerID(o["customer"])
      let assignee = try (optional(o, "assignee") as String?).map(agentID)
      let created = try time(o, "created_at") ?? now
      var firstReply = try time(o, "first_reply_at")
      var last = created
      var messages: [(author: String, agent: Int64?, body: String, at: Timestamp, visibility: String, channel: String)] = []
      for case let m as [String: Any] in (o["messages"] as? [Any]) ?? [] {
        let author = try optional(m, "author") ?? "customer"
        guard ["customer", "agent", "system"].contains(author) else { throw DeskError.invalidInput("author '\(author)' is not customer, agent or system") }
        let agent = author == "agent" ? try (optional(m, "agent") as String?).map(agentID) ?? assignee : nil
        let visibility = try optional(m, "visibility") ?? "public"
        guard visibility == "public" || visibility == "internal" else { throw DeskError.invalidInput("visibility '\(visibility)' is not public or internal") }
        let at = try time(m, "created_at") ?? last
        if author == "agent", visibility == "public", firstReply == nil { firstReply = at }
        last = max(last, at)
        let messageChannel = try self.channel(try optional(m, "channel") ?? channel)
        messages.append((author, agent, try TextRules.body(try string(m, "body"), maxBytes: maxBody), at, visibility, messageChannel))
      }
      if (o["messages"] != nil && !(o["messages"] is [Any])) { throw DeskError.invalidInput("\"messages\" must be a list") }
      let solved = try time(o, "solved_at") ?? (ticketStatus == .solved || ticketStatus == .closed ? last : nil)
      let closed = try time(o, "closed_at") ?? (ticketStatus == .closed ? solved : nil)
      let updated = try time(o, "updated_at") ?? max(last, closed ?? solved ?? last)
      // Checked first, so that a bad line is refused even when its ticket is already here.
      if let id, try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM ticket WHERE id = ?"), arguments: [id]) == true {
        counts.skipped += 1
        return
      }
      try db.cachedStatement(
        sql: """
          INSERT INTO ticket(id, subject, status, priority, type, channel, customer_id, assignee_id, created_at, updated_at,
            first_reply_at, solved_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [id, subject, status, priority, type, channel, customer, assignee, created, updated, firstReply, solved, closed])
      let ticket = db.lastInsertedRowID
      try search.add(ticket: ticket, db)
      let names = try authorNames(customer)
      for m in messages {
        try db.cachedStatement(
          sql: """
            INSERT INTO message(ticket_id, author_kind, author_name, agent_id, customer_id, visibility, channel, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).execute(arguments: [
          ticket, m.author, m.author == "customer" ? names : m.author == "agent" ? agentLogin(m.agent) : "desk", m.agent,
          m.author == "customer" ? customer : nil, m.visibility, m.channel, m.body, m.at,
        ])
      }
      for tag in try strings(o, "tags") {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO ticket_tag(ticket_id, tag) VALUES (?, ?)").execute(arguments: [ticket, try Tags.normalise(tag)])
      }
      // The moments reports read: when it was solved and closed, as status changes.
      let history = try db.cachedStatement(sql: "INSERT INTO history(ticket_id, at, actor, field, old_value, new_value) VALUES (?, ?, 'import', ?, ?, ?)")
      try history.execute(arguments: [ticket, created, "imported", nil, status])
      if let solved { try history.execute(arguments: [ticket, solved, "status", "open", "solved"]) }
      if let closed { try history.execute(arguments: [ticket, closed, "status", "solved", "closed"]) }
      if let r = o["rating"] {
        guard let r = r as? [String: Any], let score = r["score"] as? String, let level = ["bad": 1, "normal": 2, "great": 3][score] else {
          throw DeskError.invalidInput("\"rating\" must be {\"score\": \"bad|normal|great\", \"comment\": …, \"created_at\": …}")
        }
        try db.cachedStatement(
          sql: "INSERT INTO rating(ticket_id, customer_id, agent_id, score, comment, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, 'import')"
        ).execute(arguments: [ticket, customer, assignee, level, try optional(r, "comment"), try time(r, "created_at") ?? solved ?? updated])
        counts.ratings += 1
      }
      counts.tickets += 1
      counts.messages += messages.count
    }

    private var customerNames: [Int64: String] = [:]
    private func authorNames(_ customer: Int64?) throws -> String {
      guard let customer else { return "customer" }
      if let name = customerNames[customer] { return name }
      let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM customer WHERE id = ?"), arguments: [customer]) ?? "customer"
      if customerNames.count > 10_000 { customerNames.removeAll() }
      customerNames[customer] = name
      return name
    }

    private func agentLogin(_ id: Int64?) -> String { id.flatMap { logins[$0] } ?? "agent" }

    private func agentID(_ login: String) throws -> Int64 {
      guard let id = agents[login.lowercased()] else { throw DeskError.notFound("no agent '\(login)'", hint: "import agents before their tickets") }
      return id
    }

    /// A customer given by id (a number) or email.
    private func customerID(_ value: Any?) throws -> Int64? {
      switch value {
      case nil, is NSNull: return nil
      case let n as NSNumber:
        let given = try self.id(n, "customer")!
        let id = renumbered.ids[given] ?? given
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM customer WHERE id = ?"), arguments: [id]) == true else {
          throw DeskError.notFound("no customer \(given)", hint: "import customers before their tickets")
        }
        return id
      case let email as String:
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM customer WHERE email = ?"), arguments: [email]) else {
          throw DeskError.notFound("no customer '\(email)'", hint: "import customers before their tickets")
        }
        return id
      default: throw DeskError.invalidInput("\"customer\" must be an id or an email")
      }
    }

    private func string(_ o: [String: Any], _ key: String) throws -> String {
      guard let value = try optional(o, key) as String? else { throw DeskError.invalidInput("\"\(key)\" is missing") }
      return value
    }

    private func optional(_ o: [String: Any], _ key: String) throws -> String? {
      switch o[key] {
      case nil, is NSNull: return nil
      case let s as String: return s
      default: throw DeskError.invalidInput("\"\(key)\" must be a string")
      }
    }

    /// One of ticket.channels (read once for the whole import).
    private func channel(_ name: String) throws -> String {
      guard channels.contains(name) else { throw DeskError.invalidInput("channel '\(name)' is not one of ticket.channels") }
      return name
    }

    /// A record's number, 1 to `DeskImport.maxID`.
    private func id(_ value: Any?, _ key: String = "id") throws -> Int64? {
      switch value {
      case nil, is NSNull: return nil
      case let n as NSNumber where n.doubleValue >= 1 && n.doubleValue <= Double(DeskImport.maxID) && Double(n.int64Value) == n.doubleValue:
        return n.int64Value
      default: throw DeskError.invalidInput("\"\(key)\" must be a whole number from 1 to \(DeskImport.maxID)")
      }
    }

    private func strings(_ o: [String: Any], _ key: String) throws -> [String] {
      switch o[key] {
      case nil, is NSNull: return []
      case let list as [String]: return list
      default: throw DeskError.invalidInput("\"\(key)\" must be a list of strings")
      }
    }

    private func time(_ o: [String: Any], _ key: String) throws -> Timestamp? {
      guard let text = try optional(o, key) else { return nil }
      guard let t = Timestamp(iso8601: text) else { throw DeskError.invalidInput("\"\(key)\": '\(text)' is not an ISO-8601 time") }
      return t
    }
  }
}
