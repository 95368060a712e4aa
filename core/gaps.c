#include "core/gaps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/triage_latest.h"

/* The newest date any full inspection of the authority carries, as of ?2. */
#define LATEST_FULL_SQL                                                                      \
    "SELECT max(max(i.start_date, coalesce(i.end_date, ''), coalesce(i.published, '')))"     \
    " FROM inspection i WHERE i.la_code = ?1 AND i.start_date <= ?2 AND i.type IN "          \
    TRIAGE_FULL_TYPES

void gap_watch_note(struct gap_watch *w, const char *la_code, const char *date, const char *field,
                    const char *file, long line)
{
    if (!la_code || !*la_code || !date || !*date)
        return;
    for (size_t i = 0; i < w->count; i++) {
        struct gap *g = &w->gaps[i];
        if (strcmp(g->la_code, la_code) != 0)
            continue;
        if (strcmp(date, g->date) > 0) {
            snprintf(g->date, sizeof g->date, "%s", date);
            snprintf(g->field, sizeof g->field, "%s", field);
            g->line = line;
        }
        return;
    }
    if (w->count == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 16;
        w->gaps = realloc(w->gaps, w->cap * sizeof *w->gaps);
        if (!w->gaps)
            abort();
    }
    struct gap *g = &w->gaps[w->count++];
    memset(g, 0, sizeof *g);
    snprintf(g->la_code, sizeof g->la_code, "%s", la_code);
    snprintf(g->date, sizeof g->date, "%s", date);
    snprintf(g->field, sizeof g->field, "%s", field);
    snprintf(g->file, sizeof g->file, "%s", file);
    g->line = line;
}

static int by_code(const void *a, const void *b)
{
    return strcmp(((const struct gap *)a)->la_code, ((const struct gap *)b)->la_code);
}

static int record_gap(struct db *db, const struct gap *g, long long import_id)
{
    sqlite3_stmt *st = db_prepare(
        db, "INSERT INTO history_gap(la_code, date, field, file, line, import_id)"
            " VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(la_code, file, line) DO UPDATE SET"
            " date = excluded.date, field = excluded.field, import_id = excluded.import_id");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, g->la_code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, g->date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, g->field, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, g->file, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, g->line);
    sqlite3_bind_int64(st, 6, import_id);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(st);
    return rc;
}

static void authority_name(struct db *db, struct gap *g)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT name FROM authority WHERE la_code = ?1");
    if (st) {
        sqlite3_bind_text(st, 1, g->la_code, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            snprintf(g->name, sizeof g->name, "%s", db_column_text(st, 0));
    }
    sqlite3_finalize(st);
}

int gap_watch_resolve(struct gap_watch *w, struct db *db, long long import_id, bool record)
{
    sqlite3_stmt *st = db_prepare(db, LATEST_FULL_SQL);
    if (!st)
        return -1;
    size_t kept = 0;
    int rc = 0;
    for (size_t i = 0; i < w->count && !rc; i++) {
        struct gap g = w->gaps[i];
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, g.la_code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, "9999-12-31", -1, SQLITE_STATIC);
        const char *latest = sqlite3_step(st) == SQLITE_ROW ? db_column_text(st, 0) : "";
        snprintf(g.latest, sizeof g.latest, "%.10s", latest);
        if (strcmp(g.date, g.latest) <= 0)
            continue;
        authority_name(db, &g);
        if (record && record_gap(db, &g, import_id) != 0)
            rc = -1;
        w->gaps[kept++] = g;
    }
    sqlite3_finalize(st);
    w->count = kept;
    qsort(w->gaps, w->count, sizeof *w->gaps, by_code);
    return rc;
}

void gap_watch_free(struct gap_watch *w)
{
    free(w->gaps);
    *w = (struct gap_watch){0};
}

int gaps_open(struct db *db, jdate today, struct gap **out, size_t *count, struct error *err)
{
    char t[DATE_ISO_LEN];
    date_format(today, t);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_prepare(
        db, "SELECT g.la_code, g.date, g.field, g.file, g.line,"
            " coalesce((" LATEST_FULL_SQL "), '') AS latest"
            " FROM history_gap g WHERE g.date <= ?2 AND g.la_code = ?1");
    sqlite3_stmt *codes = db_prepare(
        db, "SELECT DISTINCT la_code FROM history_gap WHERE date <= ?1 ORDER BY la_code");
    int rc = st && codes ? 0 : -1, step = SQLITE_DONE;
    size_t cap = 0;
    if (codes)
        sqlite3_bind_text(codes, 1, t, -1, SQLITE_STATIC);
    while (!rc && (step = sqlite3_step(codes)) == SQLITE_ROW) {
        struct gap best = {0};
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, db_column_text(codes, 0), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, t, -1, SQLITE_STATIC);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            const char *date = db_column_text(st, 1), *latest = db_column_text(st, 5);
            if (strcmp(date, latest) <= 0 || strcmp(date, best.date) <= 0)
                continue;
            snprintf(best.la_code, sizeof best.la_code, "%s", db_column_text(st, 0));
            snprintf(best.date, sizeof best.date, "%s", date);
            snprintf(best.field, sizeof best.field, "%s", db_column_text(st, 2));
            snprintf(best.file, sizeof best.file, "%s", db_column_text(st, 3));
            best.line = (long)sqlite3_column_int64(st, 4);
            snprintf(best.latest, sizeof best.latest, "%.10s", latest);
        }
        if (step != SQLITE_DONE) {
            rc = -1; /* a failed read is an error, never "no gap" */
            break;
        }
        if (!*best.la_code)
            continue;
        if (*count == cap) {
            cap = cap ? cap * 2 : 16;
            *out = realloc(*out, cap * sizeof **out);
            if (!*out)
                abort();
        }
        (*out)[(*count)++] = best;
    }
    if (!rc && step != SQLITE_DONE)
        rc = -1;
    if (rc)
        rc = db_error(db, err, "cannot read the rejected rows");
    sqlite3_finalize(st);
    sqlite3_finalize(codes);
    if (rc) {
        free(*out);
        *out = NULL;
        *count = 0;
    }
    return rc;
}

const struct gap *gaps_find(const struct gap *gaps, size_t count, const char *la_code)
{
    struct gap key;
    snprintf(key.la_code, sizeof key.la_code, "%s", la_code);
    return count ? bsearch(&key, gaps, count, sizeof *gaps, by_code) : NULL;
}
