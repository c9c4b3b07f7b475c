import Foundation
import Testing

/// Issue 16, items 2 and 6: listings read timestamps from the column bytes, write each row as
/// bytes, and fetch a limited listing in two phases (ids, then the rows). None of it may change
/// a byte of output; these tests hold the exact output and make the two phases agree with the
/// one-query listing on every sort.
@Suite("ListingSpeed: faster listings print exactly what they printed")
struct ListingSpeedTests {
  /// Six tickets touched at different moments, with customers, agents, tags, an SLA policy,
  /// priorities, types and channels, solved and closed ones too.
  static func desk() -> Sandbox {
    let s = Sandbox.team()
    s.ok("customer", "add", "Boris Orlov", "--email", "boris@example.com")
    s.ok("sla", "policy", "add", "standard", "--first-response", "1h", "--resolution", "2d", "--default")
    let tickets: [(String, [String])] = [
      ("Printer export hangs", ["--customer", "1", "--priority", "high", "--tag", "wish-export", "--tag", "outage"]),
      ("Login fails after update", ["--customer", "2", "--assign", "bob", "--channel", "telegram"]),
      ("Invoice, \"payment\" failed", ["--customer", "1", "--type", "finance", "--priority", "urgent", "--tag", "outage"]),
      ("=cmd|' /C calc'!A0", ["--customer", "2", "--priority", "low", "--assign", "adelia"]),
      ("Printer jams\\again", ["--customer", "1", "--tag", "printer"]),
      ("Password reset", ["--assign", "bob", "--priority", "high"]),
    ]
    for (i, (subject, options)) in tickets.enumerated() {
      s.env["DESK_NOW"] = "2026-11-2\(i)T0\(i):1\(i):0\(i)Z"
      let r = s.run(["ticket", "new", subject, "-m", "The printer says error \(i)"] + options)
      #expect(r.status == 0, "\(r)")
    }
    s.env["DESK_NOW"] = "2026-11-26T12:00:00Z"
    s.ok("ticket", "reply", "2", "-m", "Fixed the printer driver")
    s.ok("ticket", "solve", "3")
    s.ok("ticket", "close", "6", "--force")
    return s
  }

  @Test("ticket list --all --format tsv prints every field exactly, escaped, times in UTC")
  func tsvListing() throws {
    let s = Self.desk()
    let r = s.ok("ticket", "list", "--all", "--format", "tsv")
    #expect(r.stdout == Self.allTSV, "\(r)")
  }

  @Test("--format csv and --format ids print exactly what they did")
  func csvAndIDs() throws {
    let s = Self.desk()
    let csv = s.ok("ticket", "list", "--all", "--format", "csv", "--fields", "id,subject,tags,created_at,sla_due_at")
    #expect(csv.stdout == Self.csv, "\(csv)")
    #expect(s.ok("ticket", "list", "--all", "--format", "ids").stdout == "6\n3\n2\n5\n4\n1\n")
    #expect(s.ok("ticket", "list", "--format", "ids", "--limit", "2").stdout == "2\n5\n")
  }

  @Test(
    "a limited listing (two phases) prints the first rows of the whole listing, on every sort and both orders",
    arguments: ["id", "created", "updated", "priority", "status", "due"])
  func limitedAgreesWithWhole(sort: String) throws {
    let s = Self.desk()
    for order in ["--asc", "--desc"] {
      let whole = s.ok("ticket", "list", "--all", "--sort", sort, order, "--format", "tsv").lines
      #expect(whole.count == 7)
      for (limit, offset) in [(0, 0), (1, 0), (3, 0), (2, 2), (6, 0), (9, 0), (3, 5)] {
        let part = s.ok(
          "ticket", "list", "--all", "--sort", sort, order, "--format", "tsv", "--limit", "\(limit)", "--offset", "\(offset)")
        let rows = Array(whole.dropFirst().dropFirst(offset).prefix(limit))
        #expect(part.lines == (rows.isEmpty ? [] : [whole[0]] + rows), "--sort \(sort) \(order) --limit \(limit) --offset \(offset)")
      }
    }
  }

  @Test("text search with a limit lists the newest matches of the subject or a message, exactly")
  func textSearchLimited() throws {
    let s = Self.desk()
    let r = s.ok("ticket", "list", "--all", "--text", "printer", "--limit", "3", "--format", "tsv", "--fields", "id,subject,tags")
    #expect(r.stdout == "id\tsubject\ttags\n6\tPassword reset\t\n3\tInvoice, \"payment\" failed\toutage\n2\tLogin fails after update\t\n")
    let words = s.ok("ticket", "list", "--text", "printer error 4", "--json", "--fields", "id,updated_at", "--limit", "5")
    #expect(words.stdout == "[\n{\"id\":5,\"updated_at\":\"2026-11-24T04:14:04Z\"}\n]\n")
    let none = s.ok("ticket", "list", "--text", "nowhere", "--limit", "5", "--format", "tsv")
    #expect(none.stdout == "")
  }

  @Test("the open-work listing and an agent's queue with a limit read their index and print the same rows")
  func openWorkAndQueue() throws {
    let s = Self.desk()
    let open = s.ok("ticket", "list", "--limit", "3", "--format", "tsv", "--fields", "id,status,assignee,updated_at")
    #expect(
      open.stdout
        == "id\tstatus\tassignee\tupdated_at\n2\topen\tbob\t2026-11-26T12:00:00Z\n5\tnew\t\t2026-11-24T04:14:04Z\n4\topen\tadelia\t2026-11-23T03:13:03Z\n"
    )
    let queue = s.ok("ticket", "list", "--assignee", "bob", "--limit", "5", "--format", "tsv", "--fields", "id,status,assignee")
    #expect(queue.stdout == "id\tstatus\tassignee\n2\topen\tbob\n")
  }
}

extension ListingSpeedTests {
  static let allTSV =
    "id\tsubject\tstatus\tpriority\ttype\tchannel\tcustomer_id\tcustomer_name\tassignee\ttags\tcreated_at\tupdated_at\tfirst_reply_at\tsolved_at\tclosed_at\tfollow_up_of\tmerged_into\tsla_policy\tsla_due_at\tsla_left\n"
    + "6\tPassword reset\tclosed\thigh\tsupport\temail\t\t\tbob\t\t2026-11-25T05:15:05Z\t2026-11-26T12:00:00Z\t\t\t2026-11-26T12:00:00Z\t\t\tstandard\t2026-11-25T06:15:05Z\toverdue 1d 5h\n"
    + "3\tInvoice, \"payment\" failed\tsolved\turgent\tfinance\temail\t1\tAnna Petrova\t\toutage\t2026-11-22T02:12:02Z\t2026-11-26T12:00:00Z\t\t2026-11-26T12:00:00Z\t\t\t\tstandard\t2026-11-22T03:12:02Z\toverdue 4d 8h\n"
    + "2\tLogin fails after update\topen\tnormal\tsupport\ttelegram\t2\tBoris Orlov\tbob\t\t2026-11-21T01:11:01Z\t2026-11-26T12:00:00Z\t2026-11-26T12:00:00Z\t\t\t\t\tstandard\t2026-11-23T01:11:01Z\toverdue 3d 10h\n"
    + "5\tPrinter jams\\\\again\tnew\tnormal\tsupport\temail\t1\tAnna Petrova\t\tprinter\t2026-11-24T04:14:04Z\t2026-11-24T04:14:04Z\t\t\t\t\t\tstandard\t2026-11-24T05:14:04Z\toverdue 2d 6h\n"
    + "4\t=cmd|' /C calc'!A0\topen\tlow\tsupport\temail\t2\tBoris Orlov\tadelia\t\t2026-11-23T03:13:03Z\t2026-11-23T03:13:03Z\t\t\t\t\t\tstandard\t2026-11-23T04:13:03Z\toverdue 3d 7h\n"
    + "1\tPrinter export hangs\tnew\thigh\tsupport\temail\t1\tAnna Petrova\t\toutage,wish-export\t2026-11-20T00:10:00Z\t2026-11-20T00:10:00Z\t\t\t\t\t\tstandard\t2026-11-20T01:10:00Z\toverdue 6d 10h\n"

  static let csv =
    "id,subject,tags,created_at,sla_due_at\n"
    + "6,Password reset,,2026-11-25T05:15:05Z,2026-11-25T06:15:05Z\n"
    + "3,\"Invoice, \"\"payment\"\" failed\",outage,2026-11-22T02:12:02Z,2026-11-22T03:12:02Z\n"
    + "2,Login fails after update,,2026-11-21T01:11:01Z,2026-11-23T01:11:01Z\n"
    + "5,Printer jams\\again,printer,2026-11-24T04:14:04Z,2026-11-24T05:14:04Z\n"
    + "4,'=cmd|' /C calc'!A0,,2026-11-23T03:13:03Z,2026-11-23T04:13:03Z\n"
    + "1,Printer export hangs,\"outage,wish-export\",2026-11-20T00:10:00Z,2026-11-20T01:10:00Z\n"
}
