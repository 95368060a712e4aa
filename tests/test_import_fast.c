/* Issue 12: the shortcuts of the import's fast path must not change what an
 * import does. Lines without quotes are split without libcsv: every record,
 * field, line number and error must be the one libcsv gives. An inspections
 * file is written with foreign keys off once its authorities were found
 * inside the transaction: they are on again afterwards, whatever the outcome. */
#include "tests/fixtures/triage/triage_fixture.h"

#include "core/store.h"
#include "import/csv_reader.h"
#include "import/import.h"

TestSuite(import_fast, .init = fx_setup, .fini = fx_teardown);

/* Every record of the file as "LINE|field|field...\n", then the outcome. */
static char *read_all(const char *path, bool libcsv_only)
{
    struct csv_reader *r;
    struct error err;
    cr_assert_eq(csv_reader_open(path, NULL, &r, &err), 0, "%s", err.message);
    if (libcsv_only)
        csv_reader_libcsv_only(r);
    size_t cap = 4 << 20, n = 0;
    char *out = malloc(cap);
    cr_assert(out);
    struct csv_record rec;
    int got;
    while ((got = csv_reader_next(r, &rec, &err)) > 0) {
        n += (size_t)snprintf(out + n, cap - n, "%ld", rec.line);
        for (size_t i = 0; i < rec.count; i++)
            n += (size_t)snprintf(out + n, cap - n, "|%s", rec.fields[i]);
        n += (size_t)snprintf(out + n, cap - n, "\n");
        cr_assert_lt(n, cap - 256);
    }
    if (got < 0)
        snprintf(out + n, cap - n, "error at line %ld: %s\n", csv_reader_error_line(r), err.message);
    else
        snprintf(out + n, cap - n, "end\n");
    csv_reader_close(r);
    return out;
}

static void same_both_ways(const char *name, const char *content)
{
    char *path = test_path(fx.dir, name);
    test_write_file(path, content);
    char *fast = read_all(path, false), *slow = read_all(path, true);
    cr_assert_str_eq(fast, slow, "%s: read without libcsv:\n%s\nwith libcsv:\n%s", name, fast,
                     slow);
    free(fast);
    free(slow);
    free(path);
}

Test(import_fast, lines_without_quotes_read_as_libcsv_reads_them)
{
    same_both_ways("plain.csv", "a,b,c\n1,2,3\n  x , y  ,  \n,,\n\n   \n4,5,6,\n7\n");
    same_both_ways("crlf.csv", "a,b\r\n1,2\r\n\r\n 3 ,4 \r\n");
    same_both_ways("cr.csv", "a,b\r1,2\r3,4");
    same_both_ways("no_final_newline.csv", "a,b\n1,2");
    same_both_ways("tabs.csv", "a\tb\tc\n1\t 2 \t\t\n x\ty\tz\n");
    same_both_ways("semicolons.csv", "a;b;c\n1;2,5;3\n");
    same_both_ways("tabs_kept.csv", "a,b\n\t1\t, 2\t\n");
    same_both_ways("quoted.csv", "a,b\n\"x, y\",2\n3,\"multi\nline\"\n4,5\n\"q\"\"q\" ,6\n7,8\n");
    same_both_ways("utf8.csv", "a,b\nCaf\xc3\xa9, \xe2\x82\xac\n");
    same_both_ways("bad_utf8.csv", "a,b\n1,2\n3,\xc3\n5,6\n");
    same_both_ways("bad_utf8_first.csv", "a,b\n1,2\n\xff,4\n");
    same_both_ways("bad_quote.csv", "a,b\n1,2\n3,x\"y\n");
    same_both_ways("open_quote.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
    same_both_ways("bom.csv", "\xef\xbb\xbf" "a,b\n1,2\n");
    same_both_ways("one_column.csv", "a\n1\n \n2\n");
}

Test(import_fast, long_files_cross_chunks_the_same_way)
{
    size_t cap = 400000, n = 0;
    char *s = malloc(cap);
    cr_assert(s);
    n += (size_t)snprintf(s + n, cap - n, "a,b,c\r\n");
    for (int i = 0; n + 100 < cap; i++) {
        if (i % 17 == 0)
            n += (size_t)snprintf(s + n, cap - n, "\"q%d\nx\", %d ,\r\n", i, i);
        else if (i % 23 == 0)
            n += (size_t)snprintf(s + n, cap - n, "  \r\n");
        else
            n += (size_t)snprintf(s + n, cap - n, "%d, value %d ,%s\r\n", i, i, i % 2 ? "" : "z");
    }
    same_both_ways("long.csv", s);
    free(s);
}

static int import_text(const char *name, const char *content, bool dry_run)
{
    char *path = test_path(fx.dir, name);
    test_write_file(path, content);
    struct import_options opt = {.user = "tester", .dry_run = dry_run};
    const char *paths[] = {path};
    int rc = import_files(fx.db, paths, 1, &opt, NULL);
    free(path);
    return rc;
}

#define HEADER "la_code,inspectorate,type,start_date,overall\n"

static long long foreign_keys(void) { return test_db_int(fx.db, "PRAGMA foreign_keys"); }

Test(import_fast, foreign_keys_are_on_again_after_any_inspections_import)
{
    fx_authority("301", "Barking and Dagenham");
    cr_assert_eq(import_text("ok.csv", HEADER "301,ofsted,ilacs_standard,2024-02-05,good\n", false),
                 0);
    cr_assert_eq(foreign_keys(), 1, "after a committed import");
    cr_assert_neq(import_text("bad.csv", HEADER "301,ofsted,ilacs_standard,2024-13-05,good\n",
                              false), 0);
    cr_assert_eq(foreign_keys(), 1, "after a failed import");
    cr_assert_eq(import_text("dry.csv", HEADER "301,ofsted,ilacs_standard,2025-02-05,good\n", true),
                 0);
    cr_assert_eq(foreign_keys(), 1, "after a dry run");
    cr_assert_eq(test_db_int(fx.db, "SELECT count(*) FROM inspection"), 1);
    /* And they are enforced: an inspection of no authority is refused. */
    cr_assert_eq(sqlite3_exec(fx.db->handle, "INSERT INTO inspection(la_code, inspectorate, type, "
                              "start_date) VALUES('999', 'ofsted', 'other', '2024-01-01')",
                              NULL, NULL, NULL) & 0xff, SQLITE_CONSTRAINT);
}

Test(import_fast, the_authorities_are_checked_inside_the_transaction)
{
    fx_authority("301", "Barking and Dagenham");
    fx_authority("302", "Barnet");
    char *both[] = {"301", "302"}, *gone[] = {"301", "999", "302"};
    cr_assert_eq(store_authorities_exist(fx.db, both, 2), 1);
    cr_assert_eq(store_authorities_exist(fx.db, gone, 3), 0);
    cr_assert_eq(store_authorities_exist(fx.db, NULL, 0), 1);
}

/* The import that writes with foreign keys off gives the counts, updates and
 * duplicate errors of a serial upsert: a re-import is all unchanged, a
 * changed row is updated, a repeated key in one file is an error. */
Test(import_fast, counts_and_duplicates_are_exact)
{
    fx_authority("301", "Barking and Dagenham");
    fx_authority("302", "Barnet");
    const char *file = HEADER "301,ofsted,ilacs_standard,2020-01-01,good\n"
                              "301,ofsted,ilacs_short,2021-01-01,\n"
                              "302,ofsted,ilacs_standard,2019-01-01,inadequate\n";
    cr_assert_eq(import_text("a.csv", file, false), 0);
    cr_assert_eq(test_db_int(fx.db, "SELECT inserted FROM import_log ORDER BY import_id DESC"), 3);
    cr_assert_eq(import_text("b.csv", file, false), 0);
    cr_assert_eq(test_db_int(fx.db, "SELECT unchanged FROM import_log ORDER BY import_id DESC"), 3);
    cr_assert_eq(test_db_int(fx.db, "SELECT inserted + updated FROM import_log "
                                    "ORDER BY import_id DESC"), 0);
    cr_assert_eq(import_text("c.csv", HEADER "302,ofsted,ilacs_standard,2019-01-01,good\n"
                                             "302,ofsted,ilacs_standard,2023-01-01,good\n", false), 0);
    cr_assert_eq(test_db_int(fx.db, "SELECT updated * 10 + inserted FROM import_log "
                                    "ORDER BY import_id DESC"), 11);
    cr_assert_neq(import_text("d.csv", HEADER "301,ofsted,other,2024-01-01,good\n"
                                              "301,ofsted,other,2024-01-01,good\n", false), 0);
    cr_assert_eq(test_db_int(fx.db, "SELECT count(*) FROM inspection"), 4, "all or nothing");
}
