/* The due list (SPEC section 2 and rules 5-8, 10): for each authority its
 * latest full inspection, cadence grade, due date, window and status. */
#ifndef JIB_DUE_H
#define JIB_DUE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/error.h"
#include "core/rowset.h"

struct db;
struct gap;
struct policy;
struct triage_row;

struct due_filter {
    const char *region; /* region code or name, NULL for all */
    const char *status; /* one status, NULL for all */
    const char *la_code; /* one authority, NULL for all */
};

/* Columns: la_code, authority, region, last_type, last_start, cadence_grade,
 * due_date, window_start, window_end, status, days_to_due, monitoring,
 * open_concerns, reason, gap (issue 8: "rejected DATE" when a rejected row is
 * newer than the latest full inspection, else empty). Order: never_inspected first, then due date, then
 * la_code. Returns 0, or the kind with a message in err (an unknown status
 * or region is ERROR_USAGE; a database error's kind, see db_error). */
#define DUE_LIST_COLUMNS                                                                  \
    "la_code,authority,region,last_type,last_start,cadence_grade,due_date,window_start,"   \
    "window_end,status,days_to_due,monitoring,open_concerns,reason,gap"
#define DUE_LIST_TYPES "ttttttttttititt"
int due_list(struct db *db, jdate today, const struct due_filter *filter, struct rowset **out,
             struct error *err);

/* One authority's due date, window, status and reason (SPEC section 2, rules
 * 5-7), for callers that hold triage rows (triage_prepare) themselves. */
struct due_entry {
    const struct triage_row *t;          /* set by the caller */
    jdate due, window_start, window_end; /* DATE_NONE when never inspected */
    const char *status;
    int days_to_due; /* due - today; 0 when never inspected */
    bool monitored;
    char reason[400];
    const struct gap *gap; /* issue 8: a rejected newer report, or NULL */
};
void due_entry_compute(const struct policy *p, jdate today, struct due_entry *e);

/* The part of an entry that moves with the day (rule 7): status and
 * days_to_due from due, window_start and window_end, which due_entry_compute
 * set (it ends with this call) and which do not depend on the day. The kept
 * due list (core/due_cache.c) serves later days through it. */
void due_entry_on_day(const struct policy *p, jdate today, struct due_entry *e);

/* The statuses in order (never_inspected, overdue, ...), NULL past the last. */
const char *due_status_name(int i);

#endif
