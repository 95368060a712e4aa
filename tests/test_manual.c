/* jib --help and the man page come from the command, option and action
 * tables: nothing can be added to one without the others. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"
#include "tui/actions.h"
#include "tui/cli.h"
#include "tui/manual.h"

static char *capture(void (*write)(FILE *))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    write(f);
    fclose(f);
    return buf;
}

Test(manual, every_command_has_a_description_and_every_description_a_command)
{
    for (const struct command *c = commands; c->name; c++)
        cr_assert_not_null(manual_command_doc(c->name),
                           "command '%s' has no description in tui/manual.c", c->name);
    for (const struct command_doc *d = command_docs; d->name; d++) {
        bool found = false;
        for (const struct command *c = commands; c->name && !found; c++)
            found = strcmp(c->name, d->name) == 0;
        cr_assert(found, "tui/manual.c describes '%s', which is not a command", d->name);
    }
}

Test(manual, the_binary_writes_the_page_from_the_tables)
{
    char *want = capture(manual_man);
    const char *args[] = {"--manpage", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0);
    cr_assert_str_eq(r.out, want);
    run_result_free(&r);
    free(want);
}

Test(manual, help_lists_every_command_option_and_key)
{
    const char *args[] = {"--help", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0);
    for (const struct command *c = commands; c->name; c++) {
        char line[256];
        snprintf(line, sizeof line, "  %-13s %s\n", c->name, c->summary);
        cr_assert(strstr(r.out, line), "--help lacks %s:\n%s", c->name, r.out);
    }
    for (const struct global_option *o = global_options; o->name; o++)
        cr_assert(strstr(r.out, o->name), "--help lacks %s", o->name);
    for (size_t i = 0; i < action_count; i++) {
        char line[512];
        snprintf(line, sizeof line, "  %-13s %s\n", actions[i].keys_label,
                 actions[i].description);
        cr_assert(strstr(r.out, line), "--help lacks the key %s", actions[i].keys_label);
    }
    run_result_free(&r);
}

Test(manual, command_help_shows_usage_and_description)
{
    const char *args[] = {"import", "--help", NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "usage: jib import [--kind K]"), "%s", r.out);
    cr_assert(strstr(r.out, "--sheet reads a named sheet of a workbook"), "%s", r.out);
    run_result_free(&r);
}

Test(manual, man_page_has_every_command_and_key_in_roff)
{
    char *page = capture(manual_man);
    for (const struct command *c = commands; c->name; c++) {
        char name[64] = "", want[128];
        for (const char *p = c->name; *p; p++) /* roff writes a hyphen as \- */
            strncat(name, *p == '-' ? "\\-" : (char[]){*p, 0}, sizeof name - strlen(name) - 1);
        snprintf(want, sizeof want, ".TP\n\\fB%s\\fR", name);
        cr_assert(strstr(page, want), "no %s in the man page", c->name);
    }
    cr_assert(strstr(page, ".SH DASHBOARD KEYS\n"));
    cr_assert(strstr(page, ".TP\n.B Ctrl\\-L\n"), "keys are listed");
    cr_assert(strstr(page, ".SH CONFIGURATION\n"));
    free(page);
}
