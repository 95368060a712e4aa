/* The SQLite store: opening (pragmas, file mode, read-only), migrations by
 * PRAGMA user_version, and transactions that wait while another writer works. */
#ifndef JIB_DB_H
#define JIB_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct db {
    sqlite3 *handle;
    bool read_only;
    bool snapshot; /* read-only and immutable: no -wal/-shm could be made (db_open) */
    char *path;
    int journal_fd[2]; /* -wal, -shm: kept open until db_close (see share_journal_files) */
};

enum db_open_mode {
    DB_EXISTING,  /* query commands: never create a database */
    DB_CREATE,    /* import, demo, policy changes: create when missing */
};

/* Opens (and when allowed creates and migrates) the database at path. Returns 0
 * or the error's kind (filled in e). force_read_only opens it read-only even
 * when it could be written. */
int db_open(const char *path, enum db_open_mode mode, bool force_read_only, struct db **out,
            struct error *e);
void db_close(struct db *db);

/* BEGIN IMMEDIATE, retried while another writer holds the lock: 0, or
 * ERROR_BUSY, ERROR_CANNOT_CREATE (read-only) or ERROR_IO. */
int db_begin(struct db *db, struct error *e);
/* COMMIT, retried while busy; rolls back on failure (ERROR_BUSY or ERROR_IO). */
int db_commit(struct db *db, struct error *e);
void db_rollback(struct db *db);

/* Runs SQL with no parameters and no rows: 0 or the kind (see db_error). */
int db_exec(struct db *db, const char *sql, struct error *e);
/* Prepares a statement; NULL on failure (db_error then says why). */
sqlite3_stmt *db_prepare(struct db *db, const char *sql);

/* The connection's last failure as an error: "<what>: <SQLite's message>",
 * kind ERROR_BUSY (locked), ERROR_IO (I/O, corrupt, not a database, disk
 * full, cannot open) or ERROR_INTERNAL (anything else: a query the schema
 * should answer). Returns the kind. A failed query is never "nothing found". */
int db_error(struct db *db, struct error *e, const char *what);

/* PRAGMA quick_check: 0, or ERROR_IO with a message saying the file is damaged. */
int db_quick_check(struct db *db, struct error *e);

/* wait false: a busy database fails at once (for optional writes such as a
 * cache); true: the usual waits again. */
void db_busy_wait(struct db *db, bool wait);

/* meta table: small named values (e.g. reference_date of a demo database).
 * db_meta_get leaves out "" when the key is not set; both return 0 or a
 * database error's kind (a failed read is never "not set"). */
int db_meta_get(struct db *db, const char *key, char *out, size_t out_len, struct error *e);
int db_meta_set(struct db *db, const char *key, const char *value, struct error *e);

/* PRAGMA data_version: changes when another connection commits. */
long db_data_version(struct db *db);
/* Text of column i, or "" for NULL. */
const char *db_column_text(sqlite3_stmt *stmt, int i);

/* Default database path: $JIB_DB, else $XDG_DATA_HOME/jib/jib.db, else
 * ~/.local/share/jib/jib.db. Written to out. */
void db_default_path(char *out, size_t out_len);

#endif
