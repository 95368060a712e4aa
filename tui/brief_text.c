/* What the HTML and Markdown briefs share: cells by column name, grade labels,
 * numbers. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/outfile.h"

#include "core/grade.h"
#include "tui/brief.h"

const char *brief_cell(const struct rowset *rs, size_t row, const char *col)
{
    int c = rs ? rowset_col(rs, col) : -1;
    return c >= 0 && row < rs->nrows ? rowset_get(rs, row, (size_t)c) : "";
}

int brief_grade_of(const char *name)
{
    for (int g = GRADE_OUTSTANDING; g <= GRADE_INADEQUATE; g++)
        if (*name && strcmp(name, grade_name(g)) == 0)
            return g;
    return GRADE_NONE;
}

const char *brief_grade_label(const char *name)
{
    static const char *const labels[] = {"", "Outstanding", "Good", "Requires improvement",
                                         "Inadequate"};
    int g = brief_grade_of(name);
    return g ? labels[g] : name;
}

void brief_number(const char *text, char *out, size_t len)
{
    if (!*text) {
        snprintf(out, len, "-");
        return;
    }
    double v = strtod(text, NULL);
    if (fabs(v - round(v)) < 1e-9)
        snprintf(out, len, "%.0f", v);
    else
        snprintf(out, len, "%.1f", v);
}

int brief_is_full_type(const char *type)
{
    static const char *const full[] = {"ilacs_standard", "ilacs_short", "sif", "cp_2012", "slac"};
    for (size_t i = 0; i < sizeof full / sizeof *full; i++)
        if (strcmp(type, full[i]) == 0)
            return 1;
    return 0;
}

int brief_write(FILE *out, const struct brief *b, enum brief_format format)
{
    return format == BRIEF_MD ? brief_write_md(out, b) : brief_write_html(out, b);
}

int brief_save(const struct brief *b, enum brief_format format, const char *path, mode_t mode,
               bool no_replace)
{
    struct outfile o;
    if (outfile_open(&o, path, mode, no_replace) != 0)
        return -1;
    if (brief_write(o.f, b, format) != 0) {
        int e = errno ? errno : EIO;
        outfile_abort(&o);
        errno = e;
        return -1;
    }
    return outfile_commit(&o);
}

int brief_format_parse(const char *text)
{
    if (strcmp(text, "html") == 0)
        return BRIEF_HTML;
    if (strcmp(text, "md") == 0 || strcmp(text, "markdown") == 0)
        return BRIEF_MD;
    return -1;
}

const char *brief_format_extension(enum brief_format format)
{
    return format == BRIEF_MD ? "md" : "html";
}
