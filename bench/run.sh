#!/usr/bin/env bash
# make bench: desk beside the sqlite3 shell (the same query on the same file) and beside
# taskwarrior (the equivalent data), on the data set bench/generate builds. Writes
# bench/RESULTS.md (the tables, then bench/ANALYSIS.md, written by hand). BENCH_TICKETS (default 1000000) sets the size; RUNS (default 11) the runs
# whose median is taken; BENCH_JSONL names JSON lines written before by `bench/generate --jsonl-only` (same size), to skip generating them. Peak memory is GNU time's maximum resident set size.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_TICKETS:-1000000}
RUNS=${RUNS:-11}
desk=$PWD/.build/release/desk
db=$PWD/bench/data/generated-$N.db
out=bench/RESULTS.md
[ -x "$desk" ] || { echo "build first: make build" >&2; exit 1; }
if [ ! -f "$db" ]; then
  mkdir -p bench/data
  python3 bench/generate --tickets "$N" --db "$db" ${BENCH_JSONL:+--from-jsonl "$BENCH_JSONL"} | tee bench/data/generate-$N.log
fi
export DESK_DB=$db DESK_AGENT=bench TZ=UTC
rows=()
rssfile=$(mktemp)
median() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
# time_ms CMD...: median wall time of RUNS runs, in ms (3 decimals); peak RSS of the last, in MB.
time_ms() {
  local times=() rss
  for _ in $(seq "$RUNS"); do
    local s=$(date +%s%N); "$@" > /dev/null 2>&1; times+=($(( ($(date +%s%N) - s) / 1000 )))
  done
  /usr/bin/time -f %M -o "$rssfile" "$@" > /dev/null 2>&1 || true
  rss=$(tail -1 "$rssfile")
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | median | awk '{printf "%.1f", $1 / 1000}')" "$(awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}')"
}
sql() { sqlite3 "$db" "$1"; }
# pair NAME DESK-ARGS -- SQL: one row of the table.
pair() {
  local name=$1; shift
  local args=()
  while [ "$1" != "--" ]; do args+=("$1"); shift; done; shift
  read -r d dm < <(time_ms "$desk" "${args[@]}")
  if [ -n "${1:-}" ]; then
    read -r q qm < <(time_ms sqlite3 "$db" "$1")
    rows+=("| $name | \`desk ${args[*]}\` | $d ms | $q ms | $(awk -v a="$d" -v b="$q" 'BEGIN {printf "%.1f×", a / b}') | $dm MB |")
  else
    rows+=("| $name | \`desk ${args[*]}\` | $d ms | – | – | $dm MB |")
  fi
  echo "${rows[-1]}"
}
unsolved="status NOT IN ('solved', 'closed')"  # as desk says it (TicketStatus.unsolvedSQL), so the partial indexes apply
cols="id, subject, status, priority, type, channel, customer_id, assignee_id, created_at, updated_at"
pair "listing: open work" ticket list --limit 50 -- "SELECT $cols FROM ticket INDEXED BY ticket_unsolved WHERE $unsolved ORDER BY updated_at DESC LIMIT 50"
pair "listing: an agent's queue" ticket list --assignee agent7 --limit 50 -- "SELECT $cols FROM ticket WHERE assignee_id = 7 AND $unsolved ORDER BY updated_at DESC LIMIT 50"
pair "listing: a tag, all statuses" ticket list --all --tag wish-export --limit 50 -- "SELECT $cols FROM ticket WHERE id IN (SELECT ticket_id FROM ticket_tag WHERE tag = 'wish-export') ORDER BY updated_at DESC LIMIT 50"
pair "card" ticket show 123457 -- "SELECT $cols FROM ticket WHERE id = 123457; SELECT * FROM message WHERE ticket_id = 123457 ORDER BY created_at, id; SELECT tag FROM ticket_tag WHERE ticket_id = 123457"
# desk's text search: the 50 newest matching ids (each matching message's ticket through the
# (id, ticket_id) index), then their rows.
text_query() {
  local m="'\"$1\"*'"
  echo "SELECT $cols FROM ticket WHERE id IN (SELECT t.id FROM ticket t WHERE t.id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH $m UNION SELECT m.ticket_id FROM message_fts JOIN message m INDEXED BY message_ticket_by_id ON m.id = message_fts.rowid WHERE message_fts MATCH $m) ORDER BY t.updated_at DESC, t.id DESC LIMIT 50) ORDER BY updated_at DESC, id DESC"
}
pair "search: ticket text (a word in a third of the tickets)" ticket list --all --text printer --limit 50 -- "$(text_query printer)"
pair "search: a word in <1% of tickets" ticket list --all --text e4012 --limit 50 -- "$(text_query e4012)"
pair "search: KB" kb search "printer error" -- "SELECT a.id, a.slug, a.title FROM kb_fts JOIN kb_article a ON a.id = kb_fts.rowid WHERE kb_fts MATCH '\"printer\"* \"error\"*' AND a.state = 'published' ORDER BY kb_fts.rank LIMIT 20"
pair "weekly report" report summary --week 2026-W20 --json --
pair "agent report" report agents --week 2026-W20 --csv --
pair "cron, nothing due" cron -- "SELECT 1"
# Start-up alone: desk's smallest command beside the sqlite3 shell's.
read -r d dm < <(time_ms "$desk" version)
read -r q qm < <(time_ms sqlite3 :memory: 'select 1')
rows+=("| start-up | \`desk version\` (peer: \`sqlite3 :memory: 'select 1'\`) | $d ms | $q ms | $(awk -v a="$d" -v b="$q" 'BEGIN {printf "%.1f×", a / b}') | $dm MB |"); echo "${rows[-1]}"
# 10,000 due duties on a fresh copy for each of 3 runs: pending tickets whose first reminder is due
# (bench/cron.sh, which also checks that every reminder was sent).
# First on imported tickets without SLA timers (each reminder also starts and breaches two, telling
# the 10 leads), then on tickets desk already measures (SETTLED=1: the reminders alone).
cron10k=$(BENCH_DB=$db DESK=$desk RUNS=3 DUE=10000 bash bench/cron.sh | cut -d' ' -f1)
rows+=("| cron, 10,000 reminders due on imported tickets, each also breaching its SLA (median of 3) | \`desk cron\` | $cron10k ms | – | – | – |"); echo "${rows[-1]}"
cron10k=$(BENCH_DB=$db DESK=$desk RUNS=3 DUE=10000 SETTLED=1 bash bench/cron.sh | cut -d' ' -f1)
rows+=("| cron, 10,000 reminders due on tickets desk measures (median of 3) | \`desk cron\` | $cron10k ms | – | – | – |"); echo "${rows[-1]}"

# taskwarrior: list, count, add at 20,000 and 100,000 items, against desk on as many tickets.
tw=()
if command -v task > /dev/null; then
  for n in 20000 100000; do
    home=$(mktemp -d)
    python3 - "$n" > "$home/tasks.json" <<'PY'
import json, sys, uuid
n = int(sys.argv[1])
print("\n".join(json.dumps({"uuid": str(uuid.UUID(int=i + 1)), "description": f"Ticket {i} printer export hangs", "status": "pending", "entry": "20260301T100000Z", "tags": ["support"]}) for i in range(n)))
PY
    export TASKRC=$home/.taskrc TASKDATA=$home/task
    printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\ngc=off\n' "$TASKDATA" > "$TASKRC"
    task import "$home/tasks.json" > /dev/null 2>&1
    python3 bench/generate --tickets "$n" --articles 0 --db "$home/desk.db" > /dev/null
    sqlite3 "$home/desk.db" "UPDATE ticket SET status = 'open'"
    for op in list count add; do
      case $op in
        list) read -r t tm < <(time_ms task list); read -r d dm < <(DESK_DB=$home/desk.db time_ms "$desk" ticket list --format tsv) ;;
        count) read -r t tm < <(time_ms task count); read -r d dm < <(DESK_DB=$home/desk.db time_ms sh -c "'$desk' ticket list --format ids | wc -l") ;;
        add) read -r t tm < <(time_ms task add "New task"); read -r d dm < <(DESK_DB=$home/desk.db time_ms "$desk" ticket new "New ticket") ;;
      esac
      tw+=("| $op, $n items | $d ms | $t ms | $(awk -v a="$d" -v b="$t" 'BEGIN {printf "%.2f×", a / b}') | $dm MB | $tm MB |"); echo "${tw[-1]}"
    done
    unset TASKRC TASKDATA
    rm -rf "$home"
  done
fi

{
  echo "# desk benchmarks"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(uname -m), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(lsb_release -ds 2>/dev/null || uname -sr); $($desk version); sqlite3 $(sqlite3 --version | cut -d' ' -f1)$(command -v task > /dev/null && echo ", taskwarrior $(task --version)")."
  echo
  echo "Method: \`make bench\` (bench/run.sh). The data set is bench/generate's: $N tickets with about 5 messages each, $(sql 'SELECT count(*) FROM customer') customers, $(sql 'SELECT count(*) FROM agent') agents, long-tail tags, ratings, an SLA calendar and policy, $(sql 'SELECT count(*) FROM kb_article') KB articles, text in English, Portuguese, Russian and Ukrainian, loaded through \`desk db import\` ($(cat bench/data/generate-$N.log 2>/dev/null | head -1)). Each figure is the median of $RUNS runs of the whole process (start-up included) with output to /dev/null, on a shared machine; peak memory is the maximum resident set size. The ratio desk / peer is the headline; the peer is the sqlite3 shell running desk's query on the same file, or taskwarrior on as many tasks."
  echo
  echo "| what | command | desk | sqlite3 | desk / sqlite3 | desk peak memory |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  if [ ${#tw[@]} -gt 0 ]; then
    echo
    echo "| taskwarrior | desk | task | desk / task | desk memory | task memory |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${tw[@]}"
  fi
  if [ -f bench/ANALYSIS.md ]; then echo; cat bench/ANALYSIS.md; fi
} > "$out"
echo "wrote $out"
