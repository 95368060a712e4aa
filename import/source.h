/* Where an import's rows come from: a CSV file or a sheet of a workbook
 * (.xlsx, .ods). The importer reads records through this and nothing else,
 * so header mapping, validation, the transaction, rejects and the import log
 * are the same for every format. */
#ifndef JIB_SOURCE_H
#define JIB_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "import/csv_reader.h"

struct source_options {
    const char *encoding; /* CSV only: iconv name, or NULL for UTF-8 */
    const char *sheet;    /* workbooks only: the sheet to read, or NULL for the first visible */
    const char *display_name; /* the name the user gave, when path is another name for it */
};

enum source_format { SOURCE_CSV, SOURCE_XLSX, SOURCE_ODS, SOURCE_XLS /* refused */ };

struct source;

/* The operations a format provides (see source.c, workbook.c). */
struct source_ops {
    /* 1 with the next non-blank record, 0 at the end, -1 with the reason in err. */
    int (*next)(void *impl, struct csv_record *rec, struct error *err);
    int (*rewind)(void *impl);
    long long (*position)(const void *impl);
    long long (*size)(const void *impl);
    long (*error_line)(const void *impl);
    void (*close)(void *impl);
};

/* The format of path from its first bytes (a zip holding an OpenDocument
 * spreadsheet or an Office workbook) and, failing that, its name. */
enum source_format source_detect(const char *path);

/* Opens path for reading records. Returns 0, or the error's kind (data: not
 * readable as data, not found, I/O, usage) with err's message starting with
 * the file's name. */
int source_open(const char *path, const struct source_options *opt, struct source **out,
                struct error *err);
/* 1 with the next non-blank record, 0 at the end, -1 with err (data, or I/O). */
int source_next(struct source *s, struct csv_record *rec, struct error *err);
/* Back to the header (a second pass): 0 or -1. The header is read again by the next call. */
int source_rewind(struct source *s);
/* How far reading has got, for a progress bar: position out of size. */
long long source_position(const struct source *s);
long long source_size(const struct source *s);
/* The line (CSV) or row (sheet) the last error was found on. */
long source_error_line(const struct source *s);
/* How messages name the source: "FILE" or "FILE[SHEET]". */
const char *source_name(const struct source *s);
/* Where rejected rows go: "FILE.rejects.csv", or "FILE.SHEET.rejects.csv" for a sheet. */
const char *source_rejects_path(const struct source *s);
enum source_format source_format(const struct source *s);
/* CSV, after a pass read to the end: SHA-256 of exactly the bytes parsed. */
bool source_digest(struct source *s, char hex[65], long long *bytes);
void source_close(struct source *s);

/* For format implementations: wraps impl in a source. name and rejects are copied. */
struct source *source_new(const struct source_ops *ops, void *impl, enum source_format format,
                          const char *name, const char *rejects_path);

#endif
