import Foundation
import GRDB
import Testing

@testable import DeskCore

@Suite("Agents")
struct AgentTests {
  @Test("a desk with no agents treats its user as admin, so the first agent can be added")
  func firstAgent() throws {
    let desk = try makeDesk(login: "someone")
    #expect(try desk.database.read { try desk.actor($0) } == Actor(login: "someone", agentID: nil, role: .admin))
    let root = try desk.agents.add(login: "root", name: nil, email: "root@example.com", role: .admin, skills: ["Billing", "billing"])
    #expect(root.id == 1)
    #expect(root.login == "root")
    #expect(root.name == "root")
    #expect(root.email == "root@example.com")
    #expect(root.role == .admin)
    #expect(root.active)
    #expect(root.skills == ["billing"])
    #expect(try desk.agents.count() == 1)
    expectDeskError("permission_denied", exit: 77, message: "'someone' is not an agent of this desk") {
      try desk.newTicket("hello")
    }
  }

  @Test("only admins add agents", arguments: ["lena", "anna"])
  func onlyAdminsAdd(login: String) throws {
    let desk = try makeTeamDesk()
    let role = login == "lena" ? "a lead" : "an agent"
    expectDeskError("permission_denied", exit: 77, message: "\(login) is \(role); only admin may add agents") {
      try desk.acting(as: login).agents.add(login: "zoe", name: nil, email: nil, role: .agent, skills: [])
    }
    #expect(try desk.agents.count() == 4)
  }

  @Test("a login is unique whatever its case, and must be a valid login")
  func loginRules() throws {
    let desk = try makeTeamDesk()
    expectDeskError("invalid_input", exit: 65, message: "an agent 'ANNA' already exists") {
      try desk.agents.add(login: "ANNA", name: nil, email: nil, role: .agent, skills: [])
    }
    for bad in ["", "me", "none", "two words", "semi;colon"] {
      expectDeskError("invalid_input", exit: 65) {
        try desk.agents.add(login: bad, name: nil, email: nil, role: .agent, skills: [])
      }
    }
    #expect(try desk.agents.count() == 4)
    let shouting = desk.acting(as: "ANNA")
    #expect(try shouting.database.read { try shouting.actor($0) }.login == "anna")
  }

  @Test("the last active admin cannot deactivate or demote themselves")
  func lastAdmin() throws {
    let desk = try makeTeamDesk()
    expectDeskError("not_allowed", exit: 65, message: "this would leave the desk without an active admin") {
      try desk.agents.deactivate("root")
    }
    expectDeskError("not_allowed", exit: 65, message: "this would leave the desk without an active admin") {
      try desk.agents.edit("root", AgentChanges(role: .lead))
    }
    let root = try desk.agents.show("root")
    #expect(root.role == .admin)
    #expect(root.active)
  }

  @Test("an inactive second admin does not count as another admin")
  func inactiveAdminDoesNotCount() throws {
    let desk = try makeTeamDesk()
    _ = try desk.agents.edit("lena", AgentChanges(role: .admin))
    _ = try desk.agents.deactivate("lena")
    expectDeskError("not_allowed", exit: 65) { try desk.agents.edit("root", AgentChanges(role: .agent)) }
    #expect(try desk.agents.show("root").role == .admin)
  }

  @Test("with another active admin, an admin may step down")
  func stepDown() throws {
    let desk = try makeTeamDesk()
    _ = try desk.agents.edit("lena", AgentChanges(role: .admin))
    let root = try desk.agents.edit("root", AgentChanges(role: .lead))
    #expect(root.role == .lead)
    expectDeskError("permission_denied", exit: 77, message: "root is a lead; only admin may change agents") {
      try desk.agents.edit("anna", AgentChanges(name: "Anna K."))
    }
    expectDeskError("not_allowed", exit: 65) { try desk.acting(as: "lena").agents.deactivate("lena") }
  }

  @Test("a deactivated agent can neither act nor be assigned")
  func deactivated() throws {
    let desk = try makeTeamDesk()
    try desk.newTicket("one")
    let result = try desk.agents.deactivate("anna")
    #expect(result.changed)
    #expect(!result.agent.active)
    #expect(try !desk.agents.deactivate("anna").changed)

    let anna = desk.acting(as: "anna")
    let denied = expectDeskError("permission_denied", exit: 77, message: "agent 'anna' is deactivated") {
      try anna.tickets.reply([1], body: "hello")
    }
    #expect(denied?.hint == "an admin can run desk agent edit anna --active")
    expectDeskError("permission_denied", exit: 77) { try anna.newTicket("two") }
    expectDeskError("invalid_input", exit: 65, message: "agent 'anna' is deactivated and cannot take tickets") {
      try desk.tickets.assign([1], to: "anna")
    }
    expectDeskError("invalid_input", exit: 65, message: "agent 'anna' is deactivated and cannot take tickets") {
      try desk.newTicket("two") { $0.assignee = "anna" }
    }
    #expect(try desk.tickets.get(1).assigneeID == nil)
    #expect(try desk.scalar("SELECT count(*) FROM ticket") as Int? == 1)

    _ = try desk.agents.edit("anna", AgentChanges(active: true))
    #expect(try anna.tickets.reply([1], body: "back")[0].ticket.status == .open)
  }

  @Test("list shows active agents by login, with filters")
  func list() throws {
    let desk = try makeTeamDesk()
    _ = try desk.agents.edit("boris", AgentChanges(addSkills: ["billing"]))
    _ = try desk.agents.deactivate("anna")
    func logins(role: AgentRole? = nil, skill: String? = nil, all: Bool = false) throws -> [String] {
      var out: [String] = []
      try desk.agents.list(role: role, skill: skill, includeInactive: all) { out.append($0.login) }
      return out
    }
    #expect(try logins() == ["boris", "lena", "root"])
    #expect(try logins(all: true) == ["anna", "boris", "lena", "root"])
    #expect(try logins(role: .lead) == ["lena"])
    #expect(try logins(skill: "Billing") == ["boris"])
  }
}
