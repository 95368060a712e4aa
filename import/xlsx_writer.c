#include "import/xlsx_writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/date.h"
#include "import/outfile.h"

#define MAX_WIDTH 60
#define XLSX_STREAM_CELLS 1000000ULL /* $JIB_XLSX_STREAM_CELLS overrides */

/* Characters (not bytes) of UTF-8 text, for column widths. */
static size_t text_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static void sheet_name(const char *in, size_t index, char out[32], char used[][32], size_t nused)
{
    size_t j = 0;
    for (size_t i = 0; in && in[i] && j < 31; i++) {
        unsigned char c = (unsigned char)in[i];
        if ((c & 0xC0) == 0x80 && j == 0)
            continue;
        out[j++] = strchr("[]:*?/\\", c) || c < 0x20 ? '_' : (char)c;
    }
    while (j > 0 && ((unsigned char)out[j - 1] & 0xC0) == 0xC0)
        j--; /* never end on a cut multibyte character */
    out[j] = '\0';
    if (!j || out[0] == '\'')
        snprintf(out, 32, "Sheet%zu", index + 1);
    for (size_t k = 0; k < nused; k++)
        if (strcasecmp(used[k], out) == 0) {
            char suffix[16];
            int n = snprintf(suffix, sizeof suffix, " (%zu)", index + 1);
            out[31 - n < (int)strlen(out) ? 31 - n : (int)strlen(out)] = '\0';
            strcat(out, suffix);
            break;
        }
}

/* A cell as a number, when its column is numeric and the text is one. */
static bool as_number(const char *text, double *out)
{
    char *end;
    if (!*text)
        return false;
    *out = strtod(text, &end);
    return *end == '\0';
}

static lxw_error write_sheet(lxw_workbook *wb, lxw_worksheet *ws, const struct rowset *rs,
                             lxw_format *bold, lxw_format *date_fmt)
{
    size_t *width = calloc(rs->ncols ? rs->ncols : 1, sizeof *width);
    lxw_error e = LXW_NO_ERROR;
    if (!width)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    (void)wb;
    for (size_t c = 0; c < rs->ncols && !e; c++) {
        e = worksheet_write_string(ws, 0, (lxw_col_t)c, rs->names[c], bold);
        width[c] = text_width(rs->names[c]) + 3; /* room for the filter button */
    }
    for (size_t r = 0; r < rs->nrows && !e; r++) {
        for (size_t c = 0; c < rs->ncols && !e; c++) {
            const char *text = rowset_get(rs, r, c);
            lxw_row_t row = (lxw_row_t)(r + 1);
            lxw_col_t col = (lxw_col_t)c;
            double v;
            jdate d;
            size_t w = text_width(text);
            if (!*text)
                continue;
            if ((rs->types[c] == COL_INT || rs->types[c] == COL_REAL) && as_number(text, &v)) {
                e = worksheet_write_number(ws, row, col, v, NULL);
            } else if (rs->types[c] == COL_TEXT && strlen(text) == 10 && date_parse_iso(text, &d)) {
                int y, m, dd;
                date_to_ymd(d, &y, &m, &dd);
                lxw_datetime dt = {y, m, dd, 0, 0, 0};
                e = worksheet_write_datetime(ws, row, col, &dt, date_fmt);
                w = 10;
            } else {
                e = worksheet_write_string(ws, row, col, text, NULL);
            }
            if (w > width[c])
                width[c] = w;
        }
    }
    for (size_t c = 0; c < rs->ncols && !e; c++)
        e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                 (double)(width[c] > MAX_WIDTH ? MAX_WIDTH : width[c]) + 1, NULL);
    if (!e && rs->ncols) {
        worksheet_freeze_panes(ws, 1, 0);
        e = worksheet_autofilter(ws, 0, 0, (lxw_row_t)rs->nrows, (lxw_col_t)(rs->ncols - 1));
    }
    free(width);
    return e;
}

/* Copies the finished workbook into the output file. */
static int copy_into(const char *from, FILE *to)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return -1;
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, to) != n)
            rc = ERROR_IO;
    if (ferror(in))
        rc = ERROR_IO;
    fclose(in);
    return rc;
}

int xlsx_write(const char *path, mode_t mode, bool no_replace, const struct xlsx_sheet *sheets,
               size_t count, struct error *err)
{
    /* libxlsxwriter writes to a file name: a private directory (0700) keeps
     * that file from anyone else; the bytes then go through outfile. */
    const char *tmp = getenv("TMPDIR");
    char dir[4096], file[4200];
    snprintf(dir, sizeof dir, "%s/jib-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        error_set(err, ERROR_IO, "cannot make a temporary directory in %s: %s",
                 tmp && *tmp ? tmp : "/tmp", strerror(errno));
        return ERROR_IO;
    }
    snprintf(file, sizeof file, "%s/out.xlsx", dir);
    /* Small outputs share their strings, as Excel does; large ones stream each
     * row to disk as it is written (inline strings): a 200,000-row export then
     * needs little more than its rowset instead of ~4x that. */
    size_t cells = 0;
    for (size_t i = 0; i < count; i++)
        cells += sheets[i].rs->nrows * (sheets[i].rs->ncols ? sheets[i].rs->ncols : 1);
    const char *limit_env = getenv("JIB_XLSX_STREAM_CELLS");
    char *end = NULL;
    unsigned long long limit = limit_env && *limit_env ? strtoull(limit_env, &end, 10) : 0;
    if (!end || *end || !limit)
        limit = XLSX_STREAM_CELLS;
    lxw_workbook_options opt = {.constant_memory = cells > limit ? LXW_TRUE : LXW_FALSE,
                                .tmpdir = dir};
    lxw_workbook *wb = workbook_new_opt(file, &opt);
    lxw_error e = wb ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (wb) {
        lxw_format *bold = workbook_add_format(wb);
        format_set_bold(bold);
        lxw_format *date_fmt = workbook_add_format(wb);
        format_set_num_format(date_fmt, "yyyy-mm-dd");
        char used[64][32];
        for (size_t i = 0; i < count && !e; i++) {
            char name[32];
            sheet_name(sheets[i].name, i, name, used, i < 64 ? i : 64);
            if (i < 64)
                memcpy(used[i], name, sizeof name);
            lxw_worksheet *ws = workbook_add_worksheet(wb, name);
            e = ws ? write_sheet(wb, ws, sheets[i].rs, bold, date_fmt)
                   : LXW_ERROR_SHEETNAME_ALREADY_USED;
        }
        lxw_error closed = workbook_close(wb);
        if (!e)
            e = closed;
    }
    int rc = 0;
    if (e) {
        error_set(err, ERROR_IO, "cannot write the workbook: %s", lxw_strerror(e));
        rc = ERROR_IO;
    } else {
        struct outfile o;
        if (outfile_open(&o, path, mode, no_replace) != 0) {
            error_set(err, ERROR_IO, "cannot write %s: %s", path, strerror(errno));
            rc = ERROR_IO;
        } else if (copy_into(file, o.f) != 0) {
            int saved = errno;
            outfile_abort(&o);
            error_set(err, ERROR_IO, "cannot write %s: %s", path, strerror(saved ? saved : EIO));
            rc = ERROR_IO;
        } else if (outfile_commit(&o) != 0) {
            error_set(err, ERROR_IO, "cannot write %s: %s", path, strerror(errno));
            rc = ERROR_IO;
        }
    }
    unlink(file);
    rmdir(dir);
    return rc;
}
