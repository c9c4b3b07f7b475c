import Foundation
import Testing

@testable import DeskCore

@Suite("DatabaseLocation: where the database is, and whether desk may create it")
struct DatabaseLocationTests {
  @Test("--db wins over DESK_DB, which wins over the default; only the default may be created")
  func precedence() throws {
    let env = ["HOME": "/home/anna", "DESK_DB": "/srv/desk.db", "XDG_DATA_HOME": "/data"]
    #expect(try DatabaseLocation.resolve(named: "/x.db", env: env) == DatabaseLocation(path: "/x.db", isDefault: false))
    #expect(try DatabaseLocation.resolve(named: nil, env: env) == DatabaseLocation(path: "/srv/desk.db", isDefault: false))
    #expect(try DatabaseLocation.resolve(named: "", env: env) == DatabaseLocation(path: "/srv/desk.db", isDefault: false))
    #expect(
      try DatabaseLocation.resolve(named: nil, env: ["HOME": "/home/anna", "XDG_DATA_HOME": "/data"])
        == DatabaseLocation(path: "/data/desk/desk.db", isDefault: true))
    #expect(
      try DatabaseLocation.resolve(named: nil, env: ["HOME": "/home/anna", "DESK_DB": ""])
        == DatabaseLocation(path: "/home/anna/.local/share/desk/desk.db", isDefault: true))
    #expect(try DatabaseLocation.resolve(named: "~/team.db", env: env) == DatabaseLocation(path: "/home/anna/team.db", isDefault: false))
  }

  @Test("a relative or empty XDG_DATA_HOME is ignored")
  func relativeXDG() throws {
    for xdg in ["data", "./data", ""] {
      #expect(
        try DatabaseLocation.resolve(named: nil, env: ["HOME": "/home/anna", "XDG_DATA_HOME": xdg]).path
          == "/home/anna/.local/share/desk/desk.db")
    }
  }

  @Test("with no HOME (unset or empty) the default location is refused, not guessed")
  func noHome() throws {
    for env in [[:], ["HOME": ""], ["HOME": "", "XDG_DATA_HOME": "data"]] {
      expectDeskError("configuration", exit: 78, message: "cannot find the default database: HOME is not set") {
        try DatabaseLocation.resolve(named: nil, env: env)
      }
    }
    #expect(try DatabaseLocation.resolve(named: nil, env: ["XDG_DATA_HOME": "/data"]).path == "/data/desk/desk.db")
    #expect(try DatabaseLocation.resolve(named: "/x.db", env: [:]).path == "/x.db")
    expectDeskError("configuration", exit: 78, message: "cannot expand ~ in the database path ~/x.db: HOME is not set") {
      try DatabaseLocation.resolve(named: "~/x.db", env: [:])
    }
  }

  @Test("a named path that does not exist is not found (66), and nothing is made")
  func missingNamedPath() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/sub/x.db"
    let error = expectDeskError("not_found", exit: 66, message: "no database at \(path)") {
      try AppDatabase.open(DatabaseLocation(path: path, isDefault: false))
    }
    #expect(error?.hint == "create it with desk db init \(path), or check --db / DESK_DB")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/sub"))
    _ = try AppDatabase.open(DatabaseLocation(path: path, isDefault: true))
    #expect(FileManager.default.fileExists(atPath: path))
  }

  @Test("create makes a new database, reopens a desk one, and refuses anything else unchanged")
  func create() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/a/b/desk.db"
    #expect(try AppDatabase.create(path: path).created)
    #expect(try AppDatabase.create(path: path).created == false)
    let empty = dir.path + "/empty.db"
    FileManager.default.createFile(atPath: empty, contents: nil)
    #expect(try AppDatabase.create(path: empty).created)
    let text = dir.path + "/notes.txt"
    try Data("notes".utf8).write(to: URL(fileURLWithPath: text))
    expectDeskError("invalid_input", exit: 65, message: "\(text) exists and is not a desk database") { try AppDatabase.create(path: text) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: text)) == Data("notes".utf8))
    expectDeskError(
      "cannot_create", exit: 73, message: "cannot create the database \(text)/sub/x.db: cannot create the directory \(text)/sub"
    ) {
      try AppDatabase.create(path: text + "/sub/x.db")
    }
  }
}
