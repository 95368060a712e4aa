# Benchmark of issue 10: `jib brief` for one authority of the sample data (target:
# under 100 ms) and `jib sample-cic` on a synthetic world (target: under 1 s).
# Sourced by run.sh as the stage "issue10" (BENCH_ONLY=issue10 make bench), or run
# alone:  sh tests/bench/bench_issue10.sh   (prints the medians; needs hyperfine).
#
# The world: SAMPLE_SIZES authorities (default "1000 10000"; gen authorities) with
# 20 inspections each (gen history), a rate indicator for five years each with
# statistical neighbours (gen's), 400 inspectors over the five inspectorates (80
# Ofsted) and 12 absences each through the coming year, built with jib's own
# import outside the timing. If gen learns a `world` subcommand for the planning
# benchmark, pass BENCH_SAMPLE_WORLD=gen to use it instead (gen world N DIR).

SAMPLE_SIZES=${SAMPLE_SIZES:-"1000 10000"}
SAMPLE_PER=20

issue10_inspectors() { # inspectors.csv and absences.csv into $1
    awk 'BEGIN {
        split("ofsted cqc hmicfrs hmi_probation hmi_prisons", insp, " ")
        split("NE NW YH EM WM EE GL SE SW", reg, " ")
        print "inspector_id,name,inspectorate,role,region" > ARGV[1] "/inspectors.csv"
        print "inspector_id,from,to,kind,note" > ARGV[1] "/absences.csv"
        seed = 12345
        for (i = 1; i <= 400; i++) {
            id = sprintf("IN%04d", i)
            printf "%s,Inspector %04d,%s,Inspector,%s\n", id, i, insp[(i % 5) + 1], reg[(i % 9) + 1] > ARGV[1] "/inspectors.csv"
            for (k = 0; k < 12; k++) {
                seed = (seed * 1103515245 + 12345) % 2147483648
                start = 20710 + (seed % 330)           # days since 1970: 2026-09-14 + 0..329
                len = 1 + (seed % 7)
                printf "%s,%s,%s,%s,\n", id, iso(start), iso(start + len), (k % 3 ? "leave" : "training") > ARGV[1] "/absences.csv"
            }
        }
        ARGV[1] = ""
    }
    function iso(days,   z, era, doe, yoe, doy, mp, d, m, y) {
        z = days + 719468; era = int(z / 146097); doe = z - era * 146097
        yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
        doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100)); mp = int((5 * doy + 2) / 153)
        d = doy - int((153 * mp + 2) / 5) + 1; m = mp < 10 ? mp + 3 : mp - 9
        y = yoe + era * 400 + (m <= 2)
        return sprintf("%04d-%02d-%02d", y, m, d)
    }' "$1"
}

issue10_indicators() { # N FILE: a rate per 10,000 for 2020-2024
    awk -v n="$1" 'BEGIN {
        print "level,la_code,region_code,indicator,period,value"
        for (i = 1; i <= n; i++)
            for (p = 2020; p <= 2024; p++)
                printf "la,A%05d,,CLA rate per 10000,%d,%d\n", i, p, 40 + (i * 37 + p * 11) % 60
    }' >"$2"
}

issue10_world() { # N: $W/sample-N.db
    db=$W/sample-$1.db
    if [ "${BENCH_REUSE:-0}" = 1 ] && [ -s "$db" ]; then return 0; fi
    rm -f "$db"*
    if [ "${BENCH_SAMPLE_WORLD:-}" = gen ]; then
        mkdir -p "$W/world-$1"
        "$W/gen" world "$1" "$W/world-$1"
        "$JIB" --db "$db" import "$W/world-$1"/*.csv >/dev/null
        return 0
    fi
    "$W/gen" authorities "$1" >"$W/s-authorities-$1.csv"
    "$W/gen" history "$1" "$SAMPLE_PER" >"$W/s-history-$1.csv"
    issue10_indicators "$1" "$W/s-indicators-$1.csv"
    issue10_inspectors "$W"
    # --skip-invalid: the random absences may repeat a natural key (counted, not stored twice).
    "$JIB" --db "$db" import --skip-invalid "$W/s-authorities-$1.csv" "$W/s-history-$1.csv" \
        "$W/s-indicators-$1.csv" "$W/inspectors.csv" "$W/absences.csv" 2>/dev/null
}

bench_issue10() {
    # brief: one real authority of the sample data (Barking and Dagenham, with a booked plan)
    demo=$W/brief-demo.db
    rm -f "$demo"*
    "$JIB" --db "$demo" demo --no-tui >/dev/null
    "$JIB" --db "$demo" --today "$TODAY" plan 301 --book >/dev/null 2>&1 || true
    hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$W/brief.json" \
        -n brief-html "$JIB --db $demo --today $TODAY brief 301 >/dev/null" \
        -n brief-md "$JIB --db $demo --today $TODAY brief 301 --format md >/dev/null" \
        -n brief-file "$JIB --db $demo --today $TODAY brief 301 -o $W/brief-301.html 2>/dev/null" >&2
    for c in brief-html brief-md brief-file; do
        record "issue10_s_$c" "$(hyperfine_median "$W/brief.json" "$c")"
    done
    record issue10_brief_bytes "$(wc -c <"$W/brief-301.html")"
    record issue10_sample_sizes "$SAMPLE_SIZES"
    for n in $SAMPLE_SIZES; do
        say "sample-cic: $n authorities"
        issue10_world "$n"
        db=$W/sample-$n.db
        hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$W/sample-$n.json" \
            -n sample "$JIB --db $db --today $TODAY sample-cic --seed 1 --format csv >/dev/null" \
            -n sample-2027 "$JIB --db $db --today $TODAY sample-cic --year 2027 --seed 1 --format csv >/dev/null" >&2
        record "issue10_s_sample_$n" "$(hyperfine_median "$W/sample-$n.json" sample)"
        record "issue10_s_sample_2027_$n" "$(hyperfine_median "$W/sample-$n.json" sample-2027)"
        record "issue10_sample_rows_$n" \
            "$("$JIB" --db "$db" --today "$TODAY" sample-cic --seed 1 --format csv |
                awk '/^$/ { exit } { n++ } END { print n - 1 }')"
    done
}

issue10_ms() { v=$(ms "$1"); [ "$v" = "not measured" ] && echo "$v" || echo "$v ms"; }

issue10_report() {
    printf '### Issue 10: the brief and the children-in-care sample\n\n'
    printf '| command | median | target |\n|---|---|---|\n'
    for c in brief-html brief-md brief-file; do
        v=$(get "issue10_s_$c")
        printf '| `jib brief 301` (%s, sample data, with a booked plan) | %s | 100 ms: %s |\n' \
            "$c" "$(issue10_ms "$v")" "$(verdict "$v" '<=' 0.1)"
    done
    for n in $(get issue10_sample_sizes); do
        v=$(get "issue10_s_sample_$n") v2=$(get "issue10_s_sample_2027_$n")
        printf '| `jib sample-cic` (%s authorities, this year) | %s | 1 s: %s |\n' "$n" \
            "$(issue10_ms "$v")" "$(verdict "$v" '<=' 1)"
        printf '| `jib sample-cic --year 2027` (%s authorities, a whole year of weeks) | %s | 1 s: %s |\n' \
            "$n" "$(issue10_ms "$v2")" "$(verdict "$v2" '<=' 1)"
    done
    printf '\n'
}

# Run alone: sh tests/bench/bench_issue10.sh
case "$0" in
*bench_issue10.sh)
    set -eu
    ROOT=$(cd "$(dirname "$0")/../.." && pwd)
    cd "$ROOT"
    . tests/bench/lib.sh
    ms() { [ -n "$1" ] && calc "$1 * 1000" || echo "not measured"; }
    RUNS=${BENCH_RUNS:-5}
    JIB=${JIB:-$ROOT/jib}
    W=${BENCH_DIR:-$ROOT/build/bench/work}
    TODAY=2026-09-14
    RESULTS=$W/results-issue10.env
    export RESULTS W
    command -v hyperfine >/dev/null 2>&1 || JIB_DEPS_EXTRA="hyperfine sqlite3" sh .ci/deps
    mkdir -p "$W"
    rm -f "$RESULTS"
    cc -std=c11 -O2 -Wall -Wextra -Werror -Wno-format-truncation -o "$W/gen" tests/bench/gen.c
    bench_issue10
    issue10_report
    ;;
esac
