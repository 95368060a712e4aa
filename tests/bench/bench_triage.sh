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
# (hyperfine --prepare, untimed).
COLD_SIZE=${BENCH_COLD_SIZE:-10000}
triage_cold() { # N
    db=$W/triage-$1.db
    if [ "$(id -u)" != 0 ] || ! [ -w /proc/sys/vm/drop_caches ]; then
        record triage_cold_skipped "not root, or /proc/sys/vm/drop_caches is not writable"
        return 0
    fi
    hyperfine --style basic --runs "$RUNS" --export-json "$W/triage-cold-$1.json" \
        --prepare "sync; echo 3 >/proc/sys/vm/drop_caches" \
        -n due_cold "$JIB --db $db --today $TODAY due --format csv >/dev/null" >&2
    record triage_cold_size "$1"
    record triage_cold_rows "$(sqlite3 "$db" 'SELECT count(*) FROM inspection;')"
    record triage_s_due_cold "$(hyperfine_median "$W/triage-cold-$1.json" due_cold)"
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
