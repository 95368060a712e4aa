/* The whole due list kept in the database (issue 12), so the dashboard's
 * first screen and `jib due` read one small table instead of seeking through
 * every authority's history (and, after a cold start, through the disk).
 * Correct by construction: the kept list is keyed by this jib binary and
 * serves the days from the one it was computed on until the next dated event
 * it reads (valid_until, see due_cache.c), with status and days_to_due worked
 * out for the day read (due_entry_on_day); triggers on everything the due list
 * reads (authorities, inspections, concerns, rejected-row gaps, policy) drop
 * the key on any write, whoever makes it; an import drops it in its own
 * transaction (see import.c). A missing key, or one whose days do not cover
 * today, means the list is computed as before and, when the database is
 * writable and not busy, stored again. */
#ifndef JIB_DUE_CACHE_H
#define JIB_DUE_CACHE_H

#include <stddef.h>

#include "core/date.h"
#include "core/error.h"

struct db;
struct rowset;

/* due_list(db, today, NULL, out, ...), from the cache when it holds today's
 * list and this binary made it. Returns 0 or due_list's error. */
int due_list_cached(struct db *db, jdate today, struct rowset **out, struct error *err);

/* The dashboard's first screen (issue 12): the first `limit` rows of the list
 * due_list_cached gives today, *total the whole list's row count and
 * widths[c] the widest cell of column c of the whole list in characters (0
 * when unknown), read from the kept list alone: 0. -1 when no kept list serves
 * today (the caller loads the whole list); never computes nor stores. */
#define DUE_LIST_NCOLS 15
int due_cache_first_page(struct db *db, jdate today, size_t limit, struct rowset **out,
                         size_t *total, int widths[DUE_LIST_NCOLS]);

/* Inside a write transaction: the cached list is no longer valid. 0 or -1. */
int due_cache_invalidate(struct db *db);

/* The triggers that drop the key (migration 7 creates them). An import drops
 * them inside its transaction, after due_cache_invalidate, and creates them
 * again before it commits: one trigger call per row would cost a tenth of the
 * import's writing; no other connection ever sees them missing, and a rolled
 * back import rolls the drop back. 0 or -1. */
int due_cache_triggers_drop(struct db *db);
int due_cache_triggers_create(struct db *db);

/* Their SQL (used by migration 7: never change it, add a migration instead). */
#define DUE_CACHE_TRIGGER_(t, op)                                                          \
    "CREATE TRIGGER due_cache_" #t "_" #op " AFTER " #op " ON " #t                          \
    " BEGIN DELETE FROM due_cache_key; END;"
#define DUE_CACHE_TRIGGERS_ON_(t)                                                          \
    DUE_CACHE_TRIGGER_(t, INSERT) DUE_CACHE_TRIGGER_(t, UPDATE) DUE_CACHE_TRIGGER_(t, DELETE)
#define DUE_CACHE_TRIGGERS                                                                 \
    DUE_CACHE_TRIGGERS_ON_(authority) DUE_CACHE_TRIGGERS_ON_(inspection)                   \
    DUE_CACHE_TRIGGERS_ON_(concern) DUE_CACHE_TRIGGERS_ON_(history_gap)                    \
    DUE_CACHE_TRIGGERS_ON_(policy)
#define DUE_CACHE_DROP_(t)                                                                 \
    "DROP TRIGGER due_cache_" #t "_INSERT; DROP TRIGGER due_cache_" #t "_UPDATE;"            \
    "DROP TRIGGER due_cache_" #t "_DELETE;"
#define DUE_CACHE_DROP_TRIGGERS                                                            \
    DUE_CACHE_DROP_(authority) DUE_CACHE_DROP_(inspection) DUE_CACHE_DROP_(concern)         \
    DUE_CACHE_DROP_(history_gap) DUE_CACHE_DROP_(policy)

#endif
