#include "core/store.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"

#define N(a) (sizeof a / sizeof *a)

static const char *const authority_keys[] = {"la_code"};
static const char *const authority_vals[] = {"ons_code", "ofsted_urn", "name", "region_code",
                                             "region_name", "la_type", "aliases",
                                             "stat_neighbours"};
static const char *const authority_defaults[] = {0, 0, 0, 0, 0, 0, "'[]'", "'[]'"};
const struct store_table store_authority = {"authority", authority_keys, 1, authority_vals,
                                            N(authority_vals), authority_defaults, NULL};

static const char *const inspection_keys[] = {"la_code", "inspectorate", "type", "start_date"};
static const char *const inspection_vals[] = {"end_date", "published", "overall", "leadership",
                                              "help_protection", "in_care", "care_leavers",
                                              "partnership", "theme", "lead", "link"};
const struct store_table store_inspection = {"inspection", inspection_keys, N(inspection_keys),
                                             inspection_vals, N(inspection_vals), NULL, NULL};

static const char *const indicator_la_keys[] = {"la_code", "indicator", "period"};
static const char *const indicator_la_vals[] = {"level", "region_code", "value"};
static const char *const indicator_la_defaults[] = {"'la'", "''", 0};
const struct store_table store_indicator_la = {"indicator", indicator_la_keys, 3, indicator_la_vals,
                                               3, indicator_la_defaults, "level = 'la'"};

static const char *const indicator_bm_keys[] = {"level", "region_code", "indicator", "period"};
static const char *const indicator_bm_vals[] = {"value"};
const struct store_table store_indicator_benchmark = {
    "indicator", indicator_bm_keys, 4, indicator_bm_vals, 1, NULL, "level <> 'la'"};

static const char *const concern_keys[] = {"la_code", "raised_by", "date", "summary"};
static const char *const concern_vals[] = {"severity", "closed"};
const struct store_table store_concern = {"concern", concern_keys, 4, concern_vals, 2, NULL, NULL};

static const char *const inspector_keys[] = {"inspector_id"};
static const char *const inspector_vals[] = {"name", "inspectorate", "role", "region", "home_la"};
const struct store_table store_inspector = {"inspector", inspector_keys, 1, inspector_vals, 5, NULL,
                                            NULL};

static const char *const absence_keys[] = {"inspector_id", "from_date", "to_date", "kind"};
static const char *const absence_vals[] = {"note"};
const struct store_table store_absence = {"absence", absence_keys, 4, absence_vals, 1, NULL, NULL};

static const char *const holiday_keys[] = {"date"};
static const char *const holiday_vals[] = {"name"};
const struct store_table store_holiday = {"holiday", holiday_keys, 1, holiday_vals, 1, NULL, NULL};

struct store_upserter {
    const struct store_table *t;
    long long import_id;
    sqlite3_stmt *insert, *select, *update;
    /* What the insert's parameters hold from the last row: a NULL or an
     * integer bound again is not bound again (texts always are: they point
     * into the caller's row, which does not outlive the call). */
    unsigned char ins_type[32];
    long long ins_int[32];
};

/* Appends to a fixed SQL buffer; the pieces are constant names from the tables above. */
static void add(char *sql, size_t len, const char *piece)
{
    size_t n = strlen(sql);
    snprintf(sql + n, len - n, "%s", piece);
}

static void build_insert(const struct store_table *t, char *sql, size_t len)
{
    sql[0] = '\0';
    add(sql, len, "INSERT INTO "), add(sql, len, t->table), add(sql, len, "(");
    for (size_t i = 0; i < t->nkeys; i++)
        add(sql, len, t->keys[i]), add(sql, len, ",");
    for (size_t i = 0; i < t->nvals; i++)
        add(sql, len, t->vals[i]), add(sql, len, ",");
    add(sql, len, "import_id) VALUES(");
    for (size_t i = 0; i < t->nkeys; i++)
        add(sql, len, "?,");
    for (size_t i = 0; i < t->nvals; i++) {
        const char *def = t->defaults ? t->defaults[i] : NULL;
        if (def)
            add(sql, len, "coalesce(?,"), add(sql, len, def), add(sql, len, "),");
        else
            add(sql, len, "?,");
    }
    add(sql, len, "?) ON CONFLICT DO NOTHING");
}

static void build_where(const struct store_table *t, char *sql, size_t len)
{
    add(sql, len, " WHERE ");
    for (size_t i = 0; i < t->nkeys; i++)
        add(sql, len, i ? " AND " : ""), add(sql, len, t->keys[i]), add(sql, len, " = ?");
    if (t->filter)
        add(sql, len, " AND "), add(sql, len, t->filter);
}

static void build_select(const struct store_table *t, char *sql, size_t len)
{
    snprintf(sql, len, "SELECT import_id");
    for (size_t i = 0; i < t->nvals; i++)
        add(sql, len, ","), add(sql, len, t->vals[i]);
    add(sql, len, " FROM "), add(sql, len, t->table);
    build_where(t, sql, len);
}

static void build_update(const struct store_table *t, char *sql, size_t len)
{
    sql[0] = '\0';
    add(sql, len, "UPDATE "), add(sql, len, t->table), add(sql, len, " SET ");
    for (size_t i = 0; i < t->nvals; i++) {
        add(sql, len, t->vals[i]), add(sql, len, " = coalesce(?,");
        add(sql, len, t->vals[i]), add(sql, len, "),");
    }
    add(sql, len, "import_id = ?");
    build_where(t, sql, len);
}

struct store_upserter *store_upserter_new(struct db *db, const struct store_table *table,
                                          long long import_id, struct error *err)
{
    struct store_upserter *u = calloc(1, sizeof *u);
    char sql[2048];
    if (!u)
        return NULL;
    u->t = table;
    u->import_id = import_id;
    memset(u->ins_type, 0xff, sizeof u->ins_type);
    build_insert(table, sql, sizeof sql);
    u->insert = db_prepare(db, sql);
    build_select(table, sql, sizeof sql);
    u->select = db_prepare(db, sql);
    build_update(table, sql, sizeof sql);
    u->update = db_prepare(db, sql);
    if (!u->insert || !u->select || !u->update) {
        char what[128];
        snprintf(what, sizeof what, "preparing %s upsert", table->table);
        db_error(db, err, what);
        store_upserter_free(u);
        return NULL;
    }
    return u;
}

static void bind(sqlite3_stmt *st, int i, const struct store_value *v)
{
    switch (v->type) {
    case SV_TEXT: sqlite3_bind_text(st, i, v->text, v->len ? (int)v->len : -1, SQLITE_STATIC); break;
    case SV_INT: sqlite3_bind_int64(st, i, v->i); break;
    case SV_REAL: sqlite3_bind_double(st, i, v->r); break;
    default: sqlite3_bind_null(st, i); break;
    }
}

/* True when a given value differs from the stored column. */
static bool differs(sqlite3_stmt *st, int col, const struct store_value *v)
{
    int stored = sqlite3_column_type(st, col);
    switch (v->type) {
    case SV_NULL: return false;
    case SV_INT: return stored != SQLITE_INTEGER || sqlite3_column_int64(st, col) != v->i;
    case SV_REAL: return stored == SQLITE_NULL || sqlite3_column_double(st, col) != v->r;
    default:
        return stored == SQLITE_NULL || strcmp((const char *)sqlite3_column_text(st, col), v->text);
    }
}

/* SQLite's kind for a failure of the database itself (see db_error). */
static enum error_kind failure_kind(int code)
{
    switch (code) {
    case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_PROTOCOL: return ERROR_BUSY;
    case SQLITE_NOMEM: case SQLITE_MISUSE: case SQLITE_INTERNAL: return ERROR_INTERNAL;
    default: return ERROR_IO;
    }
}

static enum store_outcome fail(struct store_upserter *u, sqlite3_stmt *st, struct error *err)
{
    sqlite3 *h = sqlite3_db_handle(st);
    int code = sqlite3_extended_errcode(h) & 0xff;
    bool refused = code == SQLITE_CONSTRAINT || code == SQLITE_MISMATCH || code == SQLITE_TOOBIG;
    error_set(err, refused ? ERROR_DATA : failure_kind(code), "%s", sqlite3_errmsg(h));
    sqlite3_reset(st);
    (void)u;
    return refused ? STORE_ERROR : STORE_FAILED;
}

/* The row with this natural key exists: a duplicate in this file, unchanged,
 * or updated in place (keyed by the natural key, so WITHOUT ROWID tables work). */
static enum store_outcome update_existing(struct store_upserter *u, const struct store_value *keys,
                                          const struct store_value *vals, struct error *err)
{
    sqlite3_stmt *s = u->select;
    if (sqlite3_column_type(s, 0) == SQLITE_INTEGER && sqlite3_column_int64(s, 0) == u->import_id) {
        sqlite3_reset(s);
        return STORE_DUPLICATE;
    }
    bool changed = false;
    for (size_t i = 0; i < u->t->nvals && !changed; i++)
        changed = differs(s, (int)i + 1, &vals[i]);
    sqlite3_reset(s);
    sqlite3_stmt *up = u->update;
    int p = 1;
    for (size_t i = 0; i < u->t->nvals; i++)
        bind(up, p++, &vals[i]);
    sqlite3_bind_int64(up, p++, u->import_id);
    for (size_t i = 0; i < u->t->nkeys; i++)
        bind(up, p++, &keys[i]);
    if (sqlite3_step(up) != SQLITE_DONE)
        return fail(u, up, err);
    sqlite3_reset(up);
    return changed ? STORE_UPDATED : STORE_UNCHANGED;
}

/* Binds parameter i of the insert unless it already holds that NULL or integer. */
static void bind_insert(struct store_upserter *u, int i, const struct store_value *v)
{
    if (i < (int)sizeof u->ins_type) {
        if (v->type == u->ins_type[i] && (v->type == SV_NULL || (v->type == SV_INT &&
                                                                 v->i == u->ins_int[i])))
            return;
        u->ins_type[i] = (unsigned char)v->type;
        u->ins_int[i] = v->i;
    }
    bind(u->insert, i, v);
}

enum store_outcome store_upsert(struct store_upserter *u, const struct store_value *keys,
                                const struct store_value *vals, struct error *err)
{
    sqlite3_stmt *ins = u->insert;
    int p = 1;
    for (size_t i = 0; i < u->t->nkeys; i++)
        bind_insert(u, p++, &keys[i]);
    for (size_t i = 0; i < u->t->nvals; i++)
        bind_insert(u, p++, &vals[i]);
    struct store_value id = sv_int(u->import_id);
    bind_insert(u, p, &id);
    if (sqlite3_step(ins) != SQLITE_DONE)
        return fail(u, ins, err);
    sqlite3_reset(ins);
    if (sqlite3_changes(sqlite3_db_handle(ins)) == 1)
        return STORE_INSERTED;
    sqlite3_stmt *s = u->select;
    for (size_t i = 0; i < u->t->nkeys; i++)
        bind(s, (int)i + 1, &keys[i]);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE)
            error_set(err, ERROR_INTERNAL, "row neither inserted nor found");
        else
            error_set(err, failure_kind(rc & 0xff), "%s", sqlite3_errmsg(sqlite3_db_handle(s)));
        sqlite3_reset(s);
        return STORE_FAILED;
    }
    return update_existing(u, keys, vals, err);
}

void store_upserter_free(struct store_upserter *u)
{
    if (!u)
        return;
    sqlite3_finalize(u->insert);
    sqlite3_finalize(u->select);
    sqlite3_finalize(u->update);
    free(u);
}

int store_authorities_exist(struct db *db, char *const *codes, size_t count)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM authority WHERE la_code = ?1");
    if (!st)
        return -1;
    int found = 1;
    for (size_t i = 0; i < count && found == 1; i++) {
        sqlite3_bind_text(st, 1, codes[i], -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return found;
}
