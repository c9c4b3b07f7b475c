import ArgumentParser
import DeskCore
import Foundation

extension MailCommand {
  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest",
      abstract: "Take in raw mail: one on stdin (an MTA pipe), a Maildir or an mbox.",
      discussion: """
        Each mail is parsed with GMime (encoded words, charsets, quoted-printable and base64, \
        attachments, inline images, forwarded messages as .eml, HTML-only mail made readable) and \
        taken in its own transaction, with one of these outcomes:

        created or appended: a person's mail joins the ticket it answers: In-Reply-To or References \
        naming mail desk took in or sent for it (from anyone), else [#N] in the subject from the \
        ticket's customer or someone on its thread (copied in To or Cc on its mail, a customer of the \
        same organisation, or at the customer's mail domain when the customer has an organisation). \
        Anyone else's mail opens a new ticket: on email a new subject is a new request. Those who \
        join, and the other To/Cc addresses, become the ticket's participants (ticket_participant, \
        and a line in its history). The history a reply quotes (> lines, "On ... wrote:", \
        Outlook's From/Sent block, a signature after "-- ") is cut from the text shown and kept \
        as the message's quoted text (ticket show --json). The original mail is kept as its \
        attachment original.eml.

        Mail from an agent's address (agent edit --email) to a ticket is that agent's public reply, \
        sent on to the customer; #note as its first line makes it an internal note, and so does \
        an answer to a notice desk mailed the agent (an SLA warning, a bounce).

        duplicate: the same Message-ID was taken in before, and nothing is done again.

        automatic: Auto-Submitted (not no), Precedence bulk, junk, list or auto_reply, \
        X-Auto-Response-Suppress, List-Id, an out-of-office subject, or a report. Recorded and never \
        acknowledged; kept on the sender's ticket it answers, which it does not reopen.

        bounce: a delivery status notification. The outbox message it reports (by the original \
        Message-ID, Original-Envelope-Id, or the VERP recipient LOCAL+ID@DOMAIN of \
        mail.envelope-from, else mail.from, given with --recipient, $ORIGINAL_RECIPIENT or \
        $RECIPIENT) is marked bounced with the diagnostic code, and the ticket's assignee (else the \
        team) is notified. No ticket, no customer.

        loop: mail from desk's own addresses (mail.from, mail.reply-to, mail.envelope-from and its \
        VERP form, mail.addresses), or with an X-Loop naming desk, is dropped.

        refused: a mail larger than mail.max-bytes (or attachment.max-bytes), or with no sender \
        address to answer, is written to the Maildir mail.dead-letter (default: dead-letter beside \
        the database) and desk exits 65.

        Exit status, for the mail server: 0 taken or knowingly dropped (duplicate, automatic, \
        bounce, loop); 65 refused (the mail is in the dead-letter Maildir); 75 anything on desk's \
        side that may pass (the database busy, missing or unreadable, a full disk, permission, \
        configuration, an unknown --as agent, GMime missing, a bad flag), so the mail waits in the \
        mail server's queue and comes again.

        Run desk as a user who can write the database and its folder, acting as an agent (--as or \
        DESK_AGENT). A postfix pipe transport (master.cf, one line):
          desk unix - n n - - pipe flags=Rq user=desk
            argv=/usr/local/bin/desk mail ingest --as mail
            --db /var/lib/desk/desk.db --recipient ${original_recipient}

        procmail: a recipe :0 w with | desk mail ingest. fetchmail: --mda "desk mail ingest". To \
        backfill: --mbox FILE, or --maildir DIR (mail taken moves from new/ to cur/).

        --json prints one object a mail: outcome, mail_id, ticket, message, customer, outbox, \
        detail, dead_letter.

        Examples:
          desk mail ingest < message.eml
          desk mail ingest --mbox ~/old-support.mbox --json
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Take every mail of this Maildir (new/ and cur/).", valueName: "dir")) var maildir: String?
    @Option(help: ArgumentHelp("Take every mail of this mbox file.", valueName: "file")) var mbox: String?
    @Option(help: ArgumentHelp("The envelope recipient, for VERP bounces (default: $ORIGINAL_RECIPIENT, else $RECIPIENT).", valueName: "address"))
    var recipient: String?

    static let schema = Schema<MailIngestResult>(
      fields: [
        Field("outcome") { .text($0.outcome.rawValue) },
        Field("mail_id") { .text($0.mailID) },
        Field("ticket") { Cell($0.ticket) },
        Field("message") { Cell($0.message) },
        Field("customer") { Cell($0.customer) },
        Field("outbox") { Cell($0.outbox) },
        Field("detail") { Cell($0.detail) },
        Field("dead_letter") { Cell($0.deadLetter) },
      ],
      tableDefault: ["outcome", "ticket", "message", "detail"], idField: "mail_id")

    /// What the mail server is told: only a refused mail is 65 (and it is in the dead-letter Maildir);
    /// every other failure is desk's and may pass — 75, so the mail waits in the queue.
    static func forMailServer(_ error: DeskError) -> DeskError {
      if case .invalidInput(_, _) = error, refusing { return error }
      if case .temporary = error { return error }
      return .temporary(error.message, hint: error.hint ?? "the mail server keeps the mail and delivers it again")
    }

    /// Set just before the one failure that is 65: refused mail.
    nonisolated(unsafe) static var refusing = false

    func validate() throws {
      if maildir != nil && mbox != nil { throw ValidationError("give --maildir or --mbox, not both") }
    }

    func run() throws {
      try global.output.check(Self.schema)
      let env = ProcessInfo.processInfo.environment
      let recipient = recipient ?? env["ORIGINAL_RECIPIENT"] ?? env["RECIPIENT"]
      let writer = try RecordWriter(Self.schema, options: global.output, one: true)
      var refused: [MailIngestResult] = []
      func show(_ r: MailIngestResult) {
        if r.outcome == .refused { refused.append(r) }
        if global.output.isExplicit { return writer.write(r) }
        var line = r.outcome.rawValue
        if let t = r.ticket { line += " ticket \(t)" }
        if let m = r.message { line += " message \(m)" }
        if let o = r.outbox { line += " outbox \(o)" }
        if let d = r.detail { line += " (\(d))" }
        if let p = r.deadLetter { line += " kept in \(p)" }
        Terminal.write(VisibleText.line(line) + "\n")
      }
      let desk = try global.openDesk()
      let mail = desk.mailIn
      if let maildir {
        for path in try MailFiles.maildir(maildir) {
          guard let data = FileManager.default.contents(atPath: path) else { throw DeskError.temporary("cannot read \(path)") }
          show(try mail.ingest(data, recipient: recipient))
          MailFiles.markSeen(path)
        }
      } else if let mbox {
        guard let data = FileManager.default.contents(atPath: mbox) else {
          throw DeskError.notFound("cannot read the mbox \(mbox)")
        }
        for message in MailFiles.mbox(data) { show(try mail.ingest(message, recipient: recipient)) }
      } else {
        show(try mail.ingest(FileHandle.standardInput.readDataToEndOfFile(), recipient: recipient))
      }
      if global.output.isExplicit { writer.finish() }
      if let first = refused.first {
        Self.refusing = true
        throw DeskError.invalidInput(
          refused.count == 1
            ? "the mail was refused: \(first.detail ?? "") (kept in \(first.deadLetter ?? "the dead-letter Maildir"))"
            : "\(refused.count) mails were refused and kept in the dead-letter Maildir",
          hint: "see desk mail ingest --help")
      }
    }
  }
}
