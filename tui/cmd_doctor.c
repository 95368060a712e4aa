/* jib doctor: checks the database's folder, modes, groups, journal files and
 * health, and says what to fix. Exit 0 when all is well, 65 otherwise. */
#include "core/doctor.h"
#include "tui/cli.h"
#include "tui/commands.h"
#include "tui/output.h"

int cmd_doctor(struct cli *cli)
{
    int format = FORMAT_TABLE, rc = 0;
    for (int i = 1; i < cli->argc; i++) {
        if (!cli_take_format(cli, &i, &format, &rc))
            return cli_usage_error(cli, "unexpected argument '%s'", cli->argv[i]);
        if (rc)
            return rc;
    }
    struct rowset *rs = NULL;
    int problems = 0;
    if (doctor_check(cli->db_path, &rs, &problems) != 0) {
        cli_error("jib: out of memory");
        return EX_SOFTWARE_;
    }
    rc = output_rowset(stdout, rs, format) ? EX_IOERR_ : 0;
    rowset_free(rs);
    if (!rc && problems)
        cli_error("jib: %d thing%s to look at in %s (see the fix column)", problems,
                  problems == 1 ? "" : "s", cli->db_path);
    return rc ? rc : problems ? EX_DATAERR_ : 0;
}
