import Foundation
import Testing

/// `ticket ingest --stdin-json` fed mutated JSON: every run either takes the message in or
/// refuses it with one line and a documented exit code; the database stays sound.
@Suite struct IngestFuzzTests {
  @Test func mutatedMessagesAreTakenInOrRefusedCleanly() throws {
    let s = Sandbox.team()
    let valid = #"{"channel":"telegram","handle":"@anna","name":"Anna","subject":"Printer «ёлка»","body":"It hangs","headers":{"Auto-Submitted":"no"},"attachments":[{"name":"a.txt","content_type":"text/plain","data":"aGk="}]}"#
    let bytes = Array(valid.utf8)
    var numbers = SeededNumbers(state: 12)
    func next() -> Int { numbers.next() }
    let pieces: [[UInt8]] = [[0x22], [0x7B], [0x7D], [0x5B], [0x5D], [0x3A], [0x2C], Array("null".utf8), Array("1e999".utf8), [0xFF], [0x00], Array("\\u0000".utf8)]
    let cases = Int(ProcessInfo.processInfo.environment["DESK_FUZZ_CASES"] ?? "") ?? 2000
    for _ in 0..<max(20, cases / 80) {
      var input = bytes
      for _ in 0..<(1 + next() % 3) {
        let at = next() % (input.count + 1)
        switch next() % 3 {
        case 0: input.insert(contentsOf: pieces[next() % pieces.count], at: at)
        case 1: if at < input.count { input.remove(at: at) }
        default: if at < input.count { input[at] = UInt8(truncatingIfNeeded: next()) }
        }
      }
      let r = s.run(["ticket", "ingest", "--stdin-json"], stdin: Data(input))
      #expect([0, 64, 65, 66].contains(r.status), "\(String(decoding: input, as: UTF8.self)): \(r)")
      if r.status != 0 {
        #expect(r.stderr.hasPrefix("desk: error: ") && r.stderr.filter { $0 == "\n" }.count == 1, "\(r.stderr)")
      }
    }
    #expect(s.ok("db", "check").stdout.hasPrefix("ok: "))
  }
}
