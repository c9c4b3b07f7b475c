import ArgumentParser
import DeskCore

struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Desk-wide settings: ticket types, channels, size limits.",
    discussion: """
      Settings live in the database. Changing them is for leads and admins.

      Each value is checked when it is set, against what it names: support.calendar must be a calendar (desk sla calendar list), each template of pending.reminders a template (desk template list), rating.request-on-solve channels of ticket.channels, notify.email an address. A value that names nothing there exits 66, a malformed one 65; the error lists the valid values and nothing changes. What a setting names cannot then be removed without --force (which returns the setting to what still works).

      Examples:
        desk config set ticket.types support,implementation,development,finance,sales
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

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every setting and its value.", aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    func run() throws {
      let entries = try global.openDesk().settings.all().map {
        Entry(key: $0.key.name, value: $0.value, isDefault: $0.isDefault, help: $0.key.help)
      }
      try RecordWriter(ConfigCommand.schema, options: global.output).writeAll(entries)
    }
  }

  struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print one setting's value.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The setting.") var key: String
    func run() throws {
      Terminal.write(try global.openDesk().settings.get(key) + "\n")
    }
  }

  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a setting (leads and admins).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The setting.") var key: String
    @Argument(help: "The new value.") var value: String
    func run() throws {
      let settings = try global.openDesk().settings
      try settings.set(key, to: value)
      Terminal.write("\(key) = \(try settings.get(key))\n")
    }
  }

  struct Unset: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unset", abstract: "Return a setting to its default (leads and admins).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The setting.") var key: String
    func run() throws {
      let settings = try global.openDesk().settings
      try settings.set(key, to: nil)
      Terminal.write("\(key) = \(try settings.get(key)) (default)\n")
    }
  }
}
