import GRDB

/// What `agent deactivate` did, and what the agent still held.
public struct Deactivation: Sendable {
  public var agent: Agent
  /// False when the agent was deactivated already.
  public var changed: Bool
  /// Unsolved tickets assigned to the agent, and customers they manage (before any reassignment).
  public var openTickets: Int
  public var customers: Int
  /// Who took them over, when asked to.
  public var reassignedTo: String?
}

extension Agents {
  /// Deactivates an agent (admins only): they can no longer act or be assigned; their tickets
  /// keep their history. With `reassignTo`, their unsolved tickets and the customers they manage
  /// go to that agent, recorded in the tickets' and customers' history.
  /// An agent that a rule assigns to or notifies is kept active unless `force`, which clears
  /// those rule actions in the same transaction.
  public func deactivate(_ login: String, reassignTo: String? = nil, force: Bool = false) throws -> Deactivation {
    try desk.database.write { db in
      let actor = try desk.actor(db, requiring: [.admin], to: "change agents")
      let agent = try fetch(db, login: login)
      let target = try reassignTo.map { try assignable(db, $0) }
      if let target, target.id == agent.id {
        throw DeskError.invalidInput("\(agent.login) cannot take over their own tickets", hint: "name another agent with --reassign-to")
      }
      if agent.active {
        if agent.role == .admin { try requireAnotherAdmin(db, besides: agent.id) }
        _ = try References.settle(
          try desk.references.agent(db, id: agent.id, login: agent.login, skills: agent.skills), of: "agent '\(agent.login)'", db,
          force: force)
        try db.execute(sql: "UPDATE agent SET active = 0, updated_at = ? WHERE id = ?", arguments: [desk.clock.now, agent.id])
      }
      let tickets = try Int64.fetchAll(
        db, sql: "SELECT id FROM ticket WHERE assignee_id = ? AND \(TicketStatus.unsolvedSQL("status")) ORDER BY id",
        arguments: [agent.id])
      let customers = try Int64.fetchAll(
        db, sql: "SELECT id FROM customer WHERE account_manager_id = ? AND merged_into IS NULL ORDER BY id", arguments: [agent.id])
      if let target {
        let ctx = Tickets.Context(db: db, actor: actor.login, actorAgent: actor, now: desk.clock.now)
        for id in tickets { _ = try desk.tickets.assign(ctx, try Ticket.fetch(db, id: id), to: target.login) }
        for id in customers {
          try db.execute(
            sql: "UPDATE customer SET account_manager_id = ?, updated_at = ? WHERE id = ?", arguments: [target.id, ctx.now, id])
          try desk.customers.record(db, id, actor: actor.login, "account manager", from: agent.login, to: target.login)
        }
        try desk.tickets.finish(ctx)
      }
      return Deactivation(
        agent: try fetch(db, login: agent.login), changed: agent.active, openTickets: tickets.count, customers: customers.count,
        reassignedTo: target?.login)
    }
  }
}
