#include "import/csv_writer.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

static int needs_quotes(const char *s)
{
    return s[strcspn(s, ",\"\r\n")] != '\0' || (*s && (s[0] == ' ' || s[strlen(s) - 1] == ' '));
}

int csv_write_field(FILE *out, const char *field)
{
    if (!field)
        field = "";
    if (needs_quotes(field))
        return csv_fwrite(out, field, strlen(field)) == 0 ? 0 : -1;
    return fputs(field, out) >= 0 ? 0 : -1;
}

int csv_write_row(FILE *out, const char *const *fields, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (i && fputc(',', out) == EOF)
            return -1;
        if (csv_write_field(out, fields[i]) != 0)
            return -1;
    }
    return fputc('\n', out) == EOF ? -1 : 0;
}

int csv_write_rowset(FILE *out, const struct rowset *rs)
{
    if (csv_write_row(out, (const char *const *)rs->names, rs->ncols) != 0)
        return -1;
    const char **fields = calloc(rs->ncols ? rs->ncols : 1, sizeof *fields);
    if (!fields)
        return -1;
    int rc = 0;
    for (size_t r = 0; r < rs->nrows && !rc; r++) {
        for (size_t c = 0; c < rs->ncols; c++)
            fields[c] = rowset_get(rs, r, c);
        rc = csv_write_row(out, fields, rs->ncols);
    }
    free(fields);
    return rc || ferror(out) ? -1 : 0;
}
