/* The annual joint programme: SPEC section 6, rules 21 and 25. Small worlds
 * with one-week windows and only an Ofsted team, so every placement can be
 * worked out by hand. */
#include "tests/fixtures/triage/triage_fixture.h"

#include "core/grade.h"
#include "core/plan.h"
#include "core/policy.h"
#include "core/programme.h"

static struct programme prog;
static bool built;

static void setup(void)
{
    fx_setup();
    memset(&prog, 0, sizeof prog);
    built = false;
}

static void teardown(void)
{
    if (built)
        programme_free(&prog);
    fx_teardown();
}

TestSuite(programme, .init = setup, .fini = teardown);

static void policy(const char *key, const char *value)
{
    struct error err;
    cr_assert_eq(policy_set(fx.db, key, value, &err), 0, "%s", err.message);
}

/* Windows of one week, a team of `ofsted` Ofsted inspectors and nobody else. */
static void ofsted_only(const char *ofsted)
{
    policy("team_ofsted", ofsted);
    policy("team_cqc", "0");
    policy("team_hmicfrs", "0");
    policy("team_hmi_probation", "0");
    policy("team_hmi_prisons", "0");
    policy("joint_window_weeks", "1");
    policy("onsite_days", "5");
}

static void inspector(const char *id, const char *home_la)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO inspector(inspector_id, name, inspectorate, home_la) "
             "VALUES('%s', 'Inspector %s', 'ofsted', %s%s%s)",
             id, id, home_la ? "'" : "", home_la ? home_la : "NULL", home_la ? "'" : "");
    fx_sql(sql);
}

static void absent(const char *who, const char *from, const char *to)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO absence(inspector_id, from_date, to_date, kind) "
             "VALUES('%s', '%s', '%s', 'leave')",
             who, from, to);
    fx_sql(sql);
}

/* An authority last inspected on `start` with an overall grade. */
static void authority(const char *code, const char *start, int grade)
{
    char name[64];
    snprintf(name, sizeof name, "Council %s", code);
    fx_authority(code, name);
    fx_inspection(code, "ofsted", "ilacs_standard", start, grade);
}

static void build(int count, int pct)
{
    if (built)
        programme_free(&prog);
    struct programme_options o = {day("2026-09-14"), day("2026-09-14"), count, pct};
    struct error err;
    cr_assert_eq(programme_build(fx.db, &o, &prog, &err), 0, "%s", err.message);
    built = true;
}

static const struct programme_entry *entry(const char *code)
{
    for (size_t i = 0; i < prog.n; i++)
        if (strcmp(prog.entries[i].la_code, code) == 0)
            return &prog.entries[i];
    return NULL;
}

/* Ten inspectors free all year: capacity is never the question. */
static void roomy_roster(void)
{
    ofsted_only("1");
    char id[8];
    for (int i = 0; i < 10; i++) {
        snprintf(id, sizeof id, "O%02d", i);
        inspector(id, NULL);
    }
}

/* 12 inadequate, 12 requires improvement, 12 good (due in la_code order). */
static void mixed_world(void)
{
    char code[8], start[16];
    for (int i = 0; i < 36; i++) {
        snprintf(code, sizeof code, "%d", 100 + i);
        snprintf(start, sizeof start, "2024-%02d-01", 1 + i % 12);
        authority(code, start, i < 12 ? GRADE_INADEQUATE : i < 24 ? GRADE_REQUIRES_IMPROVEMENT
                                                                  : GRADE_GOOD);
    }
}

Test(programme, rule25_count_authorities_are_proposed)
{
    roomy_roster();
    mixed_world();
    build(PROGRAMME_COUNT_DEFAULT, PROGRAMME_HIGH_PCT_DEFAULT);
    cr_assert_eq(prog.n, 25);
    cr_assert_eq(prog.placed, 25);
    build(10, 25);
    cr_assert_eq(prog.n, 10);
    struct rowset *rs = programme_rows(&prog, false);
    cr_assert_eq(rs->nrows, 10);
    rowset_free(rs);
}

Test(programme, rule25_high_performing_quota_is_ceil_count_times_pct_soonest_due_first)
{
    roomy_roster();
    mixed_world();
    build(10, 25); /* ceil(2.5) = 3 */
    cr_assert_eq(prog.quota, 3);
    int high = 0;
    for (size_t i = 0; i < prog.n; i++)
        high += prog.entries[i].high_performing;
    cr_assert_eq(high, 3);
    /* The good ones inspected first are due first: 124, 125, 126. */
    for (const char *const *c = (const char *const[]){"124", "125", "126", NULL}; *c; c++) {
        cr_assert_not_null(entry(*c), "%s not chosen", *c);
        cr_assert_eq(entry(*c)->tier, TIER_HIGH_PERFORMING);
    }
    build(10, 0);
    cr_assert_eq(prog.quota, 0);
    for (size_t i = 0; i < prog.n; i++)
        cr_assert_not(prog.entries[i].high_performing);
    build(4, 100);
    cr_assert_eq(prog.quota, 4);
    for (size_t i = 0; i < prog.n; i++)
        cr_assert(prog.entries[i].high_performing);
}

Test(programme, rule25_ranks_inadequate_then_high_concerns_then_overdue_then_ri_then_indicators)
{
    roomy_roster();
    authority("501", "2025-06-01", GRADE_REQUIRES_IMPROVEMENT);       /* RI */
    authority("502", "2019-01-07", GRADE_GOOD);                       /* overdue */
    authority("503", "2025-06-01", GRADE_GOOD);                       /* high concern */
    fx_concern("503", "2026-08-01", "high", NULL);
    authority("504", "2025-06-01", GRADE_INADEQUATE);                 /* inadequate */
    authority("505", "2025-06-01", GRADE_GOOD);                       /* indicators */
    authority("506", "2025-06-01", GRADE_GOOD);                       /* none of these */
    fx_sql("UPDATE authority SET stat_neighbours = '[\"506\"]' WHERE la_code = '505'");
    fx_sql("INSERT INTO indicator(level, la_code, region_code, indicator, period, value) VALUES"
           "('la', '505', '', 'Children in need / rate_per_10000', '2024', 400),"
           "('la', '506', '', 'Children in need / rate_per_10000', '2024', 300)");
    build(5, 0);
    const char *want[] = {"504", "503", "502", "501", "505"};
    int tiers[] = {TIER_INADEQUATE, TIER_HIGH_CONCERN, TIER_OVERDUE, TIER_REQUIRES_IMPROVEMENT,
                   TIER_INDICATORS};
    for (int i = 0; i < 5; i++) {
        const struct programme_entry *e = entry(want[i]);
        cr_assert_not_null(e, "%s not chosen", want[i]);
        cr_assert_eq(e->rank, i + 1, "%s ranked %d", want[i], e->rank);
        cr_assert_eq(e->tier, tiers[i]);
    }
    cr_assert_null(entry("506"));
    cr_assert(strstr(entry("505")->reason, "Children in need / rate_per_10000 2024: 400 against "
                                           "300"),
              "%s", entry("505")->reason);
}

Test(programme, rule21_every_row_has_a_reason_in_words_and_the_rule21_columns)
{
    roomy_roster();
    mixed_world();
    fx_concern("130", "2026-08-01", "high", NULL);
    build(25, 25);
    struct rowset *rs = programme_rows(&prog, false);
    const char *cols[] = {"rank",   "la_code",      "authority",  "cadence_grade", "reason",
                          "placed", "window_start", "window_end", "why_not"};
    cr_assert_eq(rs->ncols, 9);
    for (size_t c = 0; c < 9; c++)
        cr_assert_str_eq(rs->names[c], cols[c]);
    for (size_t r = 0; r < rs->nrows; r++)
        cr_assert_gt(strlen(rowset_get(rs, r, 4)), 10, "row %zu has no reason", r);
    rowset_free(rs);
    cr_assert(strstr(entry("100")->reason, "inadequate"), "%s", entry("100")->reason);
    cr_assert(strstr(entry("130")->reason, "1 open high concern since 2026-08-01"), "%s",
              entry("130")->reason);
}

/* One inspector: every placed authority needs them, so the weeks must differ. */
Test(programme, rule25_no_inspector_double_booked_against_existing_plans)
{
    ofsted_only("1");
    inspector("O1", NULL);
    mixed_world();
    struct plan_proposal p;
    struct error err;
    cr_assert_eq(plan_propose(fx.db, "135", day("2026-09-14"), &p, &err), 0, "%s", err.message);
    cr_assert_eq(p.nwindows, 3);
    struct plan_booking booking = {"jtai", NULL, "tester"};
    long long id;
    cr_assert_eq(plan_book(fx.db, &p, 0, &booking, &id, &err), 0, "%s", err.message);
    plan_proposal_free(&p);
    build(4, 0);
    cr_assert_eq(prog.placed, 4);
    for (size_t i = 0; i < prog.n; i++) {
        cr_assert_neq(prog.entries[i].window_start, day("2026-09-14"),
                      "%s placed in the booked week", prog.entries[i].la_code);
        for (size_t j = 0; j < i; j++)
            cr_assert_neq(prog.entries[i].window_start, prog.entries[j].window_start);
    }
    /* Window order: the weeks after the booked one. */
    cr_assert_eq(prog.entries[0].window_start, day("2026-09-21"));
    cr_assert_eq(prog.entries[3].window_start, day("2026-10-12"));
    /* And it booked nothing. */
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM plan"), 1);
    cr_assert_eq(test_db_int(fx.db, "SELECT COUNT(*) FROM absence WHERE kind = 'booked'"), 1);
}

Test(programme, rule25_unplaced_last_with_the_inspectorate_that_ran_out_and_the_weeks)
{
    ofsted_only("1");
    inspector("O1", NULL);
    absent("O1", "2026-09-28", "2027-12-31"); /* free for two windows only */
    authority("101", "2024-01-01", GRADE_INADEQUATE);
    authority("102", "2024-02-01", GRADE_INADEQUATE);
    authority("103", "2024-03-01", GRADE_INADEQUATE);
    build(3, 0);
    cr_assert_eq(prog.placed, 2);
    const struct programme_entry *last = &prog.entries[2];
    cr_assert_str_eq(last->la_code, "103");
    cr_assert_not(last->placed);
    cr_assert(strstr(last->why_not, "ofsted ran out (at most 0 of 1 free for 5 working days) in "
                                    "every window"),
              "%s", last->why_not);
    struct rowset *rs = programme_rows(&prog, false);
    cr_assert_str_eq(rowset_get(rs, 2, 5), "no");
    cr_assert_str_eq(rowset_get(rs, 2, 6), "");
    rowset_free(rs);
}

/* 101 needs O1 and C1 together, which only week 1 gives. For 102, Ofsted runs
 * out in week 1 (O1 holds 101) and week 2 (O1 on leave), CQC in week 1 (C1
 * holds 101) and from week 3 (C1 on leave). */
Test(programme, why_not_names_the_weeks_each_inspectorate_ran_out)
{
    ofsted_only("1");
    policy("team_cqc", "1");
    inspector("O1", NULL);
    fx_sql("INSERT INTO inspector(inspector_id, name, inspectorate) VALUES('C1', 'C', 'cqc')");
    absent("O1", "2026-09-21", "2026-09-25");
    absent("C1", "2026-09-28", "2027-12-31");
    authority("101", "2024-01-01", GRADE_INADEQUATE);
    authority("102", "2024-02-01", GRADE_INADEQUATE);
    build(2, 0);
    cr_assert(entry("101")->placed);
    const struct programme_entry *e = entry("102");
    cr_assert_not(e->placed);
    cr_assert(strstr(e->why_not, "ofsted ran out (at most 0 of 1 free for 5 working days) in the "
                                 "windows starting 2026-09-14..2026-09-21"),
              "%s", e->why_not);
    cr_assert(strstr(e->why_not, "cqc ran out (at most 0 of 1 free for 5 working days) in the "
                                 "windows starting 2026-09-14, 2026-09-28..2027-09-06"),
              "%s", e->why_not);
}

Test(programme, rule25_deterministic_for_the_same_inputs)
{
    roomy_roster();
    mixed_world();
    absent("O03", "2026-10-01", "2026-11-30");
    build(25, 25);
    struct rowset *a = programme_rows(&prog, true);
    build(25, 25);
    struct rowset *b = programme_rows(&prog, true);
    cr_assert_eq(a->nrows, b->nrows);
    for (size_t r = 0; r < a->nrows; r++)
        for (size_t c = 0; c < a->ncols; c++)
            cr_assert_str_eq(rowset_get(a, r, c), rowset_get(b, r, c));
    rowset_free(a);
    rowset_free(b);
}

/* A (inadequate) can use O1 in week 1 or O2 in week 2; B (requires
 * improvement) only O1 in week 1, as O2 is seconded from B. Greedy gives A
 * week 1 with O1 and leaves B out; moving A to week 2 places both. */
Test(programme, improvement_pass_moves_a_placed_authority_to_place_one_more)
{
    ofsted_only("1");
    inspector("O1", NULL);
    inspector("O2", "202");
    absent("O1", "2026-09-21", "2027-12-31");
    absent("O2", "2026-09-14", "2026-09-18");
    absent("O2", "2026-09-28", "2027-12-31");
    authority("201", "2024-06-01", GRADE_INADEQUATE);
    authority("202", "2025-06-01", GRADE_REQUIRES_IMPROVEMENT);
    build(2, 0);
    cr_assert_eq(prog.placed_greedy, 1, "greedy alone places only A");
    cr_assert_eq(prog.placed, 2);
    cr_assert_eq(prog.moves, 1);
    cr_assert_eq(entry("201")->window_start, day("2026-09-21"));
    cr_assert_eq(entry("202")->window_start, day("2026-09-14"));
    cr_assert(strstr(entry("202")->team, "O1"), "%s", entry("202")->team);
    cr_assert(strstr(entry("201")->team, "O2"), "%s", entry("201")->team);
    /* Window order. */
    cr_assert_str_eq(prog.entries[0].la_code, "202");
}

Test(programme, capacity_bound_counts_disjoint_blocks_of_free_days_per_inspectorate)
{
    ofsted_only("1");
    policy("team_cqc", "1");
    inspector("O1", NULL);
    inspector("O2", NULL);
    fx_sql("INSERT INTO inspector(inspector_id, name, inspectorate) VALUES('C1', 'C', 'cqc')");
    /* O1: 2026-09-14..09-25 free (10 working days = 2 blocks) */
    absent("O1", "2026-09-28", "2027-12-31");
    /* O2: 2026-09-14..09-22 free (7 working days = 1 block), then a day off breaks
     * the run: 09-24..10-02 is 7 more (1 block) */
    absent("O2", "2026-09-23", "2026-09-23");
    absent("O2", "2026-10-05", "2027-12-31");
    /* C1: 4 free days, then 5 */
    absent("C1", "2026-09-18", "2026-09-18");
    absent("C1", "2026-09-28", "2027-12-31");
    authority("101", "2024-01-01", GRADE_INADEQUATE);
    build(1, 0);
    const struct programme_capacity *c = &prog.capacity;
    cr_assert_eq(c->blocks[INSP_OFSTED], 4);
    cr_assert_eq(c->bound[INSP_OFSTED], 4);
    cr_assert_eq(c->blocks[INSP_CQC], 1);
    cr_assert_eq(c->bound[INSP_CQC], 1);
    cr_assert_eq(c->binding, INSP_CQC);
    cr_assert_eq(c->bound_all, 1);
    cr_assert_eq(c->bound[INSP_HMICFRS], -1, "team size 0: no bound");
    policy("team_ofsted", "2");
    build(1, 0);
    cr_assert_eq(prog.capacity.bound[INSP_OFSTED], 2);
    char summary[2048];
    programme_summary(&prog, summary, sizeof summary);
    cr_assert(strstr(summary, "at most 1 authorities (cqc binds)"), "%s", summary);
}

Test(programme, placed_never_exceeds_the_capacity_bound)
{
    ofsted_only("2");
    inspector("O1", NULL);
    inspector("O2", NULL);
    inspector("O3", NULL);
    absent("O1", "2026-10-12", "2027-12-31");
    absent("O2", "2026-10-19", "2027-12-31");
    absent("O3", "2026-10-26", "2027-12-31");
    mixed_world();
    build(25, 25);
    cr_assert_leq((long)prog.placed, prog.capacity.bound_all);
    cr_assert_eq(prog.capacity.bound_all, (4 + 5 + 6) / 2);
}

/* ---- the binary ---- */

static char *demo_db(void)
{
    char *path = test_path(fx.dir, "demo.db");
    test_demo_db(path);
    return path;
}

Test(programme, end_to_end_on_the_demo, .timeout = 60)
{
    char *path = demo_db();
    const char *args[] = {"--db", path, "programme", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "rank") && strstr(r.out, "why_not"), "%s", r.out);
    cr_assert(strstr(r.out, "Capacity upper bound"), "%s", r.out);
    cr_assert(strstr(r.out, "binds"), "%s", r.out);
    run_result_free(&r);

    const char *csv[] = {"--db", path, "programme", "--format", "csv", NULL};
    r = test_run_jib(csv, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    int lines = 0;
    for (const char *s = r.out; *s; s++)
        lines += *s == '\n';
    cr_assert_geq(lines, 26, "a header and 25 rows:\n%s", r.out);
    static const char header[] = "rank,la_code,authority,cadence_grade,reason,placed,"
                                 "window_start,window_end,why_not\n";
    cr_assert(strncmp(r.out, header, strlen(header)) == 0, "%s", r.out);
    cr_assert(strstr(r.err, "Capacity upper bound"), "summary on stderr: %s", r.err);
    char *first = strdup(r.out);
    run_result_free(&r);
    r = test_run_jib(csv, NULL);
    cr_assert_str_eq(r.out, first, "same inputs, same output");
    free(first);
    run_result_free(&r);

    const char *json[] = {"--db", path, "programme", "--count", "3", "--teams", "--format",
                          "json", NULL};
    r = test_run_jib(json, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(r.out[0], '[');
    cr_assert(strstr(r.out, "\"team\":[\"ofsted "), "%s", r.out);
    run_result_free(&r);

    const char *book[] = {"--db", path, "programme", "--book", NULL};
    r = test_run_jib(book, NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "programme books nothing"), "%s", r.err);
    run_result_free(&r);

    const char *bad[] = {"--db", path, "programme", "--count", "0", NULL};
    r = test_run_jib(bad, NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "--count '0'"), "%s", r.err);
    run_result_free(&r);
    free(path);
}
