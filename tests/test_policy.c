/* SPEC section 2: presets and settings; section 4: `jib policy` exit codes. */
#include <criterion/criterion.h>

#include "core/db.h"
#include "core/grade.h"
#include "core/policy.h"
#include "tests/support.h"

static struct db *db;
static char *dir, *path;

static void setup(void)
{
    dir = test_tmpdir();
    path = test_path(dir, "policy.db");
    db = test_db_open(path);
}

static void teardown(void)
{
    db_close(db);
    free(path);
    test_tmpdir_remove(dir);
}

TestSuite(policy, .init = setup, .fini = teardown);

Test(policy, ilacs_preset_is_the_default)
{
    struct policy p;
    cr_assert_eq(policy_load(db, &p, NULL), 0);
    cr_assert_eq(p.cadence_months[GRADE_GOOD], 36);
    cr_assert_eq(p.window_months, 6);
    cr_assert_eq(p.team[INSP_OFSTED], 3);
    cr_assert_eq(p.team[INSP_HMI_PRISONS], 0);
}

Test(policy, proportionate_preset_sets_every_value)
{
    struct error err;
    cr_assert_eq(policy_preset(db, "proportionate", &err), 0);
    struct policy p;
    policy_load(db, &p, NULL);
    cr_assert_eq(p.cadence_months[GRADE_OUTSTANDING], 60);
    cr_assert_eq(p.cadence_months[GRADE_GOOD], 60);
    cr_assert_eq(p.cadence_months[GRADE_INADEQUATE], 18);
    cr_assert_eq(p.window_months, 0);
    cr_assert_eq(p.reinspection_months_inadequate, 18);
}

Test(policy, inadequate_cadence_is_the_smaller_of_cadence_and_reinspection)
{
    struct policy p;
    policy_load(db, &p, NULL);
    cr_assert_eq(policy_cadence_months(&p, GRADE_INADEQUATE), 24);
    cr_assert_eq(policy_cadence_months(&p, GRADE_NONE), 36, "ungraded uses requires improvement");
}

Test(policy, set_validates_key_and_value)
{
    struct error err;
    cr_assert_eq(policy_set(db, "window_months", "4", &err), 0);
    cr_assert_eq(policy_set(db, "window_monthz", "4", &err), ERROR_USAGE);
    cr_assert(strstr(err.message, "unknown policy key"), "%s", err.message);
    cr_assert_eq(policy_set(db, "window_months", "four", &err), ERROR_USAGE);
    cr_assert(strstr(err.message, "whole number"), "%s", err.message);
    cr_assert_eq(policy_set(db, "team_cqc", "-1", &err), ERROR_USAGE);
    struct policy p;
    policy_load(db, &p, NULL);
    cr_assert_eq(p.window_months, 4, "the valid value stuck, the invalid ones did not");
    cr_assert_eq(p.team[INSP_CQC], 2);
}

Test(policy, command_rejects_bad_key_with_exit_64_and_keeps_the_policy)
{
    const char *set_bad[] = {"--db", path, "policy", "set", "nope", "3", NULL};
    struct run_result r = test_run_jib(set_bad, NULL);
    cr_assert_eq(r.status, 64, "%s", r.err);
    cr_assert(strstr(r.err, "jib: unknown policy key 'nope'"), "%s", r.err);
    run_result_free(&r);
    const char *preset_bad[] = {"--db", path, "policy", "preset", "lenient", NULL};
    r = test_run_jib(preset_bad, NULL);
    cr_assert_eq(r.status, 64);
    run_result_free(&r);
    const char *show[] = {"--db", path, "policy", "--format", "csv", NULL};
    r = test_run_jib(show, NULL);
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "key,value\n"), "%s", r.out);
    cr_assert(strstr(r.out, "cadence_months_good,36\n"), "%s", r.out);
    run_result_free(&r);
}

Test(policy, command_preset_and_set_change_the_stored_policy)
{
    const char *preset[] = {"--db", path, "policy", "preset", "proportionate", NULL};
    struct run_result r = test_run_jib(preset, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    const char *set[] = {"--db", path, "policy", "set", "team_hmi_prisons", "1", NULL};
    r = test_run_jib(set, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    const char *show[] = {"--db", path, "policy", "--format", "json", NULL};
    r = test_run_jib(show, NULL);
    cr_assert(strstr(r.out, "{\"key\":\"cadence_months_good\",\"value\":60}"), "%s", r.out);
    cr_assert(strstr(r.out, "{\"key\":\"team_hmi_prisons\",\"value\":1}"), "%s", r.out);
    run_result_free(&r);
}
