import ArgumentParser
import DeskCore

struct ViewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "view",
    abstract: "Saved filters of ticket list, used as desk ticket list --view NAME.",
    discussion: """
      A view keeps the filter options of ticket list as given, so that relative dates stay relative when it is used.

      Examples:
        desk view save my-urgent --assignee me --priority urgent,high
        desk view save wishes --all --tag 'wish-export' --created-since -90d
        desk ticket list --view my-urgent --sort due
        desk tag stats --view wishes
      """,
    subcommands: [Save.self, List.self, Show.self, Remove.self],
    aliases: ["views"])

  static let schema = Schema<Views.View>(
    fields: [
      Field("name") { .text($0.name) }, Field("filter") { .text($0.arguments.map(ViewCommand.quote).joined(separator: " ")) },
      Field("created_by") { .text($0.createdBy) }, Field("created_at") { .time($0.createdAt) },
    ],
    tableDefault: ["name", "filter", "created_by"], flexible: ["filter"], idField: "name")

  static func quote(_ word: String) -> String {
    word.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" }) || word.isEmpty
      ? "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" : word
  }

  struct Save: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "save", abstract: "Save a view (or replace one) from the filter options of ticket list.",
      discussion: """
        Example:
          desk view save my-urgent --assignee me --priority urgent,high
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The view's name.") var name: String
    @OptionGroup var filters: TicketFilterOptions

    func run() throws {
      try global.output.check(ViewCommand.schema)
      let desk = try global.openDesk()
      _ = try filters.filter(desk, view: nil)  // refuse a filter that would not work
      let v = try desk.views.save(name, arguments: filters.arguments)
      try ViewCommand.schema.report(v, global.output, line: "view \(v.name): \(v.arguments.map(ViewCommand.quote).joined(separator: " "))")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the views.", aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    func run() throws { try RecordWriter(ViewCommand.schema, options: global.output).writeAll(try global.openDesk().views.list()) }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a view.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The view.") var name: String
    func run() throws { try ViewCommand.schema.show(try global.openDesk().views.show(name), global.output) }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a view.", aliases: ["remove"])
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The view.") var name: String
    func run() throws {
      try global.output.check(removalSchema)
      try global.openDesk().views.remove(name)
      try removalSchema.report(Removal(kind: "view", name: name), global.output, line: "view \(name): removed")
    }
  }
}
