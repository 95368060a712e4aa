/* Authorities under monitoring: SPEC section 2, rules 3 and 9. */
#include "tests/fixtures/triage/triage_fixture.h"

#include "core/due.h"
#include "core/grade.h"
#include "core/monitoring.h"
#include "core/policy.h"

static struct rowset *mon_rs;

static void teardown(void)
{
    rowset_free(mon_rs);
    mon_rs = NULL;
    fx_teardown();
}

TestSuite(monitoring, .init = fx_setup, .fini = teardown);

static void load(const char *today)
{
    struct error err;
    rowset_free(mon_rs);
    mon_rs = NULL;
    cr_assert_eq(monitoring_list(fx.db, day(today), &mon_rs, &err), 0, "%s", err.message);
}

/* One cell of code's monitoring row on today; valid until the next call. */
static const char *mon(const char *code, const char *today, const char *column)
{
    load(today);
    int row = row_of(mon_rs, code);
    cr_assert_geq(row, 0, "authority %s is not under monitoring", code);
    return cell(mon_rs, row, column);
}

static bool monitored(const char *code, const char *today)
{
    load(today);
    return row_of(mon_rs, code) >= 0;
}

/* Judged inadequate on 2026-01-15: visits expected from 2026-04-15. */
static void inadequate_2026(void)
{
    fx_authority("320", "Hackney");
    fx_inspection("320", "ofsted", "ilacs_standard", "2026-01-15", GRADE_INADEQUATE);
}

Test(monitoring, inadequate_latest_full_inspection_enters_monitoring)
{
    inadequate_2026();
    fx_authority("321", "Haringey");
    fx_inspection("321", "ofsted", "ilacs_standard", "2026-01-15", GRADE_REQUIRES_IMPROVEMENT);
    cr_assert(monitored("320", "2026-03-01"));
    cr_assert_not(monitored("321", "2026-03-01"));
    cr_assert_str_eq(mon("320", "2026-03-01", "judged"), "2026-01-15");
    cr_assert_str_eq(mon("320", "2026-03-01", "authority"), "Hackney");
}

Test(monitoring, inadequate_by_worst_area_grade_enters_monitoring)
{
    fx_authority("322", "Harrow");
    fx_sql("INSERT INTO inspection(la_code, inspectorate, type, start_date, leadership, in_care) "
           "VALUES('322', 'ofsted', 'ilacs_standard', '2026-05-04', 3, 4)");
    cr_assert(monitored("322", "2026-09-14"));
}

Test(monitoring, later_better_full_inspection_leaves_monitoring)
{
    inadequate_2026();
    fx_inspection("320", "cqc", "slac", "2026-08-03", GRADE_REQUIRES_IMPROVEMENT);
    cr_assert(monitored("320", "2026-08-02"));
    cr_assert_not(monitored("320", "2026-08-03"));
}

Test(monitoring, first_visit_is_due_an_interval_after_judged)
{
    inadequate_2026();
    cr_assert_str_eq(mon("320", "2026-03-01", "next_visit_due"), "2026-04-15");
    cr_assert_str_eq(mon("320", "2026-03-01", "visits"), "0");
    cr_assert_str_eq(mon("320", "2026-03-01", "last_visit"), "");
}

Test(monitoring, visits_of_any_inspectorate_after_judged_and_up_to_today_count)
{
    inadequate_2026();
    fx_inspection("320", "ofsted", "monitoring_visit", "2025-11-01", GRADE_NONE); /* before */
    fx_inspection("320", "ofsted", "monitoring_visit", "2026-04-10", GRADE_NONE);
    fx_inspection("320", "cqc", "monitoring_visit", "2026-07-20", GRADE_NONE);
    fx_inspection("320", "ofsted", "monitoring_visit", "2026-09-20", GRADE_NONE); /* after T */
    fx_inspection("320", "ofsted", "focused_visit", "2026-08-20", GRADE_NONE);    /* not one */
    cr_assert_str_eq(mon("320", "2026-09-14", "visits"), "2");
    cr_assert_str_eq(mon("320", "2026-09-14", "last_visit"), "2026-07-20");
    cr_assert_str_eq(mon("320", "2026-09-14", "next_visit_due"), "2026-10-20");
}

Test(monitoring, visit_due_when_next_visit_is_0_to_30_days_away)
{
    inadequate_2026(); /* next visit 2026-04-15 */
    cr_assert_str_eq(mon("320", "2026-03-16", "status"), "visit_due");     /* 30 days */
    cr_assert_str_eq(mon("320", "2026-03-15", "status"), "on_track");      /* 31 days */
    cr_assert_str_eq(mon("320", "2026-04-15", "status"), "visit_due");     /* 0 days */
    cr_assert_str_eq(mon("320", "2026-04-16", "status"), "visit_overdue"); /* -1 day */
}

Test(monitoring, months_are_completed_calendar_months)
{
    fx_authority("323", "Havering");
    fx_inspection("323", "ofsted", "sif", "2024-01-31", GRADE_INADEQUATE);
    cr_assert_str_eq(mon("323", "2024-02-28", "months"), "0");
    cr_assert_str_eq(mon("323", "2024-02-29", "months"), "1");
    cr_assert_str_eq(mon("323", "2025-01-30", "months"), "11");
    cr_assert_str_eq(mon("323", "2025-01-31", "months"), "12");
}

Test(monitoring, reinspection_due_is_judged_plus_inadequate_cadence_without_concerns)
{
    inadequate_2026();
    fx_concern("320", "2026-02-01", "high", NULL);
    cr_assert_str_eq(mon("320", "2026-03-01", "reinspection_due"), "2028-01-15");
}

Test(monitoring, order_is_next_visit_due_then_la_code)
{
    inadequate_2026(); /* next 2026-04-15 */
    fx_authority("319", "Hammersmith and Fulham");
    fx_inspection("319", "ofsted", "ilacs_standard", "2026-01-15", GRADE_INADEQUATE);
    fx_authority("318", "Greenwich");
    fx_inspection("318", "ofsted", "ilacs_standard", "2026-02-01", GRADE_INADEQUATE);
    fx_authority("317", "Lambeth");
    fx_inspection("317", "ofsted", "ilacs_standard", "2025-12-01", GRADE_INADEQUATE);
    load("2026-03-01");
    const char *want[] = {"317", "319", "320", "318"};
    cr_assert_eq(mon_rs->nrows, 4);
    for (size_t i = 0; i < 4; i++)
        cr_assert_str_eq(rowset_get(mon_rs, i, 0), want[i], "row %zu", i);
}

Test(monitoring, command_prints_json_with_numbers)
{
    inadequate_2026();
    const char *args[] = {"--db",       fx.path,  "--today", "2026-09-14",
                          "monitoring", "--format", "json",  NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_assert(strstr(r.out, "\"la_code\":\"320\""), "got: %s", r.out);
    cr_assert(strstr(r.out, "\"months\":7,\"visits\":0,\"last_visit\":null"), "got: %s", r.out);
    cr_assert(strstr(r.out, "\"status\":\"visit_overdue\""), "got: %s", r.out);
    run_result_free(&r);
}

/* monitoring_trigger (SPEC section 2): overall requires improvement, children
 * in care inadequate, judged 2025-03-03. */
static void in_care_inadequate_overall_ri(void)
{
    fx_authority("330", "Camden");
    fx_sql("INSERT INTO inspection(la_code, inspectorate, type, start_date, overall, "
           "help_protection, in_care) VALUES('330', 'ofsted', 'ilacs_standard', '2025-03-03', "
           "3, 2, 4)");
}

static void preset(const char *name)
{
    struct error err;
    cr_assert_eq(policy_preset(fx.db, name, &err), 0, "%s", err.message);
}

/* The due list's cell for code on today. */
static char *due_cell(const char *code, const char *today, const char *column)
{
    struct error err;
    struct rowset *rs = NULL;
    cr_assert_eq(due_list(fx.db, day(today), NULL, &rs, &err), 0, "%s", err.message);
    int row = row_of(rs, code);
    cr_assert_geq(row, 0);
    char *v = strdup(cell(rs, row, column));
    rowset_free(rs);
    return v;
}

Test(monitoring, trigger_cadence_ignores_in_care_inadequate_under_overall_ri)
{
    in_care_inadequate_overall_ri();
    preset("ilacs");
    cr_assert_not(monitored("330", "2025-09-01"), "ilacs preset: monitoring_trigger cadence");
    char *m = due_cell("330", "2025-09-01", "monitoring");
    char *d = due_cell("330", "2025-09-01", "due_date");
    cr_assert_str_eq(m, "no");
    cr_assert_str_eq(d, "2028-03-03", "requires improvement cadence, 36 months");
    free(m);
    free(d);
}

Test(monitoring, trigger_any_area_monitors_in_care_inadequate_and_says_so)
{
    in_care_inadequate_overall_ri();
    preset("proportionate");
    cr_assert(monitored("330", "2025-09-01"), "proportionate preset: monitoring_trigger any_area");
    cr_assert_str_eq(mon("330", "2025-09-01", "trigger"), "in_care inadequate");
    cr_assert_str_eq(mon("330", "2025-09-01", "judged"), "2025-03-03");
    cr_assert_str_eq(mon("330", "2025-09-01", "reinspection_due"), "2026-09-03");
    /* The due list agrees: monitored, and due on the re-inspection date. */
    char *m = due_cell("330", "2025-09-01", "monitoring");
    char *d = due_cell("330", "2025-09-01", "due_date");
    char *g = due_cell("330", "2025-09-01", "cadence_grade");
    char *why = due_cell("330", "2025-09-01", "reason");
    cr_assert_str_eq(m, "yes");
    cr_assert_str_eq(d, "2026-09-03");
    cr_assert_str_eq(g, "requires_improvement", "the cadence grade itself is unchanged");
    cr_assert(strstr(why, "in_care inadequate"), "%s", why);
    free(m);
    free(d);
    free(g);
    free(why);
}

Test(monitoring, trigger_set_by_key_and_rejects_other_values)
{
    in_care_inadequate_overall_ri();
    struct error err;
    cr_assert_eq(policy_set(fx.db, "monitoring_trigger", "any_area", &err), 0, "%s", err.message);
    cr_assert(monitored("330", "2025-09-01"));
    cr_assert_eq(policy_set(fx.db, "monitoring_trigger", "sometimes", &err), ERROR_USAGE);
    cr_assert(strstr(err.message, "cadence or any_area"), "%s", err.message);
    cr_assert(monitored("330", "2025-09-01"), "the bad value changed nothing");
    cr_assert_eq(policy_set(fx.db, "monitoring_trigger", "cadence", &err), 0, "%s", err.message);
    cr_assert_not(monitored("330", "2025-09-01"));
}

Test(monitoring, trigger_names_the_overall_or_worst_area_under_cadence)
{
    inadequate_2026();
    cr_assert_str_eq(mon("320", "2026-03-01", "trigger"), "overall inadequate");
    fx_authority("322", "Harrow");
    fx_sql("INSERT INTO inspection(la_code, inspectorate, type, start_date, leadership, in_care) "
           "VALUES('322', 'ofsted', 'ilacs_standard', '2026-05-04', 3, 4)");
    cr_assert_str_eq(mon("322", "2026-09-14", "trigger"), "in_care inadequate");
}

Test(monitoring, trigger_shows_in_policy_command_by_name)
{
    const char *set[] = {"--db", fx.path, "policy", "preset", "proportionate", NULL};
    struct run_result r = test_run_jib(set, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    const char *show[] = {"--db", fx.path, "policy", "--format", "csv", NULL};
    r = test_run_jib(show, NULL);
    cr_assert(strstr(r.out, "monitoring_trigger,any_area\n"), "%s", r.out);
    run_result_free(&r);
    const char *bad[] = {"--db", fx.path, "policy", "set", "monitoring_trigger", "2", NULL};
    r = test_run_jib(bad, NULL);
    cr_assert_eq(r.status, 64, "%s", r.err);
    run_result_free(&r);
}
