import Foundation
import GRDB
import Mustache

/// A canned text with Mustache placeholders, in one language.
public struct MessageTemplate: Sendable {
  public var id: Int64
  public var name: String
  public var language: String
  public var subject: String
  public var body: String
  public var updatedAt: Timestamp

  static let selectSQL = "SELECT id, name, language, subject, body, updated_at FROM template"

  init(row: Row) {
    id = row[0]
    name = row[1]
    language = row[2]
    subject = row[3]
    body = row[4]
    updatedAt = row[5]
  }
}

/// A template filled in for one ticket.
public struct RenderedMessage: Sendable, Equatable {
  public var subject: String
  public var body: String
}

/// `desk template`: canned answers, acknowledgements and reminders.
public struct Templates {
  let desk: Desk

  /// Every placeholder a template may use. Anything else is refused when the template is saved.
  public static let placeholders = [
    "ticket.id", "ticket.subject", "ticket.status", "ticket.priority", "ticket.type", "ticket.channel",
    "customer.name", "customer.email", "customer.phone", "customer.organization",
    "agent.name", "agent.login", "agent.email", "channel", "due", "due_in", "links.ticket",
  ]

  public func add(name: String, language: String, subject: String, body: String) throws -> MessageTemplate {
    let name = try Templates.validName(name)
    let language = try TextRules.language(language)
    try Templates.check(subject, template: name, part: "subject")
    try Templates.check(body, template: name, part: "body")
    return try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "change templates")
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM template WHERE name = ? AND language = ?", arguments: [name, language]) == true {
        throw DeskError.invalidInput(
          "a template '\(name)' in \(language) already exists", hint: "change it with desk template edit \(name) --language \(language)")
      }
      let now = desk.clock.now
      try db.execute(
        sql: "INSERT INTO template(name, language, subject, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [name, language, subject, body, now, now])
      return try fetch(db, name: name, language: language)
    }
  }

  public func edit(name: String, language: String, subject: String?, body: String?) throws -> MessageTemplate {
    let language = try TextRules.language(language)
    if let subject { try Templates.check(subject, template: name, part: "subject") }
    if let body { try Templates.check(body, template: name, part: "body") }
    return try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "change templates")
      let t = try fetch(db, name: name, language: language)
      try db.execute(
        sql: "UPDATE template SET subject = ?, body = ?, updated_at = ? WHERE id = ?",
        arguments: [subject ?? t.subject, body ?? t.body, desk.clock.now, t.id])
      return try fetch(db, name: name, language: language)
    }
  }

  /// Removes one language of a template, or all of them. A template that a setting, rule or
  /// auto-reply uses keeps its last language unless `force`, which clears those uses too.
  public func remove(name: String, language: String?, force: Bool = false) throws -> (languages: Int, cleared: [String]) {
    try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin, .lead], to: "change templates")
      if let language {
        try db.execute(sql: "DELETE FROM template WHERE name = ? AND language = ?", arguments: [name, language])
      } else {
        try db.execute(sql: "DELETE FROM template WHERE name = ?", arguments: [name])
      }
      let removed = db.changesCount
      guard removed > 0 else { throw DeskError.notFound("no template '\(name)'", hint: "desk template list") }
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM template WHERE name = ?", arguments: [name]) == true { return (removed, []) }
      let cleared = try References.settle(try desk.references.template(db, name), of: "template '\(name)'", db, force: force)
      return (removed, cleared)
    }
  }

  public func list(each: (MessageTemplate) throws -> Void) throws {
    try desk.database.read { db in
      let rows = try Row.fetchCursor(db, sql: MessageTemplate.selectSQL + " ORDER BY name, language")
      while let row = try rows.next() { try each(MessageTemplate(row: row)) }
    }
  }

  public func show(name: String, language: String?) throws -> MessageTemplate {
    try desk.database.read { db in
      if let language { return try fetch(db, name: name, language: language) }
      return try pick(db, name: name, language: nil)
    }
  }

  /// Renders a template for a ticket, in its customer's language if there is one.
  public func render(name: String, ticket: Int64, language: String? = nil) throws -> RenderedMessage {
    try desk.database.read { db in
      let t = try Ticket.fetch(db, id: ticket)
      return try render(db, name: name, ticket: t, language: language, agentLogin: desk.login)
    }
  }

  func render(_ db: Database, name: String, ticket: Ticket, language: String? = nil, agentLogin: String?) throws -> RenderedMessage {
    let customer = try ticket.customerID.map { try desk.customers.fetch(db, id: $0) }
    let languageWanted =
      try language
      ?? ticket.customerID.flatMap {
        try String.fetchOne(db.cachedStatement(sql: "SELECT language FROM customer WHERE id = ?"), arguments: [$0])
      }
    let template = try pick(db, name: name, language: languageWanted)
    let context = try self.context(db, ticket: ticket, customer: customer, agentLogin: agentLogin)
    return RenderedMessage(
      subject: try compiled(template.subject, template: template.name, part: "subject").render(context),
      body: try compiled(template.body, template: template.name, part: "body").render(context))
  }

  /// `compile`, once per text for this desk.
  private func compiled(_ text: String, template name: String, part: String) throws -> MustacheTemplate {
    try desk.memo.template(text, name: name, part: part) { try Templates.compile(text, template: name, part: part) }
  }

  /// The values placeholders stand for.
  func context(_ db: Database, ticket t: Ticket, customer: Customer?, agentLogin: String?) throws -> [String: Any] {
    // The agent who sends it (a reply, a broadcast), else the assignee (acknowledgements, reminders).
    let agentRow = try (agentLogin ?? t.assigneeLogin).flatMap {
      try Row.fetchOne(db.cachedStatement(sql: "SELECT login, name, email FROM agent WHERE login = ?"), arguments: [$0])
    }
    var due = ""
    var dueIn = ""
    if let row = try Row.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT s.due_at, p.calendar_id FROM sla_timer s LEFT JOIN sla_policy p ON p.id = s.policy_id
          WHERE s.ticket_id = ? AND s.target = 'first_response' AND s.met_at IS NULL AND s.due_at IS NOT NULL
          """),
      arguments: [t.id]), let at = row[0] as Timestamp?
    {
      let zone = try desk.calendars.load(db, id: row[1]).timeZone
      due = at.wallClock(in: zone)
      dueIn = (at - desk.clock.now).humane
    }
    let link = try desk.settings.value(db, "links.ticket").replacingOccurrences(of: "{id}", with: "\(t.id)")
    // Absent, not empty, when there is no deadline: an empty string would still open {{#due}}.
    var context: [String: Any] = [
      "ticket": [
        "id": "\(t.id)", "subject": t.subject, "status": t.status.rawValue, "priority": t.priority.rawValue,
        "type": t.type, "channel": t.channel,
      ],
      "customer": [
        "name": customer?.name ?? "", "email": customer?.email ?? "", "phone": customer?.phone ?? "",
        "organization": customer?.organization ?? "",
      ],
      "agent": [
        "name": agentRow?["name"] as String? ?? "", "login": agentRow?["login"] as String? ?? "",
        "email": agentRow?["email"] as String? ?? "",
      ],
      "channel": t.channel, "links": ["ticket": link],
    ]
    if !due.isEmpty {
      context["due"] = due
      context["due_in"] = dueIn
    }
    return context
  }

  /// Every template's name, once however many languages it has.
  func names(_ db: Database) throws -> [String] {
    try String.fetchAll(db, sql: "SELECT DISTINCT name FROM template ORDER BY name")
  }

  func fetch(_ db: Database, name: String, language: String) throws -> MessageTemplate {
    guard let row = try Row.fetchOne(db, sql: MessageTemplate.selectSQL + " WHERE name = ? AND language = ?", arguments: [name, language])
    else {
      throw DeskError.notFound("no template '\(name)' in \(language)", hint: "desk template list shows the templates")
    }
    return MessageTemplate(row: row)
  }

  /// The template in `language`, else English, else any language it exists in.
  func pick(_ db: Database, name: String, language: String?) throws -> MessageTemplate {
    guard
      let row = try Row.fetchOne(
        db.cachedStatement(
          sql: MessageTemplate.selectSQL + " WHERE name = ? ORDER BY language = ? DESC, language = 'en' DESC, language LIMIT 1"),
        arguments: [name, language ?? "en"])
    else {
      throw DeskError.notFound("no template '\(name)'", hint: "desk template list shows the templates")
    }
    return MessageTemplate(row: row)
  }

  /// Parses as plain text: nothing is HTML-escaped in messages. The structure is scanned first
  /// (see TemplateSyntax), at save time and again at render time for templates stored before.
  static func compile(_ text: String, template name: String, part: String) throws -> MustacheTemplate {
    do {
      try TemplateSyntax.scan(text)
    } catch .syntax(let problem) {
      throw DeskError.invalidInput("template '\(name)': \(problem) of the \(part)")
    } catch .unsupported(let tag) {
      throw unknownPlaceholder(tag, part: part)
    }
    do {
      return try MustacheTemplate(string: pragma + text)
    } catch let error as MustacheTemplate.ParserError {
      let column = error.context.lineNumber == 1 ? error.context.columnNumber - pragma.count : error.context.columnNumber
      throw DeskError.invalidInput(
        "template '\(name)': \(words(error.error)) at line \(error.context.lineNumber), column \(max(column, 1)) of the \(part)")
    }
  }

  private static let pragma = "{{% CONTENT_TYPE: TEXT}}"

  private static func words(_ error: any Error) -> String {
    switch error as? MustacheTemplate.Error {
    case .unfinishedName: return "a placeholder is not written as {{name}}"
    case .sectionCloseNameIncorrect: return "a section is closed with another name"
    case .expectedSectionEnd: return "a section is not closed"
    default: return "the template does not parse"
    }
  }

  static func unknownPlaceholder(_ name: String, part: String) -> DeskError {
    .invalidInput(
      "the template's \(part) uses an unknown placeholder {{\(name)}}",
      hint: "placeholders: " + placeholders.joined(separator: ", "))
  }

  /// Refuses a template that does not parse or names a placeholder desk does not know.
  static func check(_ text: String, template name: String, part: String) throws {
    _ = try TextRules.body(text, maxBytes: 1 << 20)
    // Twice: once with every value set, once with none, so both sides of {{#x}}…{{^x}} are read.
    let template = try compile(text, template: name, part: part)
    let box = PlaceholderProbe.Box()
    _ = template.render(PlaceholderProbe(box: box, leaf: "x"))
    _ = template.render(PlaceholderProbe(box: box, leaf: false))
    if let unknown = box.unknown.first { throw unknownPlaceholder(unknown, part: part) }
  }

  static func validName(_ name: String) throws -> String {
    let n = name.trimmingCharacters(in: .whitespaces).lowercased()
    guard Names.isWord(n) else {
      throw DeskError.invalidInput("'\(name)' is not a valid template name: use 1–40 letters, digits, '-', '_' or '.'")
    }
    return n
  }
}

/// Stands in for the real values while a template is checked, noting every name it is asked
/// for that is not a known placeholder, and every group (`{{customer}}`) used as a value.
final class PlaceholderProbe: MustacheParent, MustacheCustomRenderable {
  let path: String
  private let box: Box
  private let leaf: Any
  final class Box { var unknown: [String] = [] }

  init(path: String = "", box: Box, leaf: Any) {
    self.path = path
    self.box = box
    self.leaf = leaf
  }

  func child(named name: String) -> Any? {
    let full = path.isEmpty ? name : "\(path).\(name)"
    if Templates.placeholders.contains(full) { return leaf }
    if Templates.placeholders.contains(where: { $0.hasPrefix(full + ".") }) { return PlaceholderProbe(path: full, box: box, leaf: leaf) }
    note(full)
    return nil
  }

  var renderText: String {
    note(path.isEmpty ? "." : path)
    return ""
  }

  var isNull: Bool { false }

  private func note(_ name: String) {
    if !box.unknown.contains(name) { box.unknown.append(name) }
  }
}
