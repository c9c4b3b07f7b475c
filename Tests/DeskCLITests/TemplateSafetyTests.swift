import Foundation
import GRDB
import Testing

/// Issue 13, item 6: templates that crashed desk or rendered Swift dumps are refused in words.
@Suite struct TemplateSafetyTests {
  static let placeholderHint =
    "(hint: placeholders: ticket.id, ticket.subject, ticket.status, ticket.priority, ticket.type, ticket.channel, "
    + "customer.name, customer.email, customer.phone, customer.organization, agent.name, agent.login, agent.email, "
    + "channel, due, due_in, links.ticket)\n"

  static func nested(_ depth: Int) -> String {
    String(repeating: "{{#due}}", count: depth) + "x" + String(repeating: "{{/due}}", count: depth)
  }

  @Test("sections nested 33 or 3,000 deep are refused at save, nothing stored; 32 is accepted")
  func deepNestingRefused() throws {
    let s = Sandbox.team()
    let before = try s.snapshot()
    for depth in [33, 3000] {
      let r = s.run("template", "add", "deep", "-m", Self.nested(depth))
      #expect(r.status == 65, "\(depth): \(r)")
      #expect(r.stderr == "desk: error: template 'deep': sections are nested more than 32 deep at line 1, column 257 of the body\n")
    }
    #expect(try s.snapshot() == before)
    s.ok("template", "add", "deep", "-m", Self.nested(32))
  }

  @Test("an unclosed section names where it was opened, in words")
  func unclosedSection() throws {
    let s = Sandbox.team()
    let before = try s.snapshot()
    let r = s.run("template", "add", "x", "-m", "Hello\n\nDue: {{#due}}{{due}}\n")
    #expect(r.status == 65)
    #expect(r.stderr == "desk: error: template 'x': unclosed section 'due' opened at line 3, column 6 of the body\n")
    let wrong = s.run("template", "add", "x", "--subject", "{{#due}}{{/due_in}}", "-m", "hi")
    #expect(
      wrong.stderr
        == "desk: error: template 'x': section 'due' opened at line 1, column 1 is closed by {{/due_in}} at line 1, column 9 of the subject\n"
    )
    #expect(try s.snapshot() == before)
  }

  @Test("a syntax error says line and column in words, never ParserError")
  func syntaxErrorInWords() throws {
    let s = Sandbox.team()
    let r = s.run("template", "add", "x", "-m", "line one\nHi {{customer.name!}}")
    #expect(r.status == 65)
    #expect(r.stderr == "desk: error: template 'x': a placeholder is not written as {{name}} at line 2, column 19 of the body\n")
    #expect(!r.stderr.contains("ParserError"))
  }

  @Test("partials, delimiter changes and a group used as a value are unknown placeholders")
  func unsupportedTags() throws {
    let s = Sandbox.team()
    let before = try s.snapshot()
    for (text, shown) in [
      ("Hi {{> partial}}", "{{> partial}}"), ("Hi {{customer}}", "{{customer}}"), ("{{=<% %>=}}<%ticket.id%>", "{{=<% %>=}}"),
      ("{{#ticket}}{{.}}{{/ticket}}", "{{ticket}}"), ("{{{agent}}}", "{{agent}}"),
    ] {
      let r = s.run("template", "add", "x", "-m", text)
      #expect(r.status == 65, "\(text): \(r)")
      #expect(r.stderr == "desk: error: the template's body uses an unknown placeholder \(shown) " + Self.placeholderHint, "\(text)")
    }
    #expect(try s.snapshot() == before)
    // A group as a section is still fine: its values are read inside.
    s.ok("template", "add", "ok", "-m", "{{#customer}}{{name}}{{/customer}}")
  }

  @Test("a template stored before the checks fails to render with a clear error, never a crash")
  func oldTemplateRendersWithAnError() throws {
    let s = Sandbox.team()
    s.ok("template", "add", "old", "-m", "hi")
    s.ok("ticket", "new", "Printer", "--customer", "1")
    var config = Configuration()
    config.busyMode = .timeout(5)
    let queue = try DatabaseQueue(path: s.db, configuration: config)
    try queue.write { try $0.execute(sql: "UPDATE template SET body = ? WHERE name = 'old'", arguments: [Self.nested(3000)]) }
    try queue.close()
    let before = try s.snapshot()
    let r = s.run("template", "render", "old", "1")
    #expect(r.status == 65)
    #expect(r.stderr == "desk: error: template 'old': sections are nested more than 32 deep at line 1, column 257 of the body\n")
    let reply = s.run("ticket", "reply", "1", "--template", "old")
    #expect(reply.status == 65)
    #expect(reply.stderr == r.stderr)
    #expect(try s.snapshot() == before)
  }
}
