import Foundation
import Testing

@Suite("output formats")
struct OutputTests {
  @Test("csv quotes what needs quoting; tsv escapes tabs; --fields picks columns in order")
  func csvAndTSV() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Quotes \"and\", commas", "--customer", "1", "--tag", "b", "--tag", "a")
    let csv = s.ok("ticket", "list", "--format", "csv", "--fields", "id,subject,tags,created_at")
    #expect(csv.stdout == "id,subject,tags,created_at\n1,\"Quotes \"\"and\"\", commas\",\"a,b\",2026-11-24T10:00:00Z\n")
    let tsv = s.ok("ticket", "list", "--fields", "subject,customer_name,assignee")
    #expect(tsv.stdout == "subject\tcustomer_name\tassignee\nQuotes \"and\", commas\tAnna Petrova\t\n")
  }

  @Test("json is an array, jsonl a line per record, ids one id per line; empty results are empty")
  func jsonFormats() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "One", "--customer", "1")
    s.ok("ticket", "new", "Two", "--customer", "1", env: ["DESK_NOW": "2026-11-24T11:00:00Z"])
    let json = s.ok("ticket", "list", "--json", "--fields", "id,subject")
    #expect(json.stdout == "[\n{\"id\":2,\"subject\":\"Two\"},\n{\"id\":1,\"subject\":\"One\"}\n]\n")
    let jsonl = s.ok("ticket", "list", "--format", "jsonl", "--fields", "id,status")
    #expect(jsonl.stdout == "{\"id\":2,\"status\":\"new\"}\n{\"id\":1,\"status\":\"new\"}\n")
    #expect(s.ok("ticket", "list", "--format", "ids").stdout == "2\n1\n")
    #expect(s.ok("ticket", "list", "--status", "closed", "--json").stdout == "[]\n")
    #expect(s.ok("ticket", "list", "--status", "closed", "--format", "ids").stdout == "")
  }

  @Test("an unknown field is a usage error listing the valid ones")
  func unknownField() {
    let s = Sandbox.team()
    let r = s.run("ticket", "list", "--fields", "id,colour")
    #expect(r.status == 64)
    #expect(
      r.stderr.hasPrefix(
        "desk: error: unknown field 'colour'; valid fields: id, subject, status, priority, type, channel, customer_id, customer_name, assignee, tags,"
      ))
  }

  @Test("the table format aligns columns and shows local time")
  func table() {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Printer on fire", "--customer", "1", "--assign", "adelia")
    let r = s.ok("ticket", "list", "--format", "table", env: ["TZ": "Europe/Moscow"])
    #expect(
      r.stdout == """
        ID  STATUS  PRIORITY  TYPE     ASSIGNEE  CUSTOMER_NAME  SLA_LEFT  UPDATED_AT        SUBJECT
        1   open    normal    support  adelia    Anna Petrova   -         2026-11-24 13:00  Printer on fire

        """)
  }

  @Test("writes print the record when a format is asked for")
  func writesRender() throws {
    let s = Sandbox.team()
    #expect(s.ok("ticket", "new", "Hello", "--format", "ids").stdout == "1\n")
    let solved = try s.ok("ticket", "solve", "1", "--json").array()
    #expect(solved.first?["status"] as? String == "solved")
    #expect(solved.first?["changed"] as? Bool == true)
    #expect(solved.first?["result"] as? String == "solved")
  }

  @Test("with --json, errors are a JSON object on stderr")
  func jsonErrors() {
    let s = Sandbox.team()
    let r = s.run("ticket", "show", "42", "--json")
    #expect(r.status == 66)
    #expect(r.stdout == "")
    #expect(
      r.stderr == #"{"error":"no ticket 42","code":"not_found","exit":66,"hint":"desk ticket list shows the tickets there are"}"# + "\n")
  }
}
