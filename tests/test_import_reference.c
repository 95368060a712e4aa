/* Every real export in reference-data/, imported the way a coordinator would.
 * The files are copied first: rejects files are written beside the input. */
#include "tests/test_import_helpers.h"

TestSuite(reference, .init = fx_setup, .fini = fx_teardown);

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

static void assert_err_has(const struct run_result *r, const char *part)
{
    cr_assert(strstr(r->err, part), "stderr lacks \"%s\":\n%s", part, r->err);
}

static void the_153(void)
{
    struct run_result r = fx_jib("import", copy_reference("la-list-153.csv"), NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "la-list-153.csv: authorities: 153 inserted, 0 updated, 0 unchanged, 0 rejected");
    run_result_free(&r);
}

static long rejects_with(const char *rejects, const char *reason)
{
    long n = 0;
    for (const char *p = rejects; (p = strstr(p, reason)); p++)
        n++;
    return n;
}

Test(reference, la_list_153_gives_the_153_authorities)
{
    the_153();
    char *name = fx_text("SELECT name || '|' || ons_code || '|' || region_code FROM authority"
                         " WHERE la_code = '370'");
    cr_assert_str_eq(name, "Barnsley|E08000038|YH");
    free(name);
}

Test(reference, la_lookup_adds_former_councils_and_stat_neighbours)
{
    struct run_result r = fx_jib("import", copy_reference("la-lookup-childrens-services.csv"), NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "authorities: 156 inserted");
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM authority WHERE la_code IN ('909','928','836')"), 3);
    char *sn = fx_text("SELECT stat_neighbours FROM authority WHERE la_code = '301'");
    cr_assert_str_eq(sn, "[\"308\",\"821\",\"313\",\"333\",\"336\",\"307\",\"304\",\"312\",\"874\",\"203\"]");
    free(sn);
}

Test(reference, la_lookup_after_the_153_updates_them_and_adds_three)
{
    the_153();
    struct run_result r = fx_jib("import", copy_reference("la-lookup-childrens-services.csv"), NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "authorities: 3 inserted, 153 updated");
    run_result_free(&r);
}

Test(reference, ilacs_history_imports_dated_reports_and_rejects_the_rest_with_reasons)
{
    the_153();
    const char *p = copy_reference("ofsted-ilacs-history.csv");
    struct run_result r = fx_jib("import", "--inspectorate", "ofsted", "--skip-invalid", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "ofsted-ilacs-history.csv: inspections: 316 inserted, 0 updated, 0 unchanged, 181 rejected");
    assert_err_has(&r, "ignored columns: pdf_filename, parser_version");
    run_result_free(&r);
    char *rejects = test_read_file(fx_path("ofsted-ilacs-history.csv.rejects.csv"));
    cr_assert_not_null(rejects);
    cr_assert_eq(rejects_with(rejects, "column 'inspection_start_date': value '': a start date is required"), 178);
    cr_assert_eq(rejects_with(rejects, "value 'to requires improvement': not a judgement"), 2);
    cr_assert_eq(rejects_with(rejects, "longer than standard framework': not a known inspection type"), 1);
    free(rejects);
    char *dorset = fx_text("SELECT type || ' ' || end_date || ' ' || published || ' ' || overall"
                           " || ' ' || care_leavers FROM inspection"
                           " WHERE la_code = (SELECT la_code FROM authority WHERE name = 'Dorset')"
                           " AND start_date = '2025-03-17'");
    cr_assert_str_eq(dorset, "ilacs_short 2025-03-21 2025-05-09 1 2");
    free(dorset);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection WHERE start_date >= '2026-04-01'"
                        " AND overall IS NOT NULL"), 0);
}

Test(reference, ilacs_latest_needs_the_inspectorate_and_rejects_two_undated_rows)
{
    the_153();
    const char *p = copy_reference("ofsted-ilacs-latest.csv");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "no inspectorate column");
    run_result_free(&r);
    r = fx_jib("import", "--inspectorate", "ofsted", "--skip-invalid", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "inspections: 151 inserted, 0 updated, 0 unchanged, 2 rejected");
    assert_err_has(&r, "ofsted-ilacs-latest.csv:11: column 'Inspection Framework': value 'None'");
    run_result_free(&r);
}

Test(reference, dfe_tidy_file_stores_values_benchmarks_and_skips_former_councils)
{
    the_153();
    struct run_result r = fx_jib("import", copy_reference("dfe-cla-rate-per-10k-2020-2024.csv"), NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "indicators: 7425 inserted, 0 updated, 0 unchanged, 0 rejected, 30 skipped");
    run_result_free(&r);
    const char *cla = "'Children looked after at 31 March each year / rate_per_10000'";
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT value FROM indicator WHERE level = 'national' AND period = '2024'"
             " AND indicator = %s", cla);
    cr_assert_eq(fx_int(sql), 70);
    snprintf(sql, sizeof sql, "SELECT value FROM indicator WHERE la_code = '861' AND period = '2024'"
             " AND indicator = %s", cla);
    cr_assert_eq(fx_int(sql), 191);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM indicator WHERE level = 'region' AND period = '2024'"
             " AND indicator = %s", cla);
    cr_assert_eq(fx_int(sql), 11); /* 9 regions plus inner and outer London */
    cr_assert_eq(fx_int("SELECT count(*) FROM indicator WHERE la_code IN ('909', '928')"), 0);
    cr_assert_eq(fx_int("SELECT count(*) FROM indicator WHERE level = 'la' AND region_code = ''"), 0);
}

Test(reference, hmi_probation_ratings_need_maps_and_reject_welsh_services_and_noise)
{
    the_153();
    const char *p = copy_reference("hmi-probation-youth-justice-ratings.csv");
    struct run_result r = fx_jib("import", "--inspectorate", "HMI Probation", "--kind", "inspections",
                                 "--type", "other", "--map", "overall_rating=overall", "--map",
                                 "publication_date=start_date", "--map", "publication_date=published",
                                 "--skip-invalid", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "inspections: 60 inserted, 0 updated, 0 unchanged, 23 rejected");
    run_result_free(&r);
    char *rejects = test_read_file(fx_path("hmi-probation-youth-justice-ratings.csv.rejects.csv"));
    cr_assert(strstr(rejects, "column 'la_name': value 'Swansea': no authority matches"), "%s", rejects);
    cr_assert(strstr(rejects, "column 'overall_rating': value '1 The resettlement standard"), "%s", rejects);
    cr_assert_eq(rejects_with(rejects, "no authority matches"), 22);
    free(rejects);
    char *norfolk = fx_text("SELECT inspectorate || ' ' || type || ' ' || start_date || ' ' || overall"
                            " FROM inspection WHERE la_code = (SELECT la_code FROM authority"
                            " WHERE name = 'Norfolk')");
    cr_assert_str_eq(norfolk, "hmi_probation other 2025-01-28 2");
    free(norfolk);
}

static char *copy_binary(const char *src, const char *name)
{
    char *dst = test_path(fx_dir, name);
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    cr_assert(in && out, "copy %s", src);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
    return dst;
}

/* The overview workbook read directly, and the CSV LibreOffice saves from it
 * (tests/fixtures/workbook/, made with `soffice --convert-to csv`), land the
 * same rows with the same values. */
Test(reference, xlsx_overview_imports_like_its_libreoffice_csv)
{
    char *src = test_reference_file("ofsted-ilacs-overview.xlsx");
    char *xlsx = copy_binary(src, "ofsted-ilacs-overview.xlsx");
    char conv[4096];
    snprintf(conv, sizeof conv, "%s/tests/fixtures/workbook/ofsted-ilacs-overview.libreoffice.csv",
             test_root());
    char *csv = copy_binary(conv, "ofsted-ilacs-overview.csv");
    the_153();
    struct run_result r = fx_jib("import", "--inspectorate", "ofsted", "--skip-invalid", xlsx, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "ofsted-ilacs-overview.xlsx[ofsted_cs_inspections_overview]: inspections: "
                       "151 inserted, 0 updated, 0 unchanged, 2 rejected");
    run_result_free(&r);
    char *from_xlsx = fx_export("inspections");
    char *rejects_x = test_read_file(
        fx_path("ofsted-ilacs-overview.xlsx.ofsted_cs_inspections_overview.rejects.csv"));
    cr_assert_not_null(rejects_x);

    /* the same again from the CSV, into a fresh database */
    char *first_db = fx_db;
    fx_db = test_path(fx_dir, "csv.db");
    the_153();
    r = fx_jib("import", "--inspectorate", "ofsted", "--skip-invalid", csv, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "ofsted-ilacs-overview.csv: inspections: 151 inserted, 0 updated, "
                       "0 unchanged, 2 rejected");
    run_result_free(&r);
    char *from_csv = fx_export("inspections");
    cr_assert_str_eq(from_xlsx, from_csv);

    /* and the same workbook saved by LibreOffice as .ods */
    char ods_src[4096];
    snprintf(ods_src, sizeof ods_src,
             "%s/tests/fixtures/workbook/ofsted-ilacs-overview.libreoffice.ods", test_root());
    char *ods = copy_binary(ods_src, "ofsted-ilacs-overview.ods");
    char *csv_db = fx_db;
    fx_db = test_path(fx_dir, "ods.db");
    the_153();
    r = fx_jib("import", "--inspectorate", "ofsted", "--skip-invalid", ods, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "ofsted-ilacs-overview.ods[ofsted_cs_inspections_overview]: inspections: "
                       "151 inserted, 0 updated, 0 unchanged, 2 rejected");
    run_result_free(&r);
    char *from_ods = fx_export("inspections");
    cr_assert_str_eq(from_ods, from_csv);
    free(from_ods);
    free(ods);
    free(fx_db);
    fx_db = csv_db;
    cr_assert(strstr(from_xlsx, "370,ofsted,ilacs_short,2023-09-11,2023-09-15,2023-10-27,good,"),
              "%s", from_xlsx);
    char *rejects_c = test_read_file(fx_path("ofsted-ilacs-overview.csv.rejects.csv"));
    cr_assert_not_null(rejects_c);
    cr_assert_eq(rejects_with(rejects_x, "a start date is required"), 2);
    cr_assert_eq(rejects_with(rejects_c, "a start date is required"), 2);
    free(fx_db);
    fx_db = first_db;
    free(rejects_x);
    free(rejects_c);
    free(from_xlsx);
    free(from_csv);
    free(src);
    free(xlsx);
    free(csv);
}

/* The Ofsted history opened in LibreOffice (en-GB) and saved as .xlsx: its
 * dates become real dates (serial numbers with an mm/dd/yy format), its URNs
 * numbers; read back, the same rows land as from the CSV. */
Test(reference, xlsx_history_with_real_date_cells_imports_like_the_csv)
{
    char conv[4096];
    snprintf(conv, sizeof conv,
             "%s/tests/fixtures/workbook/ofsted-ilacs-history.libreoffice.xlsx", test_root());
    char *xlsx = copy_binary(conv, "history.xlsx");
    the_153();
    struct run_result r = fx_jib("import", "--inspectorate", "ofsted", "--skip-invalid", xlsx, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "history.xlsx[hist]: inspections: 316 inserted, 0 updated, 0 unchanged, "
                       "181 rejected");
    run_result_free(&r);
    char *from_xlsx = fx_export("inspections");
    char *first_db = fx_db;
    fx_db = test_path(fx_dir, "csv.db");
    the_153();
    r = fx_jib("import", "--inspectorate", "ofsted", "--skip-invalid",
               copy_reference("ofsted-ilacs-history.csv"), NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *from_csv = fx_export("inspections");
    cr_assert_str_eq(from_xlsx, from_csv);
    free(fx_db);
    fx_db = first_db;
    free(from_xlsx);
    free(from_csv);
    free(xlsx);
}
