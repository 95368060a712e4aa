/* Issue 8 items 2 and 7: the README's reference-data steps, run as written
 * from a fresh copy of ../shared/reference-data, give exactly the 153
 * authorities, the counts the README states, and the two warnings about
 * rejected reports newer than what was accepted. */
#include "tests/test_import_helpers.h"

TestSuite(reference_steps, .init = fx_setup, .fini = fx_teardown);

static const char *copy_reference(const char *name)
{
    char *src = test_reference_file(name);
    char *content = test_read_file(src);
    cr_assert_not_null(content, "missing reference file %s", src);
    const char *dst = fx_file(name, content);
    free(content);
    free(src);
    return dst;
}

static char *step(const char *const *args)
{
    const char *argv[24] = {"--db", fx_db, "import"};
    size_t n = 3;
    for (; args[n - 3]; n++)
        argv[n] = args[n - 3];
    argv[n] = NULL;
    struct run_result r = test_run_jib(argv, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    char *err = r.err;
    r.err = NULL;
    run_result_free(&r);
    return err;
}

static void has(const char *text, const char *part)
{
    cr_assert(strstr(text, part), "lacks \"%s\":\n%s", part, text);
}

Test(reference_steps, update_only_lookup_leaves_153_authorities)
{
    free(step((const char *[]){copy_reference("la-list-153.csv"), NULL}));
    char *err = step((const char *[]){"--update-only",
                                      copy_reference("la-lookup-childrens-services.csv"), NULL});
    has(err, "la-lookup-childrens-services.csv: authorities: 0 inserted, 153 updated, 0 unchanged, "
             "0 rejected, 3 skipped");
    free(err);
    cr_assert_eq(fx_int("SELECT count(*) FROM authority"), 153);
    cr_assert_eq(fx_int("SELECT count(*) FROM authority WHERE la_code IN ('909','928','836')"), 0);
    char *sn = fx_text("SELECT stat_neighbours FROM authority WHERE la_code = '301'");
    cr_assert_str_eq(sn, "[\"308\",\"821\",\"313\",\"333\",\"336\",\"307\",\"304\",\"312\",\"874\","
                         "\"203\"]");
    free(sn);
    char *aka = fx_text("SELECT aliases FROM authority WHERE la_code = '839'");
    cr_assert(strstr(aka, "BCP"), "%s", aka);
    free(aka);
}

Test(reference_steps, readme_steps_give_the_stated_counts_and_warn_about_the_gaps)
{
    free(step((const char *[]){copy_reference("la-list-153.csv"), NULL}));
    free(step((const char *[]){"--update-only",
                               copy_reference("la-lookup-childrens-services.csv"), NULL}));
    char *err = step((const char *[]){"--inspectorate", "ofsted", "--skip-invalid",
                                      copy_reference("ofsted-ilacs-history.csv"), NULL});
    has(err, "inspections: 316 inserted, 0 updated, 0 unchanged, 181 rejected");
    has(err, "warning: 2 rejected rows are newer than the latest full inspection");
    has(err, ":48: 846 Brighton and Hove: rejected row published 2024-05-16");
    has(err, ":328: 892 Nottingham: rejected row published 2022-09-05");
    free(err);
    err = step((const char *[]){"--inspectorate", "ofsted", "--skip-invalid",
                                copy_reference("ofsted-ilacs-latest.csv"), NULL});
    has(err, "inspections: 0 inserted, 6 updated, 145 unchanged, 2 rejected");
    free(err);
    err = step((const char *[]){copy_reference("dfe-cla-rate-per-10k-2020-2024.csv"), NULL});
    has(err, "indicators: 7425 inserted, 0 updated, 0 unchanged, 0 rejected, 30 skipped");
    free(err);
    err = step((const char *[]){"--kind", "inspections", "--inspectorate", "HMI Probation",
                                "--type", "other", "--skip-invalid", "--map",
                                "overall_rating=overall", "--map", "publication_date=start_date",
                                "--map", "publication_date=published",
                                copy_reference("hmi-probation-youth-justice-ratings.csv"), NULL});
    has(err, "inspections: 61 inserted, 0 updated, 0 unchanged, 22 rejected");
    free(err);
    cr_assert_eq(fx_int("SELECT count(*) FROM authority"), 153);

    /* The due list names the two gaps until their rows are completed. */
    struct run_result r = fx_jib("--today", "2026-09-14", "due", "--format", "csv", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    has(r.out, ",rejected 2024-05-16\n");
    has(r.out, ",rejected 2022-09-05\n");
    cr_assert_null(strstr(r.out, "\n909,"), "no former council");
    run_result_free(&r);

    /* Completing the two rows as the README says clears both. */
    const char *fixed = fx_file(
        "completed.csv",
        "local_authority,publication_date,inspection_framework,inspection_start_date,"
        "overall_effectiveness_grade,impact_of_leaders_grade,help_and_protection_grade,"
        "in_care_grade,care_leavers_grade\n"
        "brighton and hove,16/05/24,short,25/03/2024,outstanding,outstanding,good,outstanding,"
        "outstanding\n"
        "nottingham,05/09/22,standard,11/07/2022,inadequate,requires improvement,inadequate,"
        "requires improvement,inadequate\n");
    free(step((const char *[]){"--inspectorate", "ofsted", fixed, NULL}));
    r = fx_jib("--today", "2026-09-14", "due", "--format", "csv", NULL);
    cr_assert_null(strstr(r.out, "NOT UP TO DATE"), "%s", r.out);
    has(r.out, "\n892,Nottingham,East Midlands,ilacs_standard,2022-07-11,inadequate,");
    run_result_free(&r);
}
