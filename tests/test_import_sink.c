/* The importer reports through a sink (import/sink.h), as data: which file,
 * its row errors with their lines, progress, and how it ended with its
 * counts. import/ itself never prints (see test_layers.c). */
#include "tests/test_import_helpers.h"

#include "import/import.h"

TestSuite(import_sink, .init = fx_setup, .fini = fx_teardown);

/* Records every call, one line each. */
struct recorder {
    char log[16384];
    size_t len;
    long row_errors, progress_calls, finished;
    struct import_file_report last;
    char last_name[256], last_ignored[256];
};

static void rec_add(struct recorder *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(r->log + r->len, sizeof r->log - r->len, fmt, ap);
    va_end(ap);
    if (n > 0 && (size_t)n < sizeof r->log - r->len)
        r->len += (size_t)n;
}

static void on_begin(void *ctx, const char *name, const char *kind)
{
    rec_add(ctx, "begin %s %s\n", strrchr(name, '/') + 1, kind ? kind : "?");
}

static void on_message(void *ctx, bool row, const char *file, long line, const char *text)
{
    struct recorder *r = ctx;
    r->row_errors += row;
    rec_add(r, "%s %s:%ld: %s\n", row ? "row" : "read", strrchr(file, '/') + 1, line, text);
}

static void on_error(void *ctx, const struct error *e)
{
    rec_add(ctx, "error %d %s\n", (int)e->kind, e->message);
}

static void on_progress(void *ctx, const struct import_progress *p)
{
    struct recorder *r = ctx;
    r->progress_calls++;
    if (p->finished) {
        r->finished++;
        cr_assert_gt(p->total, 0);
        rec_add(r, "progress finished %ld rows\n", p->rows);
    }
}

static void on_end(void *ctx, const struct import_file_report *rep)
{
    struct recorder *r = ctx;
    r->last = *rep;
    snprintf(r->last_name, sizeof r->last_name, "%s", rep->name);
    snprintf(r->last_ignored, sizeof r->last_ignored, "%s",
             rep->ignored_columns ? rep->ignored_columns : "");
    rec_add(r, "end %d\n", (int)rep->outcome);
}

static const struct import_sink_ops recorder_ops = {on_begin, on_message, on_error, on_progress,
                                                    on_end};

static int import_with(struct recorder *r, const char *path, bool skip_invalid)
{
    struct import_sink sink = {&recorder_ops, r};
    struct import_options opt = {.user = "tester", .sink = &sink, .skip_invalid = skip_invalid};
    struct db *db = test_db_open(fx_db);
    int rc = import_files(db, &path, 1, &opt, NULL);
    db_close(db);
    return rc;
}

#define HOLIDAYS "date,name,extra\n2025-12-25,Christmas Day,x\nnot-a-date,Boxing Day,x\n" \
                 "2026-01-01,New Year's Day,x\n2026-13-01,Nowhere,x\n"

Test(import_sink, an_import_reports_begin_row_errors_progress_and_end_with_counts_and_lines)
{
    struct recorder r = {0};
    const char *path = fx_file("h.csv", HOLIDAYS);
    cr_assert_eq(import_with(&r, path, false), ERROR_DATA, "invalid rows fail the file");
    cr_assert(strncmp(r.log, "begin h.csv holidays\n", 21) == 0, "%s", r.log);
    cr_assert_eq(r.row_errors, 2, "%s", r.log);
    const char *l3 = strstr(r.log, "row h.csv:3: column 'date': value 'not-a-date'");
    const char *l5 = strstr(r.log, "row h.csv:5: column 'date': value '2026-13-01'");
    cr_assert(l3 && l5 && l3 < l5, "row errors in file order, with their lines:\n%s", r.log);
    cr_assert_eq(r.finished, 1, "%s", r.log);
    cr_assert(strstr(r.log, "progress finished 4 rows\n"), "%s", r.log);
    cr_assert(strstr(r.log, "end 2\n") && r.log[r.len - 1] == '\n' &&
              strcmp(r.log + r.len - 6, "end 2\n") == 0, "end_file comes last:\n%s", r.log);
    cr_assert_eq(r.last.outcome, IMPORT_INVALID_ROWS);
    cr_assert_eq(r.last.errors_total, 2);
    cr_assert_eq(r.last.counts.rejected, 2);
    cr_assert_str_eq(r.last.kind, "holidays");
    cr_assert_str_eq(r.last_ignored, "extra");
    cr_assert_null(r.last.rejects_path);
    cr_assert_null(strstr(r.log, "error "), "no file error:\n%s", r.log);
}

Test(import_sink, skip_invalid_reports_the_stored_counts_and_the_rejects_file)
{
    struct recorder r = {0};
    const char *path = fx_file("h.csv", HOLIDAYS);
    cr_assert_eq(import_with(&r, path, true), 0, "%s", r.log);
    cr_assert_eq(r.last.outcome, IMPORT_OK);
    cr_assert_eq(r.last.counts.inserted, 2);
    cr_assert_eq(r.last.counts.rejected, 2);
    cr_assert_eq(r.last.errors_total, 2);
    cr_assert_not_null(r.last.rejects_path);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 2);
}

Test(import_sink, a_file_that_cannot_be_opened_is_one_error_of_kind_not_found_and_an_end)
{
    struct recorder r = {0};
    const char *path = fx_path("missing.csv");
    cr_assert_eq(import_with(&r, path, false), ERROR_NOT_FOUND);
    cr_assert(strstr(r.log, "begin missing.csv ?\n"), "%s", r.log);
    char want[512];
    snprintf(want, sizeof want, "error %d %s: no such file\n", (int)ERROR_NOT_FOUND, path);
    cr_assert(strstr(r.log, want), "%s", r.log);
    cr_assert_eq(r.last.outcome, IMPORT_NOT_LOADED);
    cr_assert_eq(r.progress_calls, 0);
}

Test(import_sink, no_sink_is_a_silent_import)
{
    const char *path = fx_file("h.csv", HOLIDAYS);
    struct import_options opt = {.user = "tester", .skip_invalid = true};
    struct db *db = test_db_open(fx_db);
    cr_assert_eq(import_files(db, &path, 1, &opt, NULL), 0);
    db_close(db);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 2);
}

Test(import_sink, several_failing_files_return_the_most_serious_kind_with_its_message)
{
    struct recorder r = {0};
    const char *paths[] = {fx_file("h.csv", HOLIDAYS), fx_path("missing.csv")};
    struct import_sink sink = {&recorder_ops, &r};
    struct import_options opt = {.user = "tester", .sink = &sink};
    struct error e;
    struct db *db = test_db_open(fx_db);
    cr_assert_eq(import_files(db, paths, 2, &opt, &e), ERROR_NOT_FOUND, "%s", r.log);
    db_close(db);
    cr_assert_eq(e.kind, ERROR_NOT_FOUND);
    char want[512];
    snprintf(want, sizeof want, "%s: no such file", paths[1]);
    cr_assert_str_eq(e.message, want);
    /* both files were told about, the invalid one with its rows */
    cr_assert(strstr(r.log, "begin h.csv holidays\n") && strstr(r.log, "begin missing.csv ?\n"),
              "%s", r.log);
    cr_assert_eq(r.row_errors, 2, "%s", r.log);
}

Test(import_sink, a_wrong_option_is_a_usage_error_before_any_file)
{
    struct recorder r = {0};
    const char *path = fx_file("h.csv", HOLIDAYS);
    struct import_sink sink = {&recorder_ops, &r};
    struct import_options opt = {.user = "tester", .sink = &sink, .kind = "nonsense"};
    struct error e;
    struct db *db = test_db_open(fx_db);
    cr_assert_eq(import_files(db, &path, 1, &opt, &e), ERROR_USAGE);
    db_close(db);
    cr_assert(strncmp(e.message, "--kind 'nonsense': unknown kind", 31) == 0, "%s", e.message);
    cr_assert_null(strstr(r.log, "begin "), "no file was started:\n%s", r.log);
    char want[64];
    snprintf(want, sizeof want, "error %d --kind 'nonsense'", (int)ERROR_USAGE);
    cr_assert(strstr(r.log, want), "the sink was told:\n%s", r.log);
}
