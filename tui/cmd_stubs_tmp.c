/* TEMPORARY: replaced file by file as commands land. */
#include <stdio.h>
#include "tui/cli.h"
#include "tui/commands.h"
#include "import/import.h"
#define STUB(n) int n(struct cli *cli) { (void)cli; fprintf(stderr, "jib: not built yet\n"); return EX_SOFTWARE_; }
STUB(cmd_tui) STUB(cmd_import) STUB(cmd_export) STUB(cmd_imports) STUB(cmd_due) STUB(cmd_show)
STUB(cmd_monitoring) STUB(cmd_availability)
int import_files(struct db *db, const char *const *paths, size_t count, const struct import_options *o)
{ (void)db; (void)paths; (void)count; (void)o; return EX_SOFTWARE_; }
