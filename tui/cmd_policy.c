/* jib policy [set KEY VALUE | preset NAME] */
#include <string.h>

#include "core/policy.h"
#include "tui/cli.h"
#include "tui/commands.h"
#include "tui/output.h"

static int show_policy(struct cli *cli, struct db *db, int format)
{
    struct rowset *rs;
    struct error err;
    if (policy_list(db, &rs, &err) != 0)
        return cli_report(&err);
    int rc = cli_output(cli, rs, format, "policy");
    rowset_free(rs);
    return rc;
}

/* The stored values, for saying what a change changed; NULL on failure. */
static struct rowset *snapshot(struct db *db)
{
    struct rowset *rs = NULL;
    return policy_list(db, &rs, NULL) == 0 ? rs : NULL;
}

static const char *value_of(const struct rowset *rs, const char *key)
{
    for (size_t r = 0; rs && r < rs->nrows; r++)
        if (strcmp(rowset_get(rs, r, 0), key) == 0)
            return rowset_get(rs, r, 1);
    return "";
}

/* One line per value that changed ("KEY: OLD -> NEW"), or that nothing did. */
static void confirm(const struct rowset *before, const struct rowset *after, const char *what)
{
    int changed = 0;
    for (size_t r = 0; after && r < after->nrows; r++) {
        const char *key = rowset_get(after, r, 0), *now = rowset_get(after, r, 1);
        const char *was = value_of(before, key);
        if (strcmp(was, now) != 0 && ++changed)
            printf("policy %s: %s -> %s\n", key, *was ? was : "(unset)", now);
    }
    if (!changed)
        printf("policy unchanged: %s\n", what);
}

static int change_policy(struct cli *cli, struct db *db, const char *verb, const char *a,
                         const char *b)
{
    struct error err;
    if (db->read_only) {
        cli_error("jib: %s is open read-only; the policy cannot be changed", db->path);
        return EX_CANTCREAT_;
    }
    int rc = db_begin(db, &err);
    struct rowset *before = rc ? NULL : snapshot(db);
    if (!rc)
        rc = strcmp(verb, "set") == 0 ? policy_set(db, a, b, &err) : policy_preset(db, a, &err);
    struct rowset *after = rc ? NULL : snapshot(db);
    if (!rc)
        rc = db_commit(db, &err);
    if (!rc) {
        char what[300];
        snprintf(what, sizeof what, strcmp(verb, "set") == 0 ? "%s is already %s"
                                                              : "the values are already preset %s",
                 a, strcmp(verb, "set") == 0 ? b : "");
        confirm(before, after, what);
        cli_keep_due_list(cli, db);
        rowset_free(before);
        rowset_free(after);
        return 0;
    }
    rowset_free(before);
    rowset_free(after);
    db_rollback(db);
    if (rc == ERROR_USAGE)
        return cli_usage_error(cli, "%s", err.message);
    return cli_report(&err);
}

int cmd_policy(struct cli *cli)
{
    const char *args[3] = {0};
    int nargs = 0, format = cli_default_format(cli);
    for (int i = 1; i < cli->argc; i++) {
        int rc = 0;
        if (cli_take_format(cli, &i, &format, &rc)) {
            if (rc)
                return rc;
        } else if (cli->argv[i][0] == '-' && cli->argv[i][1] &&
                   !(nargs == 2 && strcmp(args[0], "set") == 0)) {
            /* A VALUE after "set KEY" may be negative: the range check answers. */
            return cli_usage_error(cli, "unknown option '%s'", cli->argv[i]);
        } else if (nargs < 3) {
            args[nargs++] = cli->argv[i];
        } else {
            return cli_usage_error(cli, "too many arguments");
        }
    }
    bool set = nargs == 3 && strcmp(args[0], "set") == 0;
    bool preset = nargs == 2 && strcmp(args[0], "preset") == 0;
    if (nargs && !set && !preset)
        return cli_usage_error(cli, "expected 'set KEY VALUE' or 'preset NAME'");
    struct db *db;
    int rc = cli_open_db(cli, nargs ? DB_CREATE : DB_EXISTING, &db);
    if (rc)
        return rc;
    rc = nargs ? change_policy(cli, db, args[0], args[1], args[2]) : show_policy(cli, db, format);
    db_close(db);
    return rc;
}
