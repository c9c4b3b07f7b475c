import ArgumentParser
import DeskCore

let templateSchema = Schema<MessageTemplate>(
  fields: [
    Field("name") { .text($0.name) },
    Field("language") { .text($0.language) },
    Field("subject") { .text($0.subject) },
    Field("body") { .text($0.body) },
    Field("updated_at") { .time($0.updatedAt) },
  ],
  tableDefault: ["name", "language", "subject"], flexible: ["subject"], idField: "name")

struct TemplateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "template",
    abstract: "Canned answers with placeholders, per language: replies, acknowledgements and reminders.",
    discussion: """
      Templates are Mustache text: {{ticket.id}}, {{ticket.subject}}, {{ticket.status}}, \
      {{ticket.priority}}, {{ticket.type}}, {{ticket.channel}}, {{customer.name}}, {{customer.email}}, \
      {{customer.phone}}, {{customer.organization}}, {{agent.name}}, {{agent.login}}, {{agent.email}}, \
      {{channel}}, {{due}} (the first-response deadline in the policy calendar's zone), {{due_in}}, \
      {{links.ticket}} (config links.ticket). {{#due}}…{{/due}} shows text only when there is a deadline. \
      Nothing is HTML-escaped. A placeholder desk does not know is refused when the template is saved.

      Examples:
        desk template add thanks -m "Hello {{customer.name}}, thank you!" \\
          --subject "Re: {{ticket.subject}} [#{{ticket.id}}]"
        desk template add thanks --language ru \\
          -m "Здравствуйте, {{customer.name}}! Спасибо!"
        desk ticket reply 42 --template thanks
      """,
    subcommands: [Add.self, Edit.self, List.self, Show.self, Render.self, Remove.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a template (admins and leads).",
      discussion: """
        Examples:
          desk template add ack -m "Ticket #{{ticket.id}}: we answer in {{due_in}}."
          desk template add ack --language ru --body-file ack-ru.txt
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The template's name.") var name: String
    @Option(help: "Its language (default en).") var language = "en"
    @Option(help: "The subject line (for mail).") var subject = ""
    @OptionGroup var body: BodyOptions

    func run() throws {
      try global.output.check(templateSchema)
      let text = try body.require("template body")
      let t = try global.openDesk().templates.add(name: name, language: language, subject: subject, body: text)
      try templateSchema.report(t, global.output, line: "template \(t.name) (\(t.language)): added")
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a template's subject or body.",
      discussion: """
        Example:
          desk template edit ack --subject "Re: {{ticket.subject}} [#{{ticket.id}}]"
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The template.") var name: String
    @Option(help: "Which language (default en).") var language = "en"
    @Option(help: "A new subject line.") var subject: String?
    @OptionGroup var body: BodyOptions

    func run() throws {
      try global.output.check(templateSchema)
      let text = body.body != nil || body.bodyFile != nil ? try body.read() : nil
      guard subject != nil || text != nil else { throw DeskError.usage("nothing to change", hint: "give --subject or a body") }
      let t = try global.openDesk().templates.edit(name: name, language: language, subject: subject, body: text)
      try templateSchema.report(t, global.output, line: "template \(t.name) (\(t.language)): updated")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the templates.", aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    func run() throws {
      let desk = try global.openDesk()
      let writer = try RecordWriter(templateSchema, options: global.output)
      try desk.templates.list { writer.write($0) }
      writer.finish()
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a template (English unless --language).",
      discussion: """
        Example:
          desk template show ack --language ru
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The template.") var name: String
    @Option(help: "Which language.") var language: String?
    func run() throws {
      let t = try global.openDesk().templates.show(name: name, language: language)
      if global.output.isExplicit { return try templateSchema.show(t, global.output) }
      let body = VisibleText.block(t.body)
      Terminal.write(
        "template \(t.name) (\(t.language))\nsubject: \(VisibleText.line(t.subject))\n\n\(body)\(body.hasSuffix("\n") ? "" : "\n")")
    }
  }

  struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render",
      abstract: "Preview a template filled in for a ticket (not sent).",
      discussion: """
        Example:
          desk template render ack 42
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The template.") var name: String
    @Argument(help: "The ticket.") var ticket: String
    @Option(help: "Render this language (default: the customer's).") var language: String?
    func run() throws {
      let r = try global.openDesk().templates.render(name: name, ticket: try Input.ticketID(ticket), language: language)
      if global.output.isExplicit {
        let schema = Schema<RenderedMessage>(
          fields: [Field("subject") { .text($0.subject) }, Field("body") { .text($0.body) }],
          tableDefault: ["subject", "body"], idField: "subject")
        return try schema.write(one: r, global.output)
      }
      let body = VisibleText.block(r.body)
      Terminal.write("subject: \(VisibleText.line(r.subject))\n\n\(body)\(body.hasSuffix("\n") ? "" : "\n")")
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rm", abstract: "Remove a template (one language with --language).",
      discussion: """
        A template that a setting (pending.reminders, rating.request-on-solve), a rule or an auto-reply uses \
        keeps its last language: the error lists them. With --force they are cleared in the same step: a \
        reminder step that sent it goes (its wait is added to the next step; a closing step closes without a \
        message), rating.request-on-solve returns to its default, a rule loses the action (a rule left with \
        none is disabled), the auto-reply goes.

        Example:
          desk template rm ack --language ru --force
        """,
      aliases: ["remove"])
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The template.") var name: String
    @Option(help: "Only this language.") var language: String?
    @Flag(help: "Also clear the settings, rules and auto-replies that use the template.") var force = false
    func run() throws {
      try global.output.check(removalSchema)
      let (n, cleared) = try global.openDesk().templates.remove(name: name, language: language, force: force)
      try removalSchema.report(
        Removal(kind: "template", name: name, language: language, cleared: cleared), global.output,
        line: "template \(name): removed (\(n) language\(n == 1 ? "" : "s"))\(clearedNote(cleared))")
    }
  }
}
