import Foundation
import Testing

/// Issue 15, items 1 and 2: global options before, between and after the command words;
/// relative dates (`-7d`) as option values.
@Suite("everyday 15: global options anywhere, relative dates as values")
struct GlobalOptionsAnywhereTests {
  /// Anna's ticket 1 (tag old, 2026-07-01) and ticket 2 (tag new, bob's, 2026-11-20), both solved and rated; now is 2026-11-24.
  static func dated() -> Sandbox {
    let s = Sandbox.team()
    s.ok(["ticket", "new", "Old", "--customer", "1", "--tag", "old"], now: "2026-07-01T10:00:00Z", agent: "root")
    s.ok(["ticket", "solve", "1"], now: "2026-07-01T11:00:00Z", agent: "root")
    s.ok(["rate", "1", "bad"], now: "2026-07-01T12:00:00Z", agent: "root")
    s.ok(["ticket", "new", "New", "--customer", "1", "--tag", "new", "--assign", "bob"], now: "2026-11-20T10:00:00Z", agent: "root")
    s.ok(["ticket", "solve", "2"], now: "2026-11-20T11:00:00Z", agent: "bob")
    s.ok(["rate", "2", "great"], now: "2026-11-20T12:00:00Z", agent: "root")
    return s
  }

  @Test("--db before the command, between group and subcommand, after it, and as --db=X")
  func database() throws {
    let s = Self.dated()
    let other = s.dir + "/other.db"
    s.ok("db", "init", other)
    for args in [
      ["--db", other, "ticket", "list", "--all", "--format", "ids"],
      ["ticket", "--db", other, "list", "--all", "--format", "ids"],
      ["ticket", "list", "--db", other, "--all", "--format", "ids"],
      ["--db=\(other)", "ticket", "list", "--all", "--format", "ids"],
      ["ticket", "--db=\(other)", "list", "--all", "--format", "ids"],
    ] {
      let r = s.run(args)
      #expect(r.status == 0 && r.stdout == "" && r.stderr == "", "desk \(args.joined(separator: " ")): \(r)")
    }
    for args in [["--db", s.db, "ticket", "list", "--all", "--format", "ids"], ["t", "--db=\(s.db)", "ls", "--all", "--format", "ids"]] {
      let r = s.run(args, env: ["DESK_DB": other])
      #expect(r.status == 0 && r.stdout == "2\n1\n", "desk \(args.joined(separator: " ")): \(r)")
    }
  }

  @Test("--as, --json, --format and --fields before the command and between group and subcommand")
  func actorAndOutput() throws {
    let s = Self.dated()
    #expect(s.ok("--as", "bob", "ticket", "list", "--all", "--assignee", "me", "--format", "ids").stdout == "2\n")
    #expect(s.ok("ticket", "--as=bob", "list", "--all", "--assignee", "me", "--format", "ids").stdout == "2\n")
    #expect(s.ok("--as", "adelia", "ticket", "list", "--all", "--assignee", "me", "--format", "ids").stdout == "")
    let json = try s.ok("--json", "ticket", "list", "--all", "--sort", "id", "--asc").array()
    #expect(json.map { $0["id"] as? Int } == [1, 2])
    #expect(s.ok("--format", "csv", "--fields", "id,subject", "ticket", "list", "--all", "--sort", "id", "--asc").stdout == "id,subject\n1,Old\n2,New\n")
    #expect(s.ok("ticket", "--format=csv", "--fields=id", "list", "--all", "--sort", "id", "--asc").stdout == "id\n1\n2\n")
    // A command with a default subcommand: `desk rate 2 normal` is `desk rate give 2 normal`.
    s.ok("--as", "adelia", "rate", "2", "normal")
    #expect(try s.scalar("SELECT score || ' ' || created_by FROM rating WHERE ticket_id = 2 AND current = 1") == "2 adelia")
  }

  @Test("the same option twice: the later one wins, as before the move")
  func laterWins() throws {
    let s = Self.dated()
    let fields = ["--all", "--fields", "id,subject", "--sort", "id", "--asc"]
    #expect(s.ok(["--format", "csv", "ticket", "list"] + fields + ["--format", "tsv"], now: "2026-11-24T10:00:00Z", agent: "root").stdout == "id\tsubject\n1\tOld\n2\tNew\n")
    #expect(s.ok(["ticket", "--format", "tsv", "list"] + fields + ["--format=csv"], now: "2026-11-24T10:00:00Z", agent: "root").stdout == "id,subject\n1,Old\n2,New\n")
  }

  @Test("words after -- are values, never options: a ticket titled --json")
  func terminator() throws {
    let s = Self.dated()
    let r = s.ok("ticket", "new", "--customer", "1", "--format", "ids", "--", "--json")
    #expect(r.stdout == "3\n")
    #expect(try s.scalar("SELECT subject FROM ticket WHERE id = 3") == "--json")
    let db = s.ok("--db", s.db, "ticket", "new", "--customer", "1", "--format", "ids", "--", "--db=x")
    #expect(db.stdout == "4\n")
    #expect(try s.scalar("SELECT subject FROM ticket WHERE id = 4") == "--db=x")
  }

  @Test("a global option before an unknown command is still a usage error that changes nothing")
  func unknownCommand() throws {
    let s = Self.dated()
    let before = try s.snapshot()
    let r = s.run("--json", "ticket", "frobnicate")
    #expect(r.status == 64)
    #expect(r.stdout == "")
    #expect(try s.snapshot() == before)
    let missing = s.run("ticket", "list", "--db")
    #expect(missing.status == 64)
    #expect(missing.stderr.hasPrefix("desk: error: Missing value for '--db <path>'"), "\(missing)")
  }

  @Test("ticket list --created-since -7d and the other date options take a leading -")
  func relativeDates() throws {
    let s = Self.dated()
    #expect(s.ok("ticket", "list", "--all", "--created-since", "-7d", "--format", "ids").stdout == "2\n")
    #expect(s.ok("ticket", "list", "--all", "--created-since=-7d", "--format", "ids").stdout == "2\n")
    #expect(s.ok("ticket", "list", "--all", "--created-before", "-7d", "--format", "ids").stdout == "1\n")
    #expect(s.ok("ticket", "list", "--all", "--updated-since", "-7d", "--format", "ids").stdout == "2\n")
    #expect(s.ok("ticket", "list", "--all", "--updated-before", "-7d", "--format", "ids").stdout == "1\n")
    #expect(s.ok("rate", "list", "--since", "-7d", "--format", "csv", "--fields", "ticket_id,rating").stdout == "ticket_id,rating\n2,great\n")
    #expect(s.ok("rate", "list", "--until", "-7d", "--format", "csv", "--fields", "ticket_id,rating").stdout == "ticket_id,rating\n1,bad\n")
    #expect(s.ok("tag", "stats", "--since", "-90d", "--format", "csv").stdout == "tag,tickets,customers\nnew,1,1\n")
    #expect(
      s.ok("report", "tags", "--from", "-90d", "--to", "now", "--format", "csv", "--fields", "tag,tickets").stdout == "tag,tickets\nnew,1\n")
  }

  @Test("view save keeps -90d and applies it when the view is used")
  func viewSave() throws {
    let s = Self.dated()
    s.ok("view", "save", "recent", "--all", "--created-since", "-90d")
    let views = try s.ok("view", "list", "--json").array()
    #expect(views.map { "\($0["name"] ?? "") \($0["filter"] ?? "")" } == ["recent --all --created-since -90d"])
    #expect(s.ok("ticket", "list", "--view", "recent", "--format", "ids").stdout == "2\n")
  }

  @Test("a leading - that is no date is bad input with the date hint, and changes nothing")
  func badRelativeDate() throws {
    let s = Self.dated()
    let before = try s.snapshot()
    let r = s.run("view", "save", "recent", "--created-since", "-7x")
    #expect(r.status == 64)
    #expect(r.stdout == "")
    #expect(
      r.stderr
        == "desk: error: --created-since: '-7x' is not a date (hint: use ISO-8601 (2026-11-24, 2026-11-24T10:00Z), today, yesterday, or -2d)\n")
    #expect(try s.snapshot() == before)
  }

  @Test("the root help says global options go anywhere")
  func usageLine() throws {
    let s = Sandbox()
    let help = s.ok("--help").stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(help.contains("Global options (--db, --as, --format, --json, --fields) may come before the command, between its words or after it: desk --db team.db ticket list."))
  }
}
