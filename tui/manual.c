/* jib --help, jib COMMAND --help and the man page (jib --manpage, written to
 * build/.../jib.1 at every build and installed), all from the same tables:
 * the command table (tui/cli.c), the global options and command descriptions
 * below, and the action table (tui/actions.c). tests/test_manual.c fails when
 * a command lacks a description or a description names no command. */
#include "tui/manual.h"

#include <ctype.h>
#include <string.h>

#include "tui/actions.h"
#include "tui/cli.h"

const struct global_option global_options[] = {
    {"--db", "PATH", "the database (default $JIB_DB, else $XDG_DATA_HOME/jib/jib.db)"},
    {"--today", "DATE", "the date to triage for (default $JIB_TODAY, else the database's "
                        "reference date, else today)"},
    {"--no-color", NULL, "no colour in the dashboard (also NO_COLOR=1)"},
    {"--read-only", NULL, "open the database read-only"},
    {"--columns", "LIST", "the columns a table, CSV or JSON shows, in that order (like ps -o): "
                          "e.g. la_code,authority,reason"},
    {"--wide", NULL, "tables at full width even on a terminal (they fit its width otherwise; "
                     "not on a terminal they are always full width)"},
    {"--help", NULL, "this help; 'jib COMMAND --help' shows a command's arguments"},
    {"--version", NULL, "the version"},
    {NULL, NULL, NULL},
};

/* What each command does, at more length than its summary (plain text). */
const struct command_doc command_docs[] = {
    {"tui", "Open the dashboard (the default). The keys are listed under DASHBOARD KEYS and by ? "
            "inside it."},
    {"demo", "Build a database from the sample data (in a temporary directory unless --db is "
             "given) whose today is the sample's reference date, and open the dashboard; "
             "--no-tui prints the database's path instead."},
    {"import", "Import CSV exports and workbooks (.xlsx, .ods); each file is one transaction, all "
               "or nothing. --kind, --inspectorate and --type supply what a file lacks; "
               "--encoding converts from another character set; --sheet reads a named sheet of a "
               "workbook (else the first visible one); --map SOURCE=TARGET sends a column to a "
               "field (repeatable); --skip-invalid stores the valid rows and writes the rest to "
               "FILE.rejects.csv (FILE.SHEET.rejects.csv for a workbook); --dry-run changes "
               "nothing; --update-only makes an authorities file update the authorities the "
               "database has and skip the rest."},
    {"export", "Write authorities, inspections, indicators, concerns, inspectors, absences or "
               "holidays in canonical columns (CSV by default)."},
    {"imports", "The import log: every attempt, when, who, the file and its SHA-256, counts and "
                "outcome."},
    {"due", "The due list, soonest first. Statuses: never_inspected, overdue, in_window, "
            "due_soon, not_due."},
    {"show", "One authority, by LA code, ONS code, Ofsted URN, name, alias or the start of a name "
             "or its words (an ambiguous query lists the candidates and exits 65): identifiers, "
             "its due row (status, due date, window and why), latest judgements, history, "
             "statistical neighbours by name, indicators (ranked among neighbours only for "
             "rates), concerns, monitoring and plans (xlsx: one sheet per section)."},
    {"monitoring", "Authorities whose latest full inspection is inadequate, with their "
                   "monitoring visits and when the next is due."},
    {"availability", "Inspectors free on every working day of each week, per inspectorate."},
    {"plan", "The three earliest joint windows for an authority with named teams; --book books "
             "the first; --replace PLAN_ID re-plans a booked plan."},
    {"plans", "Booked and cancelled plans, newest window first."},
    {"cancel", "Cancel a plan and release its inspectors."},
    {"programme", "Propose the year's joint programme: candidates ranked, each in its earliest "
                  "feasible joint window with no inspector double-booked, why each was chosen "
                  "and why any could not be placed, then the capacity bound per inspectorate. "
                  "Books nothing."},
    {"sample-cic", "The year's children-in-care short-notice sample: authorities scored by risk "
                   "with the reasons in words, regional quotas, a seeded draw (the same seed "
                   "gives the same sample) excluding monitored and planned authorities, and the "
                   "first week Ofsted can field each team."},
    {"brief", "One printable brief for the inspection team: HTML laid out for A4, or Markdown."},
    {"policy", "Show or change the cadence policy (set KEY VALUE, or a preset)."},
    {"doctor", "Check that the database can be shared: its folder (group, group-write, setgid), "
               "the file's mode and group, the -wal and -shm files, what you may do, and the "
               "file's health; each problem with the command that fixes it. Exit 0 when all is "
               "well, 65 otherwise."},
    {NULL, NULL},
};

const struct command_doc *manual_command_doc(const char *name)
{
    for (const struct command_doc *d = command_docs; d->name; d++)
        if (strcmp(d->name, name) == 0)
            return d;
    return NULL;
}

/* ---- jib --help ---- */

void manual_help(FILE *out)
{
    fprintf(out, "usage: jib [--db PATH] [--today YYYY-MM-DD] [--no-color] [--read-only] "
                 "[--wide] [--columns LIST] [COMMAND [ARGS]]\n\n"
                 "jib keeps inspection exports in one SQLite database and shows what is due.\n"
                 "With no command it opens the dashboard.\n\ncommands:\n");
    for (const struct command *c = commands; c->name; c++)
        fprintf(out, "  %-13s %s\n", c->name, c->summary);
    fputs("\noptions:\n", out);
    for (const struct global_option *o = global_options; o->name; o++) {
        char left[40];
        snprintf(left, sizeof left, "%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(out, "  %-18s %s\n", left, o->help);
    }
    fputs("\ncommands that print take --format table|csv|json|xlsx and -o FILE.\n"
          "\ndashboard keys:\n", out);
    for (size_t i = 0; i < action_count; i++)
        fprintf(out, "  %-13s %s\n", actions[i].keys_label, actions[i].description);
    fputs("\n'jib COMMAND --help' shows a command's arguments; 'man jib' has the rest.\n", out);
}

void manual_command_usage(FILE *out, const struct command *c)
{
    const struct command_doc *d = manual_command_doc(c->name);
    fprintf(out, "usage: jib %s %s\n  %s\n", c->name, c->usage, c->summary);
    if (d)
        fprintf(out, "\n%s\n", d->text);
}

/* ---- the man page ---- */

/* Plain text as roff: backslashes, hyphens and leading dots escaped. */
static void roff_text(FILE *out, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", out);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", out);
        else if (*s == '-')
            fputs("\\-", out);
        else if (*s == '\n') {
            fputc('\n', out);
            if (s[1] == '.' || s[1] == '\'')
                fputs("\\&", out);
        } else
            fputc(*s, out);
    }
}

/* A usage line: options in bold, PLACEHOLDERS in italics, the rest roman. */
static void roff_usage(FILE *out, const char *usage)
{
    const char *p = usage;
    while (*p) {
        size_t n = strcspn(p, " []|.=");
        if (n == 0) {
            roff_text(out, (char[]){*p, '\0'});
            p++;
            continue;
        }
        char word[256];
        snprintf(word, sizeof word, "%.*s", (int)(n < 255 ? n : 255), p);
        bool option = word[0] == '-';
        bool placeholder = !option && isupper((unsigned char)word[0]);
        for (size_t i = 0; placeholder && word[i]; i++)
            placeholder = isupper((unsigned char)word[i]) || word[i] == '_';
        fputs(option ? "\\fB" : placeholder ? "\\fI" : "", out);
        roff_text(out, word);
        fputs(option || placeholder ? "\\fR" : "", out);
        p += n;
    }
}

static const char *const env_docs[][2] = {
    {"JIB_DB", "The database, when --db is not given (else $XDG_DATA_HOME/jib/jib.db)."},
    {"JIB_TODAY", "Today, when --today is not given."},
    {"JIB_SAMPLE_DIR", "Where demo finds the sample data."},
    {"JIB_BUSY_TIMEOUT_MS", "How long a write waits for another coordinator's (milliseconds)."},
    {"JIB_XLSX_STREAM_CELLS", "Workbooks with more cells than this (default 1000000) are written "
                              "a row at a time, with inline strings, in constant memory."},
    {"XDG_CONFIG_HOME", "Where the configuration file is (default ~/.config)."},
    {"XDG_DATA_HOME", "Where the default database is (default ~/.local/share)."},
    {"NO_COLOR", "No colour in the dashboard."},
};

void manual_man(FILE *out)
{
    fprintf(out, ".\\\" Generated by 'jib --manpage' from the command, option and action tables;\n"
                 ".\\\" change tui/manual.c, tui/cli.c or tui/actions.c instead.\n"
                 ".TH JIB 1 \"\" \"jib %s\" \"User Commands\"\n", JIB_VERSION);
    fputs(".SH NAME\njib \\- joint inspection board: triage inspections of children's services\n"
          ".SH SYNOPSIS\n.B jib\n", out);
    for (const struct global_option *o = global_options; o->name; o++) {
        if (strcmp(o->name, "--help") == 0 || strcmp(o->name, "--version") == 0)
            continue;
        fputs("[", out);
        roff_usage(out, o->name);
        if (o->arg) {
            fputs(" ", out);
            roff_usage(out, o->arg);
        }
        fputs("]\n", out);
    }
    fputs("[\\fICOMMAND\\fR [\\fIARGS\\fR]]\n.SH DESCRIPTION\n.B jib\n", out);
    roff_text(out, "keeps the exports of the five inspectorates (Ofsted, CQC, HMICFRS, HMI "
                   "Probation, HMI Prisons), as CSV files or workbooks, in one SQLite database "
                   "and shows which councils are due for inspection, how the councils rated "
                   "inadequate are monitored and which inspectors are free. With no command it "
                   "opens the dashboard. Every view is also a command that prints a table, CSV, "
                   "JSON or an xlsx workbook.\n");
    fputs(".SH OPTIONS\n", out);
    for (const struct global_option *o = global_options; o->name; o++) {
        fputs(".TP\n", out);
        roff_usage(out, o->name);
        if (o->arg) {
            fputs(" ", out);
            roff_usage(out, o->arg);
        }
        fputs("\n", out);
        roff_text(out, o->help);
        fputs("\n", out);
    }
    fputs(".SH COMMANDS\n", out);
    for (const struct command *c = commands; c->name; c++) {
        const struct command_doc *d = manual_command_doc(c->name);
        fputs(".TP\n\\fB", out);
        roff_text(out, c->name);
        fputs("\\fR", out);
        if (*c->usage) {
            fputs(" ", out);
            roff_usage(out, c->usage);
        }
        fputs("\n", out);
        roff_text(out, d ? d->text : c->summary);
        fputs("\n", out);
    }
    fputs(".SH OUTPUT\n", out);
    roff_text(out, "--format is table (aligned, for people), csv (RFC 4180), json (an array of "
                   "objects) or xlsx (a workbook: frozen, filterable header, numbers as numbers, "
                   "dates as dates; needs -o). -o FILE (--output FILE) writes to a file through a "
                   "temporary file renamed into place, with the database's owner and group "
                   "permissions.\n");
    fputs(".SH DASHBOARD KEYS\n", out);
    for (size_t i = 0; i < action_count; i++) {
        fputs(".TP\n.B ", out);
        roff_text(out, actions[i].keys_label);
        fputs("\n", out);
        roff_text(out, actions[i].description);
        fputs("\n", out);
    }
    fputs(".SH CONFIGURATION\n", out);
    roff_text(out, "$XDG_CONFIG_HOME/jib/config (~/.config/jib/config) is read at start and "
                   "never written. Lines are KEY = VALUE; # starts a comment.\n");
    fputs(".TP\n.B format\n", out);
    roff_text(out, "The default --format of the commands that print a table (table, csv or json; "
                   "xlsx makes e in the dashboard default to xlsx).\n");
    fputs(".TP\n.B color.ROLE\n", out);
    roff_text(out, "A dashboard colour: ROLE is good, warn, bad or info; the value a colour "
                   "name (black, red, green, yellow, blue, magenta, cyan, white, default) or "
                   "none.\n");
    fputs(".TP\n.B key.ACTION\n", out);
    roff_text(out, "Another key for an action, by the action's name (as in DASHBOARD KEYS of "
                   "jib --help: up, down, quit, export...): a character, or F1-F12.\n");
    fputs(".SH ENVIRONMENT\n", out);
    for (size_t i = 0; i < sizeof env_docs / sizeof *env_docs; i++) {
        fprintf(out, ".TP\n.B %s\n", env_docs[i][0]);
        roff_text(out, env_docs[i][1]);
        fputs("\n", out);
    }
    fputs(".SH EXIT STATUS\n", out);
    roff_text(out, "0 ok; 64 usage; 65 invalid data; 66 missing input or database; 69 no feasible "
                   "joint window or substitute; 70 internal error; 73 cannot create or write the "
                   "database; 74 I/O error; 75 busy after retrying, or a booking lost to another "
                   "coordinator.\n");
    fputs(".SH FILES\n.TP\n.I ~/.local/share/jib/jib.db\nThe default database.\n"
          ".TP\n.I ~/.config/jib/config\nThe configuration.\n"
          ".SH SEE ALSO\n.BR sqlite3 (1)\n", out);
}
