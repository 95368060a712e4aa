# Helpers shared by tests/bench/run.sh and tests/bench/report.sh (sourced, POSIX sh).
# Measurements are kept as KEY=VALUE lines in $RESULTS; the report reads them back,
# so no number in docs/PERFORMANCE.md is ever typed by hand.

say() { printf 'bench: %s\n' "$*" >&2; }

# record KEY VALUE: remember a measurement (the last one of a key wins).
record() { printf '%s=%s\n' "$1" "$2" >>"$RESULTS"; }

# get KEY: a recorded value, or empty.
get() { sed -n "s/^$1=//p" "$RESULTS" 2>/dev/null | tail -n 1; }

# json FILE PATH: one value from a JSON file (hyperfine's or ptybench's), read with
# SQLite's JSON functions so the benchmark needs no other JSON tool.
json() { sqlite3 :memory: "SELECT json_extract(CAST(readfile('$1') AS TEXT), '$2');"; }

# hyperfine_median FILE NAME: median seconds of the named command in a hyperfine export.
hyperfine_median() {
    sqlite3 :memory: "SELECT json_extract(r.value, '\$.median')
        FROM json_each(json_extract(CAST(readfile('$1') AS TEXT), '\$.results')) AS r
        WHERE json_extract(r.value, '\$.command') = '$2';"
}

# calc EXPR: floating-point arithmetic (awk), printed with up to 4 significant digits.
calc() { awk "BEGIN { v = $1; printf \"%.4g\n\", v }"; }

# verdict VALUE OP LIMIT: "met" or "missed" (OP is <= or >=); "n/a" without a value.
verdict() {
    case "$1" in '' | *[!0-9.e+-]*) echo "n/a"; return ;; esac
    awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
        ok = (op == "<=") ? (v + 0 <= l + 0) : (v + 0 >= l + 0); print ok ? "met" : "missed" }'
}

# or_na VALUE: the value, or "not measured".
or_na() { if [ -n "$1" ]; then printf '%s' "$1"; else printf 'not measured'; fi; }

# peak_kb FILE COMMAND...: runs COMMAND under GNU time, writes its peak RSS (KB) to FILE.
peak_kb() {
    out=$1
    shift
    /usr/bin/time -f %M -o "$out" "$@" >/dev/null 2>"$out.stderr" || {
        cat "$out.stderr" >&2
        return 1
    }
}
