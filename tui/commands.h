/* Every command's entry point; each lives in its own tui/cmd_*.c file. */
#ifndef JIB_COMMANDS_H
#define JIB_COMMANDS_H

struct cli;

int cmd_tui(struct cli *cli);
int cmd_demo(struct cli *cli);
int cmd_import(struct cli *cli);
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
