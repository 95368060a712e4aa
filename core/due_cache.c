#include "core/due_cache.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/db.h"
#include "core/due.h"
#include "core/rowset.h"

/* What the cached rows are valid for: the day, and the program that computed
 * them (another build may compute the list differently). Changes to the data
 * are not in the key: they delete it (triggers, imports). */
static void fingerprint(jdate today, char *out, size_t len)
{
    char day[DATE_ISO_LEN];
    struct stat st;
    date_format(today, day);
    if (stat("/proc/self/exe", &st) != 0)
        memset(&st, 0, sizeof st);
    snprintf(out, len, "due 1 %s exe %llu:%llu:%lld:%lld.%09ld", day,
             (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
             (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

/* The cached list when its key matches; NULL otherwise. Read in one
 * transaction, so the key and the rows agree. */
static struct rowset *load(struct db *db, const char *key)
{
    if (sqlite3_exec(db->handle, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return NULL;
    struct rowset *rs = NULL;
    sqlite3_stmt *st = db_prepare(db, "SELECT rows FROM due_cache_key WHERE id = 1 AND key = ?1");
    long long rows = -1;
    if (st) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            rows = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (rows >= 0) {
        rs = rowset_new_csv(DUE_LIST_COLUMNS, DUE_LIST_TYPES);
        st = db_prepare(db, "SELECT " DUE_LIST_COLUMNS " FROM due_cache ORDER BY pos");
        if (!st || rowset_fill(rs, st) != SQLITE_DONE || (long long)rs->nrows != rows) {
            rowset_free(rs);
            rs = NULL;
        }
        sqlite3_finalize(st);
    }
    sqlite3_exec(db->handle, "COMMIT", NULL, NULL, NULL);
    return rs;
}

static bool store_rows(struct db *db, const struct rowset *rs, const char *key)
{
    if (sqlite3_exec(db->handle, "DELETE FROM due_cache", NULL, NULL, NULL) != SQLITE_OK)
        return false;
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO due_cache(pos, " DUE_LIST_COLUMNS ")"
                                      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)");
    bool ok = st != NULL && rs->ncols == 15;
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
    st = db_prepare(db, "INSERT OR REPLACE INTO due_cache_key(id, key, rows) VALUES(1, ?1, ?2)");
    ok = st != NULL;
    if (ok) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, (long long)rs->nrows);
        ok = sqlite3_step(st) == SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return ok;
}

int due_list_cached(struct db *db, jdate today, struct rowset **out, char *err, size_t err_len)
{
    char key[160];
    fingerprint(today, key, sizeof key);
    /* Inside someone else's transaction the list is computed as before; so it
     * is with JIB_DUE_CACHE=0 (the benchmark measures the computation so). */
    const char *env = getenv("JIB_DUE_CACHE");
    if (!sqlite3_get_autocommit(db->handle) || (env && strcmp(env, "0") == 0))
        return due_list(db, today, NULL, out, err, err_len);
    if ((*out = load(db, key)) != NULL)
        return 0;
    if (db->read_only)
        return due_list(db, today, NULL, out, err, err_len);
    /* Computed and stored in one transaction that starts as a read: if another
     * coordinator writes in between, the upgrade to a write fails and nothing is
     * stored (never a list older than its key). Never waits for a writer. */
    if (sqlite3_exec(db->handle, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return due_list(db, today, NULL, out, err, err_len);
    int rc = due_list(db, today, NULL, out, err, err_len);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    db_busy_wait(db, false);
    if (store_rows(db, *out, key) && sqlite3_exec(db->handle, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) {
        db_busy_wait(db, true);
        return 0;
    }
    db_rollback(db);
    db_busy_wait(db, true);
    return 0;
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
