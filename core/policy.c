#include "core/policy.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/grade.h"
#include "core/rowset.h"

const char *const policy_trigger_names[] = {"cadence", "any_area", NULL};

const struct policy_key policy_keys[] = {
    {"cadence_months_outstanding", 36, 60, 1, 240, "months from an outstanding full inspection to the next", NULL},
    {"cadence_months_good", 36, 60, 1, 240, "months from a good full inspection to the next", NULL},
    {"cadence_months_requires_improvement", 36, 36, 1, 240, "months from requires improvement (or ungraded)", NULL},
    {"cadence_months_inadequate", 36, 18, 1, 240, "months from an inadequate full inspection", NULL},
    {"window_months", 6, 0, 0, 60, "window, in months either side of the due date", NULL},
    {"monitoring_interval_months", 3, 3, 1, 60, "months between monitoring visits", NULL},
    {"reinspection_months_inadequate", 24, 18, 1, 240, "re-inspection after inadequate, at most", NULL},
    {"concern_bring_forward_days", 90, 90, 0, 3650, "an open high concern brings the due date to concern + days", NULL},
    {"due_soon_days", 90, 90, 0, 3650, "due_soon when the window starts within this many days", NULL},
    {"team_ofsted", 3, 3, 0, 50, "Ofsted inspectors in a joint team", NULL},
    {"team_cqc", 2, 2, 0, 50, "CQC inspectors in a joint team", NULL},
    {"team_hmicfrs", 2, 2, 0, 50, "HMICFRS inspectors in a joint team", NULL},
    {"team_hmi_probation", 1, 1, 0, 50, "HMI Probation inspectors in a joint team", NULL},
    {"team_hmi_prisons", 0, 0, 0, 50, "HMI Prisons inspectors in a joint team", NULL},
    {"onsite_days", 5, 5, 1, 20, "consecutive working days each team needs on site", NULL},
    {"joint_window_weeks", 4, 4, 1, 12, "weeks in a joint window", NULL},
    {"monitoring_trigger", POLICY_TRIGGER_CADENCE, POLICY_TRIGGER_ANY_AREA, 0, 1,
     "what puts an authority under monitoring: cadence (its cadence grade is inadequate) or "
     "any_area (overall, help and protection or children in care inadequate)",
     policy_trigger_names},
    {"sample_team_ofsted", 3, 3, 1, 50,
     "Ofsted inspectors in the children-in-care short-notice team (jib sample-cic)", NULL},
    {"sample_onsite_days", 5, 5, 1, 10,
     "working days that team spends on site (one week)", NULL},
};
const size_t policy_key_count = sizeof policy_keys / sizeof *policy_keys;

static const struct policy_key *find_key(const char *key)
{
    for (size_t i = 0; i < policy_key_count; i++)
        if (strcmp(policy_keys[i].key, key) == 0)
            return &policy_keys[i];
    return NULL;
}

static int store_value(struct db *db, const char *key, int value)
{
    const struct policy_key *k = find_key(key);
    sqlite3_stmt *stmt = db_prepare(db, "INSERT INTO policy(key, value) VALUES(?1, ?2) "
                                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!stmt)
        return -1;
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    if (k && k->names)
        sqlite3_bind_text(stmt, 2, k->names[value], -1, SQLITE_STATIC);
    else
        sqlite3_bind_int(stmt, 2, value);
    int rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(stmt);
    return rc;
}

static int store_preset(struct db *db, bool proportionate)
{
    for (size_t i = 0; i < policy_key_count; i++) {
        const struct policy_key *k = &policy_keys[i];
        if (store_value(db, k->key, proportionate ? k->proportionate : k->ilacs) != 0)
            return -1;
    }
    return 0;
}

int policy_install_defaults(struct db *db) { return store_preset(db, false); }

/* The field of p that key sets, or NULL for an unknown key. */
static int *field(struct policy *p, const char *key)
{
    static const char *const grades[] = {NULL, "outstanding", "good", "requires_improvement",
                                         "inadequate"};
    static const struct {
        const char *key;
        size_t offset;
    } plain[] = {
        {"window_months", offsetof(struct policy, window_months)},
        {"monitoring_interval_months", offsetof(struct policy, monitoring_interval_months)},
        {"reinspection_months_inadequate", offsetof(struct policy, reinspection_months_inadequate)},
        {"concern_bring_forward_days", offsetof(struct policy, concern_bring_forward_days)},
        {"due_soon_days", offsetof(struct policy, due_soon_days)},
        {"onsite_days", offsetof(struct policy, onsite_days)},
        {"joint_window_weeks", offsetof(struct policy, joint_window_weeks)},
        {"monitoring_trigger", offsetof(struct policy, monitoring_trigger)},
        {"sample_team_ofsted", offsetof(struct policy, sample_team_ofsted)},
        {"sample_onsite_days", offsetof(struct policy, sample_onsite_days)},
    };
    char name[64];
    for (int g = 1; g <= 4; g++) {
        snprintf(name, sizeof name, "cadence_months_%s", grades[g]);
        if (strcmp(key, name) == 0)
            return &p->cadence_months[g];
    }
    for (int i = 0; i < INSP_COUNT; i++) {
        snprintf(name, sizeof name, "team_%s", inspectorate_code((enum inspectorate)i));
        if (strcmp(key, name) == 0)
            return &p->team[i];
    }
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        if (strcmp(key, plain[i].key) == 0)
            return (int *)(void *)((char *)p + plain[i].offset);
    return NULL;
}

static void assign(struct policy *p, const char *key, int v)
{
    int *f = field(p, key);
    if (f)
        *f = v;
}

/* The index of a named value, or -1. */
static int name_index(const struct policy_key *k, const char *value)
{
    for (int i = 0; k->names[i]; i++)
        if (strcmp(k->names[i], value) == 0)
            return i;
    return -1;
}

/* A stored value: a name for named keys (an unknown name keeps the ilacs
 * value), else a number. */
static int stored_value(const struct policy_key *k, sqlite3_stmt *stmt)
{
    if (!k->names)
        return sqlite3_column_int(stmt, 1);
    int v = name_index(k, db_column_text(stmt, 1));
    return v < 0 ? k->ilacs : v;
}

int policy_load(struct db *db, struct policy *out, struct error *e)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < policy_key_count; i++)
        assign(out, policy_keys[i].key, policy_keys[i].ilacs);
    sqlite3_stmt *stmt = db_prepare(db, "SELECT key, value FROM policy");
    if (!stmt)
        return db_error(db, e, "cannot read the policy");
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const struct policy_key *k = find_key(db_column_text(stmt, 0));
        if (k)
            assign(out, k->key, stored_value(k, stmt));
    }
    sqlite3_finalize(stmt);
    /* A read that failed half way is an error, never the defaults. */
    return rc == SQLITE_DONE ? 0 : db_error(db, e, "cannot read the policy");
}

/* A failed write keeps SQLite's kind (busy, I/O), else it is an I/O error. */
static int store_failed(struct db *db, struct error *e)
{
    int kind = db_error(db, e, "cannot store the policy");
    if (kind != ERROR_INTERNAL)
        return kind;
    if (e)
        e->kind = ERROR_IO;
    return ERROR_IO;
}

int policy_set(struct db *db, const char *key, const char *value, struct error *e)
{
    const struct policy_key *k = find_key(key);
    if (!k)
        return error_set(e, ERROR_USAGE, "unknown policy key '%s'; 'jib policy' lists the keys",
                         key);
    if (k->names) {
        int v = name_index(k, value);
        if (v < 0)
            return error_set(e, ERROR_USAGE, "policy %s must be %s or %s, not '%s'", key,
                             k->names[0], k->names[1], value);
        return store_value(db, key, v) != 0 ? store_failed(db, e) : 0;
    }
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno || end == value || *end || v < k->min || v > k->max)
        return error_set(e, ERROR_USAGE, "policy %s must be a whole number from %d to %d, not '%s'",
                         key, k->min, k->max, value);
    return store_value(db, key, (int)v) != 0 ? store_failed(db, e) : 0;
}

int policy_preset(struct db *db, const char *name, struct error *e)
{
    bool proportionate = strcmp(name, "proportionate") == 0;
    if (!proportionate && strcmp(name, "ilacs") != 0)
        return error_set(e, ERROR_USAGE, "unknown policy preset '%s' (use ilacs or proportionate)",
                         name);
    return store_preset(db, proportionate) != 0 ? store_failed(db, e) : 0;
}

int policy_cadence_months(const struct policy *policy, int grade)
{
    if (grade == GRADE_INADEQUATE) {
        int a = policy->cadence_months[GRADE_INADEQUATE];
        int b = policy->reinspection_months_inadequate;
        return a < b ? a : b;
    }
    if (grade < GRADE_OUTSTANDING || grade > GRADE_INADEQUATE)
        grade = GRADE_REQUIRES_IMPROVEMENT;
    return policy->cadence_months[grade];
}

static int key_order(const void *a, const void *b)
{
    const struct policy_key *const *x = a, *const *y = b;
    return strcmp((*x)->key, (*y)->key);
}

/* A value as stored: the name of a named value, else the number. */
static void format_value(const struct policy_key *k, struct policy *p, char *buf, size_t len)
{
    int *f = field(p, k->key);
    int v = f ? *f : 0;
    if (k->names)
        snprintf(buf, len, "%s", k->names[v]);
    else
        snprintf(buf, len, "%d", v);
}

int policy_list(struct db *db, struct rowset **out, struct error *e)
{
    struct policy p;
    int rc = policy_load(db, &p, e);
    if (rc)
        return rc;
    const struct policy_key *keys[sizeof policy_keys / sizeof *policy_keys];
    for (size_t i = 0; i < policy_key_count; i++)
        keys[i] = &policy_keys[i];
    qsort(keys, policy_key_count, sizeof *keys, key_order);
    struct rowset *rs = rowset_new_csv("key,value", "ti");
    for (size_t i = 0; i < policy_key_count; i++) {
        char value[64];
        format_value(keys[i], &p, value, sizeof value);
        size_t r = rowset_add_row(rs);
        rowset_set(rs, r, 0, keys[i]->key);
        rowset_set(rs, r, 1, value);
    }
    *out = rs;
    return 0;
}
