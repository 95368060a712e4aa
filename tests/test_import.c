/* SPEC section 3 and rules 11-19: the importer, one test per rule. */
#include "tests/test_import_helpers.h"

#include "import/columns.h"

TestSuite(import, .init = fx_setup, .fini = fx_teardown);

static void authorities(void) { fx_import_ok(fx_file("authorities.csv", FX_AUTHORITIES), NULL); }

static void assert_err_has(const struct run_result *r, const char *part)
{
    cr_assert(strstr(r->err, part), "stderr lacks \"%s\":\n%s", part, r->err);
}

Test(import, normalises_headers_and_drops_grade_and_date_suffixes)
{
    char out[128];
    columns_normalise("  Overall Effectiveness -- Grade ", out, sizeof out);
    cr_assert_str_eq(out, "overall_effectiveness_grade");
    char *h[] = {"Overall Effectiveness Grade", "Inspection Start Date", "LA Code", "Care-Leavers"};
    struct columns c;
    struct error err;
    cr_assert_eq(columns_map(&c, h, 4, NULL, 0, &err), 0, "%s", err.message);
    cr_assert_eq(c.field_col[FLD_OVERALL], 0);
    cr_assert_eq(c.field_col[FLD_START_DATE], 1);
    cr_assert_eq(c.field_col[FLD_LA_CODE], 2);
    cr_assert_eq(c.field_col[FLD_CARE_LEAVERS], 3);
    columns_free(&c);
}

Test(import, reads_bom_crlf_tab_and_semicolon_files)
{
    authorities();
    fx_import_ok(fx_file("bom.csv", "\xEF\xBB\xBF" "date,name\r\n2025-12-25,Christmas Day\r\n"),
                 NULL);
    fx_import_ok(fx_file("tab.csv", "date\tname\n2025-12-26\tBoxing Day\n"), NULL);
    fx_import_ok(fx_file("semi.csv", "date;name\n\n01/01/2026;New Year's Day\n\n"), NULL);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 3);
    char *name = fx_text("SELECT name FROM holiday WHERE date = '2025-12-25'");
    cr_assert_str_eq(name, "Christmas Day");
    free(name);
}

Test(import, counts_quoted_newlines_in_error_lines)
{
    authorities();
    const char *p = fx_file("i.csv", FX_INSPECTIONS_HEADER
                            "301,ofsted,ilacs_standard,2024-03-04,,,good,,,,,\"two\nline\ntheme\",,\n"
                            "302,ofsted,ilacs_short,2024-13-01,,,good,,,,,,,\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "i.csv:5: column 'start_date': value '2024-13-01'");
    run_result_free(&r);
}

Test(import, rejects_ragged_rows)
{
    authorities();
    const char *p = fx_file("i.csv", FX_INSPECTIONS_HEADER "301,ofsted,ilacs_short,2024-03-04\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "i.csv:2: column '-': value '': ragged row: 4 fields where the header has 14");
    run_result_free(&r);
}

Test(import, rejects_invalid_utf8_naming_the_line)
{
    const char *p = fx_file("h.csv", "date,name\n2025-12-25,Christmas\n2025-12-26,Caf\xE9\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "h.csv:3: invalid UTF-8");
    assert_err_has(&r, "--encoding");
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 0);
}

Test(import, encoding_option_converts_windows_1252)
{
    const char *p = fx_file("h.csv", "date,name\n2025-12-26,Caf\xE9 \x80 day\n");
    fx_import_ok(p, "--encoding=WINDOWS-1252");
    char *name = fx_text("SELECT name FROM holiday");
    cr_assert_str_eq(name, "Caf\xC3\xA9 \xE2\x82\xAC day");
    free(name);
}

Test(import, rejects_unknown_authority)
{
    authorities();
    const char *p = fx_file("i.csv", FX_INSPECTIONS_HEADER "999,ofsted,ilacs_short,2024-03-04,,,,,,,,,,\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "i.csv:2: column 'la_code': value '999': no authority matches");
    run_result_free(&r);
}

Test(import, resolves_authority_by_name_alias_ons_and_urn)
{
    authorities();
    const char *p = fx_file("i.csv", "local_authority,ONS Code,URN,type,inspection_date\n"
                                     "\"bournemouth christchurch and poole\",,,short,01/02/2024\n"
                                     "BCP,,,standard,01/02/2022\n"
                                     ",E09000003,,short,01/02/2024\n"
                                     ",,80486,short,01/02/2024\n"
                                     "Barnet,,2532283,standard,01/02/2021\n");
    fx_import_ok(p, "--inspectorate=Ofsted");
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection WHERE la_code = '839'"), 2);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection WHERE la_code = '302'"), 2);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection WHERE la_code = '301'"), 1);
}

Test(import, rejects_identifiers_of_different_authorities)
{
    authorities();
    const char *p = fx_file("i.csv", "la_code,name,type,start_date\n301,Barnet,short,2024-02-01\n");
    struct run_result r = fx_jib("import", "--inspectorate", "ofsted", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "i.csv:2: column '-': value 'Barnet': column 'la_code' points to authority 301");
    run_result_free(&r);
}

Test(import, rejects_us_date_order)
{
    authorities();
    const char *p = fx_file("i.csv", FX_INSPECTIONS_HEADER "301,ofsted,ilacs_short,13/25/2024,,,,,,,,,,\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "i.csv:2: column 'start_date': value '13/25/2024': ");
    run_result_free(&r);
}

Test(import, is_all_or_nothing)
{
    authorities();
    fx_import_ok(fx_file("good.csv", FX_INSPECTIONS), NULL);
    char *before = fx_export("inspections");
    const char *p = fx_file("bad.csv", FX_INSPECTIONS_HEADER
                            "301,ofsted,ilacs_short,2025-01-06,,,good,,,,,,,\n"
                            "302,ofsted,ilacs_standard,2023-06-17,,,inadequate,,,,,,,\n"
                            "301,ofsted,ilacs_short,2025-13-06,,,good,,,,,,,\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "nothing imported");
    run_result_free(&r);
    char *after = fx_export("inspections");
    cr_assert_str_eq(after, before);
    free(before);
    free(after);
}

Test(import, skip_invalid_writes_rejected_rows_with_error_column)
{
    authorities();
    const char *p = fx_file("i.csv", FX_INSPECTIONS_HEADER
                            "301,ofsted,ilacs_short,2025-01-06,,,good,,,,,,,\n"
                            "302,ofsted,,2023-06-17,,,\"inadequate\",,,,,\"a, b\",,\n"
                            "839,ofsted,ilacs_short,2024-01-08,,,good,,,,,,,\n"
                            "301,ofsted,ilacs_short,,,,good,,,,,,,\n");
    struct run_result r = fx_jib("import", "--skip-invalid", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "i.csv: inspections: 2 inserted, 0 updated, 0 unchanged, 2 rejected");
    run_result_free(&r);
    char *rejects = test_read_file(fx_path("i.csv.rejects.csv"));
    cr_assert_not_null(rejects);
    cr_assert_str_eq(rejects,
                     "la_code,inspectorate,type,start_date,end_date,published,overall,leadership,"
                     "help_protection,in_care,care_leavers,theme,lead,link,error\n"
                     "302,ofsted,,2023-06-17,,,inadequate,,,,,\"a, b\",,,"
                     "column 'type': value '': inspection type is required\n"
                     "301,ofsted,ilacs_short,,,,good,,,,,,,,"
                     "column 'start_date': value '': a start date is required\n");
    free(rejects);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection"), 2);
}

Test(import, dry_run_changes_nothing_but_is_logged)
{
    authorities();
    const char *p = fx_file("i.csv", FX_INSPECTIONS);
    struct run_result r = fx_jib("import", "--dry-run", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "i.csv: inspections: 2 inserted, 0 updated, 0 unchanged, 0 rejected");
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection"), 0);
    cr_assert_eq(fx_int("SELECT count(*) FROM import_log WHERE outcome = 'dry_run' AND inserted = 2"), 1);
}

Test(import, is_idempotent)
{
    authorities();
    const char *p = fx_file("i.csv", FX_INSPECTIONS);
    fx_import_ok(p, NULL);
    char *before = fx_export("inspections");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 0);
    assert_err_has(&r, "i.csv: inspections: 0 inserted, 0 updated, 2 unchanged, 0 rejected");
    run_result_free(&r);
    char *after = fx_export("inspections");
    cr_assert_str_eq(after, before);
    free(before);
    free(after);
}

Test(import, updates_changed_values_in_place)
{
    authorities();
    fx_import_ok(fx_file("i.csv", FX_INSPECTIONS), NULL);
    const char *p = fx_file("j.csv", FX_INSPECTIONS_HEADER
                            "301,ofsted,ilacs_standard,2024-03-04,,,inadequate,,,,,,,\n");
    struct run_result r = fx_jib("import", p, NULL);
    assert_err_has(&r, "j.csv: inspections: 0 inserted, 1 updated, 0 unchanged, 0 rejected");
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT overall FROM inspection WHERE la_code = '301'"), 4);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection"), 2);
}

Test(import, blank_cell_and_missing_column_never_clear)
{
    authorities();
    fx_import_ok(fx_file("i.csv", FX_INSPECTIONS), NULL);
    const char *p = fx_file("j.csv", "la_code,inspectorate,type,start_date,overall\n"
                                     "301,ofsted,ilacs_standard,04/03/2024,\n");
    fx_import_ok(p, NULL);
    cr_assert_eq(fx_int("SELECT overall FROM inspection WHERE la_code = '301'"), 2);
    char *lead = fx_text("SELECT lead FROM inspection WHERE la_code = '301'");
    cr_assert_str_eq(lead, "A Lead");
    free(lead);
}

Test(import, rejects_duplicate_natural_key_on_second_line)
{
    authorities();
    const char *p = fx_file("i.csv", FX_INSPECTIONS_HEADER
                            "301,ofsted,ilacs_short,2025-01-06,,,good,,,,,,,\n"
                            "302,ofsted,ilacs_short,2025-01-06,,,good,,,,,,,\n"
                            "301,Ofsted,short,06/01/2025,,,good,,,,,,,\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "i.csv:4: column '-': value '': duplicate");
    cr_assert_null(strstr(r.err, "i.csv:2:"));
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection"), 0);
}

Test(import, rejects_two_headers_for_one_field)
{
    authorities();
    const char *p = fx_file("i.csv", "la_code,inspectorate,type,start_date,inspection_date\n"
                                     "301,ofsted,short,2025-01-06,2025-01-06\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "columns 'start_date' and 'inspection_date' both give the field 'start_date'");
    run_result_free(&r);
}

Test(import, map_sends_a_column_to_one_or_two_fields)
{
    authorities();
    const char *p = fx_file("i.csv", "la_code,Rating,When,kind of visit\n"
                                     "301,Good,01/02/2024,focused visit\n");
    struct run_result r = fx_jib("import", "--inspectorate", "ofsted", "--map", "rating=overall",
                                 "--map", "WHEN=start_date", "--map", "when=published", "--map",
                                 "Kind Of Visit=type", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *row = fx_text("SELECT type || ' ' || start_date || ' ' || published || ' ' || overall"
                        " FROM inspection");
    cr_assert_str_eq(row, "focused_visit 2024-02-01 2024-02-01 2");
    free(row);
}

static void assert_kind(const char *header, const char *kind)
{
    char name[64], expect[128];
    snprintf(name, sizeof name, "%s.csv", kind);
    const char *p = fx_file(name, header);
    struct run_result r = fx_jib("import", "--dry-run", p, NULL);
    snprintf(expect, sizeof expect, "%s: %s: 0 inserted", name, kind);
    cr_assert(strstr(r.err, expect), "%s should be %s: %s", header, kind, r.err);
    run_result_free(&r);
}

Test(import, detects_each_kind_from_headers)
{
    assert_kind("inspector_id,from,to,kind\n", "absences");
    assert_kind("inspector_id,name,inspectorate,role\n", "inspectors");
    assert_kind("date,name\n", "holidays");
    assert_kind("time_period,geographic_level,la_name,rate\n", "indicators");
    assert_kind("la_code,indicator,period,value\n", "indicators");
    assert_kind("la_code,raised_by,date,severity,summary\n", "concerns");
    assert_kind("la_code,inspectorate,type,start_date\n", "inspections");
    assert_kind("la_code,name,region_code,la_type\n", "authorities");
}

Test(import, unknown_header_set_is_an_error_listing_what_was_recognised)
{
    const char *p = fx_file("x.csv", "la_code,colour,size\n301,red,2\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "cannot tell what kind of data");
    assert_err_has(&r, "'la_code' as la_code");
    run_result_free(&r);
}

Test(import, hmip_is_ambiguous)
{
    authorities();
    const char *p = fx_file("i.csv", "la_code,inspectorate,type,start_date\n301,HMIP,other,2024-01-01\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "i.csv:2: column 'inspectorate': value 'HMIP': ambiguous");
    run_result_free(&r);
}

Test(import, inspections_without_inspectorate_column_need_the_option)
{
    authorities();
    const char *p = fx_file("i.csv", "la_code,type,start_date\n301,short,2024-01-01\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "--inspectorate");
    run_result_free(&r);
    fx_import_ok(p, "--inspectorate=HM Inspectorate of Constabulary and Fire & Rescue Services");
    char *insp = fx_text("SELECT inspectorate FROM inspection");
    cr_assert_str_eq(insp, "hmicfrs");
    free(insp);
}

Test(import, log_records_failed_and_dry_run_attempts)
{
    authorities();
    const char *bad = fx_file("bad.csv", FX_INSPECTIONS_HEADER "999,ofsted,short,2024-01-01,,,,,,,,,,\n");
    struct run_result r = fx_jib("import", bad, NULL);
    run_result_free(&r);
    r = fx_jib("import", "--dry-run", fx_file("i.csv", FX_INSPECTIONS), NULL);
    run_result_free(&r);
    r = fx_jib("imports", "--format", "csv", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "import_id,at,user,file,sha256,kind,inserted,updated,unchanged,"
                            "rejected,outcome\n"), "%s", r.out);
    cr_assert(strstr(r.out, ",tester,") && strstr(r.out, "bad.csv,") && strstr(r.out, ",failed\n"),
              "%s", r.out);
    cr_assert(strstr(r.out, ",inspections,2,0,0,0,dry_run\n"), "%s", r.out);
    run_result_free(&r);
    char *sha = fx_text("SELECT sha256 FROM import_log WHERE file LIKE '%bad.csv'");
    cr_assert_eq(strlen(sha), 64);
    free(sha);
}

Test(import, missing_file_exits_66_and_others_still_load)
{
    authorities();
    struct run_result r = fx_jib("import", fx_path("nope.csv"), fx_file("i.csv", FX_INSPECTIONS), NULL);
    cr_assert_eq(r.status, 66);
    assert_err_has(&r, "jib: ");
    assert_err_has(&r, "nope.csv");
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection"), 2);
}

Test(import, a_zip_that_is_not_a_workbook_is_refused)
{
    const char *p = fx_file("book.xlsx", "PK\x03\x04 pretend zip");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "book.xlsx: not a readable workbook (damaged or not a zip file");
    run_result_free(&r);
}

Test(import, loads_files_in_dependency_order)
{
    const char *insp = fx_file("i.csv", FX_INSPECTIONS);
    const char *auth = fx_file("a.csv", FX_AUTHORITIES);
    struct run_result r = fx_jib("import", insp, auth, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM inspection"), 2);
}

Test(import, indicator_rows_of_unknown_authorities_are_skipped)
{
    authorities();
    const char *p = fx_file("ind.csv", "level,la_code,region_code,indicator,period,value\n"
                                       "la,301,GL,cla rate,2024,55\n"
                                       "la,909,,cla rate,2024,40\n"
                                       "national,,,cla rate,2024,x\n"
                                       "region,,GL,cla rate,2024,61.5\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "ind.csv: indicators: 3 inserted, 0 updated, 0 unchanged, 0 rejected, 1 skipped");
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM indicator WHERE level = 'national' AND value IS NULL"), 1);
}

Test(import, stray_quote_fails_the_file_naming_its_line)
{
    const char *p = fx_file("h.csv", "date,name\n2025-01-01,ok\n2025-01-02,a \"b\" c\n2025-01-03,x\n");
    struct run_result r = fx_jib("import", "--skip-invalid", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "h.csv:3: malformed quoting");
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 0);
}

Test(import, unclosed_quote_fails_naming_the_line_it_opens)
{
    const char *p = fx_file("h.csv", "date,name\n2025-01-01,ok\n2025-01-02,\"open\n2025-01-03,x\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "h.csv:3: a quoted field is never closed");
    run_result_free(&r);
}

Test(import, more_than_fifty_errors_are_counted)
{
    char content[8192] = "date,name\n";
    for (int i = 0; i < 60; i++)
        strcat(content, "31/02/2025,x\n");
    struct run_result r = fx_jib("import", fx_file("h.csv", content), NULL);
    cr_assert_eq(r.status, 65);
    assert_err_has(&r, "h.csv:51: column 'date'");
    cr_assert_null(strstr(r.err, "h.csv:52:"));
    assert_err_has(&r, "... and 10 more errors");
    run_result_free(&r);
}

Test(import, database_failure_stops_the_file_with_exit_74_and_changes_nothing)
{
    authorities();
    fx_import_ok(fx_file("good.csv", FX_INSPECTIONS), NULL);
    char *before = fx_export("inspections");
    struct db *db = test_db_open(fx_db);
    /* A trigger that cannot be compiled makes every write to the table fail. */
    test_db_exec(db, "CREATE TRIGGER broken BEFORE INSERT ON inspection "
                     "BEGIN SELECT no_such_function(); END;");
    db_close(db);
    const char *p = fx_file("more.csv", FX_INSPECTIONS_HEADER
                            "301,ofsted,ilacs_short,2026-01-05,,,good,,,,,,,\n");
    struct run_result r = fx_jib("import", p, NULL);
    cr_assert_eq(r.status, 74, "%s", r.err);
    assert_err_has(&r, "the database failed");
    assert_err_has(&r, "nothing imported");
    run_result_free(&r);
    db = test_db_open(fx_db);
    test_db_exec(db, "DROP TRIGGER broken");
    db_close(db);
    char *after = fx_export("inspections");
    cr_assert_str_eq(after, before);
    free(before);
    free(after);
}

Test(import, read_only_database_refuses_the_import_with_exit_73)
{
    authorities();
    char *before = fx_export("authorities");
    const char *p = fx_file("more.csv", "la_code,name,region_code\n999,Nowhere,XX\n");
    struct run_result r = fx_jib("--read-only", "import", p, NULL);
    cr_assert_eq(r.status, 73, "%s", r.err);
    assert_err_has(&r, "read-only; nothing can be imported");
    run_result_free(&r);
    char *after = fx_export("authorities");
    cr_assert_str_eq(after, before);
    free(before);
    free(after);
}
