#!/bin/sh
# Runs the Criterion suite and fails on any sanitizer report: Criterion counts a test
# as passed even when AddressSanitizer's leak checker complains in its child process.
set -u
runner=$1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$runner" -j2 --short-filename 2>&1 | tee "$log"
status=$?
[ -f "$log" ] || exit 1
if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log"; then
    echo "run-tests: sanitizer reports found (see above)" >&2
    exit 1
fi
# tee hides the runner's status in POSIX sh; read it from Criterion's synthesis line.
if grep -qE '^\[====\] Synthesis: .*Failing: [1-9]|Crashing: [1-9]' "$log"; then
    exit 1
fi
grep -qE '^\[====\] Synthesis:' "$log" || exit 1
exit 0
