#include "core/names.h"

#include <sqlite3.h>
#include <stddef.h>

int names_list(const char *db_path, enum names_kind kind, const char *prefix,
               void (*emit)(const char *value, void *ctx), void *ctx)
{
    static const char *const sql[] = {
        "SELECT DISTINCT name FROM authority WHERE substr(name, 1, length(?1)) = ?1 "
        "COLLATE NOCASE ORDER BY name",
        "SELECT la_code FROM authority WHERE substr(la_code, 1, length(?1)) = ?1 "
        "COLLATE NOCASE ORDER BY la_code",
        "SELECT DISTINCT region_code FROM authority WHERE region_code <> '' AND "
        "substr(region_code, 1, length(?1)) = ?1 COLLATE NOCASE ORDER BY region_code",
    };
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 200);
    sqlite3_stmt *st = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, sql[kind], -1, &st, NULL) == SQLITE_OK &&
        sqlite3_bind_text(st, 1, prefix, -1, SQLITE_TRANSIENT) == SQLITE_OK) {
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW)
            if (sqlite3_column_text(st, 0))
                emit((const char *)sqlite3_column_text(st, 0), ctx);
        rc = step == SQLITE_DONE ? 0 : -1;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}
