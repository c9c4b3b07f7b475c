import ArgumentParser

struct MailCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mail",
    abstract: "Mail from the mail server: raw RFC 5322 messages in.",
    subcommands: [Ingest.self])
}
