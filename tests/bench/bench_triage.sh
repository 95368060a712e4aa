# Benchmark 2, triage: `jib due` and `jib monitoring` on synthetic databases of
# N authorities with 100 inspections each, for each N in TRIAGE_SIZES, to show
# how the cost grows. Sourced by run.sh (W, JIB, RUNS, TODAY, TRIAGE_SIZES).

TRIAGE_PER=100

# Builds triage-N.db with jib's own import (outside the timing); BENCH_REUSE=1
# keeps a database built before, for quicker runs while working on the report.
triage_build() { # N
    db=$W/triage-$1.db
    if [ "${BENCH_REUSE:-0}" = 1 ] && [ -s "$db" ]; then return 0; fi
    "$W/gen" authorities "$1" >"$W/authorities-$1.csv"
    "$W/gen" history "$1" "$TRIAGE_PER" >"$W/history-$1.csv"
    "$W/gen" concerns "$1" >"$W/concerns-$1.csv"
    rm -f "$db"*
    /usr/bin/time -f '%e %M' -o "$W/triage-build-$1.txt" "$JIB" --db "$db" import \
        "$W/authorities-$1.csv" "$W/history-$1.csv" "$W/concerns-$1.csv"
    record "triage_build_s_$1" "$(tail -n 1 "$W/triage-build-$1.txt" | cut -d' ' -f1)"
    record "triage_build_peak_kb_$1" "$(tail -n 1 "$W/triage-build-$1.txt" | cut -d' ' -f2)"
}

triage_time() { # N
    db=$W/triage-$1.db
    # due: the list computed every time (JIB_DUE_CACHE=0), comparable across sizes and with
    # runs before issue 12; due_kept: what a coordinator gets, the day's list read back
    # (the warm-up run computes and keeps it).
    hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$W/triage-$1.json" \
        -n due "JIB_DUE_CACHE=0 $JIB --db $db --today $TODAY due --format csv >/dev/null" \
        -n due_kept "$JIB --db $db --today $TODAY due --format csv >/dev/null" \
        -n monitoring "$JIB --db $db --today $TODAY monitoring --format csv >/dev/null" >&2
    record "triage_rows_$1" "$(sqlite3 "$db" 'SELECT count(*) FROM inspection;')"
    record "triage_s_due_kept_$1" "$(hyperfine_median "$W/triage-$1.json" due_kept)"
    for c in due monitoring; do
        record "triage_s_${c}_$1" "$(hyperfine_median "$W/triage-$1.json" "$c")"
        record "triage_out_${c}_$1" \
            "$("$JIB" --db "$db" --today "$TODAY" "$c" --format csv | tail -n +2 | wc -l)"
    done
}

# Cold start (issue 12): the first `due` after the page cache was dropped, so every
# page it needs comes from the disk. Needs root (writing /proc/sys/vm/drop_caches);
# skipped otherwise, and the report says so. Each run drops the caches first
# (hyperfine --prepare, untimed). Four cases, in this order:
#   kept       today's list is kept (the warm-up run of triage_time kept it);
#   next_day   the list kept yesterday: `due --today` the day after, which reads the
#              kept list and works out status and days_to_due for the new day (it
#              does not store again, so every run is the next morning);
#   import     right after an import (untimed, in --prepare: re-importing the concerns
#              file, which deletes the kept list and stores it again after committing);
#   computed   JIB_DUE_CACHE=0: the list computed from the disk (no list kept), for
#              comparison with the cases above.
# BENCH_DROP_CACHES replaces the drop command (e.g. "sync" to check the script
# without emptying a shared machine's page cache; the figures then are warm).
COLD_SIZE=${BENCH_COLD_SIZE:-10000}
DROP_CACHES=${BENCH_DROP_CACHES:-"sync; echo 3 >/proc/sys/vm/drop_caches"}
NEXT_DAY=2026-09-15
cold_case() { # N NAME PREPARE COMMAND
    hyperfine --style basic --runs "$RUNS" --export-json "$W/triage-cold-$2-$1.json" \
        --prepare "$3" -n "$2" "$4" >&2
    record "triage_s_due_cold_$2" "$(hyperfine_median "$W/triage-cold-$2-$1.json" "$2")"
}

triage_cold() { # N
    db=$W/triage-$1.db
    if [ "$(id -u)" != 0 ] || ! [ -w /proc/sys/vm/drop_caches ]; then
        record triage_cold_skipped "not root, or /proc/sys/vm/drop_caches is not writable"
        return 0
    fi
    due="$JIB --db $db --today $TODAY due --format csv >/dev/null"
    [ -s "$W/concerns-$1.csv" ] || "$W/gen" concerns "$1" >"$W/concerns-$1.csv"
    "$JIB" --db "$db" --today "$TODAY" due --format csv >/dev/null # keeps today's list
    cold_case "$1" kept "$DROP_CACHES" "$due"
    record triage_s_due_cold "$(get triage_s_due_cold_kept)"
    cold_case "$1" next_day "$DROP_CACHES" "$JIB --db $db --today $NEXT_DAY due --format csv >/dev/null"
    # The next day was read from the list kept on $TODAY, not computed and stored again.
    record triage_cold_next_day_from "$(sqlite3 "$db" 'SELECT day FROM due_cache_key;')"
    cold_case "$1" import \
        "$JIB --db $db --today $TODAY import $W/concerns-$1.csv >/dev/null 2>&1; $DROP_CACHES" "$due"
    "$JIB" --db "$db" --today "$TODAY" import "$W/concerns-$1.csv" >/dev/null 2>&1
    record triage_cold_import_kept "$(sqlite3 "$db" 'SELECT count(*) FROM due_cache_key;')"
    cold_case "$1" computed "$DROP_CACHES" "JIB_DUE_CACHE=0 $due"
    record triage_cold_size "$1"
    record triage_cold_rows "$(sqlite3 "$db" 'SELECT count(*) FROM inspection;')"
    record triage_cold_drop "$DROP_CACHES"
}

bench_triage() {
    record triage_sizes "$TRIAGE_SIZES"
    for n in $TRIAGE_SIZES; do
        say "triage: $n authorities x $TRIAGE_PER inspections"
        triage_build "$n"
        triage_time "$n"
        largest=$n
        [ "$n" != "$COLD_SIZE" ] || triage_cold "$n"
    done
    sqlite3 "$W/triage-$largest.db" .indexes >"$W/triage-indexes.txt"
}
