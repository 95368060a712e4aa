#include "tui/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <unistd.h>

#include "tui/commands.h"
#include "tui/complete.h"
#include "tui/config.h"
#include "tui/manual.h"
#include "core/due_cache.h"
#include "core/text.h"
#include "tui/output.h"
#include "tui/termtext.h"

const struct command commands[] = {
    {"tui", cmd_tui, "", "open the dashboard (the default)"},
    {"demo", cmd_demo, "[--no-tui]", "build a database from sample-data/ and open the dashboard"},
    {"import", cmd_import,
     "[--kind K] [--inspectorate I] [--type T] [--encoding NAME] [--sheet NAME] "
     "[--map SOURCE=TARGET]... [--skip-invalid] [--dry-run] [--update-only] FILE...",
     "import CSV exports and workbooks (each file all or nothing)"},
    {"export", cmd_export, "KIND [--format csv|json|xlsx] [-o FILE]", "write a kind back in canonical columns"},
    {"imports", cmd_imports, "[--format F] [-o FILE]", "the import log"},
    {"due", cmd_due, "[--region R] [--status S] [--format F] [-o FILE]", "the due list, soonest first"},
    {"show", cmd_show, "AUTHORITY [--format F] [-o FILE]", "everything about one authority"},
    {"monitoring", cmd_monitoring, "[--format F] [-o FILE]", "authorities under monitoring"},
    {"availability", cmd_availability, "[--from DATE] [--weeks N] [--format F] [-o FILE]",
     "inspectors free per week and inspectorate"},
    {"plan", cmd_plan,
     "AUTHORITY [--from DATE] [--type T] [--theme X] [--book] [--format F] [-o FILE] | --replace PLAN_ID",
     "the three earliest joint windows with named teams; --book books the first"},
    {"plans", cmd_plans, "[--format F] [-o FILE]", "booked and cancelled plans, newest window first"},
    {"cancel", cmd_cancel, "PLAN_ID", "cancel a plan and release its inspectors"},
    {"programme", cmd_programme,
     "[--from DATE] [--count N] [--min-high-performing PCT] [--teams] [--capacity] [--format F] [-o FILE]",
     "propose the year's joint programme (books nothing)"},
    {"sample-cic", cmd_sample_cic, "[--year Y] [--count N] [--seed S] [--format F] [-o FILE]",
     "the year's children-in-care short-notice sample, explained and reproducible"},
    {"brief", cmd_brief, "AUTHORITY [--format html|md] [-o FILE]",
     "one printable brief for the inspection team (HTML for A4, or Markdown)"},
    {"policy", cmd_policy, "[set KEY VALUE | preset ilacs|proportionate] [--format F] [-o FILE]",
     "show or change the cadence policy"},
    {"doctor", cmd_doctor, "[--format F]",
     "check the database's folder, modes, groups and health for sharing"},
    {NULL, NULL, NULL, NULL},
};

static const struct command *current_command;

const char *cli_user(void)
{
    static char name[256];
    const char *user = getenv("USER");
    if (user && *user)
        return user;
    const char *login = getlogin();
    if (login && *login)
        return login;
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name && *pw->pw_name)
        return pw->pw_name;
    snprintf(name, sizeof name, "uid %lu", (unsigned long)getuid());
    return name;
}

static void print_help(FILE *out) { manual_help(out); }

static void print_command_usage(FILE *out, const struct command *c)
{
    fprintf(out, "usage: jib %s %s\n  %s\n", c->name, c->usage, c->summary);
}

void cli_print_message(const char *msg)
{
    const char *p = msg;
    for (;;) {
        const char *nl = strchr(p, '\n');
        char *line = strndup(p, nl ? (size_t)(nl - p) : strlen(p));
        char *clean = line ? termtext_sanitize_dup(line) : NULL;
        fprintf(stderr, "%s\n", clean ? clean : "jib: out of memory");
        free(clean);
        free(line);
        if (!nl)
            break;
        p = nl + 1;
    }
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = text_vprintf(fmt, ap);
    va_end(ap);
    cli_print_message(text ? text : "jib: out of memory");
    free(text);
}

int cli_exit_code(enum error_kind kind)
{
    switch (kind) {
    case ERROR_NONE: return 0;
    case ERROR_USAGE: return EX_USAGE_;
    case ERROR_NOT_FOUND: return EX_NOINPUT_;
    case ERROR_DATA: return EX_DATAERR_;
    case ERROR_BUSY: return EX_TEMPFAIL_;
    case ERROR_IO: return EX_IOERR_;
    case ERROR_UNAVAILABLE: return EX_UNAVAILABLE_;
    case ERROR_CANNOT_CREATE: return EX_CANTCREAT_;
    case ERROR_INTERNAL: return EX_SOFTWARE_;
    }
    return EX_SOFTWARE_;
}

void cli_status_text(const struct error *e, char *out, size_t len)
{
    if (!len)
        return;
    const char *msg = e->kind == ERROR_NONE ? "" : e->message;
    size_t n = strcspn(msg, "\n");
    snprintf(out, len, "%.*s%s", (int)n, msg, msg[n] ? " ..." : "");
}

int cli_report(const struct error *e)
{
    if (e->kind == ERROR_NONE)
        return 0;
    cli_error("jib: %s", e->message);
    return cli_exit_code(e->kind);
}

int cli_usage_error(struct cli *cli, const char *fmt, ...)
{
    (void)cli;
    va_list ap;
    va_start(ap, fmt);
    char *text = text_vprintf(fmt, ap);
    va_end(ap);
    if (text) {
        cli_error("jib: %s", text);
        free(text);
    }
    if (current_command)
        print_command_usage(stderr, current_command);
    else
        fputs("Try 'jib --help'.\n", stderr);
    return EX_USAGE_;
}

bool cli_take_option(struct cli *cli, int *i, const char *name, const char **value, bool *bad)
{
    const char *arg = cli->argv[*i];
    size_t len = strlen(name);
    if (strncmp(arg, name, len) != 0)
        return false;
    if (arg[len] == '=') {
        *value = arg + len + 1;
        return true;
    }
    if (arg[len] != '\0')
        return false;
    if (*i + 1 >= cli->argc) {
        cli_usage_error(cli, "%s needs a value", name);
        *bad = true;
        return true;
    }
    *value = cli->argv[++*i];
    return true;
}

int cli_parse_format(struct cli *cli, const char *text, int *format)
{
    int f = output_format_parse(text);
    if (f < 0)
        return cli_usage_error(cli, "unknown format '%s' (use table, csv, json or xlsx)", text);
    *format = f;
    return 0;
}

bool cli_take_format(struct cli *cli, int *i, int *format, int *rc)
{
    const char *value = NULL;
    bool bad = false;
    if (cli_take_option(cli, i, "--output", &value, &bad) ||
        cli_take_option(cli, i, "-o", &value, &bad)) {
        if (!bad && !*value)
            bad = cli_usage_error(cli, "-o needs a file name") != 0;
        if (!bad)
            cli->output = value;
        *rc = bad ? EX_USAGE_ : 0;
        return true;
    }
    if (!cli_take_option(cli, i, "--format", &value, &bad))
        return false;
    cli->format_given = true;
    *rc = bad ? EX_USAGE_ : cli_parse_format(cli, value, format);
    return true;
}

bool cli_parse_date(struct cli *cli, const char *option, const char *text, jdate *out)
{
    char why[160];
    if (date_parse(text, out, why, sizeof why))
        return true;
    cli_usage_error(cli, "%s '%s': %s", option, text, why);
    return false;
}

int cli_open_db(struct cli *cli, enum db_open_mode mode, struct db **out)
{
    struct error err;
    return db_open(cli->db_path, mode, cli->read_only, out, &err) ? cli_report(&err) : 0;
}

/* cli_today; quiet says nothing (for best-effort work after a command). */
static int today_of(struct cli *cli, struct db *db, jdate *out, bool quiet)
{
    char stored[32], why[160];
    const char *text = cli->today_text;
    const char *source = "--today";
    if (!text && db) {
        struct error err;
        if (db_meta_get(db, "reference_date", stored, sizeof stored, &err))
            return quiet ? cli_exit_code(err.kind) : cli_report(&err); /* never the local date */
        if (*stored) {
            text = stored;
            source = "the database's reference date";
        }
    }
    if (!text) {
        *out = date_today_local();
        return 0;
    }
    if (!date_parse(text, out, why, sizeof why)) {
        if (!quiet)
            cli_error("jib: %s '%s': %s", source, text, why);
        return EX_USAGE_;
    }
    return 0;
}

int cli_today(struct cli *cli, struct db *db, jdate *out) { return today_of(cli, db, out, false); }

void cli_keep_due_list(struct cli *cli, struct db *db)
{
    jdate today;
    char why[160];
    if (db->read_only || (cli->today_text && !date_parse(cli->today_text, &today, why, sizeof why)))
        return;
    if (today_of(cli, db, &today, true) != 0)
        return;
    struct rowset *rs = NULL;
    if (due_list_cached(db, today, &rs, NULL) == 0)
        rowset_free(rs);
}

/* Global options may stand anywhere before "--"; they are taken out of argv. */
static int take_global_options(struct cli *cli, int *argc, char **argv)
{
    int out = 1;
    bool done = false;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        const char *value = NULL;
        if (!done && strcmp(a, "--") == 0) {
            /* kept for the command: `jib import -- -odd-name.csv` */
            done = true;
            argv[out++] = argv[i];
            continue;
        } else if (!done && (strcmp(a, "--db") == 0 || strcmp(a, "--today") == 0)) {
            if (i + 1 >= *argc)
                return cli_usage_error(cli, "%s needs a value", a);
            value = argv[++i];
        } else if (!done && (strncmp(a, "--db=", 5) == 0 || strncmp(a, "--today=", 8) == 0)) {
            value = strchr(a, '=') + 1;
        } else if (!done && strcmp(a, "--no-color") == 0) {
            cli->no_color = true;
            continue;
        } else if (!done && strcmp(a, "--read-only") == 0) {
            cli->read_only = true;
            continue;
        } else if (!done && strcmp(a, "--wide") == 0) {
            cli->wide = true;
            continue;
        } else if (!done && strcmp(a, "--columns") == 0) {
            if (i + 1 >= *argc)
                return cli_usage_error(cli, "--columns needs a value (e.g. la_code,authority,reason)");
            cli->columns = argv[++i];
            continue;
        } else if (!done && strncmp(a, "--columns=", 10) == 0) {
            cli->columns = a + 10;
            continue;
        } else {
            argv[out++] = argv[i];
            continue;
        }
        if (value && strncmp(a, "--db", 4) == 0) {
            snprintf(cli->db_path, sizeof cli->db_path, "%s", value);
            cli->db_path_given = true;
        } else if (value) {
            cli->today_text = value;
        }
    }
    *argc = out;
    argv[out] = NULL;
    return 0;
}

static const struct command *find_command(const char *name)
{
    for (const struct command *c = commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    }
    return false;
}

/* SQLite reports every error it meets to this log: a damaged database file
 * is noticed wherever a command meets it, and the command then exits 74 with
 * one clear message instead of a misleading one. */
static bool database_damaged;
static char damage_detail[256];

static void sqlite_log(void *ctx, int code, const char *msg)
{
    (void)ctx;
    if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB) {
        if (!database_damaged)
            snprintf(damage_detail, sizeof damage_detail, "%s", msg ? msg : "");
        database_damaged = true;
    }
}

static int damaged_exit(const struct cli *cli, int rc)
{
    if (!database_damaged || rc == EX_IOERR_) /* already said */
        return rc;
    cli_error("jib: the database %s is damaged (%s): restore it from a backup; nothing was "
              "changed", cli->db_path, damage_detail);
    return EX_IOERR_;
}

int cli_main(int argc, char **argv)
{
    static struct cli cli;
    sqlite3_config(SQLITE_CONFIG_LOG, sqlite_log, NULL);
    cli.argv0 = argv[0];
    db_default_path(cli.db_path, sizeof cli.db_path);
    const char *env_today = getenv("JIB_TODAY");
    cli.today_text = env_today && *env_today ? env_today : NULL;
    if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
        cli.no_color = true;
    /* before the global options are taken out: the words are the shell's */
    if (argc >= 2 && strcmp(argv[1], "--complete") == 0)
        return complete_main(argc - 2, argv + 2);
    int rc = take_global_options(&cli, &argc, argv);
    if (rc)
        return rc;
    static struct jib_config config;
    config_load(&config, stderr);
    cli.config_format = config.format;
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        print_help(stdout);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "--manpage") == 0) {
        manual_man(stdout);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("jib %s\n", JIB_VERSION);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "--") == 0) { /* `jib -- COMMAND`: nothing global follows */
        memmove(argv + 1, argv + 2, (size_t)(argc - 1) * sizeof *argv);
        argc--;
    }
    const char *name = argc >= 2 ? argv[1] : "tui";
    if (name[0] == '-')
        return cli_usage_error(&cli, "unknown option '%s'", name);
    const struct command *cmd = find_command(name);
    if (!cmd)
        return cli_usage_error(&cli, "unknown command '%s'", name);
    current_command = cmd;
    cli.argc = argc >= 2 ? argc - 1 : 1;
    static char *tui_argv[] = {"tui", NULL};
    cli.argv = argc >= 2 ? argv + 1 : tui_argv;
    if (wants_help(cli.argc, cli.argv)) {
        manual_command_usage(stdout, cmd);
        return 0;
    }
    return damaged_exit(&cli, cmd->run(&cli));
}
