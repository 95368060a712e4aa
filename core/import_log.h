/* The import log: every import attempt, failed and dry-run ones too (rule 21). */
#ifndef JIB_IMPORT_LOG_H
#define JIB_IMPORT_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/rowset.h"

struct db;
struct error;

struct import_counts {
    long inserted, updated, unchanged, rejected, skipped;
};

/* Records the start of an attempt, inside the caller's transaction (the
 * import's own, or a short one for a failed attempt): it commits or vanishes
 * with it, so no row stays 'running'. Returns the new import_id, or -1 with err filled. */
long long import_log_start(struct db *db, const char *file, const char *sha256, const char *kind,
                           const char *user, struct error *err);
/* Records the outcome ("ok", "failed", "dry_run", "missing") and counts. 0 or -1. */
int import_log_finish(struct db *db, long long import_id, const char *kind,
                      const struct import_counts *counts, const char *outcome,
                      const char *message);
/* The SHA-256 of the bytes the import read, known once it has read them all. */
int import_log_set_sha256(struct db *db, long long import_id, const char *sha256);
/* import_id, at, user, file, sha256, kind, inserted, updated, unchanged,
 * rejected, outcome; newest first. 0, or an error kind with err filled. */
int import_log_list(struct db *db, struct rowset **out, struct error *err);
/* When the newest successful import happened (ISO-8601 UTC; "" when none), for
 * data freshness. 0, or a database error's kind (never "no imports yet"). */
int import_log_last_ok(struct db *db, char *at, size_t at_len, struct error *err);

#endif
