/* The SQLite store: opening (pragmas, file mode, read-only), migrations by
 * PRAGMA user_version, and transactions that wait while another writer works. */
#ifndef JIB_DB_H
#define JIB_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* sysexits codes used across jib */
enum {
    EXIT_OK_ = 0,
    EX_USAGE_ = 64,
    EX_DATAERR_ = 65,
    EX_NOINPUT_ = 66,
    EX_UNAVAILABLE_ = 69,
    EX_SOFTWARE_ = 70,
    EX_CANTCREAT_ = 73,
    EX_IOERR_ = 74,
    EX_TEMPFAIL_ = 75,
};

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
 * or a sysexits code, with a message for people in err. force_read_only opens it
 * read-only even when it could be written. */
int db_open(const char *path, enum db_open_mode mode, bool force_read_only, struct db **out,
            char *err, size_t err_len);
void db_close(struct db *db);

/* BEGIN IMMEDIATE, retried while another writer holds the lock. 0 or EX_TEMPFAIL_. */
int db_begin(struct db *db, char *err, size_t err_len);
int db_commit(struct db *db, char *err, size_t err_len);
void db_rollback(struct db *db);

/* Runs SQL with no parameters and no rows. 0 or -1 with the message in err. */
int db_exec(struct db *db, const char *sql, char *err, size_t err_len);
/* Prepares a statement; NULL on failure (the message is in sqlite3_errmsg). */
sqlite3_stmt *db_prepare(struct db *db, const char *sql);

/* PRAGMA quick_check: 0, or EX_IOERR_ with a message saying the file is damaged. */
int db_quick_check(struct db *db, char *err, size_t err_len);

/* wait false: a busy database fails at once (for optional writes such as a
 * cache); true: the usual waits again. */
void db_busy_wait(struct db *db, bool wait);

/* meta table: small named values (e.g. reference_date of a demo database). */
bool db_meta_get(struct db *db, const char *key, char *out, size_t out_len);
int db_meta_set(struct db *db, const char *key, const char *value);

/* PRAGMA data_version: changes when another connection commits. */
long db_data_version(struct db *db);
/* Text of column i, or "" for NULL. */
const char *db_column_text(sqlite3_stmt *stmt, int i);

/* Default database path: $JIB_DB, else $XDG_DATA_HOME/jib/jib.db, else
 * ~/.local/share/jib/jib.db. Written to out. */
void db_default_path(char *out, size_t out_len);

#endif
