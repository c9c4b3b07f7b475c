import GRDB

/// One change to a customer that no ticket's history holds: an identifier added by a message or
/// moved to another customer, a merge, a new account manager.
public struct CustomerEvent: Sendable, Equatable {
  public var at: Timestamp
  public var actor: String
  public var field: String
  public var oldValue: String?
  public var newValue: String?
}

extension Customers {
  /// The customer's history, oldest first.
  public func history(_ id: Int64) throws -> [CustomerEvent] {
    try desk.database.read { db in
      try Row.fetchAll(
        db, sql: "SELECT at, actor, field, old_value, new_value FROM customer_history WHERE customer_id = ? ORDER BY id", arguments: [id]
      ).map { CustomerEvent(at: $0["at"], actor: $0["actor"], field: $0["field"], oldValue: $0["old_value"], newValue: $0["new_value"]) }
    }
  }

  func record(_ db: Database, _ customer: Int64, actor: String, _ field: String, from old: String?, to new: String?) throws {
    try db.execute(
      sql: "INSERT INTO customer_history(customer_id, at, actor, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)",
      arguments: [customer, desk.clock.now, actor, field, old, new])
  }
}
