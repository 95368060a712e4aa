/* Issue 12: the day's due list kept in the database. The contract: the list
 * due_list_cached gives is always the one due_list computes now, whatever
 * changed in between (SQL writes, imports, policy, another day), and a
 * database that cannot be written still gets the right list. */
#include "tests/fixtures/triage/triage_fixture.h"

#include "core/due.h"
#include "core/due_cache.h"
#include "core/grade.h"
#include "core/policy.h"
#include "import/import.h"

TestSuite(due_cache, .init = fx_setup, .fini = fx_teardown);

static void assert_same(const struct rowset *a, const struct rowset *b)
{
    cr_assert_eq(a->ncols, b->ncols);
    cr_assert_eq(a->nrows, b->nrows, "%zu rows against %zu", a->nrows, b->nrows);
    for (size_t r = 0; r < a->nrows; r++)
        for (size_t c = 0; c < a->ncols; c++)
            cr_assert_str_eq(rowset_get(a, r, c), rowset_get(b, r, c), "row %zu column %s", r,
                             a->names[c]);
}

/* The cached list equals the fresh one, on the given day. */
static void check(const char *today)
{
    struct error err;
    struct rowset *fresh = NULL, *cached = NULL;
    cr_assert_eq(due_list(fx.db, day(today), NULL, &fresh, &err), 0, "%s", err.message);
    cr_assert_eq(due_list_cached(fx.db, day(today), &cached, &err), 0, "%s", err.message);
    assert_same(fresh, cached);
    rowset_free(cached);
    cached = NULL;
    cr_assert_eq(due_list_cached(fx.db, day(today), &cached, &err), 0, "%s", err.message);
    assert_same(fresh, cached);
    rowset_free(cached);
    rowset_free(fresh);
}

static long long key_rows(void) { return test_db_int(fx.db, "SELECT count(*) FROM due_cache_key"); }

static void world(void)
{
    fx_authority("301", "Barking and Dagenham");
    fx_authority("302", "Barnet");
    fx_authority("303", "Bexley");
    fx_inspection("301", "ofsted", "ilacs_standard", "2023-09-11", GRADE_GOOD);
    fx_inspection("302", "ofsted", "ilacs_standard", "2022-01-10", GRADE_INADEQUATE);
    fx_inspection("302", "ofsted", "monitoring_visit", "2022-06-10", 0);
}

Test(due_cache, is_kept_and_read_back_the_same)
{
    world();
    check("2026-09-14");
    cr_assert_eq(key_rows(), 1, "the list was not kept");
    cr_assert_eq(test_db_int(fx.db, "SELECT count(*) FROM due_cache"), 3);
}

/* The day the kept list was computed on (NULL when none is kept). */
static char *kept_day(void)
{
    return key_rows() ? test_db_text(fx.db, "SELECT day FROM due_cache_key") : NULL;
}

static void assert_kept_day(const char *want)
{
    char *got = kept_day();
    cr_assert(got, "no list kept");
    cr_assert_str_eq(got, want, "the list kept was computed on %s, not %s", got, want);
    free(got);
}

/* check(today), and the list due_list_cached gave was the one computed on `kept`. */
static void served(const char *today, const char *kept)
{
    check(today);
    assert_kept_day(kept);
}

/* One cell of the list due_list_cached gives on `today`, for code. */
static char *cached_cell(const char *today, const char *code, const char *column)
{
    struct error err;
    struct rowset *rs = NULL;
    cr_assert_eq(due_list_cached(fx.db, day(today), &rs, &err), 0, "%s", err.message);
    char *v = strdup(cell(rs, row_of(rs, code), column));
    rowset_free(rs);
    return v;
}

static void assert_cell(const char *today, const char *code, const char *column, const char *want)
{
    char *got = cached_cell(today, code, column);
    cr_assert_str_eq(got, want, "%s %s on %s", code, column, today);
    free(got);
}

Test(due_cache, a_later_day_is_served_from_the_kept_list)
{
    world();
    check("2026-09-14");
    served("2026-09-20", "2026-09-14"); /* days_to_due and statuses move with the day */
    assert_cell("2026-09-20", "301", "days_to_due", "-9");
    served("2031-01-01", "2026-09-14"); /* nothing dated after 2026-09-14: valid for ever */
}

Test(due_cache, an_earlier_day_is_computed_again)
{
    world();
    check("2026-09-14");
    served("2026-09-13", "2026-09-13");
}

/* Rule 7 (status from the window) moves with the day without recomputing. */
Test(due_cache, rule_7_status_boundary_crossed_on_a_later_day)
{
    world();
    /* 303: good 2024-02-05, due 2027-02-05, window 2026-08-05..2027-08-05;
     * due_soon from 90 days before the window starts. */
    fx_inspection("303", "ofsted", "ilacs_standard", "2024-02-05", GRADE_GOOD);
    check("2026-05-06");
    assert_cell("2026-05-06", "303", "status", "not_due");
    served("2026-05-07", "2026-05-06");
    assert_cell("2026-05-07", "303", "status", "due_soon");
    served("2026-08-04", "2026-05-06");
    served("2026-08-05", "2026-05-06");
    assert_cell("2026-08-05", "303", "status", "in_window");
    served("2027-08-05", "2026-05-06");
    assert_cell("2027-08-05", "303", "status", "in_window");
    served("2027-08-06", "2026-05-06");
    assert_cell("2027-08-06", "303", "status", "overdue");
    assert_cell("2027-08-06", "303", "days_to_due", "-182");
}

/* Rule 5 (the latest full inspection on or before today) on a later day. */
Test(due_cache, rule_5_future_dated_inspection_becomes_current)
{
    world();
    fx_inspection("303", "ofsted", "ilacs_standard", "2026-10-01", GRADE_INADEQUATE);
    check("2026-09-14");
    assert_cell("2026-09-14", "303", "status", "never_inspected");
    served("2026-09-30", "2026-09-14");
    served("2026-10-01", "2026-10-01"); /* its start day ends the kept list's validity */
    assert_cell("2026-10-01", "303", "last_start", "2026-10-01");
    served("2026-12-01", "2026-10-01");
}

/* Rule 8 (monitoring visits since the judgement, up to today) on a later day. */
Test(due_cache, rule_8_monitoring_visit_dated_later)
{
    world();
    fx_inspection("302", "ofsted", "monitoring_visit", "2026-11-02", 0);
    check("2026-09-14");
    served("2026-11-01", "2026-09-14");
    served("2026-11-02", "2026-11-02");
}

/* Rule 6 (an open high concern brings the due date forward) on a later day. */
Test(due_cache, rule_6_concern_opening_later)
{
    world();
    fx_concern("301", "2026-10-05", "high", NULL);
    check("2026-09-14");
    served("2026-10-04", "2026-09-14");
    assert_cell("2026-10-04", "301", "open_concerns", "0");
    served("2026-10-05", "2026-10-05");
    assert_cell("2026-10-05", "301", "open_concerns", "1");
}

Test(due_cache, rule_6_concern_closing_later)
{
    world();
    fx_concern("302", "2026-01-05", "high", "2026-10-20");
    check("2026-09-14");
    served("2026-10-19", "2026-09-14");
    assert_cell("2026-10-19", "302", "open_concerns", "1");
    served("2026-10-20", "2026-10-20");
    assert_cell("2026-10-20", "302", "open_concerns", "0");
}

/* Issue 8 (a rejected newer report flags the row) on a later day. */
Test(due_cache, history_gap_dated_later)
{
    world();
    fx_sql("INSERT INTO history_gap(la_code, date, field, file, line)"
           " VALUES('301', '2026-11-01', 'start_date', 'f.csv', 2)");
    check("2026-09-14");
    served("2026-10-31", "2026-09-14");
    assert_cell("2026-10-31", "301", "gap", "");
    served("2026-11-01", "2026-11-01");
    assert_cell("2026-11-01", "301", "gap", "rejected 2026-11-01");
}

Test(due_cache, any_write_to_what_due_reads_drops_it)
{
    static const char *const writes[] = {
        "INSERT INTO authority(la_code, name) VALUES('304', 'Brent')",
        "UPDATE authority SET name = 'Barnet Council' WHERE la_code = '302'",
        "INSERT INTO inspection(la_code, inspectorate, type, start_date, overall)"
        " VALUES('303', 'ofsted', 'ilacs_standard', '2024-02-05', 1)",
        "UPDATE inspection SET overall = 3 WHERE la_code = '301'",
        "DELETE FROM inspection WHERE la_code = '302' AND type = 'monitoring_visit'",
        "INSERT INTO concern(la_code, raised_by, date, summary, severity)"
        " VALUES('301', 'ofsted', '2026-01-05', 'x', 'high')",
        "UPDATE concern SET closed = '2026-03-01'",
        "DELETE FROM concern",
        "INSERT INTO policy(key, value) VALUES('window_months', '3')"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        "INSERT INTO history_gap(la_code, date, field, file, line)"
        " VALUES('301', '2025-01-01', 'start_date', 'f.csv', 2)",
        "DELETE FROM history_gap",
        "DELETE FROM authority WHERE la_code = '304'",
    };
    world();
    for (size_t i = 0; i < sizeof writes / sizeof *writes; i++) {
        check("2026-09-14");
        cr_assert_eq(key_rows(), 1);
        fx_sql(writes[i]);
        cr_assert_eq(key_rows(), 0, "still valid after: %s", writes[i]);
        check("2026-09-14");
    }
}

static int import_text(const char *name, const char *content, bool dry_run)
{
    char *path = test_path(fx.dir, name);
    test_write_file(path, content);
    struct import_options opt = {.user = "tester", .dry_run = dry_run}; /* no sink: silent */
    const char *paths[] = {path};
    int rc = import_files(fx.db, paths, 1, &opt, NULL);
    free(path);
    return rc;
}

#define INSPECTIONS_HEADER "la_code,inspectorate,type,start_date,overall\n"

Test(due_cache, an_import_drops_it_and_leaves_triggers_on)
{
    world();
    check("2026-09-14");
    cr_assert_eq(import_text("i.csv", INSPECTIONS_HEADER "303,ofsted,ilacs_standard,2024-02-05,good\n",
                             false), 0);
    cr_assert_eq(key_rows(), 0, "an import left the cached list valid");
    check("2026-09-14");
    /* The import created the triggers again: later writes still fire them. */
    fx_sql("UPDATE inspection SET overall = 4 WHERE la_code = '303'");
    cr_assert_eq(key_rows(), 0, "triggers stayed off after the import");
    check("2026-09-14");
}

/* What `jib import` does after committing (tui/cmd_import.c): the list is
 * computed and kept at once, and serves the following mornings. */
Test(due_cache, the_list_after_an_import_serves_later_days)
{
    world();
    check("2026-09-14");
    cr_assert_eq(import_text("i.csv", INSPECTIONS_HEADER "303,ofsted,ilacs_standard,2024-02-05,good\n"
                                                         "301,ofsted,focused_visit,2026-12-01,\n",
                             false), 0);
    cr_assert_eq(key_rows(), 0);
    struct error err;
    struct rowset *rs = NULL;
    cr_assert_eq(due_list_cached(fx.db, day("2026-09-15"), &rs, &err), 0, "%s", err.message);
    rowset_free(rs);
    served("2026-09-15", "2026-09-15");
    served("2026-09-16", "2026-09-15");
    served("2026-11-30", "2026-09-15");
    served("2026-12-01", "2026-12-01");
}

Test(due_cache, a_failed_or_dry_run_import_keeps_it)
{
    world();
    check("2026-09-14");
    cr_assert_neq(import_text("bad.csv", INSPECTIONS_HEADER "303,ofsted,ilacs_standard,2024-13-05,good\n",
                              false), 0);
    cr_assert_eq(key_rows(), 1, "nothing changed, yet the list was dropped");
    cr_assert_eq(import_text("dry.csv", INSPECTIONS_HEADER "303,ofsted,ilacs_standard,2024-02-05,good\n",
                             true), 0);
    cr_assert_eq(key_rows(), 1);
    check("2026-09-14");
    /* The rolled-back imports left the triggers in place. */
    fx_sql("UPDATE inspection SET overall = 4 WHERE la_code = '301'");
    cr_assert_eq(key_rows(), 0, "triggers missing after a rolled-back import");
    check("2026-09-14");
}

Test(due_cache, read_only_database_gets_the_fresh_list)
{
    world();
    db_close(fx.db);
    struct db *ro = NULL;
    cr_assert_eq(db_open(fx.path, DB_EXISTING, true, &ro, NULL), 0);
    struct error err;
    struct rowset *rs = NULL;
    cr_assert_eq(due_list_cached(ro, day("2026-09-14"), &rs, &err), 0, "%s", err.message);
    cr_assert_eq(rs->nrows, 3);
    rowset_free(rs);
    db_close(ro);
    fx.db = test_db_open(fx.path);
    cr_assert_eq(key_rows(), 0, "a read-only open wrote the cache");
}

Test(due_cache, a_list_kept_by_another_program_is_not_used)
{
    world();
    check("2026-09-14");
    /* The key names the program that computed the list: another build's
     * list (the key differs) is computed again. */
    fx_sql("UPDATE due_cache_key SET key = replace(key, 'exe', 'other-exe')");
    fx_sql("UPDATE due_cache SET status = 'stale'");
    check("2026-09-14");
}

Test(due_cache, JIB_DUE_CACHE_0_computes_and_keeps_nothing)
{
    world();
    setenv("JIB_DUE_CACHE", "0", 1);
    check("2026-09-14");
    unsetenv("JIB_DUE_CACHE");
    cr_assert_eq(key_rows(), 0, "kept a list with JIB_DUE_CACHE=0");
    check("2026-09-14");
    cr_assert_eq(key_rows(), 1);
}

/* The dashboard's first screen reads the first page of the kept list: the
 * same rows as the head of the whole list, the whole list's count and its
 * column widths, on the day it was kept and on a later day. */
Test(due_cache, first_page_is_the_head_of_the_list)
{
    world();
    int widths[DUE_LIST_NCOLS];
    size_t total = 0;
    struct rowset *page = NULL;
    cr_assert_neq(due_cache_first_page(fx.db, day("2026-09-14"), 2, &page, &total, widths), 0,
                  "a page with no list kept");
    check("2026-09-14");
    const char *days[] = {"2026-09-14", "2027-01-20"};
    for (size_t d = 0; d < 2; d++) {
        struct error err;
        struct rowset *fresh = NULL;
        cr_assert_eq(due_list(fx.db, day(days[d]), NULL, &fresh, &err), 0, "%s", err.message);
        cr_assert_eq(due_cache_first_page(fx.db, day(days[d]), 2, &page, &total, widths), 0);
        cr_assert_eq(total, 3);
        cr_assert_eq(page->nrows, 2);
        for (size_t r = 0; r < 2; r++)
            for (size_t c = 0; c < page->ncols; c++)
                cr_assert_str_eq(rowset_get(page, r, c), rowset_get(fresh, r, c), "%s row %zu %s",
                                 days[d], r, page->names[c]);
        cr_assert_eq(widths[1], (int)strlen("Barking and Dagenham"));
        cr_assert_eq(widths[0], 3);
        rowset_free(page);
        rowset_free(fresh);
    }
    assert_kept_day("2026-09-14");
}

/* jib's own writes keep the list again after committing (tui/cli.c
 * cli_keep_due_list): `policy set` here, as `import` and `demo` do. */
Test(due_cache, policy_set_keeps_the_list_again)
{
    world();
    check("2026-09-14");
    const char *args[] = {"--db", fx.path, "--today", "2026-09-14", "policy", "set",
                          "window_months", "3", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    cr_assert_eq(key_rows(), 1, "policy set left no list kept");
    assert_kept_day("2026-09-14");
    char *ws = test_db_text(fx.db, "SELECT window_start FROM due_cache WHERE la_code = '301'");
    cr_assert_str_eq(ws, "2026-06-11", "the kept list has the new window");
    free(ws);
}

/* The invariant itself, day after day for a year and a half with events dated
 * along the way (inspections, a monitoring visit, concerns raised and closed, a
 * rejected row): whatever was kept, the list read equals the fresh one. */
Test(due_cache, every_day_equals_the_fresh_list)
{
    world();
    fx_inspection("303", "ofsted", "ilacs_standard", "2026-11-09", GRADE_REQUIRES_IMPROVEMENT);
    fx_inspection("302", "ofsted", "monitoring_visit", "2027-01-12", 0);
    fx_inspection("301", "ofsted", "focused_visit", "2027-02-01", 0);
    fx_concern("301", "2026-12-03", "high", "2027-04-30");
    fx_concern("303", "2027-06-01", "medium", NULL);
    fx_sql("INSERT INTO history_gap(la_code, date, field, file, line)"
           " VALUES('302', '2027-03-15', 'start_date', 'f.csv', 7)");
    for (jdate d = day("2026-09-14"); d <= day("2028-03-01"); d += 3) {
        char iso[DATE_ISO_LEN];
        date_format(d, iso);
        check(iso);
    }
}
