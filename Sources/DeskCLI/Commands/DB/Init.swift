import ArgumentParser
import DeskCore

extension DBCommand {
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Make a new desk database (default: --db, else $DESK_DB, else the default location).",
      discussion: """
        Only the default location ($XDG_DATA_HOME/desk/desk.db, else ~/.local/share/desk/desk.db) is made \
        by the first command that uses it. Any other database is made here, so that a mistyped --db or \
        DESK_DB fails (66) instead of opening an empty desk. Missing directories are made 0700, the file \
        0600. A desk database already at PATH is left as it is, migrated forward, and the command succeeds \
        (so scripts may run it every time); any other file is refused (65).

        Prints what it did (--json: path, created, schema).

        Example:
          desk db init /srv/desk/desk.db && export DESK_DB=/srv/desk/desk.db
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The database file to make.", valueName: "path")) var path: String?

    func run() throws {
      if path == "" { throw DeskError.usage("the database path is empty", hint: "desk db init PATH") }
      if let path, let db = global.connection.db, !db.isEmpty, db != path {
        throw DeskError.usage("db init takes the path once: as PATH or as --db", hint: "desk db init PATH")
      }
      let location = try DatabaseLocation.resolve(named: path ?? global.connection.db)
      let (database, created) = try AppDatabase.create(path: location.path)
      let format = global.output.resolvedFormat
      if format == .json || format == .jsonl {
        let schema = try database.info().schemaVersion
        Terminal.write(
          JSON.object([("path", .string(location.path)), ("created", .bool(created)), ("schema", .string(schema))]).encoded + "\n")
      } else {
        Terminal.write(created ? "created the desk database \(location.path)\n" : "\(location.path) is a desk database already\n")
      }
    }
  }
}
