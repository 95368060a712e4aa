/* jib sample-cic (issue 10): the children-in-care short-notice sample. Count,
 * regional spread, exclusions, determinism for a seed and difference across
 * seeds, weighting to risk, reasons, and weeks free of booked plans. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/db.h"
#include "core/rowset.h"
#include "core/sample.h"
#include "tests/support.h"

static char *dir, *path;
static struct db *db;

/* 60 authorities: 30 in region A, 20 in B, 10 in C (la_codes 100-159), each
 * with an ILACS inspection good overall; children in care graded by code. */
static void world(void)
{
    dir = test_tmpdir();
    path = test_path(dir, "sample.db");
    db = test_db_open(path);
    char sql[512];
    test_db_exec(db, "BEGIN");
    for (int i = 0; i < 60; i++) {
        const char *region = i < 30 ? "A" : i < 50 ? "B" : "C";
        snprintf(sql, sizeof sql,
                 "INSERT INTO authority(la_code, name, region_code, region_name) VALUES"
                 "('%d', 'Authority %d', '%s', 'Region %s');"
                 "INSERT INTO inspection(la_code, inspectorate, type, start_date, overall, in_care)"
                 " VALUES('%d', 'ofsted', 'ilacs_standard', '2024-01-15', 2, %d);",
                 100 + i, 100 + i, region, region, 100 + i, i % 5 == 0 ? 3 : 2);
        test_db_exec(db, sql);
    }
    /* Ofsted: exactly three inspectors, so one sample row fits in a week. */
    test_db_exec(db, "INSERT INTO inspector(inspector_id, name, inspectorate, region) VALUES"
                     "('OF1', 'One', 'ofsted', 'A'), ('OF2', 'Two', 'ofsted', 'B'),"
                     "('OF3', 'Three', 'ofsted', 'C'), ('CQ1', 'Care', 'cqc', 'A')");
    test_db_exec(db, "COMMIT");
}

static void cleanup(void)
{
    db_close(db);
    free(path);
    test_tmpdir_remove(dir);
}

TestSuite(sample, .init = world, .fini = cleanup);

static struct sample_result result;

static void draw(int year, int count, uint64_t seed)
{
    struct error err;
    struct sample_options o = {year, count, seed};
    sample_result_free(&result);
    cr_assert_eq(sample_cic(db, date_from_ymd(2026, 9, 14), &o, &result, &err), 0, "%s",
                 err);
}

static const char *cell(const struct rowset *rs, size_t row, const char *col)
{
    int c = rowset_col(rs, col);
    cr_assert_geq(c, 0, "no column %s", col);
    return rowset_get(rs, row, (size_t)c);
}

static bool sampled(const char *la_code)
{
    for (size_t r = 0; r < result.sample->nrows; r++)
        if (strcmp(cell(result.sample, r, "la_code"), la_code) == 0)
            return true;
    return false;
}

/* The sample's la_codes, in rank order, joined (malloc'd). */
static char *codes(void)
{
    char *s = calloc(result.sample->nrows * 8 + 1, 1);
    for (size_t r = 0; r < result.sample->nrows; r++) {
        strcat(s, cell(result.sample, r, "la_code"));
        strcat(s, " ");
    }
    return s;
}

Test(sample, count_defaults_to_25_and_follows_count)
{
    draw(2027, 0, 1);
    cr_assert_eq(result.sample->nrows, 25);
    draw(2027, 12, 1);
    cr_assert_eq(result.sample->nrows, 12);
    for (size_t r = 0; r < 12; r++)
        cr_assert_eq(atoi(cell(result.sample, r, "rank")), (int)r + 1);
    draw(2027, 500, 1);
    cr_assert_eq(result.sample->nrows, 60, "never more than the eligible authorities");
    sample_result_free(&result);
}

Test(sample, regions_get_their_share_of_the_sample)
{
    draw(2027, 12, 3); /* shares 6, 4, 2 */
    static const char *const want[][2] = {{"A", "6"}, {"B", "4"}, {"C", "2"}};
    cr_assert_eq(result.regions->nrows, 3);
    for (size_t r = 0; r < 3; r++) {
        cr_assert_str_eq(cell(result.regions, r, "region_code"), want[r][0]);
        cr_assert_str_eq(cell(result.regions, r, "sampled"), want[r][1]);
        cr_assert_str_eq(cell(result.regions, r, "share"), want[r][1]);
    }
    draw(2027, 10, 3); /* shares 5, 3.3, 1.7: largest remainders give 5, 3, 2 */
    cr_assert_str_eq(cell(result.regions, 1, "sampled"), "3");
    cr_assert_str_eq(cell(result.regions, 2, "sampled"), "2");
    size_t in_c = 0;
    for (size_t r = 0; r < result.sample->nrows; r++)
        in_c += strcmp(cell(result.sample, r, "region"), "Region C") == 0;
    cr_assert_eq(in_c, 2, "the rows agree with the summary");
    sample_result_free(&result);
}

Test(sample, excludes_authorities_under_monitoring_and_in_a_plan_booked_that_year)
{
    test_db_exec(db, "UPDATE inspection SET overall = 4 WHERE la_code IN ('100', '101');"
                     "INSERT INTO plan(la_code, window_start, window_end, type, status) VALUES"
                     " ('102', '2027-03-01', '2027-03-28', 'jtai', 'booked'),"
                     " ('103', '2027-03-01', '2027-03-28', 'jtai', 'cancelled'),"
                     " ('104', '2028-03-06', '2028-04-02', 'jtai', 'booked')");
    draw(2027, 60, 5);
    cr_assert_eq(result.excluded_monitoring, 2);
    cr_assert_eq(result.excluded_planned, 1);
    cr_assert_eq(result.eligible, 57);
    cr_assert_not(sampled("100"), "under monitoring");
    cr_assert_not(sampled("101"), "under monitoring");
    cr_assert_not(sampled("102"), "in a plan booked in 2027");
    cr_assert(sampled("103"), "a cancelled plan does not exclude");
    cr_assert(sampled("104"), "a plan in another year does not exclude");
    sample_result_free(&result);
}

Test(sample, same_seed_same_sample_other_seeds_differ)
{
    draw(2027, 10, 42);
    char *a = codes();
    draw(2027, 10, 42);
    char *b = codes();
    cr_assert_str_eq(a, b, "the same seed gives the same sample");
    draw(2027, 10, 43);
    char *c = codes();
    cr_assert_str_neq(a, c, "another seed gives another sample");
    free(a);
    free(b);
    free(c);
    sample_result_free(&result);
}

Test(sample, weighted_to_risk)
{
    /* 130 has children in care inadequate, judged long ago, and a rate worse than
     * its neighbours and rising; 131 is outstanding, judged last month. Same region. */
    test_db_exec(db, "UPDATE inspection SET in_care = 4, start_date = '2018-01-15' WHERE la_code = '130';"
                     "UPDATE inspection SET in_care = 1, start_date = '2026-08-03' WHERE la_code = '131';"
                     "UPDATE authority SET stat_neighbours = '[\"132\",\"133\"]' WHERE la_code = '130';"
                     "INSERT INTO indicator(level, la_code, region_code, indicator, period, value) VALUES"
                     " ('la', '130', 'B', 'CLA rate per 10000', '2023', 80),"
                     " ('la', '130', 'B', 'CLA rate per 10000', '2024', 100),"
                     " ('la', '132', 'B', 'CLA rate per 10000', '2024', 60),"
                     " ('la', '133', 'B', 'CLA rate per 10000', '2024', 70)");
    int risky = 0, safe = 0;
    for (uint64_t seed = 1; seed <= 40; seed++) {
        draw(2027, 10, seed);
        risky += sampled("130");
        safe += sampled("131");
    }
    cr_assert_gt(risky, 2 * safe, "risky %d times, safe %d times in 40 draws", risky, safe);
    cr_assert_gt(safe, 0, "the random element leaves a low-risk authority some chance");
    /* and its row says why */
    draw(2027, 60, 1);
    for (size_t r = 0; r < result.sample->nrows; r++)
        if (strcmp(cell(result.sample, r, "la_code"), "130") == 0) {
            const char *why = cell(result.sample, r, "reasons");
            cr_assert(strstr(why, "children in care inadequate 2018-01-15 (+40)"), "%s", why);
            cr_assert(strstr(why, "last judged 8 years ago (+24)"), "%s", why);
            cr_assert(strstr(why, "worse than statistical neighbours (+8): CLA rate per 10000 100 vs 65"),
                      "%s", why);
            cr_assert(strstr(why, "worsening (+4): CLA rate per 10000 80 to 100"), "%s", why);
            cr_assert_str_eq(cell(result.sample, r, "score"), "76");
            cr_assert_eq(r, 0, "the highest score ranks first");
        }
    sample_result_free(&result);
}

Test(sample, every_row_has_reasons_in_words)
{
    draw(2027, 25, 9);
    for (size_t r = 0; r < result.sample->nrows; r++) {
        const char *why = cell(result.sample, r, "reasons");
        cr_assert(strstr(why, "children in care "), "row %zu: %s", r, why);
        cr_assert(strstr(why, "last judged "), "row %zu: %s", r, why);
    }
    sample_result_free(&result);
}

Test(sample, weeks_avoid_booked_plans_and_each_other)
{
    /* Two of the three Ofsted inspectors are booked on a plan for the first
     * three weeks of 2027: no team can be fielded before 2027-01-25. */
    test_db_exec(db, "INSERT INTO plan(plan_id, la_code, window_start, window_end, type, status) VALUES"
                     " (9, '159', '2027-01-04', '2027-01-31', 'jtai', 'booked');"
                     "INSERT INTO absence(inspector_id, from_date, to_date, kind, plan_id) VALUES"
                     " ('OF1', '2027-01-04', '2027-01-22', 'booked', 9),"
                     " ('OF2', '2027-01-11', '2027-01-15', 'booked', 9);"
                     "INSERT INTO holiday(date, name) VALUES ('2027-03-29', 'Easter Monday')");
    draw(2027, 12, 2);
    jdate prev = DATE_NONE;
    for (size_t r = 0; r < result.sample->nrows; r++) {
        jdate week, from, to;
        cr_assert(date_parse_iso(cell(result.sample, r, "week_start"), &week), "row %zu placed", r);
        cr_assert(date_parse_iso(cell(result.sample, r, "onsite_start"), &from));
        cr_assert(date_parse_iso(cell(result.sample, r, "onsite_end"), &to));
        cr_assert_geq(week, date_from_ymd(2027, 1, 25), "row %zu in a booked week", r);
        cr_assert_gt(week, prev, "three inspectors field one team a week: row %zu", r);
        prev = week;
        if (week == date_from_ymd(2027, 3, 29)) {
            cr_assert_eq(from, date_from_ymd(2027, 3, 30), "the bank holiday is skipped");
            cr_assert_eq(to, date_from_ymd(2027, 4, 5), "five working days");
        } else {
            cr_assert_eq(to - from, 4, "Monday to Friday");
        }
    }
    cr_assert_eq(cell(result.sample, 0, "week_start")[0], '2');
    cr_assert_str_eq(cell(result.sample, 0, "week_start"), "2027-01-25");
    sample_result_free(&result);
}

Test(sample, a_row_without_a_free_week_says_so)
{
    test_db_exec(db, "INSERT INTO absence(inspector_id, from_date, to_date, kind) VALUES"
                     " ('OF1', '2026-01-01', '2027-12-31', 'leave')");
    draw(2027, 3, 2);
    for (size_t r = 0; r < 3; r++) {
        cr_assert_str_eq(cell(result.sample, r, "week_start"), "");
        cr_assert(strstr(cell(result.sample, r, "reasons"),
                         "no week left in 2027 with 3 Ofsted inspectors free for 5 working days"));
    }
    sample_result_free(&result);
}

Test(sample, command_prints_rows_and_regions_and_rejects_bad_options)
{
    const char *args[] = {"--db", path, "--today", "2026-09-14", "sample-cic", "--year", "2027",
                          "--count", "6", "--seed", "11", "--format", "json", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "{\"year\":2027,\"seed\":11,\"eligible\":60,"), "%s", r.out);
    cr_assert(strstr(r.out, "\"sample\":[\n{\"rank\":1,\"la_code\":"), "%s", r.out);
    cr_assert(strstr(r.out, "\"regions\":[\n{\"region_code\":\"A\",\"region\":\"Region A\","
                            "\"authorities\":30,\"eligible\":30,\"share\":3.0,\"sampled\":3}"),
              "%s", r.out);
    cr_assert_str_eq(r.err, "", "a given seed needs no note");
    run_result_free(&r);
    const char *noseed[] = {"--db", path, "--today", "2026-09-14", "sample-cic", "--format", "csv",
                            NULL};
    r = test_run_jib(noseed, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "jib: drawn with --seed "), "the seed is said: %s", r.err);
    const char *header = "rank,la_code,authority,region,score,reasons,week_start,onsite_start,"
                         "onsite_end\n";
    cr_assert(strncmp(r.out, header, strlen(header)) == 0, "%s", r.out);
    cr_assert(strstr(r.out, "\n\nregion_code,region,authorities,eligible,share,sampled\n"), "%s", r.out);
    run_result_free(&r);
    const char *bad_count[] = {"--db", path, "sample-cic", "--count", "0", NULL};
    r = test_run_jib(bad_count, NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "--count must be a whole number from 1 to 1000, not '0'"), "%s", r.err);
    run_result_free(&r);
    const char *past[] = {"--db", path, "--today", "2026-09-14", "sample-cic", "--year", "2025", NULL};
    r = test_run_jib(past, NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "no week of 2025 is left"), "%s", r.err);
    run_result_free(&r);
}

Test(sample, on_the_sample_data_every_region_is_sampled_and_monitored_ones_are_not)
{
    char *demo = test_path(dir, "demo.db");
    test_demo_db(demo);
    const char *args[] = {"--db", demo, "--today", "2026-09-14", "sample-cic", "--year", "2027",
                          "--seed", "1", "--format", "csv", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_null(strstr(r.out, ",Trafford,"), "358 is under monitoring");
    const char *regions = strstr(r.out, "\n\nregion_code,");
    cr_assert_not_null(regions);
    size_t lines = 0, nregions = 0;
    for (const char *p = r.out; p < regions; p++)
        lines += *p == '\n';
    cr_assert_eq(lines, 25, "a header and 25 rows:\n%s", r.out);
    for (const char *p = regions + 2; *p; p++)
        nregions += *p == '\n';
    cr_assert_eq(nregions, 10, "a header and the nine English regions:\n%s", regions);
    cr_assert_null(strstr(regions, ",0\n"), "every region has at least one:\n%s", regions);
    run_result_free(&r);
    free(demo);
}
