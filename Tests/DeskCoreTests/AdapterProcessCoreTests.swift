import Foundation
import Testing

@testable import DeskCore

@Suite("AdapterProcess: SIGPIPE stays scoped, stderr is summed up in one bounded line")
struct AdapterProcessCoreTests {
  @Test("a program that stops reading leaves no SIGPIPE pending or blocked in the caller")
  func sigpipeScoped() throws {
    let big = Data(repeating: UInt8(ascii: "x"), count: 200 * 1024)
    #expect(AdapterProcess(argv: ["/bin/true"], input: big, timeout: 5).run() == nil)
    #expect(AdapterProcess(argv: ["/bin/sh", "-c", "exit 4"], input: big, timeout: 5).run() == "/bin/sh exited with status 4")
    var pending = sigset_t()
    sigpending(&pending)
    #expect(sigismember(&pending, SIGPIPE) == 0)
    var mask = sigset_t()
    pthread_sigmask(SIG_SETMASK, nil, &mask)
    #expect(sigismember(&mask, SIGPIPE) == 0)
  }

  @Test("the detail keeps three non-empty lines, drops control characters and stops at 500 bytes")
  func detail() {
    #expect(AdapterProcess.detail(Data("\n a\u{1B}[1m\tb \r\n\nc\nd\ne\n".utf8)) == "a[1m b / c / d")
    #expect(AdapterProcess.detail(Data()) == "")
    let long = AdapterProcess.detail(Data(String(repeating: "é", count: 400).utf8))
    #expect(long == String(repeating: "é", count: 250))
  }
}
