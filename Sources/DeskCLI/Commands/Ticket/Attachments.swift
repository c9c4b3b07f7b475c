import ArgumentParser
import DeskCore
import Foundation

let attachmentSchema = Schema<Attachment>(
  fields: [
    Field("id") { .int($0.id) },
    Field("ticket_id") { .int($0.ticketID) },
    Field("message_id") { Cell($0.messageID) },
    Field("name") { .text($0.name) },
    Field("original_name") { Cell($0.originalName) },
    Field("content_type") { .text($0.contentType) },
    Field("size") { .int($0.size) },
    Field("sha256") { .text($0.sha256) },
    Field("created_at") { .time($0.createdAt) },
    Field("created_by") { .text($0.createdBy) },
  ],
  tableDefault: ["id", "name", "content_type", "size", "created_at", "created_by"], flexible: ["name"])

extension TicketCommand {
  struct Attach: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attach",
      abstract: "Keep files with a ticket: screenshots, voice messages or logs.",
      discussion: """
        Files are stored in the database with name, type, size and SHA-256, up to attachment.max-bytes each \
        (default 25 MiB; see desk config). To send a file to the customer, use ticket reply --attach.

        Example:
          desk ticket attach 42 screenshot.png call.ogg
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket.") var id: String
    @Argument(help: "Files to attach (- for stdin).") var files: [String]
    @Option(help: "Store under this name (one file only).") var name: String?
    @Option(help: "The content type (default: guessed from the name).") var type: String?

    func validate() throws {
      if files.isEmpty { throw ValidationError("give at least one file") }
      if name != nil, files.count != 1 { throw ValidationError("--name takes one file") }
    }

    func run() throws {
      try global.output.check(attachmentSchema)
      let id = try Input.ticketID(self.id)
      var inputs = try Input.attachments(files)
      if let name { inputs[0].name = name }
      if let type { for i in inputs.indices { inputs[i].contentType = type } }
      let stored = try global.openDesk().tickets.attach(id, files: inputs)
      if global.output.isExplicit {
        try RecordWriter(attachmentSchema, options: global.output).writeAll(stored)
      } else {
        for a in stored { Terminal.write("ticket \(id): attached \(VisibleText.line(a.name)) as attachment \(a.id)\n") }
      }
    }
  }

  struct AttachmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "attachment",
      abstract: "List a ticket's files, or write one back out.",
      subcommands: [Get.self, ListFiles.self])

    struct Get: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "get",
        abstract: "Write an attachment to a file, or to stdout.",
        discussion: """
          Example:
            desk ticket attachment get 7 -o screenshot.png
          """)

      @OptionGroup var global: GlobalOptions
      @Argument(help: "The attachment id (see ticket show).") var id: Int64
      @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp("Write here, or - for stdout (default: the file's own name, here).", valueName: "file"))
      var output: String?
      @Flag(help: "Replace an existing file.") var force = false

      func run() throws {
        let (info, data) = try global.openDesk().tickets.attachment(id)
        let path = output ?? info.name
        if path == "-" {
          fflush(stdout)
          try PrivateFile.write(data, to: STDOUT_FILENO, path: "standard output")
          return
        }
        try PrivateFile.write(data, to: path, replace: force)
        if global.output.isExplicit {
          try attachmentSchema.write(one: info, global.output)
        } else {
          Terminal.write("wrote \(path) (\(data.count) bytes, sha256 \(info.sha256))\n")
        }
      }
    }

    struct ListFiles: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "list", abstract: "List a ticket's attachments.", aliases: ["ls"])
      @OptionGroup var global: GlobalOptions
      @Argument(help: "The ticket.") var ticket: String

      func run() throws {
        let files = try global.openDesk().tickets.attachments(of: try Input.ticketID(ticket))
        try RecordWriter(attachmentSchema, options: global.output).writeAll(files)
      }
    }
  }
}
