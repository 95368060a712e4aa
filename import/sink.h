/* Where an import reports what happens, as data: import/ never prints or
 * draws. The caller (tui/) hands an ops table and its context in
 * import_options; every callback may be NULL, and so may the sink (a silent
 * import). The callbacks run on the thread that called import_files, in file
 * order: begin_file, then the file's messages and progress, then end_file. */
#ifndef JIB_IMPORT_SINK_H
#define JIB_IMPORT_SINK_H

#include <stdbool.h>

#include "core/error.h"
#include "core/import_log.h"

struct gap_watch;

/* How a file ended. */
enum import_outcome {
    IMPORT_NOT_LOADED,      /* failed before its transaction began (an error said why) */
    IMPORT_OK,              /* stored (or, in a dry run, checked) */
    IMPORT_INVALID_ROWS,    /* invalid rows and no --skip-invalid: nothing imported */
    IMPORT_UNREADABLE,      /* not read to the end, or not kept: nothing imported */
    IMPORT_DATABASE_FAILED, /* the database failed while storing: nothing imported */
};

/* What end_file is told about one file. */
struct import_file_report {
    const char *name;             /* FILE, or FILE[SHEET] */
    const char *kind;             /* "inspections", ...; NULL when never found */
    enum import_outcome outcome;
    bool dry_run;
    bool indicators;              /* an indicators file: skipped rows are always counted */
    struct import_counts counts;
    long errors_total;            /* row errors found (every one was given to row_error) */
    const char *ignored_columns;  /* headers that feed no field, comma-separated; "" when none */
    const char *rejects_path;     /* the rejects file written, or NULL */
    const struct gap_watch *gaps; /* when OK: rejected rows newer than the authority's latest */
};

/* How far reading a file has got. */
struct import_progress {
    const char *name;
    long long done, total; /* bytes */
    long rows;             /* rows stored so far */
    bool finished;         /* the file's rows are all read: nothing more will come */
};

struct import_sink_ops {
    void (*begin_file)(void *ctx, const char *name, const char *kind);
    /* A problem in the data located at file:line. A row error (row is true)
     * counts towards errors_total; otherwise the file could not be read on. */
    void (*message)(void *ctx, bool row, const char *file, long line, const char *text);
    /* A file or the import as a whole failed, or cannot go on as asked. */
    void (*error)(void *ctx, const struct error *e);
    void (*progress)(void *ctx, const struct import_progress *p);
    void (*end_file)(void *ctx, const struct import_file_report *r);
};

struct import_sink {
    const struct import_sink_ops *ops;
    void *ctx;
};

#endif
