import Foundation
import DeskCore
import Testing

@testable import DeskCLI

@Suite("the shell's word splitter")
struct ShellWordsTests {
  @Test("blanks separate words; runs of them count once")
  func blanks() throws {
    #expect(try ShellWords.split("ticket  list\t--all ") == ["ticket", "list", "--all"])
    #expect(try ShellWords.split("   ") == [])
    #expect(try ShellWords.split("") == [])
  }

  @Test("single quotes keep everything literally, backslashes and double quotes too")
  func singleQuotes() throws {
    #expect(try ShellWords.split(#"reply -m 'C:\new "fine"'"#) == ["reply", "-m", #"C:\new "fine""#])
    // A backslash does not escape a single quote inside single quotes: it ends them.
    #expect(try ShellWords.split(#"'a\'b"#) == [#"a\b"#])
    #expect(try ShellWords.split("note -m 'a  b'") == ["note", "-m", "a  b"])
  }

  @Test("double quotes keep blanks; a backslash in them escapes only \", \\, $ and `")
  func doubleQuotes() throws {
    #expect(try ShellWords.split(#"new "Printer \"HP\" on fire""#) == ["new", #"Printer "HP" on fire"#])
    #expect(try ShellWords.split(#""a\\b" "c\nd" "\$x" "\`""#) == [#"a\b"#, #"c\nd"#, "$x", "`"])
  }

  @Test("outside quotes a backslash escapes any character")
  func backslash() throws {
    #expect(try ShellWords.split(#"tag add 1 out\ age \'x\\"#) == ["tag", "add", "1", "out age", "'x\\"])
  }

  @Test("quoted parts join the text around them, and an empty quote is an empty word")
  func joining() throws {
    #expect(try ShellWords.split(#"a"b c"d'e f'"#) == ["ab cde f"])
    #expect(try ShellWords.split(#"set 1 --subject "" x"#) == ["set", "1", "--subject", "", "x"])
    #expect(try ShellWords.split("''") == [""])
  }

  @Test("UTF-8 text, Cyrillic and emoji, comes through whole")
  func unicode() throws {
    #expect(try ShellWords.split(#"ticket new "Не могу войти" -m 'Ёлка 😍'"#) == ["ticket", "new", "Не могу войти", "-m", "Ёлка 😍"])
    #expect(try ShellWords.split("tag add 1 зарплата") == ["tag", "add", "1", "зарплата"])
    // A combining accent after a quote stays with the text, not with the quote.
    #expect(try ShellWords.split("\"e\"\u{301}") == ["e\u{301}"])
  }

  @Test("an unterminated quote or a trailing backslash is one clear usage error")
  func unterminated() {
    #expect(throws: DeskError.usage("unterminated double quote", hint: "end the quoted text with another \"")) {
      try ShellWords.split(#"ticket new "Printer on fire"#)
    }
    #expect(throws: DeskError.usage("unterminated single quote", hint: "end the quoted text with another '")) {
      try ShellWords.split("note -m 'it")
    }
    #expect(throws: DeskError.usage("unterminated double quote", hint: "end the quoted text with another \"")) {
      try ShellWords.split(#""ends in \"#)
    }
    #expect(throws: DeskError.usage("the line ends with a backslash", hint: "write \\\\ for a backslash")) {
      try ShellWords.split(#"ticket list \"#)
    }
  }

  @Test("a partial line tells completion the finished words and the word being typed")
  func scan() {
    #expect(ShellWords.scan("ticket list --assi") == ShellWords.Scan(words: ["ticket", "list"], last: "--assi", lastIsPlain: true))
    #expect(ShellWords.scan("ticket show ") == ShellWords.Scan(words: ["ticket", "show"], last: nil, lastIsPlain: true))
    #expect(
      ShellWords.scan(#"ticket new "Не мо"#)
        == ShellWords.Scan(words: ["ticket", "new"], last: "Не мо", lastIsPlain: false, open: .doubleQuote))
    #expect(ShellWords.scan(#"note -m a\ b"#) == ShellWords.Scan(words: ["note", "-m"], last: "a b", lastIsPlain: false))
  }
}

/// Property test of the REPL's line parser: random lines never crash it, and any words quoted
/// as a shell would quote them split back into the same words.
@Suite struct ShellWordsFuzzTests {
  @Test func randomLinesSplitOrAreRefusedAndQuotedWordsRoundTrip() {
    var numbers = SeededNumbers(state: 11)
    func next() -> Int { numbers.next() }
    let alphabet = Array("ab -'\"\\\t$`ё#Й😀\u{301}=,:;|&*")
    let cases = Int(ProcessInfo.processInfo.environment["DESK_FUZZ_CASES"] ?? "") ?? 2000
    for _ in 0..<cases {
      let line = String((0..<next() % 24).map { _ in alphabet[next() % alphabet.count] })
      do { _ = try ShellWords.split(line) } catch let error as DeskError {
        #expect(error.exitCode == 64, "\(line.debugDescription)")
      } catch { Issue.record("\(line.debugDescription): \(error)") }
      let words = (0..<next() % 5).map { _ in String((0..<1 + next() % 6).map { _ in alphabet[next() % alphabet.count] }) }
      let quoted = words.map(CompleteCommand.quoted).joined(separator: " ")
      #expect((try? ShellWords.split(quoted)) == words, "\(words) → \(quoted)")
    }
  }
}
