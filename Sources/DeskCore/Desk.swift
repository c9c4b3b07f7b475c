import GRDB

/// The helpdesk: a database, a clock and the person acting. Commands reach every capability
/// through it (`desk.tickets`, `desk.customers`, …).
public final class Desk: @unchecked Sendable {
  public let database: AppDatabase
  public let clock: Clock
  /// The login the caller claims (`--as`, `DESK_AGENT`, or the login name).
  public let login: String
  /// What a long run reads once instead of once an item (see DeskMemo).
  let memo = DeskMemo()

  public init(database: AppDatabase, clock: Clock, login: String) {
    self.database = database
    self.clock = clock
    self.login = login
  }

  public var tickets: Tickets { Tickets(desk: self) }
  public var customers: Customers { Customers(desk: self) }
  public var agents: Agents { Agents(desk: self) }
  public var settings: Settings { Settings(desk: self) }
  public var calendars: Calendars { Calendars(desk: self) }
  public var policies: Policies { Policies(desk: self) }
  public var slaTimers: SLATimers { SLATimers(desk: self) }
  public var sla: SLA { SLA(desk: self) }
  public var outbox: Outbox { Outbox(desk: self) }
  public var telegram: Telegram { Telegram(desk: self) }
  public var cron: Cron { Cron(desk: self) }
  public var templates: Templates { Templates(desk: self) }
  public var rules: Rules { Rules(desk: self) }
  public var autoreplies: Autoreplies { Autoreplies(desk: self) }
  public var tags: TicketTags { TicketTags(desk: self) }
  public var views: Views { Views(desk: self) }
  public var broadcasts: Broadcasts { Broadcasts(desk: self) }
  public var ratings: Ratings { Ratings(desk: self) }
  public var reports: Reports { Reports(desk: self) }
  public var kb: KnowledgeBase { KnowledgeBase(desk: self) }
  public var completion: CompletionValues { CompletionValues(desk: self) }
  public var importer: DeskImport { DeskImport(desk: self) }
  public var mailIn: MailIn { MailIn(desk: self) }

  /// Who is acting, checked against the agents table. A desk with no agents yet treats
  /// its user as admin, so the first `desk agent add` can happen.
  public func actor(_ db: Database) throws -> Actor {
    if try Int.fetchOne(db, sql: "SELECT count(*) FROM agent") == 0 {
      return Actor(login: login, agentID: nil, role: .admin)
    }
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT id, login, role, active FROM agent WHERE login = ?", arguments: [login])
    else {
      throw DeskError.permissionDenied(
        "'\(login)' is not an agent of this desk",
        hint: "act as an agent with --as LOGIN or DESK_AGENT, or ask an admin: desk agent add \(login)")
    }
    guard row["active"] as Bool else {
      throw DeskError.permissionDenied("agent '\(login)' is deactivated", hint: "an admin can run desk agent edit \(login) --active")
    }
    return Actor(login: row["login"], agentID: row["id"], role: row["role"])
  }

  /// The acting agent, who must hold one of `roles`.
  func actor(_ db: Database, requiring roles: Set<AgentRole>, to action: String, hint: String? = nil) throws -> Actor {
    let actor = try actor(db)
    guard roles.contains(actor.role) else {
      let names = AgentRole.allCases.filter { roles.contains($0) }.map(\.rawValue).joined(separator: " or ")
      throw DeskError.permissionDenied(
        "\(actor.login) is \(actor.role.article) \(actor.role.rawValue); only \(names) may \(action)", hint: hint)
    }
    return actor
  }
}

/// The agent a command acts as.
public struct Actor: Sendable, Equatable {
  public var login: String
  public var agentID: Int64?
  public var role: AgentRole
}

extension AgentRole {
  var article: String { self == .lead ? "a" : "an" }
}
