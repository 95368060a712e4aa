/* jib export KIND: every kind in its canonical columns (SPEC section 3),
 * ordered by natural key, ready to be imported again. */
#ifndef JIB_EXPORT_H
#define JIB_EXPORT_H

#include <stddef.h>

#include "core/error.h"
#include "core/rowset.h"

struct db;

/* 0, or ERROR_USAGE for an unknown kind, ERROR_INTERNAL when the query
 * fails, with err filled. */
int export_kind(struct db *db, const char *kind, struct rowset **out, struct error *err);

#endif
