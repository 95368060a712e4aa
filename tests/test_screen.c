/* SPEC section 5, the dashboard, on a virtual terminal (tig's model): the real
 * binary plays a key script (JIB_SCREEN_TEST) and dumps the screen text, which
 * is compared with tests/screens/NAME.txt. JIB_UPDATE_SCREENS=1 rewrites the
 * expected screens (read the diff before committing them). */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/db.h"
#include "tests/support.h"
#include "tui/actions.h"

static char *dir, *db_path;

static void make_fixture(void)
{
    dir = test_tmpdir();
    /* Run inside the directory so the status line shows "jib.db", the same
     * wherever the test runs, and exports land there. */
    cr_assert_eq(chdir(dir), 0);
    db_path = strdup("jib.db");
    struct db *db = test_db_open(db_path);
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/screens/fixture.sql", test_root());
    char *sql = test_read_file(path);
    cr_assert_not_null(sql, "missing %s", path);
    test_db_exec(db, sql);
    free(sql);
    db_close(db);
}

static void remove_fixture(void)
{
    free(db_path);
    test_tmpdir_remove(dir);
}

TestSuite(screen, .init = make_fixture, .fini = remove_fixture, .timeout = 20);

struct screen_run {
    int lines, cols;
    const char *locale;   /* LC_ALL; C.UTF-8 unless given */
    const char *today;    /* --today; 2026-09-14 unless given */
    const char *extra[4]; /* more arguments before the command, NULL-ended */
    const char *env[4];   /* more environment, NULL-ended */
};

/* Plays keys and returns the dump (malloc'd); asserts a clean exit. */
static char *play(const char *keys, const struct screen_run *o)
{
    char *keys_path = test_path(dir, "keys");
    test_write_file(keys_path, keys);
    char e_keys[4200], e_lines[32], e_cols[32], e_locale[64];
    snprintf(e_keys, sizeof e_keys, "JIB_SCREEN_TEST=%s", keys_path);
    snprintf(e_lines, sizeof e_lines, "LINES=%d", o->lines ? o->lines : 24);
    snprintf(e_cols, sizeof e_cols, "COLUMNS=%d", o->cols ? o->cols : 100);
    snprintf(e_locale, sizeof e_locale, "LC_ALL=%s", o->locale ? o->locale : "C.UTF-8");
    const char *env[12] = {e_keys, e_lines, e_cols, e_locale, "TERM=xterm", "TZ=UTC"};
    size_t n = 6;
    for (size_t i = 0; i < 4 && o->env[i]; i++)
        env[n++] = o->env[i];
    const char *args[12] = {"--db", db_path, "--today", o->today ? o->today : "2026-09-14"};
    size_t a = 4;
    for (size_t i = 0; i < 4 && o->extra[i]; i++)
        args[a++] = o->extra[i];
    args[a++] = "tui";
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 0, "jib exited %d: %s", r.status, r.err);
    char *out = r.out;
    r.out = NULL;
    run_result_free(&r);
    free(keys_path);
    return out;
}

/* Compares a dump with tests/screens/NAME.txt (or rewrites it). */
static void expect_screen(const char *name, const char *dump)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/screens/%s.txt", test_root(), name);
    const char *update = getenv("JIB_UPDATE_SCREENS");
    if (update && strcmp(update, "1") == 0)
        test_write_file(path, dump);
    char *want = test_read_file(path);
    cr_assert_not_null(want, "no expected screen %s (run with JIB_UPDATE_SCREENS=1)", path);
    cr_assert_str_eq(dump, want, "screen %s differs.\n--- got:\n%s--- want:\n%s", name, dump, want);
    free(want);
}

/* The line of the dump holding the cursor marker '>' in the first column. */
static char *cursor_line(const char *dump)
{
    static char line[1024];
    const char *p = strstr(dump, "\n>");
    cr_assert_not_null(p, "no cursor row in:\n%s", dump);
    size_t n = strcspn(p + 1, "\n");
    snprintf(line, sizeof line, "%.*s", (int)n, p + 1);
    return line;
}

/* ---- views ---- */

Test(screen, due_is_the_home_view_never_inspected_first_then_due_date)
{
    char *d = play(":dump\n", &(struct screen_run){0});
    expect_screen("due_home", d);
    cr_assert(strstr(d, "[1 Due]"));
    cr_assert_lt(strstr(d, "Newtown"), strstr(d, "Barking"), "never_inspected first");
    cr_assert_lt(strstr(d, "Barnet"), strstr(d, "Bexley"), "then by due date");
    free(d);
}

Test(screen, down_moves_the_cursor_marker)
{
    char *d = play("jj\n:dump\n", &(struct screen_run){0});
    expect_screen("due_down_twice", d);
    cr_assert(strstr(cursor_line(d), "Saint H"), "cursor on the third row: %s", d);
    free(d);
}

Test(screen, end_and_home_jump_to_last_and_first_row)
{
    char *d = play("G\n:dump\ng\n:dump\n", &(struct screen_run){0});
    char *second = strstr(d, "----\n");
    cr_assert_not_null(second);
    *second = '\0';
    cr_assert(strstr(cursor_line(d), "Bexley"), "G: last row");
    cr_assert(strstr(cursor_line(second + 5), "Newtown"), "g: first row");
    free(d);
}

Test(screen, enter_opens_the_authority_detail)
{
    char *d = play("j<Enter>\n:dump\n", &(struct screen_run){.lines = 52});
    expect_screen("detail_301", d);
    cr_assert(strstr(d, "Barking and Dagenham (301)"));
    cr_assert(strstr(d, "hmi_prisons   no inspections on record"), "all five inspectorates");
    cr_assert(strstr(d, "\xe2\x96\x81"), "sparklines drawn with blocks");
    cr_assert(strstr(d, "Delays in health assessments"), "concerns");
    cr_assert(strstr(d, "2014-06-01  ofsted        sif              overall inadequate\n"
                        "              leaders inadequate, partnership inadequate"),
              "the shared partnership judgement in the timeline:\n%s", d);
    free(d);
}

Test(screen, detail_uses_ascii_outside_utf8_locales)
{
    char *d = play("j<Enter>\n:dump\n<Esc>j<Enter>\n:dump\n",
                   &(struct screen_run){.lines = 40, .locale = "C"});
    expect_screen("detail_ascii", d);
    cr_assert_null(strstr(d, "\xe2"), "no UTF-8 in a C locale:\n%s", d);
    cr_assert(strstr(d, "Saint H?l?ne"), "non-ASCII replaced");
    cr_assert(strstr(d, "this LA    =+*#"), "ASCII sparkline:\n%s", d);
    free(d);
}

Test(screen, escape_returns_from_the_detail)
{
    char *d = play("j<Enter><Esc>\n:dump\n", &(struct screen_run){0});
    cr_assert(strstr(d, "[1 Due]"));
    cr_assert(strstr(cursor_line(d), "Barking"), "the cursor is where it was");
    free(d);
}

Test(screen, q_in_the_detail_goes_back_not_out)
{
    char *d = play("<Enter>q\n:dump\n", &(struct screen_run){0});
    cr_assert(strstr(d, "la_code"), "back on the Due list:\n%s", d);
    free(d);
}

Test(screen, two_shows_monitoring)
{
    char *d = play("2\n:dump\n", &(struct screen_run){0});
    expect_screen("monitoring", d);
    cr_assert(strstr(d, "[2 Monitoring]"));
    cr_assert(strstr(d, "visit_overdue"));
    free(d);
}

Test(screen, three_shows_teams_against_the_required_team)
{
    char *d = play("3\n:dump\n", &(struct screen_run){0});
    expect_screen("teams", d);
    cr_assert(strstr(d, "2/3/3 short"), "free/total/required: one Ofsted inspector on leave");
    cr_assert(strstr(d, "3/3/3 ok"));
    cr_assert(strstr(d, "0/0/0 -"), "none required");
    free(d);
}

Test(screen, four_shows_plans_or_says_there_are_none)
{
    char *d = play("4\n:dump\n", &(struct screen_run){0});
    expect_screen("plans_empty", d);
    cr_assert(strstr(d, "No plans yet"));
    free(d);
}

Test(screen, five_shows_the_import_log)
{
    char *d = play("5\n:dump\n", &(struct screen_run){0});
    expect_screen("imports", d);
    cr_assert(strstr(d, "failed"));
    free(d);
}

Test(screen, tab_cycles_through_the_views)
{
    char *d = play("<Tab><Tab>\n:dump\n<Tab><Tab><Tab>\n:dump\n", &(struct screen_run){0});
    cr_assert(strstr(d, "[3 Teams]"));
    cr_assert(strstr(strstr(d, "----"), "[1 Due]"), "wraps round to Due");
    free(d);
}

Test(screen, help_lists_every_action_of_the_action_table)
{
    char *d = play("?\n:dump\n", &(struct screen_run){.lines = 50, .cols = 120});
    expect_screen("help", d);
    for (size_t i = 0; i < action_count; i++) {
        cr_assert(strstr(d, actions[i].keys_label), "help lacks %s", actions[i].keys_label);
        cr_assert(strstr(d, actions[i].description), "help lacks %s", actions[i].description);
    }
    free(d);
}

/* ---- planning: Teams, windows and booking, Plans ---- */

static void sql(const char *text)
{
    struct db *db = test_db_open(db_path);
    test_db_exec(db, text);
    db_close(db);
}

static long long count(const char *query)
{
    struct db *db = test_db_open(db_path);
    long long n = test_db_int(db, query);
    db_close(db);
    return n;
}

/* Every line of a dump fits the width. */
static void assert_fits(const char *d, int cols)
{
    for (const char *line = d; *line;) {
        size_t n = strcspn(line, "\n");
        cr_assert_leq(n, (size_t)cols, "a line wider than %d:\n%.*s", cols, (int)n, line);
        line += n + (line[n] == '\n');
    }
}

Test(screen, teams_says_per_week_whether_a_joint_window_can_start_and_fits_80_columns)
{
    /* The only probation inspector is away from October: windows starting then
     * cannot field a team, while 2026-09-28's can still use its first week. */
    sql("INSERT INTO absence(inspector_id, from_date, to_date, kind) VALUES"
        " ('PR1', '2026-10-05', '2027-03-31', 'leave')");
    char *d = play("3\n:dump\n", &(struct screen_run){.cols = 80});
    expect_screen("teams_80_no_joint_window", d);
    assert_fits(d, 80);
    cr_assert(strstr(d, "hmi_prisons"), "every column in 80 columns:\n%s", d);
    cr_assert(strstr(d, "2026-09-28 yes"));
    cr_assert(strstr(d, "2026-10-05 no    3/3/3 ok    1/2/2 short 2/2/2 ok 0/1/1 short"), "%s", d);
    free(d);
}

Test(screen, enter_on_a_teams_cell_lists_who_is_free_and_never_for_whom_one_is_booked)
{
    sql("INSERT INTO plan(plan_id, la_code, window_start, window_end, type, status)"
        " VALUES (1, '302', '2026-09-21', '2026-10-18', 'jtai', 'booked');"
        "INSERT INTO plan_member VALUES (1, 'ofsted', 'OF2', '2026-09-21', '2026-09-25');"
        "INSERT INTO absence(inspector_id, from_date, to_date, kind, plan_id)"
        " VALUES ('OF2', '2026-09-21', '2026-09-25', 'booked', 1)");
    /* week 2026-09-21, column ofsted */
    char *d = play("3jll<Enter>\n:dump\n<Esc>h<Enter>\n:dump\n", &(struct screen_run){.cols = 80});
    expect_screen("teams_who_is_free", d);
    char *second = strstr(d, "----\n");
    cr_assert_not_null(second);
    *second = '\0';
    cr_assert(strstr(d, "> Free 2026-09-21 ofsted"), "%s", d);
    cr_assert(strstr(d, ">OF3          Inspector C free         5/5"), "the free first:\n%s", d);
    cr_assert(strstr(d, "OF1          Inspector A away         0/5"), "%s", d);
    cr_assert(strstr(d, "OF2          Inspector B booked       0/5"), "%s", d);
    cr_assert_null(strstr(d, "CQ1"), "one inspectorate");
    cr_assert_null(strstr(d, "Barnet"), "plans are confidential");
    cr_assert_null(strstr(d, "302"), "plans are confidential");
    cr_assert(strstr(second + 5, "> Free 2026-09-21"), "the joint column: every inspectorate");
    cr_assert(strstr(second + 5, "PR1"), "every inspectorate:\n%s", second + 5);
    free(d);
}

Test(screen, p_in_the_detail_shows_the_joint_windows_with_their_teams)
{
    char *d = play("j<Enter>p\n:dump\n", &(struct screen_run){.cols = 80});
    expect_screen("windows_301", d);
    assert_fits(d, 80);
    cr_assert(strstr(d, "> Windows 301"));
    cr_assert(strstr(d, ">1 2026-09-14..10-11 ofsted        OF1 Inspector A 2026-09-14..09-18"),
              "window 1 and its team:\n%s", d);
    cr_assert(strstr(d, " 2 2026-09-21..10-18 ofsted        OF1 Inspector A 2026-09-28..10-02"),
              "window 2: Ofsted on site once OF1 is back from leave:\n%s", d);
    cr_assert(strstr(d, " 3 2026-09-28..10-25 "), "window 3");
    cr_assert_eq(count("SELECT count(*) FROM plan"), 0, "p alone books nothing");
    free(d);
}

Test(screen, enter_asks_and_y_books_the_window_under_the_cursor)
{
    /* the ninth row is the first of window 2 */
    char *d = play("j<Enter>pjjjjjjjj<Enter>\n:dump\ny\n:dump\n",
                   &(struct screen_run){.cols = 80, .env = {"USER=amy"}});
    char *second = strstr(d, "----\n");
    cr_assert_not_null(second);
    *second = '\0';
    cr_assert(strstr(d, "Book window 2, 2026-09-21 to 2026-10-18, for Barking and Dagenham (301)? (y/n)"),
              "the question:\n%s", d);
    cr_assert(strstr(second + 5, "Booked plan 1: Barking and Dagenham (301), window 2026-09-21"),
              "the status line:\n%s", second + 5);
    cr_assert(strstr(second + 5, "> Detail 301"), "back on the authority");
    cr_assert_eq(count("SELECT count(*) FROM plan WHERE la_code = '301' AND status = 'booked'"
                       " AND window_start = '2026-09-21' AND booked_by = 'amy'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM plan_member WHERE plan_id = 1"), 8);
    cr_assert_eq(count("SELECT count(*) FROM absence WHERE kind = 'booked' AND plan_id = 1"), 8);
    free(d);
}

Test(screen, the_booked_plan_shows_in_the_detail_and_the_plans_view)
{
    char *d = play("j<Enter>p<Enter>y<End>\n:dump\n4\n:dump\n",
                   &(struct screen_run){.lines = 40, .cols = 100, .env = {"USER=amy"}});
    cr_assert(strstr(d, "#1 2026-09-14 to 2026-10-11 jtai booked, booked by amy"), "%s", d);
    cr_assert(strstr(d, "    hmi_probation PR1 Inspector H, on site 2026-09-14 to 2026-09-18"));
    cr_assert(strstr(strstr(d, "----\n"), ">      1 Barking and Dagenham booked"), "%s", d);
    free(d);
}

Test(screen, n_answers_no_and_nothing_is_booked)
{
    char *d = play("j<Enter>p<Enter>n\n:dump\n", &(struct screen_run){.cols = 80});
    cr_assert(strstr(d, "Not booked |"), "%s", d);
    cr_assert(strstr(d, "> Windows 301"), "still on the windows");
    cr_assert_eq(count("SELECT count(*) FROM plan"), 0);
    cr_assert_eq(count("SELECT count(*) FROM absence WHERE kind = 'booked'"), 0);
    free(d);
}

Test(screen, any_other_key_than_y_answers_no)
{
    char *d = play("j<Enter>p<Enter><Enter>\n:dump\n", &(struct screen_run){.cols = 80});
    cr_assert(strstr(d, "Not booked |"), "%s", d);
    cr_assert_eq(count("SELECT count(*) FROM plan"), 0);
    free(d);
}

Test(screen, a_read_only_database_shows_windows_but_cannot_book)
{
    char *d = play("j<Enter>p<Enter>\n:dump\ny\n:dump\n",
                   &(struct screen_run){.cols = 120, .extra = {"--read-only"}});
    cr_assert(strstr(d, "Read-only database: cannot book"), "%s", d);
    cr_assert_null(strstr(d, "(y/n)"), "no question");
    cr_assert(strstr(d, "Inspector A"), "the windows are shown");
    cr_assert_eq(count("SELECT count(*) FROM plan"), 0);
    free(d);
}

Test(screen, no_joint_window_says_why_on_the_status_line)
{
    sql("INSERT INTO absence(inspector_id, from_date, to_date, kind) VALUES"
        " ('PR1', '2026-09-01', '2028-12-31', 'leave')");
    char *d = play("j<Enter>p\n:dump\n", &(struct screen_run){.cols = 120});
    expect_screen("windows_none", d);
    cr_assert(strstr(d, "No joint window for Barking and Dagenham (301): hmi_probation: at most 0 of 1"),
              "the status line:\n%s", d);
    cr_assert(strstr(d, "  hmi_probation: at most 0 of 1 free for 5 working days in any window"),
              "the view says why:\n%s", d);
    free(d);
}

Test(screen, p_on_a_list_row_plans_for_its_authority_and_elsewhere_says_where)
{
    char *d = play("jp\n:dump\n<Esc>3p\n:dump\n", &(struct screen_run){.cols = 80});
    cr_assert(strstr(d, "> Windows 301"), "%s", d);
    cr_assert(strstr(strstr(d, "----\n"), "open one (Enter), then press p"), "%s", d);
    free(d);
}

Test(screen, windows_use_ascii_outside_utf8_locales_and_tiny_terminals_do_not_crash)
{
    char *d = play("jj<Enter>p\n:dump\n<Enter>\n<Resize 1x1>\n:dump\n<Resize 20x5>\n:dump\nn\n",
                   &(struct screen_run){.locale = "C", .cols = 80});
    cr_assert_null(strstr(d, "\xe2"), "no UTF-8 in a C locale:\n%s", d);
    cr_assert(strstr(d, "> Windows 305"), "%s", d);
    cr_assert_eq(count("SELECT count(*) FROM plan"), 0);
    free(d);
}

/* A booked plan with a conflict (leave imported over its on-site days) and a
 * cancelled one. */
static const char plans_sql[] =
    "INSERT INTO plan(plan_id, la_code, window_start, window_end, type, theme, status, booked_by,"
    " booked_at, cancelled_by, cancelled_at) VALUES"
    " (1, '302', '2026-10-12', '2026-11-08', 'jtai', 'neglect', 'booked', 'amy',"
    "  '2026-09-10T09:00:00Z', NULL, NULL),"
    " (2, '303', '2026-11-02', '2026-11-29', 'jtai', NULL, 'cancelled', 'bob',"
    "  '2026-09-11T09:00:00Z', 'bob', '2026-09-12T09:00:00Z');"
    "INSERT INTO plan_member VALUES (1, 'ofsted', 'OF1', '2026-10-12', '2026-10-16'),"
    " (1, 'cqc', 'CQ1', '2026-10-12', '2026-10-16'), (2, 'ofsted', 'OF2', '2026-11-02', '2026-11-06');"
    "INSERT INTO absence(inspector_id, from_date, to_date, kind, plan_id) VALUES"
    " ('OF1', '2026-10-12', '2026-10-16', 'booked', 1), ('CQ1', '2026-10-12', '2026-10-16', 'booked', 1),"
    " ('CQ1', '2026-10-13', '2026-10-14', 'leave', NULL);";

Test(screen, plans_lists_booked_and_cancelled_plans_with_their_conflicts)
{
    sql(plans_sql);
    char *d = play("4\n:dump\n", &(struct screen_run){.cols = 120});
    expect_screen("plans_booked_cancelled_conflict", d);
    cr_assert(strstr(d, ">      2 Bexley    cancelled 2026-11-02   2026-11-29"), "newest first:\n%s", d);
    cr_assert(strstr(d, "       1 Barnet    booked    2026-10-12   2026-11-08 CQ1 Inspector D: leave 2026-1"),
              "%s", d);
    free(d);
}

Test(screen, enter_on_a_plan_opens_its_authority)
{
    sql(plans_sql);
    char *d = play("4j<Enter>\n:dump\n", &(struct screen_run){.lines = 50, .cols = 120});
    cr_assert(strstr(d, "> Detail 302"), "%s", d);
    cr_assert(strstr(d, "#1 2026-10-12 to 2026-11-08 jtai booked, booked by amy - HAS CONFLICTS"), "%s", d);
    free(d);
}

Test(screen, c_cancels_the_plan_under_the_cursor_after_y)
{
    sql(plans_sql);
    char *d = play("4jc\n:dump\ny\n:dump\n", &(struct screen_run){.cols = 120, .env = {"USER=amy"}});
    cr_assert(strstr(d, "Cancel plan 1, Barnet (302), window from 2026-10-12, and release its bookings? (y/n)"),
              "%s", d);
    char *after = strstr(d, "----\n");
    cr_assert(strstr(after, "Cancelled plan 1: its inspectors' bookings are released"), "%s", after);
    cr_assert(strstr(after, ">      1 Barnet    cancelled"), "the list shows it cancelled:\n%s", after);
    cr_assert_eq(count("SELECT count(*) FROM plan WHERE plan_id = 1 AND status = 'cancelled'"
                       " AND cancelled_by = 'amy'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM absence WHERE kind = 'booked'"), 0, "bookings released");
    free(d);
}

Test(screen, c_then_n_cancels_nothing)
{
    sql(plans_sql);
    char *d = play("4jcn\n:dump\n", &(struct screen_run){.cols = 120});
    cr_assert(strstr(d, "Not cancelled |"), "%s", d);
    cr_assert_eq(count("SELECT count(*) FROM plan WHERE status = 'booked'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM absence WHERE kind = 'booked'"), 2);
    free(d);
}

Test(screen, c_on_a_cancelled_plan_says_so_and_asks_nothing)
{
    sql(plans_sql);
    char *d = play("4c\n:dump\n", &(struct screen_run){.cols = 120});
    cr_assert(strstr(d, "Plan 2 is cancelled already"), "%s", d);
    cr_assert_null(strstr(d, "(y/n)"));
    free(d);
}

Test(screen, R_replaces_a_conflicted_inspector_after_y)
{
    sql(plans_sql);
    char *d = play("4jR\n:dump\ny\n:dump\n", &(struct screen_run){.cols = 160});
    cr_assert(strstr(d, "Replace plan 1's conflicted inspectors (Barnet)"), "%s", d);
    char *after = strstr(d, "----\n");
    cr_assert(strstr(after, "Plan 1 rebooked: Inspector D (CQ1) replaced by Inspector E (CQ2)"),
              "%s", after);
    cr_assert_eq(count("SELECT count(*) FROM plan_member WHERE plan_id = 1 AND inspector_id = 'CQ2'"), 1);
    cr_assert_eq(count("SELECT count(*) FROM absence WHERE kind = 'booked' AND inspector_id = 'CQ1'"), 0);
    free(d);
}

Test(screen, R_without_a_free_substitute_changes_nothing_and_says_why)
{
    sql(plans_sql);
    sql("INSERT INTO absence(inspector_id, from_date, to_date, kind) VALUES"
        " ('CQ2', '2026-10-12', '2026-10-16', 'training')");
    char *d = play("4jRy\n:dump\n", &(struct screen_run){.cols = 200});
    cr_assert(strstr(d, "Not replaced: no cqc inspector is free from 2026-10-12 to 2026-10-16 to "
                        "replace Inspector D (CQ1); nothing was changed"), "%s", d);
    cr_assert_eq(count("SELECT count(*) FROM plan_member WHERE plan_id = 1 AND inspector_id = 'CQ1'"), 1);
    free(d);
}

Test(screen, a_read_only_database_cannot_cancel_or_replace)
{
    sql(plans_sql);
    char *d = play("4jc\n:dump\nR\n:dump\n", &(struct screen_run){.cols = 120, .extra = {"--read-only"}});
    cr_assert(strstr(d, "Read-only database: cannot cancel a plan"), "%s", d);
    cr_assert(strstr(d, "Read-only database: cannot replace inspectors"), "%s", d);
    cr_assert_null(strstr(d, "(y/n)"));
    cr_assert_eq(count("SELECT count(*) FROM plan WHERE status = 'booked'"), 1);
    free(d);
}

Test(screen, R_on_a_plan_without_conflicts_says_there_is_nothing_to_replace)
{
    sql(plans_sql);
    sql("DELETE FROM absence WHERE kind = 'leave'");
    char *d = play("4jR\n:dump\n", &(struct screen_run){.cols = 120});
    cr_assert(strstr(d, "Plan 1 has no conflicts: nothing to replace"), "%s", d);
    cr_assert_null(strstr(d, "(y/n)"));
    free(d);
}

/* ---- table keys ---- */

Test(screen, S_sorts_by_the_column_under_the_cursor_descending_numerically)
{
    /* la_code, authority, status, due_date, days_to_due: four steps right */
    char *d = play("llllS\n:dump\n", &(struct screen_run){0});
    expect_screen("due_sorted_days_desc", d);
    const char *barnet = strstr(d, "Barnet"), *bexley = strstr(d, "Bexley"),
               *saint = strstr(d, "Saint"), *newtown = strstr(d, "Newtown");
    cr_assert(bexley < barnet && barnet < saint, "177 > 123 > -493 numerically");
    cr_assert(saint < newtown, "an empty value sorts last");
    free(d);
}

Test(screen, s_sorts_text_ascending)
{
    char *d = play("ls\n:dump\n", &(struct screen_run){0});
    cr_assert_lt(strstr(d, "Barking"), strstr(d, "Barnet"));
    cr_assert_lt(strstr(d, "Bexley"), strstr(d, "Evil"));
    cr_assert_lt(strstr(d, "Newtown"), strstr(d, "Saint"));
    free(d);
}

Test(screen, slash_searches_and_n_finds_the_next_match)
{
    char *d = play("/london<Enter>\n:dump\nn\n:dump\n", &(struct screen_run){.cols = 200});
    cr_assert(strstr(cursor_line(d), "Barking"), "first London row after the cursor");
    cr_assert(strstr(cursor_line(strstr(d, "----")), "Barnet"), "n: the next one");
    free(d);
}

Test(screen, search_without_a_match_says_so)
{
    char *d = play("/zzz<Enter>\n:dump\n", &(struct screen_run){0});
    cr_assert(strstr(d, "No match for 'zzz'"));
    free(d);
}

/* Issue 8 item 5: `/` finds authorities as `jib show` does. */
Test(screen, search_finds_an_authority_by_alias_and_suggests_near_misses)
{
    char *d = play("/Bexly<Enter>\n:dump\n/E09000003<Enter>\n:dump\n",
                   &(struct screen_run){.cols = 120});
    cr_assert(strstr(d, "No match for 'Bexly'; did you mean Bexley (303)?"), "%s", d);
    cr_assert(strstr(d, "'E09000003': Barnet (302)"), "%s", d);
    cr_assert(strstr(d, ">302"), "the cursor is on Barnet:\n%s", d);
    free(d);
}

Test(screen, f_filters_the_column_under_the_cursor_and_empty_clears)
{
    char *d = play("llf\nin window<Enter>\n:dump\nf\n<Backspace><Backspace><Backspace><Backspace>"
                   "<Backspace><Backspace><Backspace><Backspace><Backspace><Enter>\n:dump\n",
                   &(struct screen_run){0});
    expect_screen("due_filter_status", d);
    char *second = strstr(d, "----");
    *second = '\0';
    cr_assert_null(strstr(d, "Newtown"), "filtered out");
    cr_assert(strstr(d, "filter status=in window"));
    cr_assert(strstr(second + 1, "Newtown"), "the filter cleared");
    free(d);
}

Test(screen, e_exports_the_view_as_filtered_and_sorted)
{
    char *d = play("llf\noverdue<Enter>lS\ne\nc\n:dump\n", &(struct screen_run){.cols = 200});
    DIR *dh = opendir(".");
    struct dirent *e;
    char name[512] = "";
    while ((e = readdir(dh)))
        if (strncmp(e->d_name, "jib-due-", 8) == 0)
            snprintf(name, sizeof name, "%s", e->d_name);
    closedir(dh);
    cr_assert(*name, "no jib-due-*.csv written");
    cr_assert(strstr(d, name), "the status line names the file:\n%s", d);
    char *csv = test_read_file(name);
    cr_assert(strncmp(csv, "la_code,authority,region,last_type", 34) == 0, "%s", csv);
    const char *first = strstr(csv, "\n305,"), *second = strstr(csv, "\n301,");
    cr_assert(first && second && first < second, "sorted by due date descending:\n%s", csv);
    cr_assert_null(strstr(csv, "Newtown"), "filtered");
    free(csv);
    free(d);
}

/* The name of the one file in the current directory starting with prefix. */
static void find_file(const char *prefix, char *name, size_t len)
{
    DIR *dh = opendir(".");
    struct dirent *e;
    *name = '\0';
    while ((e = readdir(dh)))
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            snprintf(name, len, "%s", e->d_name);
    closedir(dh);
}

Test(screen, e_asks_csv_or_xlsx_and_x_writes_a_workbook)
{
    char *d = play("llf\noverdue<Enter>\ne\n:dump\nx\n:dump\n", &(struct screen_run){.cols = 200});
    cr_assert(strstr(d, "Export 2 rows as: c CSV, x xlsx (Enter CSV, Esc cancels)"), "%s", d);
    char name[512];
    find_file("jib-due-", name, sizeof name);
    cr_assert(*name, "no jib-due-*.xlsx written");
    cr_assert(strstr(name, ".xlsx"), "%s", name);
    cr_assert(strstr(d, name), "the status line names the file:\n%s", d);
    FILE *f = fopen(name, "rb");
    char sig[4] = {0};
    cr_assert_eq(fread(sig, 1, 4, f), 4);
    fclose(f);
    cr_assert_eq(memcmp(sig, "PK\x03\x04", 4), 0, "not a zip");
    free(d);
}

Test(screen, e_then_esc_exports_nothing)
{
    char *d = play("e\n<Esc>\n:dump\n", &(struct screen_run){0});
    cr_assert(strstr(d, "Export cancelled"), "%s", d);
    char name[512];
    find_file("jib-due-", name, sizeof name);
    cr_assert_str_eq(name, "");
    free(d);
}

Test(screen, unknown_keys_point_to_help)
{
    char *d = play("x\n:dump\n", &(struct screen_run){0});
    cr_assert(strstr(d, "press ? for the keys"));
    free(d);
}

Test(screen, r_reloads_and_keeps_the_cursor_on_its_authority)
{
    char *d = play("jj\nr\n:dump\n", &(struct screen_run){0});
    cr_assert(strstr(cursor_line(d), "Saint H"));
    cr_assert(strstr(d, "Reloaded"));
    free(d);
}

Test(screen, ctrl_l_repaints_the_same_screen)
{
    char *d = play("j\n:dump\n<C-l>\n:dump\n", &(struct screen_run){0});
    char *second = strstr(d, "----\n");
    cr_assert_not_null(second);
    *second = '\0';
    cr_assert_str_eq(d, second + 5);
    free(d);
}

Test(screen, page_down_moves_a_page_and_scrolls)
{
    struct db *db = test_db_open(db_path);
    test_db_exec(db, "WITH RECURSIVE n(i) AS (SELECT 400 UNION ALL SELECT i + 1 FROM n WHERE i < 459)"
                     " INSERT INTO authority(la_code, name) SELECT i, 'Town ' || i FROM n");
    db_close(db);
    /* 12 lines: title, header, 8 rows, the reason footer, status; a page
     * moves 7 rows (one row of the previous page stays in sight) */
    char *d = play("<PgDn><PgDn>\n:dump\n<PgUp><End>\n:dump\n", &(struct screen_run){.lines = 12});
    cr_assert(strstr(cursor_line(d), "Town 413"), "%s", d);
    cr_assert_null(strstr(d, " 400 "), "scrolled past the first row:\n%s", d);
    cr_assert(strstr(cursor_line(strstr(d, "----")), "Bexley"), "End: the last row");
    free(d);
}

/* ---- the terminal ---- */

Test(screen, one_by_one_terminal_does_not_crash)
{
    char *d = play("j<Enter>\n:dump\n", &(struct screen_run){.lines = 1, .cols = 1});
    cr_assert_str_eq(d, "t\n");
    free(d);
}

Test(screen, below_the_minimum_size_says_terminal_too_small)
{
    char *d = play(":dump\n", &(struct screen_run){.lines = 3, .cols = 10});
    expect_screen("too_small_10x3", d);
    free(d);
}

Test(screen, the_minimum_size_draws_the_view)
{
    char *d = play(":dump\n", &(struct screen_run){.lines = 5, .cols = 20});
    expect_screen("minimum_20x5", d);
    free(d);
}

Test(screen, resize_lays_the_view_out_again)
{
    char *d = play("j\n<Resize 40x10>\n:dump\n<Resize 10x3><Resize 90x8>\n:dump\n",
                   &(struct screen_run){0});
    expect_screen("resize", d);
    free(d);
}

Test(screen, escape_control_characters_in_data)
{
    char *d = play(":dump\n<Enter>jjj<Enter>\n:dump\n", &(struct screen_run){0});
    cr_assert_null(strchr(d, '\x1b'), "ESC reached the screen");
    cr_assert_null(strchr(d, '\r'), "CR reached the screen");
    cr_assert(strstr(d, "Evil?[31mCouncil?X"));
    free(d);
}

Test(screen, wide_characters_truncate_by_display_width)
{
    char *d = play(":dump\n", &(struct screen_run){0});
    /* Authority names are cut at 24 columns (issue 8: the triage columns fit
     * 80): a double-width character that would cross the edge goes whole. */
    cr_assert(strstr(d, "Saint H\xc3\xa9l\xc3\xa8ne & C\xc3\xb4te \xe6\x9d\xb1\xe2\x80\xa6  overdue"),
              "24 columns with the ellipsis, then the next column:\n%s", d);
    free(d);
}

Test(screen, a_cursor_move_writes_under_150_bytes_with_the_reason_footer)
{
    char *d = play(":bytes\nj\n:bytes\nj\n:bytes\n", &(struct screen_run){.lines = 40, .cols = 200});
    long a, b;
    const char *p = strstr(d, "bytes: 0\nbytes: ");
    cr_assert_not_null(p, "%s", d);
    cr_assert_eq(sscanf(p, "bytes: 0\nbytes: %ld\nbytes: %ld", &a, &b), 2);
    /* Under 100 bytes for the two rows and the status line; the Due view's
     * footer (issue 8: the cursor row's whole reason, always visible) adds
     * the new reason's text, about 40 bytes more. */
    cr_assert(a > 0 && a < 150 && b > 0 && b < 150, "bytes per move: %ld, %ld", a, b);
    free(d);
}

/* A set-foreground sequence (xterm's setaf: ESC [ 3 digit m) in the bytes. */
static bool sent_colour(const char *bytes)
{
    for (const char *p = bytes; (p = strstr(p, "\x1b[3")); p++)
        if (p[3] >= '0' && p[3] <= '9' && p[4] == 'm')
            return true;
    return false;
}

static char *terminal_bytes(const char *no_color_env, const char *no_color_flag)
{
    char *term = test_path(dir, "term.out");
    char env[4200];
    snprintf(env, sizeof env, "JIB_SCREEN_TERM=%s", term);
    char *d = play("3\n:dump\n", &(struct screen_run){.env = {env, no_color_env},
                                                       .extra = {no_color_flag}});
    free(d);
    char *bytes = test_read_file(term);
    free(term);
    return bytes;
}

/* No fopen(..., "w") in product code: the screen test's files are written
 * through a temporary file and renamed, so a planted symlink is replaced,
 * never written through. */
Test(screen, screen_test_files_replace_a_planted_symlink_and_never_follow_it)
{
    char *dump = test_path(dir, "dump.txt"), *term = test_path(dir, "term.out");
    char *victim = test_path(dir, "victim"), *victim2 = test_path(dir, "victim2");
    cr_assert_eq(symlink(victim, dump), 0);
    cr_assert_eq(symlink(victim2, term), 0);
    char e_dump[4200], e_term[4200];
    snprintf(e_dump, sizeof e_dump, "JIB_SCREEN_DUMP=%s", dump);
    snprintf(e_term, sizeof e_term, "JIB_SCREEN_TERM=%s", term);
    char *d = play("3\n:dump\n", &(struct screen_run){.env = {e_dump, e_term}});
    free(d);
    struct stat st;
    cr_assert_neq(lstat(victim, &st), 0, "the dump was written through the symlink");
    cr_assert_neq(lstat(victim2, &st), 0, "the terminal bytes were written through the symlink");
    cr_assert_eq(lstat(dump, &st), 0);
    cr_assert(S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600, "mode %o", st.st_mode);
    char *text = test_read_file(dump);
    cr_assert(text && strstr(text, "Teams"), "%s", text ? text : "(none)");
    cr_assert_eq(lstat(term, &st), 0);
    cr_assert(S_ISREG(st.st_mode) && st.st_size > 0);
    free(text);
    free(dump), free(term), free(victim), free(victim2);
}

Test(screen, colour_is_used_when_allowed)
{
    char *bytes = terminal_bytes(NULL, NULL);
    cr_assert(sent_colour(bytes), "no colour sent: %.300s", bytes);
    free(bytes);
}

Test(screen, NO_COLOR_draws_without_colour)
{
    char *bytes = terminal_bytes("NO_COLOR=1", NULL);
    cr_assert_not(sent_colour(bytes), "a colour was sent");
    free(bytes);
}

Test(screen, no_color_option_draws_without_colour_and_same_text)
{
    char *bytes = terminal_bytes(NULL, "--no-color");
    cr_assert_not(sent_colour(bytes), "a colour was sent");
    free(bytes);
    char *d = play("3\n:dump\n", &(struct screen_run){.extra = {"--no-color"}});
    expect_screen("teams", d);
    free(d);
}

/* ---- the status line ---- */

Test(screen, status_line_shows_database_today_and_data_age)
{
    char *d = play(":dump\n", &(struct screen_run){.cols = 200});
    cr_assert(strstr(d, db_path), "database path");
    cr_assert(strstr(d, "today 2026-09-14"));
    cr_assert(strstr(d, "data 13 days old"), "last ok import 2026-09-01:\n%s", d);
    free(d);
}

Test(screen, stale_data_warns_after_30_days)
{
    char *d = play(":dump\n", &(struct screen_run){.cols = 200, .today = "2026-10-02"});
    cr_assert(strstr(d, "! data 31 days old"), "%s", d);
    free(d);
}

/* Issue 8 item 6: freshness against the database's today, never a date from
 * its future (the demo imports now for a reference date in the past). */
Test(screen, freshness_is_measured_against_the_databases_today)
{
    char *d = play(":dump\n", &(struct screen_run){.cols = 200, .today = "2026-08-01"});
    cr_assert(strstr(d, "today 2026-08-01 | data 0 days old"), "%s", d);
    cr_assert_null(strstr(d, "data imported"), "%s", d);
    free(d);
}

Test(screen, read_only_database_says_so)
{
    char *d = play(":dump\n", &(struct screen_run){.cols = 200, .extra = {"--read-only"}});
    cr_assert(strstr(d, "READ-ONLY"));
    free(d);
}

Test(screen, an_empty_database_says_what_to_do)
{
    struct db *db = test_db_open(db_path);
    test_db_exec(db, "DELETE FROM inspection; DELETE FROM indicator; DELETE FROM concern;"
                     "DELETE FROM authority; DELETE FROM import_log;");
    db_close(db);
    char *d = play(":dump\n", &(struct screen_run){.cols = 120});
    cr_assert(strstr(d, "No authorities yet"));
    cr_assert(strstr(d, "no imports yet"));
    free(d);
}

Test(screen, the_dashboard_needs_a_terminal)
{
    const char *args[] = {"--db", db_path, "tui", NULL};
    struct run_result r = test_run_jib(args, (const char *const[]){"JIB_SCREEN_TEST=", NULL});
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "needs a terminal"), "%s", r.err);
    run_result_free(&r);
}

Test(screen, a_missing_database_is_not_created)
{
    char *missing = test_path(dir, "none.db");
    const char *args[] = {"--db", missing, "tui", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 66, "%s", r.err);
    cr_assert_neq(access(missing, F_OK), 0);
    run_result_free(&r);
    free(missing);
}

/* ---- the key list in the documentation ---- */

Test(screen, docs_keys_md_matches_the_action_table)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fputs("# jib dashboard keys\n\nGenerated from `tui/actions.c` by `tests/test_screen.c` "
          "(JIB_UPDATE_SCREENS=1 rewrites it).\n\n", f);
    actions_write_markdown(f);
    fclose(f);
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/KEYS.md", test_root());
    const char *update = getenv("JIB_UPDATE_SCREENS");
    if (update && strcmp(update, "1") == 0)
        test_write_file(path, buf);
    char *doc = test_read_file(path);
    cr_assert_not_null(doc, "docs/KEYS.md is missing (JIB_UPDATE_SCREENS=1 writes it)");
    cr_assert_str_eq(doc, buf, "docs/KEYS.md is out of date with tui/actions.c");
    free(doc);
    free(buf);
}

Test(screen, readme_key_list_matches_the_action_table)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    actions_write_markdown(f);
    fclose(f);
    char path[4096];
    snprintf(path, sizeof path, "%s/README.md", test_root());
    char *readme = test_read_file(path);
    cr_assert_not_null(readme);
    cr_assert(strstr(readme, buf), "README.md's key list differs from tui/actions.c; paste:\n%s",
              buf);
    free(readme);
    free(buf);
}

/* Issue 8 item 3: the detail answers "why" first; a post-reform inspection
 * shows its four areas in words and the cadence grade derived from them,
 * labelled; neighbours by name with their latest grades. */
Test(screen, detail_answers_why_first_with_post_reform_areas_and_neighbours_by_name)
{
    sql("INSERT INTO inspection(la_code, inspectorate, type, start_date, overall, leadership,"
        " help_protection, in_care, care_leavers) VALUES"
        " ('301', 'ofsted', 'ilacs_standard', '2026-06-08', NULL, 4, 4, 2, 3)");
    char *d = play("/Barking<Enter>\n<Enter>\n:dump\n", &(struct screen_run){.lines = 40});
    cr_assert(strstr(d, "Due\n  status in_window: due 2026-10-30 (in 46 days), window 2026-04-30 to "
                        "2027-04-30\n"),
              "%s", d);
    cr_assert(strstr(d, "  why: inadequate 2026-06-08 + 24 months; open high concern 2026-08-01 "
                        "brings\n       it forward\n"),
              "the whole reason, wrapped:\n%s", d);
    cr_assert(strstr(d, "  ofsted 2026-06-08 ilacs_standard: no overall grade, cadence grade "
                        "inadequate\n    (derived: the worst area)"),
              "%s", d);
    cr_assert(strstr(d, "  2026-06-08  ofsted        ilacs_standard   no overall grade\n"
                        "              leaders inadequate, help and protection inadequate, in care\n"
                        "              good, care leavers requires improvement\n"
                        "              cadence grade inadequate (derived: the worst area; no overall\n"
                        "              grade since the April 2026 reform)"),
              "%s", d);
    cr_assert(strstr(d, "  302  Barnet                       good (2024-01-15)"), "%s", d);
    cr_assert(strstr(d, "  303  Bexley                       inadequate (2025-03-10)"), "%s", d);
    free(d);
}

/* ---- issue 10: the brief (b) and the children-in-care sample (a) ---- */

/* The name of the one file in the test directory starting with prefix (malloc'd). */
static char *file_named(const char *prefix)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    char *found = NULL;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
            cr_assert_null(found, "two files start with %s", prefix);
            found = strdup(e->d_name);
        }
    closedir(d);
    return found;
}

Test(screen, b_writes_the_brief_of_the_row_or_detail_and_says_where)
{
    char *d = play("jb\n:dump\n", &(struct screen_run){0});
    char *name = file_named("jib-brief-301-");
    cr_assert_not_null(name, "no brief written:\n%s", d);
    cr_assert(strstr(d, "Brief of 301 written to jib-brief-301-"), "%s", d);
    char *path = test_path(dir, name);
    char *html = test_read_file(path);
    cr_assert(strstr(html, "Joint inspection brief: Barking and Dagenham"));
    cr_assert_null(strstr(html, "OFFICIAL"), "no plan, no marking");
    free(html);
    free(path);
    free(name);
    free(d);
    /* in the detail too, and on an authority whose name is hostile */
    d = play("/Evil<Enter><Enter>b\n:dump\n", &(struct screen_run){0});
    cr_assert(strstr(d, "Brief of 304 written to"), "from the detail:\n%s", d);
    cr_assert(strstr(d, "Inspection history") || strstr(d, "Statistical neighbours"),
              "the detail is open:\n%s", d);
    name = file_named("jib-brief-304-");
    cr_assert_not_null(name, "no brief from the detail:\n%s", d);
    path = test_path(dir, name);
    html = test_read_file(path);
    cr_assert_null(strstr(html, "\x1b"), "the escape character is not written");
    cr_assert(strstr(html, "Evil?[31mCouncil?X"), "control characters as ?");
    free(html);
    free(path);
    free(name);
    free(d);
}

Test(screen, b_where_there_is_no_authority_says_so)
{
    char *d = play("3b\n:dump\n", &(struct screen_run){.cols = 120});
    cr_assert(strstr(d, "b writes an authority's brief"), "%s", d);
    free(d);
}

Test(screen, a_in_plans_opens_the_children_in_care_sample)
{
    char *d = play("4a\n:dump\n<Enter>\n:dump\n", &(struct screen_run){.cols = 160});
    cr_assert(strstr(d, "rank"), "%s", d);
    cr_assert(strstr(d, "score"), "%s", d);
    cr_assert(strstr(d, "Sample 2026, seed "), "the status line gives the seed:\n%s", d);
    cr_assert(strstr(d, "by region (sampled/share): "), "%s", d);
    cr_assert_null(strstr(d, "Bexley"), "303 is under monitoring, never sampled:\n%s", d);
    const char *second = strstr(d, "----\n");
    cr_assert_not_null(second);
    cr_assert(strstr(second, "Statistical neighbours") || strstr(second, "Inspection history"),
              "Enter opens the authority:\n%s", second);
    free(d);
    d = play("1a\n:dump\n", &(struct screen_run){.cols = 120});
    cr_assert(strstr(d, "a shows the children-in-care sample from the Plans view (4)"), "%s", d);
    free(d);
}

/* Issue 8 item 4: at 80x24 the Due view shows the cursor row's whole reason in
 * a footer, the sort column and direction as text, and keeps la_code and
 * authority in place when scrolling right. */
Test(screen, due_at_80x24_has_reason_footer_sort_indicator_and_frozen_authority)
{
    char *d = play("jllllS\n:dump\nllllllllll\n:dump\n",
                   &(struct screen_run){.lines = 24, .cols = 80, .extra = {"--no-color"}});
    char *second = strstr(d, "----");
    cr_assert_not_null(second, "%s", d);
    *second = '\0';
    cr_assert(strstr(d, "days_to_due\xe2\x96\xbc"), "arrow after the sorted column:\n%s", d);
    cr_assert(strstr(d, "\nrow 5/6 sort days_to_due desc | today"),
              "sort as text on the status line:\n%s", d);
    cr_assert(strstr(d, "\nreason: requires improvement 2019-03-01 + 36 months\nrow "),
              "the cursor row's reason above the status line:\n%s", d);
    second += 4;
    cr_assert(strstr(second, "\n la_code authority"), "key columns stay:\n%s", second);
    cr_assert(strstr(second, "Barking and Dagenham"), "%s", second);
    cr_assert(strstr(second, "region") || strstr(second, "reason"), "scrolled right:\n%s", second);
    cr_assert_null(strstr(second, "due_date"), "due_date scrolled away:\n%s", second);
    free(d);
}

/* Issue 8 item 4: a long path loses its middle, never the file name. */
Test(screen, imports_shorten_paths_in_the_middle)
{
    sql("INSERT INTO import_log(at, user, file, sha256, kind, inserted, updated, unchanged,"
        " rejected, outcome) VALUES ('2026-09-03T08:00:00Z', 'amy',"
        " '/srv/coordination/shared/exports/2026/september/ofsted-ilacs-history.csv', NULL,"
        " 'inspections', 1, 0, 0, 0, 'ok')");
    char *d = play("5\n:dump\n", &(struct screen_run){.lines = 24, .cols = 120});
    cr_assert(strstr(d, "/srv\xe2\x80\xa6/ofsted-ilacs-history.csv"), "file name kept:\n%s", d);
    free(d);
}

Test(screen, detail_monitoring_names_the_judgement_that_put_it_there)
{
    char *d = play("/Bexley<Enter><Enter>\n:dump\n", &(struct screen_run){.lines = 60, .cols = 120});
    cr_assert(strstr(d, "visit_overdue: judged overall inadequate 2025-03-10"), "%s", d);
    free(d);
}

/* Issue 8 item 1: an authority whose newer report was rejected on import is
 * flagged in the Due view (gap column, warning colour) and its footer says why. */
Test(screen, due_flags_a_rejected_newer_report_and_the_footer_says_why)
{
    sql("INSERT INTO history_gap(la_code, date, field, file, line, import_id) VALUES"
        " ('302', '2026-05-16', 'published', '/data/history.csv', 48, 1)");
    char *d = play("/Barnet<Enter>\n:dump\n", &(struct screen_run){.lines = 24, .cols = 80});
    cr_assert(strstr(d, " gap"), "%s", d);
    cr_assert(strstr(d, ">302     Barnet") && strstr(d, "reject"), "the flag on the row:\n%s", d);
    cr_assert(strstr(d, "NOT UP TO DATE: a newer report (published"), "the footer:\n%s", d);
    cr_assert(strstr(d, "history.csv line 48"), "%s", d);
    free(d);
}

/* ---- issue 12: the first screen from the first page of the kept list ---- */

/* The sample data (`jib demo`, which keeps the due list) in demo.db, which the
 * following plays use. */
static void use_demo_database(void)
{
    test_demo_db("demo.db");
    free(db_path);
    db_path = strdup("demo.db");
}

/* The dump after its first line (":rows"), which it returns in rows. */
static const char *after_rows_line(const char *dump, char *rows, size_t len)
{
    const char *nl = strchr(dump, '\n');
    cr_assert_not_null(nl, "%s", dump);
    snprintf(rows, len, "%.*s", (int)(nl - dump), dump);
    return nl + 1;
}

Test(screen, first_screen_is_drawn_from_the_first_page_of_the_kept_list)
{
    use_demo_database();
    char rows[128];
    /* Before issue 12's first page: the whole list, computed. */
    char *whole = play(":rows\n:dump\n", &(struct screen_run){.env = {"JIB_DUE_CACHE=0"}});
    const char *whole_screen = after_rows_line(whole, rows, sizeof rows);
    cr_assert_str_eq(rows, "rows loaded: 153 of 153");
    /* Now: a screen's rows of the kept list before the first screen... */
    char *first = play(":rows\n:dump\n", &(struct screen_run){0});
    const char *first_screen = after_rows_line(first, rows, sizeof rows);
    cr_assert_str_eq(rows, "rows loaded: 24 of 153", "the first screen read the whole list");
    cr_assert_str_eq(first_screen, whole_screen, "the first page's screen differs from the whole "
                     "list's:\n--- page:\n%s--- whole:\n%s", first_screen, whole_screen);
    cr_assert(strstr(first_screen, "row 1/153"), "the count is the whole list's:\n%s", first_screen);
    /* ... and the rest at the first idle moment, the screen unchanged. */
    char *idle = play(":idle\n:rows\n:dump\n", &(struct screen_run){0});
    cr_assert_str_eq(after_rows_line(idle, rows, sizeof rows), whole_screen);
    cr_assert_str_eq(rows, "rows loaded: 153 of 153");
    free(whole);
    free(first);
    free(idle);
}

Test(screen, a_key_on_the_first_page_is_handled_on_the_whole_list)
{
    use_demo_database();
    char rows[128];
    /* G (last row) and a sort need every row: the rest is read before the key. */
    char *whole = play("G\n:rows\n:dump\n", &(struct screen_run){.env = {"JIB_DUE_CACHE=0"}});
    char *paged = play("G\n:rows\n:dump\n", &(struct screen_run){0});
    const char *w = after_rows_line(whole, rows, sizeof rows);
    const char *p = after_rows_line(paged, rows, sizeof rows);
    cr_assert_str_eq(rows, "rows loaded: 153 of 153");
    cr_assert_str_eq(p, w);
    cr_assert(strstr(p, "row 153/153"), "%s", p);
    free(whole);
    free(paged);
}

/* The first page is drawn with the whole list's column widths: a wide cell
 * in the last row (not read before the first screen) widens its column there too. */
Test(screen, first_page_has_the_whole_lists_column_widths)
{
    struct db *db = test_db_open(db_path);
    test_db_exec(db, "INSERT INTO authority(la_code, name) VALUES('Z12345678901', 'Farland');"
                     "INSERT INTO inspection(la_code, inspectorate, type, start_date, overall)"
                     " VALUES('Z12345678901', 'ofsted', 'ilacs_standard', '2026-09-01', 1);");
    db_close(db);
    const char *keep[] = {"--db", db_path, "--today", "2026-09-14", "due", NULL};
    struct run_result r = test_run_jib(keep, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    run_result_free(&r);
    char rows[128];
    char *whole = play(":dump\n", &(struct screen_run){.lines = 6, .env = {"JIB_DUE_CACHE=0"}});
    char *first = play(":rows\n:dump\n", &(struct screen_run){.lines = 6});
    const char *first_screen = after_rows_line(first, rows, sizeof rows);
    cr_assert_str_eq(rows, "rows loaded: 6 of 7");
    cr_assert(strstr(whole, " la_code      authority"), "%s", whole);
    cr_assert_str_eq(first_screen, whole);
    free(whole);
    free(first);
}
