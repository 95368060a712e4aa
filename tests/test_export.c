/* jib export: canonical columns, and export then import into an empty
 * database gives identical data, for every kind. */
#include "tests/test_import_helpers.h"

TestSuite(export, .init = fx_setup, .fini = fx_teardown);

static const char *const kinds[] = {"authorities", "holidays",  "inspectors", "inspections",
                                    "indicators",  "concerns", "absences"};

static void load_everything(void)
{
    fx_import_ok(fx_file("a.csv", FX_AUTHORITIES), NULL);
    fx_import_ok(fx_file("i.csv", FX_INSPECTIONS), NULL);
    fx_import_ok(fx_file("h.csv", "date,name\n2025-12-25,Christmas Day\n2026-01-01,\n"), NULL);
    fx_import_ok(fx_file("p.csv", "inspector_id,name,inspectorate,role,region\n"
                                  "OF1,\"Quill, Ada\",ofsted,HMI,GL\nCQ1,Bo Ng,CQC,,\n"), NULL);
    fx_import_ok(fx_file("ab.csv", "inspector_id,from,to,kind,note\n"
                                   "OF1,2026-01-05,2026-01-09,leave,\"ski\nweek\"\n"
                                   "CQ1,2026-02-02,2026-02-02,training,\n"), NULL);
    fx_import_ok(fx_file("c.csv", "la_code,raised_by,date,severity,summary,closed\n"
                                  "301,ofsted,2026-03-01,high,Re-referrals rising,\n"
                                  "302,cqc,2026-02-01,low,,2026-04-01\n"), NULL);
    fx_import_ok(fx_file("ind.csv", "level,la_code,region_code,indicator,period,value\n"
                                    "la,301,GL,cla rate,2024,55.25\n"
                                    "la,302,GL,cla rate,2024,\n"
                                    "national,,,cla rate,2024,70\n"
                                    "region,,GL,cla rate,2024,61.5\n"), NULL);
}

Test(export, writes_canonical_columns_and_grade_names)
{
    load_everything();
    char *out = fx_export("inspections");
    cr_assert_str_eq(out, "la_code,inspectorate,type,start_date,end_date,published,overall,"
                          "leadership,help_protection,in_care,care_leavers,partnership,theme,"
                          "lead,link\n"
                          "301,ofsted,ilacs_standard,2024-03-04,2024-03-15,2024-05-01,good,good,"
                          "requires_improvement,good,,,,A Lead,\n"
                          "302,ofsted,ilacs_short,2023-06-17,,,outstanding,,,,,,,,\n");
    free(out);
    out = fx_export("authorities");
    cr_assert(strstr(out, "301,E09000002,80486,Barking and Dagenham,GL,London,London Borough,,"
                          "302;839\n"), "%s", out);
    free(out);
}

Test(export, json_lists_are_arrays_and_values_numbers)
{
    load_everything();
    struct run_result r = fx_jib("export", "authorities", "--format", "json", NULL);
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "\"stat_neighbours\":[\"302\",\"839\"]"), "%s", r.out);
    run_result_free(&r);
    r = fx_jib("export", "indicators", "--format=json", NULL);
    cr_assert(strstr(r.out, "\"value\":55.25"), "%s", r.out);
    run_result_free(&r);
}

Test(export, round_trip_into_an_empty_database_is_identical_for_every_kind)
{
    load_everything();
    char *before[7], *files[7];
    for (size_t k = 0; k < 7; k++) {
        before[k] = fx_export(kinds[k]);
        char name[64];
        snprintf(name, sizeof name, "export-%s.csv", kinds[k]);
        files[k] = (char *)fx_file(name, before[k]);
    }
    free(fx_db);
    fx_db = test_path(fx_dir, "second.db");
    for (size_t k = 0; k < 7; k++)
        fx_import_ok(files[k], NULL);
    for (size_t k = 0; k < 7; k++) {
        char *after = fx_export(kinds[k]);
        cr_assert_str_eq(after, before[k], "%s differ", kinds[k]);
        free(after);
        free(before[k]);
    }
}

Test(export, unknown_kind_is_a_usage_error)
{
    load_everything();
    struct run_result r = fx_jib("export", "widgets", NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "unknown kind 'widgets'"), "%s", r.err);
    run_result_free(&r);
}

/* SPEC section 1: the shared judgement of the local safeguarding partnership. */
Test(export, partnership_judgement_imports_by_its_aliases_and_round_trips)
{
    load_everything();
    fx_import_ok(fx_file("sif.csv", "LA code,Inspectorate,Type,Start date,Overall effectiveness,LSCB\n"
                                    "301,ofsted,sif,2015-01-12,requires improvement,Inadequate\n"),
                 NULL);
    fx_import_ok(fx_file("jtai.csv", "la_code,inspectorate,type,start_date,"
                                     "Safeguarding Partnership\n"
                                     "302,cqc,slac,2019-02-04,good\n"),
                 NULL);
    fx_import_ok(fx_file("board.csv", "la_code,inspectorate,type,start_date,"
                                      "Local Safeguarding Children Board\n"
                                      "839,ofsted,sif,2016-05-09,3\n"),
                 NULL);
    cr_assert_eq(fx_int("SELECT partnership FROM inspection WHERE la_code = '301' AND type = 'sif'"),
                 4);
    cr_assert_eq(fx_int("SELECT partnership FROM inspection WHERE la_code = '302' AND type = 'slac'"),
                 2);
    cr_assert_eq(fx_int("SELECT partnership FROM inspection WHERE la_code = '839'"), 3);
    char *before = fx_export("inspections");
    cr_assert(strstr(before, "301,ofsted,sif,2015-01-12,,,requires_improvement,,,,,inadequate,,,\n"),
              "%s", before);
    const char *file = fx_file("again.csv", before);
    free(fx_db);
    fx_db = test_path(fx_dir, "third.db");
    fx_import_ok(fx_file("a.csv", FX_AUTHORITIES), NULL);
    fx_import_ok(file, NULL);
    char *after = fx_export("inspections");
    cr_assert_str_eq(after, before);
    free(after);
    free(before);
}

Test(export, partnership_judgement_shows_in_show)
{
    load_everything();
    fx_import_ok(fx_file("sif.csv", "la_code,inspectorate,type,start_date,overall,lscb\n"
                                    "301,ofsted,sif,2015-01-12,requires improvement,inadequate\n"),
                 NULL);
    struct run_result r = fx_jib("--today", "2026-09-14", "show", "301", "--format", "csv", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "help_protection,in_care,care_leavers,partnership,theme,lead,link,cadence_grade\n"),
              "%s", r.out);
    cr_assert(strstr(r.out, "history,ofsted,sif,2015-01-12,,,requires_improvement,,,,,inadequate,"),
              "%s", r.out);
    run_result_free(&r);
}
