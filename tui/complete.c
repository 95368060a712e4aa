/* Shell completion from the same tables as everything else: commands and
 * their options from the command table's usage strings, kinds, statuses,
 * inspectorates and types from their tables, authority names and regions
 * from the database (core/names.c, read-only). */
#include "tui/complete.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/db.h"
#include "core/due.h"
#include "core/inspectorate.h"
#include "core/kind.h"
#include "core/names.h"
#include "core/policy.h"
#include "import/columns.h"
#include "tui/cli.h"
#include "tui/manual.h"

#define FILES 3 /* exit status: let the shell complete file names */

struct ctx {
    const char *cur;
    char db_path[4096];
};

static void emit(const char *value, void *p)
{
    const struct ctx *c = p;
    if (strncasecmp(value, c->cur, strlen(c->cur)) == 0)
        printf("%s\n", value);
}

static const struct command *find(const char *name)
{
    for (const struct command *c = commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

/* The options in a usage string ("--region", "-o", ...), each once. */
static void usage_options(const char *usage, struct ctx *c)
{
    char seen[2048] = " ";
    for (const char *p = usage; (p = strchr(p, '-')) != NULL;) {
        if (p != usage && p[-1] != '[' && p[-1] != ' ' && p[-1] != '|') {
            p++;
            continue;
        }
        size_t n = strcspn(p, " ]|=");
        char opt[64], key[70];
        snprintf(opt, sizeof opt, "%.*s", (int)(n < 63 ? n : 63), p);
        snprintf(key, sizeof key, " %s ", opt);
        if (n > 1 && !strstr(seen, key) && strlen(seen) + strlen(key) < sizeof seen) {
            strcat(seen, key + 1);
            emit(opt, c);
        }
        p += n;
    }
    emit("--help", c);
}

/* What --format accepts for this command: the list its usage spells out, else all. */
static void formats(const struct command *cmd, struct ctx *c)
{
    const char *f = cmd ? strstr(cmd->usage, "--format ") : NULL;
    if (f && strchr(f + 9, '|')) {
        char list[128];
        snprintf(list, sizeof list, "%.*s", (int)strcspn(f + 9, " ]"), f + 9);
        for (char *tok = strtok(list, "|"); tok; tok = strtok(NULL, "|"))
            emit(tok, c);
        return;
    }
    const char *all[] = {"table", "csv", "json", "xlsx"};
    for (size_t i = 0; i < 4; i++)
        emit(all[i], c);
}

static void kinds(struct ctx *c)
{
    for (int k = 0; k < KIND_COUNT; k++)
        emit(columns_kind_name(k), c);
}

static void authorities(struct ctx *c)
{
    if (c->cur[0] >= '0' && c->cur[0] <= '9')
        names_list(c->db_path, NAMES_LA_CODES, c->cur, emit, c);
    else
        names_list(c->db_path, NAMES_AUTHORITIES, c->cur, emit, c);
}

/* Candidates for the value of option opt. Returns FILES, 0, or -1 when opt takes no value. */
static int option_value(const struct command *cmd, const char *opt, struct ctx *c)
{
    if (strcmp(opt, "--format") == 0)
        formats(cmd, c);
    else if (strcmp(opt, "--kind") == 0)
        kinds(c);
    else if (strcmp(opt, "--status") == 0)
        for (int i = 0; due_status_name(i); i++)
            emit(due_status_name(i), c);
    else if (strcmp(opt, "--region") == 0)
        names_list(c->db_path, NAMES_REGIONS, c->cur, emit, c);
    else if (strcmp(opt, "--inspectorate") == 0)
        for (int i = 0; i < INSP_COUNT; i++)
            emit(inspectorate_code((enum inspectorate)i), c);
    else if (strcmp(opt, "--type") == 0)
        for (size_t i = 0; i < inspection_types.count; i++)
            emit(inspection_types.values[i].name, c);
    else if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output") == 0 || strcmp(opt, "--db") == 0)
        return FILES;
    else if (strcmp(opt, "--today") == 0 || strcmp(opt, "--from") == 0 ||
             strcmp(opt, "--sheet") == 0 || strcmp(opt, "--map") == 0 ||
             strcmp(opt, "--encoding") == 0 || strcmp(opt, "--weeks") == 0 ||
             strcmp(opt, "--count") == 0 || strcmp(opt, "--theme") == 0 ||
             strcmp(opt, "--replace") == 0 || strcmp(opt, "--min-high-performing") == 0)
        ; /* free text: nothing to offer */
    else
        return -1;
    return 0;
}

/* The word with shell quoting taken off (a backslash, surrounding quotes). */
static void unquote(const char *in, char *out, size_t len)
{
    size_t j = 0;
    char q = 0;
    for (size_t i = 0; in[i] && j + 1 < len; i++) {
        if (!q && (in[i] == '\'' || in[i] == '"')) {
            q = in[i];
        } else if (q && in[i] == q) {
            q = 0;
        } else if (!q && in[i] == '\\' && in[i + 1]) {
            out[j++] = in[++i];
        } else {
            out[j++] = in[i];
        }
    }
    out[j] = '\0';
}

/* Whether the usage string shows opt with a value ("--kind K", "-o FILE"). */
static bool takes_value(const struct command *cmd, const char *opt)
{
    size_t n = strlen(opt);
    for (const char *p = cmd->usage; (p = strstr(p, opt)) != NULL; p += n) {
        bool starts = p == cmd->usage || p[-1] == '[' || p[-1] == ' ' || p[-1] == '|';
        if (starts && p[n] == ' ' && p[n + 1] && !strchr("[|-", p[n + 1]))
            return true;
    }
    return false;
}

static bool is_global_with_value(const char *w)
{
    return strcmp(w, "--db") == 0 || strcmp(w, "--today") == 0;
}

int complete_main(int argc, char **argv)
{
    static struct ctx c;
    static char cur[1024];
    if (argc < 1)
        return 0;
    unquote(argv[argc - 1], cur, sizeof cur);
    c.cur = cur;
    db_default_path(c.db_path, sizeof c.db_path);
    /* bash splits --format=csv at '=': treat "--format" "=" "cs" as --format cs */
    const char *prev = argc >= 2 ? argv[argc - 2] : NULL;
    if (prev && strcmp(prev, "=") == 0 && argc >= 3)
        prev = argv[argc - 3];
    else if (strcmp(argv[argc - 1], "=") == 0)
        cur[0] = '\0', prev = argc >= 2 ? argv[argc - 2] : NULL;
    const struct command *cmd = NULL;
    int positional = 0; /* arguments of the command before the current word */
    const char *first_arg = NULL;
    for (int i = 0; i < argc - 1; i++) {
        const char *w = argv[i];
        if (is_global_with_value(w) && i + 1 < argc - 1) {
            if (strcmp(w, "--db") == 0)
                unquote(argv[i + 1], c.db_path, sizeof c.db_path);
            i++;
        } else if (strncmp(w, "--db=", 5) == 0) {
            unquote(w + 5, c.db_path, sizeof c.db_path);
        } else if (w[0] == '-' || strcmp(w, "=") == 0) {
            /* an option: its value is not an argument */
            if (cmd && !strchr(w, '=') && takes_value(cmd, w) && i + 1 < argc - 1)
                i++;
        } else if (!cmd) {
            cmd = find(w);
            if (!cmd)
                return 0;
        } else {
            if (!positional)
                first_arg = w;
            positional++;
        }
    }
    if (prev && (is_global_with_value(prev) || (cmd && prev[0] == '-'))) {
        if (strcmp(prev, "--db") == 0)
            return FILES;
        if (strcmp(prev, "--today") == 0)
            return 0;
        int rc = option_value(cmd, prev, &c);
        if (rc >= 0)
            return rc;
    }
    if (!cmd) {
        if (cur[0] == '-') {
            for (const struct global_option *o = global_options; o->name; o++)
                emit(o->name, &c);
        } else {
            for (const struct command *k = commands; k->name; k++)
                emit(k->name, &c);
        }
        return 0;
    }
    if (cur[0] == '-') {
        usage_options(cmd->usage, &c);
        return 0;
    }
    /* the command's own arguments */
    const char *name = cmd->name;
    if (strcmp(name, "import") == 0)
        return FILES;
    if (strcmp(name, "export") == 0 && positional == 0)
        kinds(&c);
    else if ((strcmp(name, "show") == 0 || strcmp(name, "plan") == 0 ||
              strcmp(name, "brief") == 0) && positional == 0)
        authorities(&c);
    else if (strcmp(name, "policy") == 0 && positional == 0) {
        emit("set", &c);
        emit("preset", &c);
    } else if (strcmp(name, "policy") == 0 && positional == 1 && strcmp(first_arg, "set") == 0) {
        for (size_t i = 0; i < policy_key_count; i++)
            emit(policy_keys[i].key, &c);
    } else if (strcmp(name, "policy") == 0 && positional == 1 &&
               strcmp(first_arg, "preset") == 0) {
        emit("ilacs", &c);
        emit("proportionate", &c);
    }
    return 0;
}
