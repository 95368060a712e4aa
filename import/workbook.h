/* Reading one sheet of a workbook (.xlsx, .ods) as records, streamed: libzip
 * for the container, expat for the XML, no tree of the sheet in memory. */
#ifndef JIB_WORKBOOK_H
#define JIB_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct source;

/* True when the zip at path is an OpenDocument spreadsheet. */
bool workbook_is_ods(const char *path);
/* Opens the named sheet (NULL: the first visible one). 0, or the error's kind
 * with err's message starting with the file's name. */
int workbook_open(const char *path, bool ods, const char *sheet, struct source **out,
                  struct error *err);

#endif
