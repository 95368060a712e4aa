/* Issue 8 item 4: people's tables fit the terminal. On a terminal of 80 or
 * 120 columns every line of `due`, `monitoring`, `imports` and `show` fits,
 * the triage columns come first, long text is cut by display width; --wide
 * and a pipe give every column; --columns chooses them, like ps -o. */
#include "tests/test_import_helpers.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <locale.h>

static void setup(void)
{
    fx_setup();
    test_demo_db(fx_db);
}

TestSuite(table_width, .init = setup, .fini = fx_teardown);

/* Runs jib with stdout on a pseudo-terminal of cols columns; returns what it
 * printed there (CR LF made LF), stderr in *err. */
static char *on_terminal(int cols, const char *const *args, char **err)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    cr_assert(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
    struct winsize ws = {.ws_row = 50, .ws_col = (unsigned short)cols};
    char *slave_name = strdup(ptsname(master));
    char *err_path = test_path(fx_dir, "stderr.txt");
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        int slave = open(slave_name, O_RDWR);
        ioctl(slave, TIOCSWINSZ, &ws);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(slave, STDOUT_FILENO);
        dup2(e, STDERR_FILENO);
        const char *argv[32] = {"jib", "--db", fx_db};
        size_t n = 3;
        for (; args[n - 3]; n++)
            argv[n] = args[n - 3];
        argv[n] = NULL;
        char bin[4200];
        snprintf(bin, sizeof bin, "%s/jib", test_root());
        setenv("NO_COLOR", "1", 1);
        setenv("LANG", "C.UTF-8", 1);
        unsetenv("COLUMNS");
        execv(getenv("JIB_BIN") ? getenv("JIB_BIN") : bin, (char *const *)argv);
        _exit(127);
    }
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    for (;;) {
        if (len + 4096 > cap)
            out = realloc(out, cap *= 2);
        ssize_t got = read(master, out + len, 4096);
        if (got <= 0)
            break; /* EIO once the child has gone */
        len += (size_t)got;
    }
    int status;
    waitpid(pid, &status, 0);
    close(master);
    out[len] = '\0';
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        if (out[i] != '\r')
            out[w++] = out[i];
    out[w] = '\0';
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "jib exited %d", status);
    *err = test_read_file(err_path);
    free(err_path);
    free(slave_name);
    return out;
}

static int display_width(const char *line, size_t len)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    int w = 0;
    mbstate_t st = {0};
    for (size_t i = 0; i < len;) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, line + i, len - i, &st);
        if (n == 0 || n > len - i)
            n = 1, wc = '?';
        int cw = wcwidth(wc);
        w += cw < 0 ? 1 : cw;
        i += n;
    }
    return w;
}

static void every_line_fits(const char *out, int cols)
{
    int lines = 0;
    for (const char *p = out; *p;) {
        size_t len = strcspn(p, "\n");
        cr_assert_leq(display_width(p, len), cols, "line wider than %d: %.*s", cols, (int)len, p);
        p += len + (p[len] ? 1 : 0);
        lines++;
    }
    cr_assert_gt(lines, 3);
}

Test(table_width, due_fits_80_columns_with_the_triage_columns_first)
{
    char *err;
    char *out = on_terminal(80, (const char *[]){"due", NULL}, &err);
    every_line_fits(out, 80);
    cr_assert(strncmp(out, "la_code  authority", 18) == 0, "%.200s", out);
    cr_assert(strstr(out, "status") && strstr(out, "due_date") && strstr(out, "days_to_due"),
              "%.300s", out);
    cr_assert(strstr(out, "\n892      Nottingham"), "%.300s", out);
    cr_assert(strstr(err, "jib: left out to fit 80 columns: ") && strstr(err, "--wide"), "%s", err);
    free(out);
    free(err);
}

Test(table_width, due_fits_120_columns_with_the_reason_cut_by_display_width)
{
    char *err;
    char *out = on_terminal(120, (const char *[]){"due", NULL}, &err);
    every_line_fits(out, 120);
    cr_assert(strstr(out, "cadence_grade") && strstr(out, "reason"), "%.300s", out);
    cr_assert(strstr(out, "\xe2\x80\xa6\n"), "a reason cut with an ellipsis:\n%.2000s", out);
    free(out);
    free(err);
}

Test(table_width, monitoring_imports_and_show_fit_80_columns)
{
    const char *const commands[][3] = {{"monitoring", NULL}, {"imports", NULL},
                                       {"show", "Nottingham", NULL}};
    for (size_t i = 0; i < 3; i++) {
        char *err;
        char *out = on_terminal(80, commands[i], &err);
        every_line_fits(out, 80);
        free(out);
        free(err);
    }
}

Test(table_width, wide_gives_every_column_on_a_terminal)
{
    char *err;
    char *out = on_terminal(80, (const char *[]){"due", "--wide", NULL}, &err);
    const char *header = "la_code  authority";
    cr_assert(strncmp(out, header, strlen(header)) == 0);
    size_t len = strcspn(out, "\n");
    cr_assert_gt(len, 200, "the full header: %.*s", (int)len, out);
    cr_assert(strstr(out, "window_start") && strstr(out, "region"));
    cr_assert_str_eq(err, "");
    free(out);
    free(err);
}

Test(table_width, not_a_terminal_gives_every_column)
{
    struct run_result r = fx_jib("due", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    size_t len = strcspn(r.out, "\n");
    cr_assert_gt(len, 200, "%.*s", (int)len, r.out);
    run_result_free(&r);
}

Test(table_width, columns_chooses_and_orders_like_ps_o)
{
    char *err;
    char *out = on_terminal(80, (const char *[]){"due", "--columns", "authority,reason", NULL}, &err);
    cr_assert(strncmp(out, "authority", 9) == 0 && strstr(out, "reason"), "%.200s", out);
    cr_assert_null(strstr(out, "la_code"), "%.200s", out);
    every_line_fits(out, 80);
    free(out);
    free(err);
    struct run_result r = fx_jib("due", "--columns", "la_code,reason", "--format", "csv", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strncmp(r.out, "la_code,reason\n892,inadequate 2022-07-11 + 24 months\n", 51) == 0,
              "%.200s", r.out);
    run_result_free(&r);
    r = fx_jib("due", "--columns", "la_code,nonsense", NULL);
    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "--columns: unknown column 'nonsense' (use la_code, authority,"),
              "%s", r.err);
    run_result_free(&r);
}
