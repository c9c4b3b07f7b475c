import GRDB
import GRDBSQLite

extension TicketStatus: DatabaseValueConvertible, StatementColumnConvertible {
  public init?(sqliteStatement: SQLiteStatement, index: CInt) {
    guard let word = storedWord(Self.self, sqliteStatement, index) else { return nil }
    self = word
  }
}
extension TicketPriority: DatabaseValueConvertible, StatementColumnConvertible {
  public init?(sqliteStatement: SQLiteStatement, index: CInt) {
    guard let word = storedWord(Self.self, sqliteStatement, index) else { return nil }
    self = word
  }
}

/// The case of a word enum whose raw value is the column's text, compared as bytes: the general
/// way (a DatabaseValue, then a String, then `init(rawValue:)`) cost 1,300 instructions a column.
private func storedWord<Word: RawRepresentable & CaseIterable>(
  _: Word.Type, _ statement: SQLiteStatement, _ index: CInt
) -> Word? where Word.RawValue == String {
  guard let text = sqlite3_column_text(statement, index) else { return nil }
  let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, index)))
  return Word.allCases.first { $0.rawValue.utf8.elementsEqual(bytes) }
}
extension AgentRole: DatabaseValueConvertible {}
extension AuthorKind: DatabaseValueConvertible {}
extension Visibility: DatabaseValueConvertible {}

/// A ticket as listed: its own columns plus the names a reader needs (customer, assignee, tags).
public struct Ticket: Sendable, Equatable {
  public var id: Int64
  public var subject: String
  public var status: TicketStatus
  public var priority: TicketPriority
  public var type: String
  public var channel: String
  public var customerID: Int64?
  public var customerName: String?
  public var assigneeID: Int64?
  public var assigneeLogin: String?
  public var followUpOf: Int64?
  public var mergedInto: Int64?
  public var createdAt: Timestamp
  public var updatedAt: Timestamp
  public var firstReplyAt: Timestamp?
  public var solvedAt: Timestamp?
  public var closedAt: Timestamp?
  public var tags: [String]
  public var slaPolicyID: Int64?
  public var slaPolicy: String?
  /// Chosen by hand (`desk sla set`), not by the policies' conditions.
  public var slaPinned: Bool
  /// The earliest deadline of the running SLA timers.
  public var slaDueAt: Timestamp?

  /// The SELECT that every ticket read shares, so a ticket looks the same in every command.
  static let selectSQL = selectSQL(from: from(indexedBy: nil))

  /// `ticket t`, with an index hint when one is given: the table every ticket read names `t`.
  static func from(indexedBy index: String?) -> String {
    index.map { "ticket t INDEXED BY \($0)" } ?? "ticket t"
  }

  /// The shared SELECT over `from` (see `from(indexedBy:)`).
  static func selectSQL(from: String) -> String {
    """
    SELECT t.id, t.subject, t.status, t.priority, t.type, t.channel, t.customer_id, c.name AS customer_name,
           t.assignee_id, a.login AS assignee_login, t.follow_up_of, t.merged_into, t.created_at, t.updated_at,
           t.first_reply_at, t.solved_at, t.closed_at,
           (SELECT group_concat(tag, ',') FROM (SELECT tag FROM ticket_tag WHERE ticket_id = t.id ORDER BY tag)) AS tags,
           t.sla_policy_id, p.name, t.sla_pinned, t.sla_due_at
    FROM \(from)
    LEFT JOIN customer c ON c.id = t.customer_id
    LEFT JOIN agent a ON a.id = t.assignee_id
    LEFT JOIN sla_policy p ON p.id = t.sla_policy_id
    """
  }

  init(row: Row) {
    id = row[0]
    subject = row[1]
    status = row[2]
    priority = row[3]
    type = row[4]
    channel = row[5]
    customerID = row[6]
    customerName = row[7]
    assigneeID = row[8]
    assigneeLogin = row[9]
    followUpOf = row[10]
    mergedInto = row[11]
    createdAt = row[12]
    updatedAt = row[13]
    firstReplyAt = row[14]
    solvedAt = row[15]
    closedAt = row[16]
    let tagList: String? = row[17]
    // Split by bytes, not Characters: the comma is ASCII and never inside another character.
    tags = tagList.map { $0.utf8.split(separator: UInt8(ascii: ",")).map { String(Substring($0)) } } ?? []
    slaPolicyID = row[18]
    slaPolicy = row[19]
    slaPinned = row[20]
    slaDueAt = row[21]
  }

  /// One ticket by id; the statement is prepared once a connection (listings call this a row).
  static func fetch(_ db: Database, id: Int64) throws -> Ticket {
    guard let row = try Row.fetchOne(db.cachedStatement(sql: selectSQL + " WHERE t.id = ?"), arguments: [id]) else {
      throw DeskError.notFound("no ticket \(id)", hint: "desk ticket list shows the tickets there are")
    }
    return Ticket(row: row)
  }
}

/// One entry of a ticket's conversation.
public struct Message: Sendable, Equatable {
  public var id: Int64
  public var ticketID: Int64
  public var authorKind: AuthorKind
  public var authorName: String
  public var agentID: Int64?
  public var customerID: Int64?
  public var visibility: Visibility
  public var channel: String
  public var body: String
  /// The history a mail client quoted below the reply (and a signature), cut from `body` (desk mail ingest).
  public var quoted: String?
  public var automatic: Bool
  public var createdAt: Timestamp

  static let selectSQL = """
    SELECT id, ticket_id, author_kind, author_name, agent_id, customer_id, visibility, channel, body, automatic, created_at, quoted
    FROM message
    """

  init(row: Row) {
    id = row[0]
    ticketID = row[1]
    authorKind = row[2]
    authorName = row[3]
    agentID = row[4]
    customerID = row[5]
    visibility = row[6]
    channel = row[7]
    body = row[8]
    automatic = row[9]
    createdAt = row[10]
    quoted = row[11]
  }
}

/// A file kept with a ticket: screenshots, voice messages, logs.
public struct Attachment: Sendable, Equatable {
  public var id: Int64
  public var ticketID: Int64
  public var messageID: Int64?
  /// A safe file name (see AttachmentName).
  public var name: String
  /// The name as the customer or gateway gave it, when it was not safe.
  public var originalName: String?
  public var contentType: String
  public var size: Int64
  public var sha256: String
  public var createdAt: Timestamp
  public var createdBy: String

  static let selectSQL = """
    SELECT id, ticket_id, message_id, name, content_type, size, sha256, created_at, created_by, original_name FROM attachment
    """

  init(row: Row) {
    id = row[0]
    ticketID = row[1]
    messageID = row[2]
    name = row[3]
    contentType = row[4]
    size = row[5]
    sha256 = row[6]
    createdAt = row[7]
    createdBy = row[8]
    originalName = row[9]
  }
}

/// One recorded change: who, when, which field, from what, to what.
public struct HistoryEntry: Sendable, Equatable {
  public var id: Int64
  public var ticketID: Int64
  public var at: Timestamp
  public var actor: String
  public var field: String
  public var oldValue: String?
  public var newValue: String?
}

/// A link from a ticket to a task in another tracker, or to another ticket.
public struct TicketLink: Sendable, Equatable {
  public var kind: String
  public var target: String
  public var createdAt: Timestamp
  public var createdBy: String
}
