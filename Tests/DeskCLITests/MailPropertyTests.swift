import Foundation
import GRDB
import Testing

extension SeededNumbers {
  mutating func below(_ n: Int) -> Int { next() % max(n, 1) }
  mutating func bytes(_ n: Int) -> Data { Data((0..<n).map { _ in UInt8(truncatingIfNeeded: next()) }) }
}

@Suite("mail ingest: any bytes in, never a crash or a partial write")
struct MailPropertyTests {
  /// Random bytes, and corpus mail cut short, with bytes flipped or junk spliced in.
  static func inputs() throws -> [Data] {
    var rng = SeededNumbers(state: 17)
    let seeds = try ["en-alternative-attachment.eml", "ru-koi8r-qp.eml", "related-inline-image.eml", "forwarded.eml"].map(MailCorpus.data)
    var out: [Data] = [Data(), Data("\n".utf8), Data("From: a@b.example\n".utf8), Data("From: \u{0}@x\n\n\u{0}".utf8)]
    for i in 0..<36 {
      switch i % 4 {
      case 0: out.append(rng.bytes(rng.below(600)))
      case 1:
        let seed = seeds[rng.below(seeds.count)]
        out.append(seed.prefix(rng.below(seed.count)))
      case 2:
        var seed = seeds[rng.below(seeds.count)]
        for _ in 0..<8 { seed[rng.below(seed.count)] = UInt8(truncatingIfNeeded: rng.next()) }
        out.append(seed)
      default:
        var seed = seeds[rng.below(seeds.count)]
        seed.insert(contentsOf: rng.bytes(40), at: rng.below(seed.count))
        out.append(seed)
      }
    }
    return out
  }

  @Test("every input becomes a ticket message, is dropped as automatic, or is refused with nothing written")
  func anyBytes() throws {
    let s = Sandbox.team()
    for (i, raw) in try Self.inputs().enumerated() {
      let before = try s.snapshot()
      let r = s.run(["mail", "ingest", "--json"], stdin: raw, env: ["DESK_NOW": "2026-11-24T10:\(String(format: "%02d", i % 60)):00Z"])
      #expect([0, 65].contains(r.status), "input \(i): \(r)")
      guard let out = try? r.object(), let outcome = out["outcome"] as? String else {
        Issue.record("input \(i): no JSON result: \(r)")
        continue
      }
      switch outcome {
      case "created", "appended":
        #expect(r.status == 0)
        let message = try #require(out["message"] as? Int, "input \(i)")
        #expect(try s.scalar("SELECT count(*) FROM attachment WHERE message_id = \(message) AND name = 'original.eml'") == "1")
        let kept = try s.query { try Data.fetchOne($0, sql: "SELECT data FROM attachment WHERE message_id = \(message) AND name = 'original.eml'") }
        #expect(kept == raw, "input \(i)")
        #expect(try s.scalar("SELECT outcome FROM mail_in WHERE message_id = \(message)") == outcome)
      case "automatic", "duplicate", "bounce", "loop":
        #expect(r.status == 0)
      case "refused":
        #expect(r.status == 65)
        #expect(try s.snapshot() == before, "input \(i) was refused but changed the database")
      default:
        Issue.record("input \(i): outcome \(outcome)")
      }
    }
    #expect(try s.scalar("PRAGMA integrity_check") == "ok")
    #expect(try s.query { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
  }
}
