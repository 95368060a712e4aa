/* Where commands write: stdout, or -o FILE through a temporary file renamed
 * into place (never written in place, never through a symlink), with the
 * database's owner and group modes; --format xlsx as a workbook. */
#include <errno.h>
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
    char err[1024];
    if (!cli->output || strcmp(cli->output, "-") == 0)
        return cli_usage_error(cli, "--format xlsx writes a workbook: give -o FILE.xlsx");
    if (xlsx_write(cli->output, outfile_mode_like(cli->db_path), false, sheets, count, err,
                   sizeof err) != 0) {
        cli_error("jib: %s", err);
        return EX_IOERR_;
    }
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

int cli_output(struct cli *cli, const struct rowset *rs, int format, const char *sheet)
{
    format = cli_format(cli, format);
    if (format == FORMAT_XLSX) {
        struct xlsx_sheet s = {sheet, rs};
        return cli_output_xlsx(cli, &s, 1);
    }
    FILE *out;
    struct outfile file;
    int rc = cli_out_open(cli, &out, &file);
    if (rc)
        return rc;
    return cli_out_close(cli, out, &file, output_rowset(out, rs, format) != 0);
}
