/* A bounded queue of converted rows between two threads: one reads and
 * validates the file, the other writes the rows to the database (issue 12).
 * Rows come out in the order they went in. Memory is bounded by a number of
 * rows and by their bytes, whatever the size of the file or of its records. */
#ifndef JIB_ROWQUEUE_H
#define JIB_ROWQUEUE_H

#include <stdbool.h>
#include <stddef.h>

#include "import/csv_reader.h"
#include "import/rows.h"

/* One row as the writer needs it: its own copies of the record's fields and
 * of the items' texts (the reader reuses its buffers for the next row). */
struct queued_row {
    long line;
    enum row_result res;
    bool invalid;
    long long pos;             /* bytes of the file read so far (progress bar) */
    struct csv_record rec;     /* fields point into buf */
    struct row_item *items;    /* texts point into buf, lengths known */
    size_t nitems;
    char *reasons;             /* for the rejects file; in msgs' storage, after the messages */
    char *msgs;                /* error messages, each NUL-terminated */
    size_t msgs_len;
    /* storage, reused from row to row */
    char *buf;
    size_t buf_cap, fields_cap, items_cap, msgs_cap, bytes;
};

struct rowqueue;

/* NULL when out of memory. */
struct rowqueue *rowqueue_new(void);
void rowqueue_free(struct rowqueue *q);

/* Reading thread: the next free row (waits while the queue is full), or NULL
 * once the writer called rowqueue_stop. Fill it, then rowqueue_push. */
struct queued_row *rowqueue_slot(struct rowqueue *q);
/* Copies what the writer needs of the converted row r of record rec. */
void rowqueue_fill(struct queued_row *s, const struct rows *r, const struct csv_record *rec,
                   enum row_result res, long long pos);
void rowqueue_push(struct rowqueue *q);
/* No more rows. */
void rowqueue_close(struct rowqueue *q);

/* Writing thread: the next row (valid until the next call), or NULL when the
 * reader closed the queue and every row was taken. */
struct queued_row *rowqueue_pop(struct rowqueue *q);
/* The reader should stop (the database failed). */
void rowqueue_stop(struct rowqueue *q);

#endif
