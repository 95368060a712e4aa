/* jib / jib tui: the dashboard. Also its test mode (tig's model): with
 * JIB_SCREEN_TEST=KEYS-FILE it draws on a virtual terminal ($LINES x
 * $COLUMNS), plays the scripted keys, each to idle, and writes the screen text
 * at each ":dump" line (and at the end) to $JIB_SCREEN_DUMP or stdout. The
 * bytes curses sent go to $JIB_SCREEN_TERM (a temporary file by default). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <curses.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "import/outfile.h"
#include "tui/cli.h"
#include "tui/output.h"
#include "tui/commands.h"
#include "tui/view.h"

#define POLL_MS 1000

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void run_interactive(struct app *app)
{
    long long last_poll = now_ms();
    app_draw(app, true);
    while (!app->quit && !screen_stop_signal()) {
        /* The first screen may show a first page only: the rest is read at
         * once unless a key is already waiting (app_key reads it first). */
        bool partial = app->top[0].partial;
        int key = screen_read_key(partial ? 0 : POLL_MS);
        if (key != ERR)
            app_key(app, key);
        else
            app_complete(app);
        if (now_ms() - last_poll >= POLL_MS) {
            app_poll_database(app);
            last_poll = now_ms();
        }
        if (!app->quit)
            app_draw(app, false);
    }
}

struct script_run {
    FILE *dump;     /* screen text */
    FILE *term;     /* what curses wrote: bytes per key */
    long mark;      /* terminal bytes at the last :bytes */
    bool dumped;
};

static long term_bytes(FILE *term)
{
    struct stat st;
    fflush(term);
    return fstat(fileno(term), &st) == 0 ? (long)st.st_size : 0;
}

/* ":dump", ":bytes" (terminal bytes written since the previous :bytes),
 * ":poll" (check the database as the idle loop does), ":idle" (the first idle
 * moment: the rest of a list drawn from its first page is read), ":rows" (rows
 * the current view holds in memory, and how many the list has). */
static int script_command(struct app *app, struct script_run *run, const char *line)
{
    if (strncmp(line, ":dump", 5) == 0) {
        if (run->dumped)
            fputs("----\n", run->dump);
        screen_dump(run->dump);
        run->dumped = true;
    } else if (strncmp(line, ":bytes", 6) == 0) {
        long now = term_bytes(run->term);
        fprintf(run->dump, "bytes: %ld\n", now - run->mark);
        run->mark = now;
    } else if (strncmp(line, ":idle", 5) == 0) {
        app_complete(app);
        app_draw(app, false);
    } else if (strncmp(line, ":rows", 5) == 0) {
        struct view *v = app_current(app);
        fprintf(run->dump, "rows loaded: %zu of %zu\n", v->table.rs ? v->table.rs->nrows : 0,
                view_rows(v));
    } else if (strncmp(line, ":poll", 5) == 0) {
        app_poll_database(app);
        app_draw(app, false);
    } else {
        cli_error("jib: screen test: unknown command '%s'", line);
        return -1;
    }
    return 0;
}

static int script_keys(struct app *app, const char *line)
{
    const char *p = line;
    for (;;) {
        int lines = 0, cols = 0;
        int key = screen_script_key(&p, &lines, &cols);
        if (key == 0)
            return 0;
        if (key < 0) {
            cli_error("jib: screen test: unknown key in '%s'", line);
            return -1;
        }
        if (key == KEY_RESIZE)
            screen_resize(lines, cols);
        if (!app->quit)
            app_key(app, key);
        if (!app->quit)
            app_draw(app, false);
    }
}

static int run_script(struct app *app, const char *script, struct script_run *run)
{
    app_draw(app, true);
    run->mark = term_bytes(run->term);
    char *copy = strdup(script), *save = NULL;
    int rc = 0;
    for (char *line = strtok_r(copy, "\n", &save); line && !rc; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        rc = line[0] == ':' ? script_command(app, run, line) : script_keys(app, line);
    }
    free(copy);
    if (!rc && !run->dumped)
        screen_dump(run->dump);
    return rc;
}

static char *read_whole_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* Test mode: screen from the script, terminal output to a temporary file. */
static int run_test_mode(struct cli *cli, struct app *app, const char *keys_path)
{
    char *script = read_whole_file(keys_path);
    if (!script) {
        cli_error("jib: cannot read the screen test script %s", keys_path);
        return EX_NOINPUT_;
    }
    const char *dump_path = getenv("JIB_SCREEN_DUMP"), *term_path = getenv("JIB_SCREEN_TERM");
    /* Files named by the environment are written as every output file is:
     * a new temporary file beside them (O_EXCL|O_NOFOLLOW), renamed into
     * place at the end (import/outfile.h). */
    struct outfile dump_file = {0}, term_file = {0};
    bool to_dump = dump_path && *dump_path, to_term = term_path && *term_path;
    struct script_run run = {.dump = stdout};
    if (to_dump)
        run.dump = outfile_open(&dump_file, dump_path, 0600, false) == 0 ? dump_file.f : NULL;
    if (to_term)
        run.term = outfile_open(&term_file, term_path, 0600, false) == 0 ? term_file.f : NULL;
    else
        run.term = tmpfile();
    struct screen_options opt = {.no_color = cli->no_color, .test_mode = true, .test_out = run.term};
    char err[256];
    int rc = EX_IOERR_;
    if (run.dump && run.term && screen_open(&opt, err, sizeof err) == 0) {
        status_refresh_freshness(app);
        app_show_top(app, 0);
        rc = run_script(app, script, &run) ? EX_USAGE_ : 0;
        screen_close();
    } else if (run.dump && run.term) {
        cli_print_message(err);
    } else {
        cli_error("jib: cannot write %s: %s", !run.dump ? dump_path : term_path, strerror(errno));
    }
    bool opened = run.dump && run.term;
    if (to_dump && run.dump && !opened)
        outfile_abort(&dump_file);
    else if (to_dump && run.dump && outfile_commit(&dump_file) != 0) {
        cli_error("jib: cannot write %s: %s", dump_path, strerror(errno));
        rc = EX_IOERR_;
    }
    if (to_term && run.term && !opened)
        outfile_abort(&term_file);
    else if (to_term && run.term && outfile_commit(&term_file) != 0) {
        cli_error("jib: cannot write %s: %s", term_path, strerror(errno));
        rc = EX_IOERR_;
    } else if (!to_term && run.term) {
        fclose(run.term);
    }
    free(script);
    return rc;
}

static int run_terminal(struct cli *cli, struct app *app)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        cli_error("jib: the dashboard needs a terminal; for scripts use a command such as "
                        "'jib due --format csv' (see 'jib --help')");
        return EX_USAGE_;
    }
    struct screen_options opt = {.no_color = cli->no_color};
    char err[256];
    if (screen_open(&opt, err, sizeof err) != 0) {
        cli_print_message(err);
        return EX_SOFTWARE_;
    }
    status_refresh_freshness(app);
    app_show_top(app, 0);
    run_interactive(app);
    screen_close();
    int sig = screen_stop_signal();
    return sig ? 128 + sig : 0;
}

int cmd_tui(struct cli *cli)
{
    if (strcmp(cli->argv[0], "tui") == 0 && cli->argc > 1)
        return cli_usage_error(cli, "unknown argument '%s'", cli->argv[1]);
    struct db *db;
    int rc = cli_open_db(cli, DB_EXISTING, &db);
    if (rc)
        return rc;
    jdate today;
    rc = cli_today(cli, db, &today);
    if (rc) {
        db_close(db);
        return rc;
    }
    static struct app app; /* large: view tables for all five views */
    app_init(&app, db, today, cli->db_path);
    app.export_xlsx = cli->config_format == FORMAT_XLSX;
    const char *keys = getenv("JIB_SCREEN_TEST");
    rc = keys && *keys ? run_test_mode(cli, &app, keys) : run_terminal(cli, &app);
    app_free(&app);
    db_close(db);
    return rc;
}
