/* What the triage questions share: per authority, its latest full inspection
 * as of today (rules 2, 5), open concerns (rule 8) and monitoring visits since
 * that inspection (rule 9), loaded in one set-based query. */
#ifndef JIB_TRIAGE_LATEST_H
#define JIB_TRIAGE_LATEST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/error.h"

struct db;

/* The full inspection types (those that set the cadence), as an SQL list. It
 * must stay equal to the WHERE of the inspection_full index (schema.c). */
#define TRIAGE_FULL_TYPES "('ilacs_standard','ilacs_short','sif','cp_2012','slac')"

/* The judgements of a full inspection that triage reads, in this order:
 * overall, leadership, help_protection, in_care, care_leavers. */
#define TRIAGE_AREAS 5
extern const char *const triage_area_names[TRIAGE_AREAS];

struct triage_row {
    char *la_code, *name, *region_code, *region_name;
    char last_type[32];   /* "" when never inspected */
    jdate last_start;     /* DATE_NONE when never inspected */
    int grade;            /* cadence grade, GRADE_NONE when ungraded */
    int areas[TRIAGE_AREAS]; /* its judgements (triage_area_names), worst of a tie */
    int open_concerns;    /* open on today, every severity */
    int open_high;        /* of which high */
    jdate first_high;     /* earliest open high concern, or DATE_NONE */
    int visits;           /* monitoring visits after last_start, up to today */
    jdate last_visit;     /* DATE_NONE when none */
};

struct triage_set {
    struct triage_row *rows;
    size_t count, cap;
};

/* Loads every authority (or only la_code when not NULL), ordered by la_code.
 * 0, or the kind of a database error (db_error) with its message. */
int triage_load(struct db *db, jdate today, const char *la_code, struct triage_set *out,
                struct error *err);
void triage_free(struct triage_set *set);

struct policy;
/* The stored policy and triage_load's rows: what the due list and the
 * monitoring list both start from. 0, or a sysexits code with a message. */
int triage_prepare(struct db *db, jdate today, const char *la_code, struct policy *policy,
                   struct triage_set *out, struct error *err);

/* Is the authority under monitoring (SPEC section 2, monitoring_trigger)?
 * cadence: its cadence grade is inadequate. any_area: that, or help_protection
 * or in_care inadequate (the 2011 proposal). When it is, why names the
 * judgement(s) that put it there ("in_care inadequate"). Never inspected: no. */
bool triage_monitored(const struct policy *policy, const struct triage_row *row, char *why,
                      size_t why_len);

/* Overall grade, else the worst of the area grades, else GRADE_NONE. */
int triage_cadence_grade(int overall, const int areas[4]);

#endif
