/* Issue 8 item 1: no silent gaps in the history. An inspections row the
 * import rejects that is newer (by any date it carries) than the latest
 * accepted full inspection of its authority is warned about, by authority,
 * and the due list marks that authority until the row is completed. */
#include "tests/test_import_helpers.h"

static void setup(void)
{
    fx_setup();
    fx_import_ok(fx_file("a.csv", FX_AUTHORITIES), NULL);
}

TestSuite(gaps, .init = setup, .fini = fx_teardown);

/* 301 good 2018 accepted; its 2024 report has no start date or type. */
#define HISTORY                                                                              \
    FX_INSPECTIONS_HEADER                                                                    \
    "301,ofsted,ilacs_standard,2018-07-09,2018-07-20,2018-08-21,good,,,,,,,\n"               \
    "301,ofsted,,,,2024-05-16,outstanding,outstanding,good,outstanding,outstanding,,,\n"     \
    "302,ofsted,ilacs_short,2023-06-19,,2023-08-01,good,,,,,,,\n"                            \
    "302,ofsted,,,,2015-01-10,inadequate,,,,,,,\n"

static char *due_csv(void)
{
    struct run_result r = fx_jib("--today", "2026-09-14", "due", "--format", "csv", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    char *out = r.out;
    r.out = NULL;
    run_result_free(&r);
    return out;
}

static char *row_of(const char *csv, const char *la_code)
{
    char want[16];
    snprintf(want, sizeof want, "\n%s,", la_code);
    const char *p = strstr(csv, want);
    cr_assert(p, "no row %s in\n%s", la_code, csv);
    p++;
    return strndup(p, strcspn(p, "\n"));
}

Test(gaps, newer_rejected_row_warns_by_authority_in_the_summary)
{
    const char *csv = fx_file("h.csv", HISTORY);
    struct run_result r = fx_jib("import", "--skip-invalid", csv, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "warning: 1 rejected row is newer than the latest full inspection of "
                            "its authority: its due date and grade are out of date until the row "
                            "is completed and imported again"),
              "%s", r.err);
    cr_assert(strstr(r.err, "h.csv:3: 301 Barking and Dagenham: rejected row published 2024-05-16"),
              "%s", r.err);
    cr_assert_null(strstr(r.err, ": 302 Barnet"), "an older rejected row is no gap: %s", r.err);
    run_result_free(&r);
}

Test(gaps, newer_rejected_row_flags_the_due_row_until_completed)
{
    const char *csv = fx_file("h.csv", HISTORY);
    fx_import_ok(csv, "--skip-invalid");
    char *out = due_csv();
    char *row = row_of(out, "301");
    cr_assert(strstr(row, ",good 2018-07-09 + 36 months; NOT UP TO DATE: a newer report "
                          "(published 2024-05-16) was rejected on import (h.csv line 3): complete "
                          "the row and import it again,rejected 2024-05-16"),
              "%s", row);
    free(row);
    row = row_of(out, "302");
    cr_assert(strstr(row, "good 2023-06-19 + 36 months,") && !strstr(row, "NOT UP TO DATE"), "%s",
              row);
    free(row);
    free(out);

    /* Completed as the rejects file says, and imported again: the flag goes. */
    const char *fixed = fx_file("fixed.csv", FX_INSPECTIONS_HEADER
                                "301,ofsted,ilacs_short,2024-03-25,,2024-05-16,outstanding,"
                                "outstanding,good,outstanding,outstanding,,,\n");
    fx_import_ok(fixed, NULL);
    out = due_csv();
    row = row_of(out, "301");
    cr_assert(strstr(row, ",outstanding 2024-03-25 + 36 months,\0") && !strstr(row, "rejected"),
              "%s", row);
    free(row);
    free(out);
}

Test(gaps, dry_run_warns_but_records_nothing)
{
    const char *csv = fx_file("h.csv", HISTORY);
    struct run_result r = fx_jib("import", "--skip-invalid", "--dry-run", csv, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "301 Barking and Dagenham: rejected row published 2024-05-16"), "%s",
              r.err);
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM history_gap"), 0);
}

Test(gaps, authority_never_inspected_with_a_rejected_report_is_flagged)
{
    const char *csv = fx_file("h.csv", FX_INSPECTIONS_HEADER
                              "839,ofsted,,,,2022-09-05,inadequate,,,,,,,\n");
    fx_import_ok(csv, "--skip-invalid");
    char *out = due_csv();
    char *row = row_of(out, "839");
    cr_assert(strstr(row, "never_inspected") && strstr(row, "latest") == NULL &&
                  strstr(row, "rejected 2022-09-05"),
              "%s", row);
    free(row);
    free(out);
}
