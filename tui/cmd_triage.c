/* jib due | show | monitoring | availability: the triage questions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authority.h"
#include "core/availability.h"
#include "core/due.h"
#include "core/due_cache.h"
#include "core/monitoring.h"
#include "import/csv_writer.h"
#include "import/outfile.h"
#include "import/xlsx_writer.h"
#include "tui/cli.h"
#include "tui/commands.h"
#include "tui/output.h"

/* Opens the database and finds today; prints why and returns the code on failure. */
static int open_for_query(struct cli *cli, struct db **db, jdate *today)
{
    int rc = cli_open_db(cli, DB_EXISTING, db);
    if (rc)
        return rc;
    rc = cli_today(cli, *db, today);
    if (rc)
        db_close(*db);
    return rc;
}

/* Prints a core result: the rowset, or the message with its exit code. */
static int print_result(struct cli *cli, int rc, struct rowset *rs, int format,
                        const struct error *err, const char *sheet)
{
    if (rc == ERROR_USAGE)
        return cli_usage_error(cli, "%s", err->message);
    if (rc)
        return cli_report(err);
    rc = cli_output(cli, rs, format, sheet);
    rowset_free(rs);
    return rc;
}

static int unknown_argument(struct cli *cli, const char *arg)
{
    if (arg[0] == '-' && arg[1])
        return cli_usage_error(cli, "unknown option '%s'", arg);
    return cli_usage_error(cli, "unexpected argument '%s'", arg);
}

int cmd_due(struct cli *cli)
{
    struct due_filter filter = {0};
    int format = cli_default_format(cli);
    for (int i = 1; i < cli->argc; i++) {
        bool bad = false;
        int rc = 0;
        if (cli_take_format(cli, &i, &format, &rc)) {
            if (rc)
                return rc;
        } else if (cli_take_option(cli, &i, "--region", &filter.region, &bad) ||
                   cli_take_option(cli, &i, "--status", &filter.status, &bad)) {
            if (bad)
                return EX_USAGE_;
        } else {
            return unknown_argument(cli, cli->argv[i]);
        }
    }
    struct db *db;
    jdate today;
    int rc = open_for_query(cli, &db, &today);
    if (rc)
        return rc;
    struct rowset *rs = NULL;
    struct error err;
    /* The whole list comes from the day's cache when it is valid (issue 12). */
    if (!filter.region && !filter.status)
        rc = due_list_cached(db, today, &rs, &err);
    else
        rc = due_list(db, today, &filter, &rs, &err);
    db_close(db);
    return print_result(cli, rc, rs, format, &err, "due");
}

static int parse_format_only(struct cli *cli, int *format)
{
    for (int i = 1; i < cli->argc; i++) {
        int rc = 0;
        if (!cli_take_format(cli, &i, format, &rc))
            return unknown_argument(cli, cli->argv[i]);
        if (rc)
            return rc;
    }
    return 0;
}

int cmd_monitoring(struct cli *cli)
{
    int format = cli_default_format(cli);
    int rc = parse_format_only(cli, &format);
    if (rc)
        return rc;
    struct db *db;
    jdate today;
    rc = open_for_query(cli, &db, &today);
    if (rc)
        return rc;
    struct rowset *rs = NULL;
    struct error err;
    rc = monitoring_list(db, today, &rs, &err);
    db_close(db);
    return print_result(cli, rc, rs, format, &err, "monitoring");
}

static bool parse_weeks(struct cli *cli, const char *text, int *weeks)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*text && !*end && v >= 1 && v <= AVAILABILITY_WEEKS_MAX) {
        *weeks = (int)v;
        return true;
    }
    cli_usage_error(cli, "--weeks '%s': expected a number from 1 to %d", text,
                    AVAILABILITY_WEEKS_MAX);
    return false;
}

int cmd_availability(struct cli *cli)
{
    int format = cli_default_format(cli), weeks = 12;
    const char *from_text = NULL;
    jdate from;
    for (int i = 1; i < cli->argc; i++) {
        const char *value;
        bool bad = false;
        int rc = 0;
        if (cli_take_format(cli, &i, &format, &rc)) {
            if (rc)
                return rc;
        } else if (cli_take_option(cli, &i, "--from", &from_text, &bad)) {
            if (bad || !cli_parse_date(cli, "--from", from_text, &from))
                return EX_USAGE_;
        } else if (cli_take_option(cli, &i, "--weeks", &value, &bad)) {
            if (bad || !parse_weeks(cli, value, &weeks))
                return EX_USAGE_;
        } else {
            return unknown_argument(cli, cli->argv[i]);
        }
    }
    struct db *db;
    jdate today;
    int rc = open_for_query(cli, &db, &today);
    if (rc)
        return rc;
    struct rowset *rs = NULL;
    struct error err;
    rc = availability_list(db, from_text ? from : today, weeks, &rs, &err);
    db_close(db);
    return print_result(cli, rc, rs, format, &err, "availability");
}

/* ---- show ---- */

#define SHOW_SECTIONS 11

struct section {
    const char *name;  /* csv section and json key */
    const char *title; /* table heading */
    const struct rowset *rs;
    bool single;       /* one row: field / value lines in a table, an object in JSON */
    const char *none;  /* what a table says when there are no rows */
    const char *order; /* on a narrow terminal, the columns that matter first */
};

static void sections_of(const struct authority_detail *d, struct section out[SHOW_SECTIONS])
{
    struct section s[SHOW_SECTIONS] = {
        {"authority", "Authority", d->identity, true, "(none)", NULL},
        {"due", "Due: status, due date, window and why", d->due, true, "(none)", NULL},
        {"latest", "Latest judgement per inspectorate", d->latest, false, "(none)",
         "inspectorate,start_date,type,cadence_grade,overall"},
        {"history", "Inspection history (newest first)", d->history, false, "(none)",
         "start_date,inspectorate,type,cadence_grade,overall"},
        {"neighbours", "Statistical neighbours (latest full inspection)", d->neighbours, false,
         "(none)", NULL},
        {"indicators", "Indicators (latest period; ranked among neighbours only for rates)",
         d->indicators, false, "(none)", "indicator,value,national,regional,neighbours,"
                                         "neighbour_rank,trend"},
        {"trends", "Indicator trends (oldest first)", d->trends, false, "(none)", NULL},
        {"concerns", "Concerns", d->concerns, false, "(none)", NULL},
        {"monitoring", "Monitoring", d->monitoring, true, "(not under monitoring)", NULL},
        {"plans", "Plans (confidential)", d->plans, false, "(none)", NULL},
        {"plan_team", "Plan teams (confidential)", d->plan_team, false, "(none)", NULL},
    };
    memcpy(out, s, sizeof s);
}

/* The identity as field / value lines, easier to read than one wide row. */
static void print_identity(FILE *out, const struct rowset *rs)
{
    struct rowset *kv = rowset_new_csv("field,value", "tt");
    for (size_t c = 0; rs->nrows && c < rs->ncols; c++) {
        size_t r = rowset_add_row(kv);
        rowset_set(kv, r, 0, rs->names[c]);
        rowset_set(kv, r, 1, rowset_get(rs, 0, c));
    }
    output_table(out, kv);
    rowset_free(kv);
}

/* width > 0 (a terminal): each list fits it, long text cut, columns that do
 * not fit left out (one note on stderr); field / value sections are never cut. */
static int show_table(FILE *out, const struct section s[SHOW_SECTIONS], int width)
{
    bool left_out = false;
    for (int i = 0; i < SHOW_SECTIONS; i++) {
        char hidden[1024] = "";
        fprintf(out, "%s== %s ==\n", i ? "\n" : "", s[i].title);
        if (s[i].rs->nrows == 0)
            fprintf(out, "%s\n", s[i].none);
        else if (s[i].single && strcmp(s[i].name, "monitoring") != 0)
            print_identity(out, s[i].rs);
        else if (width > 0)
            output_table_fit(out, s[i].rs, width, s[i].order, hidden, sizeof hidden);
        else
            output_table(out, s[i].rs);
        left_out = left_out || *hidden;
    }
    if (left_out)
        cli_error("jib: some columns were left out to fit %d columns (--wide shows every column)",
                  width);
    return ferror(out) ? -1 : 0;
}

/* CSV: one block per section, each with its own header and a leading
 * `section` column, blocks separated by a blank line. */
static void csv_section(FILE *out, const struct section *s)
{
    const char *fields[64];
    size_t n = s->rs->ncols < 63 ? s->rs->ncols : 63;
    fields[0] = "section";
    for (size_t c = 0; c < n; c++)
        fields[c + 1] = s->rs->names[c];
    csv_write_row(out, fields, n + 1);
    for (size_t r = 0; r < s->rs->nrows; r++) {
        fields[0] = s->name;
        for (size_t c = 0; c < n; c++)
            fields[c + 1] = rowset_get(s->rs, r, c);
        csv_write_row(out, fields, n + 1);
    }
}

static int show_csv(FILE *out, const struct section s[SHOW_SECTIONS])
{
    for (int i = 0; i < SHOW_SECTIONS; i++) {
        if (i)
            fputc('\n', out);
        csv_section(out, &s[i]);
    }
    return ferror(out) ? -1 : 0;
}

/* JSON: one object; authority and monitoring are objects (monitoring null
 * when not under monitoring), the other sections arrays. */
static int show_json(FILE *out, const struct section s[SHOW_SECTIONS])
{
    struct json_out *j = json_out_open(out);
    if (!j)
        return -1;
    fputc('{', out);
    for (int i = 0; i < SHOW_SECTIONS; i++) {
        fputs(i ? ",\n" : "\n", out);
        json_out_string(j, s[i].name);
        fputc(':', out);
        bool single = s[i].single;
        if (single && s[i].rs->nrows)
            json_out_row(j, s[i].rs, 0);
        else if (single)
            fputs("null", out);
        else
            json_out_array(j, s[i].rs);
    }
    fputs("\n}\n", out);
    json_out_close(j);
    return ferror(out) ? -1 : 0;
}

static int print_detail(struct cli *cli, const struct authority_detail *d, int format)
{
    struct section s[SHOW_SECTIONS];
    sections_of(d, s);
    format = cli_format(cli, format);
    if (format == FORMAT_XLSX) { /* one sheet per section */
        struct xlsx_sheet sheets[SHOW_SECTIONS];
        for (int i = 0; i < SHOW_SECTIONS; i++)
            sheets[i] = (struct xlsx_sheet){s[i].name, s[i].rs};
        return cli_output_xlsx(cli, sheets, SHOW_SECTIONS);
    }
    FILE *out;
    struct outfile file;
    int rc = cli_out_open(cli, &out, &file);
    if (rc)
        return rc;
    rc = format == FORMAT_JSON ? show_json(out, s)
         : format == FORMAT_CSV ? show_csv(out, s)
                                : show_table(out, s, cli_table_width(cli, out));
    return cli_out_close(cli, out, &file, rc != 0);
}

static int parse_show_args(struct cli *cli, const char **ident, int *format)
{
    for (int i = 1; i < cli->argc; i++) {
        int rc = 0;
        if (cli_take_format(cli, &i, format, &rc)) {
            if (rc)
                return rc;
        } else if (cli->argv[i][0] == '-' && cli->argv[i][1]) {
            return cli_usage_error(cli, "unknown option '%s'", cli->argv[i]);
        } else if (*ident) {
            return cli_usage_error(cli, "one authority at a time (quote names with spaces)");
        } else {
            *ident = cli->argv[i];
        }
    }
    return *ident ? 0 : cli_usage_error(cli, "which authority? give its la_code, ONS code, "
                                             "Ofsted URN or name");
}

int cmd_show(struct cli *cli)
{
    const char *ident = NULL;
    int format = cli_default_format(cli);
    int rc = parse_show_args(cli, &ident, &format);
    if (rc)
        return rc;
    struct db *db;
    jdate today;
    if ((rc = open_for_query(cli, &db, &today)))
        return rc;
    char la_code[LA_CODE_MAX];
    struct error err;
    struct authority_detail detail;
    rc = authority_resolve(db, ident, la_code, &err);
    if (!rc)
        rc = authority_detail_load(db, la_code, today, &detail, &err);
    db_close(db);
    if (rc)
        return cli_report(&err);
    rc = print_detail(cli, &detail, format);
    authority_detail_free(&detail);
    return rc;
}
