import GRDB

/// What `customer merge` did.
public struct CustomerMerge: Sendable {
  public var from: Customer
  public var into: Customer
  /// False when `from` was merged into `into` already.
  public var changed: Bool
  public var tickets: Int
  public var identifiers: Int
  public var ratings: Int
}

extension Customers {
  /// Merges one customer into another (admins and leads): tickets (with their history),
  /// messages, ratings, NPS answers, identifiers and rule conditions move to `target`, whose
  /// empty fields are filled from the merged one. The merged customer keeps its row, marked
  /// merged, so that its id still finds `target`. Recorded in the tickets' history and with both.
  public func merge(_ ref: String, into targetRef: String) throws -> CustomerMerge {
    try desk.database.write { db in
      let actor = try desk.actor(db, requiring: [.admin, .lead], to: "merge customers")
      let target = try resolve(db, targetRef)
      if let id = Int64(ref.trimmingCharacters(in: .whitespaces)),
        try Int64.fetchOne(db, sql: "SELECT merged_into FROM customer WHERE id = ?", arguments: [id]) == target.id
      {
        return CustomerMerge(from: try fetch(db, id: id), into: target, changed: false, tickets: 0, identifiers: 0, ratings: 0)
      }
      let from = try resolve(db, ref)
      guard from.id != target.id else { throw DeskError.invalidInput("customer \(from.id) cannot be merged into itself") }

      let ctx = Tickets.Context(db: db, actor: actor.login, actorAgent: actor, now: desk.clock.now)
      let tickets = try Int64.fetchAll(db, sql: "SELECT id FROM ticket WHERE customer_id = ? ORDER BY id", arguments: [from.id])
      for ticket in tickets {
        try ctx.set(
          ticket, column: "customer_id", field: "customer", from: "\(from.name) (\(from.id))", to: "\(target.name) (\(target.id))",
          value: target.id)
      }
      try db.execute(sql: "UPDATE message SET customer_id = ? WHERE customer_id = ?", arguments: [target.id, from.id])
      try db.execute(sql: "UPDATE rating SET customer_id = ? WHERE customer_id = ?", arguments: [target.id, from.id])
      let ratings = db.changesCount
      try db.execute(sql: "UPDATE nps SET customer_id = ? WHERE customer_id = ?", arguments: [target.id, from.id])

      // Identifiers: the main email and phone first, so that they may stay main ones.
      var identifiers: [CustomerIdentifier] = []
      if let email = from.email { identifiers.append(.email(email)) }
      if let phone = from.phone { identifiers.append(.phone(phone)) }
      identifiers += try from.handles.map(CustomerIdentifier.handle)
      identifiers += from.accounts.map { .account($0) }
      for identifier in identifiers {
        try release(db, identifier, from: from.id)
        if try owner(db, identifier) == nil { try store(db, identifier, for: target.id, actor: nil) }
      }
      try db.execute(
        sql: """
          UPDATE customer SET organization = coalesce(organization, ?), account_manager_id = coalesce(account_manager_id, ?),
            language = coalesce(language, ?), updated_at = ? WHERE id = ?
          """,
        arguments: [
          from.organization, try Int64.fetchOne(db, sql: "SELECT account_manager_id FROM customer WHERE id = ?", arguments: [from.id]),
          from.language, ctx.now, target.id,
        ])
      try db.execute(
        sql: "UPDATE customer SET merged_into = ?, email = NULL, phone = NULL, updated_at = ? WHERE id = ?",
        arguments: [target.id, ctx.now, from.id])
      try db.execute(sql: "UPDATE customer SET merged_into = ? WHERE merged_into = ?", arguments: [target.id, from.id])
      try desk.rules.replaceCustomer(db, from.id, with: target.id)
      try record(db, from.id, actor: actor.login, "merged", from: nil, to: "\(target.id)")
      try record(db, target.id, actor: actor.login, "merged in", from: nil, to: "\(from.id)")
      try desk.tickets.finish(ctx)
      return CustomerMerge(
        from: try fetch(db, id: from.id), into: try fetch(db, id: target.id), changed: true, tickets: tickets.count,
        identifiers: identifiers.count, ratings: ratings)
    }
  }
}
