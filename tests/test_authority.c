/* One authority: resolving identifiers (SPEC section 1) and the detail that
 * `jib show` prints (section 4, rule 15). */
#include "tests/fixtures/triage/triage_fixture.h"

#include "core/authority.h"
#include "core/grade.h"

static struct authority_detail detail;

static void setup(void)
{
    fx_setup();
    fx_sql("INSERT INTO authority(la_code, ons_code, ofsted_urn, name, region_code, region_name,"
           " la_type, aliases, stat_neighbours) VALUES"
           "('839', 'E06000058', '80540', 'Bournemouth, Christchurch & Poole', 'E12000009',"
           " 'South West', 'Unitary', '[\"BCP\", \"BCP Council\"]', '[\"801\", \"865\", \"999\"]'),"
           "('801', 'E06000023', '80512', 'Bristol, City of', 'E12000009', 'South West', 'Unitary',"
           " '[\"Bristol\"]', '[\"839\"]'),"
           "('865', 'E06000054', '80549', 'Wiltshire', 'E12000009', 'South West', 'Unitary',"
           " '[]', '[]')");
}

static void teardown(void)
{
    authority_detail_free(&detail);
    fx_teardown();
}

TestSuite(authority, .init = setup, .fini = teardown);

static const char *resolved(const char *ident)
{
    static char code[LA_CODE_MAX];
    struct error err;
    int rc = authority_resolve(fx.db, ident, code, &err);
    cr_assert_eq(rc, 0, "'%s': %s", ident, err);
    return code;
}

static void load(const char *code, const char *today)
{
    struct error err;
    authority_detail_free(&detail);
    cr_assert_eq(authority_detail_load(fx.db, code, day(today), &detail, &err), 0,
                 "%s", err.message);
}

static const char *at(const struct rowset *rs, size_t row, const char *column)
{
    cr_assert_lt(row, rs->nrows, "no row %zu", row);
    return cell(rs, (int)row, column);
}

Test(authority, resolves_la_code_ons_code_and_ofsted_urn)
{
    cr_assert_str_eq(resolved("839"), "839");
    cr_assert_str_eq(resolved("e06000058"), "839");
    cr_assert_str_eq(resolved("80540"), "839");
}

Test(authority, resolves_names_ignoring_case_punctuation_and_ampersand)
{
    cr_assert_str_eq(resolved("bournemouth christchurch and poole"), "839");
    cr_assert_str_eq(resolved("  BOURNEMOUTH, CHRISTCHURCH & POOLE "), "839");
    cr_assert_str_eq(resolved("Bristol City of"), "801");
}

Test(authority, resolves_aliases)
{
    cr_assert_str_eq(resolved("bcp council"), "839");
    cr_assert_str_eq(resolved("Bristol"), "801");
}

Test(authority, unknown_identifier_is_a_data_error_naming_it)
{
    char code[LA_CODE_MAX];
    struct error err;
    cr_assert_eq(authority_resolve(fx.db, "Atlantis", code, &err), ERROR_DATA);
    cr_assert(strstr(err.message, "no authority matches 'Atlantis'"), "%s", err.message);
}

Test(authority, command_exits_65_for_an_unknown_authority)
{
    const char *args[] = {"--db", fx.path, "show", "Atlantis", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 65);
    cr_assert(strncmp(r.err, "jib: no authority matches 'Atlantis'; try", 41) == 0, "%s", r.err);
    cr_assert_str_eq(r.out, "");
    run_result_free(&r);
}

Test(authority, identity_lists_aliases_and_neighbours)
{
    load("839", "2026-09-14");
    cr_assert_str_eq(at(detail.identity, 0, "name"), "Bournemouth, Christchurch & Poole");
    cr_assert_str_eq(at(detail.identity, 0, "aliases"), "BCP;BCP Council");
    cr_assert_str_eq(at(detail.identity, 0, "stat_neighbours"), "801;865;999");
}

Test(authority, history_is_newest_first_across_inspectorates_with_grade_names)
{
    fx_inspection("839", "ofsted", "ilacs_standard", "2022-03-07", GRADE_REQUIRES_IMPROVEMENT);
    fx_inspection("839", "hmi_probation", "other", "2024-05-13", GRADE_GOOD);
    fx_inspection("839", "ofsted", "focused_visit", "2023-10-02", GRADE_NONE);
    fx_inspection("839", "cqc", "jtai", "2026-10-01", GRADE_NONE); /* after today */
    load("839", "2026-09-14");
    cr_assert_eq(detail.history->nrows, 3);
    cr_assert_str_eq(at(detail.history, 0, "inspectorate"), "hmi_probation");
    cr_assert_str_eq(at(detail.history, 0, "overall"), "good");
    cr_assert_str_eq(at(detail.history, 1, "type"), "focused_visit");
    cr_assert_str_eq(at(detail.history, 1, "overall"), "");
    cr_assert_str_eq(at(detail.history, 2, "overall"), "requires_improvement");
}

Test(authority, latest_has_each_inspectorates_latest_judgement)
{
    fx_inspection("839", "ofsted", "ilacs_standard", "2022-03-07", GRADE_INADEQUATE);
    fx_sql("INSERT INTO inspection(la_code, inspectorate, type, start_date, leadership, in_care)"
           " VALUES('839', 'ofsted', 'ilacs_short', '2026-05-11', 2, 3)");
    fx_inspection("839", "ofsted", "focused_visit", "2026-07-01", GRADE_NONE); /* no judgement */
    fx_inspection("839", "cqc", "slac", "2019-01-14", GRADE_GOOD);
    load("839", "2026-09-14");
    cr_assert_eq(detail.latest->nrows, 2);
    cr_assert_str_eq(at(detail.latest, 0, "inspectorate"), "ofsted");
    cr_assert_str_eq(at(detail.latest, 0, "start_date"), "2026-05-11");
    cr_assert_str_eq(at(detail.latest, 0, "overall"), "");
    cr_assert_str_eq(at(detail.latest, 0, "cadence_grade"), "requires_improvement");
    cr_assert_str_eq(at(detail.latest, 1, "inspectorate"), "cqc");
}

static void indicators(void)
{
    fx_sql("INSERT INTO indicator(level, la_code, region_code, indicator, period, value) VALUES"
           "('la', '839', 'E12000009', 'cla_rate', '2023', 60),"
           "('la', '839', 'E12000009', 'cla_rate', '2024', 70),"
           "('la', '801', 'E12000009', 'cla_rate', '2024', 80),"
           "('la', '865', 'E12000009', 'cla_rate', '2024', NULL),"
           "('la', '865', 'E12000009', 'cla_rate', '2023', 50),"
           "('national', NULL, '', 'cla_rate', '2024', 71),"
           "('region', NULL, 'E12000009', 'cla_rate', '2024', 65),"
           "('region', NULL, 'E12000008', 'cla_rate', '2024', 99)");
}

Test(authority, indicator_has_latest_value_with_national_and_regional_benchmarks)
{
    indicators();
    load("839", "2026-09-14");
    cr_assert_eq(detail.indicators->nrows, 1);
    cr_assert_str_eq(at(detail.indicators, 0, "period"), "2024");
    cr_assert_str_eq(at(detail.indicators, 0, "value"), "70");
    cr_assert_eq(atof(at(detail.indicators, 0, "national")), 71);
    cr_assert_eq(atof(at(detail.indicators, 0, "regional")), 65);
}

Test(authority, regional_benchmark_follows_the_region_code_of_the_authoritys_own_rows)
{
    indicators();
    fx_sql("UPDATE indicator SET region_code = 'E12000008' WHERE level = 'la' AND la_code = '839'");
    load("839", "2026-09-14");
    cr_assert_eq(atof(at(detail.indicators, 0, "regional")), 99);
}

Test(authority, neighbour_value_is_the_mean_over_neighbours_that_have_one)
{
    indicators();
    fx_sql("INSERT INTO indicator(level, la_code, region_code, indicator, period, value) VALUES"
           "('la', '865', 'E12000009', 'cla_rate', '2022', 1)");
    fx_sql("UPDATE indicator SET value = 90 WHERE la_code = '865' AND period = '2024'");
    load("839", "2026-09-14");
    cr_assert_eq(atof(at(detail.indicators, 0, "neighbours")), 85); /* (80 + 90) / 2 */
    fx_sql("UPDATE indicator SET value = NULL WHERE la_code = '865' AND period = '2024'");
    load("839", "2026-09-14");
    cr_assert_eq(atof(at(detail.indicators, 0, "neighbours")), 80); /* 865 has none */
}

Test(authority, neighbour_rank_puts_the_highest_value_first)
{
    indicators();
    load("839", "2026-09-14");
    cr_assert_str_eq(at(detail.indicators, 0, "neighbour_rank"), "2"); /* 80 > 70 */
    cr_assert_str_eq(at(detail.indicators, 0, "neighbour_count"), "2");
}

/* Issue 8 item 3: a rank among neighbours means something for rates and
 * percentages, not for counts. */
Test(authority, counts_are_shown_without_a_neighbour_rank)
{
    fx_sql("INSERT INTO indicator(level, la_code, region_code, indicator, period, value) VALUES"
           "('la', '839', 'E12000009', 'Children looked after / number', '2024', 70),"
           "('la', '801', 'E12000009', 'Children looked after / number', '2024', 80),"
           "('la', '839', 'E12000009', 'Re-referrals / percent', '2024', 20),"
           "('la', '801', 'E12000009', 'Re-referrals / percent', '2024', 25)");
    load("839", "2026-09-14");
    cr_assert_str_eq(at(detail.indicators, 0, "indicator"), "Children looked after / number");
    cr_assert_str_eq(at(detail.indicators, 0, "neighbour_rank"), "");
    cr_assert_str_eq(at(detail.indicators, 1, "neighbour_rank"), "2"); /* 25 > 20 */
}

/* Issue 8 item 3: neighbours by name with their latest grades; the due row. */
Test(authority, detail_names_the_neighbours_and_carries_the_due_row)
{
    fx_inspection("801", "ofsted", "ilacs_standard", "2024-03-04", GRADE_GOOD);
    load("839", "2026-09-14");
    cr_assert_str_eq(at(detail.neighbours, 0, "la_code"), "801");
    cr_assert_str_eq(at(detail.neighbours, 0, "authority"), "Bristol, City of");
    cr_assert_str_eq(at(detail.neighbours, 0, "cadence_grade"), "good");
    cr_assert_str_eq(at(detail.neighbours, 1, "authority"), "Wiltshire");
    cr_assert_str_eq(at(detail.neighbours, 2, "la_code"), "999");
    cr_assert_str_eq(at(detail.neighbours, 2, "authority"), "", "not an authority here");
    cr_assert_str_eq(at(detail.due, 0, "status"), "never_inspected");
    cr_assert_eq(detail.due->nrows, 1);
}

Test(authority, trend_compares_with_the_previous_period)
{
    indicators();
    load("839", "2026-09-14");
    cr_assert_str_eq(at(detail.indicators, 0, "trend"), "up");
    fx_sql("UPDATE indicator SET value = 70 WHERE la_code = '839' AND period = '2023'");
    load("839", "2026-09-14");
    cr_assert_str_eq(at(detail.indicators, 0, "trend"), "flat");
}

Test(authority, trends_list_every_period_oldest_first)
{
    indicators();
    load("839", "2026-09-14");
    cr_assert_eq(detail.trends->nrows, 2);
    cr_assert_str_eq(at(detail.trends, 0, "period"), "2023");
    cr_assert_str_eq(at(detail.trends, 1, "period"), "2024");
    cr_assert_str_eq(at(detail.trends, 0, "national"), "");
}

Test(authority, concerns_say_whether_they_are_open_today)
{
    fx_concern("839", "2026-01-10", "high", "2026-03-01");
    fx_concern("839", "2026-02-10", "low", "2026-10-01");
    fx_concern("839", "2026-03-10", "medium", NULL);
    load("839", "2026-09-14");
    cr_assert_eq(detail.concerns->nrows, 3);
    cr_assert_str_eq(at(detail.concerns, 0, "open"), "yes");
    cr_assert_str_eq(at(detail.concerns, 1, "open"), "yes"); /* closed after today */
    cr_assert_str_eq(at(detail.concerns, 2, "open"), "no");
}

Test(authority, monitoring_row_only_when_under_monitoring)
{
    fx_inspection("839", "ofsted", "ilacs_standard", "2026-01-15", GRADE_INADEQUATE);
    fx_inspection("801", "ofsted", "ilacs_standard", "2026-01-15", GRADE_GOOD);
    load("839", "2026-09-14");
    cr_assert_eq(detail.monitoring->nrows, 1);
    cr_assert_str_eq(at(detail.monitoring, 0, "judged"), "2026-01-15");
    load("801", "2026-09-14");
    cr_assert_eq(detail.monitoring->nrows, 0);
}

static bool json_valid(const char *text)
{
    sqlite3_stmt *stmt = db_prepare(fx.db, "SELECT json_valid(?1)");
    sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
    bool ok = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int(stmt, 0) == 1;
    sqlite3_finalize(stmt);
    return ok;
}

Test(authority, show_json_is_one_object_of_sections)
{
    indicators();
    fx_inspection("839", "ofsted", "ilacs_standard", "2026-01-15", GRADE_INADEQUATE);
    fx_sql("UPDATE authority SET name = 'Quote \" and \\ back' WHERE la_code = '839'");
    const char *args[] = {"--db", fx.path, "--today", "2026-09-14", "show", "BCP", "--format",
                          "json", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_assert(json_valid(r.out), "not JSON: %s", r.out);
    const char *keys[] = {"\"authority\":{", "\"history\":[", "\"latest\":[", "\"indicators\":[",
                          "\"trends\":[", "\"concerns\":[", "\"monitoring\":{", "\"plans\":[]",
                          "\"name\":\"Quote \\\" and \\\\ back\""};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        cr_assert(strstr(r.out, keys[i]), "no %s in %s", keys[i], r.out);
    run_result_free(&r);
}

Test(authority, show_csv_prints_sections_with_a_section_column)
{
    fx_inspection("839", "ofsted", "ilacs_standard", "2022-03-07", GRADE_GOOD);
    const char *args[] = {"--db", fx.path, "--today", "2026-09-14", "show", "839", "--format",
                          "csv", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_assert(strncmp(r.out, "section,la_code,ons_code,", 25) == 0, "got: %s", r.out);
    cr_assert(strstr(r.out, "\nhistory,ofsted,ilacs_standard,2022-03-07,,,good,"), "%s", r.out);
    run_result_free(&r);
}
