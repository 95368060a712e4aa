#include "core/import_log.h"

#include <stdio.h>
#include <time.h>

#include "core/db.h"
#include "core/error.h"

static void now_iso(char *out, size_t len)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

long long import_log_start(struct db *db, const char *file, const char *sha256, const char *kind,
                           const char *user, struct error *err)
{
    char at[32];
    now_iso(at, sizeof at);
    sqlite3_stmt *st = db_prepare(db, "INSERT INTO import_log(at, user, file, sha256, kind, outcome)"
                                      " VALUES(?, ?, ?, ?, ?, 'running')");
    if (!st) {
        db_error(db, err, "import log");
        return -1;
    }
    sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, user, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, file, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, kind, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        db_error(db, err, "import log");
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? sqlite3_last_insert_rowid(db->handle) : -1;
}

int import_log_finish(struct db *db, long long import_id, const char *kind,
                      const struct import_counts *c, const char *outcome, const char *message)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE import_log SET kind = coalesce(?, kind), inserted = ?,"
                                      " updated = ?, unchanged = ?, rejected = ?, skipped = ?,"
                                      " outcome = ?, message = ? WHERE import_id = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->inserted);
    sqlite3_bind_int64(st, 3, c->updated);
    sqlite3_bind_int64(st, 4, c->unchanged);
    sqlite3_bind_int64(st, 5, c->rejected);
    sqlite3_bind_int64(st, 6, c->skipped);
    sqlite3_bind_text(st, 7, outcome, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, message, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, import_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int import_log_set_sha256(struct db *db, long long import_id, const char *sha256)
{
    sqlite3_stmt *st = db_prepare(db, "UPDATE import_log SET sha256 = ? WHERE import_id = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, import_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int import_log_list(struct db *db, struct rowset **out, struct error *err)
{
    int rc = rowset_select(db->handle,
                           "import_id,at,user,file,sha256,kind,inserted,updated,unchanged,"
                           "rejected,outcome",
                           "itttttiiiit",
                           "SELECT import_id, at, user, file, sha256, kind, inserted, updated,"
                           " unchanged, rejected, outcome FROM import_log ORDER BY import_id DESC",
                           out);
    if (rc != SQLITE_DONE)
        return error_set(err, ERROR_IO, "reading the import log: %s", sqlite3_errmsg(db->handle));
    return 0;
}

int import_log_last_ok(struct db *db, char *at, size_t at_len, struct error *err)
{
    if (at_len)
        at[0] = '\0';
    sqlite3_stmt *st = db_prepare(db, "SELECT max(at) FROM import_log WHERE outcome = 'ok'");
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (rc == SQLITE_ROW)
        snprintf(at, at_len, "%s", db_column_text(st, 0));
    int kind = rc == SQLITE_ROW ? 0 : db_error(db, err, "reading the import log");
    sqlite3_finalize(st);
    return kind;
}
