#include "tui/output.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/csv_writer.h"
#include "tui/termtext.h"

int output_format_parse(const char *text)
{
    if (strcmp(text, "table") == 0)
        return FORMAT_TABLE;
    if (strcmp(text, "csv") == 0)
        return FORMAT_CSV;
    if (strcmp(text, "json") == 0)
        return FORMAT_JSON;
    if (strcmp(text, "xlsx") == 0)
        return FORMAT_XLSX;
    return -1;
}

static int output_plain(FILE *out, const struct rowset *rs, enum output_format format)
{
    switch (format) {
    case FORMAT_CSV:
        return csv_write_rowset(out, rs);
    case FORMAT_JSON:
        return output_json(out, rs);
    default:
        return output_table(out, rs);
    }
}

/* Writes text line by line through the sanitiser (newlines kept). */
static int write_sanitized(FILE *out, const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *line = strndup(p, n);
        char *clean = line ? termtext_sanitize_dup(line) : NULL;
        int bad = !clean || fputs(clean, out) < 0 || (nl && fputc('\n', out) == EOF);
        free(line);
        free(clean);
        if (bad)
            return -1;
        p += n + (nl ? 1 : 0);
    }
    return ferror(out) ? -1 : 0;
}

/* CSV and JSON are written as they are to files and pipes; to a terminal they
 * go through the same sanitiser as tables, so data cannot drive it. */
int output_rowset(FILE *out, const struct rowset *rs, enum output_format format)
{
    if (format == FORMAT_TABLE || !isatty(fileno(out)))
        return output_plain(out, rs, format);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return -1;
    int rc = output_plain(mem, rs, format);
    if (fclose(mem) != 0)
        rc = -1;
    if (!rc)
        rc = write_sanitized(out, buf, len);
    free(buf);
    return rc;
}

/* ---- table: columns aligned by display width; numbers right-aligned ---- */

static void print_cell(FILE *out, const char *text, int width, bool right, bool last)
{
    char *clean = termtext_sanitize_dup(text);
    if (!clean)
        return;
    int pad = width - termtext_width(clean);
    if (right)
        fprintf(out, "%*s%s", pad > 0 ? pad : 0, "", clean);
    else if (last)
        fputs(clean, out);
    else
        fprintf(out, "%s%*s", clean, pad > 0 ? pad : 0, "");
    free(clean);
}

static int cell_width(const char *text)
{
    char *clean = termtext_sanitize_dup(text);
    int w = clean ? termtext_width(clean) : 0;
    free(clean);
    return w;
}

int output_table(FILE *out, const struct rowset *rs)
{
    int *widths = calloc(rs->ncols ? rs->ncols : 1, sizeof *widths);
    if (!widths)
        return -1;
    for (size_t c = 0; c < rs->ncols; c++) {
        widths[c] = cell_width(rs->names[c]);
        for (size_t r = 0; r < rs->nrows; r++) {
            int w = cell_width(rowset_get(rs, r, c));
            if (w > widths[c])
                widths[c] = w;
        }
    }
    for (size_t c = 0; c < rs->ncols; c++) {
        bool num = rs->types[c] == COL_INT || rs->types[c] == COL_REAL;
        print_cell(out, rs->names[c], widths[c], num, c + 1 == rs->ncols);
        fputs(c + 1 == rs->ncols ? "\n" : "  ", out);
    }
    for (size_t r = 0; r < rs->nrows; r++) {
        for (size_t c = 0; c < rs->ncols; c++) {
            bool num = rs->types[c] == COL_INT || rs->types[c] == COL_REAL;
            print_cell(out, rowset_get(rs, r, c), widths[c], num, c + 1 == rs->ncols);
            fputs(c + 1 == rs->ncols ? "\n" : "  ", out);
        }
    }
    free(widths);
    return ferror(out) ? -1 : 0;
}

/* ---- tables that fit a terminal ---- */

struct rowset *output_project(const struct rowset *rs, const char *columns, char *err,
                              size_t err_len)
{
    int cols[64];
    size_t n = 0;
    char *copy = strdup(columns), types[65];
    for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok && n < 64;
         tok = strtok_r(NULL, ", ", &save)) {
        int c = rowset_col(rs, tok);
        if (c < 0) {
            size_t used = (size_t)snprintf(err, err_len, "unknown column '%s' (use ", tok);
            for (size_t i = 0; i < rs->ncols && used < err_len; i++)
                used += (size_t)snprintf(err + used, err_len - used, "%s%s", i ? ", " : "",
                                         rs->names[i]);
            if (used < err_len)
                snprintf(err + used, err_len - used, ")");
            free(copy);
            return NULL;
        }
        cols[n] = c;
        types[n++] = rs->types[c];
    }
    free(copy);
    if (n == 0) {
        snprintf(err, err_len, "--columns needs at least one column name");
        return NULL;
    }
    types[n] = '\0';
    const char *names[64];
    for (size_t i = 0; i < n; i++)
        names[i] = rs->names[cols[i]];
    struct rowset *out = rowset_new(n, names, types);
    for (size_t r = 0; r < rs->nrows; r++) {
        size_t row = rowset_add_row(out);
        for (size_t i = 0; i < n; i++)
            if (!rowset_is_empty(rs, r, (size_t)cols[i]))
                rowset_set(out, row, i, rowset_get(rs, r, (size_t)cols[i]));
    }
    return out;
}

/* Long free text (names, reasons, links) may be cut; codes, dates and numbers
 * are shown whole or not at all. */
static int cut_to(const struct rowset *rs, size_t c, int natural)
{
    if (rs->types[c] == COL_INT || rs->types[c] == COL_REAL)
        return natural;
    if (strcmp(rs->names[c], "authority") == 0 || strcmp(rs->names[c], "name") == 0)
        return natural < 22 ? natural : 22;
    return natural < 40 ? natural : 40;
}

static void print_fitted(FILE *out, const char *text, int width, bool right, bool last,
                         bool middle)
{
    char *clean = termtext_sanitize_dup(text);
    size_t len = clean ? strlen(clean) + 8 : 8;
    char *fitted = malloc(len);
    if (!clean || !fitted) {
        free(clean);
        free(fitted);
        return;
    }
    int used = middle ? termtext_fit_middle(clean, width, fitted, len)
                      : termtext_fit(clean, width, fitted, len);
    int pad = width - used;
    if (right)
        fprintf(out, "%*s%s", pad > 0 ? pad : 0, "", fitted);
    else if (last)
        fputs(fitted, out);
    else
        fprintf(out, "%s%*s", fitted, pad > 0 ? pad : 0, "");
    free(clean);
    free(fitted);
}

int output_table_fit(FILE *out, const struct rowset *rs, int width, const char *priority,
                     char *hidden, size_t hidden_len)
{
    size_t n = rs->ncols < 64 ? rs->ncols : 64;
    size_t order[64], shown = 0;
    int natural[64], w[64];
    bool used[64] = {false}, cut[64] = {false};
    size_t norder = 0;
    char *copy = strdup(priority ? priority : "");
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int c = rowset_col(rs, tok);
        if (c >= 0 && (size_t)c < n && !used[c])
            used[c] = true, order[norder++] = (size_t)c;
    }
    free(copy);
    for (size_t c = 0; c < n; c++)
        if (!used[c])
            order[norder++] = c;
    for (size_t c = 0; c < n; c++) {
        natural[c] = cell_width(rs->names[c]);
        for (size_t r = 0; r < rs->nrows; r++) {
            int cw = cell_width(rowset_get(rs, r, c));
            natural[c] = cw > natural[c] ? cw : natural[c];
        }
        used[c] = false;
    }
    /* In triage order: each column whole, or cut to its cap, while it fits;
     * a column that does not fit is left out (and named on stderr). */
    int total = 0;
    bool full = false;
    for (size_t i = 0; i < norder && !full; i++) {
        size_t c = order[i];
        bool empty = true;
        for (size_t r = 0; r < rs->nrows && empty; r++)
            empty = rowset_is_empty(rs, r, c);
        if (empty && rs->nrows) {
            used[c] = true, w[c] = -1; /* nothing in it: not worth the room, not missed */
            continue;
        }
        int want = cut_to(rs, c, natural[c]), header = cell_width(rs->names[c]);
        want = want < header ? header : want;
        int sep = shown ? 2 : 0, room = width - total - sep;
        bool text = rs->types[c] == COL_TEXT || rs->types[c] == COL_LIST;
        if (want > room && text && natural[c] > 16 && room >= 16) {
            want = room; /* long free text takes what is left, cut */
            full = true;
        }
        if (want > room)
            break; /* like ps: the columns after one that does not fit are left out too */
        w[c] = want, cut[c] = want < natural[c], used[c] = true;
        total += sep + want;
        shown++;
    }
    /* Room left goes back to the cut columns, in order. */
    for (size_t i = 0; i < norder && total < width; i++) {
        size_t c = order[i];
        if (!used[c] || !cut[c] || w[c] < 0)
            continue;
        int more = natural[c] - w[c] < width - total ? natural[c] - w[c] : width - total;
        w[c] += more, total += more;
    }
    size_t hn = 0;
    if (hidden_len)
        hidden[0] = '\0';
    for (size_t i = 0; i < norder; i++)
        if (!used[order[i]] && hn < hidden_len)
            hn += (size_t)snprintf(hidden + hn, hidden_len - hn, "%s%s", hn ? ", " : "",
                                   rs->names[order[i]]);
    size_t last = 0;
    for (size_t i = 0; i < norder; i++)
        if (used[order[i]] && w[order[i]] >= 0)
            last = i;
    for (long r = -1; r < (long)rs->nrows; r++) {
        bool first = true;
        for (size_t i = 0; i < norder; i++) {
            size_t c = order[i];
            if (!used[c] || w[c] < 0)
                continue;
            bool num = rs->types[c] == COL_INT || rs->types[c] == COL_REAL;
            if (!first)
                fputs("  ", out);
            first = false;
            /* Paths and indicator names keep their ends (the file, the measure). */
            bool path = strcmp(rs->names[c], "file") == 0 || strcmp(rs->names[c], "path") == 0 ||
                        strcmp(rs->names[c], "indicator") == 0;
            print_fitted(out, r < 0 ? rs->names[c] : rowset_get(rs, (size_t)r, c), w[c], num,
                         i == last, path && r >= 0);
        }
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}

/* ---- JSON: SQLite's json_quote escapes every value ---- */

struct json_out {
    FILE *out;
    sqlite3 *db;
    sqlite3_stmt *quote_text, *quote_number;
};

struct json_out *json_out_open(FILE *out)
{
    struct json_out *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    j->out = out;
    if (sqlite3_open(":memory:", &j->db) != SQLITE_OK ||
        sqlite3_prepare_v2(j->db, "SELECT json_quote(CAST(?1 AS TEXT))", -1, &j->quote_text, NULL) ||
        sqlite3_prepare_v2(j->db, "SELECT json_quote(?1)", -1, &j->quote_number, NULL)) {
        json_out_close(j);
        return NULL;
    }
    return j;
}

void json_out_close(struct json_out *j)
{
    if (!j)
        return;
    sqlite3_finalize(j->quote_text);
    sqlite3_finalize(j->quote_number);
    sqlite3_close(j->db);
    free(j);
}

FILE *json_out_file(struct json_out *j) { return j->out; }

static void emit(struct json_out *j, sqlite3_stmt *stmt)
{
    if (sqlite3_step(stmt) == SQLITE_ROW)
        fputs((const char *)sqlite3_column_text(stmt, 0), j->out);
    sqlite3_reset(stmt);
}

void json_out_string(struct json_out *j, const char *s)
{
    if (!s || !*s) {
        fputs("null", j->out);
        return;
    }
    sqlite3_bind_text(j->quote_text, 1, s, -1, SQLITE_TRANSIENT);
    emit(j, j->quote_text);
}

static void json_number(struct json_out *j, const char *s, bool integer)
{
    char *end;
    if (integer) {
        long long v = strtoll(s, &end, 10);
        if (*end) {
            json_out_string(j, s);
            return;
        }
        sqlite3_bind_int64(j->quote_number, 1, v);
    } else {
        double v = strtod(s, &end);
        if (*end) {
            json_out_string(j, s);
            return;
        }
        sqlite3_bind_double(j->quote_number, 1, v);
    }
    emit(j, j->quote_number);
}

static void json_list(struct json_out *j, const char *s)
{
    char *copy = strdup(s);
    if (!copy)
        return;
    fputc('[', j->out);
    int n = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ";", &save); tok;
         tok = strtok_r(NULL, ";", &save)) {
        while (*tok == ' ')
            tok++;
        if (!*tok)
            continue;
        if (n++)
            fputc(',', j->out);
        json_out_string(j, tok);
    }
    fputc(']', j->out);
    free(copy);
}

void json_out_row(struct json_out *j, const struct rowset *rs, size_t row)
{
    fputc('{', j->out);
    for (size_t c = 0; c < rs->ncols; c++) {
        if (c)
            fputc(',', j->out);
        json_out_string(j, rs->names[c]);
        fputc(':', j->out);
        const char *v = rowset_get(rs, row, c);
        if (rowset_is_empty(rs, row, c))
            fputs(rs->types[c] == COL_LIST ? "[]" : "null", j->out);
        else if (rs->types[c] == COL_INT || rs->types[c] == COL_REAL)
            json_number(j, v, rs->types[c] == COL_INT);
        else if (rs->types[c] == COL_LIST)
            json_list(j, v);
        else
            json_out_string(j, v);
    }
    fputc('}', j->out);
}

void json_out_array(struct json_out *j, const struct rowset *rs)
{
    fputc('[', j->out);
    for (size_t r = 0; r < rs->nrows; r++) {
        fputs(r ? ",\n" : "\n", j->out);
        json_out_row(j, rs, r);
    }
    fputs(rs->nrows ? "\n]" : "]", j->out);
}

int output_json(FILE *out, const struct rowset *rs)
{
    struct json_out *j = json_out_open(out);
    if (!j)
        return -1;
    json_out_array(j, rs);
    fputc('\n', out);
    json_out_close(j);
    return ferror(out) ? -1 : 0;
}
