/* TEMPORARY stub: replaced when the command lands. */
#include <stdio.h>
#include "tui/cli.h"
#include "tui/commands.h"
int cmd_due(struct cli *cli) { (void)cli; fprintf(stderr, "jib: not built yet\n"); return EX_SOFTWARE_; }
int cmd_show(struct cli *cli) { (void)cli; fprintf(stderr, "jib: not built yet\n"); return EX_SOFTWARE_; }
int cmd_monitoring(struct cli *cli) { (void)cli; fprintf(stderr, "jib: not built yet\n"); return EX_SOFTWARE_; }
int cmd_availability(struct cli *cli) { (void)cli; fprintf(stderr, "jib: not built yet\n"); return EX_SOFTWARE_; }
