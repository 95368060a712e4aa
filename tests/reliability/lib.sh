# Shared by the reliability scripts: the binary, a scratch directory, and
# small helpers. Needs sqlite3 (the CLI) for integrity_check and queries.
set -u
JIB=${JIB_BIN:-$(pwd)/jib}
ROOT=$(pwd)
export JIB_SAMPLE_DIR="$ROOT/sample-data"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jib-reliability-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
command -v sqlite3 >/dev/null 2>&1 || { echo "reliability: needs the sqlite3 command (apt-get install sqlite3)" >&2; exit 1; }

q() { sqlite3 -batch "$1" "$2"; }
integrity() { sqlite3 -batch "$1" "PRAGMA integrity_check;" | tr '\n' ' ' | sed 's/ $//'; }
now_ms() { date +%s%3N; }

# The whole database as text: every kind exported, plans, and the import log's
# outcomes (log ids and times differ between runs, so only counts by outcome).
snapshot() {
    db=$1
    for k in authorities inspections indicators concerns inspectors absences holidays; do
        echo "== $k"
        "$JIB" --db "$db" export "$k" 2>/dev/null
    done
    echo "== plans"
    q "$db" "SELECT plan_id, la_code, window_start, window_end, status FROM plan ORDER BY plan_id;"
    echo "== plan_member"
    q "$db" "SELECT * FROM plan_member ORDER BY 1, 2;"
    echo "== import_log"
    q "$db" "SELECT outcome, count(*) FROM import_log GROUP BY outcome ORDER BY outcome;"
}
