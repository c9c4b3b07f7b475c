import Foundation

/// One line of a `desk db import` file, decoded from its bytes with `JSONDecoder` into the fields
/// the import reads (issue 16: `JSONSerialization` into `[String: Any]` and casting each value
/// back cost about 100,000 instructions a line). Every field keeps what the line gave, a value of
/// the wrong kind included, so that the import refuses it with the message, and in the order, it
/// always did. Keys it does not know are ignored.
struct ImportRecord: Decodable {
  var record, login, name, email, role, phone, organization, language, subject, status, priority, type, channel,
    assignee, createdAt, firstReplyAt, solvedAt, closedAt, updatedAt: ImportField<String>
  /// A record's number; a whole number is checked from the JSON number (as a `Double`: every id
  /// up to `DeskImport.maxID` is exact in one).
  var id: ImportField<Double>
  var customer: ImportField<CustomerReference>
  var accounts, handles, tags: ImportField<[String]>
  var messages: ImportField<[ImportMessage.Element]>
  var rating: ImportField<Rating>

  /// A ticket's customer: its id or its email.
  enum CustomerReference: Decodable {
    case id(Double)
    case email(String)

    init(from decoder: any Decoder) throws {
      let value = try decoder.singleValueContainer()
      if let id = try? value.decode(Double.self) {
        self = .id(id)
      } else {
        self = .email(try value.decode(String.self))
      }
    }
  }

  struct Rating: Decodable {
    var score, comment, createdAt: ImportField<String>

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: Key.self)
      score = c.field(.score)
      comment = c.field(.comment)
      createdAt = c.field(.createdAt)
    }
  }

  enum Key: String, CodingKey {
    case record, login, name, email, role, phone, organization, language, subject, status, priority, type, channel,
      assignee, id, customer, accounts, handles, tags, messages, rating, score, comment, author, agent, visibility, body
    case createdAt = "created_at", firstReplyAt = "first_reply_at", solvedAt = "solved_at", closedAt = "closed_at"
    case updatedAt = "updated_at"
  }

  private static let decoder = JSONDecoder()

  /// The record of one line; anything but a JSON object is refused.
  static func decode(_ text: Substring) throws -> ImportRecord {
    guard let record = try? decoder.decode(ImportRecord.self, from: Data(text.utf8)) else {
      throw DeskError.invalidInput("not a JSON object")
    }
    return record
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    record = c.field(.record)
    login = c.field(.login)
    name = c.field(.name)
    email = c.field(.email)
    role = c.field(.role)
    phone = c.field(.phone)
    organization = c.field(.organization)
    language = c.field(.language)
    subject = c.field(.subject)
    status = c.field(.status)
    priority = c.field(.priority)
    type = c.field(.type)
    channel = c.field(.channel)
    assignee = c.field(.assignee)
    createdAt = c.field(.createdAt)
    firstReplyAt = c.field(.firstReplyAt)
    solvedAt = c.field(.solvedAt)
    closedAt = c.field(.closedAt)
    updatedAt = c.field(.updatedAt)
    id = c.field(.id)
    customer = c.field(.customer)
    accounts = c.field(.accounts)
    handles = c.field(.handles)
    tags = c.field(.tags)
    messages = c.field(.messages)
    rating = c.field(.rating)
  }
}

/// A message of a ticket's "messages".
struct ImportMessage: Decodable {
  var author, agent, visibility, createdAt, channel, body: ImportField<String>

  /// An element of "messages": one that is not an object has no message, and is skipped.
  struct Element: Decodable {
    var message: ImportMessage?
    init(from decoder: any Decoder) throws { message = try? ImportMessage(from: decoder) }
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: ImportRecord.Key.self)
    author = c.field(.author)
    agent = c.field(.agent)
    visibility = c.field(.visibility)
    createdAt = c.field(.createdAt)
    channel = c.field(.channel)
    body = c.field(.body)
  }
}

/// A field of a line as the line gave it.
enum ImportField<Value: Decodable> {
  case absent, null
  case value(Value)
  /// Present, but not a `Value`.
  case wrong

  /// The value; nil when absent or null.
  var given: Value? {
    if case .value(let value) = self { return value }
    return nil
  }
}

extension ImportField where Value == String {
  /// The string, nil when absent or null; anything else is refused.
  func optional(_ key: String) throws -> String? {
    if case .wrong = self { throw DeskError.invalidInput("\"\(key)\" must be a string") }
    return given
  }

  func required(_ key: String) throws -> String {
    guard let value = try optional(key) else { throw DeskError.invalidInput("\"\(key)\" is missing") }
    return value
  }
}

extension KeyedDecodingContainer {
  func field<Value: Decodable>(_ key: Key) -> ImportField<Value> {
    guard contains(key) else { return .absent }
    if (try? decodeNil(forKey: key)) == true { return .null }
    guard let value = try? decode(Value.self, forKey: key) else { return .wrong }
    return .value(value)
  }
}
