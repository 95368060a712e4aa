#!/bin/sh
# Runs every Criterion suite given and fails on a failing test or on any
# sanitizer or valgrind report: Criterion counts a test as passed even when
# AddressSanitizer's leak checker complains in its child process.
# A watchdog keeps a hung test from stalling CI: each test is stopped after
# JIB_TEST_TIMEOUT seconds (Criterion's --timeout, default 120; a suite's or
# test's own .timeout is multiplied by JIB_TEST_TIMEOUT_SCALE, see
# tests/support.c) and each suite after JIB_SUITE_TIMEOUT (default 900);
# either counts as a failure.
# JIB_TEST_WRAPPER (e.g. "valgrind ...") runs each suite under a tool.
# JIB_TEST_JOBS (default 1) runs that many suites at a time (each suite runs
# its tests two at a time), taking the suites in the order given.
# JIB_TEST_ALONE names suites (e.g. "test_tty", whose terminal waits are
# bounded) that run after the others, one at a time with nothing beside them.
# JIB_TEST_LOGDIR keeps each suite's output there (SUITE.log) with a summary
# (summary.txt: seconds, tests passed and failed, tool errors per suite).
# JIB_TEST_BUDGET (seconds, 0 = none) is a safety net for a slow run such as
# valgrind's: a suite not started within it is listed and fails the run.
# Suites that build the demo database copy it from one build per run
# (tests/support.c, test_demo_db): JIB_TEST_CACHE is a fresh directory here.
set -u
set -f # JIB_TEST_WRAPPER is split on spaces; its patterns (valgrind's) stay as they are
budget=${JIB_TEST_BUDGET:-0}
jobs=${JIB_TEST_JOBS:-1}
test_timeout=${JIB_TEST_TIMEOUT:-120}
suite_timeout=${JIB_SUITE_TIMEOUT:-900}
began=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/jib-run-XXXXXX")
trap 'rm -rf "$work"' EXIT
logdir=${JIB_TEST_LOGDIR:-$work/logs}
mkdir -p "$logdir" "$work/claims" "$work/cache" "$work/results"
rm -f "$logdir"/*.log "$logdir/summary.txt"
JIB_TEST_CACHE=$work/cache
export JIB_TEST_CACHE

# run_suite PATH: runs one suite, prints its output in one piece, and writes
# its result line (name status seconds passed failed tool-errors note).
run_suite() {
    suite=$1
    name=$(basename "$suite")
    log="$logdir/$name.log"
    start=$(date +%s)
    # CPU seconds (user + system, the suite and every process it waited for)
    # when GNU time is there: a figure that does not depend on the machine's load.
    cpu=-
    timer=""
    [ -x /usr/bin/time ] && timer="/usr/bin/time -o $logdir/$name.time -f %U+%S"
    $timer timeout -k 10 "$suite_timeout" ${JIB_TEST_WRAPPER:-} "$suite" -j2 --short-filename \
        --timeout "$test_timeout" >"$log" 2>&1
    status=$?
    secs=$(( $(date +%s) - start ))
    if [ -n "$timer" ] && [ -s "$logdir/$name.time" ]; then
        cpu=$(tail -n 1 "$logdir/$name.time" | sed 's/^Command .*//' | LC_ALL=C awk -F+ 'NF == 2 { printf "%.1f", $1 + $2 }')
        rm -f "$logdir/$name.time"
    fi
    note=""
    if [ $status -eq 124 ] || [ $status -eq 137 ]; then
        note="stopped by the watchdog after ${suite_timeout} s"
    elif [ $status -ne 0 ]; then
        note="exit $status"
    fi
    errors=$(grep -cE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|ERROR SUMMARY: [1-9]' "$log")
    [ "$errors" -gt 0 ] && note="${note:+$note; }tool reports (see the log)"
    line=$(grep -E '^\[====\] Synthesis:' "$log" | tail -n 1)
    p=$(echo "$line" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
    f=$(echo "$line" | sed -n 's/.*Failing: \([0-9]*\).*/\1/p')
    c=$(echo "$line" | sed -n 's/.*Crashing: \([0-9]*\).*/\1/p')
    [ -n "$line" ] || note="${note:+$note; }no synthesis"
    # One suite's output at a time, whole.
    while ! mkdir "$work/print.lock" 2>/dev/null; do sleep 1; done
    echo "== $name (${secs} s)"
    cat "$log"
    [ -n "$note" ] && echo "run-tests: $name: $note" >&2
    rmdir "$work/print.lock"
    echo "$name $secs ${cpu:--} ${p:-0} $(( ${f:-0} + ${c:-0} )) $errors ${note:+FAILED}" >"$work/results/$name"
}

# worker shared|alone SUITE...: takes the next suite nobody has claimed
# (mkdir is atomic); the JIB_TEST_ALONE ones only when alone.
worker() {
    mode=$1
    shift
    for suite in "$@"; do
        name=$(basename "$suite")
        case " ${JIB_TEST_ALONE:-} " in *" $name "*) [ "$mode" = alone ] || continue ;; esac
        mkdir "$work/claims/$name" 2>/dev/null || continue
        if [ "$budget" -gt 0 ] && [ $(( $(date +%s) - began )) -ge "$budget" ]; then
            echo "$name - - 0 0 0 NOT-RUN" >"$work/results/$name"
            continue
        fi
        run_suite "$suite"
    done
}

i=0
while [ $i -lt "$jobs" ]; do
    worker shared "$@" &
    i=$((i + 1))
done
wait
worker alone "$@"

failed=0
passed_total=0
failed_total=0
errors_total=0
cpu_total=0
not_run=""
{
    printf '%-24s %8s %8s %7s %7s %12s\n' suite seconds cpu-s passed failed tool-errors
    for suite in "$@"; do
        name=$(basename "$suite")
        if [ ! -f "$work/results/$name" ]; then
            echo "$name - - 0 0 0 NOT-RUN" >"$work/results/$name"
        fi
        read -r n secs cpu p f e flag <"$work/results/$name"
        case "${flag:-}" in
            NOT-RUN) not_run="$not_run $n"; failed=1 ;;
            FAILED) failed=1 ;;
        esac
        passed_total=$((passed_total + p))
        failed_total=$((failed_total + f))
        errors_total=$((errors_total + e))
        case "$cpu" in [0-9]*) cpu_total=$(LC_ALL=C awk -v a="$cpu_total" -v b="$cpu" 'BEGIN { printf "%.1f", a + b }') ;; esac
        printf '%-24s %8s %8s %7s %7s %12s %s\n' "$n" "$secs" "$cpu" "$p" "$f" "$e" "${flag:-}"
    done
    echo "total: $passed_total passed, $failed_total failed, $errors_total tool errors," \
        "$(( $(date +%s) - began )) s with $jobs suite(s) at a time, $cpu_total CPU seconds"
} >"$work/summary.txt"
cp "$work/summary.txt" "$logdir/summary.txt" 2>/dev/null
# The summary only when there is something to sum up across suites.
[ "$jobs" -gt 1 ] || [ -n "${JIB_TEST_LOGDIR:-}" ] && cat "$work/summary.txt"
[ -n "$not_run" ] && echo "run-tests: not started within the ${budget} s budget (this fails the run):$not_run" >&2
echo "total: $passed_total passed, $failed_total failed"
exit $failed
