#include "core/due_cache.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/db.h"
#include "core/due.h"
#include "core/policy.h"
#include "core/rowset.h"

/* The program that computed the cached rows (another build may compute the
 * list differently). The days the rows are valid for are kept beside the key
 * (day, valid_until); changes to the data are not in the key: they delete it
 * (triggers, imports). */
static void fingerprint(char *out, size_t len)
{
    struct stat st;
    if (stat("/proc/self/exe", &st) != 0)
        memset(&st, 0, sizeof st);
    snprintf(out, len, "due 2 exe %llu:%llu:%lld:%lld.%09ld", (unsigned long long)st.st_dev,
             (unsigned long long)st.st_ino, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
             st.st_mtim.tv_nsec);
}

/* The earliest date after `day` on which anything the list reads as "on or
 * before today" happens: an inspection starts (latest full inspection, monitoring
 * visits, the gap check's latest report), a concern is raised or closed, a
 * rejected row's date arrives. Until then only status and days_to_due move.
 * Inspections: one seek per authority into the primary key (la_code,
 * start_date), run right after the triage query read the same pages; concerns
 * and gaps: their date indexes (migration 8). *out is "" when nothing is dated
 * after `day`. Returns 0 or -1. */
static const char valid_until_sql[] =
    "SELECT min(d) FROM ("
    "  SELECT (SELECT min(i.start_date) FROM inspection i WHERE i.la_code = a.la_code"
    "     AND i.start_date > ?1) AS d FROM authority a"
    "  UNION ALL SELECT min(date) FROM concern WHERE date > ?1"
    "  UNION ALL SELECT min(closed) FROM concern WHERE closed > ?1"
    "  UNION ALL SELECT min(date) FROM history_gap WHERE date > ?1)";

static int valid_until(struct db *db, const char *day, char out[DATE_ISO_LEN])
{
    *out = '\0';
    sqlite3_stmt *st = db_prepare(db, valid_until_sql);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        snprintf(out, DATE_ISO_LEN, "%.10s", db_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* Rows computed on an earlier day of their validity: status and days_to_due
 * again for `today` (due_entry_on_day, the rule itself); the order (rule 10:
 * never inspected, due date, la_code) does not depend on the day. */
static int restamp(struct db *db, struct rowset *rs, size_t first, jdate today)
{
    struct policy p;
    if (policy_load(db, &p, NULL) != 0)
        return -1; /* the caller computes the list, and says why it cannot */
    for (size_t r = first; r < rs->nrows; r++) {
        struct due_entry e = {.due = DATE_NONE, .window_start = DATE_NONE,
                              .window_end = DATE_NONE};
        if (!rowset_is_empty(rs, r, 6) &&
            (!date_parse_iso(rowset_get(rs, r, 6), &e.due) ||
             !date_parse_iso(rowset_get(rs, r, 7), &e.window_start) ||
             !date_parse_iso(rowset_get(rs, r, 8), &e.window_end)))
            return -1;
        due_entry_on_day(&p, today, &e);
        rowset_set(rs, r, 9, e.status);
        if (e.due == DATE_NONE)
            rowset_set(rs, r, 10, NULL);
        else
            rowset_set_int(rs, r, 10, e.days_to_due);
    }
    return 0;
}

static void parse_widths(const char *text, int widths[DUE_LIST_NCOLS])
{
    for (int c = 0; c < DUE_LIST_NCOLS; c++) {
        char *end;
        long w = strtol(text, &end, 10);
        widths[c] = end != text && w > 0 && w < 1000 ? (int)w : 0;
        text = *end == ',' ? end + 1 : end;
    }
}

/* The kept list's rows from `offset` (at most `limit`, 0 for all) when its key
 * matches and its validity covers today, with status and days_to_due for
 * today; *total is the whole list's row count. NULL otherwise. Read in one
 * transaction, so the key and the rows agree. */
static struct rowset *load(struct db *db, const char *key, jdate today, size_t offset,
                           size_t limit, size_t *total, int *widths)
{
    if (sqlite3_exec(db->handle, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return NULL;
    char t[DATE_ISO_LEN];
    date_format(today, t);
    struct rowset *rs = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT rows, day = ?2, widths FROM due_cache_key WHERE id = 1"
                                      " AND key = ?1 AND day <= ?2"
                                      " AND (valid_until IS NULL OR valid_until > ?2)");
    long long rows = -1;
    bool same_day = false;
    if (st) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, t, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            rows = sqlite3_column_int64(st, 0);
            same_day = sqlite3_column_int(st, 1) != 0;
            if (widths)
                parse_widths(db_column_text(st, 2), widths);
        }
    }
    sqlite3_finalize(st);
    if (rows >= 0) {
        long long want = (long long)offset >= rows ? 0 : rows - (long long)offset;
        if (limit && (long long)limit < want)
            want = (long long)limit;
        rs = rowset_new_csv(DUE_LIST_COLUMNS, DUE_LIST_TYPES);
        st = db_prepare(db, "SELECT " DUE_LIST_COLUMNS " FROM due_cache WHERE pos >= ?1"
                            " ORDER BY pos LIMIT ?2");
        if (st) {
            sqlite3_bind_int64(st, 1, (long long)offset);
            sqlite3_bind_int64(st, 2, want);
        }
        if (!st || rowset_fill(rs, st) != SQLITE_DONE || (long long)rs->nrows != want ||
            (!same_day && restamp(db, rs, 0, today) != 0)) {
            rowset_free(rs);
            rs = NULL;
        }
        sqlite3_finalize(st);
        *total = (size_t)rows;
    }
    sqlite3_exec(db->handle, "COMMIT", NULL, NULL, NULL);
    return rs;
}

/* Characters (not bytes) of a UTF-8 text. */
static int utf8_chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The widest cell of each column, "w1,w2,...". */
static void column_widths(const struct rowset *rs, char *out, size_t len)
{
    size_t n = 0;
    *out = '\0';
    for (size_t c = 0; c < rs->ncols; c++) {
        int w = 0;
        for (size_t r = 0; r < rs->nrows; r++) {
            int cw = utf8_chars(rowset_get(rs, r, c));
            if (cw > w)
                w = cw;
        }
        if (n < len)
            n += (size_t)snprintf(out + n, len - n, "%s%d", c ? "," : "", w);
    }
}

static bool store_rows(struct db *db, const struct rowset *rs, const char *key, jdate today)
{
    char t[DATE_ISO_LEN], until[DATE_ISO_LEN];
    date_format(today, t);
    if (valid_until(db, t, until) != 0)
        return false;
    if (sqlite3_exec(db->handle, "DELETE FROM due_cache", NULL, NULL, NULL) != SQLITE_OK)
        return false;
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO due_cache(pos, " DUE_LIST_COLUMNS ")"
                                      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)");
    bool ok = st != NULL && rs->ncols == DUE_LIST_NCOLS;
    for (size_t r = 0; ok && r < rs->nrows; r++) {
        sqlite3_bind_int64(st, 1, (long long)r);
        for (size_t c = 0; c < rs->ncols; c++) {
            if (rowset_is_empty(rs, r, c))
                sqlite3_bind_null(st, (int)c + 2);
            else
                sqlite3_bind_text(st, (int)c + 2, rowset_get(rs, r, c), -1, SQLITE_STATIC);
        }
        ok = sqlite3_step(st) == SQLITE_DONE;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (!ok)
        return false;
    char widths[256];
    column_widths(rs, widths, sizeof widths);
    st = db_prepare(db, "INSERT OR REPLACE INTO due_cache_key(id, key, rows, day, valid_until,"
                        " widths) VALUES(1, ?1, ?2, ?3, nullif(?4, ''), ?5)");
    ok = st != NULL;
    if (ok) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, (long long)rs->nrows);
        sqlite3_bind_text(st, 3, t, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, until, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, widths, -1, SQLITE_STATIC);
        ok = sqlite3_step(st) == SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return ok;
}

static bool cache_off(struct db *db)
{
    const char *env = getenv("JIB_DUE_CACHE");
    return !sqlite3_get_autocommit(db->handle) || (env && strcmp(env, "0") == 0);
}

int due_list_cached(struct db *db, jdate today, struct rowset **out, struct error *err)
{
    char key[160];
    size_t total = 0;
    fingerprint(key, sizeof key);
    /* Inside someone else's transaction the list is computed as before; so it
     * is with JIB_DUE_CACHE=0 (the benchmark measures the computation so). */
    if (cache_off(db))
        return due_list(db, today, NULL, out, err);
    if ((*out = load(db, key, today, 0, 0, &total, NULL)) != NULL)
        return 0;
    if (db->read_only)
        return due_list(db, today, NULL, out, err);
    /* Computed and stored in one transaction that starts as a read: if another
     * coordinator writes in between, the upgrade to a write fails and nothing is
     * stored (never a list older than its key). Never waits for a writer. */
    if (sqlite3_exec(db->handle, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return due_list(db, today, NULL, out, err);
    int rc = due_list(db, today, NULL, out, err);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    db_busy_wait(db, false);
    if (store_rows(db, *out, key, today) && sqlite3_exec(db->handle, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) {
        db_busy_wait(db, true);
        return 0;
    }
    db_rollback(db);
    db_busy_wait(db, true);
    return 0;
}

int due_cache_first_page(struct db *db, jdate today, size_t limit, struct rowset **out,
                         size_t *total, int widths[DUE_LIST_NCOLS])
{
    char key[160];
    fingerprint(key, sizeof key);
    if (cache_off(db) || limit == 0)
        return -1;
    *out = load(db, key, today, 0, limit, total, widths);
    return *out ? 0 : -1;
}

int due_cache_invalidate(struct db *db)
{
    return sqlite3_exec(db->handle, "DELETE FROM due_cache_key", NULL, NULL, NULL) == SQLITE_OK ? 0
                                                                                               : -1;
}

int due_cache_triggers_drop(struct db *db)
{
    return sqlite3_exec(db->handle, DUE_CACHE_DROP_TRIGGERS, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int due_cache_triggers_create(struct db *db)
{
    return sqlite3_exec(db->handle, DUE_CACHE_TRIGGERS, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}
