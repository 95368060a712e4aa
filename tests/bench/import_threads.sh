#!/bin/sh
# Side by side, one file: the CPU time of jib import's two threads (the writer is
# the main thread, the only one that touches SQLite; the reader parses and
# validates) and the CPU and wall time of sqlite3 .import into a plain table.
# On a loaded machine wall times mean little; compare CPU, and the writer's most
# (the import takes about as long as its writer). Not part of make bench.
#   usage: sh tests/bench/import_threads.sh JIB CSV [RUNS] [TEMPLATE_DB]
# TEMPLATE_DB: the database each jib run starts from (default: a new one made
# by JIB holding sample-data/authorities.csv). Needs perf, sqlite3, GNU time.
set -eu
JIB=$1 CSV=$2 RUNS=${3:-3}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
TMPL=${4:-}
if [ -z "$TMPL" ]; then
    TMPL=$W/tmpl.db
    "$JIB" --db "$TMPL" import sample-data/authorities.csv >/dev/null 2>&1
    sqlite3 "$TMPL" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
fi
sqlite3 "$W/plain.db" "CREATE TABLE inspection(la_code TEXT, inspectorate TEXT, type TEXT,
    start_date TEXT, end_date TEXT, published TEXT, overall TEXT, leadership TEXT,
    help_protection TEXT, in_care TEXT, care_leavers TEXT, theme TEXT, lead TEXT, link TEXT);"
i=0
while [ "$i" -lt "$RUNS" ]; do
    i=$((i + 1))
    rm -f "$W"/run.db*
    cp "$TMPL" "$W/run.db"
    perf record -q -e task-clock -F 1000 -o "$W/perf.data" \
        /usr/bin/time -f '%e %U %S %M' -o "$W/time" "$JIB" --db "$W/run.db" import "$CSV" \
        >/dev/null 2>&1
    # task-clock samples at 1 kHz: one a millisecond of CPU, by thread.
    perf script -i "$W/perf.data" -F pid,tid,comm 2>/dev/null | tr '/' ' ' |
        awk -v t="$(cat "$W/time")" '$1 != "time" { if ($2 == $3) w++; else r++ }
            END { split(t, a, " "); printf "jib      writer %5d ms  reader %5d ms  wall %s s  user %s  sys %s  peak %d MB\n",
                  w, r, a[1], a[2], a[3], a[4] / 1024 }'
    cp "$W/plain.db" "$W/sq.db"
    /usr/bin/time -f '%e %U %S %M' -o "$W/time" sqlite3 "$W/sq.db" \
        ".import --csv --skip 1 $CSV inspection"
    awk '{ printf "sqlite3  CPU %5d ms                      wall %s s  user %s  sys %s  peak %d MB\n",
           ($2 + $3) * 1000, $1, $2, $3, $4 / 1024 }' "$W/time"
done
