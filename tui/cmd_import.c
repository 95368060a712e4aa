/* TEMPORARY stub: replaced when the command lands. */
#include <stdio.h>
#include "tui/cli.h"
#include "tui/commands.h"
int cmd_import(struct cli *cli) { (void)cli; fprintf(stderr, "jib: not built yet\n"); return EX_SOFTWARE_; }
int cmd_export(struct cli *cli) { (void)cli; fprintf(stderr, "jib: not built yet\n"); return EX_SOFTWARE_; }
int cmd_imports(struct cli *cli) { (void)cli; fprintf(stderr, "jib: not built yet\n"); return EX_SOFTWARE_; }
