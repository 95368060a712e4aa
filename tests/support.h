/* Shared helpers for the Criterion suites: temporary directories, files, and
 * running the real jib binary. */
#ifndef JIB_TEST_SUPPORT_H
#define JIB_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

struct db;

/* A new empty directory under $TMPDIR, removed by test_tmpdir_remove. */
char *test_tmpdir(void);
void test_tmpdir_remove(char *dir);
/* dir/name, malloc'd. */
char *test_path(const char *dir, const char *name);
void test_write_file(const char *path, const char *content);
/* Whole file, malloc'd and NUL-terminated; NULL if missing. */
char *test_read_file(const char *path);
/* A C source file with its comments blanked (lines kept, string literals kept); NULL if unreadable. */
char *test_source_without_comments(const char *path);
/* $JIB_ROOT (the repository), or "." */
const char *test_root(void);
/* ../shared/reference-data/NAME beside the repository, malloc'd. */
char *test_reference_file(const char *name);

struct run_result {
    int status;   /* exit code, or 128 + signal */
    char *out;    /* stdout */
    char *err;    /* stderr */
};
/* Runs $JIB_BIN (or ./jib) with args (NULL-terminated), stdin from /dev/null,
 * environment plus env entries ("NAME=VALUE", NULL-terminated, may be NULL). */
struct run_result test_run_jib(const char *const *args, const char *const *env);
/* The same with stdin from stdin_path (NULL: /dev/null) and stdout to
 * stdout_fd (-1: captured in out). */
struct run_result test_run_jib_with(const char *const *args, const char *const *env,
                                   const char *stdin_path, int stdout_fd);
void run_result_free(struct run_result *r);

/* Puts the demo database (`jib demo --no-tui` on sample-data/) at path. It is
 * built once per run of tests/run-tests.sh (in $JIB_TEST_CACHE, by the jib
 * under test, under the same tool) and copied: the tests that only need a
 * fresh demo database to work on do not each pay for the build. Without
 * JIB_TEST_CACHE it is built at path. Aborts the test on failure. */
void test_demo_db(const char *path);
/* True when the suite runs under a tool (JIB_TEST_WRAPPER, e.g. valgrind):
 * stress tests use fewer rounds there, memory figures are the tool's. */
bool test_under_tool(void);

/* Opens (creating) a migrated database at path; aborts the test on failure. */
struct db *test_db_open(const char *path);
/* Runs SQL on a database; aborts the test on failure. */
void test_db_exec(struct db *db, const char *sql);
/* First column of the first row as text (malloc'd), or NULL. */
char *test_db_text(struct db *db, const char *sql);
long long test_db_int(struct db *db, const char *sql);

#endif
