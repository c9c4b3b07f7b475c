import ArgumentParser
import DeskCore

let ratingSchema = Schema<Rating>(
  fields: [
    Field("id") { .int($0.id) }, Field("ticket_id") { .int($0.ticketID) }, Field("customer_id") { Cell($0.customerID) },
    Field("agent") { Cell($0.agent) }, Field("rating") { .text($0.level.name) }, Field("score") { .int(Int64($0.level.rawValue)) },
    Field("comment") { Cell($0.comment) }, Field("created_at") { .time($0.createdAt) }, Field("current") { .bool($0.current) },
    Field("excluded") { .bool($0.excluded) }, Field("excluded_reason") { Cell($0.excludedReason) },
  ],
  tableDefault: ["ticket_id", "rating", "agent", "created_at", "excluded", "comment"], flexible: ["comment"], idField: "ticket_id")

struct RateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rate",
    abstract: "Ratings (bad, normal, great), NPS, requests, alerts.",
    discussion: """
      desk rate ID bad|normal|great (also 1|2|3 and 😞 😐 😍) records the customer's rating of a ticket; a new \
      rating replaces the current one, which stays in history. It is credited to the agent who solved the \
      ticket. Ratings at or below rating.alert-at (default normal) go to the leads at once, with the ticket, \
      the rating, the comment and the agent.

      Examples:
        desk rate 42 bad --comment "took three days"
        desk rate request 42
        desk rate exclude 42 --reason "customer clicked the wrong button"
        desk rate list --negative --since -7d
        desk rate nps --customer anna@example.com 9
      """,
    subcommands: [Give.self, Request.self, Exclude.self, List.self, NPS.self],
    defaultSubcommand: Give.self)

  struct Give: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "give", abstract: "Record a rating: desk rate ID LEVEL.",
      discussion: """
        Example:
          desk rate give 42 great --comment "fast and kind"
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket.") var id: String
    @Argument(help: "bad, normal or great (1, 2, 3, 😞, 😐, 😍).") var level: String
    @Option(help: "The customer's comment.") var comment: String?

    func run() throws {
      try global.output.check(ratingSchema)
      guard let level = Rating.Level(parsing: level) else {
        throw DeskError.usage("'\(level)' is not a rating", hint: "bad, normal, great, 1, 2, 3, 😞, 😐 or 😍")
      }
      let r = try global.openDesk().ratings.rate(try Input.ticketID(id), level, comment: comment)
      try ratingSchema.report(r, global.output, line: "ticket \(r.ticketID): rated \(r.level.name)")
    }
  }

  struct Request: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "request", abstract: "Ask the customer for a rating (template rating-request; by email for a phone ticket).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket.") var id: String
    func run() throws {
      try global.output.check(outcomeSchema)
      try global.openDesk().ratings.request(try Input.ticketID(id)).render(global.output)
    }
  }

  struct Exclude: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exclude",
      abstract: "Leave a ticket's rating out of the statistics (it stays in history; leads and admins).",
      discussion: """
        Bonuses rest on ratings, so only leads and admins exclude them, and never a rating credited to \
        themselves. Excluding an excluded rating changes nothing and keeps the first reason.

        Example:
          desk rate exclude 42 --reason "customer clicked the wrong button"
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket.") var id: String
    @Option(help: "Why (required).") var reason: String
    func run() throws {
      try global.output.check(ratingSchema)
      let e = try global.openDesk().ratings.exclude(try Input.ticketID(id), reason: reason)
      let r = e.rating
      try ratingSchema.report(
        r, global.output,
        line: e.changed
          ? "ticket \(r.ticketID): rating \(r.level.name) excluded"
          : "ticket \(r.ticketID): rating \(r.level.name) already excluded (\(r.excludedReason ?? "no reason"))")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List ratings.",
      discussion: """
        Example:
          desk rate list --negative --since -7d
        """, aliases: ["ls"])
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only bad and normal ones that count.") var negative = false
    @Option(help: "Only ratings credited to this agent.") var agent: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Given at or after.", valueName: "date")) var since: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Given before.", valueName: "date")) var until: String?
    @Flag(help: "Replaced ratings too.") var all = false

    func run() throws {
      let desk = try global.openDesk()
      var f = Ratings.Filter()
      f.negative = negative
      f.agent = agent == "me" ? desk.login : agent
      f.from = try since.map { try Input.date($0, option: "--since", clock: desk.clock) }
      f.to = try until.map { try Input.date($0, option: "--until", clock: desk.clock) }
      f.includeReplaced = all
      let writer = try RecordWriter(ratingSchema, options: global.output)
      try desk.ratings.list(f) { writer.write($0) }
      writer.finish()
    }
  }

  struct NPS: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "nps", abstract: "Record a customer's Net Promoter Score answer (0–10).",
      discussion: """
        Example:
          desk rate nps --customer anna@example.com 9 --comment "works well"
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The customer.") var customer: String
    @Argument(help: "0 to 10.") var score: Int
    @Option(help: "The customer's comment.") var comment: String?
    func run() throws {
      try global.output.check(NPS.schema)
      let desk = try global.openDesk()
      let id = try desk.ratings.nps(customer: customer, score: score, comment: comment)
      let answer = Answer(id: id, customerID: try desk.customers.show(customer).id, score: score, comment: comment)
      try NPS.schema.report(answer, global.output, line: "nps \(id): \(score) from \(customer)")
    }

    /// The answer recorded.
    struct Answer {
      let id: Int64
      let customerID: Int64
      let score: Int
      let comment: String?
    }

    static let schema = Schema<Answer>(
      fields: [
        Field("id") { .int($0.id) }, Field("customer_id") { .int($0.customerID) }, Field("score") { .int(Int64($0.score)) },
        Field("comment") { Cell($0.comment) },
      ],
      tableDefault: ["id", "customer_id", "score", "comment"], flexible: ["comment"])
  }
}
