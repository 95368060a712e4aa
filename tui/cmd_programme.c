/* jib programme: the year's joint programme proposed (SPEC section 6, rules 21
 * and 25). It books nothing: each window is booked with `jib plan --book`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/programme.h"
#include "import/outfile.h"
#include "tui/cli.h"
#include "tui/commands.h"
#include "tui/output.h"

struct programme_args {
    jdate from;
    bool from_given, teams, capacity;
    int count, pct, format;
};

static bool parse_number(struct cli *cli, const char *option, const char *text, int min, int max,
                         int *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*text && !*end && v >= min && v <= max) {
        *out = (int)v;
        return true;
    }
    cli_usage_error(cli, "%s '%s': expected a whole number from %d to %d", option, text, min, max);
    return false;
}

/* One option at argv[*i]: 1 taken, -1 bad (message printed). */
static int take_option(struct cli *cli, int *i, struct programme_args *a)
{
    const char *v, *arg = cli->argv[*i];
    bool bad = false;
    int rc = 0;
    if (cli_take_format(cli, i, &a->format, &rc))
        return rc ? -1 : 1;
    if (strcmp(arg, "--teams") == 0)
        return a->teams = true, 1;
    if (strcmp(arg, "--capacity") == 0)
        return a->capacity = true, 1;
    if (strcmp(arg, "--book") == 0) {
        cli_usage_error(cli, "programme books nothing (it is a proposal): book each window with "
                             "'jib plan AUTHORITY --from WINDOW_START --book'");
        return -1;
    }
    if (cli_take_option(cli, i, "--from", &v, &bad)) {
        a->from_given = true;
        return !bad && cli_parse_date(cli, "--from", v, &a->from) ? 1 : -1;
    }
    if (cli_take_option(cli, i, "--count", &v, &bad))
        return !bad && parse_number(cli, "--count", v, 1, 1000, &a->count) ? 1 : -1;
    if (cli_take_option(cli, i, "--min-high-performing", &v, &bad))
        return !bad && parse_number(cli, "--min-high-performing", v, 0, 100, &a->pct) ? 1 : -1;
    cli_usage_error(cli, "unexpected argument '%s'", arg);
    return -1;
}

static int print_capacity(struct cli *cli, const struct programme *p, int format)
{
    struct rowset *rs = programme_capacity_rows(p);
    int rc = cli_output(cli, rs, format, "capacity");
    rowset_free(rs);
    return rc;
}

/* The proposal on stdout; the summary (placed against asked and against the
 * capacity bound) after it as a footer in a table, on stderr for csv and json
 * so that stdout stays one clean document. */
static int print_programme(struct cli *cli, const struct programme *p,
                           const struct programme_args *a)
{
    struct rowset *rs = programme_rows(p, a->teams);
    int format = cli_format(cli, a->format);
    char summary[4096];
    programme_summary(p, summary, sizeof summary);
    if (format == FORMAT_XLSX) {
        int rc = cli_output(cli, rs, format, "programme");
        rowset_free(rs);
        fprintf(stderr, "%s", summary);
        return rc;
    }
    FILE *out;
    struct outfile file;
    int rc = cli_out_open(cli, &out, &file);
    if (rc) {
        rowset_free(rs);
        return rc;
    }
    bool failed = cli_print_rowset(cli, out, rs, format, "programme") != 0;
    rowset_free(rs);
    if (format == FORMAT_TABLE)
        fprintf(out, "\n%s", summary);
    else
        fprintf(stderr, "%s", summary);
    return cli_out_close(cli, out, &file, failed);
}

int cmd_programme(struct cli *cli)
{
    struct programme_args a = {.count = PROGRAMME_COUNT_DEFAULT,
                               .pct = PROGRAMME_HIGH_PCT_DEFAULT,
                               .format = cli_default_format(cli)};
    for (int i = 1; i < cli->argc; i++)
        if (take_option(cli, &i, &a) < 0)
            return EX_USAGE_;
    struct db *db;
    jdate today;
    int rc = cli_open_db(cli, DB_EXISTING, &db);
    if (rc)
        return rc;
    if ((rc = cli_today(cli, db, &today))) {
        db_close(db);
        return rc;
    }
    struct programme_options o = {today, a.from_given ? a.from : today, a.count, a.pct};
    struct programme p;
    struct error err;
    rc = programme_build(db, &o, &p, &err);
    db_close(db);
    if (rc)
        return cli_report(&err);
    rc = a.capacity ? print_capacity(cli, &p, a.format) : print_programme(cli, &p, &a);
    programme_free(&p);
    return rc;
}
