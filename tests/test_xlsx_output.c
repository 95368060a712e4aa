/* --format xlsx -o FILE: workbooks read back with jib's own reader, typed
 * cells, frozen and filterable header, one sheet per section of `show`, and
 * files written like every other output (temporary file, database's modes). */
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "import/csv_writer.h"
#include "import/source.h"
#include "tests/test_import_helpers.h"

TestSuite(xlsx_output, .init = fx_setup, .fini = fx_teardown);

static void load(void)
{
    fx_import_ok(fx_file("a.csv", FX_AUTHORITIES), NULL);
    fx_import_ok(fx_file("i.csv", FX_INSPECTIONS
                         "839,cqc,jtai,2025-01-20,,,,,,,,neglect,,\n"), NULL);
    fx_import_ok(fx_file("ind.csv", "level,la_code,indicator,period,value\n"
                         "la,301,cla_rate,2024,71.5\nla,302,cla_rate,2024,40\n"), NULL);
    fx_import_ok(fx_file("h.csv", "date,name\n2024-12-25,Christmas Day\n"), NULL);
}

/* A workbook's sheet read with jib's reader and written as CSV. */
static char *sheet_as_csv(const char *path, const char *sheet)
{
    struct source_options so = {.sheet = sheet};
    struct source *s = NULL;
    struct error err;
    cr_assert_eq(source_open(path, &so, &s, &err), 0, "%s", err.message);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    struct csv_record rec;
    int got;
    while ((got = source_next(s, &rec, &err)) > 0)
        csv_write_row(out, (const char *const *)rec.fields, rec.count);
    cr_assert_eq(got, 0, "%s", err.message);
    fclose(out);
    source_close(s);
    return buf;
}

/* One part of a zip as text. */
static char *zip_part(const char *path, const char *name)
{
    int code;
    zip_t *z = zip_open(path, ZIP_RDONLY, &code);
    cr_assert_not_null(z, "%s", path);
    zip_stat_t st;
    cr_assert_eq(zip_stat(z, name, 0, &st), 0, "%s has no %s", path, name);
    char *buf = malloc(st.size + 1);
    zip_file_t *f = zip_fopen(z, name, 0);
    cr_assert_eq(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
    buf[st.size] = '\0';
    zip_fclose(f);
    zip_discard(z);
    return buf;
}

static void assert_has(const char *text, const char *part)
{
    cr_assert(strstr(text, part), "lacks \"%s\" in:\n%.3000s", part, text);
}

Test(xlsx_output, export_round_trips_equal_to_the_csv_export)
{
    load();
    const char *kinds[] = {"authorities", "inspections", "indicators", "holidays"};
    for (size_t k = 0; k < 4; k++) {
        char name[64];
        snprintf(name, sizeof name, "%s.xlsx", kinds[k]);
        const char *path = fx_path(name);
        struct run_result r = fx_jib("export", kinds[k], "--format", "xlsx", "-o", path, NULL);
        cr_assert_eq(r.status, 0, "%s", r.err);
        cr_assert_str_eq(r.out, "");
        run_result_free(&r);
        char *csv = fx_export(kinds[k]);
        char *back = sheet_as_csv(path, kinds[k]);
        cr_assert_str_eq(back, csv, "%s differs", kinds[k]);
        free(csv);
        free(back);
    }
}

/* Past JIB_XLSX_STREAM_CELLS cells the writer streams rows (inline strings,
 * constant memory): the same rows read back. */
Test(xlsx_output, a_streamed_workbook_round_trips_too)
{
    load();
    const char *path = fx_path("streamed.xlsx");
    const char *args[] = {"--db", fx_db, "export", "inspections", "--format", "xlsx", "-o", path,
                          NULL};
    const char *env[] = {"JIB_XLSX_STREAM_CELLS=10", NULL};
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *sheet = zip_part(path, "xl/worksheets/sheet1.xml");
    assert_has(sheet, "t=\"inlineStr\"");
    assert_has(sheet, "<pane ySplit=\"1\"");
    free(sheet);
    char *csv = fx_export("inspections");
    char *back = sheet_as_csv(path, "inspections");
    cr_assert_str_eq(back, csv);
    free(csv);
    free(back);
}

Test(xlsx_output, dates_are_dates_numbers_are_numbers_codes_stay_text)
{
    load();
    const char *path = fx_path("i.xlsx");
    struct run_result r = fx_jib("export", "inspections", "--format=xlsx", "--output", path, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *sheet = zip_part(path, "xl/worksheets/sheet1.xml");
    /* A2 la_code 301: a shared string (text keeps leading zeros); D2 start_date 2024-03-04:
     * the serial 45355 with a date style, not a string */
    assert_has(sheet, "<c r=\"A2\" t=\"s\">");
    assert_has(sheet, "<c r=\"D2\" s=\"");
    cr_assert(!strstr(sheet, "<c r=\"D2\" s=\"1\" t=\"s\""), "%s", sheet);
    assert_has(sheet, "<v>45355</v>");
    char *styles = zip_part(path, "xl/styles.xml");
    assert_has(styles, "formatCode=\"yyyy-mm-dd\"");
    free(styles);
    /* the header: frozen, filterable; widths fitted */
    assert_has(sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>");
    assert_has(sheet, "<autoFilter ref=\"A1:O4\"/>");
    assert_has(sheet, "<cols>");
    free(sheet);

    const char *ind = fx_path("ind.xlsx");
    r = fx_jib("export", "indicators", "--format", "xlsx", "-o", ind, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    sheet = zip_part(ind, "xl/worksheets/sheet1.xml");
    assert_has(sheet, "<c r=\"F2\"><v>71.5</v></c>"); /* value: a number */
    free(sheet);
}

Test(xlsx_output, show_writes_one_sheet_per_section)
{
    load();
    const char *path = fx_path("show.xlsx");
    struct run_result r = fx_jib("--today", "2025-06-01", "show", "Barnet", "--format", "xlsx",
                                 "-o", path, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *wb = zip_part(path, "xl/workbook.xml");
    const char *names[] = {"authority", "latest", "history", "indicators", "trends",
                           "concerns", "monitoring", "plans", "plan_team"};
    for (size_t i = 0; i < 9; i++) {
        char want[64];
        snprintf(want, sizeof want, "<sheet name=\"%s\"", names[i]);
        assert_has(wb, want);
    }
    free(wb);
    char *history = sheet_as_csv(path, "history");
    assert_has(history, "ilacs_short,2023-06-17");
    free(history);
}

Test(xlsx_output, every_command_with_format_writes_xlsx)
{
    load();
    const char *cmds[][4] = {{"due", NULL}, {"monitoring", NULL}, {"availability", NULL}, {"programme", NULL},
                             {"imports", NULL}, {"policy", NULL}, {"plans", NULL}};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s.xlsx", cmds[i][0]);
        const char *path = fx_path(name);
        struct run_result r = fx_jib("--today", "2025-06-01", cmds[i][0], "--format", "xlsx", "-o",
                                     path, NULL);
        cr_assert_eq(r.status, 0, "%s: %s", cmds[i][0], r.err);
        run_result_free(&r);
        char *wb = zip_part(path, "xl/workbook.xml");
        char want[64];
        snprintf(want, sizeof want, "<sheet name=\"%s\"", cmds[i][0]);
        assert_has(wb, want);
        free(wb);
    }
    char *due = sheet_as_csv(fx_paths[fx_npaths - 7], "due");
    assert_has(due, "la_code,");
    assert_has(due, "\n301,");
    free(due);
}

Test(xlsx_output, xlsx_needs_an_output_file)
{
    load();
    struct run_result r = fx_jib("due", "--format", "xlsx", NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "--format xlsx writes a workbook: give -o FILE.xlsx"), "%s", r.err);
    cr_assert_str_eq(r.out, "");
    run_result_free(&r);
    r = fx_jib("due", "--format", "ods", NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "unknown format 'ods' (use table, csv, json or xlsx)"), "%s", r.err);
    run_result_free(&r);
}

Test(xlsx_output, output_files_take_the_database_modes_and_replace_symlinks_not_follow_them)
{
    load();
    cr_assert_eq(chmod(fx_db, 0660), 0);
    const char *victim = fx_file("victim.txt", "keep me\n");
    const char *link = fx_path("due.xlsx");
    cr_assert_eq(symlink(victim, link), 0);
    struct run_result r = fx_jib("due", "--format", "xlsx", "-o", link, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_assert(S_ISREG(st.st_mode), "the symlink was written through");
    cr_assert_eq(st.st_mode & 0777, 0660);
    char *kept = test_read_file(victim);
    cr_assert_str_eq(kept, "keep me\n");
    free(kept);
    const char *csv = fx_path("due.csv");
    r = fx_jib("due", "--format", "csv", "-o", csv, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "");
    run_result_free(&r);
    cr_assert_eq(stat(csv, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0660);
}
