/* SPEC section 5 end to end on a real pseudo-terminal: the real binary runs in
 * a private tmux server (tmux is a test-only dependency; the suite is skipped
 * without it). Waits poll the pane with a bound instead of fixed sleeps. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "tests/support.h"

static char *dir, *db_path, sock[64];
static bool have_tmux;

/* Runs tmux on this suite's own server; returns its stdout (malloc'd). */
static char *tmux(const char *fmt, ...)
{
    char args[4096], cmd[4400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "tmux -L %s %s 2>&1", sock, args);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    size_t cap = 1 << 16, n = 0, got;
    char *out = malloc(cap);
    while ((got = fread(out + n, 1, cap - n - 1, p)) > 0)
        n += got;
    out[n] = '\0';
    pclose(p);
    return out;
}

static char *capture(void) { return tmux("capture-pane -p -t jib"); }

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Polls the pane until it shows text (at most 10 s). Returns the screen. */
static char *wait_for(const char *text)
{
    for (int i = 0; i < 200; i++) {
        char *screen = capture();
        if (strstr(screen, text))
            return screen;
        free(screen);
        sleep_ms(50);
    }
    char *screen = capture();
    cr_assert_fail("timed out waiting for '%s'; the pane shows:\n%s", text, screen);
    return NULL;
}

static void keys(const char *k) { free(tmux("send-keys -t jib %s", k)); }

static void setup(void)
{
    have_tmux = access("/usr/bin/tmux", X_OK) == 0 || access("/usr/local/bin/tmux", X_OK) == 0;
    snprintf(sock, sizeof sock, "jibtest-%d", (int)getpid());
    dir = test_tmpdir();
    db_path = test_path(dir, "jib.db");
    struct db *db = test_db_open(db_path);
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/screens/fixture.sql", test_root());
    char *sql = test_read_file(path);
    cr_assert_not_null(sql);
    test_db_exec(db, sql);
    free(sql);
    db_close(db);
}

static void teardown(void)
{
    if (have_tmux)
        free(tmux("kill-server"));
    free(db_path);
    test_tmpdir_remove(dir);
}

TestSuite(tty, .init = setup, .fini = teardown, .timeout = 60);

/* Starts jib in a 100x30 pane; the pane then prints jib's exit status and
 * stays open so the restored screen can be read. */
static void start_jib(void)
{
    if (!have_tmux)
        cr_skip_test("tmux is not installed");
    const char *bin = getenv("JIB_BIN");
    char *out = tmux("new-session -d -s jib -x 100 -y 30 "
                     "\"env LC_ALL=C.UTF-8 TERM=screen %s --db %s --today 2026-09-14; "
                     "echo EXIT=\\$?; sleep 60\"",
                     bin && *bin ? bin : "./jib", db_path);
    free(out);
    free(wait_for("la_code"));
}

static void expect_exit_and_restored(const char *exit_text)
{
    free(wait_for(exit_text));
    char *alt = tmux("display-message -p -t jib '#{alternate_on}'");
    cr_assert_eq(alt[0], '0', "the alternate screen is still on: %s", alt);
    free(alt);
    char *screen = capture();
    cr_assert_null(strstr(screen, "la_code"), "the dashboard is still on screen:\n%s", screen);
    free(screen);
}

/* jib's process: the pane's shell's child. */
static pid_t jib_pid(void)
{
    char *pane = tmux("display-message -p -t jib '#{pane_pid}'");
    int shell = atoi(pane);
    free(pane);
    char path[128];
    snprintf(path, sizeof path, "/proc/%d/task/%d/children", shell, shell);
    char *children = test_read_file(path);
    cr_assert(children && *children, "no child of the pane's shell");
    pid_t pid = (pid_t)atoi(children);
    free(children);
    return pid;
}

Test(tty, move_search_detail_resize_and_q_restore_the_terminal)
{
    start_jib();
    keys("j");
    keys("/ B e x l e y Enter");
    char *s = wait_for(">303");
    free(s);
    keys("Enter");
    free(wait_for("Inspection history"));
    free(tmux("resize-window -t jib -x 60 -y 20"));
    s = wait_for("Bexley (303)");
    /* Laid out again: the status line is on the pane's new last row. */
    char *last = s + strlen(s);
    while (last > s && last[-1] == '\n')
        last--;
    int rows = 1;
    for (char *p = s; p < last; p++)
        rows += *p == '\n';
    while (last > s && last[-1] != '\n')
        last--;
    cr_assert_eq(rows, 20, "pane rows after the resize:\n%s", s);
    cr_assert(strncmp(last, "line 1/", 7) == 0, "status line not at the bottom:\n%s", s);
    free(s);
    keys("q");
    free(wait_for("la_code"));
    keys("q");
    expect_exit_and_restored("EXIT=0");
}

Test(tty, ctrl_c_restores_the_terminal)
{
    start_jib();
    keys("C-c");
    expect_exit_and_restored("EXIT=130");
}

Test(tty, sigterm_restores_the_terminal)
{
    start_jib();
    kill(jib_pid(), SIGTERM);
    expect_exit_and_restored("EXIT=143");
}

Test(tty, a_crash_restores_the_terminal)
{
    start_jib();
    kill(jib_pid(), SIGSEGV);
    expect_exit_and_restored("EXIT=139");
}

Test(tty, another_sessions_change_appears_and_the_cursor_stays_on_its_authority)
{
    start_jib();
    keys("G");
    free(wait_for(">303"));
    struct db *db = test_db_open(db_path);
    test_db_exec(db, "INSERT INTO authority(la_code, name, region_code, region_name)"
                     " VALUES('307', 'Zedtown', 'E12000002', 'North West')");
    db_close(db);
    char *s = wait_for("Zedtown");
    cr_assert(strstr(s, ">303"), "the cursor left Bexley:\n%s", s);
    cr_assert(strstr(s, "another session changed the database"), "%s", s);
    free(s);
    keys("q");
    expect_exit_and_restored("EXIT=0");
}

/* X10 mouse reports typed into the pane: ESC [ M, button + 32, column + 33,
 * row + 33 (both from 0). */
Test(tty, a_click_selects_a_row_and_the_wheel_scrolls)
{
    start_jib();
    keys("-l '\x1b[M !&'");
    keys("-l '\x1b[M#!&'");
    free(wait_for(">304"));
    keys("-l '\x1b[Ma!&'");
    free(wait_for("row 6/6"));
    keys("-l '\x1b[M`!&'");
    free(wait_for("row 3/6"));
    keys("q");
    expect_exit_and_restored("EXIT=0");
}
