/* jib import, jib export, jib imports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/error.h"
#include "core/gaps.h"
#include "core/import_log.h"
#include "core/rowset.h"
#include "core/text.h"
#include "import/export.h"
#include "import/import.h"
#include "core/plan.h"
#include "tui/cli.h"
#include "tui/commands.h"
#include "tui/output.h"
#include "tui/termtext.h"

/* ---- the import's messages on stderr (import/sink.h) ---- */

#define MAX_ERRORS_SHOWN 50               /* row errors shown per file; then "... and N more" */
#define PROGRESS_MIN_BYTES (1024 * 1024)  /* smaller files get no progress bar */

static void row_message(void *ctx, bool row, const char *file, long line, const char *text)
{
    struct cli_import_sink *s = ctx;
    if (row && s->shown++ >= MAX_ERRORS_SHOWN)
        return;
    /* Row errors quote values: the one sanitiser, over the whole line. */
    char *msg = text_printf("%s:%ld: %s", file, line, text);
    if (!row) {
        cli_print_message(msg ? msg : "jib: out of memory");
    } else if (msg) {
        char *clean = termtext_sanitize_dup(msg);
        fprintf(stderr, "%s\n", clean ? clean : "?");
        free(clean);
    }
    free(msg);
}

static void begin_file(void *ctx, const char *name, const char *kind)
{
    (void)name, (void)kind;
    struct cli_import_sink *s = ctx;
    s->shown = 0;
    s->drew = false;
    s->last_draw_ns = 0;
}

static void file_error(void *ctx, const struct error *e)
{
    (void)ctx;
    cli_error("jib: %s", e->message);
}

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A bar on the terminal, redrawn at most every 100 ms. */
static void progress(void *ctx, const struct import_progress *p)
{
    struct cli_import_sink *s = ctx;
    if (!s->progress || p->total < PROGRESS_MIN_BYTES)
        return;
    if (p->finished) {
        if (s->drew)
            fputs("\r\033[K", stderr);
        s->drew = false;
        return;
    }
    long long t = now_ns();
    if (t - s->last_draw_ns < 100000000LL)
        return;
    s->last_draw_ns = t;
    int pct = (int)(p->done * 100 / p->total);
    char bar[41];
    for (int i = 0; i < 40; i++)
        bar[i] = i < pct * 40 / 100 ? '#' : '.';
    bar[40] = '\0';
    char *name = termtext_sanitize_dup(p->name);
    fprintf(stderr, "\r%s [%s] %3d%%", name ? name : "?", bar, pct);
    free(name);
    fflush(stderr);
    s->drew = true;
}

/* The rejected rows that leave an authority's triage out of date, by authority. */
static void print_gaps(const char *name, const struct gap_watch *w)
{
    if (!w || !w->count)
        return;
    cli_error("%s: warning: %zu rejected row%s newer than the latest full inspection of %s "
              "authority: %s due date and grade are out of date until the row is completed and "
              "imported again:", name, w->count, w->count == 1 ? " is" : "s are",
              w->count == 1 ? "its" : "their", w->count == 1 ? "its" : "their");
    for (size_t i = 0; i < w->count; i++) {
        const struct gap *g = &w->gaps[i];
        cli_error("%s:%ld: %s %s: rejected row %s %s, latest full inspection %s", name, g->line,
                  g->la_code, g->name, g->field, g->date, *g->latest ? g->latest : "none");
    }
}

static void end_file(void *ctx, const struct import_file_report *r)
{
    (void)ctx;
    if (r->outcome == IMPORT_NOT_LOADED)
        return;
    const struct import_counts *c = &r->counts;
    if (r->errors_total > MAX_ERRORS_SHOWN)
        cli_error("... and %ld more errors", r->errors_total - MAX_ERRORS_SHOWN);
    if (r->ignored_columns && r->ignored_columns[0])
        cli_error("%s: ignored columns: %s", r->name, r->ignored_columns);
    switch (r->outcome) {
    case IMPORT_DATABASE_FAILED:
    case IMPORT_UNREADABLE:
        cli_error("%s: %s: failed, nothing imported: %s", r->name, r->kind,
                  r->outcome == IMPORT_DATABASE_FAILED ? "the database failed (see above)"
                                                       : "the file could not be read to the end");
        return;
    case IMPORT_INVALID_ROWS:
        cli_error("%s: %s: failed, nothing imported: %ld invalid rows (fix them, or use "
                  "--skip-invalid to import the valid rows)", r->name, r->kind, c->rejected);
        return;
    default:
        break;
    }
    char skipped[64] = "";
    if (r->indicators || c->skipped)
        snprintf(skipped, sizeof skipped, ", %ld skipped", c->skipped);
    cli_error("%s: %s: %ld inserted, %ld updated, %ld unchanged, %ld rejected%s%s", r->name,
              r->kind, c->inserted, c->updated, c->unchanged, c->rejected, skipped,
              r->dry_run ? " (dry run: nothing changed)" : "");
    if (r->rejects_path)
        cli_error("%s: rejected rows written to %s", r->name, r->rejects_path);
    print_gaps(r->name, r->gaps);
}

static const struct import_sink_ops cli_import_ops = {
    .begin_file = begin_file,
    .message = row_message,
    .error = file_error,
    .progress = progress,
    .end_file = end_file,
};

void cli_import_sink(struct cli_import_sink *s, bool progress_bar)
{
    *s = (struct cli_import_sink){.progress = progress_bar};
    s->sink.ops = &cli_import_ops;
    s->sink.ctx = s;
}

static bool take_import_option(struct cli *cli, int *i, struct import_options *opt,
                               const char **maps, bool *bad)
{
    const char *v = NULL;
    if (cli_take_option(cli, i, "--kind", &opt->kind, bad) ||
        cli_take_option(cli, i, "--inspectorate", &opt->inspectorate, bad) ||
        cli_take_option(cli, i, "--encoding", &opt->encoding, bad) ||
        cli_take_option(cli, i, "--type", &opt->type, bad) ||
        cli_take_option(cli, i, "--sheet", &opt->sheet, bad))
        return true;
    if (cli_take_option(cli, i, "--map", &v, bad)) {
        if (v)
            maps[opt->map_count++] = v;
        return true;
    }
    if (strcmp(cli->argv[*i], "--skip-invalid") == 0)
        return opt->skip_invalid = true;
    if (strcmp(cli->argv[*i], "--dry-run") == 0)
        return opt->dry_run = true;
    if (strcmp(cli->argv[*i], "--update-only") == 0)
        return opt->update_only = true;
    return false;
}

/* Leave or roster changes can make a booked plan untrue: say so after every
 * import, without naming authorities (plans are confidential). */
static void warn_plan_conflicts(struct db *db)
{
    int n;
    struct error err;
    if (plan_conflict_count(db, &n, &err) != 0)
        cli_error("jib: warning: cannot check booked plans for conflicts: %s", err.message);
    else if (n > 0)
        fprintf(stderr, "jib: warning: %d booked plan%s now %s conflicts (an inspector is no "
                        "longer free on their on-site days): see 'jib plans', then 'jib plan "
                        "--replace PLAN_ID'\n", n, n == 1 ? "" : "s", n == 1 ? "has" : "have");
}

int cmd_import(struct cli *cli)
{
    struct import_options opt = {0};
    struct cli_import_sink sink;
    const char **maps = calloc((size_t)cli->argc + 1, sizeof *maps);
    const char **files = calloc((size_t)cli->argc + 1, sizeof *files);
    size_t nfiles = 0;
    bool bad = false, only_files = false;
    int rc = 0;
    for (int i = 1; i < cli->argc && !bad && !rc; i++) {
        const char *a = cli->argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0)
            files[nfiles++] = a;
        else if (strcmp(a, "--") == 0)
            only_files = true;
        else if (!take_import_option(cli, &i, &opt, maps, &bad))
            rc = cli_usage_error(cli, "unknown option '%s'", a);
    }
    if (!rc && !bad && nfiles == 0)
        rc = cli_usage_error(cli, "no files to import");
    if (!rc && !bad) {
        opt.user = cli_user(); /* $USER, else the login name (cron) */
        opt.maps = maps;
        cli_import_sink(&sink, isatty(STDERR_FILENO));
        opt.sink = &sink.sink;
        struct db *db;
        rc = cli_open_db(cli, DB_CREATE, &db);
        if (!rc && db->read_only) {
            cli_error("jib: %s is open read-only; nothing can be imported into it",
                    db->path);
            db_close(db);
            rc = EX_CANTCREAT_;
        } else if (!rc) {
            struct error err;
            if (db_quick_check(db, &err))
                rc = cli_report(&err);
            else
                /* the sink has said everything: only the exit code is left */
                rc = cli_exit_code(import_files(db, files, nfiles, &opt, NULL));
            if (!opt.dry_run)
                cli_keep_due_list(cli, db);
            warn_plan_conflicts(db);
            db_close(db);
        }
    }
    free(maps);
    free(files);
    return bad ? EX_USAGE_ : rc;
}

int cmd_export(struct cli *cli)
{
    const char *kind = NULL;
    int format = FORMAT_CSV, rc = 0;
    for (int i = 1; i < cli->argc; i++) {
        if (cli_take_format(cli, &i, &format, &rc)) {
            if (rc)
                return rc;
            continue;
        }
        if (cli->argv[i][0] == '-' || kind)
            return cli_usage_error(cli, "unexpected argument '%s'", cli->argv[i]);
        kind = cli->argv[i];
    }
    if (!kind)
        return cli_usage_error(cli, "which kind? (authorities, inspections, indicators, "
                                    "concerns, inspectors, absences or holidays)");
    struct db *db;
    struct rowset *rs = NULL;
    struct error err;
    if ((rc = cli_open_db(cli, DB_EXISTING, &db)) != 0)
        return rc;
    rc = export_kind(db, kind, &rs, &err);
    db_close(db);
    if (rc == ERROR_USAGE)
        return cli_usage_error(cli, "%s", err.message);
    if (rc)
        return cli_report(&err);
    rc = cli_output(cli, rs, format, kind);
    rowset_free(rs);
    return rc;
}

int cmd_imports(struct cli *cli)
{
    int format = cli_default_format(cli), rc = 0;
    for (int i = 1; i < cli->argc; i++) {
        if (!cli_take_format(cli, &i, &format, &rc))
            return cli_usage_error(cli, "unexpected argument '%s'", cli->argv[i]);
        if (rc)
            return rc;
    }
    struct db *db;
    struct rowset *rs = NULL;
    if ((rc = cli_open_db(cli, DB_EXISTING, &db)) != 0)
        return rc;
    struct error e;
    rc = import_log_list(db, &rs, &e);
    db_close(db);
    if (rc)
        return cli_report(&e);
    rc = cli_output(cli, rs, format, "imports");
    rowset_free(rs);
    return rc;
}
