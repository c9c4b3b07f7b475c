import Foundation
import Testing

/// `desk shell` reading a script: a line that is not UTF-8 is refused, never repaired.
@Suite struct ShellScriptInputTests {
  static let script =
    Data("ticket new First\n".utf8) + Data([0x74, 0x69, 0x63, 0x6b, 0x65, 0x74, 0x20, 0x6e, 0x65, 0x77, 0x20, 0xff, 0x0a])
    + Data("ticket new Third\n".utf8)

  @Test("a script line with invalid UTF-8 stops the script with 65; nothing of it is run")
  func invalidUTF8LineStops() throws {
    let s = Sandbox.team()
    let r = s.run(["shell"], stdin: Self.script)
    #expect(r.status == 65, "\(r)")
    #expect(r.stderr == "desk: error: line 2 is not valid UTF-8\n")
    #expect(try s.scalar("SELECT group_concat(subject, ',') FROM ticket") == "First")
  }

  @Test("with --keep-going the bad line is reported and the rest runs")
  func invalidUTF8LineKeepGoing() throws {
    let s = Sandbox.team()
    let r = s.run(["shell", "--keep-going"], stdin: Self.script)
    #expect(r.status == 65, "\(r)")
    #expect(r.stderr == "desk: error: line 2 is not valid UTF-8\n")
    #expect(try s.scalar("SELECT group_concat(subject, ',') FROM ticket ORDER BY id") == "First,Third")
  }
}
