#!/bin/sh
# Soak: PROCS processes for SECONDS on one database, each doing a random mix
# of imports of new rows, re-imports of the same file, policy set, reads
# (due, monitoring, availability, imports), bookings (plan --book) and
# cancels. Then: no error reached a user (every command exited 0, or 69 for
# "no feasible window"), no imported row lost or duplicated, no inspector
# double-booked, integrity_check passes, no import log row left 'running'.
# usage: tests/reliability/soak.sh [SECONDS] [PROCS]   (run from the repository)
. "$(dirname "$0")/lib.sh"
SECONDS_=${1:-60}
PROCS=${2:-8}
DB="$WORK/soak.db"
"$JIB" --db "$DB" demo --no-tui >/dev/null 2>&1 || { echo "soak: demo failed" >&2; exit 1; }
cp "$ROOT/sample-data/holidays.csv" "$WORK/same.csv"
codes=$(cut -d, -f1 "$ROOT/sample-data/authorities.csv" | tail -n +2 | tr -d '"' | head -n 40)

worker() {
    w=$1
    end=$(( $(date +%s) + SECONDS_ ))
    i=0
    log="$WORK/ops-$w"
    : >"$log"
    while [ "$(date +%s)" -lt "$end" ]; do
        i=$((i + 1))
        op=$(( $(od -An -N2 -tu2 /dev/urandom) % 10 ))
        case $op in
        0 | 1) # new rows: one holiday on a date of this worker's own
            d=$(date -u -d "2100-01-01 + $((w * 20000 + i)) days" +%F)
            f="$WORK/new-$w-$i.csv"
            printf 'date,name\n%s,soak %s %s\n' "$d" "$w" "$i" >"$f"
            name=import; args="import $f" ;;
        2) name=reimport; args="import $WORK/same.csv" ;;
        3) name=policy; args="policy set due_soon_days $((30 + i % 60))" ;;
        4) name=due; args="due --format csv" ;;
        5) name=monitoring; args="monitoring --format csv" ;;
        6) name=availability; args="availability --weeks 8 --format csv" ;;
        7) name=imports; args="imports --format csv" ;;
        8) la=$(echo "$codes" | awk -v n=$(( $(od -An -N2 -tu2 /dev/urandom) % 40 + 1 )) 'NR == n')
           name=book; args="plan $la --book" ;;
        9) id=$(q "$DB" "SELECT plan_id FROM plan WHERE status = 'booked' ORDER BY random() LIMIT 1;" 2>/dev/null)
           [ -n "$id" ] || continue
           name=cancel; args="cancel $id" ;;
        esac
        # shellcheck disable=SC2086
        "$JIB" --db "$DB" $args >/dev/null 2>"$WORK/err-$w"
        rc=$?
        echo "$name $rc $( [ -n "${d:-}" ] && [ "$name" = import ] && echo "$d" )" >>"$log"
        # Designed outcomes, not errors: no feasible window (69); a booking lost
        # to another coordinator's (75, "no longer free": nothing booked, the
        # SPEC's answer to a race); cancelling a plan another worker cancelled.
        if [ "$name" = book ] && [ $rc -eq 75 ] && grep -q "no longer free" "$WORK/err-$w"; then
            echo "lost" >>"$WORK/lost-$w"
        elif [ $rc -ne 0 ] && ! { [ "$name" = book ] && [ $rc -eq 69 ]; } && \
           ! { [ "$name" = cancel ] && grep -q "already\|not booked\|cancelled" "$WORK/err-$w"; }; then
            { echo "worker $w: jib $args: exit $rc"; cat "$WORK/err-$w"; } >>"$WORK/errors"
        fi
        d=""
    done
}

t0=$(now_ms)
p=1
while [ $p -le "$PROCS" ]; do
    worker "$p" &
    p=$((p + 1))
done
wait
ms=$(( $(now_ms) - t0 ))

ops=$(cat "$WORK"/ops-* | wc -l)
errors=0
[ -f "$WORK/errors" ] && errors=$(grep -c "^worker" "$WORK/errors")
imported=$(cat "$WORK"/ops-* | awk '$1 == "import" && $2 == 0' | wc -l)
stored=$(q "$DB" "SELECT count(*) FROM holiday WHERE name LIKE 'soak %';")
dupes=$(q "$DB" "SELECT count(*) - count(DISTINCT date) FROM holiday WHERE name LIKE 'soak %';")
double=$(q "$DB" "SELECT count(*) FROM absence a JOIN absence b ON a.inspector_id = b.inspector_id
                  AND a.rowid < b.rowid AND a.kind = 'booked' AND b.kind = 'booked'
                  AND a.from_date <= b.to_date AND b.from_date <= a.to_date;")
running=$(q "$DB" "SELECT count(*) FROM import_log WHERE outcome = 'running';")
ok=$(integrity "$DB")
booked=$(cat "$WORK"/ops-* | awk '$1 == "book" && $2 == 0' | wc -l)
cancelled=$(cat "$WORK"/ops-* | awk '$1 == "cancel" && $2 == 0' | wc -l)
lost=$(cat "$WORK"/lost-* 2>/dev/null | wc -l)
rate=$(awk -v o="$ops" -v ms="$ms" 'BEGIN { printf "%.1f", o * 1000 / ms }')
echo "soak: $PROCS processes, $((ms / 1000)) s: $ops operations ($rate per second); by kind:" \
     "$(cat "$WORK"/ops-* | awk '{ n[$1]++ } END { for (k in n) printf "%s %d, ", k, n[k] }' | sed 's/, $//')"
echo "soak: errors reaching a user: $errors; new rows imported $imported, stored $stored," \
     "duplicated $dupes; bookings $booked (and $lost lost to a concurrent booking, exit 75, nothing booked), cancels $cancelled, double-booked $double;" \
     "integrity $ok; import log rows left running $running"
[ "$errors" -gt 0 ] && head -n 20 "$WORK/errors"
[ "$errors" -eq 0 ] && [ "$imported" -eq "$stored" ] && [ "$dupes" -eq 0 ] && [ "$double" -eq 0 ] && \
    [ "$ok" = ok ] && [ "$running" -eq 0 ]
