/* Names in a database for shell completion: authority names, LA codes,
 * region codes. Read-only, no migration, nothing written: fast and safe to
 * run on every Tab. */
#ifndef JIB_NAMES_H
#define JIB_NAMES_H

enum names_kind { NAMES_AUTHORITIES, NAMES_LA_CODES, NAMES_REGIONS };

/* Calls emit for each distinct value starting with prefix (case-insensitive),
 * in order. 0, or -1 when the database cannot be read (nothing emitted). */
int names_list(const char *db_path, enum names_kind kind, const char *prefix,
               void (*emit)(const char *value, void *ctx), void *ctx);

#endif
