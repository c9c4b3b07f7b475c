import Foundation
import GRDB

/// A member of the support team.
public struct Agent: Sendable, Equatable {
  public var id: Int64
  public var login: String
  public var name: String
  public var email: String?
  public var role: AgentRole
  public var active: Bool
  public var skills: [String]
  public var createdAt: Timestamp
  public var updatedAt: Timestamp

  static let selectSQL = """
    SELECT a.id, a.login, a.name, a.email, a.role, a.active, a.created_at, a.updated_at,
           (SELECT group_concat(skill, ',') FROM (SELECT skill FROM agent_skill WHERE agent_id = a.id ORDER BY skill)) AS skills
    FROM agent a
    """

  init(row: Row) {
    id = row[0]
    login = row[1]
    name = row[2]
    email = row[3]
    role = row[4]
    active = row[5]
    createdAt = row[6]
    updatedAt = row[7]
    skills = (row[8] as String?).map { $0.split(separator: ",").map(String.init) } ?? []
  }
}

/// What an agent should become; nil leaves a field as it is.
public struct AgentChanges: Sendable {
  public var name: String?
  public var email: String??
  public var role: AgentRole?
  public var active: Bool?
  public var addSkills: [String] = []
  public var removeSkills: [String] = []
  public init(
    name: String? = nil, email: String?? = nil, role: AgentRole? = nil, active: Bool? = nil,
    addSkills: [String] = [], removeSkills: [String] = []
  ) {
    self.name = name
    self.email = email
    self.role = role
    self.active = active
    self.addSkills = addSkills
    self.removeSkills = removeSkills
  }
}

/// The team: who may act, with which role and skills. Only admins change it.
public struct Agents {
  let desk: Desk

  /// Adds an agent. The first agent of a desk is its admin whatever `role` says: a desk whose
  /// only agent cannot administer it could be recovered only by editing SQLite.
  public func add(login: String, name: String?, email: String?, role: AgentRole, skills: [String]) throws -> Agent {
    let login = try Agents.validLogin(login)
    let name = try Agents.validName(name ?? login)
    let email = try EmailAddress.optional(email)
    let skills = try skills.map(Agents.validSkill)
    return try desk.database.write { db in
      _ = try desk.actor(db, requiring: [.admin], to: "add agents")
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM agent WHERE login = ?", arguments: [login]) == true {
        throw DeskError.invalidInput("an agent '\(login)' already exists", hint: "change it with desk agent edit \(login)")
      }
      let now = desk.clock.now
      let first = try Int.fetchOne(db, sql: "SELECT count(*) FROM agent") == 0
      try db.execute(
        sql: "INSERT INTO agent(login, name, email, role, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
        arguments: [login, name, email, first ? .admin : role, now, now])
      let id = db.lastInsertedRowID
      for skill in skills {
        try db.execute(sql: "INSERT OR IGNORE INTO agent_skill(agent_id, skill) VALUES (?, ?)", arguments: [id, skill])
      }
      return try fetch(db, login: login)
    }
  }

  /// Changes an agent. Deactivating one that a rule assigns to or notifies, or taking the last
  /// active holder's skill that a rule assigns to, is refused unless `force`, which clears those actions.
  public func edit(_ login: String, _ changes: AgentChanges, force: Bool = false) throws -> Agent {
    let name = try changes.name.map(Agents.validName)
    let email = try changes.email.map { try EmailAddress.optional($0) }
    let add = try changes.addSkills.map(Agents.validSkill)
    let remove = try changes.removeSkills.map(Agents.validSkill)
    return try desk.database.write { db in
      let actor = try desk.actor(db, requiring: [.admin], to: "change agents")
      let agent = try fetch(db, login: login)
      if agent.id == actor.agentID, changes.active == false || (changes.role != nil && changes.role != .admin) {
        try requireAnotherAdmin(db, besides: agent.id)
      }
      let goes = changes.active == false && agent.active
      let losing = goes ? agent.skills : remove.filter(agent.skills.contains)
      _ = try References.settle(
        try desk.references.agent(db, id: agent.id, login: goes ? agent.login : nil, skills: losing),
        of: goes ? "agent '\(agent.login)'" : "the skill \(losing.joined(separator: ", ")) of '\(agent.login)'", db, force: force)
      let now = desk.clock.now
      if let name { try db.execute(sql: "UPDATE agent SET name = ? WHERE id = ?", arguments: [name, agent.id]) }
      if let email { try db.execute(sql: "UPDATE agent SET email = ? WHERE id = ?", arguments: [email, agent.id]) }
      if let role = changes.role {
        if agent.role == .admin, role != .admin { try requireAnotherAdmin(db, besides: agent.id) }
        try db.execute(sql: "UPDATE agent SET role = ? WHERE id = ?", arguments: [role, agent.id])
      }
      if let active = changes.active {
        if !active, agent.role == .admin { try requireAnotherAdmin(db, besides: agent.id) }
        try db.execute(sql: "UPDATE agent SET active = ? WHERE id = ?", arguments: [active, agent.id])
      }
      for skill in add {
        try db.execute(sql: "INSERT OR IGNORE INTO agent_skill(agent_id, skill) VALUES (?, ?)", arguments: [agent.id, skill])
      }
      for skill in remove {
        try db.execute(sql: "DELETE FROM agent_skill WHERE agent_id = ? AND skill = ?", arguments: [agent.id, skill])
      }
      try db.execute(sql: "UPDATE agent SET updated_at = ? WHERE id = ?", arguments: [now, agent.id])
      return try fetch(db, login: agent.login)
    }
  }

  /// How many agents there are, active or not.
  public func count() throws -> Int {
    try desk.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM agent") ?? 0 }
  }

  /// `me` (the acting agent) or a login.
  public func show(_ ref: String) throws -> Agent {
    try desk.database.read { try fetch($0, login: login(ref)) }
  }

  /// The login `ref` names: `me` is the acting agent.
  func login(_ ref: String) -> String { ref == "me" ? desk.login : ref }

  /// Streams the agents, active ones only unless `includeInactive`.
  public func list(role: AgentRole?, skill: String?, includeInactive: Bool, each: (Agent) throws -> Void) throws {
    var clauses: [String] = []
    var args: [any DatabaseValueConvertible] = []
    if !includeInactive { clauses.append("a.active = 1") }
    if let role {
      clauses.append("a.role = ?")
      args.append(role)
    }
    if let skill {
      clauses.append("a.id IN (SELECT agent_id FROM agent_skill WHERE skill = ?)")
      args.append(try Agents.validSkill(skill))
    }
    let sql = Agent.selectSQL + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")) + " ORDER BY a.login"
    try desk.database.read { db in
      let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
      while let row = try rows.next() { try each(Agent(row: row)) }
    }
  }

  func fetch(_ db: Database, login: String) throws -> Agent {
    guard let row = try Row.fetchOne(db, sql: Agent.selectSQL + " WHERE a.login = ?", arguments: [login]) else {
      throw DeskError.notFound("no agent '\(login)'", hint: "desk agent list shows the team")
    }
    return Agent(row: row)
  }

  /// Resolves `me`, a login, for assignment: the agent must be active.
  func assignable(_ db: Database, _ ref: String) throws -> Agent {
    let agent = try fetch(db, login: login(ref))
    guard agent.active else {
      throw DeskError.invalidInput("agent '\(agent.login)' is deactivated and cannot take tickets")
    }
    return agent
  }

  func requireAnotherAdmin(_ db: Database, besides id: Int64) throws {
    let others =
      try Int.fetchOne(
        db, sql: "SELECT count(*) FROM agent WHERE role = 'admin' AND active = 1 AND id != ?", arguments: [id]) ?? 0
    if others == 0 {
      throw DeskError.notAllowed("this would leave the desk without an active admin", hint: "make another agent admin first")
    }
  }

  static func validLogin(_ login: String) throws -> String {
    let l = login.trimmingCharacters(in: .whitespaces)
    guard !l.isEmpty, l.count <= 64, l != "me", l != "none",
      l.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_.@".unicodeScalars.contains($0) })
    else {
      throw DeskError.invalidInput("'\(login)' is not a valid login: use 1–64 letters, digits, '.', '-', '_' or '@' (not 'me' or 'none')")
    }
    return l
  }

  static func validName(_ name: String) throws -> String {
    try TextRules.line(name, "the agent's name", maxCharacters: 200)
  }

  static func validSkill(_ skill: String) throws -> String {
    let s = skill.trimmingCharacters(in: .whitespaces).lowercased()
    guard Names.isWord(s) else {
      throw DeskError.invalidInput("'\(skill)' is not a valid skill: use 1–40 letters, digits, '-', '_' or '.'")
    }
    return s
  }
}
