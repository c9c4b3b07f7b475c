import ArgumentParser
import DeskCore

struct DBCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "db",
    abstract: "Look after the database: make, check, back up, describe, import.",
    subcommands: [Init.self, Check.self, Backup.self, Info.self, Import.self])

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check",
      abstract: "Check the database's integrity; exit 74 if the file is damaged.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let database = try global.openDesk().database
      let problems = try database.check()
      if global.output.isExplicit {
        let schema = Schema<String>(fields: [Field("problem") { .text($0) }], tableDefault: ["problem"], idField: "problem")
        try RecordWriter(schema, options: global.output).writeAll(problems)
      } else if problems.isEmpty {
        Terminal.write("ok: \(database.path) passed the integrity check\n")
      }
      if !problems.isEmpty {
        if !global.output.isExplicit { for p in problems { Terminal.write(p + "\n") } }
        throw DeskError.databaseDamaged(
          "the database \(database.path) failed the integrity check (\(problems.count) problem\(problems.count == 1 ? "" : "s"))",
          hint: "restore from a backup")
      }
    }
  }

  struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup",
      abstract: "Copy the live database to FILE (online: other commands may go on).",
      discussion: """
        Example, nightly from cron (a crontab needs its % written \\%):
          0 3 * * * /usr/local/bin/desk db backup /var/backups/desk-$(date +\\%F).db
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Where to write the copy.") var file: String
    @Flag(help: "Replace FILE if it exists.") var force = false

    func run() throws {
      guard !file.isEmpty else { throw DeskError.usage("the backup path is empty", hint: "desk db backup FILE") }
      let database = try global.openDesk().database
      try database.backup(to: file, replace: force)
      Terminal.write("backed up \(database.path) to \(file)\n")
    }
  }

  struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Where the database is, its schema, size, row counts.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.output.check(Info.schema)
      let info = try global.openDesk().database.info()
      let format = global.output.resolvedFormat
      if format == .json || format == .jsonl || global.output.fields != nil {
        try Info.schema.write(one: info, global.output)
      } else {
        for (key, value) in Info.schema.fields.map({ ($0.name, $0.value(info).json) }) {
          let text: String
          switch value {
          case .string(let s): text = s
          case .array(let items):
            text = items.map { if case .string(let s) = $0 { return s } else { return $0.encoded } }.joined(separator: ",")
          case .object(let kv): text = kv.map { "\($0.0)=\($0.1.encoded)" }.joined(separator: " ")
          default: text = value.encoded
          }
          Terminal.write(format == .table ? "\(key.padding(toLength: 13, withPad: " ", startingAt: 0))\(text)\n" : "\(key)\t\(text)\n")
        }
      }
    }

    static let schema = Schema<DatabaseInfo>(
      fields: [
        Field("path") { .text($0.path) }, Field("size_bytes") { .int($0.sizeBytes) }, Field("schema") { .text($0.schemaVersion) },
        Field("migrations") { .list($0.migrations) }, Field("sqlite") { .text($0.sqliteVersion) },
        Field("journal_mode") { .text($0.journalMode) }, Field("read_only") { .bool($0.readOnly) },
        Field("desk") { _ in .text(deskVersion) },
        Field("counts") { .json(.object($0.counts.map { ($0.table, .int($0.rows)) })) },
      ],
      tableDefault: ["path", "size_bytes", "schema", "sqlite", "journal_mode", "read_only", "desk"], flexible: ["path"], idField: "path")
  }
}
