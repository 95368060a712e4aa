/* Plans (booked joint inspections). Confidential: only `plans`, `show`, the
 * Plans view and the authority detail print them. */
#ifndef JIB_PLAN_H
#define JIB_PLAN_H

#include "core/rowset.h"

struct db;

/* Columns: plan_id, la_code, authority, window_start, window_end, type, theme,
 * status, booked_by, booked_at; newest window first. 0, or -1 (sqlite3_errmsg). */
int plan_list(struct db *db, struct rowset **out);

#endif
