/* SPEC rule 26: `jib demo` — where it writes, where it finds sample-data/, and
 * the reference date it stores as the database's today. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tests/support.h"

static char *dir;
static char sample_env[4200];

static void setup(void)
{
    dir = test_tmpdir();
    snprintf(sample_env, sizeof sample_env, "JIB_SAMPLE_DIR=%s/sample-data", test_root());
}

static void teardown(void) { test_tmpdir_remove(dir); }

TestSuite(demo, .init = setup, .fini = teardown, .timeout = 60);

Test(demo, no_tui_builds_the_database_at_db_and_prints_how_to_open_it)
{
    char *db = test_path(dir, "demo.db");
    const char *args[] = {"--db", db, "demo", "--no-tui", NULL};
    const char *env[] = {sample_env, NULL};
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, db), "stdout names the database: %s", r.out);
    cr_assert(strstr(r.err, "jib --db "), "stderr says how to open it: %s", r.err);
    cr_assert_eq(access(db, F_OK), 0);
    run_result_free(&r);
    free(db);
}

Test(demo, database_takes_the_sample_reference_date_as_today)
{
    char *db = test_path(dir, "demo.db");
    const char *build[] = {"--db", db, "demo", "--no-tui", NULL};
    const char *env[] = {sample_env, NULL};
    struct run_result r = test_run_jib(build, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    /* Bristol's latest full inspection is 2023-01-16, requires improvement: due
     * 2026-01-16, which is 241 days before the reference date 2026-09-14. */
    const char *due[] = {"--db", db, "due", "--format", "csv", NULL};
    r = test_run_jib(due, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "801,\"Bristol, City of\""), "%s", r.out);
    cr_assert(strstr(r.out, ",2026-01-16,2025-07-16,2026-07-16,overdue,-241,"), "%s", r.out);
    run_result_free(&r);
    free(db);
}

Test(demo, never_writes_to_jib_db_from_the_environment)
{
    char *env_db = test_path(dir, "team.db");
    char env_line[4200], tmpdir_line[4200];
    snprintf(env_line, sizeof env_line, "JIB_DB=%s", env_db);
    snprintf(tmpdir_line, sizeof tmpdir_line, "TMPDIR=%s", dir);
    const char *args[] = {"demo", "--no-tui", NULL};
    const char *env[] = {sample_env, env_line, tmpdir_line, NULL};
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_neq(access(env_db, F_OK), 0, "$JIB_DB must not be created by demo");
    cr_assert(strstr(r.out, "jib-demo-"), "a temporary database: %s", r.out);
    run_result_free(&r);
    free(env_db);
}

Test(demo, missing_sample_directory_exits_66_with_advice)
{
    char env_line[4200];
    snprintf(env_line, sizeof env_line, "JIB_SAMPLE_DIR=%s/nowhere", dir);
    char *db = test_path(dir, "demo.db");
    const char *args[] = {"--db", db, "demo", "--no-tui", NULL};
    const char *env[] = {env_line, NULL};
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 66, "%s", r.err);
    cr_assert(strstr(r.err, "jib: cannot find sample-data/"), "%s", r.err);
    cr_assert(strstr(r.err, "JIB_SAMPLE_DIR"), "%s", r.err);
    cr_assert_neq(access(db, F_OK), 0, "nothing created");
    run_result_free(&r);
    free(db);
}
