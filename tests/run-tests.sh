#!/bin/sh
# Runs every Criterion suite given and fails on a failing test or on any
# sanitizer report: Criterion counts a test as passed even when AddressSanitizer's
# leak checker complains in its child process.
set -u
log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=0
passed_total=0
failed_total=0
for suite in "$@"; do
    echo "== $(basename "$suite")"
    "$suite" -j2 --short-filename >"$log" 2>&1
    status=$?
    cat "$log"
    if [ $status -ne 0 ]; then
        echo "run-tests: $(basename "$suite") failed (exit $status)" >&2
        failed=1
    fi
    if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log"; then
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
echo "total: $passed_total passed, $failed_total failed"
exit $failed
