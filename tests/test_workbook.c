/* Workbook import (.xlsx, .ods): the reader's cells, then whole imports
 * through the same rules as CSV. */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "import/source.h"
#include "tests/test_import_helpers.h"
#include "tests/workbook_fixture.h"

TestSuite(workbook, .init = fx_setup, .fini = fx_teardown);

/* Every record of the source as "LINE|field|field\n". */
static char *read_all(const char *path, const char *sheet)
{
    struct source_options so = {.sheet = sheet};
    struct source *s = NULL;
    struct error err;
    int rc = source_open(path, &so, &s, &err);
    cr_assert_eq(rc, 0, "open %s: %s", path, err.message);
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    struct csv_record rec;
    int got;
    while ((got = source_next(s, &rec, &err)) > 0) {
        char line[4096];
        int n = snprintf(line, sizeof line, "%ld", rec.line);
        for (size_t i = 0; i < rec.count; i++)
            n += snprintf(line + n, sizeof line - (size_t)n, "|%s", rec.fields[i]);
        snprintf(line + n, sizeof line - (size_t)n, "\n");
        while (len + strlen(line) + 1 > cap)
            out = realloc(out, cap *= 2);
        strcpy(out + len, line);
        len += strlen(line);
    }
    cr_assert_eq(got, 0, "read %s: %s", path, err.message);
    source_close(s);
    return out;
}

/* The kind of error opening the sheet gives; its message in err. */
static int open_error(const char *path, const char *sheet, char *err, size_t len)
{
    struct source_options so = {.sheet = sheet};
    struct source *s = NULL;
    struct error e;
    int rc = source_open(path, &so, &s, &e);
    snprintf(err, len, "%s", rc ? e.message : "");
    source_close(s);
    return rc;
}

static void assert_err_has(const struct run_result *r, const char *part)
{
    cr_assert(strstr(r->err, part), "stderr lacks \"%s\":\n%s", part, r->err);
}

#define C(ref, attrs, v) "<c r=\"" ref "\"" attrs "><v>" v "</v></c>"
#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"

/* ---- cells ---- */

Test(workbook, xlsx_serial_dates_in_the_1900_system_follow_the_number_format)
{
    const char *p = fx_path("dates.xlsx");
    struct wbfx_sheet sh = {"Dates", NULL,
        "<row r=\"1\">" IS("A1", "a") IS("B1", "b") IS("C1", "c") IS("D1", "d") IS("E1", "e")
        IS("F1", "f") "</row>"
        "<row r=\"2\">" C("A2", " s=\"1\"", "45000") C("B2", " s=\"2\"", "45000")
        C("C2", " s=\"0\"", "45000") C("D2", " s=\"3\"", "45000")
        C("E2", " s=\"4\"", "45000.5") C("F2", " s=\"5\"", "45000") "</row>"
        "<row r=\"3\">" C("A3", " s=\"1\"", "59") C("B3", " s=\"1\"", "61") C("C3", " s=\"1\"", "1")
        C("D3", " s=\"4\"", "45000") "</row>", NULL};
    wbfx_xlsx(p, false, NULL, &sh, 1);
    char *all = read_all(p, NULL);
    cr_assert_str_eq(all, "1|a|b|c|d|e|f\n"
                          "2|2023-03-15|2023-03-15|45000|45000|2023-03-15 12:00:00|45000\n"
                          "3|1900-02-28|1900-03-01|1900-01-01|2023-03-15||\n");
    free(all);
}

Test(workbook, xlsx_serial_dates_in_the_1904_system)
{
    const char *p = fx_path("mac.xlsx");
    struct wbfx_sheet sh = {"Dates", NULL,
        "<row r=\"1\">" IS("A1", "date") "</row>"
        "<row r=\"2\">" C("A2", " s=\"1\"", "45000") "</row>"
        "<row r=\"3\">" C("A3", " s=\"2\"", "0") "</row>", NULL};
    wbfx_xlsx(p, true, NULL, &sh, 1);
    char *all = read_all(p, NULL);
    cr_assert_str_eq(all, "1|date\n2|2027-03-16\n3|1904-01-01\n");
    free(all);
}

Test(workbook, xlsx_shared_inline_rich_and_formula_strings_numbers_booleans_errors)
{
    const char *p = fx_path("strings.xlsx");
    const char *sst = "<si><t>plain</t></si>"
                      "<si><r><t>rich </t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">text</t></r>"
                      "<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
                      "<si><t>0123</t></si><si><t>caf&#233; &amp; co</t></si>";
    struct wbfx_sheet sh = {"S", NULL,
        "<row r=\"1\">" C("A1", " t=\"s\"", "0") C("B1", " t=\"s\"", "1") C("C1", " t=\"s\"", "2")
        C("D1", " t=\"s\"", "3") IS("E1", "inline") "</row>"
        "<row r=\"2\">" C("A2", "", "12.5") C("B2", "", "370") C("C2", " t=\"b\"", "1")
        C("D2", " t=\"b\"", "0") C("E2", " t=\"e\"", "#N/A") "</row>"
        "<row r=\"3\"><c r=\"A3\" t=\"str\"><f>A1&amp;\"!\"</f><v>plain!</v></c>"
        "<c r=\"B3\"><f>1/3</f><v>0.33333333333333331</v></c>"
        "<c r=\"C3\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t></r></is></c>"
        C("D3", " t=\"d\"", "2024-03-01T00:00:00") C("E3", "", "1E-3") "</row>", NULL};
    wbfx_xlsx(p, false, sst, &sh, 1);
    char *all = read_all(p, NULL);
    cr_assert_str_eq(all, "1|plain|rich text|0123|caf\xc3\xa9 & co|inline\n"
                          "2|12.5|370|TRUE|FALSE|#N/A\n"
                          "3|plain!|0.333333333333333|inline|2024-03-01T00:00:00|0.001\n");
    free(all);
}

Test(workbook, xlsx_first_non_empty_row_is_the_header_and_empty_cells_and_rows_are_blank)
{
    const char *p = fx_path("gaps.xlsx");
    struct wbfx_sheet sh = {"Gaps", NULL,
        "<row r=\"2\"><c r=\"A2\" s=\"1\"/></row>" /* formatted but empty: not the header */
        "<row r=\"3\">" IS("A3", "a") IS("C3", "c") "</row>"
        "<row r=\"5\">" IS("B5", "only b") "</row>"
        "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t></t></is></c></row>"
        "<row r=\"7\">" IS("A7", "x") "<c>" "<v>2</v></c>" IS("C7", "z") "</row>",
        NULL};
    wbfx_xlsx(p, false, NULL, &sh, 1);
    char *all = read_all(p, NULL);
    cr_assert_str_eq(all, "3|a||c\n5||only b|\n7|x|2|z\n");
    free(all);
}

Test(workbook, xlsx_merged_cells_keep_their_value_in_the_top_left_cell)
{
    const char *p = fx_path("merged.xlsx");
    struct wbfx_sheet sh = {"M", NULL,
        "<row r=\"1\">" IS("A1", "region") IS("B1", "name") "</row>"
        "<row r=\"2\">" IS("A2", "London") IS("B2", "Barnet") "</row>"
        "<row r=\"3\"><c r=\"A3\"/>" IS("B3", "Camden") "</row>",
        "<mergeCells count=\"1\"><mergeCell ref=\"A2:A3\"/></mergeCells>"};
    wbfx_xlsx(p, false, NULL, &sh, 1);
    char *all = read_all(p, NULL);
    /* as Excel and LibreOffice save it as CSV: the other cells of a merge are empty */
    cr_assert_str_eq(all, "1|region|name\n2|London|Barnet\n3||Camden\n");
    free(all);
}

Test(workbook, xlsx_sheet_option_hidden_sheets_and_unknown_sheet)
{
    const char *p = fx_path("sheets.xlsx");
    struct wbfx_sheet sh[] = {
        {"Secret", "hidden", "<row r=\"1\">" IS("A1", "hidden one") "</row>", NULL},
        {"First", NULL, "<row r=\"1\">" IS("A1", "first") "</row>", NULL},
        {"Second", NULL, "<row r=\"1\">" IS("A1", "second") "</row>", NULL},
    };
    wbfx_xlsx(p, false, NULL, sh, 3);
    char *all = read_all(p, NULL);
    cr_assert_str_eq(all, "1|first\n");
    free(all);
    all = read_all(p, "Second");
    cr_assert_str_eq(all, "1|second\n");
    free(all);
    all = read_all(p, "Secret");
    cr_assert_str_eq(all, "1|hidden one\n");
    free(all);
    char err[1024];
    cr_assert_eq(open_error(p, "Third", err, sizeof err), ERROR_DATA);
    cr_assert(strstr(err, "no sheet named 'Third' (the workbook has 'Secret' (hidden), 'First', "
                          "'Second')"), "%s", err);
}

Test(workbook, ods_typed_values_repeats_covered_cells_hidden_tables_and_notes)
{
    const char *p = fx_path("book.ods");
    const char *styles =
        "<style:style style:name=\"ta2\" style:family=\"table\">"
        "<style:table-properties table:display=\"false\"/></style:style>";
    const char *tables =
        "<table:table table:name=\"Hidden\" table:style-name=\"ta2\"><table:table-row>"
        "<table:table-cell><text:p>hidden</text:p></table:table-cell></table:table-row></table:table>"
        "<table:table table:name=\"Data\">"
        "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell table:number-columns-repeated=\"3\"/></table:table-row>"
        "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a</text:p></table:table-cell>"
        "<table:table-cell><text:p>b<text:s text:c=\"2\"/>c</text:p><text:p>second</text:p></table:table-cell>"
        "<table:table-cell><office:annotation><text:p>a note</text:p></office:annotation><text:p>c</text:p></table:table-cell>"
        "<table:table-cell table:number-columns-repeated=\"1020\"/></table:table-row>"
        "<table:table-row><table:table-cell office:value-type=\"date\" office:date-value=\"2024-03-01\" table:number-columns-spanned=\"2\"><text:p>01/03/24</text:p></table:table-cell>"
        "<table:covered-table-cell/>"
        "<table:table-cell office:value-type=\"float\" office:value=\"370\"><text:p>370.00</text:p></table:table-cell></table:table-row>"
        "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>TRUE</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"percentage\" office:value=\"0.25\"><text:p>25%</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-03-01T10:30:00\"/></table:table-row>"
        "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
        "</table:table>"
        "<table:table table:name=\"Other\"><table:table-row><table:table-cell><text:p>other</text:p></table:table-cell></table:table-row></table:table>";
    wbfx_ods(p, styles, tables);
    char *all = read_all(p, NULL);
    cr_assert_str_eq(all, "3|a|b  c\nsecond|c\n"
                          "4|2024-03-01||370\n"
                          "5|TRUE|0.25|2024-03-01 10:30:00\n"
                          "6|TRUE|0.25|2024-03-01 10:30:00\n");
    free(all);
    all = read_all(p, "Hidden");
    cr_assert_str_eq(all, "1|hidden\n");
    free(all);
    all = read_all(p, "Other");
    cr_assert_str_eq(all, "1|other\n");
    free(all);
    char err[1024];
    cr_assert_eq(open_error(p, "Nope", err, sizeof err), ERROR_DATA);
    cr_assert(strstr(err, "no sheet named 'Nope'"), "%s", err);
}

/* Found by fuzzing: a row of values "repeated" 2^63 times overflowed the row
 * counter and would have been read forever. Empty rows repeated to the end of
 * the sheet (as LibreOffice writes them) stay harmless. */
Test(workbook, ods_row_of_values_repeated_past_the_last_row_is_an_error)
{
    const char *p = fx_path("huge.ods");
    wbfx_ods(p, "",
             "<table:table table:name=\"Data\">"
             "<table:table-row><table:table-cell><text:p>date</text:p></table:table-cell></table:table-row>"
             "<table:table-row table:number-rows-repeated=\"9223372036854775807\">"
             "<table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"
             "</table:table>");
    struct source_options so = {0};
    struct source *s = NULL;
    struct error err = {0};
    cr_assert_eq(source_open(p, &so, &s, &err), 0, "%s", err.message);
    struct csv_record rec;
    int got, rows = 0;
    while ((got = source_next(s, &rec, &err)) > 0 && rows < 10)
        rows++;
    cr_assert_lt(got, 0, "read %d rows without an error", rows);
    cr_assert(strstr(err.message, "a row with values repeated past row 1048576"), "%s",
              err.message);
    source_close(s);
}

/* ---- whole imports ---- */

#define HOLIDAY_ROWS                                                                          \
    "<row r=\"1\">" IS("A1", "Date") IS("B1", "Name") "</row>"                               \
    "<row r=\"2\">" C("A2", " s=\"1\"", "45000") IS("B2", "serial") "</row>"                 \
    "<row r=\"3\">" IS("A3", "25/12/2024") IS("B3", "text date") "</row>"

Test(workbook, import_xlsx_stores_dates_from_serials_and_text)
{
    const char *p = fx_path("holidays.xlsx");
    struct wbfx_sheet sh = {"Holidays", NULL, HOLIDAY_ROWS, NULL};
    wbfx_xlsx(p, false, NULL, &sh, 1);
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "holidays.xlsx[Holidays]: holidays: 2 inserted, 0 updated, 0 unchanged, "
                       "0 rejected");
    run_result_free(&r);
    char *got = fx_text("SELECT group_concat(date || '=' || name, ';') FROM "
                        "(SELECT * FROM holiday ORDER BY date)");
    cr_assert_str_eq(got, "2023-03-15=serial;2024-12-25=text date");
    free(got);
    char *file = fx_text("SELECT file FROM import_log ORDER BY import_id DESC LIMIT 1");
    cr_assert(strstr(file, "holidays.xlsx[Holidays]"), "%s", file);
    free(file);
}

Test(workbook, import_error_lines_name_file_sheet_and_row_and_nothing_is_stored)
{
    const char *p = fx_path("bad.xlsx");
    struct wbfx_sheet sh[] = {
        {"Notes", NULL, "<row r=\"1\">" IS("A1", "nothing here") "</row>", NULL},
        {"Hols", NULL, HOLIDAY_ROWS "<row r=\"9\">" IS("A9", "13/25/2024") IS("B9", "bad")
                       "</row>", NULL},
    };
    wbfx_xlsx(p, false, NULL, sh, 2);
    struct run_result r = fx_jib("import", "--sheet", "Hols", p, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    assert_err_has(&r, "bad.xlsx[Hols]:9: column 'Date': value '13/25/2024': ");
    assert_err_has(&r, "bad.xlsx[Hols]: holidays: failed, nothing imported: 1 invalid rows");
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 0);
    cr_assert_eq(fx_int("SELECT count(*) FROM import_log WHERE outcome = 'failed'"), 1);
}

Test(workbook, import_skip_invalid_writes_rejects_named_after_file_and_sheet)
{
    const char *p = fx_path("bad.xlsx");
    struct wbfx_sheet sh = {"Bank hols/2024", NULL,
        HOLIDAY_ROWS "<row r=\"9\">" IS("A9", "13/25/2024") IS("B9", "bad") "</row>", NULL};
    wbfx_xlsx(p, false, NULL, &sh, 1);
    struct run_result r = fx_jib("import", "--skip-invalid", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "2 inserted, 0 updated, 0 unchanged, 1 rejected");
    run_result_free(&r);
    char *rej_path = test_path(fx_dir, "bad.xlsx.Bank hols_2024.rejects.csv");
    char *rej = test_read_file(rej_path);
    cr_assert_not_null(rej, "no %s", rej_path);
    cr_assert(strncmp(rej, "Date,Name,error\n13/25/2024,bad,", 31) == 0, "%s", rej);
    free(rej);
    free(rej_path);
}

Test(workbook, import_second_sheet_with_sheet_option_and_unknown_sheet_fails)
{
    const char *p = fx_path("two.xlsx");
    struct wbfx_sheet sh[] = {
        {"Readme", NULL, "<row r=\"1\">" IS("A1", "Date") IS("B1", "Name") "</row>"
                         "<row r=\"2\">" IS("A2", "2020-01-01") IS("B2", "first sheet") "</row>",
         NULL},
        {"Data", NULL, HOLIDAY_ROWS, NULL},
    };
    wbfx_xlsx(p, false, NULL, sh, 2);
    struct run_result r = fx_jib("import", "--sheet", "Data", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 2);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday WHERE name = 'first sheet'"), 0);
    r = fx_jib("import", "--sheet", "Missing", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "two.xlsx: no sheet named 'Missing' (the workbook has 'Readme', 'Data')");
    run_result_free(&r);
}

Test(workbook, import_ods_like_xlsx)
{
    const char *p = fx_path("hols.ods");
    wbfx_ods(p, NULL,
             "<table:table table:name=\"H\"><table:table-row>"
             "<table:table-cell><text:p>date</text:p></table:table-cell>"
             "<table:table-cell><text:p>name</text:p></table:table-cell></table:table-row>"
             "<table:table-row><table:table-cell office:value-type=\"date\" "
             "office:date-value=\"2025-05-05\"><text:p>05/05/25</text:p></table:table-cell>"
             "<table:table-cell><text:p>May Day</text:p></table:table-cell></table:table-row>"
             "</table:table>");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "hols.ods[H]: holidays: 1 inserted");
    run_result_free(&r);
    char *got = fx_text("SELECT date || '=' || name FROM holiday");
    cr_assert_str_eq(got, "2025-05-05=May Day");
    free(got);
}

Test(workbook, legacy_xls_is_refused_with_advice)
{
    const char *p = fx_file("old.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 compound file");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "old.xls: a legacy Excel workbook (.xls), which jib does not read: open it "
                       "in Excel or LibreOffice and save it as .xlsx");
    run_result_free(&r);
}

Test(workbook, sheet_option_is_ignored_for_csv_files)
{
    const char *p = fx_file("h.csv", "date,name\n2024-01-01,New Year\n");
    struct run_result r = fx_jib("import", "--sheet", "Anything", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "h.csv: holidays: 1 inserted");
    run_result_free(&r);
}

/* A database with one holiday, to show a failed workbook changes nothing. */
static void one_holiday(void)
{
    fx_import_ok(fx_file("h.csv", "date,name\n2024-01-01,New Year\n"), NULL);
}

static void assert_unchanged(void)
{
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 1);
    cr_assert_eq(fx_int("SELECT count(*) FROM import_log WHERE outcome = 'ok'"), 1);
}

Test(workbook, corrupt_zip_is_rejected_and_nothing_changes)
{
    one_holiday();
    const char *p = fx_path("good.xlsx");
    struct wbfx_sheet sh = {"Holidays", NULL, HOLIDAY_ROWS, NULL};
    wbfx_xlsx(p, false, NULL, &sh, 1);
    char *bytes = test_read_file(p); /* text-safe: we only cut it */
    FILE *f = fopen(p, "rb");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    /* the central directory cut off */
    f = fopen(fx_path("cut.xlsx"), "wb");
    fwrite(bytes, 1, (size_t)size / 2, f);
    fclose(f);
    struct run_result r = fx_jib("import", fx_paths[fx_npaths - 1], NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    assert_err_has(&r, "cut.xlsx: not a readable workbook (damaged or not a zip file");
    run_result_free(&r);
    /* a pretend zip */
    const char *fake = fx_file("fake.xlsx", "PK\x03\x04 pretend zip");
    r = fx_jib("import", fake, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "fake.xlsx: not a readable workbook");
    run_result_free(&r);
    free(bytes);
    assert_unchanged();
}

Test(workbook, damaged_sheet_data_is_rejected_and_nothing_changes)
{
    one_holiday();
    const char *p = fx_path("broken.xlsx");
    struct wbfx_sheet sh = {"Holidays", NULL, HOLIDAY_ROWS "<row r=\"4\"><c r=\"A4\"><v>1</c>",
                            NULL};
    wbfx_xlsx(p, false, NULL, &sh, 1);
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    assert_err_has(&r, "broken.xlsx[Holidays]:4: the workbook is damaged: "
                       "xl/worksheets/sheet1.xml line 1: mismatched tag");
    assert_err_has(&r, "failed, nothing imported");
    run_result_free(&r);
    assert_unchanged();
}

Test(workbook, zip_bomb_is_refused_before_inflating_and_nothing_changes)
{
    one_holiday();
    size_t big = 64u * 1024 * 1024;
    char *sheet = malloc(big + 1);
    const char *head = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>";
    const char *tail = "</t></is></c></row></sheetData></worksheet>";
    memset(sheet, ' ', big);
    memcpy(sheet, head, strlen(head));
    memcpy(sheet + big - strlen(tail), tail, strlen(tail));
    sheet[big] = '\0';
    const char *p = fx_path("bomb.xlsx");
    struct wbfx_sheet sh = {"Holidays", NULL, HOLIDAY_ROWS, NULL};
    wbfx_xlsx(p, false, NULL, &sh, 1);
    const char *parts[] = {"xl/worksheets/sheet1.xml", sheet, NULL};
    int code;
    zip_t *z = zip_open(p, 0, &code);
    zip_source_t *src = zip_source_buffer(z, sheet, big, 0);
    cr_assert(zip_file_add(z, parts[0], src, ZIP_FL_OVERWRITE) >= 0);
    cr_assert_eq(zip_close(z), 0);
    free(sheet);
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    assert_err_has(&r, "bomb.xlsx: refused: xl/worksheets/sheet1.xml would expand from ");
    assert_err_has(&r, "to 67108864 bytes (a zip bomb");
    run_result_free(&r);
    assert_unchanged();
}

/* ---- memory ---- */

/* Writes a sheet of n data rows (unique inline strings, numbers and dates)
 * straight to a file, then zips it: flat memory on the writing side too. */
static void big_sheet(const char *dir, const char *name, long n)
{
    char *xml = test_path(dir, "sheet.xml");
    FILE *f = fopen(xml, "wb");
    fputs("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
          "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>date</t></is></c>"
          "<c r=\"B1\" t=\"inlineStr\"><is><t>name</t></is></c></row>", f);
    for (long i = 0; i < n; i++)
        fprintf(f, "<row r=\"%ld\"><c r=\"A%ld\" s=\"1\"><v>%ld</v></c><c r=\"B%ld\" "
                   "t=\"inlineStr\"><is><t>holiday number %ld with a longish unique name</t>"
                   "</is></c></row>", i + 2, i + 2, 20000 + i % 40000, i + 2, i);
    fputs("</sheetData></worksheet>", f);
    fclose(f);
    char *path = test_path(dir, name);
    struct wbfx_sheet sh = {"Big", NULL, "", NULL};
    wbfx_xlsx(path, false, NULL, &sh, 1);
    int code;
    zip_t *z = zip_open(path, 0, &code);
    zip_source_t *src = zip_source_file(z, xml, 0, -1);
    cr_assert(zip_file_add(z, "xl/worksheets/sheet1.xml", src, ZIP_FL_OVERWRITE) >= 0);
    cr_assert_eq(zip_close(z), 0);
    unlink(xml);
    free(xml);
    free(path);
}

/* Peak resident memory (kB) of a child that reads every row of path. */
static long child_peak_kb(const char *path, long expect_rows)
{
    fflush(NULL);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        struct source *s = NULL;
        struct error err;
        struct source_options so = {0};
        if (source_open(path, &so, &s, &err))
            _exit(2);
        struct csv_record rec;
        long rows = 0;
        while (source_next(s, &rec, &err) > 0)
            rows++;
        source_close(s);
        _exit(rows == expect_rows + 1 ? 0 : 3);
    }
    int status;
    waitpid(pid, &status, 0);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %d", status);
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return ru.ru_maxrss;
}

Test(workbook, memory_stays_flat_on_a_200000_row_sheet, .timeout = 300)
{
#ifdef __SANITIZE_ADDRESS__
    /* AddressSanitizer keeps freed blocks in quarantine, so peak memory grows with
     * the work done however flat the reader is: measured in the plain build only. */
    cr_skip_test("peak memory is meaningless under AddressSanitizer");
#endif
    /* Under valgrind (make valgrind) the memory is the tool's: there the
     * large sheet is smaller and read only for errors in the reader. */
    bool tool = test_under_tool();
    int large_rows = tool ? 20000 : 200000;
    big_sheet(fx_dir, "small.xlsx", 2000);
    big_sheet(fx_dir, "large.xlsx", large_rows);
    char *small = test_path(fx_dir, "small.xlsx"), *large = test_path(fx_dir, "large.xlsx");
    long base = child_peak_kb(small, 2000);
    /* RUSAGE_CHILDREN keeps the largest peak: it only grows if the large sheet needs more */
    long peak = child_peak_kb(large, large_rows);
    struct stat st;
    cr_assert_eq(stat(large, &st), 0);
    cr_log_info("peak %ld kB for 2,000 rows, %ld kB for %d rows", base, peak, large_rows);
    /* The large sheet's XML is ~20 MB; a tree of it would be several times that. */
    if (!tool)
        cr_assert_leq(peak, base + 2048, "memory grew from %ld kB to %ld kB", base, peak);
    free(small);
    free(large);
}
