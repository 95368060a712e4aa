/* Team availability per week and inspectorate (SPEC rule 22). */
#ifndef JIB_AVAILABILITY_H
#define JIB_AVAILABILITY_H

#include <stddef.h>

#include "core/date.h"
#include "core/rowset.h"

struct db;

/* Columns: week_start, inspectorate, free, total, required. Weeks start at the
 * Monday of the week containing from; every inspectorate is listed each week. */
int availability_list(struct db *db, jdate from, int weeks, struct rowset **out, char *err,
                      size_t err_len);

#endif
