import Foundation
import Testing

/// Issue 15, item 4: every output option is checked before any change, so a retried call
/// makes no duplicate.
@Suite("EverydayFields: --fields is checked before anything is written")
struct EverydayFieldsTests {
  /// Runs a command that must be refused with 64 for its --fields, before it changes anything.
  func refusedFields(_ s: Sandbox, _ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let before = try s.snapshot()
    let r = s.run(args + ["--fields", "bogus"], stdin: nil)
    #expect(r.status == 64, "\(args): \(r)", sourceLocation: sourceLocation)
    #expect(r.stdout == "", "\(args): \(r)", sourceLocation: sourceLocation)
    #expect(
      r.stderr.hasPrefix("desk: error: unknown field 'bogus'; valid fields: "), "\(args): \(r)", sourceLocation: sourceLocation)
    #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r)", sourceLocation: sourceLocation)
    #expect(try s.snapshot() == before, "\(args) changed the database", sourceLocation: sourceLocation)
  }

  @Test("ticket new x --customer 1 --fields bogus exits 64 and creates nothing, so a retry makes no duplicate")
  func newTicketFields() throws {
    let s = Sandbox.teamWithTicket()
    let before = try s.snapshot()
    let r = s.run("ticket", "new", "x", "--customer", "1", "--fields", "bogus")
    #expect(r.status == 64, "\(r)")
    #expect(r.stdout == "")
    #expect(r.stderr.hasPrefix("desk: error: unknown field 'bogus'; valid fields: id, subject, "), "\(r)")
    #expect(r.stderr.hasSuffix(", rules\n"), "\(r)")
    #expect(try s.snapshot() == before)
    #expect(try s.scalar("SELECT count(*) FROM ticket") == "1")
    // The same call with a good field creates the ticket once and prints just that field.
    #expect(s.ok("ticket", "new", "x", "--customer", "1", "--fields", "id").stdout == "id\n2\n")
    #expect(try s.scalar("SELECT count(*) FROM ticket") == "2")
  }

  @Test("every command that writes checks --fields first")
  func writeCommandsCheckFields() throws {
    let s = Sandbox.teamWithTicket()
    s.ok("ticket", "new", "Second", "--customer", "1")
    s.ok("ticket", "new", "Third", "--customer", "1")
    try refusedFields(s, ["ticket", "new", "x", "--customer", "1", "--format", "csv"])
    try refusedFields(s, ["ticket", "reply", "1", "-m", "hi"])
    try refusedFields(s, ["ticket", "note", "1", "-m", "internal"])
    try refusedFields(s, ["ticket", "assign", "1", "--to", "bob"])
    try refusedFields(s, ["ticket", "set", "1", "--priority", "high"])
    try refusedFields(s, ["ticket", "solve", "1"])
    try refusedFields(s, ["ticket", "close", "1", "--force"])
    try refusedFields(s, ["tag", "add", "1", "outage"])
    try refusedFields(s, ["customer", "add", "Boris", "--email", "boris@example.com"])
    try refusedFields(s, ["customer", "edit", "1", "--name", "Anna P."])
    try refusedFields(s, ["agent", "add", "vika", "--role", "agent"])
    try refusedFields(s, ["template", "add", "thanks", "--body", "Thank you"])
    try refusedFields(s, ["rate", "1", "great"])
    try refusedFields(s, ["ticket", "ingest", "--channel", "telegram", "--handle", "@maria", "-m", "hello"])
    try refusedFields(s, ["ticket", "merge", "3", "--into", "2"])
    try refusedFields(s, ["sla", "policy", "add", "fast", "--first-response", "1h"])
    // Three days later, ticket 2 waiting on its customer is due a reminder: cron has work to do.
    s.ok("ticket", "set", "2", "--status", "pending")
    s.env["DESK_NOW"] = "2026-11-27T10:00:00Z"
    try refusedFields(s, ["cron"])
    #expect(s.ok("cron", "--fields", "action,ticket_id").stdout.hasPrefix("action\tticket_id\n"))
    #expect(try s.scalar("SELECT count(*) FROM history WHERE ticket_id = 2 AND field = 'reminder'") == "1")
  }
}
