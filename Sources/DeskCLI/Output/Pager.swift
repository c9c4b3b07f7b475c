import DeskCore
import Foundation

/// Long output on a terminal goes through a pager, as git's and gh's does: `$DESK_PAGER`, else
/// `$PAGER`, else `less -FRX`; an empty one or `cat` means none, and so does `--no-pager`.
/// Never when standard output is not a terminal. The pager takes over standard output until
/// desk exits, and desk waits for it.
enum Pager {
  nonisolated(unsafe) private static var child: pid_t?

  /// The pager to run (a shell command line), or nil for none.
  static func command(_ env: [String: String] = Terminal.env) -> String? {
    let chosen = env["DESK_PAGER"] ?? env["PAGER"]
    if let chosen {
      let trimmed = chosen.trimmingCharacters(in: .whitespaces)
      return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
    }
    // The default is used only where it is installed: a missing pager must not lose the output.
    return Executable.isOnPath("less", path: env["PATH"] ?? "/usr/bin:/bin") ? "less -FRX" : nil
  }

  /// Starts the pager when output of `lines` lines would not fit the terminal's screen (a
  /// prompt follows it). Does nothing when it is started already, or off.
  static func start(forLines lines: Int, disabled: Bool) {
    guard child == nil, !disabled, let rows = Terminal.height, lines >= rows, let command = command() else { return }
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    posix_spawn_file_actions_addclose(&actions, fds[1])
    // As git does: less and lv get their options unless the user set some.
    var env = Terminal.env
    if env["LESS"] == nil { env["LESS"] = "FRX" }
    if env["LV"] == nil { env["LV"] = "-c" }
    let words: [String] = ["/bin/sh", "-c", command]
    let argv = words.map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid = pid_t()
    guard posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp) == 0 else {
      close(fds[0])
      close(fds[1])
      return
    }
    fflush(stdout)
    dup2(fds[1], STDOUT_FILENO)
    close(fds[0])
    close(fds[1])
    child = pid
    atexit { Pager.wait() }
  }

  /// Ends the output and waits until the reader quits the pager; Ctrl-C meanwhile is the pager's.
  static func wait() {
    guard let pid = child else { return }
    child = nil
    fflush(stdout)
    close(STDOUT_FILENO)
    signal(SIGINT, SIG_IGN)
    signal(SIGQUIT, SIG_IGN)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
  }
}
