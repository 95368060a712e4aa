/* jib sample-cic [--year Y] [--count N] [--seed S] [--format F] [-o FILE]: the
 * year's children-in-care short-notice sample (core/sample.h), then how many
 * per region against each region's share. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/sample.h"
#include "import/outfile.h"
#include "import/xlsx_writer.h"
#include "tui/cli.h"
#include "tui/commands.h"
#include "tui/output.h"

struct sample_args {
    struct sample_options o;
    bool seed_given;
    int format;
};

static bool whole(const char *text, unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!*text || *text == '-')
        return false;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || *end || v > max)
        return false;
    *out = v;
    return true;
}

static int parse_args(struct cli *cli, struct sample_args *a)
{
    a->format = FORMAT_TABLE;
    for (int i = 1; i < cli->argc; i++) {
        const char *v = NULL;
        bool bad = false;
        unsigned long long n;
        int rc = 0;
        if (cli_take_format(cli, &i, &a->format, &rc)) {
            if (rc)
                return rc;
        } else if (cli_take_option(cli, &i, "--year", &v, &bad)) {
            if (bad)
                return EX_USAGE_;
            if (!whole(v, 9999, &n) || n < 1900)
                return cli_usage_error(cli, "--year must be a year such as 2027, not '%s'", v);
            a->o.year = (int)n;
        } else if (cli_take_option(cli, &i, "--count", &v, &bad)) {
            if (bad)
                return EX_USAGE_;
            if (!whole(v, SAMPLE_COUNT_MAX, &n) || n < 1)
                return cli_usage_error(cli, "--count must be a whole number from 1 to %d, not '%s'",
                                       SAMPLE_COUNT_MAX, v);
            a->o.count = (int)n;
        } else if (cli_take_option(cli, &i, "--seed", &v, &bad)) {
            if (bad)
                return EX_USAGE_;
            if (!whole(v, UINT64_MAX, &n))
                return cli_usage_error(cli, "--seed must be a whole number, not '%s'", v);
            a->o.seed = n;
            a->seed_given = true;
        } else {
            return cli_usage_error(cli, "%s '%s'",
                                   cli->argv[i][0] == '-' ? "unknown option" : "unexpected argument",
                                   cli->argv[i]);
        }
    }
    if (!a->seed_given) /* unpredictable, but printed so the sample can be drawn again */
        a->o.seed = ((uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid() * 40503u) % 1000000u;
    return 0;
}

static int print_table(struct cli *cli, FILE *out, const struct sample_result *r)
{
    fprintf(out, "Children-in-care sample %d (seed %" PRIu64 "): %zu of %d eligible; excluded %d "
                 "under monitoring and %d in a plan booked in %d\n\n",
            r->year, r->seed, r->sample->nrows, r->eligible, r->excluded_monitoring,
            r->excluded_planned, r->year);
    cli_print_rowset(cli, out, r->sample, FORMAT_TABLE, "sample");
    fputs("\n== By region: sampled against the region's share ==\n", out);
    cli_print_rowset(cli, out, r->regions, FORMAT_TABLE, "regions");
    return ferror(out) ? -1 : 0;
}

static int print_json(FILE *out, const struct sample_result *r)
{
    struct json_out *j = json_out_open(out);
    if (!j)
        return -1;
    fprintf(out, "{\"year\":%d,\"seed\":%" PRIu64 ",\"eligible\":%d,\"excluded_monitoring\":%d,"
                 "\"excluded_planned\":%d,\n\"sample\":",
            r->year, r->seed, r->eligible, r->excluded_monitoring, r->excluded_planned);
    json_out_array(j, r->sample);
    fputs(",\n\"regions\":", out);
    json_out_array(j, r->regions);
    fputs("}\n", out);
    json_out_close(j);
    return ferror(out) ? -1 : 0;
}

static int print_result(struct cli *cli, const struct sample_result *r, int format)
{
    if (format == FORMAT_XLSX) {
        struct xlsx_sheet sheets[2] = {{"sample", r->sample}, {"regions", r->regions}};
        return cli_output_xlsx(cli, sheets, 2);
    }
    FILE *out;
    struct outfile file;
    int rc = cli_out_open(cli, &out, &file);
    if (rc)
        return rc;
    if (format == FORMAT_JSON)
        rc = print_json(out, r);
    else if (format == FORMAT_CSV) /* two blocks, each with its header */
        rc = output_rowset(out, r->sample, FORMAT_CSV) || fputc('\n', out) == EOF ||
             output_rowset(out, r->regions, FORMAT_CSV);
    else
        rc = print_table(cli, out, r);
    return cli_out_close(cli, out, &file, rc != 0);
}

int cmd_sample_cic(struct cli *cli)
{
    struct sample_args a = {0};
    int rc = parse_args(cli, &a);
    if (rc)
        return rc;
    struct db *db;
    rc = cli_open_db(cli, DB_EXISTING, &db);
    if (rc)
        return rc;
    jdate today;
    rc = cli_today(cli, db, &today);
    struct sample_result r;
    struct error err;
    if (!rc) {
        rc = sample_cic(db, today, &a.o, &r, &err);
        if (rc == ERROR_USAGE)
            rc = cli_usage_error(cli, "%s", err.message);
        else if (rc)
            rc = cli_report(&err);
    }
    if (!rc) {
        if (!a.seed_given)
            fprintf(stderr, "jib: drawn with --seed %" PRIu64 " (give it again for the same sample)\n",
                    r.seed);
        rc = print_result(cli, &r, a.format);
        sample_result_free(&r);
    }
    db_close(db);
    return rc;
}
