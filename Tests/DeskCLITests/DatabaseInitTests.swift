import Foundation
import GRDB
import Testing

/// Issue 15, item 5: a typo does not make a new desk. Only the default location is created on
/// first use; any other path must exist, or be made by `desk db init PATH`.
@Suite("everyday 15: a typo does not make a new desk")
struct DatabaseInitTests {
  static func mode(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
  }

  static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  @Test("a missing --db or DESK_DB is 66 with a hint, and creates neither the file nor its directory")
  func missingNamedDatabase() throws {
    let s = Sandbox.team()
    let typo = s.dir + "/nonexistent/dir/x.db"
    let expected = "desk: error: no database at \(typo) (hint: create it with desk db init \(typo), or check --db / DESK_DB)\n"
    for (args, env) in [
      (["--db", typo, "ticket", "list"], [String: String]()),
      (["ticket", "new", "Lost", "--customer", "1"], ["DESK_DB": typo]),
      (["ticket", "ingest", "--channel", "email", "--email", "x@example.com", "-m", "Hello"], ["DESK_DB": typo]),
      (["cron"], ["DESK_DB": typo]),
    ] {
      let r = s.run(args, env: env)
      #expect(r.status == 66, "desk \(args.joined(separator: " ")): \(r)")
      #expect(r.stdout == "")
      #expect(r.stderr == expected)
    }
    let json = s.run(["--db", typo, "ticket", "list", "--json"])
    #expect(json.status == 66)
    #expect(
      json.stderr
        == #"{"error":"no database at \#(typo)","code":"not_found","exit":66,"hint":"create it with desk db init \#(typo), or check --db / DESK_DB"}"#
        + "\n")
    #expect(!Self.exists(s.dir + "/nonexistent"))
    // A missing file in an existing directory is refused too.
    let r = s.run("ticket", "list", "--db", s.dir + "/typo.db")
    #expect(r.status == 66)
    #expect(!Self.exists(s.dir + "/typo.db"))
  }

  @Test("db init PATH makes the directories 0700, the file 0600, migrated, and prints the path")
  func initCreates() throws {
    let s = Sandbox()
    let path = s.dir + "/a/b/x.db"
    let r = s.run("db", "init", path)
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout == "created the desk database \(path)\n")
    #expect(r.stderr == "")
    #expect(Self.mode(s.dir + "/a") == 0o700)
    #expect(Self.mode(s.dir + "/a/b") == 0o700)
    #expect(Self.mode(path) == 0o600)
    #expect(try s.ok("db", "info", "--json", "--db", path).object()["schema"] as? String == Sandbox.schema)
    #expect(s.ok("--db", path, "ticket", "new", "First", "--format", "ids").stdout == "1\n")
  }

  @Test("db init on a desk database says so, changes nothing and exits 0; --json prints an object")
  func initIsIdempotent() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Keep me", "--customer", "1")
    let before = try s.snapshot()
    let again = s.run("db", "init", s.db)
    #expect(again.status == 0, "\(again)")
    #expect(again.stdout == "\(s.db) is a desk database already\n")
    #expect(try s.snapshot() == before)
    #expect(s.ok("db", "init", "--json").stdout == #"{"path":"\#(s.db)","created":false,"schema":"\#(Sandbox.schema)"}"# + "\n")
    let fresh = s.dir + "/fresh.db"
    #expect(s.ok("db", "init", fresh, "--json").stdout == #"{"path":"\#(fresh)","created":true,"schema":"\#(Sandbox.schema)"}"# + "\n")
  }

  @Test("db init with no PATH makes the database --db or DESK_DB names")
  func initWithoutPath() throws {
    let s = Sandbox()
    let fromEnv = s.dir + "/env.db"
    #expect(s.ok("db", "init", env: ["DESK_DB": fromEnv]).stdout == "created the desk database \(fromEnv)\n")
    #expect(Self.mode(fromEnv) == 0o600)
    let fromFlag = s.dir + "/flag.db"
    #expect(s.ok("--db", fromFlag, "db", "init", env: ["DESK_DB": fromEnv]).stdout == "created the desk database \(fromFlag)\n")
    #expect(Self.exists(fromFlag))
    // PATH and a different --db disagree: a usage error, and nothing is made.
    let r = s.run("db", "init", s.dir + "/one.db", "--db", s.dir + "/two.db")
    #expect(r.status == 64)
    #expect(r.stderr == "desk: error: db init takes the path once: as PATH or as --db (hint: desk db init PATH)\n")
    #expect(!Self.exists(s.dir + "/one.db") && !Self.exists(s.dir + "/two.db"))
  }

  @Test("db init refuses a file that is not a desk database, changing nothing")
  func initRefusesOtherFiles() throws {
    let s = Sandbox()
    let text = s.dir + "/notes.txt"
    try "my notes\n".write(toFile: text, atomically: false, encoding: .utf8)
    let r = s.run("db", "init", text)
    #expect(r.status == 65)
    #expect(r.stdout == "")
    #expect(r.stderr == "desk: error: \(text) exists and is not a desk database (hint: move it away, or choose another path)\n")
    #expect(try String(contentsOfFile: text, encoding: .utf8) == "my notes\n")
    // Another program's SQLite database is not touched either.
    let other = s.dir + "/other.sqlite"
    let queue = try DatabaseQueue(path: other)
    try queue.write { try $0.execute(sql: "CREATE TABLE note (body TEXT); INSERT INTO note VALUES ('hi')") }
    try queue.close()
    let bytes = try Data(contentsOf: URL(fileURLWithPath: other))
    let sqlite = s.run("db", "init", other)
    #expect(sqlite.status == 65)
    #expect(sqlite.stderr == "desk: error: \(other) exists and is not a desk database (hint: move it away, or choose another path)\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == bytes)
    let directory = s.run("db", "init", s.dir)
    #expect(directory.status == 65)
    #expect(directory.stderr == "desk: error: \(s.dir) is a directory, not a desk database (hint: move it away, or choose another path)\n")
  }

  @Test("db init where no directory can be made is 73, and makes nothing")
  func initCannotCreate() throws {
    let s = Sandbox()
    let file = s.dir + "/plain"
    try "x".write(toFile: file, atomically: false, encoding: .utf8)
    let r = s.run("db", "init", file + "/sub/x.db")
    #expect(r.status == 73)
    #expect(r.stderr == "desk: error: cannot create the database \(file)/sub/x.db: cannot create the directory \(file)/sub\n")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
  }

  @Test("only the default location is made on first use; a relative XDG_DATA_HOME is ignored")
  func defaultLocation() throws {
    let s = Sandbox()
    s.env["DESK_DB"] = nil
    s.ok("ticket", "list", env: ["XDG_DATA_HOME": "relative"])
    #expect(Self.mode(s.dir + "/.local/share/desk/desk.db") == 0o600)
    #expect(Self.mode(s.dir + "/.local/share/desk") == 0o700)
    #expect(!Self.exists(s.dir + "/relative"))
  }

  @Test("with no HOME and no --db or DESK_DB desk refuses with 78 rather than guess a home")
  func noHome() throws {
    let s = Sandbox()
    s.env["DESK_DB"] = nil
    s.env["HOME"] = nil
    // A relative XDG_DATA_HOME does not stand in for HOME, and is not created under the working directory.
    let r = s.run("ticket", "list", env: ["XDG_DATA_HOME": "data"])
    #expect(r.status == 78, "\(r)")
    #expect(
      r.stderr
        == "desk: error: cannot find the default database: HOME is not set (hint: set HOME, or name the database with --db PATH or DESK_DB)\n"
    )
    #expect(!Self.exists(s.dir + "/data"))
    let empty = s.run("ticket", "list", env: ["HOME": "", "XDG_DATA_HOME": "data"])
    #expect(empty.status == 78)
    #expect(!Self.exists(s.dir + "/data"))
    // An absolute XDG_DATA_HOME needs no HOME.
    s.ok("ticket", "list", env: ["XDG_DATA_HOME": s.dir + "/xdg"])
    #expect(Self.mode(s.dir + "/xdg/desk/desk.db") == 0o600)
  }

  @Test("version, help and completion need no database, and make none")
  func noDatabaseNeeded() throws {
    let s = Sandbox()
    let typo = s.dir + "/missing/x.db"
    for args in [["version"], ["--help"], ["completion", "bash"], ["__complete", "--shell", "bash", "--", "desk", "ticket", "show", ""]] {
      let r = s.run(args, env: ["DESK_DB": typo])
      #expect(r.status == 0, "desk \(args.joined(separator: " ")): \(r)")
      #expect(r.stderr == "")
    }
    #expect(!Self.exists(s.dir + "/missing"))
    #expect(s.ok("__complete", "--shell", "bash", "--", "desk", "db", "init", "").stdout == "__files__\n")
  }
}
