/* $XDG_CONFIG_HOME/jib/config: default format, colours, key bindings; bad
 * lines are reported and skipped; the file is read, never written. */
#include <sys/stat.h>
#include <unistd.h>

#include "tests/test_import_helpers.h"

TestSuite(config, .init = fx_setup, .fini = fx_teardown);

static char cfg_env[4200];

static const char *write_config(const char *text)
{
    char *dir = test_path(fx_dir, "cfg"), *jib = test_path(dir, "jib");
    mkdir(dir, 0700);
    mkdir(jib, 0700);
    char *path = test_path(jib, "config");
    test_write_file(path, text);
    snprintf(cfg_env, sizeof cfg_env, "XDG_CONFIG_HOME=%s", dir);
    free(dir);
    free(jib);
    cr_assert(fx_npaths < 32);
    return fx_paths[fx_npaths++] = path;
}

static struct run_result run(const char *const *args)
{
    const char *all[16] = {"--db", fx_db, "--today", "2025-06-01"};
    size_t n = 4;
    for (size_t i = 0; args[i] && n < 15; i++)
        all[n++] = args[i];
    all[n] = NULL;
    const char *env[] = {cfg_env, "USER=tester", NULL};
    return test_run_jib(all, env);
}

#define RUN(...) run((const char *const[]){__VA_ARGS__, NULL})

static void data(void) { fx_import_ok(fx_file("a.csv", FX_AUTHORITIES), NULL); }

Test(config, format_sets_the_default_and_format_on_the_command_line_wins)
{
    data();
    write_config("# my settings\nformat = csv\n");
    struct run_result r = RUN("due");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strncmp(r.out, "la_code,authority,", 18) == 0, "%s", r.out);
    cr_assert_str_eq(r.err, "");
    run_result_free(&r);
    r = RUN("due", "--format", "json");
    cr_assert_eq(r.out[0], '[', "%s", r.out);
    run_result_free(&r);
}

Test(config, format_xlsx_is_the_default_where_a_file_is_named)
{
    data();
    write_config("format = xlsx\n");
    struct run_result r = RUN("due");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "la_code  authority"), "a table on the terminal:\n%s", r.out);
    run_result_free(&r);
    const char *out = fx_path("due.xlsx");
    r = RUN("due", "-o", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char *bytes = test_read_file(out);
    cr_assert(bytes && strncmp(bytes, "PK\x03\x04", 4) == 0, "not a workbook");
    free(bytes);
}

Test(config, bad_lines_are_reported_with_their_line_and_skipped)
{
    data();
    const char *path = write_config("format = csv\ncolour.good = green\ncolor.good = pink\n"
                                    "key.nope = x\nkey.quit = Ctrl-\njust words\n"
                                    "color.bad = blue\nkey.export = F5\n");
    struct run_result r = RUN("due");
    cr_assert_eq(r.status, 0, "%s", r.err);
    char want[4400];
    snprintf(want, sizeof want, "jib: %s:2: unknown setting 'colour.good'", path);
    cr_assert(strstr(r.err, want), "%s", r.err);
    snprintf(want, sizeof want, "jib: %s:3: color.good 'pink': use black, red", path);
    cr_assert(strstr(r.err, want), "%s", r.err);
    snprintf(want, sizeof want, "jib: %s:4: unknown action 'nope'", path);
    cr_assert(strstr(r.err, want), "%s", r.err);
    snprintf(want, sizeof want, "jib: %s:5: key.quit 'Ctrl-': a key is one character", path);
    cr_assert(strstr(r.err, want), "%s", r.err);
    snprintf(want, sizeof want, "jib: %s:6: expected KEY = VALUE; line ignored", path);
    cr_assert(strstr(r.err, want), "%s", r.err);
    cr_assert_null(strstr(r.err, ":7:"), "%s", r.err);
    cr_assert_null(strstr(r.err, ":8:"), "%s", r.err);
    cr_assert(strncmp(r.out, "la_code,", 8) == 0, "format still applied: %s", r.out);
    run_result_free(&r);
}

Test(config, key_bindings_add_keys_to_actions_in_the_dashboard)
{
    data();
    write_config("key.view-monitoring = m\nkey.quit = Q\n");
    const char *keys = fx_file("keys", "m\n:dump\n");
    char keys_env[4200];
    snprintf(keys_env, sizeof keys_env, "JIB_SCREEN_TEST=%s", keys);
    const char *env[] = {cfg_env, keys_env, "LINES=24", "COLUMNS=100", "TERM=xterm",
                         "LC_ALL=C.UTF-8", NULL};
    const char *args[] = {"--db", fx_db, "--today", "2025-06-01", "tui", NULL};
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "[2 Monitoring]"), "m opened Monitoring:\n%s", r.out);
    run_result_free(&r);
}

Test(config, the_file_is_read_never_written)
{
    data();
    const char *path = write_config("format = csv\n");
    cr_assert_eq(chmod(path, 0400), 0);
    struct stat before, after;
    cr_assert_eq(stat(path, &before), 0);
    sleep(1);
    struct run_result r = RUN("due");
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    r = RUN("policy", "set", "due_soon_days", "60");
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    cr_assert_eq(stat(path, &after), 0);
    cr_assert_eq(before.st_mtime, after.st_mtime);
    cr_assert_eq(before.st_mode, after.st_mode);
    char *text = test_read_file(path);
    cr_assert_str_eq(text, "format = csv\n");
    free(text);
    /* nothing else appears beside it */
    char *dir = test_path(fx_dir, "cfg/jib");
    char *other = test_path(dir, "config.tmp");
    cr_assert_eq(access(other, F_OK), -1);
    free(other);
    free(dir);
}

Test(config, no_file_is_fine_and_none_is_created)
{
    data();
    char *dir = test_path(fx_dir, "empty-config");
    snprintf(cfg_env, sizeof cfg_env, "XDG_CONFIG_HOME=%s", dir);
    struct run_result r = RUN("due");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.err, "");
    run_result_free(&r);
    cr_assert_eq(access(dir, F_OK), -1, "jib created %s", dir);
    free(dir);
}

Test(config, format_xlsx_makes_enter_at_the_dashboards_export_write_a_workbook)
{
    data();
    write_config("format = xlsx\n");
    cr_assert_eq(chdir(fx_dir), 0); /* exports land in the current directory */
    const char *keys = fx_file("keys", "e\n:dump\n<Enter>\n:dump\n");
    char keys_env[4200];
    snprintf(keys_env, sizeof keys_env, "JIB_SCREEN_TEST=%s", keys);
    const char *env[] = {cfg_env, keys_env, "LINES=24", "COLUMNS=120", "TERM=xterm",
                         "LC_ALL=C.UTF-8", NULL};
    const char *args[] = {"--db", fx_db, "--today", "2025-06-01", "tui", NULL};
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "(Enter xlsx, Esc cancels)"), "%s", r.out);
    cr_assert(strstr(r.out, "Exported 3 rows to jib-due-"), "%s", r.out);
    cr_assert(strstr(r.out, ".xlsx"), "%s", r.out);
    run_result_free(&r);
}
