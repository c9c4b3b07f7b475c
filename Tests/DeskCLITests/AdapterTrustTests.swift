import Foundation
import Testing

@Suite("who may set delivery adapters: what runs a program is for admins")
struct AdapterTrustTests {
  @Test("only admins set or remove what runs a program: exec and sendmail with a command of one's own")
  func onlyAdminsRunPrograms() throws {
    let s = Sandbox.team()
    let hint =
      "(hint: exec and sendmail commands run as the user of desk cron; an admin sets them, leads may set webhooks and the default sendmail)"
    let before = try s.snapshot()
    let exec = s.run("outbox", "adapter", "set", "email", "exec", "/bin/true", "--as", "adelia")
    #expect(exec.status == 77)
    #expect(exec.stderr == "desk: error: adelia is a lead; only admin may set an exec adapter \(hint)\n")
    let sendmail = s.run("outbox", "adapter", "set", "email", "sendmail", "--as", "adelia", "--", "/bin/sh", "-c", "id")
    #expect(sendmail.status == 77)
    #expect(sendmail.stderr == "desk: error: adelia is a lead; only admin may set a sendmail adapter with its own command \(hint)\n")
    #expect(try s.snapshot() == before)
    // Leads keep webhooks and the default sendmail.
    s.ok("outbox", "adapter", "set", "notify", "webhook", "https://chat.example.com/hook", "--as", "adelia")
    s.ok("outbox", "adapter", "set", "email", "sendmail", "--as", "adelia")
    s.ok("outbox", "adapter", "set", "telegram", "sendmail", "--as", "adelia", "--", "/usr/sbin/sendmail", "-i", "-t")
    #expect(s.ok("outbox", "adapter", "rm", "telegram", "--as", "adelia").stdout == "adapter telegram: removed\n")
    // What an admin set to run a program, a lead neither replaces nor removes.
    s.ok("outbox", "adapter", "set", "email", "exec", "/bin/true")
    let middle = try s.snapshot()
    let replace = s.run("outbox", "adapter", "set", "email", "webhook", "https://evil.example.com/", "--as", "adelia")
    #expect(replace.status == 77)
    #expect(replace.stderr == "desk: error: adelia is a lead; only admin may replace an exec adapter \(hint)\n")
    let remove = s.run("outbox", "adapter", "rm", "email", "--as", "adelia")
    #expect(remove.status == 77)
    #expect(remove.stderr == "desk: error: adelia is a lead; only admin may remove an exec adapter \(hint)\n")
    #expect(try s.snapshot() == middle)
    #expect(s.ok("outbox", "adapter", "rm", "email").stdout == "adapter email: removed\n")
  }
}
