/* Team availability per week and inspectorate (SPEC rule 22). */
#ifndef JIB_AVAILABILITY_H
#define JIB_AVAILABILITY_H

#include <stddef.h>

#include "core/date.h"
#include "core/rowset.h"

struct db;

#define AVAILABILITY_WEEKS_MAX 520 /* ten years */

/* Columns: week_start, inspectorate, free, total, required. Weeks start at the
 * Monday of the week containing from; every inspectorate is listed each week.
 * weeks outside 1..AVAILABILITY_WEEKS_MAX is EX_USAGE_. */
int availability_list(struct db *db, jdate from, int weeks, struct rowset **out, char *err,
                      size_t err_len);

#endif
