/* Team availability per week and inspectorate (SPEC rule 22). */
#ifndef JIB_AVAILABILITY_H
#define JIB_AVAILABILITY_H

#include <stddef.h>

#include "core/date.h"
#include "core/error.h"
#include "core/rowset.h"

struct db;

#define AVAILABILITY_WEEKS_MAX 520 /* ten years */

/* Columns: week_start, inspectorate, free, total, required. Weeks start at the
 * Monday of the week containing from; every inspectorate is listed each week.
 * weeks outside 1..AVAILABILITY_WEEKS_MAX is ERROR_USAGE. */
int availability_list(struct db *db, jdate from, int weeks, struct rowset **out, struct error *err);

/* Who is free in the week starting at the Monday of `from` (the Teams view's
 * Enter on a cell). Columns: inspectorate, inspector_id, inspector, region,
 * availability, free_days. `availability` is "free" (no absence on any working day), "booked"
 * (a booking covers one of its working days; never for which authority: plans
 * are confidential) or "away" (another absence); free_days reads "3/5"
 * (working days free of the week's working days). inspectorate -1 lists every
 * inspectorate. Ordered by inspectorate, free first, then inspector_id. */
int availability_who(struct db *db, jdate from, int inspectorate, struct rowset **out,
                     struct error *err);

#endif
