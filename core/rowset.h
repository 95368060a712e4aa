/* A rowset: named, typed columns of text cells. Every query a command or a view
 * shows returns one, so one printer serves table, CSV and JSON output. */
#ifndef JIB_ROWSET_H
#define JIB_ROWSET_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

enum col_type {
    COL_TEXT = 't',  /* string; empty is null in JSON */
    COL_INT = 'i',   /* whole number */
    COL_REAL = 'r',  /* number */
    COL_LIST = 'l',  /* ';'-separated list; an array in JSON */
};

struct rowset {
    size_t ncols;
    char **names;
    char *types; /* one enum col_type per column */
    size_t nrows, cap;
    char **cells; /* nrows * ncols; NULL is empty */
};

/* names: column names; types: a string of col_type letters, one per column. */
struct rowset *rowset_new(size_t ncols, const char *const *names, const char *types);
/* Column names as one comma-separated string ("la_code,authority,...") with
 * types ("tt..."). */
struct rowset *rowset_new_csv(const char *names, const char *types);
size_t rowset_add_row(struct rowset *rs);
void rowset_set(struct rowset *rs, size_t row, size_t col, const char *text);
void rowset_set_int(struct rowset *rs, size_t row, size_t col, long long v);
void rowset_set_real(struct rowset *rs, size_t row, size_t col, double v);
const char *rowset_get(const struct rowset *rs, size_t row, size_t col); /* never NULL */
bool rowset_is_empty(const struct rowset *rs, size_t row, size_t col);
int rowset_col(const struct rowset *rs, const char *name); /* index or -1 */
/* Appends every row a statement returns; column i of the statement fills
 * column i of the rowset. Returns the sqlite3_step result (SQLITE_DONE = ok). */
int rowset_fill(struct rowset *rs, sqlite3_stmt *stmt);
void rowset_free(struct rowset *rs);
/* Runs a query without parameters into a new rowset of the given columns.
 * SQLITE_DONE on success; otherwise *out is NULL and sqlite3_errmsg says why. */
int rowset_select(sqlite3 *db, const char *names, const char *types, const char *sql,
                  struct rowset **out);

#endif
