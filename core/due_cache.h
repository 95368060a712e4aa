/* The whole due list kept in the database for one day (issue 12), so the
 * dashboard's first screen and `jib due` read one small table instead of
 * seeking through every authority's history (and, after a cold start, through
 * the disk). Correct by construction: the cached list is keyed by today and by
 * this jib binary, and triggers on everything the due list reads (authorities,
 * inspections, concerns, rejected-row gaps, policy) drop the key on any write,
 * whoever makes it; an import drops it in its own transaction (see import.c).
 * A missing or stale key means the list is computed as before and, when the
 * database is writable and not busy, stored again. */
#ifndef JIB_DUE_CACHE_H
#define JIB_DUE_CACHE_H

#include <stddef.h>

#include "core/date.h"

struct db;
struct rowset;

/* due_list(db, today, NULL, out, ...), from the cache when it holds today's
 * list and this binary made it. Returns 0 or due_list's error. */
int due_list_cached(struct db *db, jdate today, struct rowset **out, char *err, size_t err_len);

/* Inside a write transaction: the cached list is no longer valid. 0 or -1. */
int due_cache_invalidate(struct db *db);

#endif
