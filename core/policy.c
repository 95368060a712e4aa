#include "core/policy.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/grade.h"
#include "core/rowset.h"

const struct policy_key policy_keys[] = {
    {"cadence_months_outstanding", 36, 60, 1, 240, "months from an outstanding full inspection to the next"},
    {"cadence_months_good", 36, 60, 1, 240, "months from a good full inspection to the next"},
    {"cadence_months_requires_improvement", 36, 36, 1, 240, "months from requires improvement (or ungraded)"},
    {"cadence_months_inadequate", 36, 18, 1, 240, "months from an inadequate full inspection"},
    {"window_months", 6, 0, 0, 60, "window, in months either side of the due date"},
    {"monitoring_interval_months", 3, 3, 1, 60, "months between monitoring visits"},
    {"reinspection_months_inadequate", 24, 18, 1, 240, "re-inspection after inadequate, at most"},
    {"concern_bring_forward_days", 90, 90, 0, 3650, "an open high concern brings the due date to concern + days"},
    {"due_soon_days", 90, 90, 0, 3650, "due_soon when the window starts within this many days"},
    {"team_ofsted", 3, 3, 0, 50, "Ofsted inspectors in a joint team"},
    {"team_cqc", 2, 2, 0, 50, "CQC inspectors in a joint team"},
    {"team_hmicfrs", 2, 2, 0, 50, "HMICFRS inspectors in a joint team"},
    {"team_hmi_probation", 1, 1, 0, 50, "HMI Probation inspectors in a joint team"},
    {"team_hmi_prisons", 0, 0, 0, 50, "HMI Prisons inspectors in a joint team"},
    {"onsite_days", 5, 5, 1, 20, "consecutive working days each team needs on site"},
    {"joint_window_weeks", 4, 4, 1, 12, "weeks in a joint window"},
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
    sqlite3_stmt *stmt = db_prepare(db, "INSERT INTO policy(key, value) VALUES(?1, ?2) "
                                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!stmt)
        return -1;
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
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

static void assign(struct policy *p, const char *key, int v)
{
    static const char *const grades[] = {NULL, "outstanding", "good", "requires_improvement",
                                         "inadequate"};
    char name[64];
    for (int g = 1; g <= 4; g++) {
        snprintf(name, sizeof name, "cadence_months_%s", grades[g]);
        if (strcmp(key, name) == 0)
            p->cadence_months[g] = v;
    }
    for (int i = 0; i < INSP_COUNT; i++) {
        snprintf(name, sizeof name, "team_%s", inspectorate_code((enum inspectorate)i));
        if (strcmp(key, name) == 0)
            p->team[i] = v;
    }
    if (strcmp(key, "window_months") == 0) p->window_months = v;
    if (strcmp(key, "monitoring_interval_months") == 0) p->monitoring_interval_months = v;
    if (strcmp(key, "reinspection_months_inadequate") == 0) p->reinspection_months_inadequate = v;
    if (strcmp(key, "concern_bring_forward_days") == 0) p->concern_bring_forward_days = v;
    if (strcmp(key, "due_soon_days") == 0) p->due_soon_days = v;
    if (strcmp(key, "onsite_days") == 0) p->onsite_days = v;
    if (strcmp(key, "joint_window_weeks") == 0) p->joint_window_weeks = v;
}

int policy_load(struct db *db, struct policy *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < policy_key_count; i++)
        assign(out, policy_keys[i].key, policy_keys[i].ilacs);
    sqlite3_stmt *stmt = db_prepare(db, "SELECT key, value FROM policy");
    if (!stmt)
        return -1;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        assign(out, db_column_text(stmt, 0), sqlite3_column_int(stmt, 1));
    sqlite3_finalize(stmt);
    return 0;
}

int policy_set(struct db *db, const char *key, const char *value, char *err, size_t err_len)
{
    const struct policy_key *k = find_key(key);
    if (!k) {
        snprintf(err, err_len, "jib: unknown policy key '%s'; 'jib policy' lists the keys", key);
        return EX_USAGE_;
    }
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno || end == value || *end || v < k->min || v > k->max) {
        snprintf(err, err_len, "jib: policy %s must be a whole number from %d to %d, not '%s'",
                 key, k->min, k->max, value);
        return EX_USAGE_;
    }
    if (store_value(db, key, (int)v) != 0) {
        snprintf(err, err_len, "jib: cannot store the policy: %s", sqlite3_errmsg(db->handle));
        return EX_IOERR_;
    }
    return 0;
}

int policy_preset(struct db *db, const char *name, char *err, size_t err_len)
{
    bool proportionate = strcmp(name, "proportionate") == 0;
    if (!proportionate && strcmp(name, "ilacs") != 0) {
        snprintf(err, err_len, "jib: unknown policy preset '%s' (use ilacs or proportionate)", name);
        return EX_USAGE_;
    }
    if (store_preset(db, proportionate) != 0) {
        snprintf(err, err_len, "jib: cannot store the policy: %s", sqlite3_errmsg(db->handle));
        return EX_IOERR_;
    }
    return 0;
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

int policy_list(struct db *db, struct rowset **out)
{
    return rowset_select(db->handle, "key,value", "ti",
                         "SELECT key, value FROM policy ORDER BY key", out) == SQLITE_DONE
               ? 0
               : -1;
}
