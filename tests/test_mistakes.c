/* Issue 8, item 5 and 6: finding authorities as a person types them, and
 * mistakes that get the right answer (message, exit code, nothing lost). */
#include "tests/test_import_helpers.h"

#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SAMPLE_AUTHORITIES "sample-data/authorities.csv"

static void setup(void)
{
    fx_setup();
    char *path = test_path(test_root(), SAMPLE_AUTHORITIES);
    fx_import_ok(path, NULL);
    free(path);
}

TestSuite(mistakes, .init = setup, .fini = fx_teardown);

static struct run_result show(const char *who)
{
    return fx_jib("show", who, "--format", "csv", NULL);
}

static void shows(const char *who, const char *la_code, const char *name)
{
    struct run_result r = show(who);
    char want[200];
    snprintf(want, sizeof want, "authority,%s,", la_code);
    cr_assert_eq(r.status, 0, "'%s': %s", who, r.err);
    cr_assert(strstr(r.out, want) && strstr(r.out, name), "'%s' found:\n%.300s", who, r.out);
    run_result_free(&r);
}

/* ---- item 5: names ---- */

Test(mistakes, name_matching_finds_a_prefix_of_the_name)
{
    shows("Richmond", "318", "Richmond upon Thames");
    shows("Southend", "882", "Southend-on-Sea");
}

Test(mistakes, name_matching_finds_a_word_of_the_name)
{
    shows("Telford", "894", "Telford and Wrekin");
    shows("wrekin", "894", "Telford and Wrekin");
}

Test(mistakes, name_matching_ambiguous_query_lists_candidates_and_exits_65)
{
    struct run_result r = show("Kingston");
    cr_assert_eq(r.status, 65);
    cr_assert(strstr(r.err, "'Kingston' matches 2 authorities"), "%s", r.err);
    cr_assert(strstr(r.err, "314   Kingston upon Thames"), "%s", r.err);
    cr_assert(strstr(r.err, "810   Kingston Upon Hull, City of"), "%s", r.err);
    cr_assert_str_eq(r.out, "");
    run_result_free(&r);
}

Test(mistakes, name_matching_near_miss_suggests_the_closest_names)
{
    struct run_result r = show("Notingham");
    cr_assert_eq(r.status, 65);
    cr_assert(strstr(r.err, "no authority matches 'Notingham'"), "%s", r.err);
    char *mean = strstr(r.err, "did you mean:");
    cr_assert(mean, "%s", r.err);
    cr_assert(strncmp(mean, "did you mean:\n  892   Nottingham\n", 32) == 0, "%s", r.err);
    run_result_free(&r);
}

Test(mistakes, name_matching_exact_names_and_codes_still_win)
{
    shows("Hull", "810", "Kingston Upon Hull");
    shows("E06000023", "801", "Bristol, City of");
    shows("Nottingham", "892", "Nottingham");
}

/* ---- item 6: options ---- */

Test(mistakes, unknown_region_exits_64_listing_the_regions)
{
    struct run_result r = fx_jib("due", "--region", "Narnia", NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "unknown region 'Narnia'"), "%s", r.err);
    cr_assert(strstr(r.err, "EM East Midlands") && strstr(r.err, "GL London"), "%s", r.err);
    cr_assert_str_eq(r.out, "");
    run_result_free(&r);
    r = fx_jib("due", "--region", "east midlands", "--format", "csv", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "Nottingham"));
    run_result_free(&r);
}

Test(mistakes, unknown_status_exits_64_listing_the_statuses)
{
    struct run_result r = fx_jib("due", "--status", "late", NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "unknown status 'late' (use never_inspected, overdue, in_window, "
                            "due_soon or not_due)"),
              "%s", r.err);
    run_result_free(&r);
}

Test(mistakes, import_of_a_directory_says_is_a_directory_and_exits_66)
{
    struct run_result r = fx_jib("import", fx_dir, NULL);
    cr_assert_eq(r.status, 66, "%s", r.err);
    cr_assert(strstr(r.err, ": is a directory"), "%s", r.err);
    cr_assert_eq(fx_int("SELECT count(*) FROM authority"), 153, "nothing lost");
    run_result_free(&r);
}

/* Root reads every file, so the unreadable file is tried as nobody. */
Test(mistakes, import_of_an_unreadable_file_says_permission_denied_and_exits_66)
{
    const char *csv = fx_file("secret.csv", "la_code,name,region_code\n301,X,GL\n");
    chmod(csv, 0);
    chmod(fx_dir, 0777);
    chmod(fx_db, 0666);
    struct run_result r;
    if (geteuid() != 0) {
        r = fx_jib("import", csv, NULL);
    } else {
        char out_path[4200];
        snprintf(out_path, sizeof out_path, "%s/err.txt", fx_dir);
        pid_t pid = fork();
        if (pid == 0) {
            if (setgid(65534) || setuid(65534))
                _exit(99);
            FILE *e = freopen(out_path, "w", stderr);
            (void)e;
            char bin[4200];
            snprintf(bin, sizeof bin, "%s/jib", test_root());
            execl(getenv("JIB_BIN") ? getenv("JIB_BIN") : bin, "jib", "--db", fx_db, "import",
                  csv, (char *)NULL);
            _exit(98);
        }
        int status;
        waitpid(pid, &status, 0);
        r.status = WEXITSTATUS(status);
        r.err = test_read_file(out_path);
        r.out = strdup("");
    }
    cr_assert_eq(r.status, 66, "%s", r.err);
    cr_assert(strstr(r.err, "secret.csv: permission denied"), "%s", r.err);
    char *name = fx_text("SELECT name FROM authority WHERE la_code = '301'");
    cr_assert_str_eq(name, "Barking and Dagenham", "nothing lost");
    free(name);
    run_result_free(&r);
}

Test(mistakes, bad_date_says_which_part_is_wrong)
{
    struct run_result r = fx_jib("due", "--today", "2026-13-01", NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "the month (13, the middle part of YYYY-MM-DD) must be 1-12"), "%s",
              r.err);
    cr_assert_null(strstr(r.err, "DD/MM/YYYY"), "no advice about the other form: %s", r.err);
    run_result_free(&r);
    r = fx_jib("due", "--today", "30/02/2026", NULL);
    cr_assert(strstr(r.err, "the day (30) does not exist in February 2026"), "%s", r.err);
    run_result_free(&r);
}

Test(mistakes, policy_set_negative_value_names_the_allowed_range)
{
    struct run_result r = fx_jib("policy", "set", "cadence_months_good", "-3", NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "cadence_months_good must be a whole number from 1 to 240, not '-3'"),
              "%s", r.err);
    cr_assert_eq(fx_int("SELECT value FROM policy WHERE key = 'cadence_months_good'"), 36);
    run_result_free(&r);
}

Test(mistakes, policy_set_confirms_what_it_changed)
{
    struct run_result r = fx_jib("policy", "set", "cadence_months_good", "30", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "policy cadence_months_good: 36 -> 30\n");
    run_result_free(&r);
    r = fx_jib("policy", "set", "cadence_months_good", "30", NULL);
    cr_assert_str_eq(r.out, "policy unchanged: cadence_months_good is already 30\n");
    run_result_free(&r);
    r = fx_jib("policy", "preset", "proportionate", NULL);
    cr_assert(strstr(r.out, "policy cadence_months_good: 30 -> 60\n"), "%s", r.out);
    cr_assert(strstr(r.out, "policy window_months: 6 -> 0\n"), "%s", r.out);
    run_result_free(&r);
}

Test(mistakes, placeholders_are_blank_in_every_text_field)
{
    const char *csv = fx_file("i.csv", FX_INSPECTIONS_HEADER
                              "301,ofsted,ilacs_standard,2024-03-04,,,good,,,,,n/a,None,-\n");
    fx_import_ok(csv, NULL);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection WHERE la_code = '301'"
                        " AND theme IS NULL AND lead IS NULL AND link IS NULL"),
                 1);
}

Test(mistakes, placeholder_in_a_required_field_is_quoted_as_written)
{
    const char *csv = fx_file("i.csv", FX_INSPECTIONS_HEADER
                              "301,ofsted,None,2024-03-04,,,good,,,,,,,\n");
    struct run_result r = fx_jib("import", csv, NULL);
    cr_assert_eq(r.status, 65);
    cr_assert(strstr(r.err, "column 'type': value 'None': inspection type is required"), "%s",
              r.err);
    run_result_free(&r);
}

Test(mistakes, import_log_user_falls_back_to_the_login_name)
{
    const char *csv = fx_file("h.csv", "date,name\n2026-12-25,Christmas Day\n");
    const char *args[] = {"--db", fx_db, "import", csv, NULL};
    const char *env[] = {"USER=", NULL};
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *user = fx_text("SELECT user FROM import_log ORDER BY import_id DESC LIMIT 1");
    struct passwd *pw = getpwuid(geteuid());
    cr_assert(user && pw, "user recorded");
    cr_assert_str_eq(user, pw->pw_name);
    free(user);
}
