/* Cadence policy (SPEC section 2): two presets, every value settable, stored in
 * the database's policy table. */
#ifndef JIB_POLICY_H
#define JIB_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/inspectorate.h"

struct db;

struct policy {
    int cadence_months[5]; /* index by grade 1-4; [0] unused */
    int window_months;
    int monitoring_interval_months;
    int reinspection_months_inadequate;
    int concern_bring_forward_days;
    int due_soon_days;
    int team[INSP_COUNT];
    int onsite_days;
    int joint_window_weeks;
    int monitoring_trigger; /* enum policy_trigger */
    int sample_team_ofsted; /* the children-in-care short-notice team (sample-cic) */
    int sample_onsite_days;
};

/* monitoring_trigger (SPEC section 2): what puts an authority under monitoring. */
enum policy_trigger {
    POLICY_TRIGGER_CADENCE,  /* its cadence grade is inadequate */
    POLICY_TRIGGER_ANY_AREA, /* overall, help_protection or in_care inadequate (2011 proposal) */
};
extern const char *const policy_trigger_names[]; /* by enum value, NULL-terminated */

struct policy_key {
    const char *key;
    int ilacs, proportionate; /* preset values */
    int min, max;
    const char *meaning;
    const char *const *names; /* a named value (stored by name; value = index), or NULL */
};

extern const struct policy_key policy_keys[];
extern const size_t policy_key_count;

/* Writes the default preset (ilacs) into a new database. */
int policy_install_defaults(struct db *db);
/* Reads every value; missing keys take the ilacs preset. 0, or the kind of a
 * failed read (db_error): a database that cannot be read never gives defaults. */
int policy_load(struct db *db, struct policy *out, struct error *e);
/* Validates and stores one value. 0, ERROR_USAGE (unknown key, bad value) or
 * the kind of a failed write. */
int policy_set(struct db *db, const char *key, const char *value, struct error *e);
/* Applies a whole preset ("ilacs" or "proportionate"). 0, ERROR_USAGE or a write's kind. */
int policy_preset(struct db *db, const char *name, struct error *e);
/* The cadence in months for a grade; inadequate takes the smaller of its cadence
 * and the re-inspection interval. Ungraded uses requires improvement. */
int policy_cadence_months(const struct policy *policy, int grade);

struct rowset;
/* Every stored key and value (columns key, value), by key. 0 or the kind. */
int policy_list(struct db *db, struct rowset **out, struct error *e);

#endif
