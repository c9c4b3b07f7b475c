import Foundation
import Testing

/// desk running in a real pseudo-terminal: a tmux server of its own (`-L`), 120×40, driven
/// by `send-keys` and read by `capture-pane`. Waits poll the screen with a timeout.
final class TmuxSession {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  let sandbox: Sandbox
  private let socket = "desk-" + UUID().uuidString.prefix(8)
  private let session = "desk"

  /// Starts `desk arguments` in the sandbox's environment, with its history in the sandbox
  /// (`XDG_STATE_HOME`), a UTF-8 locale and an xterm.
  init(_ sandbox: Sandbox, arguments: [String] = ["shell"], env extra: [String: String] = [:]) throws {
    self.sandbox = sandbox
    let env = sandbox.env.merging(["XDG_STATE_HOME": sandbox.dir + "/state", "TERM": "xterm-256color", "LANG": "C.UTF-8"]) { $1 }
      .merging(extra) { $1 }
    let words = ["exec", "env", "-i"] + env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + [Sandbox.binary] + arguments
    let command = words.map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }.joined(separator: " ")
    try tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "-s", session, command)
  }

  deinit { _ = try? tmux("kill-server") }

  /// Presses keys by tmux's names: `Tab`, `Enter`, `Up`, `C-c`, `C-d`.
  func press(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }

  /// Types text as it is, UTF-8 included.
  func type(_ text: String) throws { try tmux("send-keys", "-t", session, "-l", text) }

  /// The screen and what scrolled off it, without the blank rows below the last line.
  func lines() throws -> [String] {
    var lines = try tmux("capture-pane", "-p", "-S", "-", "-t", session).components(separatedBy: "\n")
    while let last = lines.last, last.isEmpty { lines.removeLast() }
    return lines
  }

  /// Polls the screen until `condition` holds; fails the test with the screen after `seconds` (generous: a
  /// loaded 2-core machine can take seconds to start a debug desk, and a wait that succeeds returns at once).
  @discardableResult
  func wait(
    for what: String, seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation, _ condition: ([String]) -> Bool
  ) throws -> [String] {
    let deadline = Date().addingTimeInterval(seconds)
    var screen: [String] = []
    while Date() < deadline {
      screen = (try? lines()) ?? screen
      if condition(screen) { return screen }
      usleep(20_000)
    }
    Issue.record("timed out waiting for \(what); the screen:\n\(screen.joined(separator: "\n"))", sourceLocation: sourceLocation)
    throw Failure(description: "timed out waiting for \(what)")
  }

  /// Waits for the shell's first prompt.
  @discardableResult
  func waitForPrompt(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
    try wait(for: "the prompt", sourceLocation: sourceLocation) { $0.last.map(Self.isBarePrompt) ?? false }
  }

  /// Types a line and Enter, waits for the next prompt, and returns what the command printed.
  func run(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
    let before = try waitForPrompt(sourceLocation: sourceLocation)
    let prompts = before.filter(Self.isPrompt).count
    try type(line)
    try press("Enter")
    let after = try wait(for: "the prompt after \(line)", sourceLocation: sourceLocation) { lines in
      lines.filter(Self.isPrompt).count > prompts && lines.last.map(Self.isBarePrompt) == true
    }
    return Array(after[before.count..<(after.count - 1)])
  }

  /// Whether the pane's process has ended (the session goes with it).
  var isFinished: Bool { (try? tmux("has-session", "-t", session)) == nil }

  static func isPrompt(_ line: String) -> Bool { line.hasPrefix("desk(") }
  /// A prompt with nothing typed after it (capture-pane drops the trailing space).
  static func isBarePrompt(_ line: String) -> Bool { line.hasPrefix("desk(") && line.hasSuffix(">") }

  @discardableResult
  private func tmux(_ arguments: String...) throws -> String { try tmux(arguments) }

  /// Runs tmux with posix_spawn and waitpid rather than Foundation's Process, whose wait
  /// never returns while a grandchild (the server that new-session starts) keeps its descriptors.
  @discardableResult
  private func tmux(_ arguments: [String]) throws -> String {
    let output = sandbox.dir + "/.tmux-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: output) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    // A private socket directory and a clean environment, whatever terminal runs the tests.
    let env = ["PATH=/usr/bin:/bin", "HOME=\(sandbox.dir)", "TMUX_TMPDIR=\(sandbox.dir)", "LANG=C.UTF-8"]
    let argv = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup($0) } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    // The test runner's threads block most signals, and a child inherits that: tmux could
    // then not reap its panes, nor desk see Ctrl-C. Start it as a shell would.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var all = sigset_t()
    sigfillset(&all)
    sigdelset(&all, SIGKILL)
    sigdelset(&all, SIGSTOP)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid = pid_t()
    guard posix_spawn(&pid, "/usr/bin/tmux", &actions, &attributes, argv, envp) == 0 else {
      throw Failure(description: "cannot run /usr/bin/tmux (make deps installs it)")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    guard status == 0 else { throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed") }
    return String(decoding: FileManager.default.contents(atPath: output) ?? Data(), as: UTF8.self)
  }
}
