import Foundation
import GRDB

/// The schema, one migration a release. Shipped migrations are never edited: add a new one.
extension AppDatabase {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-tickets") { db in
      try db.execute(sql: v1)
    }
    migrator.registerMigration("v2-sla-outbox") { db in
      try db.execute(sql: v2)
    }
    migrator.registerMigration("v3-automation") { db in
      try db.execute(sql: v3)
      try seedTemplates(db)
    }
    migrator.registerMigration("v4-views-broadcasts") { db in
      try db.execute(sql: v4)
    }
    migrator.registerMigration("v5-ratings") { db in
      try db.execute(sql: v5)
      let now = Timestamp(Date())
      try db.execute(
        sql: "INSERT INTO template(name, language, subject, body, created_at, updated_at) VALUES ('rating-request', 'en', ?, ?, ?, ?)",
        arguments: [
          "How did we do? [#{{ticket.id}}]",
          "Hello {{customer.name}},\n\nyour request {{ticket.id}} \"{{ticket.subject}}\" is solved. How did we do: bad, normal or great? Just reply with one word.\n",
          now, now,
        ])
    }
    migrator.registerMigration("v6-knowledge-base") { db in
      try db.execute(sql: v6)
    }
    migrator.registerMigration("v7-attachment-names") { db in
      try db.execute(sql: "ALTER TABLE attachment ADD COLUMN original_name TEXT")
      // Names stored before were only trimmed: `..`, `.bashrc`, controls. Make them safe now.
      let rows = try Row.fetchAll(db, sql: "SELECT id, name FROM attachment")
      for row in rows {
        let name: String = row["name"]
        let safe = AttachmentName.safe(name)
        if safe != name {
          try db.execute(
            sql: "UPDATE attachment SET name = ?, original_name = ? WHERE id = ?", arguments: [safe, name, row["id"] as Int64])
        }
      }
    }
    migrator.registerMigration("v7-kb-drafts") { db in
      try db.execute(sql: v7KBDrafts)
    }
    migrator.registerMigration("v8-tag-history") { db in
      try db.execute(sql: v8TagHistory)
    }
    migrator.registerMigration("v8-customer-merge") { db in
      try db.execute(sql: v8CustomerMerge)
    }
    migrator.registerMigration("v9-mail-ids") { db in
      try db.execute(sql: v9MailIDs)
    }
    migrator.registerMigration("v10-mail-in") { db in
      try allowBouncedOutbox(db)
      try db.execute(sql: v10MailIn)
    }
    migrator.registerMigration("v10-message-ticket-index") { db in
      try db.execute(sql: v10MessageTicketIndex)
    }
    migrator.registerMigration("v10-mail-out") { db in
      try db.execute(sql: v10MailOut)
    }
    migrator.registerMigration("v11-mail-threads") { db in
      try db.execute(sql: v11MailThreads)
    }
    migrator.registerMigration("v12-unsolved-indexes") { db in
      try db.execute(sql: v12UnsolvedIndexes)
      // A desk whose statistics were gathered keeps them for the new indexes (DROP INDEX took theirs).
      if try db.tableExists("sqlite_stat1") {
        try db.execute(sql: "ANALYZE ticket_unsolved; ANALYZE ticket_unsolved_by_assignee; ANALYZE ticket_unsolved_report")
      }
    }
    migrator.registerMigration("v12-inline-checks") { db in
      try inlineChecks(db)
    }
    migrator.registerMigration("v13-telegram") { db in
      try db.execute(sql: v13Telegram)
      try allowTelegramAdapter(db)
    }
    return migrator
  }

  /// The Telegram gateway (DeskCore/Telegram): the bot desk runs (its token: the database's mode is the
  /// boundary, as for an SMTP password), the next update it is to take (advanced in the transaction
  /// that takes the update in: exactly once), each Telegram user's place in the bot's dialogue and
  /// their cabinets (account IDs), the chat each Telegram ticket answers to, and which desk message
  /// each Telegram message became (for edits). CHECKs are OR chains, as v12-inline-checks made them.
  private static let v13Telegram = """
    CREATE TABLE telegram_bot (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      token TEXT NOT NULL,
      api_url TEXT NOT NULL,
      bot_id INTEGER NOT NULL,
      username TEXT NOT NULL,
      next_update INTEGER NOT NULL DEFAULT 0,
      connected_at TEXT NOT NULL,
      connected_by TEXT NOT NULL
    );
    CREATE TABLE telegram_user (
      user_id INTEGER PRIMARY KEY,
      chat_id INTEGER NOT NULL,
      name TEXT NOT NULL,
      username TEXT,
      state TEXT NOT NULL CHECK (state = 'account' OR state = 'menu' OR state = 'topic'),
      account TEXT,
      topic TEXT,
      ticket_id INTEGER REFERENCES ticket(id) ON DELETE SET NULL,
      held TEXT,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE telegram_user_account (
      user_id INTEGER NOT NULL REFERENCES telegram_user(user_id) ON DELETE CASCADE,
      account TEXT NOT NULL,
      PRIMARY KEY (user_id, account)
    ) WITHOUT ROWID;
    CREATE TABLE telegram_ticket (
      ticket_id INTEGER PRIMARY KEY REFERENCES ticket(id) ON DELETE CASCADE,
      chat_id INTEGER NOT NULL
    );
    CREATE TABLE telegram_message (
      chat_id INTEGER NOT NULL,
      message_id INTEGER NOT NULL,
      desk_message_id INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE,
      PRIMARY KEY (chat_id, message_id)
    ) WITHOUT ROWID;
    CREATE INDEX telegram_message_by_desk_message ON telegram_message(desk_message_id);
    """

  /// The people on a ticket's mail thread beside its customer: the To/Cc of mail taken in for it, and
  /// whoever desk let join by `[#N]` (DeskCore/Mail/MailIn: a participant's `[#N]` reaches the ticket);
  /// and the quoted history cut from a mail's text (the text shown is the reply).
  /// The partial indexes of unsolved tickets, defined as `TicketStatus.unsolvedSQL` states it: with
  /// `IN` the four unsolved statuses, SQLite built a temporary b-tree for each index at every insert
  /// of a ticket and every change of its `updated_at` (30,000 such updates: 1.26–1.42 s → 0.98–1.02 s).
  private static let v12UnsolvedIndexes = """
    DROP INDEX ticket_unsolved;
    DROP INDEX ticket_unsolved_by_assignee;
    DROP INDEX ticket_unsolved_report;
    CREATE INDEX ticket_unsolved ON ticket(updated_at) WHERE status NOT IN ('solved', 'closed');
    CREATE INDEX ticket_unsolved_by_assignee ON ticket(assignee_id, updated_at) WHERE status NOT IN ('solved', 'closed');
    CREATE INDEX ticket_unsolved_report ON ticket(created_at, status, channel, type, assignee_id)
      WHERE status NOT IN ('solved', 'closed');
    """

  /// Every `CHECK (column IN (three or more constants))` of desk's tables, said as `column = a OR
  /// column = b …`: SQLite looks a list of more than two constants up in a temporary b-tree it
  /// builds at every insert (two for each outbox row, two for each ticket), while comparisons run
  /// in place (200,000 inserts of an outbox-like row: 0.89 s → 0.21 s). The two conditions accept
  /// exactly the same values (NULL included), so the stored rows are untouched and only the tables'
  /// definitions change, in place, as SQLite documents for a change of CHECK constraints
  /// (lang_altertable.html, "Making Other Kinds Of Table Schema Changes"): no table is rebuilt, so the
  /// migration takes no longer on a million tickets than on ten.
  static func inlineChecks(_ db: Database) throws {
    let check = try NSRegularExpression(pattern: #"CHECK \(([a-z_]+) IN \(([^()]*)\)\)"#)
    var changed: [(name: String, sql: String)] = []
    for row in try Row.fetchAll(
      db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK (% IN (%' ORDER BY name")
    {
      let sql: String = row["sql"]
      var out = sql
      for match in check.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)).reversed() {
        let column = String(sql[Range(match.range(at: 1), in: sql)!])
        let values = sql[Range(match.range(at: 2), in: sql)!].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard values.count > 2 else { continue }
        let inline = "CHECK (" + values.map { "\(column) = \($0)" }.joined(separator: " OR ") + ")"
        out.replaceSubrange(Range(match.range, in: out)!, with: inline)
      }
      if out != sql { changed.append((row["name"], out)) }
    }
    try rewriteTables(db, changed)
  }

  /// Gives tables new CREATE statements that differ only in their CHECKs, which the rows already
  /// meet, without rebuilding them: SQLite's "other schema changes" (lang_altertable): the
  /// statement in sqlite_master, the schema version bumped.
  static func rewriteTables(_ db: Database, _ changed: [(name: String, sql: String)]) throws {
    guard !changed.isEmpty else { return }
    let version = try Int.fetchOne(db, sql: "PRAGMA schema_version")!
    try db.execute(sql: "PRAGMA writable_schema = ON")
    for table in changed {
      try db.execute(sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", arguments: [table.sql, table.name])
    }
    try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
    try db.execute(sql: "PRAGMA writable_schema = OFF")
    db.clearSchemaCache()
  }

  /// The `telegram` kind of delivery adapter: one more value the kind's CHECK allows.
  static func allowTelegramAdapter(_ db: Database) throws {
    let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'delivery_adapter'")!
    let widened = sql.replacingOccurrences(of: "kind = 'smtp')", with: "kind = 'smtp' OR kind = 'telegram')")
    guard widened != sql else { throw DatabaseError(message: "delivery_adapter's kind CHECK is not the one v12 wrote") }
    try rewriteTables(db, [("delivery_adapter", widened)])
  }

  private static let v11MailThreads = """
    CREATE TABLE ticket_participant (
      ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
      email TEXT NOT NULL COLLATE NOCASE,
      via TEXT NOT NULL CHECK (via IN ('copied', 'answered', 'domain')),
      added_at TEXT NOT NULL,
      PRIMARY KEY (ticket_id, email)
    ) WITHOUT ROWID;
    ALTER TABLE message ADD COLUMN quoted TEXT;
    """

  /// Every mail `desk mail ingest` took in, dropped or refused, by its Message-ID: a re-delivered
  /// mail is recognised (also one that made no ticket message: automatic mail, a bounce).
  private static let v10MailIn = """
    CREATE TABLE mail_in (
      id INTEGER PRIMARY KEY,
      mail_id TEXT NOT NULL UNIQUE,           -- the Message-ID without <>, or sha256:… of a mail without one
      received_at TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('created', 'appended', 'automatic', 'bounce', 'loop')),
      sender TEXT,
      subject TEXT,
      ticket_id INTEGER REFERENCES ticket(id) ON DELETE SET NULL,
      message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,
      outbox_id INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
      detail TEXT                             -- why it was automatic; a bounce's diagnostic code
    );
    """

  /// `bounced`, the state of an outbox message a delivery status notification reported: the outbox
  /// table is rebuilt from its own definition (whatever columns earlier migrations gave it) with the
  /// wider CHECK, and its indexes made again. Foreign keys are off while a migration runs.
  private static func allowBouncedOutbox(_ db: Database) throws {
    let old = "CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'dropped'))"
    guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'outbox'"),
      sql.contains(old)
    else { throw DeskError.databaseDamaged("the outbox table is not as desk made it") }
    let indexes = try String.fetchAll(
      db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL")
    let wider = sql.replacingOccurrences(of: old, with: "CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'dropped', 'bounced'))")
      .replacingOccurrences(of: "CREATE TABLE outbox", with: "CREATE TABLE outbox_v10")
    try db.execute(sql: wider)
    try db.execute(sql: "INSERT INTO outbox_v10 SELECT * FROM outbox; DROP TABLE outbox; ALTER TABLE outbox_v10 RENAME TO outbox")
    for index in indexes { try db.execute(sql: index) }
  }

  /// Text search turns every matching message into its ticket: this index holds only that pair,
  /// so the lookup reads small index pages instead of the messages' bodies (`message_ticket_by_id`
  /// is named by the text search's query, which SQLite would otherwise answer from the table).
  private static let v10MessageTicketIndex = """
    CREATE INDEX message_ticket_by_id ON message(id, ticket_id);
    """

  /// Adapters may be smtp too: SQLite cannot change a CHECK, so the table is made again (it has no
  /// indexes, triggers or references of its own).
  private static let v10MailOut = """
    CREATE TABLE delivery_adapter_v10 (
      channel TEXT PRIMARY KEY NOT NULL,      -- a channel, 'notify', or '*' for any
      kind TEXT NOT NULL CHECK (kind IN ('exec', 'webhook', 'sendmail', 'smtp')),
      target TEXT NOT NULL,                   -- JSON array: argv (exec, sendmail), [URL] (webhook), [URL, --user, U, …] (smtp)
      timeout_seconds INTEGER NOT NULL DEFAULT 10,
      max_attempts INTEGER NOT NULL DEFAULT 5,
      updated_at TEXT NOT NULL
    );
    INSERT INTO delivery_adapter_v10(channel, kind, target, timeout_seconds, max_attempts, updated_at)
      SELECT channel, kind, target, timeout_seconds, max_attempts, updated_at FROM delivery_adapter;
    DROP TABLE delivery_adapter;
    ALTER TABLE delivery_adapter_v10 RENAME TO delivery_adapter;
    """

  /// RFC 5322 Message-IDs (without the angle brackets), so mail threads: the one a message came in
  /// with (a re-delivered mail is recognised by it) or went out with, and the one desk gives an
  /// outbox message, the same on every retry, that replies and bounces refer to.
  private static let v9MailIDs = """
    ALTER TABLE message ADD COLUMN mail_id TEXT;
    CREATE INDEX message_by_mail_id ON message(mail_id) WHERE mail_id IS NOT NULL;
    ALTER TABLE outbox ADD COLUMN mail_id TEXT;
    CREATE UNIQUE INDEX outbox_by_mail_id ON outbox(mail_id) WHERE mail_id IS NOT NULL;
    """

  /// Every ticket that ever carried a tag, so statistics survive a broadcast removing it. A
  /// trigger fills it from every path that tags; a rename or merge rewrites it (TicketTags).
  private static let v8TagHistory = """
    CREATE TABLE ticket_tag_seen (
      ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
      tag TEXT NOT NULL,
      PRIMARY KEY (ticket_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX ticket_tag_seen_by_tag ON ticket_tag_seen(tag, ticket_id);
    INSERT OR IGNORE INTO ticket_tag_seen(ticket_id, tag) SELECT ticket_id, tag FROM ticket_tag;
    INSERT OR IGNORE INTO ticket_tag_seen(ticket_id, tag)
      SELECT ticket_id, old_value FROM history
      WHERE field = 'tag' AND new_value IS NULL AND old_value IS NOT NULL AND ticket_id IN (SELECT id FROM ticket);
    CREATE TRIGGER ticket_tag_seen_on_tag AFTER INSERT ON ticket_tag BEGIN
      INSERT OR IGNORE INTO ticket_tag_seen(ticket_id, tag) VALUES (new.ticket_id, new.tag);
    END;
    """

  private static let v8CustomerMerge = """
    -- A customer merged into another keeps its row (its id still finds the other one);
    -- everything else of it moved.
    ALTER TABLE customer ADD COLUMN merged_into INTEGER REFERENCES customer(id);
    -- What happened to a customer's identifiers: added by a message, moved, merged.
    CREATE TABLE customer_history (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customer(id),
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      field TEXT NOT NULL,
      old_value TEXT,
      new_value TEXT
    );
    CREATE INDEX customer_history_by_customer ON customer_history(customer_id, id);
    """

  private static let v1 = """
    CREATE TABLE setting (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE agent (
      id INTEGER PRIMARY KEY,
      login TEXT NOT NULL UNIQUE COLLATE NOCASE,
      name TEXT NOT NULL,
      email TEXT,
      role TEXT NOT NULL CHECK (role IN ('admin', 'lead', 'agent')),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE agent_skill (
      agent_id INTEGER NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
      skill TEXT NOT NULL,
      PRIMARY KEY (agent_id, skill)
    ) WITHOUT ROWID;
    CREATE INDEX agent_skill_by_skill ON agent_skill(skill, agent_id);

    CREATE TABLE customer (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT UNIQUE COLLATE NOCASE,
      phone TEXT,
      organization TEXT,
      account_manager_id INTEGER REFERENCES agent(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX customer_by_name ON customer(name COLLATE NOCASE);
    CREATE INDEX customer_by_phone ON customer(phone);
    CREATE INDEX customer_by_organization ON customer(organization COLLATE NOCASE);
    CREATE INDEX customer_by_manager ON customer(account_manager_id);
    CREATE TABLE customer_handle (
      kind TEXT NOT NULL,
      handle TEXT NOT NULL COLLATE NOCASE,
      customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
      PRIMARY KEY (kind, handle)
    ) WITHOUT ROWID;
    CREATE INDEX customer_handle_by_customer ON customer_handle(customer_id);
    CREATE TABLE customer_account (
      account TEXT NOT NULL PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX customer_account_by_customer ON customer_account(customer_id);

    -- AUTOINCREMENT: a ticket number is never reused, even after the newest is deleted.
    CREATE TABLE ticket (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      subject TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('new', 'open', 'pending', 'on-hold', 'solved', 'closed')),
      priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      type TEXT NOT NULL,
      channel TEXT NOT NULL,
      customer_id INTEGER REFERENCES customer(id),
      assignee_id INTEGER REFERENCES agent(id),
      follow_up_of INTEGER REFERENCES ticket(id),
      merged_into INTEGER REFERENCES ticket(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      first_reply_at TEXT,
      solved_at TEXT,
      closed_at TEXT
    );
    -- One index for each filter and sort of `ticket list`.
    CREATE INDEX ticket_by_status ON ticket(status, updated_at);
    CREATE INDEX ticket_unsolved ON ticket(updated_at) WHERE status IN ('new', 'open', 'pending', 'on-hold');
    CREATE INDEX ticket_unsolved_by_assignee ON ticket(assignee_id, updated_at) WHERE status IN ('new', 'open', 'pending', 'on-hold');
    CREATE INDEX ticket_by_assignee ON ticket(assignee_id, status, updated_at);
    CREATE INDEX ticket_by_customer ON ticket(customer_id, created_at);
    CREATE INDEX ticket_by_type ON ticket(type, updated_at);
    CREATE INDEX ticket_by_channel ON ticket(channel, updated_at);
    CREATE INDEX ticket_by_priority ON ticket(priority, updated_at);
    CREATE INDEX ticket_by_created ON ticket(created_at);
    CREATE INDEX ticket_by_updated ON ticket(updated_at);

    CREATE TABLE ticket_tag (
      ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
      tag TEXT NOT NULL,
      PRIMARY KEY (ticket_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX ticket_tag_by_tag ON ticket_tag(tag, ticket_id);

    CREATE TABLE ticket_field (
      ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (ticket_id, key)
    ) WITHOUT ROWID;

    CREATE TABLE ticket_link (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('external', 'related', 'follow-up', 'follow-up-of', 'merged-into', 'merged-from')),
      target TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      UNIQUE (ticket_id, kind, target)
    );

    CREATE TABLE message (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES ticket(id),
      author_kind TEXT NOT NULL CHECK (author_kind IN ('customer', 'agent', 'system')),
      author_name TEXT NOT NULL,
      agent_id INTEGER REFERENCES agent(id),
      customer_id INTEGER REFERENCES customer(id),
      visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
      channel TEXT NOT NULL,
      body TEXT NOT NULL,
      automatic INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );
    CREATE INDEX message_by_ticket ON message(ticket_id, created_at, id);
    CREATE INDEX message_by_customer ON message(customer_id) WHERE customer_id IS NOT NULL;

    CREATE TABLE attachment (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES ticket(id),
      message_id INTEGER REFERENCES message(id),
      name TEXT NOT NULL,
      content_type TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      data BLOB NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE INDEX attachment_by_ticket ON attachment(ticket_id, id);
    CREATE INDEX attachment_by_message ON attachment(message_id);

    CREATE TABLE history (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES ticket(id),
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      field TEXT NOT NULL,
      old_value TEXT,
      new_value TEXT
    );
    CREATE INDEX history_by_ticket ON history(ticket_id, id);

    -- Full-text search over subjects and messages, folding case and diacritics.
    CREATE VIRTUAL TABLE ticket_fts USING fts5(
      subject, content='ticket', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER ticket_fts_insert AFTER INSERT ON ticket BEGIN
      INSERT INTO ticket_fts(rowid, subject) VALUES (new.id, new.subject);
    END;
    CREATE TRIGGER ticket_fts_update AFTER UPDATE OF subject ON ticket BEGIN
      INSERT INTO ticket_fts(ticket_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
      INSERT INTO ticket_fts(rowid, subject) VALUES (new.id, new.subject);
    END;
    CREATE TRIGGER ticket_fts_delete AFTER DELETE ON ticket BEGIN
      INSERT INTO ticket_fts(ticket_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
    END;
    CREATE VIRTUAL TABLE message_fts USING fts5(
      body, content='message', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER message_fts_insert AFTER INSERT ON message BEGIN
      INSERT INTO message_fts(rowid, body) VALUES (new.id, new.body);
    END;
    CREATE TRIGGER message_fts_update AFTER UPDATE OF body ON message BEGIN
      INSERT INTO message_fts(message_fts, rowid, body) VALUES ('delete', old.id, old.body);
      INSERT INTO message_fts(rowid, body) VALUES (new.id, new.body);
    END;
    CREATE TRIGGER message_fts_delete AFTER DELETE ON message BEGIN
      INSERT INTO message_fts(message_fts, rowid, body) VALUES ('delete', old.id, old.body);
    END;
    """

  private static let v2 = """
    CREATE TABLE calendar (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      time_zone TEXT NOT NULL,
      -- JSON: [[[startMinute, endMinute], …] for Monday, …, Sunday]
      hours TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE calendar_holiday (
      calendar_id INTEGER NOT NULL REFERENCES calendar(id) ON DELETE CASCADE,
      date TEXT NOT NULL,
      name TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (calendar_id, date)
    ) WITHOUT ROWID;

    CREATE TABLE sla_policy (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      position INTEGER NOT NULL,
      is_default INTEGER NOT NULL DEFAULT 0,
      calendar_id INTEGER REFERENCES calendar(id),  -- NULL: the built-in 24x7
      -- Targets: "DURATION" or "KEY=DURATION,…" with KEY a type or a priority (see SLATargets).
      first_response TEXT,
      next_response TEXT,
      resolution TEXT,
      warn_before INTEGER NOT NULL DEFAULT 900,
      pause_on TEXT NOT NULL DEFAULT 'pending,on-hold',
      -- Conditions: comma-separated lists; empty matches anything.
      if_types TEXT NOT NULL DEFAULT '',
      if_priorities TEXT NOT NULL DEFAULT '',
      if_channels TEXT NOT NULL DEFAULT '',
      if_organizations TEXT NOT NULL DEFAULT '',
      if_tags TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    ALTER TABLE ticket ADD COLUMN sla_policy_id INTEGER REFERENCES sla_policy(id);
    ALTER TABLE ticket ADD COLUMN sla_pinned INTEGER NOT NULL DEFAULT 0;
    -- The earliest deadline of the ticket's running timers: --breached, --due-within, --sort due.
    ALTER TABLE ticket ADD COLUMN sla_due_at TEXT;
    CREATE INDEX ticket_by_sla_due ON ticket(sla_due_at) WHERE sla_due_at IS NOT NULL;

    -- One row per measured interval: the first response, each next response, the resolution.
    CREATE TABLE sla_timer (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES ticket(id),
      target TEXT NOT NULL CHECK (target IN ('first_response', 'next_response', 'resolution')),
      policy_id INTEGER REFERENCES sla_policy(id),
      goal_seconds INTEGER NOT NULL,          -- business seconds allowed
      started_at TEXT NOT NULL,
      start_message_id INTEGER,               -- the customer message a next response answers
      running_since TEXT,                     -- NULL while paused or stopped
      elapsed_seconds INTEGER NOT NULL DEFAULT 0,  -- business seconds before running_since
      due_at TEXT,                            -- NULL while paused or stopped
      met_at TEXT,
      breached_at TEXT,
      warned_at TEXT
    );
    CREATE INDEX sla_timer_by_ticket ON sla_timer(ticket_id, target);
    CREATE INDEX sla_timer_running ON sla_timer(due_at) WHERE due_at IS NOT NULL;

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      created_at TEXT NOT NULL,
      event TEXT NOT NULL,                    -- ticket.reply, sla.warning, sla.breach, sla.changed, …
      audience TEXT NOT NULL CHECK (audience IN ('customer', 'agent', 'team')),
      channel TEXT NOT NULL,                  -- the customer's channel, or 'notify'
      recipient TEXT,                         -- address, handle or login; NULL for the team
      recipient_name TEXT,
      ticket_id INTEGER REFERENCES ticket(id),
      message_id INTEGER REFERENCES message(id),
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      automatic INTEGER NOT NULL DEFAULT 0,
      dedupe_key TEXT UNIQUE,
      state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'dropped')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      last_error TEXT,
      adapter TEXT,
      claimed_by TEXT,
      sent_at TEXT
    );
    CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE state = 'queued';
    CREATE INDEX outbox_by_state ON outbox(state, id);
    CREATE INDEX outbox_by_ticket ON outbox(ticket_id);

    CREATE TABLE delivery_adapter (
      channel TEXT PRIMARY KEY NOT NULL,      -- a channel, 'notify', or '*' for any
      kind TEXT NOT NULL CHECK (kind IN ('exec', 'webhook', 'sendmail')),
      target TEXT NOT NULL,                   -- JSON array argv (exec, sendmail) or URL (webhook)
      timeout_seconds INTEGER NOT NULL DEFAULT 10,
      max_attempts INTEGER NOT NULL DEFAULT 5,
      updated_at TEXT NOT NULL
    );

    -- Leases that keep two `desk cron` runs from doing the same duty at once.
    CREATE TABLE lease (
      name TEXT PRIMARY KEY NOT NULL,
      holder TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) WITHOUT ROWID;
    """

  private static let v3 = """
    CREATE TABLE template (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE,
      language TEXT NOT NULL DEFAULT 'en',
      subject TEXT NOT NULL DEFAULT '',
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (name, language)
    );

    CREATE TABLE rule (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      position INTEGER NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      events TEXT NOT NULL,        -- created,customer_message,status_change
      conditions TEXT NOT NULL,    -- JSON, see RuleConditions
      actions TEXT NOT NULL,       -- JSON, see RuleActions
      stop INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    -- Which template acknowledges a new ticket, by channel ('*': any) and time of day.
    CREATE TABLE autoreply (
      channel TEXT NOT NULL,
      period TEXT NOT NULL CHECK (period IN ('any', 'hours', 'after-hours', 'before-weekend', 'weekend', 'holiday')),
      template TEXT NOT NULL,
      PRIMARY KEY (channel, period)
    ) WITHOUT ROWID;

    ALTER TABLE customer ADD COLUMN language TEXT;
    ALTER TABLE outbox ADD COLUMN customer_id INTEGER REFERENCES customer(id);
    CREATE INDEX outbox_by_customer ON outbox(customer_id, created_at) WHERE customer_id IS NOT NULL;

    -- Pending reminders: when the ticket began to wait on the customer, and how many reminders went out.
    ALTER TABLE ticket ADD COLUMN pending_since TEXT;
    ALTER TABLE ticket ADD COLUMN reminders_sent INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX ticket_pending ON ticket(pending_since) WHERE pending_since IS NOT NULL;
    -- Unanswered alerts: the newest customer message no agent has answered yet.
    ALTER TABLE ticket ADD COLUMN waiting_message_id INTEGER;
    ALTER TABLE ticket ADD COLUMN waiting_since TEXT;
    CREATE INDEX ticket_waiting ON ticket(waiting_since) WHERE waiting_since IS NOT NULL;
    CREATE INDEX ticket_solved ON ticket(solved_at) WHERE status = 'solved';

    INSERT INTO autoreply(channel, period, template) VALUES
      ('*', 'hours', 'ack'), ('*', 'after-hours', 'ack-after-hours'), ('*', 'before-weekend', 'ack-weekend'),
      ('*', 'weekend', 'ack-weekend'), ('*', 'holiday', 'ack-holiday');
    """

  private static let v4 = """
    -- A saved `ticket list` filter: its options, as given on the command line.
    CREATE TABLE view (
      name TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
      arguments TEXT NOT NULL,   -- JSON array of strings
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE broadcast (
      id INTEGER PRIMARY KEY,
      tag TEXT NOT NULL,
      template TEXT NOT NULL,
      statuses TEXT NOT NULL,
      solve INTEGER NOT NULL,
      keep_tag INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('running', 'done')),
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      finished_at TEXT
    );
    CREATE INDEX broadcast_running ON broadcast(tag, template) WHERE state = 'running';
    -- Who a broadcast reaches: one message per customer and channel, for all their tagged tickets.
    CREATE TABLE broadcast_recipient (
      broadcast_id INTEGER NOT NULL REFERENCES broadcast(id),
      customer_id INTEGER NOT NULL REFERENCES customer(id),
      channel TEXT NOT NULL,
      tickets TEXT NOT NULL,     -- comma-separated ticket ids
      outbox_id INTEGER REFERENCES outbox(id),
      sent_at TEXT,
      PRIMARY KEY (broadcast_id, customer_id, channel)
    ) WITHOUT ROWID;
    """

  private static let v5 = """
    -- A customer's rating of a ticket: 1 bad, 2 normal, 3 great. A new rating replaces the
    -- current one (current = 0 keeps the old in history); an excluded one stays, uncounted.
    CREATE TABLE rating (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES ticket(id),
      customer_id INTEGER REFERENCES customer(id),
      agent_id INTEGER REFERENCES agent(id),     -- the agent who solved the ticket
      score INTEGER NOT NULL CHECK (score IN (1, 2, 3)),
      comment TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      current INTEGER NOT NULL DEFAULT 1,
      excluded INTEGER NOT NULL DEFAULT 0,
      excluded_reason TEXT,
      excluded_by TEXT,
      excluded_at TEXT
    );
    CREATE INDEX rating_by_ticket ON rating(ticket_id, id);
    CREATE INDEX rating_by_time ON rating(created_at) WHERE current = 1;
    CREATE INDEX rating_by_agent ON rating(agent_id, created_at);

    CREATE TABLE nps (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customer(id),
      score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
      comment TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE INDEX nps_by_time ON nps(created_at);

    -- Reports: status changes by moment, first replies by moment.
    CREATE INDEX history_status_at ON history(field, new_value, at);
    CREATE INDEX history_at ON history(field, at);
    CREATE INDEX ticket_by_first_reply ON ticket(first_reply_at) WHERE first_reply_at IS NOT NULL;
    CREATE INDEX ticket_closed ON ticket(closed_at) WHERE status = 'closed';
    -- Covers what a report reads of each unsolved ticket, so the backlog needs no table reads.
    CREATE INDEX ticket_unsolved_report ON ticket(created_at, status, channel, type, assignee_id)
      WHERE status IN ('new', 'open', 'pending', 'on-hold');
    CREATE INDEX sla_timer_met ON sla_timer(met_at) WHERE met_at IS NOT NULL;
    CREATE INDEX sla_timer_breached ON sla_timer(breached_at) WHERE breached_at IS NOT NULL;
    """

  private static let v6 = """
    -- Knowledge-base articles. Translations of one article share a group (the id of the first);
    -- an article is named by its slug in one language.
    CREATE TABLE kb_article (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      group_id INTEGER NOT NULL,
      slug TEXT NOT NULL,
      language TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      category TEXT,
      audience TEXT NOT NULL CHECK (audience IN ('public', 'internal')),
      state TEXT NOT NULL CHECK (state IN ('draft', 'published')),
      author TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      published_at TEXT,
      UNIQUE (slug, language),
      UNIQUE (group_id, language)
    );
    CREATE INDEX kb_article_by_listing ON kb_article(language, category, state);
    CREATE INDEX kb_article_by_state ON kb_article(state, audience);

    CREATE TABLE kb_article_tag (
      article_id INTEGER NOT NULL REFERENCES kb_article(id) ON DELETE CASCADE,
      tag TEXT NOT NULL,
      PRIMARY KEY (article_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX kb_article_tag_by_tag ON kb_article_tag(tag, article_id);

    -- Every change of an article: what changed, and the title and body after it.
    CREATE TABLE kb_revision (
      id INTEGER PRIMARY KEY,
      article_id INTEGER NOT NULL REFERENCES kb_article(id) ON DELETE CASCADE,
      number INTEGER NOT NULL,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      change TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      UNIQUE (article_id, number)
    );

    -- Search: titles weigh ten times the body. desk writes the index itself, from text with
    -- every diacritic removed (SQLite's unicode61 folds Latin ones only, not ё, й or ї), so the
    -- table keeps no copy of the text; excerpts are made from kb_article.
    -- Prefixes of two and three letters are indexed too, so a short prefix reads one list.
    CREATE VIRTUAL TABLE kb_fts USING fts5(
      title, body, content='', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
    INSERT INTO kb_fts(kb_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
    """

  /// The templates a new desk starts with: acknowledgements and pending reminders, in English.
  static func seedTemplates(_ db: Database) throws {
    let now = Timestamp(Date())
    let templates: [(String, String, String)] = [
      (
        "ack", "We got your request [#{{ticket.id}}]",
        "Hello {{customer.name}},\n\nthank you for writing to us. Your request has number {{ticket.id}}.{{#due}} We will answer by {{due}}.{{/due}}\n"
      ),
      (
        "ack-after-hours", "We got your request [#{{ticket.id}}]",
        "Hello {{customer.name}},\n\nthank you for writing to us. Your request has number {{ticket.id}}. We are out of the office now;{{#due}} we will answer by {{due}}.{{/due}}{{^due}} we will answer when we are back.{{/due}}\n"
      ),
      (
        "ack-weekend", "We got your request [#{{ticket.id}}]",
        "Hello {{customer.name}},\n\nthank you for writing to us. Your request has number {{ticket.id}}. We are away for the weekend;{{#due}} we will answer by {{due}}.{{/due}}{{^due}} we will answer on the next working day.{{/due}}\n"
      ),
      (
        "ack-holiday", "We got your request [#{{ticket.id}}]",
        "Hello {{customer.name}},\n\nthank you for writing to us. Your request has number {{ticket.id}}. Today is a holiday for us;{{#due}} we will answer by {{due}}.{{/due}}{{^due}} we will answer on the next working day.{{/due}}\n"
      ),
      (
        "pending-reminder-1", "Waiting for your answer [#{{ticket.id}}]",
        "Hello {{customer.name}},\n\nwe are still waiting for your answer on request {{ticket.id}} \"{{ticket.subject}}\". Just reply to this message.\n"
      ),
      (
        "pending-reminder-2", "Your request will be closed soon [#{{ticket.id}}]",
        "Hello {{customer.name}},\n\nwe have not heard from you on request {{ticket.id}} \"{{ticket.subject}}\". If we do not hear from you in 3 days, we will close it. You can always write again.\n"
      ),
      (
        "pending-closed", "Your request is closed [#{{ticket.id}}]",
        "Hello {{customer.name}},\n\nwe closed request {{ticket.id}} \"{{ticket.subject}}\" as we did not hear from you. Write to us any time to open a new one.\n"
      ),
    ]
    for (name, subject, body) in templates {
      try db.execute(
        sql: "INSERT INTO template(name, language, subject, body, created_at, updated_at) VALUES (?, 'en', ?, ?, ?, ?)",
        arguments: [name, subject, body, now, now])
    }
  }

  private static let v7KBDrafts = """
    -- An agent's change to a live public article waits here, one per article, until a lead or
    -- an admin publishes it; the article keeps its published text meanwhile.
    CREATE TABLE kb_draft (
      article_id INTEGER PRIMARY KEY REFERENCES kb_article(id) ON DELETE CASCADE,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      category TEXT,
      tags TEXT NOT NULL,
      author TEXT NOT NULL,
      at TEXT NOT NULL
    );
    """
}
