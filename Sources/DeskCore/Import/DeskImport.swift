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
              try writer.write(try ImportRecord.decode(text), into: &counts)
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
      nextTicket = try Int64.fetchOne(
        db, sql: "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'ticket'), 0), coalesce((SELECT max(id) FROM ticket), 0)) + 1")!
      for row in try Row.fetchAll(db, sql: "SELECT login, id FROM agent") {
        agents[(row[0] as String).lowercased()] = row[1]
        logins[row[1]] = row[0]
      }
    }

    /// Completes the transaction's writes: its search index.
    func finish() throws {
      try write()
      try search.finish(db)
    }

    func write(_ o: ImportRecord, into counts: inout ImportCounts) throws {
      switch o.record.given {
      case "agent": try agent(o, &counts)
      case "customer": try customer(o, &counts)
      case "ticket": try ticket(o, &counts)
      default: throw DeskError.invalidInput("\"record\" must be agent, customer or ticket")
      }
    }

    private func agent(_ o: ImportRecord, _ counts: inout ImportCounts) throws {
      let login = try Agents.validLogin(try o.login.required("login"))
      let name = try Agents.validName(try o.name.optional("name") ?? login)
      let email = try EmailAddress.optional(try o.email.optional("email"))
      let role = try o.role.optional("role") ?? "agent"
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

    private func customer(_ o: ImportRecord, _ counts: inout ImportCounts) throws {
      let id = try self.id(o.id)
      let name = try Customers.validName(try o.name.required("name"))
      let email = try EmailAddress.optional(try o.email.optional("email"))
      let phone = try Customers.validPhone(try o.phone.optional("phone"))
      let organization = try Customers.validOrganization(try o.organization.optional("organization"))
      let language = try o.language.optional("language").map(TextRules.language)
      let accounts = try strings(o.accounts, "accounts").map(Customers.validAccount)
      let handles = try strings(o.handles, "handles").map(Customers.parseHandle)
      let created = try time(o.createdAt, "created_at") ?? now
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

    private func ticket(_ o: ImportRecord, _ counts: inout ImportCounts) throws {
      let id = try self.id(o.id)
      let subject = try TextRules.line(try o.subject.required("subject"), "the subject")
      let status = try o.status.optional("status") ?? "open"
      guard let ticketStatus = TicketStatus(rawValue: status) else { throw DeskError.invalidInput("status '\(status)' is not a ticket status") }
      let priority = try o.priority.optional("priority") ?? "normal"
      guard TicketPriority(rawValue: priority) != nil else { throw DeskError.invalidInput("priority '\(priority)' is not low, normal, high or urgent") }
      let type = try o.type.optional("type") ?? defaultType
      guard types.contains(type) else { throw DeskError.invalidInput("type '\(type)' is not one of ticket.types") }
      let channel = try self.channel(try o.channel.optional("channel") ?? "email")
      let customer = try customerID(o.customer)
      let assignee = try o.assignee.optional("assignee").map(agentID)
      let created = try time(o.createdAt, "created_at") ?? now
      var firstReply = try time(o.firstReplyAt, "first_reply_at")
      var last = created
      var messages: [(author: String, agent: Int64?, body: String, at: Timestamp, visibility: String, channel: String)] = []
      for case let m? in o.messages.given?.map(\.message) ?? [] {
        let author = try m.author.optional("author") ?? "customer"
        guard ["customer", "agent", "system"].contains(author) else { throw DeskError.invalidInput("author '\(author)' is not customer, agent or system") }
        let agent = author == "agent" ? try m.agent.optional("agent").map(agentID) ?? assignee : nil
        let visibility = try m.visibility.optional("visibility") ?? "public"
        guard visibility == "public" || visibility == "internal" else { throw DeskError.invalidInput("visibility '\(visibility)' is not public or internal") }
        let at = try time(m.createdAt, "created_at") ?? last
        if author == "agent", visibility == "public", firstReply == nil { firstReply = at }
        last = max(last, at)
        let messageChannel = try self.channel(try m.channel.optional("channel") ?? channel)
        messages.append((author, agent, try TextRules.body(try m.body.required("body"), maxBytes: maxBody), at, visibility, messageChannel))
      }
      switch o.messages {
      case .absent, .value: break
      case .null, .wrong: throw DeskError.invalidInput("\"messages\" must be a list")
      }
      let solved = try time(o.solvedAt, "solved_at") ?? (ticketStatus == .solved || ticketStatus == .closed ? last : nil)
      let closed = try time(o.closedAt, "closed_at") ?? (ticketStatus == .closed ? solved : nil)
      let updated = try time(o.updatedAt, "updated_at") ?? max(last, closed ?? solved ?? last)
      // Checked first, so that a bad line is refused even when its ticket is already here.
      if let id, try pendingTickets.contains(id) || Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM ticket WHERE id = ?"), arguments: [id]) == true {
        counts.skipped += 1
        return
      }
      let tags = try strings(o.tags, "tags").map(Tags.normalise)
      var rating: (level: Int, comment: String?, at: Timestamp?)?
      if case .absent = o.rating {
      } else {
        // Given, it must be an object with a score: null is refused too.
        guard let r = o.rating.given, let score = r.score.given, let level = ["bad": 1, "normal": 2, "great": 3][score] else {
          throw DeskError.invalidInput("\"rating\" must be {\"score\": \"bad|normal|great\", \"comment\": …, \"created_at\": …}")
        }
        rating = (level, try r.comment.optional("comment"), try time(r.createdAt, "created_at") ?? solved ?? updated)
      }
      // The number AUTOINCREMENT would give it: one past the largest there has ever been.
      let ticket = id ?? nextTicket
      nextTicket = max(nextTicket, ticket + 1)
      rows.tickets.add([ticket, subject, status, priority, type, channel, customer, assignee, created, updated, firstReply, solved, closed])
      pendingTickets.insert(ticket)
      pendingOrder.append(ticket)
      let names = try authorNames(customer)
      for m in messages {
        rows.messages.add([
          ticket, m.author, m.author == "customer" ? names : m.author == "agent" ? agentLogin(m.agent) : "desk", m.agent,
          m.author == "customer" ? customer : nil, m.visibility, m.channel, m.body, m.at,
        ])
      }
      for tag in tags { rows.tags.add([ticket, tag]) }
      // The moments reports read: when it was solved and closed, as status changes.
      rows.history.add([ticket, created, "import", "imported", nil, status])
      if let solved { rows.history.add([ticket, solved, "import", "status", "open", "solved"]) }
      if let closed { rows.history.add([ticket, closed, "import", "status", "solved", "closed"]) }
      if let rating {
        rows.ratings.add([ticket, customer, assignee, rating.level, rating.comment, rating.at, "import"])
        counts.ratings += 1
      }
      counts.tickets += 1
      counts.messages += messages.count
      if rows.tickets.count == rows.tickets.rowsPerStatement || rows.messages.count >= 4 * rows.messages.rowsPerStatement { try write() }
    }

    /// The rows of the tickets read since the last write, a table at a time, parents first.
    private struct Rows {
      var tickets = RowBuffer(
        into: "ticket",
        ["id", "subject", "status", "priority", "type", "channel", "customer_id", "assignee_id", "created_at", "updated_at",
         "first_reply_at", "solved_at", "closed_at"])
      var messages = RowBuffer(
        into: "message", ["ticket_id", "author_kind", "author_name", "agent_id", "customer_id", "visibility", "channel", "body", "created_at"])
      var tags = RowBuffer("INSERT OR IGNORE", into: "ticket_tag", ["ticket_id", "tag"])
      var history = RowBuffer(into: "history", ["ticket_id", "at", "actor", "field", "old_value", "new_value"])
      var ratings = RowBuffer(into: "rating", ["ticket_id", "customer_id", "agent_id", "score", "comment", "created_at", "created_by"])
    }
    private var rows = Rows()
    /// The tickets in `rows`, not yet in the table.
    private var pendingTickets: Set<Int64> = []
    private var pendingOrder: [Int64] = []
    private var nextTicket: Int64

    private func write() throws {
      try rows.tickets.write(db)
      for ticket in pendingOrder { try search.add(ticket: ticket, db) }
      pendingTickets.removeAll(keepingCapacity: true)
      pendingOrder.removeAll(keepingCapacity: true)
      try rows.messages.write(db)
      try rows.tags.write(db)
      try rows.history.write(db)
      try rows.ratings.write(db)
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
    private func customerID(_ value: ImportField<ImportRecord.CustomerReference>) throws -> Int64? {
      switch value {
      case .absent, .null: return nil
      case .value(.id(let n)):
        let given = try self.id(.value(n), "customer")!
        let id = renumbered.ids[given] ?? given
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM customer WHERE id = ?"), arguments: [id]) == true else {
          throw DeskError.notFound("no customer \(given)", hint: "import customers before their tickets")
        }
        return id
      case .value(.email(let email)):
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM customer WHERE email = ?"), arguments: [email]) else {
          throw DeskError.notFound("no customer '\(email)'", hint: "import customers before their tickets")
        }
        return id
      case .wrong: throw DeskError.invalidInput("\"customer\" must be an id or an email")
      }
    }

    /// One of ticket.channels (read once for the whole import).
    private func channel(_ name: String) throws -> String {
      guard channels.contains(name) else { throw DeskError.invalidInput("channel '\(name)' is not one of ticket.channels") }
      return name
    }

    /// A record's number, 1 to `DeskImport.maxID`.
    private func id(_ value: ImportField<Double>, _ key: String = "id") throws -> Int64? {
      switch value {
      case .absent, .null: return nil
      case .value(let n) where n >= 1 && n <= Double(DeskImport.maxID) && n.rounded() == n: return Int64(n)
      case .value, .wrong: throw DeskError.invalidInput("\"\(key)\" must be a whole number from 1 to \(DeskImport.maxID)")
      }
    }

    private func strings(_ value: ImportField<[String]>, _ key: String) throws -> [String] {
      if case .wrong = value { throw DeskError.invalidInput("\"\(key)\" must be a list of strings") }
      return value.given ?? []
    }

    private func time(_ value: ImportField<String>, _ key: String) throws -> Timestamp? {
      guard let text = try value.optional(key) else { return nil }
      guard let t = Timestamp(iso8601: text) else { throw DeskError.invalidInput("\"\(key)\": '\(text)' is not an ISO-8601 time") }
      return t
    }
  }
}
