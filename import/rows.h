/* One CSV record of a known kind to typed store rows, or errors located as
 * FILE:LINE: column 'NAME': value 'V': reason (SPEC rule 16). */
#ifndef JIB_ROWS_H
#define JIB_ROWS_H

#include <stdbool.h>
#include <stdio.h>

#include "core/store.h"
#include "import/columns.h"
#include "import/csv_reader.h"
#include "import/sink.h"

struct db;
struct lookup;

#define ROWS_ARENA 65536

/* One upsert: a table and its key and value columns. */
struct row_item {
    const struct store_table *table;
    struct store_value keys[4];
    struct store_value vals[11];
};

enum row_result { ROW_OK, ROW_INVALID, ROW_SKIPPED };

struct tidy; /* explore-education-statistics layout: see rows_indicators.c */

struct rows {
    const char *file;
    const struct columns *cols;
    int kind;
    const char *inspectorate; /* --inspectorate (canonical), or NULL */
    const char *type;         /* --type (canonical), or NULL */
    bool update_only;         /* --update-only: rows of unknown authorities are skipped */
    const struct import_sink *sink; /* where row errors go (may be NULL) */
    /* authorities: la_code by index, and their identifiers in one map */
    struct lookup *authorities;
    char **codes;
    size_t ncodes, codes_cap;
    struct lookup *inspectors;
    struct tidy *tidy;
    /* the current row */
    long line;
    struct row_item *items;
    size_t nitems, items_cap;
    char arena[ROWS_ARENA];
    size_t arena_used;
    char reasons[2048]; /* this row's errors, for the rejects file */
    size_t reasons_len;
    bool invalid;
    const struct csv_record *current; /* the row being converted */
    /* defer: the row's messages are kept in deferred (each NUL-terminated)
     * instead of printed, for a thread that prints them in order (import.c) */
    bool defer;
    char *deferred;
    size_t deferred_len, deferred_cap;
    /* the file */
    long errors_total;
};

/* Loads what rows refer to (authorities, inspectors). 0, or an error kind with err. */
int rows_init(struct rows *r, struct db *db, const char *file, const struct columns *cols,
              int kind, const struct import_sink *sink, struct error *err);
void rows_free(struct rows *r);

/* Converts one record into r->items. */
enum row_result rows_convert(struct rows *r, const struct csv_record *rec);
/* Reports an error in the current row; col is a column index, or -1 for the row. */
void rows_error_col(struct rows *r, int col, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same, naming the column that gives a field. */
void rows_error(struct rows *r, enum field f, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Tidy indicator files: detection, the first pass that finds the measures,
 * and conversion of one row into one item per measure. */
bool rows_is_tidy(const struct columns *cols);
void rows_tidy_observe(struct rows *r, const struct csv_record *rec);
/* After the first pass; 0, or ERROR_DATA with err when there is no measure. */
int rows_tidy_classify(struct rows *r, struct error *err);
void rows_tidy_free(struct tidy *tidy);
enum row_result rows_tidy_convert(struct rows *r, const struct csv_record *rec);
enum row_result rows_long_indicator(struct rows *r, const struct csv_record *rec);

/* Counts one error message of line LINE and hands it to the sink (what an
 * error does when r->defer is false). */
void rows_emit(struct rows *r, long line, const char *msg);

/* Shared by the kinds. */
void rows_begin(struct rows *r, const struct csv_record *rec);
struct row_item *rows_add_item(struct rows *r, const struct store_table *table);
const char *rows_cell(struct rows *r, const struct csv_record *rec, enum field f);
const char *rows_cell_col(struct rows *r, const struct csv_record *rec, int col);
const char *rows_copy(struct rows *r, const char *s);
/* Rule 13: the index in r->codes of the row's authority, -1 when none matches
 * (nothing reported), -2 when identifiers conflict (reported). */
int rows_resolve_authority(struct rows *r, const struct csv_record *rec, bool with_la_code);
bool rows_parse_number(const char *s, double *out);
bool rows_is_ees_symbol(const char *s);

#endif
