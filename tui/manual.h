/* The manual from the tables: jib --help, jib COMMAND --help, the man page. */
#ifndef JIB_MANUAL_H
#define JIB_MANUAL_H

#include <stdio.h>

struct command;

struct global_option {
    const char *name, *arg, *help;
};
extern const struct global_option global_options[]; /* ends with a NULL name */

struct command_doc {
    const char *name, *text;
};
extern const struct command_doc command_docs[]; /* one per command; ends with a NULL name */

const struct command_doc *manual_command_doc(const char *name);
void manual_help(FILE *out);
void manual_command_usage(FILE *out, const struct command *c);
/* The man page in roff (man/jib.1 is this output). */
void manual_man(FILE *out);

#endif
