/* The command line: global options, the command table, and what every command
 * shares (opening the database, today's date, --format). */
#ifndef JIB_CLI_H
#define JIB_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "core/date.h"
#include "core/db.h"
#include "tui/exit_codes.h"

#define JIB_VERSION "0.1.0"

struct cli {
    char db_path[4096];
    bool db_path_given;   /* --db on the command line (demo writes only there) */
    const char *today_text; /* --today, else $JIB_TODAY, else NULL */
    bool no_color;
    bool read_only;       /* --read-only */
    int argc;             /* the command's arguments; argv[0] is the command name */
    char **argv;
    const char *argv0;
    const char *output;   /* -o FILE: where a command's output goes, else stdout */
    int config_format;    /* the config file's `format`, or -1 */
    bool format_given;    /* --format on the command line */
    const char *columns;  /* --columns a,b,c: which columns, in that order (like ps -o) */
    bool wide;            /* --wide: tables at full width even on a terminal */
};

struct command {
    const char *name;
    int (*run)(struct cli *cli);
    const char *usage;   /* arguments after the name */
    const char *summary; /* one line for `jib --help` */
};

extern const struct command commands[];

int cli_main(int argc, char **argv);

/* The width a table for people must fit on out: the terminal's, or 0 (no
 * limit) with --wide or when out is not a terminal. */
int cli_table_width(const struct cli *cli, FILE *out);
struct rowset;
/* output_rowset, but a table on a terminal fits it (see cli_table_width),
 * the columns of `sheet` that matter first. 0, or -1 on an I/O error. */
int cli_print_rowset(struct cli *cli, FILE *out, const struct rowset *rs, int format,
                     const char *sheet);

/* Who is at the keyboard: $USER, else the login name, else the passwd entry. */
const char *cli_user(void);
/* Opens cli->db_path; prints the message and returns the exit code on failure. */
int cli_open_db(struct cli *cli, enum db_open_mode mode, struct db **out);
/* Today: --today, $JIB_TODAY, the database's reference date (demo), the local date.
 * Returns 0 or EX_USAGE_ after printing why. */
int cli_today(struct cli *cli, struct db *db, jdate *out);
/* Issue 12: after jib's own writes to what the due list reads (import, policy,
 * demo), the list is computed and kept at once, after the commit, so the first
 * `jib due` or dashboard of the morning (and of the following mornings, see
 * core/due_cache.h) reads it instead of seeking through every authority's
 * history. Best effort and silent: a busy database or a bad --today only means
 * the first look computes it (and says what is wrong with --today then). */
void cli_keep_due_list(struct cli *cli, struct db *db);
#include "core/error.h"

/* tui/ alone turns an error's kind into an exit code (sysexits) ... */
int cli_exit_code(enum error_kind kind);
/* ... and prints its message ("jib: " + message, sanitised); returns the code. */
int cli_report(const struct error *e);
/* The dashboard's status-line text for an error: its message's first line (a
 * list of candidates does not fit one line). */
void cli_status_text(const struct error *e, char *out, size_t len);

/* Every message for people goes to stderr through the one sanitiser
 * (core/text.c): data in it cannot drive the terminal. */
void cli_print_message(const char *msg);
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "jib: ..." and the command's usage to stderr; returns EX_USAGE_. */
int cli_usage_error(struct cli *cli, const char *fmt, ...);
/* Parses --format VALUE / --format=VALUE. Returns true when argv[*i] was that
 * option (advancing *i); sets *bad on an invalid value. */
bool cli_take_option(struct cli *cli, int *i, const char *name, const char **value, bool *bad);
int cli_parse_format(struct cli *cli, const char *text, int *format);
/* --format VALUE (or -o FILE / --output FILE, which go with it) at argv[*i]:
 * true when it was one of them (advancing *i); *rc is then 0, or EX_USAGE_
 * after the message for a missing or unknown value. */
bool cli_take_format(struct cli *cli, int *i, int *format, int *rc);

/* Output of commands (tui/cli_output.c): stdout, or -o FILE written through
 * a temporary file renamed into place with the database's modes. */
struct rowset;
struct xlsx_sheet;
struct outfile;
/* Opens where text output goes: 0, or an exit code after the message. */
int cli_out_open(struct cli *cli, FILE **out, struct outfile *file);
/* Finishes it (commits the file unless failed): 0 or an exit code. */
int cli_out_close(struct cli *cli, FILE *out, struct outfile *file, bool failed);
/* The format a command starts with: the config file's, else table. */
int cli_default_format(const struct cli *cli);
/* The format to write: a configured xlsx without -o falls back to table. */
int cli_format(const struct cli *cli, int format);
/* One rowset in any format (xlsx: one sheet named sheet). 0 or an exit code. */
int cli_output(struct cli *cli, const struct rowset *rs, int format, const char *sheet);
/* Several rowsets as the sheets of one workbook (needs -o). 0 or an exit code. */
int cli_output_xlsx(struct cli *cli, const struct xlsx_sheet *sheets, size_t count);
/* Parses a date option value; prints the error and returns false when invalid. */
bool cli_parse_date(struct cli *cli, const char *option, const char *text, jdate *out);

#endif
