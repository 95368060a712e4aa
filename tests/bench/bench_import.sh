# Benchmark 1, import: `jib import` of a synthetic inspections CSV into a database
# holding the 153 real authorities, against sqlite3's own `.import` into a plain
# table of the same columns and into one with the same natural-key UNIQUE index.
# Sourced by run.sh, which provides W, JIB, RUNS, IMPORT_ROWS and lib.sh.

IMPORT_COLUMNS="la_code TEXT, inspectorate TEXT, type TEXT, start_date TEXT,
    end_date TEXT, published TEXT, overall TEXT, leadership TEXT, help_protection TEXT,
    in_care TEXT, care_leavers TEXT, theme TEXT, lead TEXT, link TEXT"

# The databases each timed run starts from, made once, outside the timing.
import_templates() {
    tail -n +2 sample-data/authorities.csv | cut -d, -f1 >"$W/codes.txt"
    rm -f "$W"/import-tmpl.db*
    "$JIB" --db "$W/import-tmpl.db" import sample-data/authorities.csv
    sqlite3 "$W/import-tmpl.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
    rm -f "$W/sq-plain.db" "$W/sq-keyed.db"
    sqlite3 "$W/sq-plain.db" "CREATE TABLE inspection($IMPORT_COLUMNS);"
    sqlite3 "$W/sq-keyed.db" "CREATE TABLE inspection($IMPORT_COLUMNS,
        UNIQUE(la_code, inspectorate, type, start_date));"
}

import_csv() { # ROWS: the generated file's path (made once per size)
    f=$W/inspections-$1.csv
    [ -s "$f" ] || "$W/gen" inspections "$W/codes.txt" "$1" >"$f"
    printf '%s' "$f"
}

import_fresh_db() { rm -f "$W"/run.db*; cp "$W/import-tmpl.db" "$W/run.db"; }

import_timings() { # CSV
    hyperfine --style basic --runs "$RUNS" --export-json "$W/import.json" \
        --prepare "rm -f $W/run.db*; cp $W/import-tmpl.db $W/run.db" \
        -n jib "$JIB --db $W/run.db import $1" \
        --prepare "cp $W/sq-plain.db $W/sq-run.db" \
        -n sqlite3 "sqlite3 $W/sq-run.db '.import --csv --skip 1 $1 inspection'" \
        --prepare "cp $W/sq-keyed.db $W/sq-run.db" \
        -n sqlite3_keyed "sqlite3 $W/sq-run.db '.import --csv --skip 1 $1 inspection'" >&2
    for c in jib sqlite3 sqlite3_keyed; do
        record "import_s_$c" "$(hyperfine_median "$W/import.json" "$c")"
    done
    # The last timed runs must have loaded every row, or the times mean nothing.
    record import_loaded_jib "$(sqlite3 "$W/run.db" 'SELECT count(*) FROM inspection;')"
    record import_loaded_sqlite3_keyed "$(sqlite3 "$W/sq-run.db" 'SELECT count(*) FROM inspection;')"
}

# Peak resident memory of jib's import at the full size and at a tenth of it.
import_memory() { # CSV_FULL
    for rows in "$IMPORT_ROWS" $((IMPORT_ROWS / 10)); do
        import_fresh_db
        peak_kb "$W/mem-$rows.txt" "$JIB" --db "$W/run.db" import "$(import_csv "$rows")"
        record "import_peak_kb_$rows" "$(tail -n 1 "$W/mem-$rows.txt")"
        record "import_summary_$rows" "$(tail -n 1 "$W/mem-$rows.txt.stderr" | sed 's|^.*/||')"
    done
    cp "$W/sq-plain.db" "$W/sq-run.db"
    peak_kb "$W/mem-sqlite3.txt" sqlite3 "$W/sq-run.db" ".import --csv --skip 1 $1 inspection"
    record import_peak_kb_sqlite3 "$(tail -n 1 "$W/mem-sqlite3.txt")"
}

bench_import() {
    import_templates
    csv=$(import_csv "$IMPORT_ROWS")
    record import_rows "$IMPORT_ROWS"
    record import_csv_mb "$(calc "$(wc -c <"$csv") / 1048576")"
    import_timings "$csv"
    import_memory "$csv"
}
