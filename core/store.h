/* Upserts by natural key (SPEC section 3): each row is inserted, updated in
 * place or left unchanged, and a key written twice by one import is reported
 * as a duplicate. A NULL value never clears what is stored (rule 18). */
#ifndef JIB_STORE_H
#define JIB_STORE_H

#include <stddef.h>

#include "core/error.h"

struct db;

enum store_type { SV_NULL, SV_TEXT, SV_INT, SV_REAL };

struct store_value {
    enum store_type type;
    const char *text;
    long long i;
    double r;
    size_t len; /* SV_TEXT: strlen(text) when the caller knows it, else 0 (measured when bound) */
};

/* One table's natural key and value columns. Names are constants, never data. */
struct store_table {
    const char *table;
    const char *const *keys;
    size_t nkeys;
    const char *const *vals;
    size_t nvals;
    const char *const *defaults; /* per value: SQL used on insert when NULL, or NULL */
    const char *filter;          /* extra WHERE condition selecting a partial index, or NULL */
};

extern const struct store_table store_authority, store_inspection, store_indicator_la,
    store_indicator_benchmark, store_concern, store_inspector, store_absence, store_holiday;

/* STORE_ERROR: this row was refused (a constraint); STORE_FAILED: the database
 * itself failed (I/O, full disk, a statement that cannot be prepared), so the
 * whole file must stop. */
enum store_outcome {
    STORE_INSERTED,
    STORE_UPDATED,
    STORE_UNCHANGED,
    STORE_DUPLICATE,
    STORE_ERROR,
    STORE_FAILED
};

struct store_upserter;

/* Prepared statements for one table, reused for every row of one import.
 * NULL with err filled (a database error's kind) when they cannot be prepared. */
struct store_upserter *store_upserter_new(struct db *db, const struct store_table *table,
                                          long long import_id, struct error *err);
/* keys: table->nkeys values (never NULL); vals: table->nvals values.
 * STORE_ERROR fills err with ERROR_DATA and SQLite's reason; STORE_FAILED with
 * the database error's kind (db_error). */
enum store_outcome store_upsert(struct store_upserter *u, const struct store_value *keys,
                                const struct store_value *vals, struct error *err);
void store_upserter_free(struct store_upserter *u);

/* Whether every la_code in codes is an authority: 1 yes, 0 no, -1 a database
 * error. Inside a write transaction the answer holds until it ends. */
int store_authorities_exist(struct db *db, char *const *codes, size_t count);

static inline struct store_value sv_text(const char *s)
{
    return (struct store_value){s ? SV_TEXT : SV_NULL, s, 0, 0, 0};
}
static inline struct store_value sv_int(long long i) { return (struct store_value){SV_INT, 0, i, 0, 0}; }
static inline struct store_value sv_real(double r) { return (struct store_value){SV_REAL, 0, 0, r, 0}; }
static inline struct store_value sv_null(void) { return (struct store_value){SV_NULL, 0, 0, 0, 0}; }

#endif
