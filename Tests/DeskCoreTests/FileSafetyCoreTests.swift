import Foundation
import GRDB
import Testing

@testable import DeskCore

@Suite struct FileSafetyCoreTests {
  @Test("attachment names lose directories, controls, bidi and leading dots; nothing left is 'file'")
  func safeNames() {
    let cases: [(String, String)] = [
      ("report.pdf", "report.pdf"), (".", "file"), ("..", "file"), ("/", "file"), ("", "file"), ("   ", "file"),
      (".bashrc", "bashrc"), ("...hidden", "hidden"), ("../../etc/passwd", "passwd"), ("dir/", "dir"),
      ("C:\\Users\\x\\a.doc", "a.doc"), ("a\u{0}b\u{7}c\n.txt", "abc.txt"), ("invoice\u{202E}fdp.exe", "invoicefdp.exe"),
      ("\u{2066}x\u{2069}", "x"), ("Отчёт за ноябрь.xlsx", "Отчёт за ноябрь.xlsx"), ("name.txt  ", "name.txt"),
      (String(repeating: "я", count: 200), String(repeating: "я", count: 127)),
    ]
    for (raw, safe) in cases { #expect(AttachmentName.safe(raw) == safe, "\(raw.debugDescription)") }
  }

  @Test("v7-attachment-names makes names stored before safe and keeps the original")
  func migrationSanitisesOldRows() throws {
    let queue = try migratedQueue(upTo: "v6-knowledge-base")
    try queue.write { db in
      for name in [".bashrc", "ok.png", "../x.sh"] {
        try db.execute(
          sql: """
            INSERT INTO attachment(ticket_id, name, content_type, size, sha256, data, created_at, created_by)
            VALUES (1, ?, 'text/plain', 0, '', x'', '2026-11-24T10:00:00Z', 'root')
            """, arguments: [name])
      }
    }
    try AppDatabase.migrator.migrate(queue)
    let rows = try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT name, original_name FROM attachment ORDER BY id").map {
        "\($0[0] as String)|\($0[1] as String? ?? "-")"
      }
    }
    #expect(rows == ["bashrc|.bashrc", "ok.png|-", "x.sh|../x.sh"])
  }

  @Test("a full disk is temporary (75): SQLite's SQLITE_FULL and a file write's ENOSPC")
  func diskFullIsTemporary() {
    let full = AppDatabase.translate(DatabaseError(resultCode: .SQLITE_FULL), path: "d.db") as? DeskError
    #expect(full == .temporary("cannot write the database d.db: the disk is full", hint: "free some space and try again"))
    #expect(
      PrivateFile.failure(ENOSPC, writing: "a.html")
        == .temporary("cannot write a.html: the disk is full", hint: "free some space and try again"))
    #expect(PrivateFile.failure(EIO, writing: "a.html") == .cannotCreate("cannot write a.html: Input/output error"))
    #expect((AppDatabase.translate(DatabaseError(resultCode: .SQLITE_BUSY), path: "d.db") as? DeskError)?.exitCode == 75)
  }
}
