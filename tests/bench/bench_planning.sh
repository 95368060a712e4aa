# Benchmark 4, planning: `jib plan` and `jib programme --count 25` on a synthetic
# world of 153 authorities, 300 inspectors and a year of realistic absences
# (tests/bench/gen.c: leave, training, other days and about 35% of weeks booked on
# single-inspectorate work) and on the sample data; and how many authorities
# `programme` placed against the count asked and against the capacity upper bound
# it proves. Sourced by run.sh (W, JIB, RUNS, TODAY, ROOT).

PLAN_AUTHORITIES=153
PLAN_INSPECTORS=300
PLAN_HISTORY=10

planning_build_synthetic() {
    db=$W/plan-synthetic.db
    if [ "${BENCH_REUSE:-0}" != 1 ] || [ ! -s "$db" ]; then planning_generate "$db"; fi
    record planning_absences "$(sqlite3 "$db" 'SELECT count(*) FROM absence;')"
}

planning_generate() { # DB
    db=$1
    "$W/gen" authorities "$PLAN_AUTHORITIES" >"$W/plan-authorities.csv"
    "$W/gen" history "$PLAN_AUTHORITIES" "$PLAN_HISTORY" >"$W/plan-history.csv"
    "$W/gen" concerns "$PLAN_AUTHORITIES" >"$W/plan-concerns.csv"
    "$W/gen" inspectors "$PLAN_INSPECTORS" "$PLAN_AUTHORITIES" >"$W/plan-inspectors.csv"
    "$W/gen" absences "$PLAN_INSPECTORS" >"$W/plan-absences.csv"
    rm -f "$db"*
    "$JIB" --db "$db" import "$W/plan-authorities.csv" "$ROOT/sample-data/holidays.csv" \
        "$W/plan-inspectors.csv" "$W/plan-history.csv" "$W/plan-concerns.csv" \
        "$W/plan-absences.csv" 2>"$W/plan-import.log"
}

# The same world with teams too big for it (30 Ofsted, 15 CQC, 15 HMICFRS, 10 HMI
# Probation), so that capacity binds and the improvement pass has work to do.
planning_build_tight() {
    db=$W/plan-tight.db
    rm -f "$db"*
    sqlite3 "$W/plan-synthetic.db" ".backup '$db'"
    for kv in team_ofsted=30 team_cqc=15 team_hmicfrs=15 team_hmi_probation=10; do
        "$JIB" --db "$db" policy set "${kv%%=*}" "${kv#*=}" >/dev/null 2>&1
    done
}

planning_build_sample() {
    db=$W/plan-sample.db
    rm -f "$db"*
    JIB_SAMPLE_DIR=$ROOT/sample-data "$JIB" --db "$db" demo --no-tui >/dev/null 2>&1
}

# sql FILE QUERY: a query over the JSON array in FILE (each element is `value`).
json_rows() {
    sqlite3 :memory: "SELECT $2 FROM json_each(CAST(readfile('$1') AS TEXT)) ${3:-};"
}

# planning_counts NAME DB COUNT: placed / asked / proposed / bound for one run.
planning_counts() {
    out=$W/programme-$1
    "$JIB" --db "$2" --today "$TODAY" programme --count "$3" --format json >"$out.json" \
        2>"$out.txt"
    "$JIB" --db "$2" --today "$TODAY" programme --count "$3" --capacity --format json \
        >"$out-capacity.json"
    record "planning_asked_$1" "$3"
    record "planning_proposed_$1" "$(json_rows "$out.json" 'count(*)')"
    record "planning_placed_$1" "$(json_rows "$out.json" 'count(*)' \
        "WHERE json_extract(value, '\$.placed') = 'yes'")"
    record "planning_greedy_$1" "$(sed -n 's/.*; \([0-9]*\) by greedy placement.*/\1/p' "$out.txt")"
    record "planning_bound_$1" "$(json_rows "$out-capacity.json" \
        "min(json_extract(value, '\$.upper_bound'))")"
    record "planning_binds_$1" "$(json_rows "$out-capacity.json" \
        "group_concat(json_extract(value, '\$.inspectorate'))" \
        "WHERE json_extract(value, '\$.binds') = 'yes'")"
    record "planning_first_window_$1" "$(json_rows "$out.json" \
        "min(json_extract(value, '\$.window_start'))")"
    record "planning_last_window_$1" "$(json_rows "$out.json" \
        "max(json_extract(value, '\$.window_start'))")"
}

planning_time() {
    syn=$W/plan-synthetic.db sam=$W/plan-sample.db
    hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$W/planning.json" \
        -n plan_synthetic "$JIB --db $syn --today $TODAY plan A00001 --format csv >/dev/null" \
        -n programme_synthetic \
        "$JIB --db $syn --today $TODAY programme --count 25 --format csv >/dev/null 2>&1" \
        -n programme_synthetic_all \
        "$JIB --db $syn --today $TODAY programme --count $PLAN_AUTHORITIES --format csv >/dev/null 2>&1" \
        -n programme_tight \
        "$JIB --db $W/plan-tight.db --today $TODAY programme --count $PLAN_AUTHORITIES --format csv >/dev/null 2>&1" \
        -n plan_sample "$JIB --db $sam --today $TODAY plan 420 --format csv >/dev/null" \
        -n programme_sample \
        "$JIB --db $sam --today $TODAY programme --count 25 --format csv >/dev/null 2>&1" >&2
    for c in plan_synthetic programme_synthetic programme_synthetic_all programme_tight \
        plan_sample programme_sample; do
        record "planning_s_$c" "$(hyperfine_median "$W/planning.json" "$c")"
    done
}

bench_planning() {
    say "planning: $PLAN_AUTHORITIES authorities, $PLAN_INSPECTORS inspectors, a year of absences"
    planning_build_synthetic
    planning_build_tight
    planning_build_sample
    planning_time
    planning_counts synthetic "$W/plan-synthetic.db" 25
    planning_counts synthetic_all "$W/plan-synthetic.db" "$PLAN_AUTHORITIES"
    planning_counts tight "$W/plan-tight.db" 25
    planning_counts tight_all "$W/plan-tight.db" "$PLAN_AUTHORITIES"
    planning_counts sample "$W/plan-sample.db" 25
    planning_counts sample_all "$W/plan-sample.db" 153
}
