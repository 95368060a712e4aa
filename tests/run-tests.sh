#!/bin/sh
# Runs every Criterion suite given and fails on a failing test or on any
# sanitizer report: Criterion counts a test as passed even when AddressSanitizer's
# leak checker complains in its child process.
# A watchdog keeps a hung test from stalling CI: each test is stopped after
# JIB_TEST_TIMEOUT seconds (Criterion's --timeout, default 120) and each suite
# after JIB_SUITE_TIMEOUT (default 900); either counts as a failure.
# JIB_TEST_WRAPPER (e.g. "valgrind ...") runs each suite under a tool.
# JIB_TEST_BUDGET (seconds) bounds a slow run such as valgrind's: suites not
# started within it are listed as not run, and a suite the watchdog stops is
# reported, not failed, unless the tool found an error in it.
set -u
budget=${JIB_TEST_BUDGET:-0}
began=$(date +%s)
not_run=""
test_timeout=${JIB_TEST_TIMEOUT:-120}
suite_timeout=${JIB_SUITE_TIMEOUT:-900}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=0
passed_total=0
failed_total=0
for suite in "$@"; do
    if [ "$budget" -gt 0 ] && [ $(( $(date +%s) - began )) -ge "$budget" ]; then
        not_run="$not_run $(basename "$suite")"
        continue
    fi
    echo "== $(basename "$suite")"
    timeout -k 10 "$suite_timeout" ${JIB_TEST_WRAPPER:-} "$suite" -j2 --short-filename \
        --timeout "$test_timeout" >"$log" 2>&1
    status=$?
    [ $status -eq 124 ] && echo "run-tests: $(basename "$suite") stopped by the watchdog after ${suite_timeout} s" >&2
    if [ $status -eq 124 ] && [ "$budget" -gt 0 ] && ! grep -qE 'ERROR SUMMARY: [1-9]' "$log"; then
        not_run="$not_run $(basename "$suite")(stopped)"
        cat "$log"
        continue
    fi
    cat "$log"
    if [ $status -ne 0 ]; then
        echo "run-tests: $(basename "$suite") failed (exit $status)" >&2
        failed=1
    fi
    if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|ERROR SUMMARY: [1-9]' "$log"; then
        echo "run-tests: sanitizer reports in $(basename "$suite") (see above)" >&2
        failed=1
    fi
    line=$(grep -E '^\[====\] Synthesis:' "$log" | tail -n 1)
    p=$(echo "$line" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
    f=$(echo "$line" | sed -n 's/.*Failing: \([0-9]*\).*/\1/p')
    passed_total=$((passed_total + ${p:-0}))
    failed_total=$((failed_total + ${f:-0}))
    [ -n "$line" ] || { echo "run-tests: $(basename "$suite") printed no synthesis" >&2; failed=1; }
done
[ -n "$not_run" ] && echo "run-tests: not run within the ${budget} s budget:$not_run"
echo "total: $passed_total passed, $failed_total failed"
exit $failed
