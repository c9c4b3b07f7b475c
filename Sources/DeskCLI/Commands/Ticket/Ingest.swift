import ArgumentParser
import DeskCore
import Foundation

extension TicketCommand {
  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest",
      abstract: "Take in a customer's message from a gateway: mail, a bot or a widget.",
      discussion: """
        The message is appended to the ticket given with --ticket or named [#N] in the subject (if it is \
        this customer's), else to the customer's latest ticket on this channel that is not closed, else a \
        new ticket is opened. A message to a closed ticket opens a follow-up linked to it; a pending or \
        solved ticket that gets a message is open again. An unknown customer is created from the identifiers \
        given; a known one (by --customer or any identifier) is given every identifier the message carries \
        that they do not hold yet (a second email or phone is kept as a handle email:… or phone:…). An \
        identifier of another customer is refused (65), naming both customers, and nothing is taken in: \
        merge them with desk customer merge, or move the identifier to this customer with desk customer edit --force.

        With --stdin-json, one JSON object is read from stdin, for example:
          {"channel": "telegram", "handle": "@anna", "name": "Anna",
           "subject": "...", "ticket": 12, "body": "...",
           "email": "...", "phone": "...", "account": "...", "customer": "...",
           "automatic": false, "headers": {"Auto-Submitted": "auto-replied"},
           "attachments": [{"name": "shot.png", "content_type": "image/png",
                            "data": "<base64>"}]}

        Raw mail (an RFC 5322 message a mail server delivers) is for desk mail ingest.

        Prints the ticket id and whether it was created (--json: ticket, created, message, customer, \
        customer_created, follow_up_of).

        Examples:
          desk ticket ingest --channel telegram --handle @anna --name "Anna P." \\
            -m "Export hangs"
          desk ticket ingest --stdin-json --json < message.json
        """)

    @OptionGroup var global: GlobalOptions
    @Flag(name: .customLong("stdin-json"), help: "Read the message as one JSON object from stdin.") var stdinJSON = false
    @Option(help: ArgumentHelp("The customer: an id, email, +phone, KIND:handle or account ID.", valueName: "customer"))
    var customer: String?
    @Option(help: "The customer's email.") var email: String?
    @Option(help: "The customer's phone.") var phone: String?
    @Option(help: ArgumentHelp("A messenger handle; KIND: defaults to the channel.", valueName: "handle")) var handle: String?
    @Option(help: ArgumentHelp("The customer's account ID (cabinet).", valueName: "id")) var account: String?
    @Option(help: "The customer's name, if the customer is new.") var name: String?
    @Option(help: "The channel.") var channel: String?
    @Option(help: "The subject (a new ticket's; [#N] routes to ticket N).") var subject: String?
    @Option(help: ArgumentHelp("The ticket this message answers, when the gateway knows which.", valueName: "id"))
    var ticket: String?
    @OptionGroup var body: BodyOptions
    @Flag(help: "The message was sent automatically (so no auto-reply).") var automatic = false
    @Option(name: .customLong("header"), help: ArgumentHelp("A mail header, 'Name: value' (repeatable).", valueName: "header"))
    var headers: [String] = []
    @Option(name: .customLong("attach"), help: ArgumentHelp("Attach a file (repeatable).", valueName: "file"))
    var attachments: [String] = []

    func validate() throws {
      if stdinJSON, channel != nil || body.body != nil || body.bodyFile != nil || customer != nil || email != nil {
        throw ValidationError("--stdin-json takes the whole message from stdin; leave out the other message options")
      }
      if !stdinJSON, channel == nil { throw ValidationError("--channel is required (or --stdin-json)") }
    }

    func run() throws {
      let schema = Schema<IngestResult>(
        fields: [
          Field("ticket") { .int($0.ticket.id) },
          Field("created") { .bool($0.created) },
          Field("message") { .int($0.messageID) },
          Field("customer") { .int($0.customerID) },
          Field("customer_created") { .bool($0.customerCreated) },
          Field("follow_up_of") { Cell($0.followUpOf) },
          Field("status") { .text($0.ticket.status.rawValue) },
        ],
        tableDefault: ["ticket", "created", "message", "customer", "status"], idField: "ticket")
      try global.output.check(schema)
      var request: IngestRequest
      if stdinJSON {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard String(data: data, encoding: .utf8) != nil else { throw DeskError.invalidInput("standard input is not valid UTF-8") }
        do {
          request = try JSONDecoder().decode(IngestRequest.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
          throw DeskError.invalidInput("the JSON message has no \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context) {
          throw DeskError.invalidInput(
            "the JSON message has a wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch {
          throw DeskError.invalidInput("standard input is not one JSON object")
        }
      } else {
        request = IngestRequest(channel: channel!)
        request.customer = customer
        request.email = email
        request.phone = phone
        request.handle = handle
        request.account = account
        request.name = name
        request.subject = subject
        request.ticket = try ticket.map(Input.ticketID)
        request.body = try body.read()
        request.automatic = automatic
        request.headers = try Dictionary(
          headers.map { h in
            guard let colon = h.firstIndex(of: ":") else { throw ValidationError("--header '\(h)' is not 'Name: value'") }
            return (
              String(h[..<colon]).trimmingCharacters(in: .whitespaces),
              String(h[h.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            )
          }, uniquingKeysWith: { _, last in last })
        request.files = try Input.attachments(attachments)
      }
      let result = try global.openDesk().tickets.ingest(request)
      if global.output.isExplicit {
        try schema.write(one: result, global.output)
      } else {
        Terminal.write("\(result.ticket.id)\t\(result.created ? "created" : "appended")\n")
      }
    }
  }
}
