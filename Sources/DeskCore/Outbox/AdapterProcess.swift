import Foundation

extension Outbox {
  /// Runs a command without a shell, feeding `input`; nil on exit 0, else why not.
  func runCommand(_ argv: [String], input: Data, timeout: Int) -> String? {
    AdapterProcess(argv: argv, input: input, timeout: timeout).run()
  }
}

/// One run of an exec or sendmail adapter's program. It runs in a process group of its own with
/// default signal actions; its input is written while its stderr is read and the clock runs, so
/// neither a program that stops reading nor one that hangs can hold desk past `timeout`, after
/// which the whole group gets TERM and, a grace period later, KILL. No file is made: stderr is
/// read through a pipe, and only its first bytes are kept.
struct AdapterProcess {
  var argv: [String]
  var input: Data
  /// Seconds from the start to the TERM.
  var timeout: Int

  /// From TERM to KILL.
  static let graceNanoseconds: UInt64 = 2_000_000_000
  /// How much of stderr is kept to explain a failure; the rest is read and dropped.
  static let keptBytes = 4096
  static let detailLines = 3
  static let detailBytes = 500

  /// Runs the program to its end; nil when it exited 0.
  func run() -> String? {
    let name = argv[0]
    guard let stdinPipe = Self.pipe() else { return "cannot run \(name): \(Self.errorText(errno))" }
    guard let stderrPipe = Self.pipe() else {
      for fd in stdinPipe { close(fd) }
      return "cannot run \(name): \(Self.errorText(errno))"
    }
    let spawned = spawn(stdin: stdinPipe[0], stderr: stderrPipe[1])
    close(stdinPipe[0])
    close(stderrPipe[1])
    let pid: pid_t
    switch spawned {
    case .success(let started): pid = started
    case .failure(let code):
      close(stdinPipe[1])
      close(stderrPipe[0])
      return "cannot run \(name): \(Self.errorText(code))"
    }
    var run = Running(pid: pid, stdin: stdinPipe[1], stderr: stderrPipe[0], input: input)
    let stopped = Self.withoutSIGPIPE { run.feedUntilExit(deadline: Self.now() + UInt64(timeout) * 1_000_000_000) }
    if stopped { run.stopGroup() }
    run.closeAll()
    let detail = Self.detail(run.kept)
    let tail = detail.isEmpty ? "" : ": \(detail)"
    if stopped { return "\(name) did not finish within \(timeout)s (stopped)" + tail }
    let status = run.status ?? 0
    let signal = status & 0x7f
    if signal != 0 { return "\(name) was killed by signal \(signal)" + tail }
    let code = (status >> 8) & 0xff
    return code == 0 ? nil : "\(name) exited with status \(code)" + tail
  }

  private enum Spawned {
    case success(pid_t)
    case failure(Int32)
  }

  /// posix_spawn into a new process group, as a shell starts a job: default signal actions, nothing blocked.
  private func spawn(stdin: Int32, stderr: Int32) -> Spawned {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdin, STDIN_FILENO)
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, stderr, STDERR_FILENO)
    // Nothing else desk holds or inherited (a parent's pipes, sockets) reaches the adapter.
    _ = Self.addCloseFrom?(&actions, 3)

    let args = argv.map { strdup($0) } + [nil]
    defer { for pointer in args { free(pointer) } }
    var pid = pid_t()
    // A bare name is looked up on PATH, as env(1) did before.
    let error =
      argv[0].contains("/")
      ? posix_spawn(&pid, argv[0], &actions, &attributes, args, environ)
      : posix_spawnp(&pid, argv[0], &actions, &attributes, args, environ)
    return error == 0 ? .success(pid) : .failure(error)
  }

  private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
  /// glibc 2.34's posix_spawn_file_actions_addclosefrom_np, which the Glibc module does not declare.
  private static let addCloseFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
    unsafeBitCast($0, to: AddCloseFrom.self)
  }

  /// Runs `body` with SIGPIPE blocked in this thread only, so a write to an adapter that stopped
  /// reading fails with EPIPE instead of ending desk; the SIGPIPE it left pending is taken back.
  /// Ignoring SIGPIPE for the whole process would also change how desk ends when its own stdout
  /// closes (`desk … | head -1`), and children would inherit the ignored signal.
  static func withoutSIGPIPE<T>(_ body: () -> T) -> T {
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
    let result = body()
    var pending = sigset_t()
    sigpending(&pending)
    if sigismember(&pending, SIGPIPE) == 1 && sigismember(&previous, SIGPIPE) == 0 {
      var now = timespec(tv_sec: 0, tv_nsec: 0)
      _ = sigtimedwait(&pipeSignal, nil, &now)
    }
    pthread_sigmask(SIG_SETMASK, &previous, nil)
    return result
  }

  /// A pipe whose ends are closed in every program desk starts (the child gets copies on 0 and 2).
  static func pipe() -> [Int32]? {
    var fds: [Int32] = [-1, -1]
    guard Glibc.pipe(&fds) == 0 else { return nil }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return fds
  }

  static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

  static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

  /// The first non-empty lines of stderr, without control characters, bounded.
  static func detail(_ bytes: Data) -> String {
    let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).lazy
      .map { line in
        String(
          String.UnicodeScalarView(
            line.unicodeScalars.compactMap { $0 == "\t" ? " " : $0.properties.generalCategory == .control ? nil : $0 })
        ).trimmingCharacters(in: .whitespaces)
      }
      .filter { !$0.isEmpty }.prefix(detailLines)
    var out = ""
    for character in lines.joined(separator: " / ") {
      guard out.utf8.count + character.utf8.count <= detailBytes else { break }
      out.append(character)
    }
    return out
  }
}

/// A spawned adapter and desk's ends of its pipes.
private struct Running {
  let pid: pid_t
  var stdin: Int32
  var stderr: Int32
  let input: Data
  var written = 0
  var status: Int32?
  var kept = Data()

  init(pid: pid_t, stdin: Int32, stderr: Int32, input: Data) {
    (self.pid, self.stdin, self.stderr, self.input) = (pid, stdin, stderr, input)
    _ = fcntl(stdin, F_SETFL, fcntl(stdin, F_GETFL) | O_NONBLOCK)
    _ = fcntl(stderr, F_SETFL, fcntl(stderr, F_GETFL) | O_NONBLOCK)
    if input.isEmpty { closeStdin() }
  }

  /// Feeds stdin and reads stderr until the program exits; true when the deadline came first.
  mutating func feedUntilExit(deadline: UInt64) -> Bool {
    while true {
      reap()
      if status != nil {
        drainStderr()
        return false
      }
      let now = AdapterProcess.now()
      guard now < deadline else { return true }
      // poll(2) cannot see the exit itself; stderr closing usually marks it, else look again soon.
      let slice: UInt64 = stdin < 0 && stderr < 0 ? 5_000_000 : 100_000_000
      pollOnce(timeoutNanoseconds: min(deadline - now, slice))
    }
  }

  /// TERM to the whole group, a grace period for it to end, then KILL; the program is reaped.
  mutating func stopGroup() {
    closeStdin()
    kill(-pid, SIGTERM)
    let graceEnd = AdapterProcess.now() + AdapterProcess.graceNanoseconds
    while AdapterProcess.now() < graceEnd {
      reap()
      if status != nil && kill(-pid, 0) == -1 && errno == ESRCH { return }
      pollOnce(timeoutNanoseconds: min(graceEnd - AdapterProcess.now(), 20_000_000))
    }
    kill(-pid, SIGKILL)
    while status == nil {
      var raw: Int32 = 0
      let result = waitpid(pid, &raw, 0)
      if result == pid { status = raw } else if result == -1 && errno != EINTR { status = 0 }
    }
  }

  mutating func closeAll() {
    closeStdin()
    if stderr >= 0 { close(stderr) }
    stderr = -1
  }

  private mutating func reap() {
    guard status == nil else { return }
    var raw: Int32 = 0
    if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
  }

  private mutating func pollOnce(timeoutNanoseconds: UInt64) {
    var fds: [pollfd] = []
    if stdin >= 0 { fds.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
    if stderr >= 0 { fds.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
    let milliseconds = Int32(clamping: (timeoutNanoseconds + 999_999) / 1_000_000)
    guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return }
    for fd in fds where fd.revents != 0 {
      if fd.fd == stdin { writeSome() } else if fd.fd == stderr { readSome() }
    }
  }

  private mutating func writeSome() {
    let n = input.withUnsafeBytes { bytes in
      Glibc.write(stdin, bytes.baseAddress! + written, bytes.count - written)
    }
    if n > 0 {
      written += n
      if written == input.count { closeStdin() }
    } else if n < 0 && errno != EAGAIN && errno != EINTR {
      closeStdin()  // EPIPE: the adapter stopped reading; its exit status tells how it went
    }
  }

  /// Reads what stderr holds now; false at its end or when nothing is there.
  @discardableResult
  private mutating func readSome() -> Bool {
    var buffer = [UInt8](repeating: 0, count: 65536)
    let n = read(stderr, &buffer, buffer.count)
    if n > 0 {
      kept.append(contentsOf: buffer.prefix(max(0, min(n, AdapterProcess.keptBytes - kept.count))))
      return true
    }
    if n == 0 || (errno != EAGAIN && errno != EINTR) {
      close(stderr)
      stderr = -1
    }
    return false
  }

  /// After the exit: what is already in the pipe, without waiting for children that still hold it.
  private mutating func drainStderr() {
    for _ in 0..<16 where stderr >= 0 {
      guard readSome() else { return }
    }
  }

  private mutating func closeStdin() {
    if stdin >= 0 { close(stdin) }
    stdin = -1
  }
}
