import ArgumentParser
import DeskCore
import Foundation

extension DBCommand {
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import",
      abstract: "Import agents, customers and tickets with their messages from JSON lines (for admins).",
      discussion: """
        One JSON object a line, each with "record": agent, customer or ticket (folded here to fit; a file \
        has each object on one line):
          {"record":"agent","login":"adelia","name":"Adelia","role":"lead",
           "email":"..."}
          {"record":"customer","id":7,"name":"Anna","email":"anna@example.com",
           "phone":"...","organization":"...","language":"ru",
           "accounts":["100234"],"handles":["telegram:@anna"]}
          {"record":"ticket","id":42,"subject":"Export hangs","customer":7,
           "channel":"email","type":"support","priority":"normal",
           "status":"closed","assignee":"adelia",
           "created_at":"2026-03-02T10:00:00Z","first_reply_at":"...",
           "solved_at":"...","closed_at":"...","updated_at":"...",
           "tags":["export"],"rating":{"score":"great","comment":"..."},
           "messages":[{"author":"customer","body":"...","created_at":"..."},
             {"author":"agent","agent":"adelia","body":"...","visibility":"public"}]}

        A customer is named by id or email; one whose email or phone is already here is that customer, and \
        the file's tickets for it follow. Ids are kept, so ticket numbers carry over. Imported tickets are \
        history: no rules, auto-replies, SLA timers or messages to send. Solving and closing are recorded as \
        status changes at solved_at and closed_at, so reports count them.

        The whole file is one transaction: a bad line (named in the error) imports nothing. With --batch N \
        every N records commit; a record whose id (an agent's login, a customer's email or phone) is already \
        there is skipped, so an interrupted import is run again to finish.

        Examples:
          desk db import tickets.jsonl
          zcat export.jsonl.gz | desk db import - --batch 50000
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The JSON-lines file, or - for stdin.") var file: String
    @Option(help: ArgumentHelp("Commit every N records (default: one transaction).", valueName: "n")) var batch = 0

    func validate() throws {
      if batch < 0 { throw ValidationError("--batch must be 0 or more") }
    }

    func run() throws {
      let schema = Schema<ImportCounts>(
        fields: [
          Field("agents") { .int(Int64($0.agents)) }, Field("customers") { .int(Int64($0.customers)) },
          Field("tickets") { .int(Int64($0.tickets)) }, Field("messages") { .int(Int64($0.messages)) },
          Field("ratings") { .int(Int64($0.ratings)) }, Field("skipped") { .int(Int64($0.skipped)) },
        ],
        tableDefault: ["agents", "customers", "tickets", "messages", "ratings", "skipped"], idField: "tickets")
      try global.output.check(schema)
      let desk = try global.openDesk()
      let lines = try LineReader(path: file)
      let c = try desk.importer.run(lines: lines, batch: batch)
      try schema.report(
        c, global.output,
        line: "imported \(c.agents) agents, \(c.customers) customers, \(c.tickets) tickets, \(c.messages) messages, \(c.ratings) ratings; skipped \(c.skipped) already there")
    }
  }
}

/// The lines of a file or stdin, read as they are needed, numbered from 1. Invalid UTF-8 is an
/// error naming the line.
struct LineReader: Sequence, IteratorProtocol {
  private let file: UnsafeMutablePointer<FILE>
  private var buffer: UnsafeMutablePointer<CChar>? = nil
  private var capacity = 0
  private var number = 0

  init(path: String) throws {
    if path == "-" {
      file = stdin
    } else {
      guard let f = fopen(path, "r") else { throw DeskError.notFound("cannot open \(path)") }
      file = f
    }
  }

  mutating func next() -> (number: Int, text: Substring)? {
    let length = getline(&buffer, &capacity, file)
    guard length >= 0, let buffer else { return nil }
    number += 1
    // The newline is cut off as a byte: String.dropLast() walked every Character of the line.
    let end = length > 0 && buffer[length - 1] == 0x0A ? length - 1 : length
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: end)
    // Invalid UTF-8 becomes a line that is not JSON, refused with its number.
    return (number, Substring(String(validating: bytes, as: UTF8.self) ?? "\u{FFFD}"))
  }
}
