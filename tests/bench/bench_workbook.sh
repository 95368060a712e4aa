# Benchmark 4, workbooks: `jib import` of a 200,000-row .xlsx against the same
# rows as CSV (the ratio is the cost of the workbook path: unzip + XML) and
# against VisiData opening the same workbook (openpyxl) and writing it out.
# Sourced by run.sh, which provides W, JIB, RUNS and lib.sh; uses the import
# stage's generator and template database (import_templates, import_csv).
#
# The workbook is made by jib itself from the generated CSV (`jib export
# inspections --format xlsx`: shared strings and typed dates, as Excel writes),
# and the CSV compared is `jib export inspections --format csv` of the same
# database: the same rows, in the same order, in both formats.

WORKBOOK_ROWS=${BENCH_WORKBOOK_ROWS:-200000}

workbook_files() { # ROWS: makes $W/wb-ROWS.xlsx and $W/wb-ROWS.csv once
    x=$W/wb-$1.xlsx c=$W/wb-$1.csv
    if [ ! -s "$x" ] || [ ! -s "$c" ]; then
        rm -f "$W"/wb-src.db*
        cp "$W/import-tmpl.db" "$W/wb-src.db"
        "$JIB" --db "$W/wb-src.db" import "$(import_csv "$1")" >/dev/null 2>&1
        "$JIB" --db "$W/wb-src.db" export inspections --format csv -o "$c"
        # shared strings, as Excel writes them (large exports otherwise stream inline strings)
        JIB_XLSX_STREAM_CELLS=1000000000 "$JIB" --db "$W/wb-src.db" export inspections \
            --format xlsx -o "$x"
    fi
}

bench_workbook() {
    [ -s "$W/import-tmpl.db" ] || import_templates
    rows=$WORKBOOK_ROWS
    workbook_files "$rows"
    x=$W/wb-$rows.xlsx c=$W/wb-$rows.csv
    record workbook_rows "$rows"
    record workbook_xlsx_mb "$(calc "$(wc -c <"$x") / 1048576")"
    record workbook_csv_mb "$(calc "$(wc -c <"$c") / 1048576")"
    # VisiData must load the data sheet, not only list the sheets: +:SHEET:1:1 opens it.
    vd_cmd="vd -b $x +:inspections:1:1 -o $W/vd-out.csv"
    hyperfine --style basic --runs "$RUNS" --export-json "$W/workbook.json" \
        --prepare "rm -f $W/run.db*; cp $W/import-tmpl.db $W/run.db" \
        -n jib_xlsx "$JIB --db $W/run.db import $x" \
        --prepare "rm -f $W/run.db*; cp $W/import-tmpl.db $W/run.db" \
        -n jib_csv "$JIB --db $W/run.db import $c" \
        --prepare "rm -f $W/vd-out.csv" \
        -n vd_xlsx "$vd_cmd" >&2
    for n in jib_xlsx jib_csv vd_xlsx; do
        record "workbook_s_$n" "$(hyperfine_median "$W/workbook.json" "$n")"
    done
    # Everything loaded, or the times mean nothing: rows in jib's database after an
    # xlsx import, and lines VisiData wrote (header included).
    rm -f "$W"/run.db*
    cp "$W/import-tmpl.db" "$W/run.db"
    peak_kb "$W/mem-wb-xlsx.txt" "$JIB" --db "$W/run.db" import "$x"
    record workbook_loaded_jib "$(sqlite3 "$W/run.db" 'SELECT count(*) FROM inspection;')"
    record workbook_summary "$(tail -n 1 "$W/mem-wb-xlsx.txt.stderr" | sed 's|^.*/||')"
    record workbook_peak_kb_jib_xlsx "$(tail -n 1 "$W/mem-wb-xlsx.txt")"
    rm -f "$W"/run.db*
    cp "$W/import-tmpl.db" "$W/run.db"
    peak_kb "$W/mem-wb-csv.txt" "$JIB" --db "$W/run.db" import "$c"
    record workbook_peak_kb_jib_csv "$(tail -n 1 "$W/mem-wb-csv.txt")"
    rm -f "$W/vd-out.csv"
    peak_kb "$W/mem-wb-vd.txt" vd -b "$x" +:inspections:1:1 -o "$W/vd-out.csv"
    record workbook_peak_kb_vd "$(tail -n 1 "$W/mem-wb-vd.txt")"
    record workbook_loaded_vd "$(($(wc -l <"$W/vd-out.csv") - 1))"
    record version_openpyxl "$(dpkg-query -W -f='${Version}' python3-openpyxl 2>/dev/null || echo unknown)"
}
