#include "import/workbook.h"

#include <stdio.h>

#include "core/db.h"
#include "import/source.h"

bool workbook_is_ods(const char *path)
{
    (void)path;
    return false;
}

int workbook_open(const char *path, bool ods, const char *sheet, struct source **out, char *err,
                  size_t len)
{
    (void)ods, (void)sheet, (void)out;
    snprintf(err, len, "%s: this is a spreadsheet (xlsx), not CSV: open it in Excel or "
             "LibreOffice and save it as 'CSV UTF-8', then import that file", path);
    return EX_DATAERR_;
}
