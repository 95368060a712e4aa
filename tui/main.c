/* jib — joint inspection board. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "tui/cli.h"

int main(int argc, char **argv)
{
    /* Only the character set comes from the environment: numbers are read and
     * written the same way under every locale (LC_NUMERIC stays "C"). */
    setlocale(LC_CTYPE, "");
    int rc = cli_main(argc, argv);
    /* Every command's output is checked here once: a full disk or a closed
     * pipe is an I/O error, never a silent success. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "jib: cannot write the output: %s\n",
                errno ? strerror(errno) : "write error");
        return rc ? rc : EX_IOERR_;
    }
    return rc;
}
