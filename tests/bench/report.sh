#!/bin/sh
# Writes the results section of docs/PERFORMANCE.md (Markdown, to stdout) from the
# measurements run.sh recorded in $RESULTS and the files it left in $W.
set -eu
. "$(dirname "$0")/lib.sh"

ms() { [ -n "$1" ] && calc "$1 * 1000" || echo "not measured"; }
mb() { [ -n "$1" ] && calc "$1 / 1024" || echo "not measured"; }
int() { case "$1" in '' | *[!0-9.\ /e+-]*) echo "not measured" ;; *) awk "BEGIN { printf \"%.0f\", $1 }" ;; esac; }
num() { [ -n "$1" ] && calc "$1" || echo "not measured"; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && calc "$1 / $2" || echo ""; }
failed_note() { [ -z "$(get "failed_$1")" ] || printf '\n**This stage failed; values shown as "not measured" are missing.**\n'; }

header() {
    cat <<MD
Produced by \`make bench\` on $(get date) ($(get mode) mode: $(get runs) runs of each
command, medians; the whole run took $(get total_seconds) s).

| machine | |
|---|---|
| CPU | $(get machine_cpu), $(get machine_nproc) cores (\`nproc\`) |
| RAM | $(get machine_ram_gb) GiB |
| system | $(get machine_os) |

| tool | version |
|---|---|
| jib | $(get version_jib) |
| sqlite3 (CLI) / libsqlite3 (linked by jib) | $(get version_sqlite3) / $(get version_libsqlite3) |
| ncurses (libncursesw6) | $(get version_ncurses) |
| hyperfine | $(get version_hyperfine) |
| VisiData | $(get version_vd) |
| htop | $(get version_htop) |
| tig | $(get version_tig) |
| compiler | $(get version_cc) |
MD
}

import_section() {
    rows=$(get import_rows)
    jib=$(get import_s_jib) sq=$(get import_s_sqlite3) sqk=$(get import_s_sqlite3_keyed)
    r=$(ratio "$jib" "$sq") rk=$(ratio "$jib" "$sqk")
    big=$(mb "$(get "import_peak_kb_$rows")") small=$(mb "$(get "import_peak_kb_$((rows / 10))")")
    cat <<MD

### 1. Import: $rows inspections ($(get import_csv_mb) MiB CSV, 153 authorities)
$(failed_note import)
| tool | command (each run starts from a fresh copy of its database) | median s | rows/s |
|---|---|---|---|
| jib | \`jib --db run.db import inspections.csv\` (run.db holds the 153 authorities) | $(num "$jib") | $([ -n "$jib" ] && int "$rows / $jib") |
| sqlite3 | \`sqlite3 run.db '.import --csv --skip 1 inspections.csv inspection'\` (plain table) | $(num "$sq") | $([ -n "$sq" ] && int "$rows / $sq") |
| sqlite3, keyed | the same into a table with jib's natural key \`UNIQUE(la_code, inspectorate, type, start_date)\` | $(num "$sqk") | $([ -n "$sqk" ] && int "$rows / $sqk") |

- jib / sqlite3 = **$(or_na "$r")** (target <= 1.0: **$(verdict "$r" "<=" 1.0)**); jib / sqlite3 keyed = $(or_na "$rk").
- Rows in the database after the last timed run: jib $(or_na "$(get import_loaded_jib)"), sqlite3 keyed $(or_na "$(get import_loaded_sqlite3_keyed)") (expected $rows).
- jib's summary line: \`$(get "import_summary_$rows")\`
- Peak memory of \`jib import\` (\`/usr/bin/time -f %M\`): **$big MB** at $rows rows, **$small MB** at $((rows / 10)) rows
  (target < 64 MB: **$(verdict "$big" "<=" 64)**; x$(or_na "$(ratio "$big" "$small")") for 10x the rows);
  sqlite3 \`.import\`: $(mb "$(get import_peak_kb_sqlite3)") MB. The largest triage database below
  (10x more rows again, three files in one command) peaked at $(mb "$(get triage_build_peak_kb_100000)") MB.
MD
}

triage_row() { # N
    n=$1
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$(or_na "$(get "triage_rows_$n")")" \
        "$(ms "$(get "triage_s_due_$n")")" "$(ms "$(get "triage_s_due_kept_$n")")" \
        "$(ms "$(get "triage_s_monitoring_$n")")" \
        "$(or_na "$(get "triage_out_due_$n")") / $(or_na "$(get "triage_out_monitoring_$n")")" \
        "$(or_na "$(get "triage_build_s_$n")")" "$(mb "$(get "triage_build_peak_kb_$n")")"
}

# growth COMMAND: the time ratio between successive sizes, beside n log n's.
triage_growth() {
    prev=""
    for n in $(get triage_sizes); do
        if [ -n "$prev" ]; then
            a=$(get "triage_s_$1_$prev") b=$(get "triage_s_$1_$n")
            ra=$(get "triage_rows_$prev") rb=$(get "triage_rows_$n")
            g=$(ratio "$b" "$a")
            bound=$([ -n "$ra" ] && [ -n "$rb" ] && calc "($rb * log($rb)) / ($ra * log($ra))")
            printf -- '  - `%s`, %s -> %s authorities: x%s (n log n: x%s): **%s**\n' "$1" "$prev" "$n" \
                "$(or_na "$g")" "$(or_na "$bound")" "$(verdict "$g" "<=" "${bound:-0}")"
        fi
        prev=$n
    done
}

cold_line() {
    c=$(get triage_s_due_cold_kept)
    if [ -n "$c" ]; then
        printf 'the first `due` after `%s` (hyperfine `--prepare`, %s runs, medians)\n' \
            "$(get triage_cold_drop)" "$(get runs)"
        printf 'on the %s-authority database (%s inspections); target < 1000 ms in each case where the list is kept:\n\n' \
            "$(get triage_cold_size)" "$(or_na "$(get triage_cold_rows)")"
        printf '| case | ms | target < 1000 ms |\n|---|---|---|\n'
        printf '| today'"'"'s list kept | %s | **%s** |\n' "$(ms "$c")" "$(verdict "$c" "<=" 1)"
        n=$(get triage_s_due_cold_next_day)
        printf '| the next morning: `--today 2026-09-15`, the list kept on %s | %s | **%s** |\n' \
            "$(or_na "$(get triage_cold_next_day_from)")" "$(ms "$n")" "$(verdict "$n" "<=" 1)"
        i=$(get triage_s_due_cold_import)
        printf '| right after `jib import` (it keeps the list; key rows after it: %s) | %s | **%s** |\n' \
            "$(or_na "$(get triage_cold_import_kept)")" "$(ms "$i")" "$(verdict "$i" "<=" 1)"
        printf '| no list kept (`JIB_DUE_CACHE=0`: computed from the disk), for comparison | %s | - |\n' \
            "$(ms "$(get triage_s_due_cold_computed)")"
    else
        printf 'not measured (%s).' "$(or_na "$(get triage_cold_skipped)")"
    fi
}

triage_section() {
    due=$(get triage_s_due_10000) mon=$(get triage_s_monitoring_10000)
    cat <<MD

### 2. Triage: \`jib due\` and \`jib monitoring\` as the database grows
$(failed_note triage)
Synthetic authorities with 100 inspections each (a third full inspections, grades
including inadequate, 2000-2026), concerns for one authority in ten; commands
\`jib --db X --today 2026-09-14 due --format csv >/dev/null\` and the same with \`monitoring\`;
"computed" runs \`due\` with \`JIB_DUE_CACHE=0\` (the query and the computation every time, as
before issue 12), "kept" reads the day's list the warm-up run kept (what \`jib due\` does).

| authorities | inspections | due ms (computed) | due ms (day's list kept) | monitoring ms | rows out (due / monitoring) | building it with jib import, s | import peak MB |
|---|---|---|---|---|---|---|---|
$(for n in $(get triage_sizes); do triage_row "$n"; done)

- Target under 500 ms at 1,000,000 inspections (10,000 authorities): due **$(verdict "$due" "<=" 0.5)**,
  monitoring **$(verdict "$mon" "<=" 0.5)**.
- Growth per 10x (target: no worse than n log n):
$(triage_growth due)
$(triage_growth monitoring)

Cold start: $(cold_line)

Indexes in the largest database (\`sqlite3 X .indexes\`):

\`\`\`
$(cat "$W/triage-indexes.txt" 2>/dev/null || echo "not measured")
\`\`\`
MD
}

pty_row() { # NAME LABEL
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$2" "$(num "$(get "pty_first_ms_$1")")" \
        "$(int "$(get "pty_first_bytes_$1")")" "$(int "$(get "pty_down_bytes_$1")")" \
        "$(int "$(get "pty_pgdn_bytes_$1")")" "$(int "$(get "pty_pgdn2_bytes_$1")")" \
        "$(int "$(get "pty_down2_bytes_$1")")" "$(num "$(get "pty_down_ms_$1")")"
}

dashboard_section() {
    js=$(get pty_first_ms_jib_sample) jb=$(get pty_first_ms_jib_10000)
    vs=$(ratio "$(get pty_first_ms_vd_sample)" "$js") vb=$(ratio "$(get pty_first_ms_vd_10000)" "$jb")
    down=$(get pty_down_bytes_jib_sample)
    cat <<MD

### 3. Dashboard: first screen and bytes per keypress
$(failed_note dashboard)
Measured by \`tests/bench/ptybench\` on a pseudo-terminal of $(get pty_size): time from start
until the first complete screen, its bytes, then the bytes written in answer to four keys in
turn: cursor down (\`ESC O B\`), page down (\`ESC [ 6 ~\`) twice and cursor down again, and the
time to the first byte of the answer to the first cursor down. A first page down may only move
the cursor to the bottom of the page (jib does, like many lists); the second one scrolls a
whole page. The last cursor down may scroll the list by one row.
VisiData shows the same due list as jib (\`jib due --format csv\`); htop runs with \`-d 100\` so
its periodic refresh does not count; tig shows $(get tig_repo) in its main view.

| program and data | first screen ms | first screen bytes | cursor down, bytes | 1st page down, bytes | 2nd page down, bytes | cursor down after paging, bytes | cursor down latency ms |
|---|---|---|---|---|---|---|---|
$(pty_row jib_sample "jib, sample data (153 authorities)")
$(pty_row jib_10000 "jib, 10,000 authorities")
$(pty_row vd_sample "VisiData, sample due list")
$(pty_row vd_10000 "VisiData, 10,000-row due list")
$(pty_row htop "htop")
$(pty_row tig "tig")

- jib's first screen on the sample data: **$(num "$js") ms** (target < 50 ms: **$(verdict "$js" "<=" 50)**).
- VisiData / jib, time to first screen: **x$(or_na "$vs")** on the sample, **x$(or_na "$vb")** at 10,000 authorities
  (target >= 10: **$(verdict "$vs" ">=" 10)** / **$(verdict "$vb" ">=" 10)**).
- jib's bytes per cursor move: **$(int "$down")** (target < 100: **$(verdict "$down" "<=" 99)**).
MD
}

workbook_section() {
    rows=$(get workbook_rows)
    jx=$(get workbook_s_jib_xlsx) jc=$(get workbook_s_jib_csv) vd=$(get workbook_s_vd_xlsx)
    cat <<MD

### 5. Workbooks: $rows inspections as .xlsx ($(get workbook_xlsx_mb) MiB) and as CSV ($(get workbook_csv_mb) MiB)
$(failed_note workbook)
| tool | command | median s | peak MB |
|---|---|---|---|
| jib, workbook | \`jib --db run.db import inspections.xlsx\` (fresh copy of the 153-authority database each run) | $(num "$jx") | $(mb "$(get workbook_peak_kb_jib_xlsx)") |
| jib, CSV | \`jib --db run.db import inspections.csv\` (the same rows) | $(num "$jc") | $(mb "$(get workbook_peak_kb_jib_csv)") |
| VisiData $(get version_vd) (openpyxl $(get version_openpyxl)) | \`vd -b inspections.xlsx +:inspections:1:1 -o out.csv\` (loads the sheet, writes it) | $(num "$vd") | $(mb "$(get workbook_peak_kb_vd)") |

- jib workbook / jib CSV = **x$(or_na "$(ratio "$jx" "$jc")")** (what unzipping and parsing the XML costs).
- VisiData / jib on the workbook = **x$(or_na "$(ratio "$vd" "$jx")")**.
- Rows loaded: jib $(or_na "$(get workbook_loaded_jib)"), VisiData $(or_na "$(get workbook_loaded_vd)") (expected $rows); jib's summary: \`$(get workbook_summary)\`.
MD
}

planning_row() { # NAME LABEL
    n=$1
    printf '| %s | %s | %s | %s | %s | %s (%s) | %s..%s |\n' "$2" "$(or_na "$(get "planning_asked_$n")")" \
        "$(or_na "$(get "planning_proposed_$n")")" "$(or_na "$(get "planning_placed_$n")")" \
        "$(or_na "$(get "planning_greedy_$n")")" "$(or_na "$(get "planning_bound_$n")")" \
        "$(or_na "$(get "planning_binds_$n")")" "$(or_na "$(get "planning_first_window_$n")")" \
        "$(or_na "$(get "planning_last_window_$n")")"
}

planning_section() {
    plan=$(get planning_s_plan_synthetic) prog=$(get planning_s_programme_synthetic)
    cat <<MD

### 6. Planning: \`jib plan\` and \`jib programme\`
$(failed_note planning)
A synthetic world from \`tests/bench/gen.c\`: 153 authorities (10 inspections each, concerns for
one in ten), 300 inspectors (40% Ofsted, 20% CQC, 20% HMICFRS, 13% HMI Probation, 7% HMI Prisons;
one in twenty seconded from an authority), $(or_na "$(get planning_absences)") absences from
September 2025 to December 2027 (about 35% of weeks booked on single-inspectorate work, 25 days of
leave a year, training and other days), the real bank holidays; and the sample data (\`jib demo\`).
Today 2026-09-14, the default policy (teams of 3 Ofsted, 2 CQC, 2 HMICFRS, 1 HMI Probation; 5 on-site
days; 4-week windows).

| command | median ms |
|---|---|
| \`jib plan A00001\` (synthetic) | $(ms "$plan") |
| \`jib programme --count 25\` (synthetic) | $(ms "$prog") |
| \`jib programme --count 153\` (synthetic, every authority) | $(ms "$(get planning_s_programme_synthetic_all)") |
| \`jib programme --count 153\` (synthetic, teams of 30/15/15/10: capacity binds) | $(ms "$(get planning_s_programme_tight)") |
| \`jib plan 420\` (sample) | $(ms "$(get planning_s_plan_sample)") |
| \`jib programme --count 25\` (sample) | $(ms "$(get planning_s_programme_sample)") |

- \`plan\` under 50 ms: **$(verdict "$plan" "<=" 0.05)**; \`programme --count 25\` under 1 s:
  **$(verdict "$prog" "<=" 1)**.
- The improvement pass is bounded by a count of window tries (\`PROGRAMME_IMPROVE_BUDGET\`), not a
  clock, so the output stays the same for the same inputs; \`programme\` says when it stopped there.

What \`programme\` placed, against the count asked and the capacity upper bound it proves (per
inspectorate: its inspectors' disjoint blocks of free working days / team size; the smallest binds):

| world | asked | proposed | placed | of which by greedy alone | upper bound (binding inspectorate) | windows used |
|---|---|---|---|---|---|---|
$(planning_row synthetic "synthetic, --count 25")
$(planning_row synthetic_all "synthetic, --count 153")
$(planning_row tight "synthetic, teams of 30/15/15/10, --count 25")
$(planning_row tight_all "synthetic, teams of 30/15/15/10, --count 153")
$(planning_row sample "sample, --count 25")
$(planning_row sample_all "sample, --count 153")
MD
}

# section NAME TITLE: the stage's results, or a line saying it was not run.
section() {
    if [ -n "$(get "ran_$1")" ]; then
        "$1_section"
    else
        printf '\n### %s\n\nNot run this time (`BENCH_ONLY`).\n' "$2"
    fi
}

header
section import "1. Import"
section triage "2. Triage"
section dashboard "3. Dashboard"
. "$(dirname "$0")/bench_issue10.sh"
issue10_section() { printf '\n'; issue10_report; }
section issue10 "4. Issue 10: brief and children-in-care sample"
section workbook "5. Workbooks"
section planning "6. Planning"

# Issue 12's targets in one place, each from the measurements above (same run).
targets_section() {
    r=$(ratio "$(get import_s_jib)" "$(get import_s_sqlite3)")
    big=$(mb "$(get "import_peak_kb_$(get import_rows)")")
    vb=$(ratio "$(get pty_first_ms_vd_10000)" "$(get pty_first_ms_jib_10000)")
    c=$(get triage_s_due_cold_kept)
    n=$(get triage_s_due_cold_next_day)
    i=$(get triage_s_due_cold_import)
    cat <<MD

### Targets (issue 12), from this run

| target | measured | verdict |
|---|---|---|
| \`jib import\` / \`sqlite3 .import\` (plain table), 1,000,000 rows: <= 1.0 (aim 0.8) | $(or_na "$r") | **$(verdict "$r" "<=" 1.0)** (0.8: $(verdict "$r" "<=" 0.8)) |
| peak memory of \`jib import\`: < 64 MB | $(or_na "$big") MB | **$(verdict "$big" "<=" 64)** |
| VisiData / jib, first screen at 10,000 authorities: >= 10 | x$(or_na "$vb") | **$(verdict "$vb" ">=" 10)** |
| jib's first screen on the sample data: < 50 ms, no slower than before issue 12 (8.154 ms on 2026-11-22) | $(num "$(get pty_first_ms_jib_sample)") ms | **$(verdict "$(get pty_first_ms_jib_sample)" "<=" 50)** (compare by hand) |
| first \`due\` after dropping the page cache, 1,000,000 inspections: < 1000 ms (today's list kept) | $(ms "$c") ms | **$(verdict "$c" "<=" 1)** |
| the same the next morning (the list kept the day before) | $(ms "$n") ms | **$(verdict "$n" "<=" 1)** |
| the same right after an import | $(ms "$i") ms | **$(verdict "$i" "<=" 1)** |
MD
}
targets_section
