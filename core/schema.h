/* The database schema as ordered migrations; PRAGMA user_version counts them. */
#ifndef JIB_SCHEMA_H
#define JIB_SCHEMA_H

#include <stddef.h>

extern const char *const schema_migrations[];
extern const size_t schema_version; /* number of migrations = current version */

#endif
