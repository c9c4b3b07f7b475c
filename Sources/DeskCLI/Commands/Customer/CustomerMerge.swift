import ArgumentParser
import DeskCore

extension CustomerCommand {
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge",
      abstract: "Merge a customer into another, a person known twice (admins, leads).",
      discussion: """
        The tickets (with their history), messages, ratings, NPS answers, emails, phones, handles and \
        account IDs of the first customer move to the second; its main email and phone stay main ones where \
        the second has none, else they become further ones. Empty fields of the second (organisation, \
        account manager, language) are filled from the first, and rules that name the first name the second. \
        The first customer keeps its id, marked merged: it still finds the second. Recorded in each ticket's \
        history.

        Example:
          desk customer merge max@work.example --into telegram:@max
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer to merge away.") var customer: String
    @Option(help: ArgumentHelp("The customer that remains.", valueName: "customer")) var into: String

    func run() throws {
      try global.output.check(customerSchema)
      let m = try global.openDesk().customers.merge(customer, into: into)
      let target = "customer \(m.into.id) (\(VisibleText.line(m.into.name)))"
      let line =
        m.changed
        ? "customer \(m.from.id): merged into \(target): \(m.tickets) ticket\(m.tickets == 1 ? "" : "s"), "
          + "\(m.identifiers) identifier\(m.identifiers == 1 ? "" : "s"), \(m.ratings) rating\(m.ratings == 1 ? "" : "s")"
        : "customer \(m.from.id): already merged into \(target)"
      try customerSchema.report(m.into, global.output, line: line)
    }
  }
}
