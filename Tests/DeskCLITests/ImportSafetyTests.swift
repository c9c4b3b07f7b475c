import Foundation
import Testing

/// Issue 13, item 8 and its "also fix": `db import` checks every field as the commands do, takes
/// no id that would jam the desk, and reports a damaged database in one clean line.
@Suite("ImportSafetyTests: db import validates as the commands do")
struct ImportSafetyTests {
  static func desk() -> Sandbox {
    let s = Sandbox()
    s.ok("agent", "add", "root", "--role", "admin")
    return s
  }

  static func importing(_ s: Sandbox, _ lines: String) -> Run {
    s.run(["db", "import", "-"], stdin: Data(lines.utf8))
  }

  @Test("an id above 2^53 - 1 or below 1 is refused; the largest one leaves the desk working")
  func ids() throws {
    let s = Self.desk()
    let before = try s.snapshot()
    let limit = "\"id\" must be a whole number from 1 to 9007199254740991"
    let cases: [(String, String)] = [
      (#"{"record":"ticket","id":9223372036854775807,"subject":"jam"}"#, limit),
      (#"{"record":"ticket","id":9007199254740992,"subject":"jam"}"#, limit),
      (#"{"record":"ticket","id":0,"subject":"jam"}"#, limit),
      (#"{"record":"ticket","id":1.5,"subject":"jam"}"#, limit),
      (#"{"record":"customer","id":9223372036854775807,"name":"Jam"}"#, limit),
      (#"{"record":"customer","id":-1,"name":"Jam"}"#, limit),
    ]
    for (line, message) in cases {
      let r = Self.importing(s, line + "\n")
      #expect(r.status == 65, "\(line): \(r)")
      #expect(r.stderr == "desk: error: line 1: \(message)\n", "\(line)")
    }
    #expect(try s.snapshot() == before)
    s.ok("db", "import", "-", stdin: #"{"record":"ticket","id":9007199254740991,"subject":"last"}"# + "\n")
    #expect(s.ok("ticket", "new", "After", "--format", "ids").stdout == "9007199254740992\n")
    #expect(
      s.ok("ticket", "ingest", "--channel", "email", "--email", "anna@example.com", "-m", "hi", "--format", "ids").stdout
        == "9007199254740993\n")
  }

  @Test("every field is checked by the command's own rule; a bad line imports nothing and is named")
  func fields() throws {
    let s = Self.desk()
    let before = try s.snapshot()
    let login = "is not a valid login: use 1–64 letters, digits, '.', '-', '_' or '@' (not 'me' or 'none')"
    let cases: [(String, String)] = [
      (#"{"record":"agent","login":"bad login"}"#, "'bad login' " + login),
      (#"{"record":"agent","login":"me"}"#, "'me' " + login),
      (#"{"record":"agent","login":"none"}"#, "'none' " + login),
      (
        #"{"record":"agent","login":"eve","name":"\#(String(repeating: "e", count: 201))"}"#,
        "the agent's name is 201 characters long; at most 200 are allowed"
      ),
      (
        #"{"record":"agent","login":"eve","email":"bad"}"#,
        "the email 'bad' is not an email address: it has no @ (hint: write it as name@example.com)"
      ),
      (
        #"{"record":"customer","name":"Eve","email":"bad"}"#,
        "the email 'bad' is not an email address: it has no @ (hint: write it as name@example.com)"
      ),
      (
        #"{"record":"customer","name":"Eve","phone":"zz"}"#,
        "the phone 'zz' is not a phone number: use digits, spaces and - ( ) . with an optional leading +"
      ),
      (
        #"{"record":"customer","name":"Eve","organization":"Acme\u001b[2J"}"#,
        "the organisation contains control characters (a newline or tab?)"
      ),
      (
        #"{"record":"customer","name":"Eve","handles":["telegram"]}"#,
        "'telegram' is not a handle; write KIND:HANDLE, e.g. telegram:@anna"
      ),
      (
        #"{"record":"customer","name":"Eve","handles":["acct:5"]}"#,
        "'acct:5' is not a handle; write KIND:HANDLE, e.g. telegram:@anna"
      ),
      (
        #"{"record":"customer","name":"Eve","accounts":["\#(String(repeating: "7", count: 101))"]}"#,
        "the account ID is 101 characters long; at most 100 are allowed"
      ),
      (
        #"{"record":"customer","name":"\#(String(repeating: "e", count: 201))"}"#,
        "the customer's name is 201 characters long; at most 200 are allowed"
      ),
      (
        #"{"record":"ticket","subject":"x","messages":[{"body":"hi","channel":"fax"}]}"#,
        "channel 'fax' is not one of ticket.channels"
      ),
    ]
    for (line, message) in cases {
      let r = Self.importing(s, #"{"record":"agent","login":"adelia"}"# + "\n" + line + "\n")
      #expect(r.status == 65, "\(line): \(r)")
      #expect(r.stderr == "desk: error: line 2: \(message)\n", "\(line)")
    }
    #expect(try s.snapshot() == before)
  }

  /// Runs sqlite3 on the sandbox's database.
  static func sqlite(_ s: Sandbox, _ sql: String) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    p.arguments = [s.db, sql]
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
  }

  @Test("a missing table is one line and 74, with no SQL in it")
  func missingTable() throws {
    let s = Self.desk()
    try Self.sqlite(s, "DROP TABLE customer_account")
    let r = Self.importing(s, #"{"record":"customer","name":"Eve","accounts":["1"]}"# + "\n")
    #expect(r.status == 74, "\(r)")
    #expect(
      r.stderr
        == "desk: error: the database \(s.db) is damaged: no such table: customer_account (hint: run desk db check, and restore from a backup)\n"
    )
  }

  @Test("a damaged schema is one line and 74, with no raw bytes in it")
  func damagedSchema() throws {
    let s = Self.desk()
    try Self.sqlite(
      s, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = x'435245415445205441424c45ff1b5b324a0a2028' WHERE name = 'rating'")
    let r = Self.importing(s, #"{"record":"customer","name":"Eve"}"# + "\n")
    #expect(r.status == 74, "\(r)")
    #expect(
      r.stderr
        == #"desk: error: the database \#(s.db) is damaged: malformed database schema (rating) - near "TABLE\#u{FFFD}": syntax error (hint: run desk db check, and restore from a backup)"#
        + "\n")
    // No raw byte and no control reaches the terminal: an undecodable byte reads U+FFFD.
    #expect(r.stderr.unicodeScalars.allSatisfy { $0.value >= 32 && !(0x7F...0x9F).contains($0.value) || $0 == "\n" }, "\(r.stderr)")
  }
}
