/* Errors, one way: core/ fills a kind and a message; tui/ alone maps the kind
 * to an exit code and prints. */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <unistd.h>

#include "core/authority.h"
#include "core/error.h"
#include "core/policy.h"
#include "tests/test_import_helpers.h"
#include "tui/cli.h"

TestSuite(errors, .init = fx_setup, .fini = fx_teardown);

Test(errors, error_set_fills_kind_and_message_and_returns_the_kind)
{
    struct error e;
    cr_assert_eq(error_set(&e, ERROR_BUSY, "the database %s is busy", "x.db"), ERROR_BUSY);
    cr_assert_eq(e.kind, ERROR_BUSY);
    cr_assert_str_eq(e.message, "the database x.db is busy");
    cr_assert_eq(error_set(NULL, ERROR_IO, "ignored"), ERROR_IO);
}

Test(errors, each_kind_has_one_exit_code)
{
    cr_assert_eq(cli_exit_code(ERROR_NONE), 0);
    cr_assert_eq(cli_exit_code(ERROR_USAGE), 64);
    cr_assert_eq(cli_exit_code(ERROR_DATA), 65);
    cr_assert_eq(cli_exit_code(ERROR_NOT_FOUND), 66);
    cr_assert_eq(cli_exit_code(ERROR_INTERNAL), 70);
    cr_assert_eq(cli_exit_code(ERROR_IO), 74);
    cr_assert_eq(cli_exit_code(ERROR_BUSY), 75);
}

Test(errors, an_unreadable_import_log_is_one_message_and_exit_74)
{
    fx_import_ok(fx_file("h.csv", "date,name\n2025-12-25,Christmas Day\n"), NULL);
    struct db *db = test_db_open(fx_db);
    test_db_exec(db, "DROP TABLE import_log");
    db_close(db);
    struct run_result r = fx_jib("imports", NULL);
    cr_assert_eq(r.status, 74, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "jib: reading the import log: no such table"), "%s", r.err);
    cr_assert_eq(strchr(r.err, '\n'), r.err + strlen(r.err) - 1, "more than one line:\n%s", r.err);
    run_result_free(&r);
}

Test(errors, every_kind_maps_to_the_exit_code_users_saw_before)
{
    /* The two kinds added for codes the six could not keep. */
    cr_assert_eq(cli_exit_code(ERROR_UNAVAILABLE), 69);
    cr_assert_eq(cli_exit_code(ERROR_CANNOT_CREATE), 73);
    /* Every kind has its own code, and none is 0 but ERROR_NONE. */
    static const enum error_kind all[] = {ERROR_USAGE, ERROR_NOT_FOUND, ERROR_DATA,
                                          ERROR_BUSY, ERROR_IO, ERROR_INTERNAL,
                                          ERROR_UNAVAILABLE, ERROR_CANNOT_CREATE};
    size_t n = sizeof all / sizeof *all;
    for (size_t i = 0; i < n; i++) {
        cr_assert_neq(cli_exit_code(all[i]), 0);
        for (size_t j = i + 1; j < n; j++)
            cr_assert_neq(cli_exit_code(all[i]), cli_exit_code(all[j]), "kinds %d and %d",
                          all[i], all[j]);
    }
}

Test(errors, the_status_line_shows_the_first_line_of_a_message_without_the_prefix)
{
    struct error e;
    char text[128];
    error_set(&e, ERROR_DATA, "'Kingston' matches 2 authorities:\n  314 Kingston upon Thames");
    cli_status_text(&e, text, sizeof text);
    cr_assert_str_eq(text, "'Kingston' matches 2 authorities: ...");
    error_set(&e, ERROR_BUSY, "the database x.db is busy");
    cli_status_text(&e, text, sizeof text);
    cr_assert_str_eq(text, "the database x.db is busy");
}

/* ---- database errors are never "no authority matches" nor the defaults ---- */

static void world(void)
{
    fx_import_ok(fx_file("authorities.csv", FX_AUTHORITIES), NULL);
    fx_import_ok(fx_file("i.csv", FX_INSPECTIONS), NULL);
}

static void sql(const char *text)
{
    struct db *db = test_db_open(fx_db);
    test_db_exec(db, text);
    db_close(db);
}

/* The authority table replaced by a view whose one row fails when its name is
 * read (integer overflow at step time): the statement prepares, then fails. */
static void authority_row_fails_when_read(void)
{
    sql("PRAGMA foreign_keys = OFF;"
        "ALTER TABLE authority RENAME TO authority_kept;"
        "CREATE VIEW authority AS SELECT la_code, ons_code, ofsted_urn,"
        " CASE WHEN la_code = '839' THEN abs(-9223372036854775807 - 1) ELSE name END AS name,"
        " region_code, region_name, la_type, aliases, stat_neighbours, import_id"
        " FROM authority_kept;");
}

static void assert_one_database_message(const struct run_result *r, int status, const char *part)
{
    cr_assert_eq(r->status, status, "exit %d: %s", r->status, r->err);
    cr_assert(strstr(r->err, part), "stderr lacks \"%s\":\n%s", part, r->err);
    cr_assert(!strstr(r->err, "no authority matches"), "%s", r->err);
    cr_assert_eq(strncmp(r->err, "jib: ", 5), 0, "%s", r->err);
    cr_assert_eq(strstr(r->err, "jib: jib: "), NULL, "%s", r->err);
}

Test(errors, a_failed_name_lookup_is_a_database_error_not_no_authority_matches)
{
    world();
    authority_row_fails_when_read();
    struct run_result r = fx_jib("show", "Bournemouth", NULL);
    assert_one_database_message(&r, 70, "jib: cannot read authorities: integer overflow");
    run_result_free(&r);
    r = fx_jib("plan", "Bournemouth", NULL);
    assert_one_database_message(&r, 70, "cannot read authorities: integer overflow");
    run_result_free(&r);
    r = fx_jib("brief", "Bournemouth", NULL);
    assert_one_database_message(&r, 70, "cannot read authorities: integer overflow");
    run_result_free(&r);
}

Test(errors, authority_match_reports_a_database_error_for_the_dashboard_search)
{
    world();
    authority_row_fails_when_read();
    struct db *db = test_db_open(fx_db);
    struct authority_matches m;
    struct error e;
    cr_assert_eq(authority_match(db, "Bournemouth", &m, &e), ERROR_INTERNAL);
    cr_assert(strstr(e.message, "integer overflow"), "%s", e.message);
    char code[LA_CODE_MAX];
    cr_assert_eq(authority_resolve(db, "Bournemouth", code, &e), ERROR_INTERNAL);
    cr_assert(!strstr(e.message, "no authority matches"), "%s", e.message);
    db_close(db);
}

Test(errors, a_dropped_authority_table_is_a_database_error_naming_it)
{
    world();
    sql("PRAGMA foreign_keys = OFF; DROP TABLE authority;");
    struct run_result r = fx_jib("show", "301", NULL);
    assert_one_database_message(&r, 70, "no such table: authority");
    run_result_free(&r);
}

/* policy replaced by a view whose second row fails when read */
static void policy_row_fails_when_read(void)
{
    sql("ALTER TABLE policy RENAME TO policy_kept;"
        "CREATE VIEW policy AS SELECT key,"
        " CASE WHEN key = 'window_months' THEN abs(-9223372036854775807 - 1) ELSE value END"
        " AS value FROM policy_kept;");
}

Test(errors, a_policy_that_cannot_be_read_is_an_error_never_the_defaults)
{
    world();
    policy_row_fails_when_read();
    struct db *db = test_db_open(fx_db);
    struct policy p;
    struct error e;
    cr_assert_neq(policy_load(db, &p, &e), 0);
    cr_assert(strstr(e.message, "cannot read the policy: integer overflow"), "%s", e.message);
    db_close(db);
    struct run_result r = fx_jib("policy", NULL);
    assert_one_database_message(&r, 70, "jib: cannot read the policy: integer overflow");
    cr_assert_str_eq(r.out, "");
    run_result_free(&r);
    /* (the whole list may come from the day's stored list: a filter computes it) */
    r = fx_jib("due", "--status", "overdue", NULL);
    assert_one_database_message(&r, 70, "cannot read the policy");
    cr_assert_str_eq(r.out, "");
    run_result_free(&r);
    r = fx_jib("availability", NULL);
    assert_one_database_message(&r, 70, "cannot read the policy: integer overflow");
    run_result_free(&r);
}

Test(errors, a_corrupted_database_gives_74_and_a_database_message_not_no_match)
{
    world();
    /* everything after the first page overwritten */
    struct db *db = test_db_open(fx_db);
    long long pages = test_db_int(db, "PRAGMA page_count");
    long long size = test_db_int(db, "PRAGMA page_size");
    db_close(db);
    int fd = open(fx_db, O_WRONLY);
    cr_assert(fd >= 0);
    char junk[4096];
    memset(junk, 0xff, sizeof junk);
    for (long long off = size; off < pages * size; off += (long long)sizeof junk)
        cr_assert_eq(pwrite(fd, junk, sizeof junk, (off_t)off), (ssize_t)sizeof junk);
    close(fd);
    const char *commands[][2] = {{"show", "Bournemouth"}, {"plan", "839"}, {"due", NULL},
                                 {"policy", NULL}, {"monitoring", NULL}};
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        struct run_result r = fx_jib(commands[i][0], commands[i][1], NULL);
        cr_assert_eq(r.status, 74, "%s: exit %d: %s", commands[i][0], r.status, r.err);
        cr_assert(strstr(r.err, "malformed") || strstr(r.err, "damaged"), "%s: %s",
                  commands[i][0], r.err);
        cr_assert(!strstr(r.err, "no authority matches"), "%s", r.err);
        cr_assert_str_eq(r.out, "", "%s printed:\n%s", commands[i][0], r.out);
        run_result_free(&r);
    }
}

Test(errors, an_unreadable_reference_date_is_an_error_never_the_local_date)
{
    world();
    sql("ALTER TABLE meta RENAME TO meta_kept;"
        "CREATE VIEW meta AS SELECT key, abs(-9223372036854775807 - 1) AS value FROM meta_kept"
        " UNION ALL SELECT 'reference_date', abs(-9223372036854775807 - 1);");
    struct run_result r = fx_jib("due", "--status", "overdue", NULL);
    assert_one_database_message(&r, 70, "cannot read the database's settings: integer overflow");
    cr_assert_str_eq(r.out, "");
    run_result_free(&r);
    /* --today given: the stored date is not needed */
    r = fx_jib("--today", "2026-09-14", "monitoring", NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    run_result_free(&r);
}

Test(errors, unreadable_rejected_rows_are_an_error_never_no_gap)
{
    world();
    sql("ALTER TABLE history_gap RENAME TO history_gap_kept;"
        "CREATE VIEW history_gap AS SELECT la_code, abs(-9223372036854775807 - 1) AS date,"
        " field, file, line FROM history_gap_kept UNION ALL SELECT '301',"
        " abs(-9223372036854775807 - 1), 'x', 'f.csv', 2;");
    struct run_result r = fx_jib("--today", "2026-09-14", "due", "--status", "overdue", NULL);
    assert_one_database_message(&r, 70, "cannot read the rejected rows: integer overflow");
    run_result_free(&r);
}

/* ---- the layers: core/ reports, tui/ prints and picks exit codes ---- */

static bool word_before(const char *src, const char *at)
{
    return at > src && (isalnum((unsigned char)at[-1]) || at[-1] == '_');
}

/* Appends "file:line: what" for each occurrence of needle that is a word start. */
static void find_all(const char *file, const char *src, const char *needle, const char *what,
                     char *problems, size_t len)
{
    for (const char *at = strstr(src, needle); at; at = strstr(at + 1, needle)) {
        if (isalnum((unsigned char)needle[0]) && word_before(src, at))
            continue;
        long line = 1;
        for (const char *p = src; p < at; p++)
            line += *p == '\n';
        size_t used = strlen(problems);
        snprintf(problems + used, len - used, "core/%s:%ld: %s\n", file, line, what);
    }
}

Test(errors, core_has_no_exit_codes_no_jib_prefix_and_prints_nothing)
{
    char dir[4200], problems[8192] = "";
    snprintf(dir, sizeof dir, "%s/core", test_root());
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "%s", dir);
    int files = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (n < 3 || (strcmp(e->d_name + n - 2, ".c") != 0 && strcmp(e->d_name + n - 2, ".h") != 0))
            continue;
        char path[4500];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *src = test_source_without_comments(path);
        cr_assert_not_null(src, "%s", path);
        find_all(e->d_name, src, "EX_", "a sysexits code (tui/ maps kinds to exit codes)",
                 problems, sizeof problems);
        find_all(e->d_name, src, "exit(", "exits (tui/ decides)", problems, sizeof problems);
        find_all(e->d_name, src, "\"jib: ", "the \"jib: \" prefix (tui/ adds it)", problems,
                 sizeof problems);
        static const char *const printing[] = {"printf(", "fprintf(", "vfprintf(", "puts(",
                                               "fputs(", "putchar(", "fputc(", "perror(",
                                               "fwrite(", "stdout", "stderr"};
        for (size_t i = 0; i < sizeof printing / sizeof *printing; i++)
            find_all(e->d_name, src, printing[i], "prints (only tui/ prints)", problems,
                     sizeof problems);
        static const char *const flags[] = {"--skip-invalid", "--book", "--weeks", "--count",
                                            "--replace", "--today", "--format", "--map"};
        for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
            find_all(e->d_name, src, flags[i], "names a command-line option (tui/ adds hints)",
                     problems, sizeof problems);
        free(src);
        files++;
    }
    closedir(d);
    cr_assert_gt(files, 20, "core/ not found in %s", dir);
    cr_assert_str_eq(problems, "", "%s", problems);
}

/* The checker itself finds what it looks for. */
Test(errors, the_core_layer_check_finds_each_kind_of_problem)
{
    char problems[1024] = "";
    const char *src = "int f(void)\n{\n    fprintf(stderr, \"jib: x\");\n    return EX_IOERR_;\n}\n";
    find_all("x.c", src, "fprintf(", "prints", problems, sizeof problems);
    find_all("x.c", src, "stderr", "prints", problems, sizeof problems);
    find_all("x.c", src, "\"jib: ", "prefix", problems, sizeof problems);
    find_all("x.c", src, "EX_", "code", problems, sizeof problems);
    find_all("x.c", src, "printf(", "prints", problems, sizeof problems); /* part of fprintf */
    cr_assert_str_eq(problems, "core/x.c:3: prints\ncore/x.c:3: prints\ncore/x.c:3: prefix\n"
                               "core/x.c:4: code\n");
}
