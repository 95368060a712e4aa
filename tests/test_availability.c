/* Team availability per week and inspectorate: SPEC rule 22. */
#include "tests/fixtures/triage/triage_fixture.h"

#include "core/availability.h"
#include "core/inspectorate.h"

static struct rowset *av_rs;

static void setup(void)
{
    fx_setup();
    fx_sql("INSERT INTO inspector(inspector_id, name, inspectorate) VALUES"
           "('O1', 'Ann', 'ofsted'), ('O2', 'Bea', 'ofsted'), ('O3', 'Cal', 'ofsted'),"
           "('C1', 'Dan', 'cqc'), ('H1', 'Eve', 'hmicfrs'), ('P1', 'Fay', 'hmi_probation')");
}

static void teardown(void)
{
    rowset_free(av_rs);
    av_rs = NULL;
    fx_teardown();
}

TestSuite(availability, .init = setup, .fini = teardown);

static void load(const char *from, int weeks)
{
    struct error err;
    rowset_free(av_rs);
    av_rs = NULL;
    cr_assert_eq(availability_list(fx.db, day(from), weeks, &av_rs, &err), 0, "%s",
                 err);
}

/* A cell of the row for week_start and inspectorate. */
static const char *av(const char *week, const char *insp, const char *column)
{
    for (size_t r = 0; r < av_rs->nrows; r++)
        if (strcmp(rowset_get(av_rs, r, 0), week) == 0 &&
            strcmp(rowset_get(av_rs, r, 1), insp) == 0)
            return cell(av_rs, (int)r, column);
    cr_assert_fail("no row for %s %s", week, insp);
    return "";
}

static void absent(const char *who, const char *from, const char *to, const char *kind)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO absence(inspector_id, from_date, to_date, kind) "
             "VALUES('%s', '%s', '%s', '%s')",
             who, from, to, kind);
    fx_sql(sql);
}

Test(availability, weeks_start_at_the_monday_of_the_week_containing_from)
{
    load("2026-09-17", 2); /* a Thursday */
    cr_assert_eq(av_rs->nrows, 10);
    cr_assert_str_eq(rowset_get(av_rs, 0, 0), "2026-09-14");
    cr_assert_str_eq(rowset_get(av_rs, 5, 0), "2026-09-21");
}

Test(availability, every_inspectorate_is_listed_also_with_required_0)
{
    load("2026-09-14", 1);
    const char *want[] = {"ofsted", "cqc", "hmicfrs", "hmi_probation", "hmi_prisons"};
    for (size_t i = 0; i < 5; i++)
        cr_assert_str_eq(rowset_get(av_rs, i, 1), want[i]);
    cr_assert_str_eq(av("2026-09-14", "hmi_prisons", "total"), "0");
    cr_assert_str_eq(av("2026-09-14", "hmi_prisons", "required"), "0");
}

Test(availability, total_counts_inspectors_and_required_comes_from_policy)
{
    load("2026-09-14", 1);
    cr_assert_str_eq(av("2026-09-14", "ofsted", "total"), "3");
    cr_assert_str_eq(av("2026-09-14", "ofsted", "free"), "3");
    cr_assert_str_eq(av("2026-09-14", "ofsted", "required"), "3");
    cr_assert_str_eq(av("2026-09-14", "cqc", "required"), "2");
}

Test(availability, one_absent_working_day_makes_the_whole_week_not_free)
{
    absent("O1", "2026-09-16", "2026-09-16", "leave");
    load("2026-09-14", 2);
    cr_assert_str_eq(av("2026-09-14", "ofsted", "free"), "2");
    cr_assert_str_eq(av("2026-09-21", "ofsted", "free"), "3");
}

Test(availability, every_kind_of_absence_counts)
{
    absent("C1", "2026-09-18", "2026-09-18", "training");
    absent("H1", "2026-09-14", "2026-09-14", "booked");
    absent("P1", "2026-09-15", "2026-09-15", "other");
    load("2026-09-14", 1);
    cr_assert_str_eq(av("2026-09-14", "cqc", "free"), "0");
    cr_assert_str_eq(av("2026-09-14", "hmicfrs", "free"), "0");
    cr_assert_str_eq(av("2026-09-14", "hmi_probation", "free"), "0");
}

Test(availability, absence_spanning_two_weeks_blocks_both)
{
    absent("O2", "2026-09-10", "2026-09-22", "leave");
    load("2026-09-14", 3);
    cr_assert_str_eq(av("2026-09-14", "ofsted", "free"), "2");
    cr_assert_str_eq(av("2026-09-21", "ofsted", "free"), "2");
    cr_assert_str_eq(av("2026-09-28", "ofsted", "free"), "3");
}

Test(availability, weekend_absence_does_not_count)
{
    absent("O2", "2026-09-19", "2026-09-20", "leave");
    load("2026-09-14", 1);
    cr_assert_str_eq(av("2026-09-14", "ofsted", "free"), "3");
}

Test(availability, absence_on_a_bank_holiday_monday_does_not_count)
{
    fx_sql("INSERT INTO holiday(date, name) VALUES('2026-08-31', 'Summer bank holiday')");
    absent("O1", "2026-08-31", "2026-08-31", "leave");
    absent("O2", "2026-09-01", "2026-09-01", "leave");
    load("2026-08-31", 1);
    cr_assert_str_eq(av("2026-08-31", "ofsted", "free"), "2");
}

Test(availability, week_without_working_days_has_everyone_free)
{
    fx_sql("INSERT INTO holiday(date, name) VALUES('2026-12-21', 'a'), ('2026-12-22', 'b'),"
           "('2026-12-23', 'c'), ('2026-12-24', 'd'), ('2026-12-25', 'Christmas Day')");
    absent("O1", "2026-12-19", "2027-01-03", "leave");
    load("2026-12-21", 2);
    cr_assert_str_eq(av("2026-12-21", "ofsted", "free"), "3");
    cr_assert_str_eq(av("2026-12-28", "ofsted", "free"), "2");
}

Test(availability, command_defaults_to_12_weeks_from_today)
{
    const char *args[] = {"--db", fx.path, "--today", "2026-09-16", "availability", "--format",
                          "csv", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    const char *want = "week_start,inspectorate,free,total,required,joint_window\n"
                       "2026-09-14,ofsted,3,3,3,";
    cr_assert(strncmp(r.out, want, strlen(want)) == 0, "got: %s", r.out);
    int lines = 0;
    for (const char *p = r.out; *p; p++)
        lines += *p == '\n';
    cr_assert_eq(lines, 1 + 12 * 5);
    cr_assert(strstr(r.out, "2026-11-30,hmi_prisons,0,0,0,"), "got: %s", r.out);
    run_result_free(&r);
}

Test(availability, command_rejects_bad_weeks_and_dates_with_exit_64)
{
    const char *weeks[] = {"--db", fx.path, "availability", "--weeks", "0", NULL};
    struct run_result r = test_run_jib(weeks, NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "--weeks"), "stderr: %s", r.err);
    run_result_free(&r);
    const char *from[] = {"--db", fx.path, "availability", "--from", "13/25/2026", NULL};
    r = test_run_jib(from, NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "--from"), "stderr: %s", r.err);
    run_result_free(&r);
}

/* ---- who is free (the Teams view's Enter on a cell) ---- */

static struct rowset *who(const char *from, int insp)
{
    struct error err;
    struct rowset *rs = NULL;
    cr_assert_eq(availability_who(fx.db, day(from), insp, &rs, &err), 0, "%s", err.message);
    return rs;
}

Test(availability, who_lists_an_inspectorate_free_first_then_booked_or_away)
{
    absent("O1", "2026-09-16", "2026-09-16", "leave");
    absent("O2", "2026-09-14", "2026-09-18", "booked");
    struct rowset *rs = who("2026-09-17", INSP_OFSTED);
    cr_assert_eq(rs->nrows, 3, "the three ofsted inspectors, no one else");
    cr_assert_str_eq(cell(rs, 0, "inspector_id"), "O3");
    cr_assert_str_eq(cell(rs, 0, "availability"), "free");
    cr_assert_str_eq(cell(rs, 0, "free_days"), "5/5");
    cr_assert_str_eq(cell(rs, 1, "inspector_id"), "O1");
    cr_assert_str_eq(cell(rs, 1, "availability"), "away");
    cr_assert_str_eq(cell(rs, 1, "free_days"), "4/5");
    cr_assert_str_eq(cell(rs, 2, "inspector_id"), "O2");
    cr_assert_str_eq(cell(rs, 2, "availability"), "booked", "booked, never for which authority");
    cr_assert_str_eq(cell(rs, 2, "free_days"), "0/5");
    for (size_t c = 0; c < rs->ncols; c++)
        cr_assert(strcmp(rs->names[c], "la_code") != 0 && strcmp(rs->names[c], "plan_id") != 0,
                  "plans are confidential: no %s column", rs->names[c]);
    rowset_free(rs);
}

Test(availability, who_without_an_inspectorate_lists_every_inspectorate_in_order)
{
    struct rowset *rs = who("2026-09-14", -1);
    cr_assert_eq(rs->nrows, 6);
    cr_assert_str_eq(cell(rs, 0, "inspectorate"), "ofsted");
    cr_assert_str_eq(cell(rs, 3, "inspectorate"), "cqc");
    cr_assert_str_eq(cell(rs, 5, "inspectorate"), "hmi_probation");
    rowset_free(rs);
}

Test(availability, who_counts_working_days_only)
{
    fx_sql("INSERT INTO holiday(date, name) VALUES('2026-08-31', 'Summer bank holiday')");
    absent("O1", "2026-08-31", "2026-08-31", "leave");
    struct rowset *rs = who("2026-08-31", INSP_OFSTED);
    cr_assert_str_eq(cell(rs, 0, "inspector_id"), "O1", "leave on a bank holiday costs nothing");
    cr_assert_str_eq(cell(rs, 0, "free_days"), "4/4");
    rowset_free(rs);
}
