#!/bin/sh
# Crash safety: SIGKILL `jib import` of a large file, and `jib plan --book`, at
# many random moments. After each kill the database must be exactly as before
# or exactly as after (compared by exporting everything), pass
# PRAGMA integrity_check, and hold no import log row left 'running'.
# usage: tests/reliability/crash.sh [KILLS] [ROWS]   (run from the repository)
. "$(dirname "$0")/lib.sh"
KILLS=${1:-200}
ROWS=${2:-200000}

# A demo database (real authorities, inspectors, absences), then a large
# inspections file for it: ROWS rows over the 153 authorities.
"$JIB" --db "$WORK/base.db" demo --no-tui >/dev/null 2>&1 || { echo "crash: demo failed" >&2; exit 1; }
cut -d, -f1 "$ROOT/sample-data/authorities.csv" | tail -n +2 | tr -d '"' >"$WORK/codes"
awk -v rows="$ROWS" 'BEGIN { srand(7) } { code[n++] = $1 } END {
    print "la_code,inspectorate,type,start_date,overall,leadership,help_protection,in_care,theme";
    split("outstanding good requires_improvement inadequate", g, " ");
    for (i = 0; i < rows; i++) {
        d = 1 + i % 28; m = 1 + int(i / 28) % 12; y = 1950 + int(i / 336) % 70;
        printf "%s,cqc,monitoring_visit,%04d-%02d-%02d,%s,%s,%s,%s,crash test %d\n",
            code[i % n], y, m, d, g[1 + i % 4], g[1 + (i + 1) % 4], g[1 + (i + 2) % 4], g[1 + (i + 3) % 4], i
    }
}' "$WORK/codes" >"$WORK/big.csv"

snapshot "$WORK/base.db" >"$WORK/before.txt"
cp "$WORK/base.db" "$WORK/after.db"
t0=$(now_ms)
"$JIB" --db "$WORK/after.db" import "$WORK/big.csv" >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }
import_ms=$(( $(now_ms) - t0 ))
snapshot "$WORK/after.db" >"$WORK/after.txt"
cmp -s "$WORK/before.txt" "$WORK/after.txt" && { echo "crash: the import changed nothing" >&2; exit 1; }

# The same for a booking: before and after `plan AUTHORITY --book`.
cp "$WORK/base.db" "$WORK/booked.db"
t0=$(now_ms)
"$JIB" --db "$WORK/booked.db" plan 301 --book >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }
book_ms=$(( $(now_ms) - t0 ))
snapshot "$WORK/booked.db" >"$WORK/booked.txt"

kill_at() { # ms cmd... ; kills cmd after a random delay in [0, ms] ms
    span=$1; shift
    "$@" >/dev/null 2>&1 &
    pid=$!
    r=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
    delay=$(awk -v w="$span" -v r="$r" 'BEGIN { printf "%.3f", (r % 1000000) / 1000000 * w / 1000 }')
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}

check() { # db, the allowed snapshots...
    db=$1; shift
    snapshot "$db" >"$WORK/now.txt"
    state=none
    for s in "$@"; do cmp -s "$WORK/now.txt" "$s" && state=$(basename "$s" .txt); done
    ok=$(integrity "$db")
    running=$(q "$db" "SELECT count(*) FROM import_log WHERE outcome IN ('running');")
    if [ "$state" = none ] || [ "$ok" != ok ] || [ "$running" != 0 ]; then
        echo "crash: FAILED after a kill: state=$state integrity=$ok running=$running" >&2
        diff "$WORK/before.txt" "$WORK/now.txt" | head -20 >&2
        cp "$db" "$ROOT/build/crash-failed.db" 2>/dev/null
        return 1
    fi
    echo "$state"
}

n_before=0; n_after=0; failed=0
window=$(( import_ms + import_ms / 10 ))
i=0
while [ $i -lt "$KILLS" ]; do
    cp "$WORK/base.db" "$WORK/k.db"
    kill_at "$window" "$JIB" --db "$WORK/k.db" import "$WORK/big.csv"
    state=$(check "$WORK/k.db" "$WORK/before.txt" "$WORK/after.txt") || { failed=$((failed + 1)); i=$((i + 1)); continue; }
    [ "$state" = before ] && n_before=$((n_before + 1))
    [ "$state" = after ] && n_after=$((n_after + 1))
    i=$((i + 1))
done
b_before=0; b_after=0; b_failed=0; j=0
BOOK_KILLS=$(( KILLS / 4 ))
while [ $j -lt "$BOOK_KILLS" ]; do
    cp "$WORK/base.db" "$WORK/b.db"
    kill_at "$book_ms" "$JIB" --db "$WORK/b.db" plan 301 --book
    state=$(check "$WORK/b.db" "$WORK/before.txt" "$WORK/booked.txt") || { b_failed=$((b_failed + 1)); j=$((j + 1)); continue; }
    [ "$state" = before ] && b_before=$((b_before + 1))
    [ "$state" = booked ] && b_after=$((b_after + 1))
    j=$((j + 1))
done
echo "crash: import of $ROWS rows (${import_ms} ms uninterrupted), $KILLS kills in [0, ${window}] ms: $n_before before, $n_after after, $failed lost or corrupt"
echo "crash: plan --book (${book_ms} ms uninterrupted), $BOOK_KILLS kills in [0, ${book_ms}] ms: $b_before before, $b_after after, $b_failed lost or corrupt"
[ $failed -eq 0 ] && [ $b_failed -eq 0 ]
