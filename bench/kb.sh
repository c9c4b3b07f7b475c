#!/usr/bin/env bash
# Times `desk kb search` and `kb suggest` over 100,000 articles (and `kb import` loading them).
# Usage: bench/kb.sh [articles]   (builds nothing: run make build first)
# Articles are Markdown files in English, Portuguese, Russian and Ukrainian, ~150 words each,
# drawn by Zipf's law from a vocabulary of real and made-up words, imported through
# `desk kb import`. Each command is timed as the median of 11 runs, beside the sqlite3 shell
# running the same FTS5 query on the same file.
set -euo pipefail
n=${1:-100000}
cd "$(dirname "$0")/.."
desk=$PWD/.build/release/desk
data=bench/data/kb-$n
db=$data/desk.db
export DESK_DB=$db DESK_AGENT=bench TZ=UTC
if [ ! -f "$db" ]; then
  rm -rf "$data" && mkdir -p "$data"
  python3 - "$n" "$data/md" <<'PY'
import os, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
random.seed(7)
vocab = {
  "en": "password reset account login invoice billing refund payment export import report printer error update install license user admin email settings backup restore sync mobile app browser timeout server network".split(),
  "pt": "senha redefinir conta acesso fatura cobrança reembolso pagamento exportação importação relatório impressora erro atualização instalação licença usuário configurações cópia sincronização aplicativo navegador".split(),
  "ru": "пароль сброс аккаунт вход счёт оплата возврат платёж экспорт импорт отчёт принтер ошибка обновление установка лицензия пользователь настройки резервная копия синхронизация приложение браузер".split(),
  "uk": "пароль скидання обліковий вхід рахунок оплата повернення платіж експорт імпорт звіт принтер помилка оновлення встановлення ліцензія користувач налаштування резервна копія синхронізація застосунок".split(),
}
# Zipf's law over 5,000 words a language: a handful of made-up function words at the top,
# the real support words between ranks 200 and 1,000 (each in a few per cent of articles, as
# "password" is in a real help centre), made-up words in the long tail.
syll = "ka to ri me sa lo vu ne pi da ko ru mi te za".split()
for lang, real in vocab.items():
  made = ["".join(random.choice(syll) for _ in range(random.randint(2, 4))) for _ in range(5000 - len(real))]
  ranks = random.sample(range(200, 1000), len(real))
  words = made[:]
  for w, r in sorted(zip(real, ranks), key=lambda p: p[1]):
    words.insert(r, w)
  vocab[lang] = words
  os.makedirs(f"{out}/{lang}", exist_ok=True)
import itertools
cum = list(itertools.accumulate(1 / (r + 1) for r in range(5000)))
def words(lang, k):
  return random.choices(vocab[lang], cum_weights=cum, k=k)
langs = list(vocab)
for i in range(n):
  lang = langs[i % 4]
  title = " ".join(words(lang, 4)).capitalize()
  body = "\n\n".join(" ".join(words(lang, 50)) + "." for _ in range(3))
  with open(f"{out}/{lang}/a{i}.md", "w") as f:
    f.write(f"---\ntitle: {title}\ncategory: C{i % 20}\nstate: published\n---\n{body}\n")
PY
  $desk db init > /dev/null
  $desk agent add bench --role admin > /dev/null
  s=$(date +%s%N)
  $desk kb import "$data/md" > /dev/null
  ms=$(( ($(date +%s%N) - s) / 1000000 ))
  echo "import of $n articles: $ms ms ($(( n * 1000 / (ms > 0 ? ms : 1) )) articles/s)"
  sqlite3 "$db" "ANALYZE;"
fi
. bench/lib.sh
q() {  # the query desk runs for the search "$1" (folded prefix terms), in sqlite3
  sqlite3 "$db" "WITH top AS (SELECT a.id AS id, kb_fts.rank AS rank FROM kb_fts JOIN kb_article a ON a.id = kb_fts.rowid
    WHERE kb_fts MATCH '$1' AND a.state = 'published' ORDER BY kb_fts.rank, a.id LIMIT 20)
    SELECT a.id, a.slug, a.title, top.rank, a.body FROM top JOIN kb_article a ON a.id = top.id ORDER BY top.rank, a.id;"
}
echo "$(sqlite3 "$db" 'SELECT count(*) FROM kb_article') articles, $(du -h "$db" | cut -f1) database"
run $desk kb search password
run q '"password"*'
run $desk kb search пароль
run q '"пароль"*'
run $desk kb search "senha conta"
run q '"senha"* "conta"*'
run $desk kb search ka
run q '"ka"*'
run $desk kb search "printer error"
run $desk kb search "zzzz"
[ "$($desk ticket list --all --format ids | head -1)" ] || $desk ticket new "Не могу сбросить пароль" -m "Пароль не подходит, сброс не приходит на почту, настройки аккаунта" > /dev/null
run $desk kb suggest 1
run $desk kb list --language uk --category C3
