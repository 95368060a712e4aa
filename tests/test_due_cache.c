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
    char err[256];
    struct rowset *fresh = NULL, *cached = NULL;
    cr_assert_eq(due_list(fx.db, day(today), NULL, &fresh, err, sizeof err), 0, "%s", err);
    cr_assert_eq(due_list_cached(fx.db, day(today), &cached, err, sizeof err), 0, "%s", err);
    assert_same(fresh, cached);
    rowset_free(cached);
    cached = NULL;
    cr_assert_eq(due_list_cached(fx.db, day(today), &cached, err, sizeof err), 0, "%s", err);
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

Test(due_cache, another_day_is_computed_again)
{
    world();
    check("2026-09-14");
    check("2026-09-20"); /* days_to_due and statuses move with the day */
    char *key = test_db_text(fx.db, "SELECT key FROM due_cache_key");
    cr_assert(strstr(key, "2026-09-20"), "%s", key);
    free(key);
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
    int rc = import_files(fx.db, paths, 1, &opt);
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
    cr_assert_eq(db_open(fx.path, DB_EXISTING, true, &ro, NULL, 0), 0);
    char err[256];
    struct rowset *rs = NULL;
    cr_assert_eq(due_list_cached(ro, day("2026-09-14"), &rs, err, sizeof err), 0, "%s", err);
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
