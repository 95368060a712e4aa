/* RFC 4180 output: fields quoted only when they must be (libcsv does the
 * quoting), LF line endings, a header row. */
#ifndef JIB_CSV_WRITER_H
#define JIB_CSV_WRITER_H

#include <stdio.h>

#include "core/rowset.h"

int csv_write_field(FILE *out, const char *field);
/* Writes fields separated by commas and ends the line with LF. */
int csv_write_row(FILE *out, const char *const *fields, size_t count);
/* Header row plus every row. 0 or -1 on an I/O error. */
int csv_write_rowset(FILE *out, const struct rowset *rs);

#endif
