import ArgumentParser
import DeskCore

let calendarSchema = Schema<CalendarRecord>(
  fields: [
    Field("name") { .text($0.calendar.name) },
    Field("time_zone") { .text($0.calendar.timeZone.identifier) },
    Field("hours") { .text($0.calendar.hoursDescription) },
    Field("holidays") { r in
      .list(r.calendar.holidays.sorted { $0.key < $1.key }.map { $0.value.isEmpty ? $0.key : "\($0.key)=\($0.value)" })
    },
    Field("built_in") { .bool($0.builtIn) },
  ],
  tableDefault: ["name", "time_zone", "hours", "holidays"], flexible: ["holidays"], idField: "name")

extension SLACommand {
  struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "calendar",
      abstract: "Business calendars: a time zone, weekly working hours and holidays.",
      discussion:
        "24x7 is built in. Hours are DAYS HH:MM-HH:MM, several per day allowed: 'mon-fri 10:00-19:00', 'sat 10:00-14:00,15:00-18:00', 'sun 12:00-16:00'.",
      subcommands: [Add.self, List.self, Show.self, Edit.self, Remove.self])

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "add",
        abstract: "Add a calendar (admins and leads).",
        discussion: """
          Example:
            desk sla calendar add office --tz Europe/Moscow \\
              --hours 'mon-fri 10:00-19:00' --hours 'sun 12:00-16:00' \\
              --holiday '2026-12-31=New Year'
          """
      )
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The calendar's name.") var name: String
      @Option(name: [.customLong("tz"), .customLong("time-zone")], help: "An IANA time zone, e.g. Europe/Moscow.") var timeZone: String
      @Option(name: .customLong("hours"), help: ArgumentHelp("Working hours (repeatable).", valueName: "days hh:mm-hh:mm"))
      var hours: [String] = []
      @Option(name: .customLong("holiday"), help: ArgumentHelp("A day off (repeatable).", valueName: "yyyy-mm-dd[=name]"))
      var holidays: [String] = []
      @Flag(help: "Change nothing (a new calendar re-targets no ticket).") var dryRun = false

      func run() throws {
        try SLARetargeting.check(global.output, dryRun: dryRun, calendarSchema)
        let record = try global.openDesk().calendars.add(name: name, timeZone: timeZone, hours: hours, holidays: holidays, dryRun: dryRun)
        let none = SLARetargeting()
        try none.report(global.output, dryRun: dryRun) {
          try calendarSchema.report(record, global.output, line: record.summary("added") + "; \(none.summary)")
        }
      }
    }

    struct Edit: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "edit",
        abstract: "Change a calendar; --hours replaces the whole week.",
        discussion: """
          Open tickets on policies of this calendar are measured again: desk prints how many change target, records each change in their history and tells the leads; --dry-run lists them and changes nothing.

          Example:
            desk sla calendar edit office --holiday '2027-01-07=Christmas' --dry-run
          """
      )
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The calendar.") var name: String
      @Option(help: "A new name.") var rename: String?
      @Option(name: [.customLong("tz"), .customLong("time-zone")], help: "An IANA time zone.") var timeZone: String?
      @Option(
        name: .customLong("hours"), help: ArgumentHelp("Working hours (repeatable; replaces the week).", valueName: "days hh:mm-hh:mm"))
      var hours: [String] = []
      @Option(name: .customLong("holiday"), help: ArgumentHelp("Add a day off (repeatable).", valueName: "yyyy-mm-dd[=name]"))
      var holidays: [String] = []
      @Option(name: .customLong("remove-holiday"), help: ArgumentHelp("Remove a day off (repeatable).", valueName: "yyyy-mm-dd"))
      var removeHolidays: [String] = []
      @Flag(help: "List the open tickets whose targets would change, and change nothing.") var dryRun = false

      func run() throws {
        try SLARetargeting.check(global.output, dryRun: dryRun, calendarSchema)
        let (record, r) = try global.openDesk().calendars.edit(
          name, rename: rename, timeZone: timeZone, hours: hours.isEmpty ? nil : hours, addHolidays: holidays,
          removeHolidays: removeHolidays, dryRun: dryRun)
        try r.report(global.output, dryRun: dryRun) {
          try calendarSchema.report(record, global.output, line: record.summary("updated") + "; \(r.summary)")
        }
      }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove a calendar no policy or setting uses.",
        discussion: """
          A calendar that support.calendar or an SLA policy uses is kept: the error lists them. With --force \
          they move to the built-in 24x7 in the same step (open tickets are re-targeted).

          Example:
            desk sla calendar rm old-office --force --dry-run
          """,
        aliases: ["remove"])
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The calendar.") var name: String
      @Flag(help: "Also move the setting and policies using it to 24x7.") var force = false
      @Flag(help: "Change nothing: say what removing it would do.") var dryRun = false
      func run() throws {
        try SLARetargeting.check(global.output, dryRun: dryRun, removalSchema)
        let (cleared, retargeting) = try global.openDesk().calendars.remove(name, force: force, dryRun: dryRun)
        try retargeting.report(global.output, dryRun: dryRun) {
          try removalSchema.report(
            Removal(kind: "calendar", name: name, cleared: cleared), global.output,
            line: "calendar \(name): removed\(clearedNote(cleared)); \(retargeting.summary)")
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "list", abstract: "List the calendars.", aliases: ["ls"])
      @OptionGroup var global: GlobalOptions
      func run() throws {
        try RecordWriter(calendarSchema, options: global.output).writeAll(try global.openDesk().calendars.list())
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a calendar.")
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The calendar.") var name: String
      func run() throws {
        let record = try global.openDesk().calendars.show(name)
        try calendarSchema.show(record, global.output)
      }
    }
  }
}

extension CalendarRecord {
  func summary(_ what: String) -> String {
    "calendar \(calendar.name): \(what) (\(calendar.timeZone.identifier); \(calendar.hoursDescription))"
  }
}
