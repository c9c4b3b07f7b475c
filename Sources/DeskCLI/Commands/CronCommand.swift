import ArgumentParser
import DeskCore

let cronSchema = Schema<CronAction>(
  fields: [
    Field("action") { .text($0.action) },
    Field("ticket_id") { Cell($0.ticketID) },
    Field("target") { Cell($0.target) },
    Field("outbox_id") { Cell($0.outboxID) },
    Field("recipient") { Cell($0.recipient) },
    Field("detail") { .text($0.detail) },
  ],
  tableDefault: ["action", "ticket_id", "target", "outbox_id", "recipient", "detail"], flexible: ["detail"], idField: "ticket_id")

struct CronCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cron",
    abstract: "Do every time-based duty once: SLA warnings and breaches, delivery of the outbox.",
    discussion: """
      Example, every minute from cron (a line of a crontab):
        * * * * *  DESK_DB=/srv/desk/desk.db /usr/local/bin/desk cron

      Each duty is done exactly once however often it runs: a second run in the same minute finds nothing to \
      do, and two runs at the same time are kept apart by a lease in the database (the second says so and \
      exits 0). Prints nothing when all went well, so that cron mails nobody; -v prints one line per thing \
      done (and the lease's message), --json the same as records. --dry-run always prints what it would do.

      Each duty and each ticket's item runs on its own: one that fails (a reminder whose template is gone) \
      is undone, named on stderr in one line, and recorded once in the ticket's history ("cron failure"); \
      the others go on and delivery always runs. Then desk cron exits 75 (temporary: the item is tried again \
      on the next run) — --dry-run reports the same failures. Otherwise it exits 69 when a delivery failed \
      in this run.
      """)
  @OptionGroup var global: GlobalOptions
  @Flag(help: "Show what would be done, change and send nothing.") var dryRun = false
  @Flag(name: .shortAndLong, help: "Print a line for each thing done.") var verbose = false

  func run() throws {
    try global.output.check(cronSchema)
    let report = try global.openDesk().cron.run(dryRun: dryRun)
    if let holder = report.heldBy {
      if verbose { Terminal.writeError("desk: another desk cron is running (\(holder)); nothing done\n") }
      return
    }
    if verbose || dryRun || global.output.isExplicit { try report.render(global.output) }
    for failure in report.failures {
      DeskMain.report(
        failure.error.prefixed("cron: \(failure.subject): "), json: [.json, .jsonl].contains(global.output.resolvedFormat))
    }
    try report.exitStatus()
  }
}

extension CronReport {
  func render(_ output: OutputOptions) throws {
    if output.isExplicit {
      try RecordWriter(cronSchema, options: output).writeAll(actions)
      return
    }
    for a in actions {
      var line = a.action
      if let t = a.ticketID { line += " ticket \(t)" }
      if let target = a.target { line += " \(target)" }
      if let o = a.outboxID { line += " outbox \(o)" }
      if let r = a.recipient { line += " → \(r)" }
      Terminal.write(VisibleText.line(line + ": \(a.detail)") + "\n")
    }
  }

  func exitStatus() throws {
    if !failures.isEmpty {
      throw DeskError.temporary(
        "\(failures.count) dut\(failures.count == 1 ? "y" : "ies") failed",
        hint: "fix what the lines above name; desk cron tries again on its next run")
    }
    if deliveryFailed {
      let failed = actions.filter { $0.action == "failed" || $0.action == "retry" }.count
      throw DeskError.unavailable("\(failed) deliver\(failed == 1 ? "y" : "ies") failed", hint: "desk outbox list --state queued,failed")
    }
  }
}
