import ArgumentParser
import DeskCore

struct AgentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agent",
    abstract: "The support team: logins, roles (admin, lead, agent) and skills.",
    discussion: """
      A desk with no agents treats whoever runs it as admin, so the first command is usually `desk agent add \
      $USER --role admin`. Once there are agents, every change is made as one of them (--as, $DESK_AGENT, or \
      the login name). Only admins add or change agents.
      """,
    subcommands: [Add.self, List.self, Show.self, Edit.self, Deactivate.self],
    aliases: ["agents"])
}

let agentSchema = Schema<Agent>(
  fields: [
    Field("id") { .int($0.id) },
    Field("login") { .text($0.login) },
    Field("name") { .text($0.name) },
    Field("email") { Cell($0.email) },
    Field("role") { .text($0.role.rawValue) },
    Field("active") { .bool($0.active) },
    Field("skills") { .list($0.skills) },
    Field("created_at") { .time($0.createdAt) },
    Field("updated_at") { .time($0.updatedAt) },
  ],
  tableDefault: ["login", "name", "role", "active", "skills", "email"], flexible: ["name"], idField: "login")

extension AgentCommand {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add",
      abstract: "Add an agent (admins only).",
      discussion: """
        The first agent of a desk is its admin, whatever --role says (a desk nobody can administer cannot be \
        mended from desk).

        Example:
          desk agent add adelia --name "Adelia K." --role lead \\
            --skill finance --skill import
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The login.") var login: String
    @Option(help: "The full name (default: the login).") var name: String?
    @Option(help: "Email address.") var email: String?
    @Option(help: "admin, lead or agent.") var role: AgentRole = .agent
    @Option(name: .customLong("skill"), help: "A skill or group (repeatable).") var skills: [String] = []

    func run() throws {
      try global.output.check(agentSchema)
      let desk = try global.openDesk()
      let agent = try desk.agents.add(login: login, name: name, email: email, role: role, skills: skills)
      let role = agent.role == role ? agent.role.rawValue : "\(agent.role.rawValue): the first agent of a desk is its admin"
      try agentSchema.report(agent, global.output, line: "agent \(agent.login): added (\(role))")
      if agent.login.lowercased() != desk.login.lowercased(),
        try desk.agents.count() == 1
      {
        Terminal.writeError("desk: note: the desk now has agents; act as one with --as \(agent.login) or DESK_AGENT=\(agent.login)\n")
      }
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change an agent (admins only).",
      discussion: """
        Example:
          desk agent edit bob --role lead --skill import --remove-skill sales
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The login.") var login: String
    @Option(help: "A new full name.") var name: String?
    @Option(help: "Email address (none to clear).") var email: String?
    @Option(help: "admin, lead or agent.") var role: AgentRole?
    @Flag(inversion: .prefixedNo, help: "Let the agent act and take tickets, or not.") var active: Bool?
    @Option(name: .customLong("skill"), help: "Add a skill (repeatable).") var addSkills: [String] = []
    @Option(name: .customLong("remove-skill"), help: ArgumentHelp("Remove a skill (repeatable).", valueName: "skill")) var removeSkills: [String] = []
    @Flag(help: "With --no-active or --remove-skill: also clear the rule actions that would be left without an agent.")
    var force = false

    func run() throws {
      try global.output.check(agentSchema)
      let changes = AgentChanges(
        name: name, email: email.map { $0.isEmpty || $0 == "none" ? nil : $0 }, role: role, active: active,
        addSkills: addSkills, removeSkills: removeSkills)
      let agent = try global.openDesk().agents.edit(login, changes, force: force)
      try agentSchema.report(agent, global.output, line: "agent \(agent.login): updated")
    }
  }

  struct Deactivate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deactivate",
      abstract: "Deactivate an agent: they can no longer act or take tickets; their history stays.",
      discussion: """
        Prints how many unsolved tickets and customers (as account manager) the agent still holds; \
        --reassign-to hands them all to another agent, recorded in each ticket's and customer's history. \
        Rules that would assign to a deactivated account manager pass the ticket on to the next rules and \
        tell the leads.

        An agent that a rule assigns to or notifies (or the last active member of a skill group a rule \
        assigns to) is kept active: the error lists the rules. --force clears those actions (a rule left \
        with none is disabled).

        Example:
          desk agent deactivate vika --reassign-to bob
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The login.") var login: String
    @Option(
      name: .customLong("reassign-to"),
      help: ArgumentHelp("Give the agent's unsolved tickets and customers to this other agent.", valueName: "login"))
    var reassignTo: String?
    @Flag(help: "Also clear the rule actions that name the agent.") var force = false

    func run() throws {
      try global.output.check(agentSchema)
      let d = try global.openDesk().agents.deactivate(login, reassignTo: reassignTo, force: force)
      var line = "agent \(d.agent.login): \(d.changed ? "deactivated" : "already deactivated")"
      if d.openTickets > 0 || d.customers > 0 {
        let held =
          "\(d.openTickets) open ticket\(d.openTickets == 1 ? "" : "s") and \(d.customers) customer\(d.customers == 1 ? "" : "s")"
        line +=
          d.reassignedTo.map { "; \(held) moved to \($0)" }
          ?? "; still holds \(held) (desk agent deactivate \(d.agent.login) --reassign-to LOGIN)"
      }
      try agentSchema.report(d.agent, global.output, line: line)
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the agents.",
      discussion: """
        Examples:
          desk agent list --role lead
          desk agent list --skill finance --all
        """, aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this role.") var role: AgentRole?
    @Option(help: "Only agents with this skill.") var skill: String?
    @Flag(help: "Include deactivated agents.") var all = false

    func run() throws {
      let desk = try global.openDesk()
      let writer = try RecordWriter(agentSchema, options: global.output)
      try desk.agents.list(role: role, skill: skill, includeInactive: all) { writer.write($0) }
      writer.finish()
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an agent.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The login.") var login: String

    func run() throws {
      let agent = try global.openDesk().agents.show(login)
      try agentSchema.show(agent, global.output)
    }
  }
}
