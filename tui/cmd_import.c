/* jib import, jib export, jib imports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/due_cache.h"
#include "core/error.h"
#include "core/import_log.h"
#include "core/rowset.h"
#include "import/export.h"
#include "import/import.h"
#include "core/plan.h"
#include "tui/cli.h"
#include "tui/commands.h"
#include "tui/output.h"
#include "tui/termtext.h"

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
    int n = plan_conflict_count(db);
    if (n > 0)
        fprintf(stderr, "jib: warning: %d booked plan%s now %s conflicts (an inspector is no "
                        "longer free on their on-site days): see 'jib plans', then 'jib plan "
                        "--replace PLAN_ID'\n", n, n == 1 ? "" : "s", n == 1 ? "has" : "have");
}

/* Issue 12: the day's due list is computed and kept right after an import, so
 * the first `jib due` or dashboard of the morning reads it instead of seeking
 * through every authority's history (after a cold start, through the disk).
 * Best effort and silent: a busy database or a bad --today only means the
 * first look computes it (and says what is wrong with --today then). */
static void prepare_due_list(struct cli *cli, struct db *db)
{
    jdate today;
    char why[160];
    if (cli->today_text && !date_parse(cli->today_text, &today, why, sizeof why))
        return;
    if (cli_today(cli, db, &today) != 0)
        return;
    struct rowset *rs = NULL;
    char err[512];
    if (due_list_cached(db, today, &rs, err, sizeof err) == 0)
        rowset_free(rs);
}

int cmd_import(struct cli *cli)
{
    struct import_options opt = {.messages = stderr};
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
        opt.progress = isatty(STDERR_FILENO);
        opt.utf8 = termtext_utf8();
        struct db *db;
        rc = cli_open_db(cli, DB_CREATE, &db);
        if (!rc && db->read_only) {
            cli_error("jib: %s is open read-only; nothing can be imported into it",
                    db->path);
            db_close(db);
            rc = EX_CANTCREAT_;
        } else if (!rc) {
            char err[1024];
            rc = db_quick_check(db, err, sizeof err);
            if (rc)
                cli_print_message(err);
            else
                rc = import_files(db, files, nfiles, &opt);
            if (!opt.dry_run)
                prepare_due_list(cli, db);
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
    char err[512];
    if ((rc = cli_open_db(cli, DB_EXISTING, &db)) != 0)
        return rc;
    rc = export_kind(db, kind, &rs, err, sizeof err);
    db_close(db);
    if (rc == EX_USAGE_)
        return cli_usage_error(cli, "%s", err);
    if (rc) {
        cli_error("jib: %s", err);
        return rc;
    }
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
