import ArgumentParser
import DeskCore

/// `desk shell`, which `desk` alone opens at a terminal.
struct ShellCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shell",
    abstract: "An interactive shell for desk's commands, with history and Tab completion; or run a script of them.",
    discussion: """
      At a terminal (and what `desk` alone opens there): type commands without "desk", with the shell's \
      quoting ('…', "…", \\). Tab completes commands, flags, ticket ids (listed with their subjects), tags, \
      agents, customers, templates, policies, views and articles; Up and Ctrl-R search the history, kept in \
      $XDG_STATE_HOME/desk/history (~/.local/state/desk/history). `use ID` makes a ticket current, so that \
      show, reply, note, assign, set, solve, close, reopen, history and merge act on it when given no id. A \
      failing command prints its error and the shell goes on; Ctrl-C abandons the line or stops the running \
      command; exit, quit or Ctrl-D leave. Lines in ~/.editrc starting with desk: configure the line editor.

      With standard input not a terminal, it runs the lines as a script: no prompt, blank lines and # \
      comments skipped, commands read no standard input. It stops at the first failing command with its exit \
      status; with --keep-going it runs every line and exits with the status of the last one that failed, or \
      0.

      Examples:
        desk shell
        desk(desk.db) root> ticket list --assignee me
        desk(desk.db) root> use 42
        desk(desk.db) root #42> reply -m "Fixed in 2.3.1" --status pending
        desk(desk.db) root #42> exit
        desk shell --keep-going < morning.desk
      """)

  @OptionGroup var connection: DeskOptions

  @Flag(help: "In a script, run every line even after one fails; exit with the last failure's status.")
  var keepGoing = false

  func run() throws {
    let shell = Shell(connection: connection)
    let status = Terminal.stdinIsTTY ? shell.interactive() : shell.script(keepGoing: keepGoing)
    if status != 0 { throw ExitCode(status) }
  }
}
