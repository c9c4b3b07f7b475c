import Foundation

/// Ctrl-C in the shell abandons the line being typed, or stops the command running, and
/// never ends the session (as in psql).
enum Interrupt {
  nonisolated(unsafe) private static var flag: sig_atomic_t = 0
  /// A pipe the handler writes a byte to, so that a wait for a key sees a Ctrl-C that came
  /// before it started (a flag alone would be missed by a read that then blocks).
  nonisolated(unsafe) private static var pipe: (read: Int32, write: Int32) = (-1, -1)

  /// Catches SIGINT (without SA_RESTART). A child desk still gets it from the terminal.
  static func install() {
    var fds: [Int32] = [-1, -1]
    if Glibc.pipe(&fds) == 0 {
      for fd in fds {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
      }
      pipe = (fds[0], fds[1])
    }
    reset()
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
      Interrupt.flag = 1
      var byte: UInt8 = 0
      _ = write(Interrupt.pipe.write, &byte, 1)
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
    // A shell started with SIGINT blocked would never see Ctrl-C.
    unblock([SIGINT])
  }

  /// Unblocks `signals` in this thread, which a parent may have left blocked (a test runner does).
  static func unblock(_ signals: [Int32]) {
    var set = sigset_t()
    sigemptyset(&set)
    for sig in signals { sigaddset(&set, sig) }
    sigprocmask(SIG_UNBLOCK, &set, nil)
  }

  /// Forgets Ctrl-Cs that came before now.
  static func reset() {
    flag = 0
    var buffer = [UInt8](repeating: 0, count: 64)
    while pipe.read >= 0, read(pipe.read, &buffer, buffer.count) > 0 {}
  }

  static var received: Bool { flag != 0 }

  /// Waits until `fd` has input: true, or false when Ctrl-C came first (or came before the wait).
  static func waitForInput(_ fd: Int32) -> Bool {
    var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: pipe.read, events: Int16(POLLIN), revents: 0)]
    while true {
      if received { return false }
      let ready = poll(&fds, nfds_t(pipe.read >= 0 ? 2 : 1), -1)
      if ready < 0 {
        guard errno == EINTR else { return false }
        continue
      }
      if fds[1].revents != 0 { return false }
      if fds[0].revents != 0 { return true }
    }
  }
}
