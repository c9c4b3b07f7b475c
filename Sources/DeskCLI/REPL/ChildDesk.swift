import DeskCore
import Foundation

/// Runs one line of the shell as a desk process of its own — this same binary — on the
/// shell's terminal: every command starts clean (desk exits at the end of each and keeps
/// static state), and Ctrl-C stops the command while the shell carries on.
enum ChildDesk {
  /// Runs desk with `arguments` and waits. Returns its exit status, or 128+N when signal N ended it.
  /// - Parameters:
  ///   - environment: variables to set on top of the shell's own (`DESK_DB`, `DESK_AGENT`).
  ///   - nullInput: read standard input from /dev/null instead of the shell's.
  static func run(_ arguments: [String], environment: [String: String], nullInput: Bool) throws -> Int32 {
    fflush(stdout)
    fflush(stderr)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // As a shell starts a command: default signal actions, nothing blocked.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTSTP] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if nullInput { posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0) }

    let argv = (["desk"] + arguments).map { strdup($0) } + [nil]
    let env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }

    var pid = pid_t()
    // /proc/self/exe is this binary even if the file was replaced since it started.
    let error = posix_spawn(&pid, "/proc/self/exe", &actions, &attributes, argv, envp)
    guard error == 0 else {
      // Linux takes no argument over 128 KB (MAX_ARG_STRLEN): a line too long is a usage error, not a missing service.
      if error == E2BIG { throw DeskError.usage("the line is too long for one command (over 128 KB)") }
      throw DeskError.unavailable("cannot run desk: \(String(cString: strerror(error)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 {
      // Ctrl-C reaches the child from the terminal; the shell only waits on.
      guard errno == EINTR else { throw DeskError.unexpected("waiting for desk: \(String(cString: strerror(errno)))") }
    }
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}
