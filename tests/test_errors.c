/* Errors, one way: core/ fills a kind and a message; tui/ alone maps the kind
 * to an exit code and prints. */
#include "core/error.h"
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
