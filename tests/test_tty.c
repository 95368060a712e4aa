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

/* ---- planning through the real binary ---- */

static long long db_count(const char *query)
{
    struct db *db = test_db_open(db_path);
    long long n = test_db_int(db, query);
    db_close(db);
    return n;
}

/* Another coordinator: `jib plan 301 --book` in its own process. */
static void book_elsewhere(void)
{
    const char *args[] = {"--db", db_path, "--today", "2026-09-14", "plan", "301", "--book", NULL};
    struct run_result r = test_run_jib(args, (const char *const[]){"USER=bob", NULL});
    cr_assert_eq(r.status, 0, "the other coordinator's booking failed: %s", r.err);
    run_result_free(&r);
}

/* No inspector booked twice on overlapping days. */
static const char double_booked_sql[] =
    "SELECT count(*) FROM absence a JOIN absence b ON a.inspector_id = b.inspector_id"
    " AND a.absence_id < b.absence_id AND a.kind = 'booked' AND b.kind = 'booked'"
    " AND a.from_date <= b.to_date AND b.from_date <= a.to_date";

Test(tty, p_then_enter_and_y_books_a_window_in_the_database)
{
    start_jib();
    keys("j Enter");
    free(wait_for("Inspection history"));
    keys("p");
    free(wait_for("> Windows 301"));
    keys("Enter");
    free(wait_for("(y/n)"));
    keys("y");
    char *s = wait_for("Booked plan 1");
    cr_assert(strstr(s, "> Detail 301"), "back on the authority:\n%s", s);
    free(s);
    cr_assert_eq(db_count("SELECT count(*) FROM plan WHERE la_code = '301' AND status = 'booked'"),
                 1);
    cr_assert_eq(db_count("SELECT count(*) FROM absence WHERE kind = 'booked'"), 8);
    keys("q");
    free(wait_for("la_code"));
    keys("q");
    expect_exit_and_restored("EXIT=0");
}

Test(tty, a_lost_race_books_nothing_and_says_another_coordinator_took_an_inspector)
{
    start_jib();
    keys("j Enter");
    free(wait_for("Inspection history"));
    keys("p");
    free(wait_for("> Windows 301"));
    keys("Enter");
    free(wait_for("Book window 1"));
    /* While the question is open, another coordinator books the same team. */
    book_elsewhere();
    keys("y");
    char *s = wait_for("Not booked: Inspector");
    cr_assert(strstr(s, "no longer free"), "%s", s);
    free(s);
    cr_assert_eq(db_count("SELECT count(*) FROM plan"), 1, "only the other coordinator's plan");
    cr_assert_eq(db_count("SELECT count(*) FROM plan WHERE booked_by = 'bob'"), 1);
    cr_assert_eq(db_count(double_booked_sql), 0, "nobody double-booked");
    /* The windows are found again with who is free now. */
    s = wait_for("> Windows 301");
    cr_assert_null(strstr(s, "2026-09-14..09-18"), "the taken week is gone:\n%s", s);
    free(s);
    keys("q"); /* windows, detail, then the dashboard */
    free(wait_for("Inspection history"));
    keys("q");
    free(wait_for("la_code"));
    keys("q");
    expect_exit_and_restored("EXIT=0");
}

Test(tty, another_coordinators_booking_appears_in_teams_plans_and_the_detail)
{
    start_jib();
    keys("3");
    free(wait_for("3/3/3 ok"));
    book_elsewhere();
    char *s = wait_for("0/3/3 short");
    cr_assert(strstr(s, "another session changed the database"), "%s", s);
    free(s);
    keys("4");
    free(wait_for("Barking and Dagenham booked"));
    keys("1");
    keys("j Enter");
    free(wait_for("Inspection history"));
    keys("G");
    free(wait_for("#1 2026-09-14 to 2026-10-11 jtai booked, booked by bob"));
    /* A cancellation elsewhere shows in the open detail too. */
    const char *args[] = {"--db", db_path, "cancel", "1", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    free(wait_for("jtai cancelled"));
    keys("q");
    keys("q");
    expect_exit_and_restored("EXIT=0");
}

Test(tty, another_coordinators_booking_moves_the_open_windows)
{
    start_jib();
    keys("j Enter");
    free(wait_for("Inspection history"));
    keys("p");
    free(wait_for(">1 2026-09-14..10-11"));
    book_elsewhere();
    /* The first window's team now goes on site once the booked week is over. */
    char *s = wait_for(">1 2026-09-14..10-11 ofsted        OF1 Inspector A 2026-09-28..10-02");
    cr_assert(strstr(s, "another session changed the database"), "%s", s);
    free(s);
    keys("q");
    free(wait_for("Inspection history"));
    keys("q");
    free(wait_for("la_code"));
    keys("q");
    expect_exit_and_restored("EXIT=0");
}
