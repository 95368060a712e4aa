/* jib export KIND: every kind in its canonical columns (SPEC section 3),
 * ordered by natural key, ready to be imported again. */
#ifndef JIB_EXPORT_H
#define JIB_EXPORT_H

#include <stddef.h>

#include "core/rowset.h"

struct db;

/* 0, EX_USAGE_ for an unknown kind, or EX_SOFTWARE_; the message is in err. */
int export_kind(struct db *db, const char *kind, struct rowset **out, char *err, size_t err_len);

#endif
