/* SPEC section 7: the store — migrations, file modes, several processes, read-only. */
#include <criterion/criterion.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/db.h"
#include "core/policy.h"
#include "core/schema.h"
#include "tests/support.h"

Test(db, new_database_is_migrated_and_has_the_default_policy)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "new.db");
    struct db *db = test_db_open(path);
    cr_assert_eq(test_db_int(db, "PRAGMA user_version"), (long long)schema_version);
    cr_assert_eq(test_db_int(db, "SELECT count(*) FROM policy"), (long long)policy_key_count);
    cr_assert_eq(test_db_int(db, "SELECT value FROM policy WHERE key='cadence_months_good'"), 36);
    char *mode = test_db_text(db, "PRAGMA journal_mode");
    cr_assert_str_eq(mode, "wal");
    cr_assert_eq(test_db_int(db, "PRAGMA foreign_keys"), 1);
    /* Issue 12: new databases use 8 KiB pages (fewer pages for an import to write). */
    cr_assert_eq(test_db_int(db, "PRAGMA page_size"), 8192);
    free(mode);
    db_close(db);
    free(path);
    test_tmpdir_remove(dir);
}

Test(db, old_database_is_migrated_forward_on_open)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "old.db");
    sqlite3 *raw;
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(raw, schema_migrations[0], NULL, NULL, NULL), SQLITE_OK);
    sqlite3_exec(raw, "PRAGMA user_version = 1;"
                      "INSERT INTO authority(la_code, name) VALUES('301', 'Barking and Dagenham');"
                      "INSERT INTO inspection(la_code, inspectorate, type, start_date, overall) "
                      "VALUES('301', 'ofsted', 'ilacs_short', '2024-03-11', 2);",
                 NULL, NULL, NULL);
    sqlite3_close(raw);
    struct db *db = test_db_open(path);
    cr_assert_eq(test_db_int(db, "PRAGMA user_version"), (long long)schema_version);
    cr_assert_eq(test_db_int(db, "SELECT count(*) FROM authority"), 1, "data kept");
    cr_assert_eq(test_db_int(db, "SELECT overall FROM inspection WHERE la_code = '301'"), 2,
                 "inspections kept through the table rebuild");
    cr_assert_eq(test_db_int(db, "SELECT count(*) FROM sqlite_master WHERE sql LIKE "
                                 "'%WITHOUT ROWID%' AND name = 'inspection'"), 1);
    cr_assert_eq(test_db_int(db, "PRAGMA page_size"), 4096, "an existing database keeps its pages");
    db_close(db);
    free(path);
    test_tmpdir_remove(dir);
}

Test(db, two_processes_creating_one_database_at_once_migrate_it_once)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "race.db");
    enum { N = 6 };
    pid_t pids[N];
    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            struct db *db;
            struct error err;
            int rc = db_open(path, DB_CREATE, false, &db, &err);
            if (rc == 0)
                db_close(db);
            _exit(rc);
        }
    }
    for (int i = 0; i < N; i++) {
        int status;
        waitpid(pids[i], &status, 0);
        cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "process %d failed", i);
    }
    struct db *db = test_db_open(path);
    cr_assert_eq(test_db_int(db, "PRAGMA user_version"), (long long)schema_version);
    cr_assert_eq(test_db_int(db, "SELECT count(*) FROM policy"), (long long)policy_key_count);
    db_close(db);
    free(path);
    test_tmpdir_remove(dir);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    return st.st_mode & 0777;
}

Test(db, new_database_file_mode_is_0600)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "private.db");
    chmod(dir, 0755);
    mode_t old = umask(0);
    db_close(test_db_open(path));
    umask(old);
    cr_assert_eq(mode_of(path), 0600, "mode %o", mode_of(path));
    free(path);
    test_tmpdir_remove(dir);
}

Test(db, new_database_in_group_writable_directory_is_0660)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "team.db");
    chmod(dir, 02775);
    mode_t old = umask(077);
    db_close(test_db_open(path));
    umask(old);
    cr_assert_eq(mode_of(path), 0660, "mode %o", mode_of(path));
    free(path);
    test_tmpdir_remove(dir);
}

Test(db, query_commands_never_create_a_database)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "missing.db");
    struct db *db;
    struct error err;
    cr_assert_eq(db_open(path, DB_EXISTING, false, &db, &err), ERROR_NOT_FOUND);
    cr_assert(strstr(err.message, "jib import") && strstr(err.message, "jib demo"), "%s",
              err.message);
    cr_assert_neq(access(path, F_OK), 0, "no file was created");
    free(path);
    test_tmpdir_remove(dir);
}

Test(db, read_only_database_opens_read_only_and_refuses_writes)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "ro.db");
    db_close(test_db_open(path));
    struct db *db;
    struct error err;
    cr_assert_eq(db_open(path, DB_EXISTING, true, &db, &err), 0, "%s", err.message);
    cr_assert(db->read_only);
    cr_assert_eq(test_db_int(db, "SELECT count(*) FROM policy"), (long long)policy_key_count);
    cr_assert_neq(db_begin(db, &err), 0);
    db_close(db);
    free(path);
    test_tmpdir_remove(dir);
}

Test(db, read_only_database_with_an_older_schema_says_to_open_it_with_write_access)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "old-ro.db");
    sqlite3 *raw;
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    sqlite3_exec(raw, schema_migrations[0], NULL, NULL, NULL);
    sqlite3_exec(raw, "PRAGMA user_version = 1", NULL, NULL, NULL);
    sqlite3_close(raw);
    struct db *db;
    struct error err;
    cr_assert_eq(db_open(path, DB_EXISTING, true, &db, &err), ERROR_IO);
    cr_assert(strstr(err.message, "write access"), "%s", err.message);
    free(path);
    test_tmpdir_remove(dir);
}

Test(db, newer_schema_is_refused)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "new.db");
    db_close(test_db_open(path));
    sqlite3 *raw;
    sqlite3_open(path, &raw);
    sqlite3_exec(raw, "PRAGMA user_version = 99", NULL, NULL, NULL);
    sqlite3_close(raw);
    struct db *db;
    struct error err;
    cr_assert_eq(db_open(path, DB_EXISTING, false, &db, &err), ERROR_DATA);
    cr_assert(strstr(err.message, "newer jib"), "%s", err.message);
    free(path);
    test_tmpdir_remove(dir);
}

Test(db, meta_values_round_trip)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "meta.db");
    struct db *db = test_db_open(path);
    char value[32];
    cr_assert_eq(db_meta_get(db, "reference_date", value, sizeof value, NULL), 0);
    cr_assert_str_eq(value, "");
    cr_assert_eq(db_meta_set(db, "reference_date", "2026-09-14", NULL), 0);
    cr_assert_eq(db_meta_get(db, "reference_date", value, sizeof value, NULL), 0);
    cr_assert_str_eq(value, "2026-09-14");
    db_close(db);
    free(path);
    test_tmpdir_remove(dir);
}

/* Opens path as a user who cannot write it or its directory: as root, in a
 * child that drops to nobody; otherwise by taking the write bits away. The
 * child reports: 0 read and snapshot, 1 open failed, 2 wrong flags, 3 no rows. */
static int open_unwritable(const char *dir, const char *path)
{
    chmod(path, 0444);
    chmod(dir, 0555);
    pid_t pid = fork();
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(1);
        struct db *db;
        struct error err;
        if (db_open(path, DB_EXISTING, false, &db, &err) != 0)
            _exit(1);
        bool flags_ok = db->read_only && db->snapshot;
        sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM policy");
        bool rows = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
        sqlite3_finalize(st);
        db_close(db);
        _exit(!flags_ok ? 2 : !rows ? 3 : 0);
    }
    int status;
    waitpid(pid, &status, 0);
    chmod(dir, 0755);
    chmod(path, 0644);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 99;
}

Test(db, read_only_database_in_a_directory_we_cannot_write_opens_as_a_snapshot)
{
    char *dir = test_tmpdir(), *path = test_path(dir, "shared.db");
    chmod(dir, 0755);
    db_close(test_db_open(path)); /* closed: no -wal or -shm left beside it */
    cr_assert_eq(open_unwritable(dir, path), 0, "see open_unwritable for the code");
    free(path);
    test_tmpdir_remove(dir);
}
