/* Reading CSV exports as records of fields, streamed in chunks: libcsv in
 * strict mode, byte-order mark stripped, delimiter (comma, tab, semicolon)
 * detected from the header line, CRLF or LF, blank lines skipped, optional
 * conversion to UTF-8 with iconv, and the physical line each record starts on. */
#ifndef JIB_CSV_READER_H
#define JIB_CSV_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct csv_reader;

struct csv_record {
    long line;      /* physical line the record starts on (header = 1) */
    size_t count;   /* number of fields */
    char **fields;  /* NUL-terminated, valid until the next csv_reader_next */
};

/* Opens path. encoding: an iconv name to convert from, or NULL for UTF-8
 * (then invalid UTF-8 is an error naming the line). Returns 0, or the error's
 * kind (not found, I/O, usage for an unknown encoding) with err filled. */
int csv_reader_open(const char *path, const char *encoding, struct csv_reader **out,
                    struct error *err);
/* 1 with the next non-blank record, 0 at the end, -1 with the reason in err
 * (data: malformed quoting, invalid UTF-8, ...; I/O: a read error); the line
 * is csv_reader_error_line's. */
int csv_reader_next(struct csv_reader *r, struct csv_record *rec, struct error *err);
/* Back to the start of the file (a second pass). 0 or -1. */
int csv_reader_rewind(struct csv_reader *r);
char csv_reader_delimiter(const struct csv_reader *r);
/* Bytes read so far and the file's size, for a progress bar. */
long long csv_reader_position(const struct csv_reader *r);
long long csv_reader_size(const struct csv_reader *r);
/* After a pass read to the end without error: the SHA-256 of exactly the
 * bytes that pass read and parsed, and how many there were. */
bool csv_reader_digest(struct csv_reader *r, char hex[65], long long *bytes);
/* Every line through libcsv, even those without quotes (tests compare the
 * two ways of reading). */
void csv_reader_libcsv_only(struct csv_reader *r);
/* The line the last error was found on. */
long csv_reader_error_line(const struct csv_reader *r);
void csv_reader_close(struct csv_reader *r);

#endif
