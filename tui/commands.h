/* Every command's entry point; each lives in its own tui/cmd_*.c file. */
#ifndef JIB_COMMANDS_H
#define JIB_COMMANDS_H

#include <stdbool.h>

#include "import/sink.h"

struct cli;

int cmd_tui(struct cli *cli);
int cmd_demo(struct cli *cli);
int cmd_import(struct cli *cli);
/* What `jib import` shows on stderr: its row errors (the first 50 of a file),
 * file errors, summaries, warnings and, when progress_bar, a progress bar. */
struct cli_import_sink {
    struct import_sink sink; /* give &sink to import_options */
    bool progress;
    long shown;
    bool drew;
    long long last_draw_ns;
};
void cli_import_sink(struct cli_import_sink *s, bool progress_bar);
int cmd_export(struct cli *cli);
int cmd_imports(struct cli *cli);
int cmd_due(struct cli *cli);
int cmd_show(struct cli *cli);
int cmd_monitoring(struct cli *cli);
int cmd_availability(struct cli *cli);
int cmd_policy(struct cli *cli);
int cmd_brief(struct cli *cli);
int cmd_sample_cic(struct cli *cli);
int cmd_plan(struct cli *cli);
int cmd_plans(struct cli *cli);
int cmd_cancel(struct cli *cli);
int cmd_programme(struct cli *cli);
int cmd_doctor(struct cli *cli);

#endif
