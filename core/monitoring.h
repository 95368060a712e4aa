/* Authorities under monitoring (SPEC section 2, rules 3 and 9). */
#ifndef JIB_MONITORING_H
#define JIB_MONITORING_H

#include <stddef.h>

#include "core/date.h"
#include "core/error.h"
#include "core/rowset.h"

struct db;

/* Columns: la_code, authority, judged, months, visits, last_visit,
 * next_visit_due, status, reinspection_due, trigger (the judgement that put it
 * there, e.g. "in_care inadequate"). Order: next visit due, la_code. */
int monitoring_list(struct db *db, jdate today, struct rowset **out, struct error *err);
/* The same columns for one authority: one row, or none when not under monitoring. */
int monitoring_for_authority(struct db *db, jdate today, const char *la_code,
                             struct rowset **out, struct error *err);

#endif
