/* jib brief AUTHORITY [--format html|md] [-o FILE]: the joint brief, to stdout
 * or to FILE (through a temporary file renamed into place, with the
 * database's mode: a brief with a plan is confidential). */
#include <errno.h>
#include <string.h>

#include "core/brief.h"
#include "import/outfile.h"
#include "tui/brief.h"
#include "tui/cli.h"
#include "tui/commands.h"

struct brief_args {
    const char *ident, *output;
    int format;
};

static int parse_args(struct cli *cli, struct brief_args *a)
{
    a->format = BRIEF_HTML;
    for (int i = 1; i < cli->argc; i++) {
        const char *v = NULL, *arg = cli->argv[i];
        bool bad = false;
        if (cli_take_option(cli, &i, "--format", &v, &bad)) {
            if (bad)
                return EX_USAGE_;
            a->format = brief_format_parse(v);
            if (a->format < 0)
                return cli_usage_error(cli, "unknown brief format '%s' (use html or md)", v);
        } else if (cli_take_option(cli, &i, "-o", &v, &bad) ||
                   cli_take_option(cli, &i, "--output", &v, &bad)) {
            if (bad)
                return EX_USAGE_;
            a->output = v;
        } else if (arg[0] == '-' && arg[1]) {
            return cli_usage_error(cli, "unknown option '%s'", arg);
        } else if (!a->ident) {
            a->ident = arg;
        } else {
            return cli_usage_error(cli, "unexpected argument '%s'", arg);
        }
    }
    if (!a->ident)
        return cli_usage_error(cli, "brief needs an AUTHORITY (la_code, ONS code, URN or name)");
    return 0;
}

static int write_brief(struct db *db, const struct brief *b, const struct brief_args *a)
{
    if (!a->output || strcmp(a->output, "-") == 0) {
        if (brief_write(stdout, b, (enum brief_format)a->format) != 0 || fflush(stdout) != 0) {
            fprintf(stderr, "jib: cannot write the brief: %s\n", strerror(errno));
            return EX_IOERR_;
        }
        return 0;
    }
    if (brief_save(b, (enum brief_format)a->format, a->output, outfile_mode_like(db->path),
                   false) != 0) {
        fprintf(stderr, "jib: cannot write %s: %s\n", a->output, strerror(errno));
        return errno == ENOENT || errno == EACCES || errno == EROFS ? EX_CANTCREAT_ : EX_IOERR_;
    }
    fprintf(stderr, "jib: wrote the brief of %s to %s%s\n", b->la_code, a->output,
            brief_has_plan(b) ? " (OFFICIAL-SENSITIVE: it includes the booked plan)" : "");
    return 0;
}

int cmd_brief(struct cli *cli)
{
    struct brief_args a = {0};
    int rc = parse_args(cli, &a);
    if (rc)
        return rc;
    struct db *db;
    rc = cli_open_db(cli, DB_EXISTING, &db);
    if (rc)
        return rc;
    jdate today;
    rc = cli_today(cli, db, &today);
    struct brief b;
    struct error err;
    if (!rc && brief_load(db, a.ident, today, &b, &err))
        rc = cli_report(&err);
    if (!rc) {
        rc = write_brief(db, &b, &a);
        brief_free(&b);
    }
    db_close(db);
    return rc;
}
