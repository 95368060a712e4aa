/* Joint planning: the feasibility rule of SPEC section 6, team selection
 * (rule 23), the search and its failure message (rule 24), booking, cancelling,
 * conflicts and substitutes, and the race between two coordinators. */
#include "tests/fixtures/triage/triage_fixture.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include "core/plan.h"

static struct plan_proposal prop;

/* A small world: authorities 301 (London) and 302 (North East); a policy of
 * two Ofsted inspectors and one from HMI Probation, five days on site, in
 * windows of two weeks. Inspectors O1-O3 (ofsted) and P1 (hmi_probation). */
static void setup(void)
{
    fx_setup();
    fx_authority("301", "Barking");
    fx_authority("302", "Durham");
    fx_sql("UPDATE authority SET region_code = 'E12000001' WHERE la_code = '302'");
    fx_sql("UPDATE policy SET value = '2' WHERE key = 'team_ofsted';"
           "UPDATE policy SET value = '0' WHERE key IN ('team_cqc', 'team_hmicfrs', "
           " 'team_hmi_prisons');"
           "UPDATE policy SET value = '1' WHERE key = 'team_hmi_probation';"
           "UPDATE policy SET value = '2' WHERE key = 'joint_window_weeks';"
           "UPDATE policy SET value = '5' WHERE key = 'onsite_days';");
    fx_sql("INSERT INTO inspector(inspector_id, name, inspectorate, region) VALUES"
           "('O1', 'Ann', 'ofsted', 'E12000009'), ('O2', 'Bea', 'ofsted', 'E12000009'),"
           "('O3', 'Cal', 'ofsted', 'E12000009'), ('P1', 'Fay', 'hmi_probation', '')");
}

static void teardown(void)
{
    plan_proposal_free(&prop);
    fx_teardown();
}

TestSuite(plan, .init = setup, .fini = teardown);

/* Runs one INSERT with its text parameters bound. */
static void insert(const char *sql, const char *const *values, int n)
{
    sqlite3_stmt *stmt = db_prepare(fx.db, sql);
    cr_assert_not_null(stmt, "%s", sqlite3_errmsg(fx.db->handle));
    for (int i = 0; i < n; i++)
        sqlite3_bind_text(stmt, i + 1, values[i], -1, SQLITE_TRANSIENT);
    cr_assert_eq(sqlite3_step(stmt), SQLITE_DONE, "%s", sqlite3_errmsg(fx.db->handle));
    sqlite3_finalize(stmt);
}

static void absent(const char *who, const char *from, const char *to, const char *kind)
{
    insert("INSERT INTO absence(inspector_id, from_date, to_date, kind) VALUES(?1, ?2, ?3, ?4)",
           (const char *[]){who, from, to, kind}, 4);
}

static void holiday(const char *date)
{
    insert("INSERT INTO holiday(date, name) VALUES(?1, 'bank holiday')", &date, 1);
}

static void propose(const char *la_code, const char *from)
{
    struct error err;
    plan_proposal_free(&prop);
    cr_assert_eq(plan_propose(fx.db, la_code, day(from), &prop, &err), 0, "%s", err.message);
}

/* A cell of the proposal's row for window `rank` and inspector id. */
static const char *member(int rank, const char *id, const char *column)
{
    for (size_t r = 0; r < prop.rows->nrows; r++)
        if (atoi(rowset_get(prop.rows, r, 0)) == rank &&
            strcmp(rowset_get(prop.rows, r, 4), id) == 0)
            return cell(prop.rows, (int)r, column);
    return NULL;
}

/* The ids of window `rank`'s inspectors of one inspectorate, in order, "O2,O3". */
static const char *team_of(int rank, const char *insp)
{
    static char out[256];
    out[0] = '\0';
    for (size_t r = 0; r < prop.rows->nrows; r++)
        if (atoi(rowset_get(prop.rows, r, 0)) == rank &&
            strcmp(rowset_get(prop.rows, r, 3), insp) == 0)
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", out[0] ? "," : "",
                     rowset_get(prop.rows, r, 4));
    return out;
}

static char *window_start(size_t rank)
{
    static char text[DATE_ISO_LEN];
    cr_assert_lt(rank, prop.nwindows);
    date_format(prop.windows[rank].start, text);
    return text;
}

/* ---- feasibility at its edges ---- */

Test(plan, windows_start_on_the_first_monday_on_or_after_from_and_every_monday)
{
    propose("301", "2026-09-16");
    cr_assert_eq(prop.nwindows, 3);
    cr_assert_str_eq(window_start(0), "2026-09-21");
    cr_assert_str_eq(window_start(1), "2026-09-28");
    cr_assert_str_eq(window_start(2), "2026-10-05");
    cr_assert_str_eq(cell(prop.rows, 0, "window_end"), "2026-10-04"); /* two weeks, a Sunday */
}

Test(plan, block_runs_across_a_weekend_and_a_bank_holiday)
{
    absent("O1", "2026-09-14", "2026-09-16", "leave");
    absent("O2", "2026-09-14", "2026-09-16", "training");
    holiday("2026-09-21");
    propose("301", "2026-09-14");
    cr_assert_str_eq(window_start(0), "2026-09-14");
    /* Thu, Fri, (weekend, holiday Monday), Tue, Wed, Thu: five working days. */
    cr_assert_str_eq(member(1, "O1", "onsite_start"), "2026-09-17");
    cr_assert_str_eq(member(1, "O1", "onsite_end"), "2026-09-24");
    /* Probation takes its own earliest block. */
    cr_assert_str_eq(member(1, "P1", "onsite_start"), "2026-09-14");
    cr_assert_str_eq(member(1, "P1", "onsite_end"), "2026-09-18");
}

Test(plan, absence_covering_one_day_of_a_block_moves_the_block)
{
    fx_sql("DELETE FROM inspector WHERE inspector_id = 'O3'");
    absent("O1", "2026-09-16", "2026-09-16", "leave");
    propose("301", "2026-09-14");
    cr_assert_str_eq(team_of(1, "ofsted"), "O1,O2");
    cr_assert_str_eq(member(1, "O2", "onsite_start"), "2026-09-17");
    cr_assert_str_eq(member(1, "O2", "onsite_end"), "2026-09-23");
}

Test(plan, block_that_would_spill_past_the_window_end_is_not_feasible)
{
    fx_sql("UPDATE policy SET value = '1' WHERE key = 'joint_window_weeks'");
    fx_sql("DELETE FROM inspector WHERE inspector_id = 'O3'");
    absent("O1", "2026-09-15", "2026-09-15", "leave"); /* the Tuesday of week one */
    propose("301", "2026-09-14");
    /* Wed-Fri then Mon-Tue would end in the next week: not this window. */
    cr_assert_str_eq(window_start(0), "2026-09-21");
    cr_assert_str_eq(member(1, "O1", "onsite_end"), "2026-09-25");
}

Test(plan, inspectorates_with_team_size_0_are_skipped)
{
    /* No CQC inspectors at all, and none needed. */
    propose("301", "2026-09-14");
    cr_assert_eq(prop.nwindows, 3);
    cr_assert_str_eq(team_of(1, "cqc"), "");
}

Test(plan, inspectorate_with_no_inspectors_at_all_names_itself)
{
    fx_sql("UPDATE policy SET value = '1' WHERE key = 'team_hmicfrs'");
    propose("301", "2026-09-14");
    cr_assert_eq(prop.nwindows, 0);
    cr_assert(strstr(prop.why_none, "hmicfrs: no eligible inspectors on the roster"), "%s",
              prop.why_none);
    cr_assert_null(strstr(prop.why_none, "ofsted"), "%s", prop.why_none);
}

Test(plan, window_may_start_on_a_bank_holiday_monday)
{
    holiday("2026-09-14");
    propose("301", "2026-09-14");
    cr_assert_str_eq(window_start(0), "2026-09-14");
    cr_assert_str_eq(member(1, "O1", "onsite_start"), "2026-09-15");
    cr_assert_str_eq(member(1, "O1", "onsite_end"), "2026-09-21");
}

Test(plan, none_in_52_weeks_says_how_near_each_inspectorate_came)
{
    absent("P1", "2026-01-01", "2028-12-31", "leave");
    propose("301", "2026-09-14");
    cr_assert_eq(prop.nwindows, 0);
    cr_assert_str_eq(prop.why_none,
                     "hmi_probation: at most 0 of 1 free for 5 working days in any window "
                     "(1 on the roster)");
}

Test(plan, none_because_never_all_at_once_says_so)
{
    /* Ofsted is short in odd weeks, probation in even ones: each can field a
     * team in some window, never both in the same one-week window. */
    fx_sql("UPDATE policy SET value = '1' WHERE key = 'joint_window_weeks'");
    for (int w = 0; w < 60; w++) {
        char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
        date_format(day("2026-09-14") + w * 7, from);
        date_format(day("2026-09-14") + w * 7 + 4, to);
        absent(w % 2 ? "O1" : "P1", from, to, "leave");
        if (w % 2)
            absent("O2", from, to, "leave");
    }
    propose("301", "2026-09-14");
    cr_assert_eq(prop.nwindows, 0);
    cr_assert(strstr(prop.why_none, "never all in the same one"), "%s", prop.why_none);
}

Test(plan, the_weekly_joint_window_rule_is_shared_with_availability)
{
    struct planner p;
    cr_assert_eq(planner_open(fx.db, day("2026-09-14"), 4, &p, NULL), 0);
    cr_assert(planner_window_can_start(&p, day("2026-09-14")));
    planner_close(&p);
    absent("P1", "2026-09-14", "2026-09-30", "leave");
    cr_assert_eq(planner_open(fx.db, day("2026-09-14"), 4, &p, NULL), 0);
    cr_assert_not(planner_window_can_start(&p, day("2026-09-14")));
    cr_assert(planner_window_can_start(&p, day("2026-09-28")));
    planner_close(&p);
}

/* ---- team selection (rule 23) ---- */

Test(plan, team_prefers_fewest_booked_days_in_the_12_months_before)
{
    absent("O1", "2026-03-02", "2026-03-06", "booked");
    absent("O2", "2025-03-02", "2025-03-06", "booked"); /* more than 12 months before */
    absent("O3", "2026-04-06", "2026-04-06", "leave");  /* leave is not a booking */
    propose("301", "2026-09-14");
    cr_assert_str_eq(team_of(1, "ofsted"), "O2,O3");
}

Test(plan, team_then_prefers_the_authoritys_region)
{
    fx_sql("UPDATE inspector SET region = 'E12000007' WHERE inspector_id = 'O3'");
    propose("301", "2026-09-14"); /* London */
    cr_assert_str_eq(team_of(1, "ofsted"), "O3,O1");
    propose("302", "2026-09-14"); /* North East: nobody's region, so by id */
    cr_assert_str_eq(team_of(1, "ofsted"), "O1,O2");
}

Test(plan, team_then_by_inspector_id)
{
    propose("301", "2026-09-14");
    cr_assert_str_eq(team_of(1, "ofsted"), "O1,O2");
}

Test(plan, seconded_inspector_is_never_proposed_for_their_home_authority)
{
    fx_sql("UPDATE inspector SET home_la = '301' WHERE inspector_id = 'O1'");
    propose("301", "2026-09-14");
    cr_assert_str_eq(team_of(1, "ofsted"), "O2,O3");
    propose("302", "2026-09-14");
    cr_assert_str_eq(team_of(1, "ofsted"), "O1,O2");
}

/* ---- booking, cancelling, conflicts ---- */

static long long book_first(const char *la_code)
{
    propose(la_code, "2026-09-14");
    struct plan_booking b = {NULL, "early help", "alice"};
    long long id = 0;
    struct error err;
    cr_assert_eq(plan_book(fx.db, &prop, 0, &b, &id, &err), 0, "%s", err.message);
    return id;
}

Test(plan, booking_records_the_plan_its_team_and_booked_absences)
{
    long long id = book_first("301");
    cr_assert_eq(id, 1);
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM plan WHERE status = 'booked' AND"
                                    " type = 'jtai' AND theme = 'early help' AND"
                                    " booked_by = 'alice' AND booked_at LIKE '20%Z'"), 1);
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM plan_member WHERE plan_id = 1"), 3);
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM absence WHERE plan_id = 1 AND"
                                    " kind = 'booked' AND note IS NULL"), 3);
}

Test(plan, booking_then_planning_again_excludes_the_booked_inspectors)
{
    book_first("301");
    propose("302", "2026-09-14");
    /* The only probation inspector is booked that week: the block moves on. */
    cr_assert_str_eq(team_of(1, "ofsted"), "O1,O2");
    cr_assert_str_eq(member(1, "O1", "onsite_start"), "2026-09-21");
    cr_assert_str_eq(member(1, "P1", "onsite_start"), "2026-09-21");
}

Test(plan, cancel_frees_the_inspectors_and_keeps_the_plan_as_cancelled)
{
    book_first("301");
    struct error err;
    cr_assert_eq(plan_cancel(fx.db, 1, "bob", &err), 0, "%s", err.message);
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM absence WHERE kind = 'booked'"), 0);
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM plan WHERE status = 'cancelled' AND"
                                    " cancelled_by = 'bob'"), 1);
    propose("302", "2026-09-14");
    cr_assert_str_eq(team_of(1, "ofsted"), "O1,O2");
    cr_assert_eq(plan_cancel(fx.db, 1, "bob", &err), ERROR_DATA);
    cr_assert(strstr(err.message, "already cancelled"), "%s", err.message);
    cr_assert_eq(plan_cancel(fx.db, 9, "bob", &err), ERROR_DATA);
    cr_assert(strstr(err.message, "no plan 9"), "%s", err.message);
}

Test(plan, booking_lost_to_another_coordinator_books_nothing)
{
    propose("301", "2026-09-14");
    /* Another coordinator books O1 between the proposal and the booking. */
    absent("O1", "2026-09-14", "2026-09-18", "booked");
    struct plan_booking b = {NULL, NULL, "alice"};
    long long id = 0;
    struct error err;
    cr_assert_eq(plan_book(fx.db, &prop, 0, &b, &id, &err), ERROR_BUSY);
    cr_assert(strstr(err.message, "Ann (O1, ofsted) is no longer free"), "%s", err.message);
    cr_assert(strstr(err.message, "Nothing was booked"), "%s", err.message);
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM plan"), 0);
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM absence WHERE plan_id IS NOT NULL"), 0);
}

static const char *plans_cell(const char *column)
{
    static char text[1024];
    struct rowset *rs;
    cr_assert_eq(plan_list(fx.db, NULL, &rs, NULL), 0);
    snprintf(text, sizeof text, "%s", cell(rs, 0, column));
    rowset_free(rs);
    return text;
}

Test(plan, conflict_appears_when_leave_overlaps_a_members_onsite_days)
{
    book_first("301");
    cr_assert_str_eq(plans_cell("conflicts"), "");
    absent("O1", "2026-09-19", "2026-09-20", "leave"); /* a weekend: no conflict */
    cr_assert_str_eq(plans_cell("conflicts"), "");
    absent("O1", "2026-09-16", "2026-09-16", "leave");
    cr_assert_str_eq(plans_cell("conflicts"), "O1 Ann: leave 2026-09-16..2026-09-16");
    int n = -1;
    cr_assert_eq(plan_conflict_count(fx.db, &n, NULL), 0);
    cr_assert_eq(n, 1);
}

Test(plan, conflict_when_a_member_leaves_the_inspectorate_or_is_seconded_from_it)
{
    book_first("301");
    fx_sql("UPDATE inspector SET inspectorate = 'cqc' WHERE inspector_id = 'O2'");
    fx_sql("UPDATE inspector SET home_la = '301' WHERE inspector_id = 'P1'");
    const char *c = plans_cell("conflicts");
    cr_assert(strstr(c, "O2 Bea: now with cqc"), "%s", c);
    cr_assert(strstr(c, "P1 Fay: seconded from this authority"), "%s", c);
}

Test(plan, replace_finds_a_free_substitute_of_the_same_inspectorate)
{
    book_first("301");
    absent("O1", "2026-09-16", "2026-09-16", "leave");
    int replaced = 0;
    char summary[512];
    struct error err;
    cr_assert_eq(plan_replace(fx.db, 1, &replaced, summary, sizeof summary, &err), 0,
                 "%s", err.message);
    cr_assert_eq(replaced, 1);
    cr_assert_str_eq(summary, "Ann (O1) replaced by Cal (O3)");
    cr_assert_str_eq(plans_cell("conflicts"), "");
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM plan_member WHERE plan_id = 1 AND"
                                    " inspector_id = 'O3' AND onsite_start = '2026-09-14'"), 1);
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM absence WHERE plan_id = 1 AND"
                                    " inspector_id = 'O1'"), 0);
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM absence WHERE plan_id = 1 AND"
                                    " inspector_id = 'O3' AND from_date = '2026-09-14'"), 1);
}

Test(plan, replace_without_a_free_substitute_changes_nothing)
{
    book_first("301");
    absent("P1", "2026-09-15", "2026-09-15", "leave");
    int replaced = 0;
    char summary[512];
    struct error err;
    cr_assert_eq(plan_replace(fx.db, 1, &replaced, summary, sizeof summary, &err),
                 ERROR_UNAVAILABLE);
    cr_assert(strstr(err.message,
                     "no hmi_probation inspector is free from 2026-09-14 to 2026-09-18 to "
                          "replace Fay (P1)"), "%s", err.message);
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM plan_member WHERE inspector_id = 'P1'"),
                 1);
}

/* ---- the command line ---- */

static struct run_result jib(const char *const *args)
{
    const char *full[16] = {"--db", fx.path, "--today", "2026-09-14"};
    size_t n = 4;
    for (size_t i = 0; args[i] && n < 15; i++)
        full[n++] = args[i];
    full[n] = NULL;
    const char *env[] = {"USER=carol", NULL};
    return test_run_jib(full, env);
}

Test(plan, command_groups_the_table_by_window_and_csv_has_the_section_4_columns)
{
    db_close(fx.db);
    fx.db = NULL;
    struct run_result r = jib((const char *[]){"plan", "Barking", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "Window 1: 2026-09-14 to 2026-09-27 (Barking, 301)\n"), "%s", r.out);
    cr_assert(strstr(r.out, "Window 3: 2026-09-28 to 2026-10-11"), "%s", r.out);
    run_result_free(&r);
    r = jib((const char *[]){"plan", "301", "--from", "2026-09-21", "--format", "csv", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    const char *want = "rank,window_start,window_end,inspectorate,inspector_id,inspector,"
                       "onsite_start,onsite_end\n1,2026-09-21,2026-10-04,ofsted,O1,Ann,"
                       "2026-09-21,2026-09-25\n";
    cr_assert(strncmp(r.out, want, strlen(want)) == 0, "%s", r.out);
    run_result_free(&r);
}

Test(plan, command_with_no_window_exits_69_naming_the_inspectorate)
{
    absent("P1", "2026-01-01", "2028-12-31", "leave");
    db_close(fx.db);
    fx.db = NULL;
    struct run_result r = jib((const char *[]){"plan", "301", NULL});
    cr_assert_eq(r.status, 69);
    cr_assert_str_eq(r.out, "");
    cr_assert(strstr(r.err, "jib: no joint window for Barking (301) in the 52 weeks from "
                            "2026-09-14:\nhmi_probation: at most 0 of 1 free"), "%s", r.err);
    run_result_free(&r);
}

Test(plan, command_books_lists_cancels_and_replaces)
{
    db_close(fx.db);
    fx.db = NULL;
    struct run_result r = jib((const char *[]){"plan", "301", "--book", "--theme", "neglect",
                                               "--type", "joint targeted area inspection", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "jib: booked plan 1: Barking (301), window from 2026-09-14, as carol"),
              "%s", r.err);
    run_result_free(&r);
    r = jib((const char *[]){"plans", "--format", "csv", NULL});
    cr_assert(strstr(r.out, "1,301,Barking,2026-09-14,2026-09-27,jtai,neglect,booked,carol,"), "%s",
              r.out);
    run_result_free(&r);
    /* Leave arrives by import: the summary warns, plans shows it. */
    char *leave = test_path(fx.dir, "leave.csv");
    test_write_file(leave, "inspector_id,from,to,kind\nO2,2026-09-17,2026-09-18,leave\n");
    r = jib((const char *[]){"import", leave, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "warning: 1 booked plan now has conflicts"), "%s", r.err);
    cr_assert_null(strstr(r.err, "Barking"), "plans are confidential: %s", r.err);
    run_result_free(&r);
    r = jib((const char *[]){"plans", "--format", "csv", NULL});
    cr_assert(strstr(r.out, "O2 Bea: leave 2026-09-17..2026-09-18"), "%s", r.out);
    run_result_free(&r);
    r = jib((const char *[]){"plan", "--replace", "1", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "Bea (O2) replaced by Cal (O3)"), "%s", r.err);
    run_result_free(&r);
    r = jib((const char *[]){"cancel", "1", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    r = jib((const char *[]){"cancel", "1", NULL});
    cr_assert_eq(r.status, 65);
    cr_assert(strstr(r.err, "already cancelled"), "%s", r.err);
    run_result_free(&r);
    free(leave);
}

Test(plan, booked_absences_never_name_the_authority_in_exports)
{
    book_first("301");
    db_close(fx.db);
    fx.db = NULL;
    struct run_result r = jib((const char *[]){"export", "absences", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "O1,2026-09-14,2026-09-18,booked,\n"), "%s", r.out);
    cr_assert_null(strstr(r.out, "301"));
    cr_assert_null(strstr(r.out, "Barking"));
    run_result_free(&r);
}

Test(plan, command_usage_errors)
{
    db_close(fx.db);
    fx.db = NULL;
    const char *const *cases[] = {
        (const char *[]){"plan", NULL},
        (const char *[]){"plan", "301", "--type", "picnic", NULL},
        (const char *[]){"plan", "301", "--from", "2026-13-01", NULL},
        (const char *[]){"plan", "--replace", "x", NULL},
        (const char *[]){"cancel", NULL},
        (const char *[]){"cancel", "-3", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct run_result r = jib(cases[i]);
        cr_assert_eq(r.status, 64, "case %zu: %d %s", i, r.status, r.err);
        run_result_free(&r);
    }
    struct run_result r = jib((const char *[]){"plan", "Narnia", NULL});
    cr_assert_eq(r.status, 65, "%s", r.err);
    run_result_free(&r);
}

Test(plan, booked_by_falls_back_to_the_login_name_without_user)
{
    db_close(fx.db);
    fx.db = NULL;
    const char *args[] = {"--db", fx.path, "--today", "2026-09-14", "plan", "301", "--book", NULL};
    const char *env[] = {"USER=", NULL};
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_null(strstr(r.err, "as \n"), "%s", r.err);
    run_result_free(&r);
    fx.db = test_db_open(fx.path);
    char *who = test_db_text(fx.db, "SELECT booked_by FROM plan");
    cr_assert(who && *who, "booked_by is empty");
    free(who);
}

/* ---- two coordinators at once ---- */

/* Runs `jib plan CODE --book` in a child that waits for the start signal. */
static pid_t racer(const int gate[2], const char *la_code)
{
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        char c;
        close(gate[1]); /* only the parent's close may end the wait */
        if (read(gate[0], &c, 1) < 0)
            _exit(99);
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        const char *bin = getenv("JIB_BIN") ? getenv("JIB_BIN") : "./jib";
        execl(bin, bin, "--db", fx.path, "--today", "2026-09-14", "plan", la_code, "--book",
              (char *)NULL);
        _exit(98);
    }
    return pid;
}

static int exit_code(pid_t pid)
{
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status), "killed by a signal");
    return WEXITSTATUS(status);
}

Test(plan, race_for_the_last_free_inspectors_has_exactly_one_winner, .timeout = 120)
{
    /* Exactly one feasible window in the year: the last free inspectors. */
    fx_sql("DELETE FROM inspector WHERE inspector_id = 'O3'");
    absent("O1", "2026-09-21", "2028-12-31", "leave");
    db_close(fx.db);
    fx.db = NULL;
    /* Under valgrind (make valgrind) each round takes seconds: fewer rounds. */
    int rounds = test_under_tool() ? 5 : 50;
    for (int round = 0; round < rounds; round++) {
        int gate[2];
        cr_assert_eq(pipe(gate), 0);
        pid_t a = racer(gate, "301"), b = racer(gate, "302");
        close(gate[0]);
        close(gate[1]); /* both start now */
        int ra = exit_code(a), rb = exit_code(b);
        cr_assert((ra == 0) != (rb == 0), "round %d: exits %d and %d", round, ra, rb);
        int loser = ra == 0 ? rb : ra;
        cr_assert(loser == 75 || loser == 69, "round %d: loser exit %d", round, loser);
        struct db *db = test_db_open(fx.path);
        cr_assert_eq(test_db_int(db, "SELECT COUNT(*) FROM plan WHERE status = 'booked'"), 1);
        cr_assert_eq(test_db_int(db, "SELECT COUNT(*) FROM absence x JOIN absence y ON"
                                     " x.inspector_id = y.inspector_id AND x.rowid < y.rowid AND"
                                     " x.from_date <= y.to_date AND y.from_date <= x.to_date"
                                     " WHERE x.kind = 'booked' AND y.kind = 'booked'"), 0,
                     "round %d: an inspector is double-booked", round);
        char *ok = test_db_text(db, "PRAGMA integrity_check");
        cr_assert_str_eq(ok, "ok");
        free(ok);
        struct error err;
        long long id = test_db_int(db, "SELECT plan_id FROM plan WHERE status = 'booked'");
        cr_assert_eq(plan_cancel(db, id, "test", &err), 0, "%s", err.message);
        db_close(db);
    }
}
