#include "import/rows.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/db.h"
#include "core/grade.h"
#include "core/inspectorate.h"
#include "core/kind.h"
#include "core/text.h"
#include "import/lookup.h"

/* ---- errors ---- */

/* Data is untrusted: control characters never reach the terminal, and long
 * values are cut. */
static void sanitise(const char *in, char *out, size_t out_len)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(in ? in : ""); *p && n + 4 < out_len;
         p++)
        out[n++] = (*p < 0x20 || *p == 0x7f) ? '?' : (char)*p;
    if (in && strlen(in) >= out_len - 4 && n + 4 >= out_len)
        memcpy(out + n, "...", 3), n += 3;
    out[n] = '\0';
}

void rows_emit(struct rows *r, long line, const char *msg)
{
    r->errors_total++;
    if (r->sink && r->sink->ops->message)
        r->sink->ops->message(r->sink->ctx, true, r->file, line, msg);
}

/* Kept in the row, NUL-terminated one after the other, for rows_emit later. */
static void defer_message(struct rows *r, const char *msg)
{
    size_t len = strlen(msg) + 1;
    if (r->deferred_len + len > r->deferred_cap) {
        size_t cap = r->deferred_cap ? r->deferred_cap : 1024;
        while (cap < r->deferred_len + len)
            cap *= 2;
        char *p = realloc(r->deferred, cap);
        if (!p)
            abort();
        r->deferred = p;
        r->deferred_cap = cap;
    }
    memcpy(r->deferred + r->deferred_len, msg, len);
    r->deferred_len += len;
}

static void report(struct rows *r, int col, const char *value, const char *fmt, va_list ap)
{
    char reason[512], shown[96], msg[768];
    vsnprintf(reason, sizeof reason, fmt, ap);
    sanitise(value, shown, sizeof shown);
    snprintf(msg, sizeof msg, "column '%s': value '%s': %s", col >= 0 ? r->cols->headers[col] : "-",
             shown, reason);
    if (r->defer)
        defer_message(r, msg);
    else
        rows_emit(r, r->line, msg);
    size_t room = sizeof r->reasons - r->reasons_len;
    int n = snprintf(r->reasons + r->reasons_len, room, "%s%s", r->reasons_len ? "; " : "", msg);
    r->reasons_len += n > 0 && (size_t)n < room ? (size_t)n : 0;
    r->invalid = true;
}

void rows_error_col(struct rows *r, int col, const char *value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, col, value, fmt, ap);
    va_end(ap);
}

void rows_error(struct rows *r, enum field f, const char *value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* A placeholder read as blank is quoted as written ("value 'None'"). */
    int col = r->cols->field_col[f];
    if (value && !*value && r->current && col >= 0 && (size_t)col < r->current->count)
        value = r->current->fields[col];
    report(r, col, value, fmt, ap);
    va_end(ap);
}

/* ---- the current row ---- */

void rows_begin(struct rows *r, const struct csv_record *rec)
{
    r->line = rec->line;
    r->current = rec;
    r->nitems = 0;
    r->arena_used = 0;
    r->reasons_len = 0;
    r->reasons[0] = '\0';
    r->invalid = false;
    r->deferred_len = 0;
}

struct row_item *rows_add_item(struct rows *r, const struct store_table *table)
{
    if (r->nitems == r->items_cap) {
        size_t cap = r->items_cap ? r->items_cap * 2 : 8;
        struct row_item *items = realloc(r->items, cap * sizeof *items);
        if (!items)
            abort();
        r->items = items;
        r->items_cap = cap;
    }
    struct row_item *it = &r->items[r->nitems++];
    memset(it, 0, sizeof *it);
    it->table = table;
    return it;
}

const char *rows_copy(struct rows *r, const char *s)
{
    size_t len = strlen(s);
    if (r->arena_used + len + 1 > sizeof r->arena) {
        rows_error_col(r, -1, "", "the row is too long (over %d bytes)", ROWS_ARENA);
        return "";
    }
    char *out = r->arena + r->arena_used;
    memcpy(out, s, len + 1);
    r->arena_used += len + 1;
    return out;
}

/* The cell trimmed of spaces, or NULL when the file has no such column. */
const char *rows_cell_col(struct rows *r, const struct csv_record *rec, int col)
{
    if (col < 0 || (size_t)col >= rec->count)
        return NULL;
    const char *s = rec->fields[col];
    while (*s == ' ' || *s == '\t')
        s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    if (s[len] == '\0')
        return s;
    if (r->arena_used + len + 1 > sizeof r->arena)
        return rows_copy(r, s);
    char *out = r->arena + r->arena_used;
    memcpy(out, s, len);
    out[len] = '\0';
    r->arena_used += len + 1;
    return out;
}

/* A field's cell; exporters' placeholders ("n/a", "None", "-", ...) read as
 * blank in every field, not only in judgements. */
const char *rows_cell(struct rows *r, const struct csv_record *rec, enum field f)
{
    const char *s = rows_cell_col(r, rec, r->cols->field_col[f]);
    return s && *s && text_is_placeholder(s) ? "" : s;
}

/* A cell as a store value: blank (or a missing column) is NULL, never clearing. */
static struct store_value text_value(struct rows *r, const struct csv_record *rec, enum field f)
{
    const char *s = rows_cell(r, rec, f);
    return s && *s ? sv_text(s) : sv_null();
}

/* ---- authorities and inspectors ---- */

static void add_authority_keys(struct rows *r, int idx, const char *ons, const char *urn,
                               const char *name)
{
    char key[512];
    lookup_put(r->authorities, 'c', r->codes[idx], idx);
    lookup_put(r->authorities, 'o', ons, idx);
    lookup_put(r->authorities, 'u', urn, idx);
    if (name) {
        text_name_key(name, key, sizeof key);
        lookup_put(r->authorities, 'n', key, idx);
    }
}

static int add_authority(struct rows *r, const char *la_code)
{
    if (r->ncodes == r->codes_cap) {
        r->codes_cap = r->codes_cap ? r->codes_cap * 2 : 256;
        r->codes = realloc(r->codes, r->codes_cap * sizeof *r->codes);
        if (!r->codes)
            abort();
    }
    r->codes[r->ncodes] = strdup(la_code);
    return (int)r->ncodes++;
}

static int load_authorities(struct rows *r, struct db *db)
{
    r->authorities = lookup_new();
    sqlite3_stmt *st = db_prepare(db, "SELECT la_code, ons_code, ofsted_urn, name FROM authority"
                                      " ORDER BY la_code");
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        int idx = add_authority(r, db_column_text(st, 0));
        add_authority_keys(r, idx, db_column_text(st, 1), db_column_text(st, 2),
                           db_column_text(st, 3));
    }
    sqlite3_finalize(st);
    st = db_prepare(db, "SELECT a.la_code, j.value FROM authority a, json_each(a.aliases) j");
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        char key[512];
        text_name_key(db_column_text(st, 1), key, sizeof key);
        lookup_put(r->authorities, 'n', key, lookup_get(r->authorities, 'c', db_column_text(st, 0)));
    }
    sqlite3_finalize(st);
    return st ? 0 : -1;
}

static void load_inspectors(struct rows *r, struct db *db)
{
    r->inspectors = lookup_new();
    sqlite3_stmt *st = db_prepare(db, "SELECT inspector_id FROM inspector");
    while (st && sqlite3_step(st) == SQLITE_ROW)
        lookup_put(r->inspectors, 'i', db_column_text(st, 0), 1);
    sqlite3_finalize(st);
}

int rows_init(struct rows *r, struct db *db, const char *file, const struct columns *cols,
              int kind, const struct import_sink *sink, struct error *err)
{
    r->file = file;
    r->cols = cols;
    r->kind = kind;
    r->sink = sink;
    if (load_authorities(r, db) != 0)
        return error_set(err, ERROR_INTERNAL, "reading authorities: %s",
                         sqlite3_errmsg(db->handle));
    load_inspectors(r, db);
    return 0;
}

void rows_free(struct rows *r)
{
    for (size_t i = 0; i < r->ncodes; i++)
        free(r->codes[i]);
    free(r->codes);
    free(r->items);
    free(r->deferred);
    lookup_free(r->authorities);
    lookup_free(r->inspectors);
    if (r->tidy)
        rows_tidy_free(r->tidy);
}

static const struct {
    enum field f;
    char tag;
} identifiers[] = {{FLD_LA_CODE, 'c'}, {FLD_ONS_CODE, 'o'}, {FLD_OFSTED_URN, 'u'}, {FLD_NAME, 'n'}};

static int lookup_identifier(struct rows *r, char tag, const char *value)
{
    char key[512];
    if (tag != 'n')
        return lookup_get(r->authorities, tag, value);
    text_name_key(value, key, sizeof key);
    return lookup_get(r->authorities, 'n', key);
}

int rows_resolve_authority(struct rows *r, const struct csv_record *rec, bool with_la_code)
{
    int found = -1, found_col = -1;
    for (size_t i = with_la_code ? 0 : 1; i < sizeof identifiers / sizeof *identifiers; i++) {
        const char *v = rows_cell(r, rec, identifiers[i].f);
        int idx = v && *v ? lookup_identifier(r, identifiers[i].tag, v) : -1;
        if (idx < 0)
            continue;
        if (found >= 0 && idx != found) {
            rows_error_col(r, -1, v, "column '%s' points to authority %s but column '%s' to %s",
                           r->cols->headers[found_col], r->codes[found],
                           r->cols->headers[r->cols->field_col[identifiers[i].f]], r->codes[idx]);
            return -2;
        }
        found = idx;
        found_col = r->cols->field_col[identifiers[i].f];
    }
    return found;
}

/* The first identifier the row gives, for the "no authority matches" message. */
static void report_unknown_authority(struct rows *r, const struct csv_record *rec)
{
    for (size_t i = 0; i < sizeof identifiers / sizeof *identifiers; i++) {
        const char *v = rows_cell(r, rec, identifiers[i].f);
        if (v && *v) {
            rows_error(r, identifiers[i].f, v, "no authority matches (import the authorities "
                       "first, or add this spelling to its aliases)");
            return;
        }
    }
    rows_error_col(r, -1, "", "no authority identifier (la_code, ons_code, ofsted_urn or name)");
}

static const char *row_authority(struct rows *r, const struct csv_record *rec)
{
    int idx = rows_resolve_authority(r, rec, true);
    if (idx == -1)
        report_unknown_authority(r, rec);
    return idx >= 0 ? r->codes[idx] : NULL;
}

/* ---- value parsers: each reports its own error ---- */

static struct store_value date_value(struct rows *r, const struct csv_record *rec, enum field f,
                                     bool required, const char *what)
{
    const char *s = rows_cell(r, rec, f);
    char why[160], iso[DATE_ISO_LEN];
    jdate d;
    if (!s || !*s) {
        if (required)
            rows_error(r, f, "", "%s is required", what);
        return sv_null();
    }
    if (!date_parse(s, &d, why, sizeof why)) {
        rows_error(r, f, s, "%s", why);
        return sv_null();
    }
    date_format(d, iso);
    return sv_text(rows_copy(r, iso));
}

static struct store_value grade_value(struct rows *r, const struct csv_record *rec, enum field f)
{
    const char *s = rows_cell(r, rec, f);
    char why[200];
    int g;
    if (!s || !*s)
        return sv_null();
    if (!grade_parse(s, &g, why, sizeof why)) {
        rows_error(r, f, s, "%s", why);
        return sv_null();
    }
    return g == GRADE_NONE ? sv_null() : sv_int(g);
}

static struct store_value enum_value(struct rows *r, const struct csv_record *rec, enum field f,
                                     const struct enum_table *table, const char *fallback)
{
    const char *s = rows_cell(r, rec, f);
    char why[256];
    if (!s || !*s) {
        if (fallback)
            return sv_text(fallback);
        rows_error(r, f, "", "%s is required", table->what);
        return sv_null();
    }
    int i = enum_parse(table, s, why, sizeof why);
    if (i < 0) {
        rows_error(r, f, s, "%s", why);
        return sv_null();
    }
    return sv_text(table->values[i].name);
}

/* The inspectorate from column f, or --inspectorate when the file has none. */
static struct store_value inspectorate_value(struct rows *r, const struct csv_record *rec,
                                             enum field f)
{
    const char *s = rows_cell(r, rec, f);
    char why[200];
    enum inspectorate insp;
    if (!s || !*s) {
        if (r->inspectorate)
            return sv_text(r->inspectorate);
        rows_error(r, f, "", "an inspectorate is required");
        return sv_null();
    }
    if (!inspectorate_parse(s, &insp, why, sizeof why)) {
        rows_error(r, f, s, "%s", why);
        return sv_null();
    }
    return sv_text(inspectorate_code(insp));
}

static const char *required_text(struct rows *r, const struct csv_record *rec, enum field f,
                                 const char *what)
{
    const char *s = rows_cell(r, rec, f);
    if (!s || !*s) {
        rows_error(r, f, "", "%s is required", what);
        return NULL;
    }
    return s;
}

/* ---- kinds ---- */

/* "a; b, [c]" -> ["a","b","c"] as JSON text; NULL when the cell is blank.
 * Sized from the cell: every entry is kept, however long the list. */
static const char *json_list(struct rows *r, const char *s)
{
    size_t cap = 3 * strlen(s) + 8; /* each byte escaped at worst, plus quotes and commas */
    char *out = malloc(cap);
    if (!out)
        abort();
    size_t n = 0;
    out[n++] = '[';
    for (const char *p = s; *p;) {
        size_t len = strcspn(p, ";,");
        const char *end = p + len;
        while (p < end && strchr(" []()'\"", *p))
            p++;
        const char *e = end;
        while (e > p && strchr(" []()'\"", e[-1]))
            e--;
        if (e > p) {
            if (n > 1)
                out[n++] = ',';
            out[n++] = '"';
            for (const char *q = p; q < e; q++) {
                if (*q == '"' || *q == '\\')
                    out[n++] = '\\';
                out[n++] = (unsigned char)*q < 0x20 ? ' ' : *q;
            }
            out[n++] = '"';
        }
        p = *end ? end + 1 : end;
    }
    out[n++] = ']';
    out[n] = '\0';
    const char *kept = n > 2 ? rows_copy(r, out) : NULL;
    free(out);
    return kept;
}

static struct store_value list_value(struct rows *r, const struct csv_record *rec, enum field f)
{
    const char *s = rows_cell(r, rec, f);
    return sv_text(s && *s ? json_list(r, s) : NULL);
}

/* The la_code a row of an authorities file writes: its own la_code (a new one
 * adds an authority) or the authority its other identifiers find. */
static const char *authority_key(struct rows *r, const struct csv_record *rec, bool *is_new)
{
    const char *code = rows_cell(r, rec, FLD_LA_CODE);
    int other = rows_resolve_authority(r, rec, false);
    if (other == -2)
        return NULL;
    if (!code || !*code) {
        if (other < 0)
            report_unknown_authority(r, rec);
        return other >= 0 ? r->codes[other] : NULL;
    }
    int own = lookup_get(r->authorities, 'c', code);
    if (other >= 0 && other != own) {
        rows_error(r, FLD_LA_CODE, code, "the other identifiers in this row are authority %s",
                   r->codes[other]);
        return NULL;
    }
    *is_new = own < 0;
    return code;
}

/* --update-only: a row of an authority the database does not have (a former
 * council such as Cumbria 909 in a lookup file) is skipped, not added. */
static bool unknown_authority(struct rows *r, const struct csv_record *rec)
{
    const char *code = rows_cell(r, rec, FLD_LA_CODE);
    if (code && *code)
        return lookup_get(r->authorities, 'c', code) < 0;
    return rows_resolve_authority(r, rec, false) == -1;
}

static enum row_result convert_authority(struct rows *r, const struct csv_record *rec)
{
    if (r->update_only && unknown_authority(r, rec))
        return ROW_SKIPPED;
    bool is_new = false;
    const char *code = authority_key(r, rec, &is_new);
    const char *name = rows_cell(r, rec, FLD_NAME);
    if (code && is_new && (!name || !*name))
        rows_error(r, FLD_NAME, "", "a new authority (la_code %s) needs a name", code);
    struct row_item *it = rows_add_item(r, &store_authority);
    it->keys[0] = sv_text(code);
    it->vals[0] = text_value(r, rec, FLD_ONS_CODE);
    it->vals[1] = text_value(r, rec, FLD_OFSTED_URN);
    it->vals[2] = text_value(r, rec, FLD_NAME);
    it->vals[3] = text_value(r, rec, r->cols->field_col[FLD_REGION_CODE] >= 0 ? FLD_REGION_CODE
                                                                              : FLD_REGION);
    it->vals[4] = text_value(r, rec, FLD_REGION_NAME);
    it->vals[5] = text_value(r, rec, FLD_LA_TYPE);
    it->vals[6] = list_value(r, rec, FLD_ALIASES);
    it->vals[7] = list_value(r, rec, FLD_STAT_NEIGHBOURS);
    if (r->invalid)
        return ROW_INVALID;
    if (is_new)
        add_authority_keys(r, add_authority(r, code), it->vals[0].text, it->vals[1].text, name);
    return ROW_OK;
}

static enum row_result convert_inspection(struct rows *r, const struct csv_record *rec)
{
    struct row_item *it = rows_add_item(r, &store_inspection);
    it->keys[0] = sv_text(row_authority(r, rec));
    it->keys[1] = inspectorate_value(r, rec, FLD_INSPECTORATE);
    it->keys[2] = enum_value(r, rec, FLD_TYPE, &inspection_types, r->type);
    it->keys[3] = date_value(r, rec, FLD_START_DATE, true, "a start date");
    it->vals[0] = date_value(r, rec, FLD_END_DATE, false, "");
    it->vals[1] = date_value(r, rec, FLD_PUBLISHED, false, "");
    for (int g = 0; g < 6; g++) /* overall .. care_leavers, partnership */
        it->vals[2 + g] = grade_value(r, rec, FLD_OVERALL + g);
    it->vals[8] = text_value(r, rec, FLD_THEME);
    it->vals[9] = text_value(r, rec, FLD_LEAD);
    it->vals[10] = text_value(r, rec, FLD_LINK);
    return r->invalid ? ROW_INVALID : ROW_OK;
}

static enum row_result convert_concern(struct rows *r, const struct csv_record *rec)
{
    struct row_item *it = rows_add_item(r, &store_concern);
    enum field by = r->cols->field_col[FLD_RAISED_BY] >= 0 ? FLD_RAISED_BY : FLD_INSPECTORATE;
    const char *summary = rows_cell(r, rec, FLD_SUMMARY);
    it->keys[0] = sv_text(row_authority(r, rec));
    it->keys[1] = inspectorate_value(r, rec, by);
    it->keys[2] = date_value(r, rec, FLD_DATE, true, "a date");
    it->keys[3] = sv_text(summary ? summary : "");
    it->vals[0] = enum_value(r, rec, FLD_SEVERITY, &concern_severities, NULL);
    it->vals[1] = date_value(r, rec, FLD_CLOSED, false, "");
    return r->invalid ? ROW_INVALID : ROW_OK;
}

/* home_la: the authority a seconded practitioner comes from, named by any of its
 * identifiers; stored as its la_code so planning can compare codes. */
static struct store_value home_authority_value(struct rows *r, const struct csv_record *rec)
{
    const char *v = rows_cell(r, rec, FLD_HOME_LA);
    if (!v || !*v)
        return sv_null();
    for (size_t i = 0; i < sizeof identifiers / sizeof *identifiers; i++) {
        int idx = lookup_identifier(r, identifiers[i].tag, v);
        if (idx >= 0)
            return sv_text(r->codes[idx]);
    }
    rows_error(r, FLD_HOME_LA, v, "no authority matches (give its la_code, ONS code or name)");
    return sv_null();
}

static enum row_result convert_inspector(struct rows *r, const struct csv_record *rec)
{
    struct row_item *it = rows_add_item(r, &store_inspector);
    it->keys[0] = sv_text(required_text(r, rec, FLD_INSPECTOR_ID, "an inspector_id"));
    it->vals[0] = sv_text(required_text(r, rec, FLD_NAME, "a name"));
    it->vals[1] = inspectorate_value(r, rec, FLD_INSPECTORATE);
    it->vals[2] = text_value(r, rec, FLD_ROLE);
    it->vals[3] = text_value(r, rec, FLD_REGION);
    it->vals[4] = home_authority_value(r, rec);
    return r->invalid ? ROW_INVALID : ROW_OK;
}

static enum row_result convert_absence(struct rows *r, const struct csv_record *rec)
{
    struct row_item *it = rows_add_item(r, &store_absence);
    const char *id = required_text(r, rec, FLD_INSPECTOR_ID, "an inspector_id");
    if (id && lookup_get(r->inspectors, 'i', id) < 0)
        rows_error(r, FLD_INSPECTOR_ID, id, "no such inspector (import the inspectors first)");
    it->keys[0] = sv_text(id);
    it->keys[1] = date_value(r, rec, FLD_FROM, true, "a from date");
    it->keys[2] = date_value(r, rec, FLD_TO, true, "a to date");
    it->keys[3] = enum_value(r, rec, FLD_KIND, &absence_kinds, NULL);
    it->vals[0] = text_value(r, rec, FLD_NOTE);
    if (it->keys[1].text && it->keys[2].text && strcmp(it->keys[2].text, it->keys[1].text) < 0)
        rows_error(r, FLD_TO, rows_cell(r, rec, FLD_TO), "ends before it starts (from %s)",
                   it->keys[1].text);
    return r->invalid ? ROW_INVALID : ROW_OK;
}

static enum row_result convert_holiday(struct rows *r, const struct csv_record *rec)
{
    struct row_item *it = rows_add_item(r, &store_holiday);
    it->keys[0] = date_value(r, rec, FLD_DATE, true, "a date");
    it->vals[0] = text_value(r, rec, FLD_NAME);
    return r->invalid ? ROW_INVALID : ROW_OK;
}

enum row_result rows_convert(struct rows *r, const struct csv_record *rec)
{
    rows_begin(r, rec);
    if (rec->count != r->cols->count) {
        rows_error_col(r, -1, "", "ragged row: %zu fields where the header has %zu", rec->count,
                       r->cols->count);
        return ROW_INVALID;
    }
    switch (r->kind) {
    case KIND_AUTHORITIES: return convert_authority(r, rec);
    case KIND_INSPECTIONS: return convert_inspection(r, rec);
    case KIND_CONCERNS: return convert_concern(r, rec);
    case KIND_INSPECTORS: return convert_inspector(r, rec);
    case KIND_ABSENCES: return convert_absence(r, rec);
    case KIND_HOLIDAYS: return convert_holiday(r, rec);
    case KIND_INDICATORS:
        return r->tidy ? rows_tidy_convert(r, rec) : rows_long_indicator(r, rec);
    default: return ROW_INVALID;
    }
}
