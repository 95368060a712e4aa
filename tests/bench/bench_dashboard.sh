# Benchmark 3, dashboard: time to the first complete screen and bytes written per
# keypress, measured on a pseudo-terminal by ptybench: jib against VisiData (on the
# same due list as CSV), htop and tig. Sourced by run.sh (W, JIB, RUNS, TODAY).

PTY_COLS=${BENCH_COLS:-100}
PTY_ROWS=${BENCH_ROWS:-30}
PTY_TERM=${BENCH_TERM:-xterm-256color}
# Text jib's dashboard draws once its first screen is complete (the row counter
# of its status line), matched with escape sequences removed; BENCH_JIB_MARKER
# overrides it.
JIB_MARKER=${BENCH_JIB_MARKER:-"row 1/"}

pty() { # NAME MARKER -- COMMAND...: runs ptybench, keeps its JSON, records medians
    name=$1 marker=$2
    shift 3
    "$W/ptybench" -n "$RUNS" -c "$PTY_COLS" -r "$PTY_ROWS" -T "$PTY_TERM" -m "$marker" \
        -k down -k pgdn -k pgdn -k down -q q -- "$@" >"$W/pty-$name.json"
    f=$W/pty-$name.json
    record "pty_first_ms_$name" "$(json "$f" '$.first_screen_ms')"
    record "pty_first_bytes_$name" "$(json "$f" '$.first_screen_bytes')"
    record "pty_down_bytes_$name" "$(json "$f" '$.keys[0].bytes')"
    record "pty_pgdn_bytes_$name" "$(json "$f" '$.keys[1].bytes')"
    record "pty_pgdn2_bytes_$name" "$(json "$f" '$.keys[2].bytes')"
    record "pty_down2_bytes_$name" "$(json "$f" '$.keys[3].bytes')"
    record "pty_down_ms_$name" "$(json "$f" '$.keys[0].latency_ms')"
}

csv_rows() { echo $(($(wc -l <"$1") - 1)); }

# tig needs more commits than a screen holds for page down to mean anything; while
# this repository is young, a synthetic history of 300 commits stands in.
tig_repo() {
    if [ "$(git -C "$ROOT" rev-list --count HEAD 2>/dev/null || echo 0)" -ge 100 ]; then
        echo "$ROOT"
        return
    fi
    r=$W/tig-repo
    if [ ! -d "$r/.git" ]; then
        git init -q "$r"
        i=1
        while [ $i -le 300 ]; do
            echo "$i" >"$r/counter"
            git -C "$r" add counter
            GIT_AUTHOR_DATE="2026-01-01T00:00:00+0000" GIT_COMMITTER_DATE="2026-01-01T00:00:00+0000" \
                git -C "$r" -c user.name=Bench -c user.email=bench@example.org \
                commit -q -m "Synthetic change $i to the counter file"
            i=$((i + 1))
        done
    fi
    echo "$r"
}

dashboard_data() {
    rm -f "$W"/sample.db*
    "$JIB" --db "$W/sample.db" import sample-data/*.csv
    "$JIB" --db "$W/sample.db" --today "$TODAY" due --format csv >"$W/due-sample.csv"
    [ -s "$W/triage-10000.db" ] || (BENCH_REUSE=1 triage_build 10000)
    "$JIB" --db "$W/triage-10000.db" --today "$TODAY" due --format csv >"$W/due-10000.csv"
}

bench_dashboard() {
    record pty_size "${PTY_COLS}x$PTY_ROWS $PTY_TERM"
    # The comparison programs first: they need nothing from jib.
    pty htop F10Quit -- htop -d 100
    repo=$(tig_repo)
    record tig_repo "$([ "$repo" = "$ROOT" ] && echo "this repository" || echo "a synthetic 300-commit repository")"
    (cd "$repo" && pty tig '[main]' -- tig)
    dashboard_data
    pty jib_sample "$JIB_MARKER" -- "$JIB" --db "$W/sample.db" --today "$TODAY"
    pty jib_10000 "$JIB_MARKER" -- "$JIB" --db "$W/triage-10000.db" --today "$TODAY"
    pty vd_sample "$(csv_rows "$W/due-sample.csv") rows" -- vd "$W/due-sample.csv"
    pty vd_10000 "$(csv_rows "$W/due-10000.csv") rows" -- vd "$W/due-10000.csv"
}
