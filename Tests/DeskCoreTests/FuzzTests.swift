import Foundation
import Testing

@testable import DeskCore

/// A seeded generator, so that a failing case can be replayed.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random text built from pieces that parsers treat specially, plus any characters.
func fuzzText(_ rng: inout SplitMix64, pieces: [String], maxParts: Int = 12) -> String {
  let alphabet = Array("abc xyz019-+:.,;'\"\\/*()[]{}<>#&%_=~`\t\n\r\u{0}ёЁїЙé😀\u{301}\u{202E}")
  var out = ""
  for _ in 0..<Int.random(in: 0...maxParts, using: &rng) {
    if Bool.random(using: &rng), let piece = pieces.randomElement(using: &rng) {
      out += piece
    } else {
      for _ in 0..<Int.random(in: 1...4, using: &rng) { out.append(alphabet.randomElement(using: &rng)!) }
    }
  }
  return out
}

/// Property tests over the parsers: thousands of random inputs, no crash, and every refusal a
/// DeskError with its documented exit code.
@Suite struct FuzzTests {
  static let cases = Int(ProcessInfo.processInfo.environment["DESK_FUZZ_CASES"] ?? "") ?? 2000

  @Test func durationsParseOrAreRefusedAndRoundTrip() {
    var rng = SplitMix64(state: 1)
    for _ in 0..<Self.cases {
      let text = fuzzText(&rng, pieces: ["15m", "4h", "2d", "1w", "1bd", "0", "-", "99999999999999999999d", "1h30m", " "])
      if let d = DeskDuration(parsing: text) {
        #expect(d.seconds >= 0, "\(text.debugDescription)")
        #expect(DeskDuration(parsing: d.compact) == d, "\(text.debugDescription) → \(d.compact)")
      }
    }
  }

  @Test func datesParseOrAreRefused() {
    var rng = SplitMix64(state: 2)
    for _ in 0..<Self.cases {
      let text = fuzzText(&rng, pieces: ["2026-11-24", "T10:00", "Z", "+03:00", "today", "yesterday", "-2d", "-99999999999w", "2026-02-30"])
      if let t = DateExpression.parse(text, now: testNow) {
        #expect(Timestamp(iso8601: t.iso8601) == t, "\(text.debugDescription)")
      }
    }
  }

  @Test func workingHoursParseOrThrowADeskError() {
    var rng = SplitMix64(state: 3)
    for _ in 0..<Self.cases {
      let text = fuzzText(&rng, pieces: ["mon-fri", "sat", "sun", " ", "10:00-19:00", "24:00", "25:61", "-", ","])
      do { _ = try BusinessCalendar.parseHours(text) } catch is DeskError {} catch { Issue.record("\(text.debugDescription): \(error)") }
    }
  }

  @Test func templatesCompileCheckAndRenderOrThrowADeskError() throws {
    let desk = try makeTeamDesk()
    let ticket = try desk.newTicket("Fuzz")
    var rng = SplitMix64(state: 4)
    for i in 0..<(Self.cases / 4) {
      let text = fuzzText(
        &rng, pieces: ["{{", "}}", "{{ticket.id}}", "{{#due}}", "{{/due}}", "{{^due}}", "{{customer.name}}", "{{>x}}", "{{!c}}", "{{=<% %>=}}", "{{{", "}}}", "{{&agent.name}}"])
      do {
        _ = try desk.templates.add(name: "f\(i)", language: "en", subject: "", body: text)
        _ = try desk.templates.render(name: "f\(i)", ticket: ticket.id)
      } catch let error as DeskError {
        #expect(error.exitCode == 65 || error.exitCode == 64, "\(text.debugDescription): \(error)")
      }
    }
  }

  /// Deep soups of sections: the scan refuses them, or the Mustache parser (whose recursion
  /// crashed on deep nesting) gets them and succeeds or throws a DeskError.
  @Test func sectionSoupIsRefusedByTheScanOrParses() {
    var rng = SplitMix64(state: 6)
    let pieces = ["{{#due}}", "{{/due}}", "{{^due}}", "{{#a}}", "{{/a}}", "{{!", "}}", "{{{", "}}}", "\n", "{{", "{{=| |=}}", "|#due|"]
    for _ in 0..<(Self.cases / 4) {
      var text = ""
      for _ in 0..<Int.random(in: 0...3000, using: &rng) {
        text += Int.random(in: 0..<4, using: &rng) > 0 ? "{{#due}}" : pieces.randomElement(using: &rng)!
      }
      text += fuzzText(&rng, pieces: pieces, maxParts: 40)
      do {
        _ = try Templates.compile(text, template: "soup", part: "body")
      } catch let error as DeskError {
        #expect(error.exitCode == 65, "\(text.debugDescription): \(error)")
      } catch {
        Issue.record("\(text.debugDescription): \(error)")
      }
    }
  }

  @Test func articleHTMLNeverKeepsAForeignTag() {
    var rng = SplitMix64(state: 5)
    let allowed: Set<String> = Set(MarkupFilter.elements.keys)
    let regex = try! NSRegularExpression(pattern: "<(/?)([a-zA-Z0-9]+)([^>]*)>")
    for _ in 0..<Self.cases {
      let text = fuzzText(
        &rng,
        pieces: [
          "<script>", "</script>", "<img src=x onerror=alert(1)>", "[a](javascript:alert(1))", "![i](x\" onerror=\"y)", "`", "```",
          "```js onload=x\n", "\n", "**", "_", "# ", "> ", "- ", "1. ", "|a|b|\n|-|-|\n", "<a href=\"https://x\">", "&#106;", "<",
        ], maxParts: 20)
      let html = ArticleHTML.render(text)
      let ns = html as NSString
      for m in regex.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
        let name = ns.substring(with: m.range(at: 2)).lowercased()
        let attributes = ns.substring(with: m.range(at: 3)).lowercased()
        #expect(allowed.contains(name), "<\(name)> from \(text.debugDescription)")
        #expect(!attributes.contains("javascript:") && !attributes.contains(" on"), "\(attributes) from \(text.debugDescription)")
      }
    }
  }

  @Test func searchesNeverBreakTheQuery() throws {
    let desk = try makeTeamDesk()
    var draft = KnowledgeBase.Draft(slug: "a", body: "Ёлка password «senha» NEAR AND OR")
    draft.title = "Fuzz"
    draft.publish = true
    _ = try desk.kb.add(draft)
    var rng = SplitMix64(state: 6)
    for _ in 0..<(Self.cases / 4) {
      let text = fuzzText(&rng, pieces: ["\"", "*", "NEAR(", "AND", "OR", "NOT", "^", ":", "ёлка", "pass", "'", ";", "--"])
      do {
        let hits = try desk.kb.search(text, in: KnowledgeBase.SearchScope())
        for hit in hits { _ = hit.snippet }
      } catch let error as DeskError {
        #expect(error.exitCode == 64, "\(text.debugDescription): \(error)")
      }
    }
  }

  /// The shapes that stalled or crashed Ink: each is held back and shown as text, every other block
  /// still rendered.
  @Test func inksWorstCasesAreShownAsText() {
    let unclosed = "**x** " + String(repeating: "[", count: 30)
    let nested = String(repeating: "[", count: 10_000) + "a" + String(repeating: "](b)", count: 10_000)
    let soup = String(repeating: "<", count: 8000) + String(repeating: "&", count: 8000)
    let quotes = String(repeating: "> ", count: 5000) + "deep"
    for shape in [unclosed, nested, soup, quotes] {
      let (text, held) = ArticleHTML.escapingRawHTML("Fine **text**.\n\n" + shape + "\n\nAfter.")
      #expect(held == [shape])
      #expect(text == "Fine **text**.\n\n\u{E000}desk-held-0\u{E000}\n\nAfter.")
      #expect(ArticleHTML.render("Fine **text**.\n\n" + shape) == "<p>Fine <strong>text</strong>.</p><p>\(HTMLText.escape(shape))</p>")
    }
    // Just within the limits, Ink still has the block; the longer a block, the fewer `[` it may
    // leave open.
    let within = "[a](b) " + String(repeating: "[", count: InkBudget.maxUnclosed) + String(repeating: "&", count: 480)
    #expect(ArticleHTML.escapingRawHTML(within).held.isEmpty)
    #expect(ArticleHTML.escapingRawHTML(String(repeating: "&amp; ", count: InkBudget.maxReferences)).held.isEmpty)
    let long = "[a " + String(repeating: "text ", count: 30_000 / 5)
    #expect(ArticleHTML.escapingRawHTML(long).held.isEmpty)
    #expect(ArticleHTML.escapingRawHTML("[[" + long).held == ["[[" + long])
    #expect(ArticleHTML.escapingRawHTML(String(repeating: "(", count: 12) + long).held.isEmpty)
  }

  /// Random bracket and reference soup: whatever an agent writes, every block that reaches Ink is
  /// within `InkBudget` (its size, nesting, open brackets and references: Ink's work is bounded
  /// by what it is given, counted, never timed), and the rest is held back whole.
  @Test func bracketAndReferenceSoupReachesInkOnlyWithinBudget() {
    var rng = SplitMix64(state: 7)
    let pieces = [
      "[", "]", "(", ")", "](", "[a](b)", "![", "&", "&amp;", "&#", "<", ">", "> ", "\n\n", "\n", "*", "_",
      String(repeating: "[", count: 12), String(repeating: "&", count: 300), String(repeating: "<", count: 300),
      String(repeating: "[a](", count: 10), String(repeating: "> ", count: 20),
    ]
    for _ in 0..<(Self.cases / 4) {
      // No code fences: inside one Ink reads code, which costs it no backtracking.
      let text = fuzzText(&rng, pieces: pieces, maxParts: 40).replacingOccurrences(of: "`", with: "'")
      let (prepared, held) = ArticleHTML.escapingRawHTML(text)
      var block: [Substring] = []
      for line in (prepared + "\n").split(separator: "\n", omittingEmptySubsequences: false) {
        if !line.allSatisfy(\.isWhitespace) {
          block.append(line)
          continue
        }
        // What Ink is given: `&lt;` counts once, as the `<` it was.
        let given = block.joined(separator: "\n").replacingOccurrences(of: "&lt;", with: "<")
        let m = InkBudget.measure(given)
        #expect(m.bytes <= InkBudget.maxBytes && m.depth <= InkBudget.maxDepth, "\(text.debugDescription)")
        #expect(m.unclosed <= InkBudget.maxUnclosed && m.references <= InkBudget.maxReferences, "\(text.debugDescription)")
        #expect(m.bytes << m.unclosed <= InkBudget.maxBacktracking, "\(text.debugDescription)")
        #expect(m.steps == given.unicodeScalars.count)
        block = []
      }
      for h in held { #expect(!InkBudget.fits(h), "\(h.debugDescription)") }
      _ = ArticleHTML.render(text)
    }
  }
}
