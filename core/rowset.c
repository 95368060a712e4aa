#include "core/rowset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p)
        abort();
    return p;
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        abort();
    return p;
}

struct rowset *rowset_new(size_t ncols, const char *const *names, const char *types)
{
    struct rowset *rs = xmalloc(sizeof *rs);
    rs->ncols = ncols;
    rs->names = xmalloc(ncols * sizeof *rs->names);
    rs->types = xmalloc(ncols + 1);
    for (size_t i = 0; i < ncols; i++) {
        rs->names[i] = xstrdup(names[i]);
        rs->types[i] = types && types[i] ? types[i] : COL_TEXT;
    }
    return rs;
}

struct rowset *rowset_new_csv(const char *names, const char *types)
{
    char *copy = xstrdup(names);
    const char *parts[64];
    size_t n = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok && n < 64;
         tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        parts[n++] = tok;
    }
    struct rowset *rs = rowset_new(n, parts, types);
    free(copy);
    return rs;
}

size_t rowset_add_row(struct rowset *rs)
{
    if (rs->nrows == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 64;
        char **cells = realloc(rs->cells, cap * rs->ncols * sizeof *cells);
        if (!cells)
            abort();
        rs->cells = cells;
        rs->cap = cap;
    }
    memset(rs->cells + rs->nrows * rs->ncols, 0, rs->ncols * sizeof *rs->cells);
    return rs->nrows++;
}

void rowset_set(struct rowset *rs, size_t row, size_t col, const char *text)
{
    char **cell = &rs->cells[row * rs->ncols + col];
    free(*cell);
    *cell = text && *text ? xstrdup(text) : NULL;
}

void rowset_set_int(struct rowset *rs, size_t row, size_t col, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    rowset_set(rs, row, col, buf);
}

void rowset_set_real(struct rowset *rs, size_t row, size_t col, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.15g", v);
    rowset_set(rs, row, col, buf);
}

const char *rowset_get(const struct rowset *rs, size_t row, size_t col)
{
    const char *c = rs->cells[row * rs->ncols + col];
    return c ? c : "";
}

bool rowset_is_empty(const struct rowset *rs, size_t row, size_t col)
{
    return rs->cells[row * rs->ncols + col] == NULL;
}

int rowset_col(const struct rowset *rs, const char *name)
{
    for (size_t i = 0; i < rs->ncols; i++)
        if (strcmp(rs->names[i], name) == 0)
            return (int)i;
    return -1;
}

int rowset_fill(struct rowset *rs, sqlite3_stmt *stmt)
{
    int rc;
    int n = sqlite3_column_count(stmt);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        size_t row = rowset_add_row(rs);
        for (int i = 0; i < n && (size_t)i < rs->ncols; i++)
            rowset_set(rs, row, (size_t)i, (const char *)sqlite3_column_text(stmt, i));
    }
    return rc;
}

void rowset_free(struct rowset *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->nrows * rs->ncols; i++)
        free(rs->cells[i]);
    for (size_t i = 0; i < rs->ncols; i++)
        free(rs->names[i]);
    free(rs->cells);
    free(rs->names);
    free(rs->types);
    free(rs);
}

int rowset_select(sqlite3 *db, const char *names, const char *types, const char *sql,
                  struct rowset **out)
{
    sqlite3_stmt *stmt = NULL;
    *out = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return SQLITE_ERROR;
    struct rowset *rs = rowset_new_csv(names, types);
    int rc = rowset_fill(rs, stmt);
    sqlite3_finalize(stmt);
    if (rc == SQLITE_DONE)
        *out = rs;
    else
        rowset_free(rs);
    return rc;
}
