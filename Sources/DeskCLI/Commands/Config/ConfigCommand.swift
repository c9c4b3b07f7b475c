import ArgumentParser
import DeskCore

struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Desk-wide settings: ticket types, channels, size limits and more.",
    discussion: """
      Settings live in the database. Changing them is for leads and admins.

      Each value is checked when it is set, against what it names: support.calendar must be a calendar (desk \
      sla calendar list), each template of pending.reminders a template (desk template list), \
      rating.request-on-solve channels of ticket.channels, notify.email an address. A value that names \
      nothing there exits 66, a malformed one 65; the error lists the valid values and nothing changes. What \
      a setting names cannot then be removed without --force (which returns the setting to what still \
      works).

      Examples:
        desk config set ticket.types support,implementation,development,sales
        desk config unset attachment.max-bytes
      """,
    subcommands: [List.self, Get.self, Set.self, Unset.self])

  struct Entry {
    let key: String
    let value: String
    let isDefault: Bool
    let help: String
  }

  static let schema = Schema<Entry>(
    fields: [
      Field("key") { .text($0.key) }, Field("value") { .text($0.value) }, Field("default") { .bool($0.isDefault) },
      Field("help") { .text($0.help) },
    ],
    tableDefault: ["key", "value", "default", "help"], flexible: ["help"], idField: "key")

  /// Every setting as a record; `get`, `set` and `unset` print the one they name.
  static func entries(_ settings: Settings) throws -> [Entry] {
    try settings.all().map { Entry(key: $0.key.name, value: $0.value, isDefault: $0.isDefault, help: $0.key.help) }
  }

  /// Prints the setting `key` as a record when a format is asked for, else `line` with its value.
  static func report(_ key: String, _ settings: Settings, _ output: OutputOptions, line: (String) -> String) throws {
    let value = try settings.get(key)
    guard output.isExplicit, let entry = try entries(settings).first(where: { $0.key == key }) else {
      return Terminal.write(line(value) + "\n")
    }
    try schema.write(one: entry, output)
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every setting and its value.", aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    func run() throws {
      try RecordWriter(ConfigCommand.schema, options: global.output).writeAll(try ConfigCommand.entries(global.openDesk().settings))
    }
  }

  struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print one setting's value.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The setting.") var key: String
    func run() throws {
      try global.output.check(ConfigCommand.schema)
      try ConfigCommand.report(key, global.openDesk().settings, global.output) { $0 }
    }
  }

  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a setting (leads and admins).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The setting.") var key: String
    @Argument(help: "The new value.") var value: String
    func run() throws {
      try global.output.check(ConfigCommand.schema)
      let settings = try global.openDesk().settings
      try settings.set(key, to: value)
      try ConfigCommand.report(key, settings, global.output) { "\(key) = \($0)" }
    }
  }

  struct Unset: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unset", abstract: "Return a setting to its default (leads and admins).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The setting.") var key: String
    func run() throws {
      try global.output.check(ConfigCommand.schema)
      let settings = try global.openDesk().settings
      try settings.set(key, to: nil)
      try ConfigCommand.report(key, settings, global.output) { "\(key) = \($0) (default)" }
    }
  }
}
