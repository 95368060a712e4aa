/* Issue 12: the importer reads and validates on one thread and writes on
 * another. Whatever the threads do, the outcome must be the serial one:
 * messages in file order (validation errors and duplicate keys interleaved
 * as the lines are), the first 50 shown and the rest counted, the counts,
 * the rejects file in file order, all or nothing. Files are long enough to
 * go round the queue many times. */
#include "tests/test_import_helpers.h"

TestSuite(import_pipeline, .init = fx_setup, .fini = fx_teardown);

#define ROWS 5000

/* Row i (1-based, line i + 1): every 97th repeats row i - 1's key (a
 * duplicate), every 89th has a bad start date, the rest are fine. */
static char *long_file(void)
{
    size_t cap = (size_t)ROWS * 96 + 256, n = 0;
    char *s = malloc(cap);
    cr_assert(s);
    n += (size_t)snprintf(s + n, cap - n, "%s", FX_INSPECTIONS_HEADER);
    for (int i = 1; i <= ROWS; i++) {
        int day = i % 97 == 0 ? i - 1 : i;
        const char *la = (day % 2) ? "301" : "302";
        if (i % 89 == 0)
            n += (size_t)snprintf(s + n, cap - n, "%s,ofsted,focused_visit,2020-13-%02d,,,,,,,,t,,\n", la,
                                  i % 28 + 1);
        else
            n += (size_t)snprintf(s + n, cap - n, "%s,ofsted,focused_visit,%d-%02d-%02d,,,good,,,,,t,,\n",
                                  la, 1900 + day / 336, day / 28 % 12 + 1, day % 28 + 1);
    }
    return s;
}

static int expected_errors(void)
{
    int n = 0;
    for (int i = 1; i <= ROWS; i++)
        n += i % 89 == 0 || (i % 97 == 0 && (i - 1) % 89 != 0);
    return n;
}

/* The line numbers of "i.csv:N:" messages, in the order printed. */
static size_t message_lines(const char *err, long *lines, size_t max)
{
    size_t n = 0;
    for (const char *p = err; (p = strstr(p, "i.csv:")) && n < max; p++) {
        char *end;
        long v = strtol(p + 6, &end, 10);
        if (end != p + 6 && *end == ':')
            lines[n++] = v;
    }
    return n;
}

Test(import_pipeline, messages_keep_file_order_and_the_first_50_are_shown)
{
    fx_import_ok(fx_file("authorities.csv", FX_AUTHORITIES), NULL);
    char *content = long_file();
    const char *p = fx_file("i.csv", content);
    free(content);
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    long lines[200];
    size_t n = message_lines(r.err, lines, 200);
    cr_assert_eq(n, 50, "%zu messages shown:\n%s", n, r.err);
    for (size_t i = 1; i < n; i++)
        cr_assert_lt(lines[i - 1], lines[i], "message for line %ld after line %ld", lines[i],
                     lines[i - 1]);
    /* The first messages, exactly: a bad date on line 90, a duplicate on 98. */
    cr_assert(strstr(r.err, "i.csv:90: column 'start_date': value '2020-13-06'"), "%s", r.err);
    cr_assert(strstr(r.err, "i.csv:98: column '-': value '': duplicate: an earlier line of this "
                            "file has the same natural key (inspection)"), "%s", r.err);
    char more[64];
    snprintf(more, sizeof more, "... and %d more errors", expected_errors() - 50);
    cr_assert(strstr(r.err, more), "lacks \"%s\":\n%s", more, r.err);
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection"), 0, "all or nothing");
}

Test(import_pipeline, skip_invalid_counts_and_rejects_file_in_order)
{
    fx_import_ok(fx_file("authorities.csv", FX_AUTHORITIES), NULL);
    char *content = long_file();
    const char *p = fx_file("i.csv", content);
    free(content);
    struct run_result r = fx_jib("import", "--skip-invalid", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    int bad = expected_errors();
    char summary[160];
    snprintf(summary, sizeof summary, "inspections: %d inserted, 0 updated, 0 unchanged, %d rejected",
             ROWS - bad, bad);
    cr_assert(strstr(r.err, summary), "lacks \"%s\":\n%s", summary, r.err);
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection"), ROWS - bad);
    char *rejects_path = test_path(fx_dir, "i.csv.rejects.csv");
    char *rejects = test_read_file(rejects_path);
    free(rejects_path);
    cr_assert(rejects, "no rejects file");
    /* One line per rejected row (no field here holds a newline), in file order. */
    int rows = 0, dup = 0;
    long prev_year = 0;
    for (char *line = strchr(rejects, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        char *end = strchr(line + 1, '\n');
        *end = '\0';
        rows++;
        dup += strstr(line, "duplicate") != NULL;
        long year = strtol(line + 1 + strlen("301,ofsted,focused_visit,"), NULL, 10);
        if (!strstr(line, "-13-")) { /* bad dates are all in 2020: the others rise */
            cr_assert_geq(year, prev_year, "rejects out of order at \"%s\"", line + 1);
            prev_year = year;
        }
        *end = '\n';
    }
    cr_assert_eq(rows, bad, "%d rows in the rejects file", rows);
    cr_assert_gt(dup, 0);
    free(rejects);

    /* Idempotent: the same file again changes nothing, row by row. */
    r = fx_jib("import", "--skip-invalid", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    snprintf(summary, sizeof summary, "inspections: 0 inserted, 0 updated, %d unchanged, %d rejected",
             ROWS - bad, bad);
    cr_assert(strstr(r.err, summary), "lacks \"%s\":\n%s", summary, r.err);
    run_result_free(&r);
}

Test(import_pipeline, a_read_error_after_many_rows_imports_nothing)
{
    fx_import_ok(fx_file("authorities.csv", FX_AUTHORITIES), NULL);
    char *content = long_file();
    size_t len = strlen(content);
    /* An unterminated quote at the end: libcsv's strict mode fails there, after
     * the writer has stored thousands of rows. */
    char *bad = malloc(len + 64);
    memcpy(bad, content, len);
    strcpy(bad + len, "301,ofsted,focused_visit,\"2024-01-01,,,,,,,,,,\n");
    free(content);
    const char *p = fx_file("i.csv", bad);
    free(bad);
    struct run_result r = fx_jib("import", "--skip-invalid", p, NULL);
    cr_assert_neq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "nothing imported"), "%s", r.err);
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection"), 0);
}
