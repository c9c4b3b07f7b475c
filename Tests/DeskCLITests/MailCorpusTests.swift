import Foundation
import Testing

@Suite("mail ingest: MimeKit's real-world corpus")
struct MailCorpusTests {
  /// What each MimeKit message must end as, and why.
  struct Case: CustomTestStringConvertible, Sendable {
    var file: String
    /// created, automatic, bounce, or refused (exit 65: the mail has no sender desk could answer).
    var outcome: String
    /// The message text expected (created only), the attachments besides original.eml.
    var body: String? = nil
    var files: [String] = []
    var testDescription: String { file }
  }

  static let cases: [Case] = [
    Case(file: "bounce.txt", outcome: "bounce"),
    Case(file: "delivery-status-multiple-blank-lines.txt", outcome: "bounce"),
    Case(file: "delivery-status-no-blank-line.txt", outcome: "bounce"),
    Case(file: "delivery-status.txt", outcome: "bounce"),
    Case(file: "delivery-status2.txt", outcome: "bounce"),
    // Anonymised: its report-type is x'ed out, so it is a report of some kind: automatic.
    Case(file: "delivery-status.anonymized.eml", outcome: "automatic"),
    Case(file: "disposition-notification.txt", outcome: "automatic"),
    Case(file: "disposition-notification.anonymized.eml", outcome: "automatic"),
    Case(file: "feedback-report.txt", outcome: "automatic"),
    Case(file: "empty-multipart.txt", outcome: "created"),
    Case(file: "epilogue.txt", outcome: "created"),
    Case(file: "issue1130.txt", outcome: "created"),
    Case(file: "issue358.txt", outcome: "created"),
    Case(file: "japanese.txt", outcome: "created"),
    Case(file: "missing-subtype.txt", outcome: "created"),
    Case(file: "multipart-digest.txt", outcome: "created"),
    // No From, Sender or automatic header: nobody to answer; kept in the dead-letter Maildir.
    Case(file: "multipart-related-mhtml.txt", outcome: "refused"),
    Case(file: "rfc2060.txt", outcome: "created"),
    // 2,000 encoded words in To, built to overflow a recursive parser: a plain message.
    Case(file: "stack-overflow.txt", outcome: "created"),
    Case(file: "simple-embedded-message.eml", outcome: "created"),
    Case(file: "simple-embedded-message.anonymized.eml", outcome: "created"),
    Case(file: "simple-multipart.eml", outcome: "created"),
    Case(file: "simple-multipart.anonymized.eml", outcome: "created"),
  ]

  @Test("each message ends as a ticket message, automatic, a bounce, or a documented refusal", arguments: cases)
  func message(_ c: Case) throws {
    let s = Sandbox.team()
    let raw = try MailCorpus.data("mimekit/" + c.file)
    let before = try s.snapshot()
    let r = s.mail(raw)
    #expect(r.status == (c.outcome == "refused" ? 65 : 0), "\(c.file): \(r)")
    let out = try r.object()
    #expect(out["outcome"] as? String == c.outcome, "\(c.file): \(r)")
    switch c.outcome {
    case "created":
      let message = try #require(out["message"] as? Int)
      if let body = c.body { #expect(try s.scalar("SELECT body FROM message WHERE id = \(message)") == body) }
      let names = try s.query { try String.fetchAll($0, sql: "SELECT name FROM attachment WHERE message_id = \(message) ORDER BY id") }
      #expect(names.last == "original.eml")
      if !c.files.isEmpty { #expect(Array(names.dropLast()) == c.files) }
    case "refused":
      #expect(try s.snapshot() == before)
    default:
      #expect(try s.scalar("SELECT count(*) FROM ticket") == "0")
      #expect(try s.scalar("SELECT count(*) FROM customer") == "1")
    }
  }
}
