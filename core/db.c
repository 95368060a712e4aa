#include "core/db.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/policy.h"
#include "core/schema.h"

#define BUSY_TIMEOUT_MS 5000
#define DB_PAGE_SIZE_TEXT "8192" /* bytes, for new databases (see db_open) */
#define BUSY_RETRIES 6

/* How long one wait for another writer lasts: 5 s, retried BUSY_RETRIES
 * times (30 s in all); $JIB_BUSY_TIMEOUT_MS shortens it for tests. */
static int busy_timeout_ms(void)
{
    const char *env = getenv("JIB_BUSY_TIMEOUT_MS");
    long v = env && *env ? strtol(env, NULL, 10) : 0;
    return v > 0 && v < 600000 ? (int)v : BUSY_TIMEOUT_MS;
}

int db_error(struct db *db, struct error *e, const char *what)
{
    int code = db && db->handle ? sqlite3_errcode(db->handle) & 0xff : SQLITE_NOMEM;
    const char *msg = db && db->handle ? sqlite3_errmsg(db->handle) : "out of memory";
    enum error_kind kind;
    switch (code) {
    case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_PROTOCOL:
        kind = ERROR_BUSY;
        break;
    case SQLITE_IOERR: case SQLITE_CORRUPT: case SQLITE_NOTADB: case SQLITE_FULL:
    case SQLITE_CANTOPEN: case SQLITE_READONLY: case SQLITE_PERM:
        kind = ERROR_IO;
        break;
    default:
        kind = ERROR_INTERNAL;
    }
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        return error_set(e, kind, "%s: the database %s is damaged (%s): restore it from a backup",
                         what, db->path, msg);
    return error_set(e, kind, "%s: %s", what, msg);
}

void db_default_path(char *out, size_t out_len)
{
    const char *env = getenv("JIB_DB");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (env && *env)
        snprintf(out, out_len, "%s", env);
    else if (xdg && *xdg)
        snprintf(out, out_len, "%s/jib/jib.db", xdg);
    else
        snprintf(out, out_len, "%s/.local/share/jib/jib.db", home ? home : ".");
}

static int make_parent_dirs(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

/* New databases: 0600, or 0660 in a group-writable directory (a team's shared
 * folder). SQLite alone would create 0644 less the umask; its -wal and -shm
 * files copy the main file's mode. */
static void remove_db_files(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        size_t len = strlen(path) + 16;
        char *p = malloc(len);
        if (p) {
            snprintf(p, len, "%s%s", path, suffix[i]);
            unlink(p);
            free(p);
        }
    }
}

static int create_db_file(const char *path, struct error *e, bool *created)
{
    char dir[4096];
    struct stat st;
    if (make_parent_dirs(path) != 0) {
        return error_set(e, ERROR_CANNOT_CREATE, "cannot create the directory for %s: %s", path,
                         strerror(errno));
    }
    snprintf(dir, sizeof dir, "%s", path);
    mode_t mode = 0600;
    if (stat(dirname(dir), &st) == 0 && (st.st_mode & S_IWGRP))
        mode = 0660;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
    if (fd < 0) {
        if (errno == EEXIST)
            return 0; /* another process created it first: fine */
        return error_set(e, ERROR_CANNOT_CREATE, "cannot create the database %s: %s", path,
                         strerror(errno));
    }
    *created = true;
    int rc = fchmod(fd, mode); /* the umask must not widen or narrow it */
    /* A team folder without the setgid bit would give the file the creator's
     * own group, and teammates could not open it: take the folder's group. */
    if (rc == 0 && mode == 0660)
        (void)!fchown(fd, (uid_t)-1, st.st_gid);
    close(fd);
    if (rc != 0)
        return error_set(e, ERROR_CANNOT_CREATE, "cannot set the mode of %s: %s", path,
                         strerror(errno));
    return 0;
}

static bool path_writable(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    return access(path, W_OK) == 0 && access(dirname(dir), W_OK) == 0;
}

int db_exec(struct db *db, const char *sql, struct error *e)
{
    if (sqlite3_exec(db->handle, sql, NULL, NULL, NULL) == SQLITE_OK)
        return 0;
    return db_error(db, e, "database error");
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
        return NULL;
    return stmt;
}

const char *db_column_text(sqlite3_stmt *stmt, int i)
{
    const unsigned char *t = sqlite3_column_text(stmt, i);
    return t ? (const char *)t : "";
}

static int user_version(struct db *db)
{
    sqlite3_stmt *stmt = db_prepare(db, "PRAGMA user_version");
    int v = -1;
    if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

static bool busy_code(int rc)
{
    rc &= 0xff;
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_PROTOCOL;
}

int db_begin(struct db *db, struct error *e)
{
    if (db->read_only)
        return error_set(e, ERROR_CANNOT_CREATE, "%s is open read-only; nothing can be changed",
                         db->path);
    /* busy_timeout already waits; retry a few times more for long imports. */
    for (int i = 0; i < BUSY_RETRIES; i++) {
        int rc = sqlite3_exec(db->handle, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if (!busy_code(rc))
            return error_set(e, (rc & 0xff) == SQLITE_READONLY ? ERROR_CANNOT_CREATE : ERROR_IO,
                             "cannot write to %s: %s", db->path, sqlite3_errmsg(db->handle));
    }
    return error_set(e, ERROR_BUSY, "the database %s is busy (another coordinator is writing); "
                     "try again in a moment", db->path);
}

int db_commit(struct db *db, struct error *e)
{
    for (int i = 0; i < BUSY_RETRIES; i++) {
        int rc = sqlite3_exec(db->handle, "COMMIT", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if (!busy_code(rc)) {
            error_set(e, ERROR_IO, "cannot commit to %s: %s", db->path, sqlite3_errmsg(db->handle));
            db_rollback(db);
            return ERROR_IO;
        }
    }
    db_rollback(db);
    return error_set(e, ERROR_BUSY, "the database %s stayed busy; nothing was changed", db->path);
}

void db_busy_wait(struct db *db, bool wait)
{
    sqlite3_busy_timeout(db->handle, wait ? busy_timeout_ms() : 0);
}

void db_rollback(struct db *db)
{
    if (!sqlite3_get_autocommit(db->handle))
        sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
}

static int newer_schema(struct db *db, int version, struct error *e)
{
    return error_set(e, ERROR_DATA, "%s was made by a newer jib (schema %d; this jib knows up to "
                     "%d): upgrade jib to use it", db->path, version, (int)schema_version);
}

/* Brings the schema to the current version inside one IMMEDIATE transaction, so
 * two processes opening a new database at once migrate it exactly once. */
static int migrate(struct db *db, struct error *e)
{
    if (user_version(db) == (int)schema_version)
        return 0;
    int rc = db_begin(db, e);
    if (rc)
        return rc;
    int version = user_version(db);
    if (version > (int)schema_version) {
        db_rollback(db);
        return newer_schema(db, version, e);
    }
    for (size_t v = (size_t)version; v < schema_version; v++) {
        if (db_exec(db, schema_migrations[v], e) != 0) {
            db_rollback(db);
            return e->kind == ERROR_BUSY ? ERROR_BUSY : (e->kind = ERROR_INTERNAL);
        }
    }
    if (version == 0 && policy_install_defaults(db) != 0) {
        db_rollback(db);
        return error_set(e, ERROR_INTERNAL, "cannot store the default policy in %s", db->path);
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", (int)schema_version);
    if (db_exec(db, sql, e) != 0) {
        db_rollback(db);
        return e->kind = ERROR_INTERNAL;
    }
    return db_commit(db, e);
}

static bool in_wal_mode(struct db *db)
{
    sqlite3_stmt *st = db_prepare(db, "PRAGMA journal_mode");
    bool wal = st && sqlite3_step(st) == SQLITE_ROW && strcmp(db_column_text(st, 0), "wal") == 0;
    sqlite3_finalize(st);
    return wal;
}

static long long monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* 0, ERROR_BUSY when other writers kept the database busy, or ERROR_IO. */
static int set_wal(struct db *db)
{
    if (in_wal_mode(db))
        return 0; /* already: changing it would need a lock another writer may hold */
    long long until = monotonic_ms() + (long long)BUSY_RETRIES * busy_timeout_ms();
    do {
        int rc = sqlite3_exec(db->handle, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if (!busy_code(rc))
            return ERROR_IO;
        sqlite3_sleep(50);
    } while (monotonic_ms() < until);
    return ERROR_BUSY;
}

/* Import log rows are written inside the import's own transaction, so one
 * still 'running' after a commit can only come from an older jib killed
 * mid-import: it is marked 'interrupted'. Checked before taking the write lock. */
static int mark_interrupted_imports(struct db *db, struct error *e)
{
    sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM import_log WHERE outcome = 'running' LIMIT 1");
    bool stale = st && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!stale)
        return 0;
    int rc = db_begin(db, e);
    if (rc)
        return rc;
    if (db_exec(db, "UPDATE import_log SET outcome = 'interrupted' WHERE outcome = 'running'",
                e) != 0) {
        db_rollback(db);
        return e->kind = ERROR_IO;
    }
    return db_commit(db, e);
}

static int configure(struct db *db, struct error *e)
{
    sqlite3_busy_timeout(db->handle, busy_timeout_ms());
    sqlite3_exec(db->handle, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    if (db->read_only) {
        int version = user_version(db);
        if (version > (int)schema_version)
            return newer_schema(db, version, e);
        if (version <= 0)
            return error_set(e, ERROR_IO, "%s is not a jib database, or it is empty and read-only",
                             db->path);
        if (version < (int)schema_version)
            return error_set(e, ERROR_IO, "%s has an older schema and is read-only here; open it "
                             "once with write access to upgrade it", db->path);
        return 0;
    }
    int wal = set_wal(db);
    if (wal == ERROR_BUSY)
        return error_set(e, ERROR_BUSY, "the database %s is busy (another coordinator is "
                         "writing); try again in a moment", db->path);
    if (wal)
        return error_set(e, ERROR_IO, "cannot use %s: %s", db->path, sqlite3_errmsg(db->handle));
    sqlite3_exec(db->handle, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
    int rc = migrate(db, e);
    return rc ? rc : mark_interrupted_imports(db, e);
}

/* Percent-encodes a path for a file: URI (only unreserved characters and '/'
 * stay as they are). */
static void uri_path(const char *path, char *out, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)path; *p && n + 4 < len; p++) {
        if (isalnum(*p) || strchr("/-._~", *p)) {
            out[n++] = (char)*p;
        } else {
            out[n++] = '%';
            out[n++] = hex[*p >> 4];
            out[n++] = hex[*p & 15];
        }
    }
    out[n] = '\0';
}

static int open_handle(struct db *db, const char *path, bool immutable)
{
    /* No memory statistics: they take a global mutex on every allocation
     * (issue 12). Only possible before SQLite initialises; later it is refused,
     * harmlessly. */
    static bool configured;
    if (!configured) {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        configured = true;
    }
    /* One connection per thread: SQLite's own mutexes are not needed. */
    int flags = (db->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
    if (!immutable)
        return sqlite3_open_v2(path, &db->handle, flags, NULL) == SQLITE_OK ? 0 : -1;
    char uri[4096 * 3 + 32], encoded[4096 * 3];
    uri_path(path, encoded, sizeof encoded);
    snprintf(uri, sizeof uri, "file:%s?immutable=1", encoded);
    return sqlite3_open_v2(uri, &db->handle, flags | SQLITE_OPEN_URI, NULL) == SQLITE_OK ? 0 : -1;
}

/* Whether a read-only connection can read at all (see db_open). */
static bool wal_readable(struct db *db)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db->handle, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return rc != SQLITE_READONLY && rc != SQLITE_CANTOPEN;
}

/* -wal and -shm made by this process get the database file's group and its
 * owner-group mode (0600, or 0660 for a team's database), so that whoever
 * opened the database first (a reader, say) never locks out its writers.
 * The descriptors stay open until db_close: closing any descriptor of a file
 * drops every POSIX lock this process holds on it, SQLite's included. */
static void share_journal_files(struct db *db)
{
    struct stat db_st, st;
    if (stat(db->path, &db_st) != 0)
        return;
    mode_t want = (db_st.st_mode & 0060) ? 0660 : 0600;
    static const char *const suffix[] = {"-wal", "-shm"};
    for (size_t i = 0; i < 2; i++) {
        size_t len = strlen(db->path) + 8;
        char *p = malloc(len);
        if (!p)
            return;
        snprintf(p, len, "%s%s", db->path, suffix[i]);
        int fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        free(p);
        if (fd < 0)
            continue;
        db->journal_fd[i] = fd;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid()) {
            if (st.st_gid != db_st.st_gid)
                (void)!fchown(fd, (uid_t)-1, db_st.st_gid);
            if ((st.st_mode & 0777) != want)
                (void)!fchmod(fd, want);
        }
    }
}

int db_open(const char *path, enum db_open_mode mode, bool force_read_only, struct db **out,
            struct error *e)
{
    *out = NULL;
    struct stat st;
    if (strncmp(path, "file:", 5) == 0)
        return error_set(e, ERROR_USAGE, "'%s' looks like an SQLite URI; jib takes a file path (to "
                         "mean a file of that name, write ./%s)", path, path);
    bool created = false;
    if (stat(path, &st) != 0) {
        if (mode == DB_EXISTING || force_read_only)
            return error_set(e, ERROR_NOT_FOUND, "no database at %s: import data with 'jib import "
                             "FILE...' or try 'jib demo'", path);
        int rc = create_db_file(path, e, &created);
        if (rc)
            return rc;
    } else if (!S_ISREG(st.st_mode)) {
        return error_set(e, ERROR_NOT_FOUND, "%s is not a database file", path);
    }
    struct db *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(path))) {
        free(db);
        return error_set(e, ERROR_INTERNAL, "out of memory");
    }
    db->journal_fd[0] = db->journal_fd[1] = -1;
    db->read_only = force_read_only || !path_writable(path);
    int rc = open_handle(db, path, false);
    if (rc == 0 && db->read_only && !wal_readable(db)) {
        /* A WAL database in a directory we cannot write, with no -wal or -shm
         * beside it: SQLite cannot open it read-only (it must create those
         * files). No writer is active then (the last one removed them), so the
         * file is complete: read it as an immutable snapshot. */
        sqlite3_close_v2(db->handle);
        db->handle = NULL;
        rc = open_handle(db, path, true);
        db->snapshot = true;
    }
    if (rc) {
        error_set(e, ERROR_IO, "cannot open the database %s: %s", path,
                  db->handle ? sqlite3_errmsg(db->handle) : "out of memory");
        db_close(db);
        return ERROR_IO;
    }
    /* A new database gets 8 KiB pages (fixed once anything is written; an
     * existing database keeps its own): half the pages, WAL frames and
     * checkpoint writes of 4 KiB for the same rows, so an import's writer
     * does about 9% less (issue 12, docs/PERFORMANCE.md); 16 KiB would save
     * more there but made the computed due list about 15% slower. */
    if (created && !db->read_only)
        sqlite3_exec(db->handle, "PRAGMA page_size = " DB_PAGE_SIZE_TEXT, NULL, NULL, NULL);
    struct error why;
    error_clear(&why);
    rc = configure(db, &why);
    if (rc) {
        db_close(db);
        if (created) {
            /* Nothing half-made stays behind (a full disk, say). */
            remove_db_files(path);
            if (rc == ERROR_IO || rc == ERROR_INTERNAL)
                return error_set(e, ERROR_CANNOT_CREATE, "cannot create the database %s (%s)",
                                 path, why.message[0] ? why.message : "unknown error");
        }
        if (e)
            *e = why;
        return rc;
    }
    if (!db->snapshot)
        share_journal_files(db);
    *out = db;
    return 0;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    sqlite3_close_v2(db->handle);
    for (int i = 0; i < 2; i++)
        if (db->journal_fd[i] >= 0)
            close(db->journal_fd[i]);
    free(db->path);
    free(db);
}

int db_meta_get(struct db *db, const char *key, char *out, size_t out_len, struct error *e)
{
    if (out_len)
        out[0] = '\0';
    sqlite3_stmt *stmt = db_prepare(db, "SELECT value FROM meta WHERE key = ?1");
    if (!stmt)
        return db_error(db, e, "cannot read the database's settings");
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        snprintf(out, out_len, "%s", db_column_text(stmt, 0));
    int kind = rc == SQLITE_ROW || rc == SQLITE_DONE
                   ? 0
                   : db_error(db, e, "cannot read the database's settings");
    sqlite3_finalize(stmt);
    return kind;
}

int db_meta_set(struct db *db, const char *key, const char *value, struct error *e)
{
    sqlite3_stmt *stmt = db_prepare(db, "INSERT INTO meta(key, value) VALUES(?1, ?2) "
                                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!stmt)
        return db_error(db, e, "cannot store the database's settings");
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
    int kind = sqlite3_step(stmt) == SQLITE_DONE
                   ? 0
                   : db_error(db, e, "cannot store the database's settings");
    sqlite3_finalize(stmt);
    return kind;
}

long db_data_version(struct db *db)
{
    sqlite3_stmt *stmt = db_prepare(db, "PRAGMA data_version");
    long v = -1;
    if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

int db_quick_check(struct db *db, struct error *e)
{
    sqlite3_stmt *st = db_prepare(db, "PRAGMA quick_check(1)");
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    bool ok = rc == SQLITE_ROW && strcmp(db_column_text(st, 0), "ok") == 0;
    char *what = strdup(rc == SQLITE_ROW ? db_column_text(st, 0) : sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    if (!ok)
        error_set(e, ERROR_IO, "the database %s is damaged (%s): nothing was changed; restore "
                  "it from a backup", db->path, what ? what : "out of memory");
    free(what);
    return ok ? 0 : ERROR_IO;
}
