/* One sheet of a workbook as records, streamed (see workbook.h).
 *
 * .xlsx: xl/workbook.xml (sheet names, hidden state, 1900 or 1904 dates),
 * its relationships (where each sheet lives), xl/styles.xml (which cell
 * styles are dates), xl/sharedStrings.xml (kept: cells refer to it by index),
 * then the sheet itself, parsed by expat a chunk at a time and suspended at
 * the end of every row, so only the current row is in memory.
 * .ods: content.xml, the same way; cells carry typed values (office:value,
 * office:date-value), so no styles are needed, except which tables are hidden.
 *
 * Every part is checked before it is inflated: one that would expand past
 * WB_MAX_PART bytes, or more than WB_MAX_RATIO times its compressed size
 * once large, is refused as a zip bomb; reading stops if a part produces
 * more than it declared. libzip checks each part's CRC as it ends. */
#include "import/workbook.h"

#include "core/mem.h"

#include <stdarg.h>
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "core/date.h"
#include "core/db.h"
#include "core/text.h"
#include "import/source.h"

#define WB_CHUNK (64 * 1024)
#define WB_MAX_PART (2LL * 1024 * 1024 * 1024)   /* no real sheet is this big */
#define WB_RATIO_FROM (32LL * 1024 * 1024)        /* ratio checked above this size */
#define WB_MAX_RATIO 100                          /* real sheet XML deflates 5-30x */
#define WB_MAX_STRINGS (512LL * 1024 * 1024)      /* shared strings kept in memory */
#define WB_MAX_COLS 16384                          /* Excel's limit (XFD) */
#define WB_MAX_ROWS 1048576L                       /* Excel's limit; also bounds ODS repeats */
#define WB_MAX_CELL (1024 * 1024)                  /* one cell's text */

enum cell_type { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR, CT_ISODATE,
                 CT_ODS_STRING, CT_ODS_VALUE };

struct sheet_info {
    char *name;
    char *target; /* xlsx: the part's path in the zip */
    bool hidden;
};

/* A finished row waiting to be returned. */
struct qrow {
    long num;
    long repeat;   /* an ODS row repeated: returned this many times */
    size_t ncells;
    int *col;      /* column of each cell */
    size_t *off;   /* offset of each cell's text in text */
    char *text;
    size_t text_len, text_cap, cells_cap;
};

struct workbook {
    zip_t *zip;
    bool ods;
    char path[4096];
    char err[512];
    bool failed;
    long error_row;
    /* the workbook */
    struct sheet_info *sheets;
    size_t nsheets, sheets_cap;
    int chosen; /* index in sheets (xlsx) */
    char sheet_name[1024];
    bool date1904;
    unsigned char *xf_kind; /* per cell style: 0 other, 1 date, 2 date and time, 3 time */
    size_t nxf, xf_cap;
    /* number formats: id -> kind, for custom ones */
    int *numfmt_id;
    unsigned char *numfmt_kind;
    size_t nnumfmt, numfmt_cap, numfmt_kcap;
    /* shared strings: back to back, NUL-terminated */
    char *sst;
    size_t sst_len, sst_cap;
    size_t *sst_off;
    size_t nsst, sst_off_cap;
    /* ods: names of table styles that hide a table */
    char **hidden_styles;
    size_t nhidden, hidden_cap;
    char ods_style[256]; /* the table style being read */
    /* the stream being parsed */
    XML_Parser parser;
    zip_file_t *zf;
    char buf[WB_CHUNK];
    bool suspended, finished, final_chunk;
    long long part_read, part_size, part_comp;
    char part_name[1024];
    /* parse state shared by every part's handlers */
    int depth;
    int skip_depth;    /* > 0: inside an element whose text is ignored (rPh, annotation) */
    bool collect;      /* collecting character data into cell */
    char *cell;
    size_t cell_len, cell_cap;
    bool cell_too_long;
    /* xlsx cell */
    int cell_col, next_col;
    enum cell_type cell_type;
    int cell_style;
    bool in_cell, in_v, in_is_t, in_si;
    /* ods */
    int table_depth;      /* depth of the selected table:table, 0 when outside */
    bool in_wanted_table, table_found, table_done;
    int ods_table_index;  /* visible tables seen */
    long ods_repeat_rows;
    bool ods_rows_clamped; /* the row asked to repeat past Excel's last row */
    int ods_repeat_cols;
    int ods_p_count;      /* text:p elements in this cell */
    char ods_value[128];
    /* rows */
    long row_num, next_row;
    struct qrow building;
    struct qrow *queue;
    size_t qhead, qlen, qcap;
    bool returned; /* queue[qhead] was returned by the last wb_next */
    char **fields;
    size_t fields_cap;
    size_t header_width; /* 0 until the header row is read */
    int sst_state;       /* shared strings: 0 outside si, 1 inside */
    /* which pass: what the start/end handlers do */
    enum { P_WORKBOOK, P_RELS, P_STYLES, P_SST, P_SHEET, P_ODS } pass;
    /* relationship being resolved */
};

/* ---- small helpers ---- */

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    return mem_grow(p, cap, need, elem, 16);
}

static char *dup(const char *s) { return mem_strdup(s); }

static void fail(struct workbook *wb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct workbook *wb, const char *fmt, ...)
{
    if (wb->failed)
        return;
    wb->failed = true;
    wb->error_row = wb->row_num;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(wb->err, sizeof wb->err, fmt, ap);
    va_end(ap);
    if (wb->parser)
        XML_StopParser(wb->parser, XML_FALSE);
}

/* The local part of a (possibly prefixed) XML name. */
static const char *local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* The same, matching the prefixed name exactly (r:id and id differ). */
static const char *attr_exact(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], name) == 0)
            return atts[i + 1];
    return NULL;
}

static void cell_reset(struct workbook *wb)
{
    wb->cell_len = 0;
    wb->cell_too_long = false;
    wb->cell = grow(wb->cell, &wb->cell_cap, 1, 1);
    wb->cell[0] = '\0';
}

static void cell_append(struct workbook *wb, const char *s, size_t n)
{
    if (wb->cell_len + n > WB_MAX_CELL) {
        wb->cell_too_long = true;
        return;
    }
    wb->cell = grow(wb->cell, &wb->cell_cap, wb->cell_len + n + 1, 1);
    memcpy(wb->cell + wb->cell_len, s, n);
    wb->cell_len += n;
    wb->cell[wb->cell_len] = '\0';
}

static void on_text(void *ctx, const XML_Char *s, int len)
{
    struct workbook *wb = ctx;
    if (wb->collect && wb->skip_depth == 0)
        cell_append(wb, s, (size_t)len);
}

/* ---- zip parts ---- */

static int open_part(struct workbook *wb, const char *name, struct error *err)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(wb->zip, name, 0, &st) != 0) {
        error_set(err, ERROR_DATA, "%s: not a workbook: it has no %s", wb->path, name);
        return ERROR_DATA;
    }
    long long size = (st.valid & ZIP_STAT_SIZE) ? (long long)st.size : -1;
    long long comp = (st.valid & ZIP_STAT_COMP_SIZE) ? (long long)st.comp_size : -1;
    if (size < 0 || comp < 0 || size > WB_MAX_PART ||
        (size > WB_RATIO_FROM && size / (comp > 0 ? comp : 1) > WB_MAX_RATIO)) {
        error_set(err, ERROR_DATA, "%s: refused: %s would expand from %lld to %lld bytes (a zip bomb, "
                 "or not a spreadsheet jib can read); nothing imported", wb->path, name, comp,
                 size);
        return ERROR_DATA;
    }
    wb->zf = zip_fopen(wb->zip, name, 0);
    if (!wb->zf) {
        error_set(err, ERROR_DATA, "%s: cannot read %s in the workbook: %s", wb->path, name,
                 zip_strerror(wb->zip));
        return ERROR_DATA;
    }
    wb->part_read = 0;
    wb->part_size = size;
    wb->part_comp = comp;
    snprintf(wb->part_name, sizeof wb->part_name, "%s", name);
    return 0;
}

static void close_part(struct workbook *wb)
{
    if (wb->zf)
        zip_fclose(wb->zf);
    wb->zf = NULL;
    if (wb->parser)
        XML_ParserFree(wb->parser);
    wb->parser = NULL;
}

/* Reads the next chunk of the open part: bytes, 0 at its end, -1 on error (wb->err). */
static long read_part(struct workbook *wb)
{
    zip_int64_t n = zip_fread(wb->zf, wb->buf, sizeof wb->buf);
    if (n < 0) {
        fail(wb, "the workbook is damaged: %s: %s", wb->part_name, zip_file_strerror(wb->zf));
        return -1;
    }
    wb->part_read += n;
    if (wb->part_read > wb->part_size) {
        fail(wb, "refused: %s expands past the size it declares (a zip bomb?)", wb->part_name);
        return -1;
    }
    return (long)n;
}

static void start_parser(struct workbook *wb, XML_StartElementHandler start,
                         XML_EndElementHandler end)
{
    wb->parser = mem_check(XML_ParserCreate("UTF-8"));
    XML_SetUserData(wb->parser, wb);
    XML_SetElementHandler(wb->parser, start, end);
    XML_SetCharacterDataHandler(wb->parser, on_text);
    wb->suspended = wb->finished = wb->final_chunk = false;
    wb->depth = 0;
    wb->skip_depth = 0;
    wb->collect = false;
}

/* Parses the open part until the handlers suspend the parser (1), it ends
 * (0) or fails (-1 with wb->err). */
static int pump(struct workbook *wb)
{
    for (;;) {
        enum XML_Status st;
        if (wb->failed)
            return -1;
        if (wb->finished)
            return 0;
        if (wb->suspended) {
            wb->suspended = false;
            st = XML_ResumeParser(wb->parser);
        } else {
            long n = read_part(wb);
            if (n < 0)
                return -1;
            wb->final_chunk = n == 0;
            st = XML_Parse(wb->parser, wb->buf, (int)n, wb->final_chunk);
        }
        if (wb->failed)
            return -1;
        if (wb->finished)
            return 0; /* the handlers saw the end of the sheet's rows */
        if (st == XML_STATUS_ERROR) {
            fail(wb, "the workbook is damaged: %s line %lu: %s", wb->part_name,
                 (unsigned long)XML_GetCurrentLineNumber(wb->parser),
                 XML_ErrorString(XML_GetErrorCode(wb->parser)));
            return -1;
        }
        if (st == XML_STATUS_SUSPENDED) {
            wb->suspended = true;
            return 1;
        }
        if (wb->final_chunk) {
            wb->finished = true;
            return 0;
        }
    }
}

/* Parses a whole small part with the given handlers. 0 or an error kind (err filled). */
static int parse_part(struct workbook *wb, const char *name, XML_StartElementHandler start,
                      XML_EndElementHandler end, bool optional, struct error *err)
{
    if (optional && zip_name_locate(wb->zip, name, 0) < 0)
        return 0;
    int rc = open_part(wb, name, err);
    if (rc)
        return rc;
    start_parser(wb, start, end);
    rc = pump(wb);
    close_part(wb);
    if (rc < 0) {
        error_set(err, ERROR_DATA, "%s: %s", wb->path, wb->err);
        return ERROR_DATA;
    }
    return 0;
}

/* ---- xlsx: workbook.xml, relationships, styles, shared strings ---- */

static void wb_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    struct workbook *wb = ctx;
    const char *n = local(name);
    if (strcmp(n, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        wb->date1904 = v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0);
    } else if (strcmp(n, "sheet") == 0) {
        wb->sheets = grow(wb->sheets, &wb->sheets_cap, wb->nsheets + 1, sizeof *wb->sheets);
        struct sheet_info *s = &wb->sheets[wb->nsheets++];
        const char *state = attr(atts, "state");
        const char *rid = attr_exact(atts, "r:id");
        if (!rid)
            rid = attr(atts, "id");
        s->name = dup(attr(atts, "name"));
        s->target = dup(rid); /* resolved through the relationships */
        s->hidden = state && strcmp(state, "visible") != 0;
    }
}

static void no_end(void *ctx, const XML_Char *name)
{
    (void)ctx, (void)name;
}

static void rels_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    struct workbook *wb = ctx;
    if (strcmp(local(name), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (!id || !target)
        return;
    for (size_t i = 0; i < wb->nsheets; i++) {
        if (strcmp(wb->sheets[i].target, id) != 0)
            continue;
        char path[2048];
        if (target[0] == '/')
            snprintf(path, sizeof path, "%s", target + 1);
        else
            snprintf(path, sizeof path, "xl/%s", target);
        free(wb->sheets[i].target);
        wb->sheets[i].target = dup(path);
    }
}

/* What a number format shows: 0 a number, 1 a date, 2 a date and time, 3 a time. */
static int format_kind(const char *code)
{
    bool date = false, time = false;
    for (const char *p = code; *p && *p != ';'; p++) {
        if (*p == '"') {
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1])
                p++;
        } else if (*p == '[') {
            while (p[1] && p[1] != ']')
                p++;
            if (p[1])
                p++;
        } else {
            char c = (char)(*p | 0x20);
            if (c == 'd' || c == 'y')
                date = true;
            else if (c == 'h' || c == 's')
                time = true;
            else if (c == 'm' && !time)
                date = date || strpbrk(code, "dDyY") != NULL;
        }
    }
    return date && time ? 2 : date ? 1 : time ? 3 : 0;
}

static int builtin_kind(int id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
        (id >= 50 && id <= 58))
        return 1;
    if (id == 22)
        return 2;
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || id == 32 || id == 33)
        return 3;
    return 0;
}

static void styles_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    struct workbook *wb = ctx;
    const char *n = local(name);
    if (strcmp(n, "numFmt") == 0) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        if (!id || !code)
            return;
        size_t i = wb->nnumfmt++;
        wb->numfmt_id = grow(wb->numfmt_id, &wb->numfmt_cap, wb->nnumfmt, sizeof *wb->numfmt_id);
        wb->numfmt_kind = grow(wb->numfmt_kind, &wb->numfmt_kcap, wb->nnumfmt, 1);
        wb->numfmt_id[i] = atoi(id);
        wb->numfmt_kind[i] = (unsigned char)format_kind(code);
    } else if (strcmp(n, "cellXfs") == 0) {
        wb->depth = 1;
    } else if (strcmp(n, "xf") == 0 && wb->depth == 1) {
        const char *v = attr(atts, "numFmtId");
        int id = v ? atoi(v) : 0, kind = builtin_kind(id);
        for (size_t i = 0; i < wb->nnumfmt; i++)
            if (wb->numfmt_id[i] == id)
                kind = wb->numfmt_kind[i];
        wb->xf_kind = grow(wb->xf_kind, &wb->xf_cap, wb->nxf + 1, 1);
        wb->xf_kind[wb->nxf++] = (unsigned char)kind;
    }
}

static void styles_end(void *ctx, const XML_Char *name)
{
    struct workbook *wb = ctx;
    if (strcmp(local(name), "cellXfs") == 0)
        wb->depth = 0;
}

static void sst_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    struct workbook *wb = ctx;
    const char *n = local(name);
    (void)atts;
    if (strcmp(n, "si") == 0) {
        cell_reset(wb);
        wb->in_si = true;
    } else if (strcmp(n, "rPh") == 0 || strcmp(n, "phoneticPr") == 0) {
        wb->skip_depth++;
    } else if (strcmp(n, "t") == 0 && wb->in_si) {
        wb->collect = true;
    }
}

static void sst_end(void *ctx, const XML_Char *name)
{
    struct workbook *wb = ctx;
    const char *n = local(name);
    if (strcmp(n, "t") == 0) {
        wb->collect = false;
    } else if (strcmp(n, "rPh") == 0 || strcmp(n, "phoneticPr") == 0) {
        wb->skip_depth--;
    } else if (strcmp(n, "si") == 0) {
        wb->in_si = false;
        if (wb->sst_len + wb->cell_len + 1 > WB_MAX_STRINGS) {
            fail(wb, "refused: the shared strings are larger than %lld MB",
                 WB_MAX_STRINGS >> 20);
            return;
        }
        wb->sst = grow(wb->sst, &wb->sst_cap, wb->sst_len + wb->cell_len + 1, 1);
        wb->sst_off = grow(wb->sst_off, &wb->sst_off_cap, wb->nsst + 1, sizeof *wb->sst_off);
        wb->sst_off[wb->nsst++] = wb->sst_len;
        memcpy(wb->sst + wb->sst_len, wb->cell, wb->cell_len + 1);
        wb->sst_len += wb->cell_len + 1;
    }
}

/* ---- rows ---- */

static void row_clear(struct qrow *r)
{
    r->ncells = 0;
    r->text_len = 0;
}

static void row_add(struct qrow *r, int col, const char *text, size_t n)
{
    r->col = grow(r->col, &r->cells_cap, r->ncells + 1, sizeof *r->col);
    size_t cap = r->cells_cap;
    r->off = mem_check(realloc(r->off, cap * sizeof *r->off));
    r->text = grow(r->text, &r->text_cap, r->text_len + n + 1, 1);
    r->col[r->ncells] = col;
    r->off[r->ncells++] = r->text_len;
    memcpy(r->text + r->text_len, text, n);
    r->text_len += n;
    r->text[r->text_len++] = '\0';
}

static void row_free(struct qrow *r)
{
    free(r->col);
    free(r->off);
    free(r->text);
    memset(r, 0, sizeof *r);
}

/* Queues the finished row if it has any text, and suspends the parser. */
static bool row_is_empty(const struct qrow *b)
{
    for (size_t i = 0; i < b->ncells; i++)
        if (b->text[b->off[i]] != '\0')
            return false;
    return true;
}

static void row_finish(struct workbook *wb, long repeat)
{
    struct qrow *b = &wb->building;
    if (row_is_empty(b) || wb->failed) {
        row_clear(b);
        return;
    }
    size_t slot = wb->qhead + wb->qlen;
    if (slot >= wb->qcap) {
        size_t old = wb->qcap;
        wb->queue = grow(wb->queue, &wb->qcap, slot + 1, sizeof *wb->queue);
        memset(wb->queue + old, 0, (wb->qcap - old) * sizeof *wb->queue);
    }
    /* The finished row moves to the queue; the slot's old buffers are reused for the next. */
    struct qrow tmp = wb->queue[slot];
    wb->queue[slot] = *b;
    *b = tmp;
    row_clear(b);
    wb->queue[slot].repeat = repeat;
    wb->qlen++;
    XML_StopParser(wb->parser, XML_TRUE);
}

/* Column number (0-based) of a reference such as "AB12", or -1. */
static int ref_col(const char *ref)
{
    int col = 0, n = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++, n++)
        col = col * 26 + (*ref - 'A' + 1);
    return n == 0 || n > 3 ? -1 : col - 1;
}

/* Formats a number as a spreadsheet shows it in General: whole numbers without a decimal point. */
static void format_number(const char *text, char *out, size_t len)
{
    char *end;
    double v = strtod(text, &end);
    while (*end == ' ')
        end++;
    if (end == text || *end || !isfinite(v)) {
        snprintf(out, len, "%s", text);
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(out, len, "%.0f", v);
    else
        snprintf(out, len, "%.15g", v);
}

static void format_hms(double frac, char *out, size_t len)
{
    long secs = lround(frac * 86400.0);
    if (secs >= 86400)
        secs = 86399;
    snprintf(out, len, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
}

/* A date serial as the date it shows: kind 1 date, 2 date and time, 3 time. */
static void format_serial(const struct workbook *wb, const char *text, int kind, char *out,
                          size_t len)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end || !isfinite(v) || v < 0 || v > 2958465.0) {
        snprintf(out, len, "%s", text); /* not a date Excel can show: as written */
        return;
    }
    double whole = floor(v + 1e-9);
    double frac = v - whole;
    if (frac < 0)
        frac = 0;
    long days = (long)whole;
    if (kind == 3) {
        format_hms(frac, out, len);
        return;
    }
    jdate d;
    if (wb->date1904) {
        d = date_from_ymd(1904, 1, 1) + (jdate)days;
    } else if (days == 60) {
        snprintf(out, len, "1900-02-29"); /* Excel's day that never was: an invalid date */
        return;
    } else if (days > 60) {
        d = date_from_ymd(1899, 12, 30) + (jdate)days;
    } else {
        d = date_from_ymd(1899, 12, 31) + (jdate)days;
    }
    char iso[DATE_ISO_LEN];
    date_format(d, iso);
    long secs = lround(frac * 86400.0);
    if (secs == 0 || kind == 1) {
        snprintf(out, len, "%s", iso);
    } else {
        char hms[16];
        format_hms(frac, hms, sizeof hms);
        snprintf(out, len, "%s %s", iso, hms);
    }
}

static void xlsx_cell_done(struct workbook *wb)
{
    char num[128];
    const char *text = wb->cell;
    size_t n = wb->cell_len;
    if (wb->cell_too_long) {
        fail(wb, "column %d: a cell longer than %d bytes", wb->cell_col + 1, WB_MAX_CELL);
        return;
    }
    if (!wb->cell_len && wb->cell_type != CT_INLINE)
        return; /* <c t="s"/>, <c t="b"/>...: a cell with a style and no value */
    switch (wb->cell_type) {
    case CT_SHARED: {
        char *end;
        unsigned long i = strtoul(wb->cell, &end, 10);
        if (end == wb->cell || *end || i >= wb->nsst) {
            fail(wb, "the workbook is damaged: a cell refers to shared string '%s' of %zu",
                 wb->cell, wb->nsst);
            return;
        }
        text = wb->sst + wb->sst_off[i];
        n = strlen(text);
        break;
    }
    case CT_BOOL:
        text = strcmp(wb->cell, "1") == 0 || strcasecmp(wb->cell, "true") == 0 ? "TRUE" : "FALSE";
        n = strlen(text);
        if (!wb->cell_len)
            text = "", n = 0;
        break;
    case CT_NUMBER: {
        if (!wb->cell_len)
            break;
        int kind = wb->cell_style >= 0 && (size_t)wb->cell_style < wb->nxf
                       ? wb->xf_kind[wb->cell_style] : 0;
        if (kind)
            format_serial(wb, wb->cell, kind, num, sizeof num);
        else
            format_number(wb->cell, num, sizeof num);
        text = num;
        n = strlen(num);
        break;
    }
    default: /* inline strings, formula strings, errors, ISO dates: as written */
        break;
    }
    if (wb->cell_col >= WB_MAX_COLS) {
        fail(wb, "a cell beyond column %d", WB_MAX_COLS);
        return;
    }
    if (n)
        row_add(&wb->building, wb->cell_col, text, n);
}

static void sheet_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    struct workbook *wb = ctx;
    const char *n = local(name);
    if (wb->skip_depth) {
        wb->skip_depth++;
        return;
    }
    if (strcmp(n, "row") == 0) {
        const char *r = attr(atts, "r");
        long num = r ? atol(r) : 0;
        wb->row_num = num > 0 ? num : wb->next_row;
        if (wb->row_num > WB_MAX_ROWS) {
            fail(wb, "a row beyond row %ld", WB_MAX_ROWS);
            return;
        }
        wb->next_row = wb->row_num + 1;
        wb->next_col = 0;
        row_clear(&wb->building);
        wb->building.num = wb->row_num;
    } else if (strcmp(n, "c") == 0) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
        int col = r ? ref_col(r) : -1;
        wb->cell_col = col >= 0 ? col : wb->next_col;
        wb->next_col = wb->cell_col + 1;
        wb->cell_style = s ? atoi(s) : -1;
        wb->cell_type = !t || strcmp(t, "n") == 0 ? CT_NUMBER
                      : strcmp(t, "s") == 0 ? CT_SHARED
                      : strcmp(t, "inlineStr") == 0 ? CT_INLINE
                      : strcmp(t, "b") == 0 ? CT_BOOL
                      : strcmp(t, "e") == 0 ? CT_ERROR
                      : strcmp(t, "d") == 0 ? CT_ISODATE : CT_STR;
        wb->in_cell = true;
        cell_reset(wb);
    } else if (wb->in_cell && strcmp(n, "v") == 0 && wb->cell_type != CT_INLINE) {
        cell_reset(wb);
        wb->collect = true;
    } else if (wb->in_cell && strcmp(n, "t") == 0 && wb->cell_type == CT_INLINE) {
        wb->collect = true;
    } else if (strcmp(n, "rPh") == 0 || strcmp(n, "f") == 0 || strcmp(n, "extLst") == 0) {
        wb->skip_depth = 1;
    }
}

static void sheet_end(void *ctx, const XML_Char *name)
{
    struct workbook *wb = ctx;
    const char *n = local(name);
    if (wb->skip_depth) {
        wb->skip_depth--;
        return;
    }
    if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0) {
        wb->collect = false;
    } else if (strcmp(n, "c") == 0) {
        wb->in_cell = false;
        wb->collect = false;
        xlsx_cell_done(wb);
    } else if (strcmp(n, "row") == 0) {
        row_finish(wb, 1);
    } else if (strcmp(n, "sheetData") == 0) {
        /* merged cells and the rest follow: nothing more to read */
        wb->finished = true;
        XML_StopParser(wb->parser, XML_FALSE);
    }
}

/* ---- ods: content.xml ---- */

static bool ods_style_hidden(const struct workbook *wb, const char *style)
{
    for (size_t i = 0; style && i < wb->nhidden; i++)
        if (strcmp(wb->hidden_styles[i], style) == 0)
            return true;
    return false;
}

static void ods_cell_text_done(struct workbook *wb, int repeat)
{
    const char *text = wb->cell;
    size_t n = wb->cell_len;
    if (wb->cell_too_long) {
        fail(wb, "column %d: a cell longer than %d bytes", wb->cell_col + 1, WB_MAX_CELL);
        return;
    }
    if (wb->cell_type == CT_ODS_VALUE) {
        text = wb->ods_value;
        n = strlen(text);
    }
    for (int k = 0; k < repeat && n; k++) {
        if (wb->cell_col + k >= WB_MAX_COLS) {
            fail(wb, "a cell beyond column %d", WB_MAX_COLS);
            return;
        }
        row_add(&wb->building, wb->cell_col + k, text, n);
    }
}

/* An office:value of a typed ODS cell as text. */
static void ods_typed_value(struct workbook *wb, const char **atts)
{
    const char *type = attr(atts, "value-type");
    wb->ods_value[0] = '\0';
    wb->cell_type = CT_ODS_STRING;
    if (!type || strcmp(type, "string") == 0)
        return;
    const char *v = NULL;
    if (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
        strcmp(type, "currency") == 0) {
        if ((v = attr(atts, "value")) != NULL)
            format_number(v, wb->ods_value, sizeof wb->ods_value);
    } else if (strcmp(type, "date") == 0) {
        if ((v = attr(atts, "date-value")) != NULL) {
            snprintf(wb->ods_value, sizeof wb->ods_value, "%s", v);
            char *t = strchr(wb->ods_value, 'T');
            if (t && (strcmp(t, "T00:00:00") == 0 || strncmp(t, "T00:00:00.", 10) == 0))
                *t = '\0';
            else if (t)
                *t = ' ';
        }
    } else if (strcmp(type, "time") == 0) {
        int h = 0, m = 0;
        double s = 0;
        if ((v = attr(atts, "time-value")) != NULL &&
            sscanf(v, "PT%dH%dM%lfS", &h, &m, &s) >= 2)
            snprintf(wb->ods_value, sizeof wb->ods_value, "%02d:%02d:%02d", h, m, (int)s);
    } else if (strcmp(type, "boolean") == 0) {
        if ((v = attr(atts, "boolean-value")) != NULL)
            snprintf(wb->ods_value, sizeof wb->ods_value, "%s",
                     strcmp(v, "true") == 0 ? "TRUE" : "FALSE");
    } else {
        return;
    }
    if (v)
        wb->cell_type = CT_ODS_VALUE;
}

static void ods_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    struct workbook *wb = ctx;
    const char *n = local(name);
    wb->depth++;
    if (wb->skip_depth) {
        wb->skip_depth++;
        return;
    }
    if (strcmp(n, "style") == 0) {
        const char *fam = attr(atts, "family"), *sn = attr(atts, "name");
        if (fam && strcmp(fam, "table") == 0 && sn) {
            snprintf(wb->ods_style, sizeof wb->ods_style, "%s", sn);
        }
        return;
    }
    if (strcmp(n, "table-properties") == 0) {
        const char *disp = attr(atts, "display");
        if (disp && strcmp(disp, "false") == 0 && wb->ods_style[0]) {
            wb->hidden_styles = grow(wb->hidden_styles, &wb->hidden_cap, wb->nhidden + 1,
                                     sizeof *wb->hidden_styles);
            wb->hidden_styles[wb->nhidden++] = dup(wb->ods_style);
        }
        return;
    }
    if (strcmp(n, "table") == 0 && strncmp(name, "table:", 6) == 0) {
        if (wb->in_wanted_table || wb->table_done) {
            wb->skip_depth = 1; /* a table inside a cell, or after ours */
            return;
        }
        const char *tn = attr(atts, "name");
        bool hidden = ods_style_hidden(wb, attr(atts, "style-name"));
        wb->sheets = grow(wb->sheets, &wb->sheets_cap, wb->nsheets + 1, sizeof *wb->sheets);
        struct sheet_info *s = &wb->sheets[wb->nsheets++];
        s->name = dup(tn);
        s->target = dup("content.xml");
        s->hidden = hidden;
        bool want = wb->sheet_name[0] ? strcmp(wb->sheet_name, s->name) == 0 : !hidden;
        if (!want) {
            wb->skip_depth = 1;
            return;
        }
        snprintf(wb->sheet_name, sizeof wb->sheet_name, "%s", s->name);
        wb->in_wanted_table = wb->table_found = true;
        wb->table_depth = wb->depth;
        wb->row_num = 0;
        wb->next_row = 1;
        XML_StopParser(wb->parser, XML_TRUE); /* open() stops here */
        return;
    }
    if (!wb->in_wanted_table)
        return;
    if (strcmp(n, "table-row") == 0) {
        const char *rep = attr(atts, "number-rows-repeated");
        wb->ods_repeat_rows = rep ? atol(rep) : 1;
        if (wb->ods_repeat_rows < 1)
            wb->ods_repeat_rows = 1;
        /* Sheets end in one row repeated to the sheet's last row: empty rows
         * cost nothing, but no row may reach past Excel's last one. */
        if (wb->ods_repeat_rows > WB_MAX_ROWS + 1 - wb->next_row) {
            if (wb->next_row > WB_MAX_ROWS) {
                fail(wb, "a row beyond row %ld", WB_MAX_ROWS);
                return;
            }
            wb->ods_repeat_rows = WB_MAX_ROWS + 1 - wb->next_row;
            wb->ods_rows_clamped = true;
        } else {
            wb->ods_rows_clamped = false;
        }
        wb->row_num = wb->next_row;
        wb->next_row += wb->ods_repeat_rows;
        wb->next_col = 0;
        row_clear(&wb->building);
        wb->building.num = wb->row_num;
    } else if (strcmp(n, "table-cell") == 0 || strcmp(n, "covered-table-cell") == 0) {
        const char *rep = attr(atts, "number-columns-repeated");
        long r = rep ? atol(rep) : 1;
        wb->ods_repeat_cols = r < 1 ? 1 : r > WB_MAX_COLS ? WB_MAX_COLS : (int)r;
        wb->cell_col = wb->next_col;
        wb->next_col += wb->ods_repeat_cols;
        wb->in_cell = true;
        wb->ods_p_count = 0;
        cell_reset(wb);
        ods_typed_value(wb, atts);
    } else if (wb->in_cell && strcmp(n, "annotation") == 0) {
        wb->skip_depth = 1;
    } else if (wb->in_cell && strcmp(n, "p") == 0) {
        if (wb->ods_p_count++)
            cell_append(wb, "\n", 1);
        wb->collect = true;
    } else if (wb->in_cell && strcmp(n, "s") == 0) {
        const char *c = attr(atts, "c");
        for (long k = c ? atol(c) : 1; k > 0 && k < 1000; k--)
            cell_append(wb, " ", 1);
    } else if (wb->in_cell && strcmp(n, "tab") == 0) {
        cell_append(wb, "\t", 1);
    } else if (wb->in_cell && strcmp(n, "line-break") == 0) {
        cell_append(wb, "\n", 1);
    }
}

static void ods_end(void *ctx, const XML_Char *name)
{
    struct workbook *wb = ctx;
    const char *n = local(name);
    wb->depth--;
    if (wb->skip_depth) {
        wb->skip_depth--;
        return;
    }
    if (!wb->in_wanted_table) {
        if (strcmp(n, "style") == 0)
            wb->ods_style[0] = '\0';
        return;
    }
    if (strcmp(n, "p") == 0) {
        wb->collect = false;
    } else if (strcmp(n, "table-cell") == 0 || strcmp(n, "covered-table-cell") == 0) {
        wb->in_cell = false;
        wb->collect = false;
        ods_cell_text_done(wb, wb->ods_repeat_cols);
    } else if (strcmp(n, "table-row") == 0) {
        if (wb->ods_rows_clamped && !row_is_empty(&wb->building))
            fail(wb, "a row with values repeated past row %ld", WB_MAX_ROWS);
        row_finish(wb, wb->ods_repeat_rows);
    } else if (strcmp(n, "table") == 0 && wb->depth + 1 == wb->table_depth) {
        wb->in_wanted_table = false;
        wb->table_done = true;
        wb->finished = true;
        XML_StopParser(wb->parser, XML_FALSE);
    }
}

/* ---- opening ---- */

static void list_sheets(const struct workbook *wb, char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < wb->nsheets && used + 1 < len; i++) {
        int k = snprintf(out + used, len - used, "%s'%s'%s", i ? ", " : "", wb->sheets[i].name,
                         wb->sheets[i].hidden ? " (hidden)" : "");
        if (k < 0)
            break;
        used += (size_t)k;
    }
    if (used >= len)
        out[len - 1] = '\0';
}

static void wb_free(struct workbook *wb)
{
    if (!wb)
        return;
    close_part(wb);
    if (wb->zip)
        zip_discard(wb->zip);
    for (size_t i = 0; i < wb->nsheets; i++)
        free(wb->sheets[i].name), free(wb->sheets[i].target);
    free(wb->sheets);
    for (size_t i = 0; i < wb->nhidden; i++)
        free(wb->hidden_styles[i]);
    free(wb->hidden_styles);
    free(wb->xf_kind);
    free(wb->numfmt_id);
    free(wb->numfmt_kind);
    free(wb->sst);
    free(wb->sst_off);
    free(wb->cell);
    row_free(&wb->building);
    for (size_t i = 0; i < wb->qcap; i++)
        row_free(&wb->queue[i]);
    free(wb->queue);
    free(wb->fields);
    free(wb);
}

/* Starts streaming the chosen sheet from its first row. 0 or an error kind (err filled). */
static int start_sheet(struct workbook *wb, struct error *err)
{
    close_part(wb);
    wb->qhead = wb->qlen = 0;
    wb->returned = false;
    wb->header_width = 0;
    wb->row_num = 0;
    wb->next_row = 1;
    wb->failed = false;
    wb->in_cell = wb->in_wanted_table = wb->table_found = wb->table_done = false;
    row_clear(&wb->building);
    if (!wb->ods) {
        int rc = open_part(wb, wb->sheets[wb->chosen].target, err);
        if (rc)
            return rc;
        start_parser(wb, sheet_start, sheet_end);
        return 0;
    }
    int rc = open_part(wb, "content.xml", err);
    if (rc)
        return rc;
    for (size_t i = 0; i < wb->nsheets; i++)
        free(wb->sheets[i].name), free(wb->sheets[i].target);
    wb->nsheets = 0;
    start_parser(wb, ods_start, ods_end);
    int got = pump(wb); /* suspends at the start of the wanted table */
    if (got < 0) {
        error_set(err, ERROR_DATA, "%s: %s", wb->path, wb->err);
        return ERROR_DATA;
    }
    if (!wb->table_found) {
        char names[1024];
        list_sheets(wb, names, sizeof names);
        if (wb->sheet_name[0])
            error_set(err, ERROR_DATA, "%s: no sheet named '%s' (the workbook has %s)", wb->path,
                     wb->sheet_name, names[0] ? names : "no sheets");
        else
            error_set(err, ERROR_DATA, "%s: the workbook has no visible sheet (it has %s): name one "
                     "with --sheet", wb->path, names[0] ? names : "no sheets");
        return ERROR_DATA;
    }
    return 0;
}

static int open_xlsx(struct workbook *wb, const char *sheet, struct error *err)
{
    int rc = parse_part(wb, "xl/workbook.xml", wb_start, no_end, false, err);
    if (!rc)
        rc = parse_part(wb, "xl/_rels/workbook.xml.rels", rels_start, no_end, false, err);
    if (!rc)
        rc = parse_part(wb, "xl/styles.xml", styles_start, styles_end, true, err);
    if (rc)
        return rc;
    wb->chosen = -1;
    for (size_t i = 0; i < wb->nsheets && wb->chosen < 0; i++)
        if (sheet ? strcmp(wb->sheets[i].name, sheet) == 0 : !wb->sheets[i].hidden)
            wb->chosen = (int)i;
    for (size_t i = 0; sheet && i < wb->nsheets && wb->chosen < 0; i++)
        if (strcasecmp(wb->sheets[i].name, sheet) == 0)
            wb->chosen = (int)i;
    if (wb->chosen < 0) {
        char names[1024];
        list_sheets(wb, names, sizeof names);
        if (sheet)
            error_set(err, ERROR_DATA, "%s: no sheet named '%s' (the workbook has %s)", wb->path, sheet,
                     names[0] ? names : "no sheets");
        else
            error_set(err, ERROR_DATA, "%s: the workbook has no visible sheet (it has %s): name one "
                     "with --sheet", wb->path, names[0] ? names : "no sheets");
        return ERROR_DATA;
    }
    snprintf(wb->sheet_name, sizeof wb->sheet_name, "%s", wb->sheets[wb->chosen].name);
    /* Only now: the strings the chosen sheet's cells refer to. */
    rc = parse_part(wb, "xl/sharedStrings.xml", sst_start, sst_end, true, err);
    if (rc)
        return rc;
    return start_sheet(wb, err);
}

/* ---- the source interface ---- */

static int wb_next(void *impl, struct csv_record *rec, struct error *err)
{
    struct workbook *wb = impl;
    if (wb->returned) { /* the row returned last time is done with (or repeats) */
        wb->returned = false;
        struct qrow *r = &wb->queue[wb->qhead];
        if (--r->repeat > 0) {
            r->num++;
        } else {
            wb->qhead++;
            if (--wb->qlen == 0)
                wb->qhead = 0;
        }
    }
    while (wb->qlen == 0) {
        int got = pump(wb);
        if (got < 0) {
            error_set(err, ERROR_DATA, "%s", wb->err);
            return -1;
        }
        if (got == 0 && wb->qlen == 0)
            return 0;
    }
    struct qrow *r = &wb->queue[wb->qhead];
    wb->returned = true;
    size_t width = 0;
    for (size_t i = 0; i < r->ncells; i++)
        if ((size_t)r->col[i] + 1 > width)
            width = (size_t)r->col[i] + 1;
    if (wb->header_width && width < wb->header_width)
        width = wb->header_width;
    if (!wb->header_width)
        wb->header_width = width;
    wb->fields = grow(wb->fields, &wb->fields_cap, width + 1, sizeof *wb->fields);
    for (size_t i = 0; i < width; i++)
        wb->fields[i] = "";
    for (size_t i = 0; i < r->ncells; i++)
        wb->fields[r->col[i]] = r->text + r->off[i];
    rec->line = r->num;
    rec->count = width;
    rec->fields = wb->fields;
    return 1;
}

static int wb_rewind(void *impl)
{
    struct workbook *wb = impl;
    struct error err;
    return start_sheet(wb, &err) ? -1 : 0;
}

static long long wb_position(const void *impl)
{
    return ((const struct workbook *)impl)->part_read;
}

static long long wb_size(const void *impl)
{
    return ((const struct workbook *)impl)->part_size;
}

static long wb_error_line(const void *impl)
{
    const struct workbook *wb = impl;
    return wb->error_row > 0 ? wb->error_row : wb->row_num;
}

static void wb_close(void *impl) { wb_free(impl); }

static const struct source_ops workbook_ops = {
    wb_next, wb_rewind, wb_position, wb_size, wb_error_line, wb_close,
};

static zip_t *open_zip(const char *path, struct error *err, int *rc)
{
    int code = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (z)
        return z;
    zip_error_t ze;
    zip_error_init_with_code(&ze, code);
    if (code == ZIP_ER_NOENT) {
        *rc = error_set(err, ERROR_NOT_FOUND, "%s: no such file", path);
    } else if (code == ZIP_ER_OPEN || code == ZIP_ER_READ) {
        *rc = error_set(err, code == ZIP_ER_OPEN ? ERROR_NOT_FOUND : ERROR_IO, "%s: cannot read: %s",
                        path, zip_error_strerror(&ze));
    } else {
        error_set(err, ERROR_DATA, "%s: not a readable workbook (damaged or not a zip file: %s); "
                 "nothing imported", path, zip_error_strerror(&ze));
        *rc = ERROR_DATA;
    }
    zip_error_fini(&ze);
    return NULL;
}

bool workbook_is_ods(const char *path)
{
    int code = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &code);
    if (!z)
        return false;
    bool ods = false;
    zip_file_t *f = zip_fopen(z, "mimetype", 0);
    if (f) {
        char buf[64] = {0};
        zip_int64_t n = zip_fread(f, buf, sizeof buf - 1);
        ods = n > 0 && strncmp(buf, "application/vnd.oasis.opendocument.spreadsheet", 46) == 0;
        zip_fclose(f);
    } else {
        ods = zip_name_locate(z, "content.xml", 0) >= 0 &&
              zip_name_locate(z, "xl/workbook.xml", 0) < 0;
    }
    zip_discard(z);
    return ods;
}

/* The sheet's name made safe for a file name. */
static void safe_name(const char *in, char *out, size_t len)
{
    size_t j = 0;
    for (size_t i = 0; in[i] && j + 1 < len; i++) {
        unsigned char c = (unsigned char)in[i];
        out[j++] = c == '/' || c == '\\' || c < 0x20 || (c == '.' && i == 0) ? '_' : (char)c;
    }
    out[j] = '\0';
}

int workbook_open(const char *path, bool ods, const char *sheet, struct source **out,
                  struct error *err)
{
    struct workbook *wb = mem_check(calloc(1, sizeof *wb));
    wb->ods = ods;
    wb->chosen = -1;
    snprintf(wb->path, sizeof wb->path, "%s", path);
    int rc = 0;
    wb->zip = open_zip(path, err, &rc);
    if (!wb->zip) {
        wb_free(wb);
        return rc;
    }
    if (ods) {
        snprintf(wb->sheet_name, sizeof wb->sheet_name, "%s", sheet ? sheet : "");
        rc = start_sheet(wb, err);
    } else {
        rc = open_xlsx(wb, sheet, err);
    }
    if (rc) {
        wb_free(wb);
        return rc;
    }
    char name[4096 + 1100], rejects[4096 + 1200], safe[1024];
    snprintf(name, sizeof name, "%s[%s]", path, wb->sheet_name);
    safe_name(wb->sheet_name, safe, sizeof safe);
    snprintf(rejects, sizeof rejects, "%s.%s.rejects.csv", path, safe);
    *out = source_new(&workbook_ops, wb, ods ? SOURCE_ODS : SOURCE_XLSX, name, rejects);
    return 0;
}
