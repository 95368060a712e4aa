/* jib plan | plans | cancel: joint windows, booking and the plans list.
 * Plans are confidential: only these commands, `show`, the Plans view and the
 * authority detail print them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authority.h"
#include "core/kind.h"
#include "core/plan.h"
#include "import/outfile.h"
#include "tui/cli.h"
#include "tui/commands.h"
#include "tui/output.h"

struct plan_args {
    const char *ident;
    const char *type, *theme;
    jdate from;
    bool from_given, book;
    long long replace; /* 0: none */
    int format;
};

static bool parse_plan_id(struct cli *cli, const char *text, long long *out)
{
    char *end;
    long long v = strtoll(text, &end, 10);
    if (*text && !*end && v > 0) {
        *out = v;
        return true;
    }
    cli_usage_error(cli, "'%s' is not a plan id (a whole number, see 'jib plans')", text);
    return false;
}

static bool parse_type(struct cli *cli, const char *text, const char **out)
{
    char why[512];
    int i = enum_parse(&inspection_types, text, why, sizeof why);
    if (i < 0) {
        cli_usage_error(cli, "--type: %s", why);
        return false;
    }
    *out = inspection_types.values[i].name;
    return true;
}

/* One option at argv[*i]: 1 taken, 0 not an option of plan, -1 bad (printed). */
static int take_plan_option(struct cli *cli, int *i, struct plan_args *a)
{
    const char *v;
    bool bad = false;
    int rc = 0;
    if (cli_take_format(cli, i, &a->format, &rc))
        return rc ? -1 : 1;
    if (strcmp(cli->argv[*i], "--book") == 0)
        return a->book = true, 1;
    if (cli_take_option(cli, i, "--from", &v, &bad)) {
        a->from_given = true;
        return !bad && cli_parse_date(cli, "--from", v, &a->from) ? 1 : -1;
    }
    if (cli_take_option(cli, i, "--type", &v, &bad))
        return !bad && parse_type(cli, v, &a->type) ? 1 : -1;
    if (cli_take_option(cli, i, "--theme", &a->theme, &bad))
        return bad ? -1 : 1;
    if (cli_take_option(cli, i, "--replace", &v, &bad))
        return !bad && parse_plan_id(cli, v, &a->replace) ? 1 : -1;
    return 0;
}

static int parse_plan_args(struct cli *cli, struct plan_args *a)
{
    for (int i = 1; i < cli->argc; i++) {
        const char *arg = cli->argv[i];
        int taken = arg[0] == '-' && arg[1] ? take_plan_option(cli, &i, a) : 0;
        if (taken < 0)
            return EX_USAGE_;
        if (taken)
            continue;
        if (arg[0] == '-' && arg[1])
            return cli_usage_error(cli, "unknown option '%s'", arg);
        if (a->ident)
            return cli_usage_error(cli, "one authority at a time (quote names with spaces)");
        a->ident = arg;
    }
    if (a->replace && (a->ident || a->book))
        return cli_usage_error(cli, "--replace PLAN_ID takes no authority and no --book");
    if (!a->replace && !a->ident)
        return cli_usage_error(cli, "which authority? give its la_code, ONS code, Ofsted URN or "
                                    "name");
    return 0;
}

/* The table for people: one block per window, its team beneath. */
static int print_windows_table(FILE *out, const struct plan_proposal *p)
{
    const struct rowset *rs = p->rows;
    for (size_t w = 0; w < p->nwindows; w++) {
        char start[DATE_ISO_LEN], end[DATE_ISO_LEN];
        date_format(p->windows[w].start, start);
        date_format(p->windows[w].end, end);
        fprintf(out, "%sWindow %zu: %s to %s (%s, %s)\n", w ? "\n" : "", w + 1, start, end,
                p->name, p->la_code);
        struct rowset *team = rowset_new_csv(
            "inspectorate,inspector_id,inspector,onsite_start,onsite_end", "ttttt");
        for (size_t r = 0; r < rs->nrows; r++) {
            if ((size_t)atoi(rowset_get(rs, r, 0)) != w + 1)
                continue;
            size_t row = rowset_add_row(team);
            for (size_t c = 0; c < 5; c++)
                rowset_set(team, row, c, rowset_get(rs, r, c + 3));
        }
        output_table(out, team);
        rowset_free(team);
    }
    return ferror(out) ? -1 : 0;
}

static int print_proposal(struct cli *cli, const struct plan_proposal *p, int format)
{
    format = cli_format(cli, format);
    if (format != FORMAT_TABLE)
        return cli_output(cli, p->rows, format, "windows");
    FILE *out;
    struct outfile file;
    int rc = cli_out_open(cli, &out, &file);
    return rc ? rc : cli_out_close(cli, out, &file, print_windows_table(out, p) != 0);
}

static int book(struct db *db, const struct plan_proposal *p, const struct plan_args *a)
{
    struct plan_booking booking = {a->type, a->theme, cli_user()};
    long long plan_id;
    struct error err;
    if (plan_book(db, p, 0, &booking, &plan_id, &err))
        return cli_report(&err);
    char start[DATE_ISO_LEN];
    date_format(p->windows[0].start, start);
    fprintf(stderr, "jib: booked plan %lld: %s (%s), window from %s, as %s\n", plan_id, p->name,
            p->la_code, start, booking.user);
    return 0;
}

static int replace(struct cli *cli, long long plan_id)
{
    struct db *db;
    int rc = cli_open_db(cli, DB_EXISTING, &db);
    if (rc)
        return rc;
    char summary[4096];
    struct error err;
    int replaced = 0;
    rc = plan_replace(db, plan_id, &replaced, summary, sizeof summary, &err);
    db_close(db);
    if (rc)
        return cli_report(&err);
    if (replaced)
        fprintf(stderr, "jib: plan %lld rebooked: %s\n", plan_id, summary);
    else
        fprintf(stderr, "jib: plan %lld has no conflicts; nothing to replace\n", plan_id);
    return 0;
}

int cmd_plan(struct cli *cli)
{
    struct plan_args a = {.format = cli_default_format(cli)};
    int rc = parse_plan_args(cli, &a);
    if (rc)
        return rc;
    if (a.replace)
        return replace(cli, a.replace);
    struct db *db;
    jdate today;
    if ((rc = cli_open_db(cli, DB_EXISTING, &db)))
        return rc;
    if ((rc = cli_today(cli, db, &today))) {
        db_close(db);
        return rc;
    }
    char la_code[LA_CODE_MAX];
    struct error err;
    struct plan_proposal p = {0};
    rc = authority_resolve(db, a.ident, la_code, &err);
    if (!rc)
        rc = plan_propose(db, la_code, a.from_given ? a.from : today, &p, &err);
    if (rc) {
        rc = cli_report(&err);
    } else if (p.nwindows == 0) {
        char from[DATE_ISO_LEN];
        date_format(p.from, from);
        fprintf(stderr, "jib: no joint window for %s (%s) in the %d weeks from %s:\n%s\n", p.name,
                p.la_code, PLAN_SEARCH_WEEKS, from, p.why_none);
        rc = EX_UNAVAILABLE_;
    } else {
        rc = print_proposal(cli, &p, a.format);
        if (!rc && a.book)
            rc = book(db, &p, &a);
    }
    plan_proposal_free(&p);
    db_close(db);
    return rc;
}

int cmd_plans(struct cli *cli)
{
    int format = cli_default_format(cli);
    for (int i = 1; i < cli->argc; i++) {
        int rc = 0;
        if (!cli_take_format(cli, &i, &format, &rc))
            return cli_usage_error(cli, "unexpected argument '%s'", cli->argv[i]);
        if (rc)
            return rc;
    }
    struct db *db;
    int rc = cli_open_db(cli, DB_EXISTING, &db);
    if (rc)
        return rc;
    struct rowset *rs;
    struct error err;
    if (plan_list(db, NULL, &rs, &err) != 0) {
        db_close(db);
        return cli_report(&err);
    }
    db_close(db);
    rc = cli_output(cli, rs, format, "plans");
    rowset_free(rs);
    return rc;
}

int cmd_cancel(struct cli *cli)
{
    long long plan_id = 0;
    for (int i = 1; i < cli->argc; i++) {
        if (plan_id)
            return cli_usage_error(cli, "one plan at a time");
        if (!parse_plan_id(cli, cli->argv[i], &plan_id))
            return EX_USAGE_;
    }
    if (!plan_id)
        return cli_usage_error(cli, "which plan? give its plan_id (see 'jib plans')");
    struct db *db;
    int rc = cli_open_db(cli, DB_EXISTING, &db);
    if (rc)
        return rc;
    struct error err;
    rc = plan_cancel(db, plan_id, cli_user(), &err);
    db_close(db);
    if (rc)
        rc = cli_report(&err);
    else
        fprintf(stderr, "jib: plan %lld cancelled; its inspectors' bookings are released\n",
                plan_id);
    return rc;
}
