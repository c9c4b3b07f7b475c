import Foundation
import GRDB

/// A named lock kept in the database, so two `desk cron` runs on one database, from any
/// process, never do the same duty at once. It expires, and a holder that died is recognised.
struct Lease {
  let desk: Desk
  let name: String
  let holder = Outbox.holder

  /// Takes the lease for `ttl`; the current holder's name when someone else holds it.
  func acquire(ttl: Duration) throws -> String? {
    try desk.database.write { db in
      let now = desk.clock.now
      if let row = try Row.fetchOne(db, sql: "SELECT holder, expires_at FROM lease WHERE name = ?", arguments: [name]) {
        let other: String = row[0]
        let expires: Timestamp = row[1]
        if other != holder, expires > now, Lease.isAlive(other) { return other }
      }
      try db.execute(
        sql: "INSERT OR REPLACE INTO lease(name, holder, expires_at) VALUES (?, ?, ?)", arguments: [name, holder, now + ttl])
      return nil
    }
  }

  func release() throws {
    try desk.database.write { db in
      try db.execute(sql: "DELETE FROM lease WHERE name = ? AND holder = ?", arguments: [name, holder])
    }
  }

  /// Whether a holder (`host:pid`) may still be running: always true for another host.
  static func isAlive(_ holder: String?) -> Bool {
    guard let holder, let colon = holder.lastIndex(of: ":"), let pid = pid_t(holder[holder.index(after: colon)...]) else {
      return false
    }
    guard holder[..<colon] == Outbox.hostName else { return true }
    return kill(pid, 0) == 0 || errno == EPERM
  }
}
