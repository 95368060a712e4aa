/* Writing rowsets as an .xlsx workbook (libxlsxwriter): one sheet per rowset,
 * a bold, frozen header row with a filter, numbers as numbers, ISO dates as
 * real dates, column widths fitted to the text. */
#ifndef JIB_XLSX_WRITER_H
#define JIB_XLSX_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/error.h"
#include "core/rowset.h"

struct xlsx_sheet {
    const char *name; /* made valid for Excel: at most 31 characters, no []:*?/\ */
    const struct rowset *rs;
};

/* Writes the workbook to path with the given mode, through a temporary file
 * renamed into place (import/outfile.h); with no_replace an existing path is
 * left alone (EEXIST). 0, or ERROR_IO with the reason in err (and errno). */
int xlsx_write(const char *path, mode_t mode, bool no_replace, const struct xlsx_sheet *sheets,
               size_t count, struct error *err);

#endif
