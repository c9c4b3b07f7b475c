#!/usr/bin/env bash
# Times `desk report summary` and a few listings on a desk of 1,000,000 tickets.
# Usage: bench/report.sh [tickets]   (builds the release binary first: make build)
# The tickets are written with the sqlite3 shell straight into a migrated desk database:
# 5% open, 5% pending, the rest closed (with their history: solved after 2h, closed after 4d),
# spread over 2026. Results go to stdout.
set -euo pipefail
n=${1:-1000000}
cd "$(dirname "$0")/.."
desk=.build/release/desk
db=bench/data/desk-$n.db
mkdir -p bench/data
export DESK_DB=$db DESK_AGENT=bench TZ=UTC
if [ ! -f "$db" ]; then
  $desk db init > /dev/null
  $desk agent add bench --role admin > /dev/null
  $desk customer add Bench --email bench@example.com > /dev/null
  sqlite3 "$db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
    INSERT INTO ticket(subject, status, priority, type, channel, customer_id, created_at, updated_at)
    SELECT 'ticket ' || i, CASE i % 20 WHEN 0 THEN 'open' WHEN 1 THEN 'pending' ELSE 'closed' END, 'normal', 'support', 'email', 1,
      printf('2026-%02d-%02dT10:00:00Z', i % 11 + 1, i % 28 + 1), printf('2026-%02d-%02dT%02d:00:00Z', i % 11 + 1, i % 28 + 1, i % 24)
    FROM n;
    -- Closed tickets were answered after an hour, solved after two, closed after four days, as history says.
    UPDATE ticket SET first_reply_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+1 hour'),
      solved_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+2 hours'), closed_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+4 days')
      WHERE status = 'closed';
    INSERT INTO history(ticket_id, at, actor, field, old_value, new_value)
      SELECT id, solved_at, 'bench', 'status', 'open', 'solved' FROM ticket WHERE status = 'closed';
    INSERT INTO history(ticket_id, at, actor, field, old_value, new_value)
      SELECT id, closed_at, 'bench', 'status', 'solved', 'closed' FROM ticket WHERE status = 'closed';
    ANALYZE;"
fi
. bench/lib.sh
run $desk report summary --week 2026-W45 --json
run $desk report agents --week 2026-W45 --csv
run $desk ticket list --limit 50
run $desk ticket list --all --limit 50
run $desk cron
run sqlite3 "$db" "SELECT * FROM ticket WHERE status NOT IN ('solved', 'closed') ORDER BY updated_at DESC LIMIT 50"
