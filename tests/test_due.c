/* The due list: SPEC section 2 and rules 2, 5-8, 10, 20, at their edges. */
#include "tests/fixtures/triage/triage_fixture.h"

#include "core/due.h"
#include "core/grade.h"
#include "core/policy.h"

static struct rowset *due_rs;

static void teardown(void)
{
    rowset_free(due_rs);
    due_rs = NULL;
    fx_teardown();
}

TestSuite(due, .init = fx_setup, .fini = teardown);

static int due_load(const char *today, const char *region, const char *status)
{
    struct error err;
    struct due_filter filter = {.region = region, .status = status};
    rowset_free(due_rs);
    due_rs = NULL;
    return due_list(fx.db, day(today), &filter, &due_rs, &err);
}

/* One cell of code's row on today; valid until the next call. */
static const char *due(const char *code, const char *today, const char *column)
{
    cr_assert_eq(due_load(today, NULL, NULL), 0);
    int row = row_of(due_rs, code);
    cr_assert_geq(row, 0, "authority %s missing from the due list", code);
    return cell(due_rs, row, column);
}

static void good_2023(void)
{
    fx_authority("301", "Barking and Dagenham");
    fx_inspection("301", "ofsted", "ilacs_standard", "2023-09-11", GRADE_GOOD);
}

Test(due, due_date_is_latest_full_start_plus_cadence_months)
{
    good_2023();
    cr_assert_str_eq(due("301", "2026-09-14", "due_date"), "2026-09-11");
    cr_assert_str_eq(due("301", "2026-09-14", "window_start"), "2026-03-11");
    cr_assert_str_eq(due("301", "2026-09-14", "window_end"), "2027-03-11");
    cr_assert_str_eq(due("301", "2026-09-14", "last_type"), "ilacs_standard");
    cr_assert_str_eq(due("301", "2026-09-14", "last_start"), "2023-09-11");
    cr_assert_str_eq(due("301", "2026-09-14", "cadence_grade"), "good");
    cr_assert_str_eq(due("301", "2026-09-14", "reason"), "good 2023-09-11 + 36 months");
}

Test(due, days_to_due_is_signed)
{
    good_2023();
    cr_assert_str_eq(due("301", "2026-09-01", "days_to_due"), "10");
    cr_assert_str_eq(due("301", "2026-09-14", "days_to_due"), "-3");
}

Test(due, window_start_day_is_in_window)
{
    good_2023();
    cr_assert_str_eq(due("301", "2026-03-11", "status"), "in_window");
    cr_assert_str_eq(due("301", "2026-03-10", "status"), "due_soon");
}

Test(due, window_end_day_is_in_window_and_the_next_is_overdue)
{
    good_2023();
    cr_assert_str_eq(due("301", "2027-03-11", "status"), "in_window");
    cr_assert_str_eq(due("301", "2027-03-12", "status"), "overdue");
}

Test(due, due_soon_exactly_at_due_soon_days_and_not_one_beyond)
{
    good_2023(); /* window starts 2026-03-11 */
    cr_assert_str_eq(due("301", "2025-12-11", "status"), "due_soon"); /* 90 days before */
    cr_assert_str_eq(due("301", "2025-12-10", "status"), "not_due");  /* 91 days before */
}

Test(due, month_ends_clamp_in_due_date_and_window)
{
    fx_authority("302", "Barnet");
    fx_inspection("302", "ofsted", "ilacs_short", "2023-08-31", GRADE_GOOD);
    cr_assert_str_eq(due("302", "2026-01-01", "due_date"), "2026-08-31");
    cr_assert_str_eq(due("302", "2026-01-01", "window_start"), "2026-02-28");
    cr_assert_str_eq(due("302", "2026-01-01", "window_end"), "2027-02-28");
}

Test(due, leap_day_start_clamps_to_28_february)
{
    fx_authority("303", "Bexley");
    fx_inspection("303", "ofsted", "ilacs_short", "2024-02-29", GRADE_OUTSTANDING);
    cr_assert_str_eq(due("303", "2026-01-01", "due_date"), "2027-02-28");
    cr_assert_str_eq(due("303", "2026-01-01", "window_start"), "2026-08-28");
}

Test(due, never_inspected_has_no_due_date)
{
    fx_authority("304", "Brent");
    fx_inspection("304", "ofsted", "focused_visit", "2025-01-10", GRADE_NONE);
    cr_assert_str_eq(due("304", "2026-09-14", "status"), "never_inspected");
    cr_assert_str_eq(due("304", "2026-09-14", "due_date"), "");
    cr_assert_str_eq(due("304", "2026-09-14", "days_to_due"), "");
    cr_assert_str_eq(due("304", "2026-09-14", "last_start"), "");
}

Test(due, never_inspected_reason_notes_open_concerns)
{
    fx_authority("304", "Brent");
    fx_concern("304", "2026-06-01", "high", NULL);
    fx_concern("304", "2026-06-02", "low", NULL);
    cr_assert_str_eq(due("304", "2026-09-14", "status"), "never_inspected");
    cr_assert_str_eq(due("304", "2026-09-14", "due_date"), "");
    cr_assert(strstr(due("304", "2026-09-14", "reason"), "2 open concerns (1 high)"));
}

Test(due, missing_overall_takes_the_worst_area_grade)
{
    fx_authority("305", "Bromley");
    fx_sql("INSERT INTO inspection(la_code, inspectorate, type, start_date, leadership, "
           "help_protection, in_care, care_leavers) "
           "VALUES('305', 'ofsted', 'ilacs_standard', '2026-05-11', 2, 1, 4, NULL)");
    cr_assert_str_eq(due("305", "2026-09-14", "cadence_grade"), "inadequate");
    cr_assert_str_eq(due("305", "2026-09-14", "due_date"), "2028-05-11"); /* + 24 months */
}

Test(due, no_grade_at_all_uses_requires_improvement_cadence_and_says_so)
{
    struct error err;
    const char *key = "cadence_months_requires_improvement";
    cr_assert_eq(policy_set(fx.db, key, "30", &err), 0);
    fx_authority("306", "Camden");
    fx_inspection("306", "ofsted", "sif", "2020-01-15", GRADE_NONE);
    cr_assert_str_eq(due("306", "2026-09-14", "cadence_grade"), "");
    cr_assert_str_eq(due("306", "2026-09-14", "due_date"), "2022-07-15");
    cr_assert(strstr(due("306", "2026-09-14", "reason"), "grade unknown"));
    cr_assert(strstr(due("306", "2026-09-14", "reason"), "requires improvement"));
}

Test(due, requires_improvement_adequate_and_satisfactory_are_one_grade)
{
    const char *names[] = {"RI", "adequate", "satisfactory", "Requires improvement to be good"};
    for (int i = 0; i < 4; i++) {
        int g;
        char why[160], code[8];
        cr_assert(grade_parse(names[i], &g, why, sizeof why), "%s: %s", names[i], why);
        snprintf(code, sizeof code, "31%d", i);
        fx_authority(code, names[i]);
        fx_inspection(code, "ofsted", "cp_2012", "2012-03-05", g);
    }
    cr_assert_eq(due_load("2026-09-14", NULL, NULL), 0);
    for (int i = 0; i < 4; i++) {
        char code[8];
        snprintf(code, sizeof code, "31%d", i);
        int row = row_of(due_rs, code);
        cr_assert_str_eq(cell(due_rs, row, "cadence_grade"), "requires_improvement");
        cr_assert_str_eq(cell(due_rs, row, "due_date"), "2015-03-05");
    }
}

Test(due, tie_on_start_date_takes_the_worse_grade)
{
    fx_authority("307", "Croydon");
    fx_inspection("307", "ofsted", "sif", "2025-02-03", GRADE_GOOD);
    fx_inspection("307", "cqc", "slac", "2025-02-03", GRADE_INADEQUATE);
    fx_inspection("307", "hmicfrs", "cp_2012", "2025-02-03", GRADE_NONE);
    cr_assert_str_eq(due("307", "2026-09-14", "cadence_grade"), "inadequate");
    cr_assert_str_eq(due("307", "2026-09-14", "last_type"), "slac");
    cr_assert_str_eq(due("307", "2026-09-14", "due_date"), "2027-02-03");
}

Test(due, full_inspections_of_any_inspectorate_count_and_visits_do_not)
{
    fx_authority("308", "Ealing");
    fx_inspection("308", "ofsted", "ilacs_standard", "2022-01-10", GRADE_INADEQUATE);
    fx_inspection("308", "cqc", "slac", "2024-06-03", GRADE_GOOD);
    fx_inspection("308", "ofsted", "focused_visit", "2025-06-03", GRADE_INADEQUATE);
    fx_inspection("308", "ofsted", "jtai", "2025-07-03", GRADE_INADEQUATE);
    cr_assert_str_eq(due("308", "2026-09-14", "last_type"), "slac");
    cr_assert_str_eq(due("308", "2026-09-14", "cadence_grade"), "good");
    cr_assert_str_eq(due("308", "2026-09-14", "due_date"), "2027-06-03");
}

Test(due, inspections_after_today_are_ignored)
{
    good_2023();
    fx_inspection("301", "ofsted", "ilacs_short", "2026-09-15", GRADE_OUTSTANDING);
    cr_assert_str_eq(due("301", "2026-09-14", "last_start"), "2023-09-11");
    cr_assert_str_eq(due("301", "2026-09-15", "last_start"), "2026-09-15");
}

Test(due, inadequate_takes_the_smaller_of_cadence_and_reinspection)
{
    struct error err;
    fx_authority("309", "Enfield");
    fx_inspection("309", "ofsted", "ilacs_standard", "2025-01-20", GRADE_INADEQUATE);
    cr_assert_str_eq(due("309", "2026-09-14", "due_date"), "2027-01-20"); /* min(36, 24) */
    cr_assert_str_eq(due("309", "2026-09-14", "reason"), "inadequate 2025-01-20 + 24 months");
    cr_assert_eq(policy_set(fx.db, "reinspection_months_inadequate", "40", &err), 0);
    cr_assert_str_eq(due("309", "2026-09-14", "due_date"), "2028-01-20"); /* min(36, 40) */
}

Test(due, proportionate_preset_changes_cadence_and_window)
{
    struct error err;
    good_2023();
    cr_assert_eq(policy_preset(fx.db, "proportionate", &err), 0);
    cr_assert_str_eq(due("301", "2026-09-14", "due_date"), "2028-09-11"); /* 60 months */
    cr_assert_str_eq(due("301", "2026-09-14", "window_start"), "2028-09-11");
    cr_assert_str_eq(due("301", "2026-09-14", "window_end"), "2028-09-11");
    cr_assert_str_eq(due("301", "2026-09-14", "status"), "not_due");
}

Test(due, monitoring_is_yes_only_for_inadequate)
{
    good_2023();
    fx_authority("309", "Enfield");
    fx_inspection("309", "ofsted", "ilacs_standard", "2025-01-20", GRADE_INADEQUATE);
    cr_assert_str_eq(due("301", "2026-09-14", "monitoring"), "no");
    cr_assert_str_eq(due("309", "2026-09-14", "monitoring"), "yes");
}

/* ---- concerns (rules 2, 7, 8) ---- */

static void good_2024(void)
{
    fx_authority("310", "Greenwich");
    fx_inspection("310", "ofsted", "ilacs_short", "2024-01-10", GRADE_GOOD); /* due 2027-01-10 */
}

Test(due, open_high_concern_brings_due_date_and_window_forward)
{
    good_2024();
    fx_concern("310", "2026-03-01", "high", NULL);
    cr_assert_str_eq(due("310", "2026-09-14", "due_date"), "2026-05-30"); /* + 90 days */
    cr_assert_str_eq(due("310", "2026-09-14", "window_start"), "2025-11-30");
    cr_assert_str_eq(due("310", "2026-09-14", "window_end"), "2026-11-30");
    cr_assert_str_eq(due("310", "2026-09-14", "status"), "in_window");
    cr_assert(strstr(due("310", "2026-09-14", "reason"), "open high concern 2026-03-01"));
}

Test(due, high_concern_later_than_due_date_changes_nothing)
{
    good_2024();
    fx_concern("310", "2026-12-01", "high", NULL);
    cr_assert_str_eq(due("310", "2026-12-14", "due_date"), "2027-01-10");
    cr_assert_null(strstr(due("310", "2026-12-14", "reason"), "concern"));
}

Test(due, closed_high_concern_does_not_move_the_date)
{
    good_2024();
    fx_concern("310", "2026-03-01", "high", "2026-04-01");
    cr_assert_str_eq(due("310", "2026-09-14", "due_date"), "2027-01-10");
    cr_assert_str_eq(due("310", "2026-09-14", "open_concerns"), "0");
}

Test(due, concern_closed_after_today_is_still_open)
{
    good_2024();
    fx_concern("310", "2026-03-01", "high", "2026-10-01");
    cr_assert_str_eq(due("310", "2026-09-14", "due_date"), "2026-05-30");
    cr_assert_str_eq(due("310", "2026-09-14", "open_concerns"), "1");
}

Test(due, concern_dated_after_today_is_ignored)
{
    good_2024();
    fx_concern("310", "2026-09-15", "high", NULL);
    cr_assert_str_eq(due("310", "2026-09-14", "due_date"), "2027-01-10");
    cr_assert_str_eq(due("310", "2026-09-14", "open_concerns"), "0");
}

Test(due, low_and_medium_concerns_count_but_do_not_move_the_date)
{
    good_2024();
    fx_concern("310", "2026-03-01", "low", NULL);
    fx_concern("310", "2026-03-02", "medium", NULL);
    cr_assert_str_eq(due("310", "2026-09-14", "due_date"), "2027-01-10");
    cr_assert_str_eq(due("310", "2026-09-14", "open_concerns"), "2");
}

Test(due, earliest_of_several_open_high_concerns_moves_the_date)
{
    good_2024();
    fx_concern("310", "2026-05-01", "high", NULL);
    fx_concern("310", "2026-03-01", "high", NULL);
    fx_concern("310", "2026-01-01", "high", "2026-02-01"); /* closed: not this one */
    cr_assert_str_eq(due("310", "2026-09-14", "due_date"), "2026-05-30");
    cr_assert_str_eq(due("310", "2026-09-14", "open_concerns"), "2");
}

/* ---- order and filters (rules 10, 20) ---- */

static void three_regions(void)
{
    good_2023();                          /* 301 London, due 2026-09-11 */
    fx_authority("304", "Brent");         /* never inspected */
    fx_authority("888", "Lancashire");
    fx_sql("UPDATE authority SET region_code = 'E12000002', region_name = 'North West' "
           "WHERE la_code = '888'");
    fx_inspection("888", "ofsted", "ilacs_standard", "2022-01-10", GRADE_GOOD); /* 2025-01-10 */
    fx_authority("302", "Barnet");
    fx_inspection("302", "ofsted", "ilacs_standard", "2023-09-11", GRADE_GOOD); /* same as 301 */
}

Test(due, order_is_never_inspected_then_due_date_then_la_code)
{
    three_regions();
    cr_assert_eq(due_load("2026-09-14", NULL, NULL), 0);
    cr_assert_eq(due_rs->nrows, 4);
    const char *want[] = {"304", "888", "301", "302"};
    for (size_t i = 0; i < 4; i++)
        cr_assert_str_eq(rowset_get(due_rs, i, 0), want[i], "row %zu", i);
}

Test(due, region_filter_matches_code_or_name_in_any_case)
{
    three_regions();
    cr_assert_eq(due_load("2026-09-14", "E12000002", NULL), 0);
    cr_assert_eq(due_rs->nrows, 1);
    cr_assert_str_eq(rowset_get(due_rs, 0, 0), "888");
    cr_assert_eq(due_load("2026-09-14", "north west", NULL), 0);
    cr_assert_eq(due_rs->nrows, 1);
    cr_assert_eq(due_load("2026-09-14", "LONDON", NULL), 0);
    cr_assert_eq(due_rs->nrows, 3);
}

Test(due, status_filter_keeps_one_status)
{
    three_regions();
    cr_assert_eq(due_load("2026-09-14", NULL, "overdue"), 0);
    cr_assert_eq(due_rs->nrows, 1);
    cr_assert_str_eq(rowset_get(due_rs, 0, 0), "888");
    cr_assert_eq(due_load("2026-09-14", "london", "in_window"), 0);
    cr_assert_eq(due_rs->nrows, 2);
}

Test(due, unknown_status_is_a_usage_error)
{
    three_regions();
    cr_assert_eq(due_load("2026-09-14", NULL, "late"), ERROR_USAGE);
}

/* ---- the command ---- */

Test(due, command_prints_csv_with_the_documented_columns)
{
    good_2023();
    const char *args[] = {"--db", fx.path, "--today", "2026-09-14", "due", "--format", "csv", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_assert(strncmp(r.out,
                      "la_code,authority,region,last_type,last_start,cadence_grade,due_date,"
                      "window_start,window_end,status,days_to_due,monitoring,open_concerns,reason,gap\n"
                      "301,Barking and Dagenham,London,ilacs_standard,2023-09-11,good,2026-09-11,"
                      "2026-03-11,2027-03-11,in_window,-3,no,0,good 2023-09-11 + 36 months,\n",
                      400) == 0,
              "got: %s", r.out);
    run_result_free(&r);
}

Test(due, command_rejects_an_unknown_status_with_exit_64)
{
    good_2023();
    const char *args[] = {"--db", fx.path, "due", "--status", "late", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "unknown status 'late'"), "stderr: %s", r.err);
    cr_assert_str_eq(r.out, "");
    run_result_free(&r);
}

Test(due, command_never_creates_a_database)
{
    char *missing = test_path(fx.dir, "none.db");
    const char *args[] = {"--db", missing, "due", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 66);
    cr_assert(strstr(r.err, "jib demo"), "stderr: %s", r.err);
    cr_assert_eq(access(missing, F_OK), -1, "the database was created");
    run_result_free(&r);
    free(missing);
}
