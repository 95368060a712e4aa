#!/bin/sh
# Runs every fuzz harness for SECONDS each (default 60) on the committed corpus
# (tests/fuzz/corpus/NAME), new inputs going to build/fuzz/corpus/NAME. Prints
# one line per harness: executions, seconds, crashes. Fails on a crash; the
# input that crashed is kept as build/fuzz/crash-NAME-*.
# usage: run.sh BUILD_DIR SECONDS [HARNESS...]
set -u
build=$1
seconds=${2:-60}
shift 2
[ $# -gt 0 ] || set -- csv_import date normalise workbook
here=$(dirname "$0")
failed=0
for name in "$@"; do
    bin="$build/fuzz_$name"
    work="$build/corpus/$name"
    mkdir -p "$work"
    log="$build/fuzz_$name.log"
    nice -n 19 "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$build/crash-$name-" \
        "$work" "$here/corpus/$name" >"$log" 2>&1
    status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    crashes=0
    if [ $status -ne 0 ]; then
        crashes=1
        failed=1
        grep -E 'ERROR|SUMMARY|==[0-9]+==' "$log" | head -n 20
    fi
    echo "fuzz: $name: ${execs:-0} executions in ${seconds} s, $crashes crashes (log: $log)"
done
exit $failed
