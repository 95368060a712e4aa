#!/bin/sh
# make bench: jib against the tools a coordinator would otherwise use, side by side,
# several runs each, medians; then regenerates the results in docs/PERFORMANCE.md.
#
#   1. import    jib import  vs  sqlite3 .import      (1,000,000 inspections)
#   2. triage    jib due / monitoring at 1k, 10k, 100k synthetic authorities
#   3. dashboard first screen and bytes per keypress: jib vs VisiData, htop, tig
#   4. issue10   jib brief (sample data) and jib sample-cic (synthetic world)
#   5. workbook  jib import of a 200,000-row .xlsx  vs  the same rows as CSV  vs
#                VisiData opening the workbook (BENCH_ONLY=workbook runs it alone)
#   6. planning  jib plan / programme on 153 authorities, 300 inspectors, a year of absences
#
# Knobs (environment): BENCH_QUICK=1 (smaller sizes, 3 runs, report under build/),
# BENCH_RUNS, BENCH_IMPORT_ROWS, BENCH_TRIAGE_SIZES ("1000 10000 100000"),
# BENCH_ONLY ("import triage dashboard issue10 workbook planning"), BENCH_WORKBOOK_ROWS (200000), BENCH_DIR (work files), BENCH_OUT (report),
# BENCH_JIB_MARKER (text the dashboard shows once its first screen is drawn), JIB.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. tests/bench/lib.sh

QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
    RUNS=${BENCH_RUNS:-3}
    IMPORT_ROWS=${BENCH_IMPORT_ROWS:-100000}
    TRIAGE_SIZES=${BENCH_TRIAGE_SIZES:-"1000 10000"}
    OUT=${BENCH_OUT:-$ROOT/build/bench/PERFORMANCE-quick.md}
else
    RUNS=${BENCH_RUNS:-5}
    IMPORT_ROWS=${BENCH_IMPORT_ROWS:-1000000}
    TRIAGE_SIZES=${BENCH_TRIAGE_SIZES:-"1000 10000 100000"}
    OUT=${BENCH_OUT:-$ROOT/docs/PERFORMANCE.md}
fi
ONLY=${BENCH_ONLY:-"import triage dashboard issue10 workbook planning"}
JIB=${JIB:-$ROOT/jib}
W=${BENCH_DIR:-$ROOT/build/bench/work}
TODAY=2026-09-14
RESULTS=$W/results.env
export RESULTS W ROOT LC_ALL=${BENCH_LOCALE:-C.UTF-8}

install_tools() {
    need=""
    for t in hyperfine sqlite3 htop tig git; do
        command -v "$t" >/dev/null 2>&1 || need="$need $t"
    done
    command -v vd >/dev/null 2>&1 || need="$need visidata"
    # VisiData reads .xlsx through openpyxl (only recommended by the Debian package)
    python3 -c 'import openpyxl' 2>/dev/null || need="$need python3-openpyxl"
    [ -x /usr/bin/time ] || need="$need time"
    [ -z "$need" ] || JIB_DEPS_EXTRA="$need" sh .ci/deps
}

build_tools() {
    cc -std=c11 -O2 -Wall -Wextra -Werror -Wno-format-truncation -o "$W/gen" tests/bench/gen.c
    cc -std=c11 -O2 -Wall -Wextra -Werror -o "$W/ptybench" tests/bench/ptybench.c -lutil
}

# The harness must count what it claims to: a tiny raw-mode program that prints
# READY, then exactly 5 bytes for a key, then quits on the next one.
selfcheck_ptybench() {
    "$W/ptybench" -n 1 -m READY -k x -q q -- sh -c 'stty raw -echo; printf READY;
        dd bs=1 count=1 2>/dev/null >&2; printf 12345; dd bs=1 count=1 2>/dev/null >&2' \
        >"$W/selfcheck.json"
    [ "$(json "$W/selfcheck.json" '$.keys[0].bytes')" = 5.0 ] ||
        { say "ptybench self-check failed: $(cat "$W/selfcheck.json")"; return 1; }
}

first_line() { "$@" 2>&1 | head -n 1; }

# The machine and the versions of every tool measured, for the report.
record_environment() {
    record machine_nproc "$(nproc)"
    record machine_cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    record machine_ram_gb "$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
    record machine_os "$(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)"
    record version_jib "$(first_line "$JIB" --version) ($(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ', uncommitted changes'))"
    record version_sqlite3 "$(sqlite3 --version | cut -d' ' -f1)"
    record version_libsqlite3 "$(dpkg-query -W -f='${Version}' libsqlite3-0 2>/dev/null || echo unknown)"
    record version_ncurses "$(dpkg-query -W -f='${Version}' libncursesw6 2>/dev/null || echo unknown)"
    record version_hyperfine "$(first_line hyperfine --version | cut -d' ' -f2)"
    record version_vd "$(first_line vd --version | sed 's/.* v//')"
    record version_htop "$(first_line htop --version | cut -d' ' -f2)"
    record version_tig "$(first_line tig --version | cut -d' ' -f3)"
    record version_cc "$(first_line cc --version)"
}

# stage NAME: runs bench_NAME when selected; a failed stage is reported, not fatal,
# so the others still run and the report says what was not measured.
FAILED=""
stage() {
    case " $ONLY " in *" $1 "*) ;; *) return 0 ;; esac
    say "== $1"
    record "ran_$1" yes
    set +e
    (set -e; "bench_$1") # a subshell: set -e is ignored inside 'if' or '!'
    rc=$?
    set -e
    if [ "$rc" -ne 0 ]; then
        say "$1: FAILED (see messages above)"
        FAILED="$FAILED $1"
        record "failed_$1" yes
    fi
}

. tests/bench/bench_import.sh
. tests/bench/bench_triage.sh
. tests/bench/bench_dashboard.sh
. tests/bench/bench_issue10.sh
. tests/bench/bench_workbook.sh
. tests/bench/bench_planning.sh

[ -x "$JIB" ] || { say "$JIB is missing: run 'make bench' (it builds jib first)"; exit 1; }
install_tools
mkdir -p "$W"
rm -f "$RESULTS"
build_tools
selfcheck_ptybench
record mode "$([ "$QUICK" = 1 ] && echo quick || echo full)"
record runs "$RUNS"
record date "$(date -u +%Y-%m-%d)"
record_environment
started=$(date +%s)
stage import
stage triage
stage dashboard
stage issue10
stage workbook
stage planning
record total_seconds "$(($(date +%s) - started))"
# The results replace what lies between the markers in docs/PERFORMANCE.md; the
# explanations around them are kept as written.
sh tests/bench/report.sh >"$W/results.md"
awk -v gen="$W/results.md" '
    /<!-- results:begin -->/ { print; while ((getline line < gen) > 0) print line; skip = 1; next }
    /<!-- results:end -->/ { skip = 0 }
    !skip { print }' docs/PERFORMANCE.md >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
say "results written to $OUT"
[ -z "$FAILED" ] || { say "failed stages:$FAILED"; exit 1; }
