/* Where commands write: stdout, or -o FILE through a temporary file renamed
 * into place (never written in place, never through a symlink), with the
 * database's owner and group modes; --format xlsx as a workbook. */
#include <errno.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "import/outfile.h"
#include "import/xlsx_writer.h"
#include "tui/cli.h"
#include "tui/output.h"

int cli_out_open(struct cli *cli, FILE **out, struct outfile *file)
{
    memset(file, 0, sizeof *file);
    if (!cli->output || strcmp(cli->output, "-") == 0) {
        *out = stdout;
        return 0;
    }
    if (outfile_open(file, cli->output, outfile_mode_like(cli->db_path), false) != 0) {
        cli_error("jib: cannot write %s: %s", cli->output, strerror(errno));
        return EX_CANTCREAT_;
    }
    *out = file->f;
    return 0;
}

int cli_out_close(struct cli *cli, FILE *out, struct outfile *file, bool failed)
{
    if (out == stdout)
        return failed || fflush(stdout) != 0 ? EX_IOERR_ : 0;
    if (failed) {
        outfile_abort(file);
        cli_error("jib: cannot write %s; nothing written", cli->output);
        return EX_IOERR_;
    }
    if (outfile_commit(file) != 0) {
        cli_error("jib: cannot write %s: %s", cli->output, strerror(errno));
        return EX_IOERR_;
    }
    return 0;
}

int cli_output_xlsx(struct cli *cli, const struct xlsx_sheet *sheets, size_t count)
{
    struct error err;
    if (!cli->output || strcmp(cli->output, "-") == 0)
        return cli_usage_error(cli, "--format xlsx writes a workbook: give -o FILE.xlsx");
    if (xlsx_write(cli->output, outfile_mode_like(cli->db_path), false, sheets, count, &err) != 0)
        return cli_report(&err);
    return 0;
}

int cli_default_format(const struct cli *cli)
{
    return cli->config_format >= 0 ? cli->config_format : FORMAT_TABLE;
}

int cli_format(const struct cli *cli, int format)
{
    if (format == FORMAT_XLSX && !cli->format_given && (!cli->output || !strcmp(cli->output, "-")))
        return FORMAT_TABLE;
    return format;
}

/* The columns that matter for triage first, when a table must fit a terminal. */
static const struct {
    const char *sheet, *order;
} triage_order[] = {
    {"due", "la_code,authority,status,due_date,days_to_due,cadence_grade,gap,reason,monitoring,"
            "open_concerns,last_type,last_start,window_start,window_end,region"},
    {"plans", "plan_id,la_code,authority,status,window_start,window_end,type,conflicts"},
    {"programme", "rank,la_code,authority,placed,window_start,window_end,cadence_grade,reason,"
                  "why_not"},
    {"monitoring", "la_code,authority,status,next_visit_due,judged,visits,last_visit,months,"
                   "reinspection_due"},
    {"imports", "import_id,at,outcome,kind,file,inserted,updated,unchanged,rejected,user"},
    {NULL, NULL},
};

static const char *order_of(const char *sheet)
{
    for (size_t i = 0; sheet && triage_order[i].sheet; i++)
        if (strcmp(triage_order[i].sheet, sheet) == 0)
            return triage_order[i].order;
    return NULL;
}

/* The terminal's width, else $COLUMNS, else 80. */
static int terminal_width(FILE *out)
{
    struct winsize ws;
    if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *env = getenv("COLUMNS");
    int n = env ? atoi(env) : 0;
    return n > 0 ? n : 80;
}

int cli_table_width(const struct cli *cli, FILE *out)
{
    return cli->wide || !isatty(fileno(out)) ? 0 : terminal_width(out);
}

/* A table for people on a terminal fits its width (--wide: not); anything
 * else (a pipe, a file, CSV, JSON) is written whole. */
int cli_print_rowset(struct cli *cli, FILE *out, const struct rowset *rs, int format,
                     const char *sheet)
{
    if (format != FORMAT_TABLE || cli->wide || !isatty(fileno(out)))
        return output_rowset(out, rs, format);
    char hidden[1024];
    int width = terminal_width(out);
    int rc = output_table_fit(out, rs, width, cli->columns ? cli->columns : order_of(sheet),
                              hidden, sizeof hidden);
    if (!rc && *hidden)
        cli_error("jib: left out to fit %d columns: %s (--wide shows every column, --columns "
                  "chooses)", width, hidden);
    return rc;
}

int cli_output(struct cli *cli, const struct rowset *rs, int format, const char *sheet)
{
    format = cli_format(cli, format);
    struct rowset *chosen = NULL;
    if (cli->columns) {
        char err[2048];
        chosen = output_project(rs, cli->columns, err, sizeof err);
        if (!chosen)
            return cli_usage_error(cli, "--columns: %s", err);
        rs = chosen;
    }
    int rc;
    if (format == FORMAT_XLSX) {
        struct xlsx_sheet s = {sheet, rs};
        rc = cli_output_xlsx(cli, &s, 1);
    } else {
        FILE *out;
        struct outfile file;
        rc = cli_out_open(cli, &out, &file);
        if (!rc)
            rc = cli_out_close(cli, out, &file, cli_print_rowset(cli, out, rs, format, sheet) != 0);
    }
    rowset_free(chosen);
    return rc;
}
