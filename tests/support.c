#include "tests/support.h"

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/db.h"

char *test_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/jib-test-XXXXXX", base && *base ? base : "/tmp");
    char *dir = mkdtemp(tmpl);
    cr_assert_not_null(dir, "mkdtemp failed");
    return strdup(dir);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

void test_tmpdir_remove(char *dir)
{
    if (dir && !getenv("JIB_KEEP_TMP"))
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

char *test_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

void test_write_file(const char *path, const char *content)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    fwrite(content, 1, strlen(content), f);
    fclose(f);
}

char *test_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n] = '\0';
    return buf;
}

const char *test_root(void)
{
    const char *root = getenv("JIB_ROOT");
    return root && *root ? root : ".";
}

char *test_reference_file(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/../shared/reference-data/%s", test_root(), name);
    return strdup(path);
}

static char *drain(int fd)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    ssize_t got;
    while ((got = read(fd, buf + n, cap - n - 1)) > 0) {
        n += (size_t)got;
        if (cap - n < 2)
            buf = realloc(buf, cap *= 2);
    }
    buf[n] = '\0';
    return buf;
}

struct run_result test_run_jib_with(const char *const *args, const char *const *env,
                                   const char *stdin_path, int stdout_fd)
{
    const char *bin = getenv("JIB_BIN");
    if (!bin || !*bin)
        bin = "./jib";
    char out_tmpl[] = "/tmp/jib-out-XXXXXX", err_tmpl[] = "/tmp/jib-err-XXXXXX";
    int out_fd = mkstemp(out_tmpl), err_fd = mkstemp(err_tmpl);
    cr_assert(out_fd >= 0 && err_fd >= 0);
    unlink(out_tmpl);
    unlink(err_tmpl);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        int in = open(stdin_path ? stdin_path : "/dev/null", O_RDONLY);
        dup2(in, 0);
        dup2(stdout_fd >= 0 ? stdout_fd : out_fd, 1);
        dup2(err_fd, 2);
        /* the tester's own ~/.config/jib/config must not change what tests see */
        setenv("XDG_CONFIG_HOME", "/nonexistent-jib-test-config", 1);
        for (const char *const *e = env; e && *e; e++)
            putenv((char *)*e);
        size_t n = 0;
        while (args[n])
            n++;
        char **argv = calloc(n + 2, sizeof *argv);
        argv[0] = (char *)bin;
        for (size_t i = 0; i < n; i++)
            argv[i + 1] = (char *)args[i];
        execv(bin, argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    struct run_result r;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    lseek(out_fd, 0, SEEK_SET);
    lseek(err_fd, 0, SEEK_SET);
    r.out = drain(out_fd);
    r.err = drain(err_fd);
    close(out_fd);
    close(err_fd);
    return r;
}

struct run_result test_run_jib(const char *const *args, const char *const *env)
{
    return test_run_jib_with(args, env, NULL, -1);
}

void run_result_free(struct run_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

struct db *test_db_open(const char *path)
{
    struct db *db;
    struct error err;
    int rc = db_open(path, DB_CREATE, false, &db, &err);
    cr_assert_eq(rc, 0, "db_open: %s", err.message);
    return db;
}

void test_db_exec(struct db *db, const char *sql)
{
    struct error err;
    cr_assert_eq(db_exec(db, sql, &err), 0, "%s\nSQL: %s", err.message, sql);
}

char *test_db_text(struct db *db, const char *sql)
{
    sqlite3_stmt *stmt = db_prepare(db, sql);
    cr_assert_not_null(stmt, "prepare: %s", sqlite3_errmsg(db->handle));
    char *v = NULL;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
        v = strdup((const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return v;
}

long long test_db_int(struct db *db, const char *sql)
{
    sqlite3_stmt *stmt = db_prepare(db, sql);
    cr_assert_not_null(stmt, "prepare: %s", sqlite3_errmsg(db->handle));
    long long v = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

bool test_under_tool(void)
{
    const char *w = getenv("JIB_TEST_WRAPPER"), *pre = getenv("LD_PRELOAD");
    return (w && *w) || (pre && strstr(pre, "vgpreload"));
}

/* Builds the demo database at path with the jib under test. */
static void build_demo(const char *path)
{
    char sample[4200];
    snprintf(sample, sizeof sample, "JIB_SAMPLE_DIR=%s/sample-data", test_root());
    const char *env[] = {sample, NULL};
    const char *args[] = {"--db", path, "demo", "--no-tui", NULL};
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 0, "jib demo: exit %d: %s", r.status, r.err);
    run_result_free(&r);
}

static void copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    cr_assert(in >= 0, "cannot read %s", from);
    struct stat st;
    cr_assert_eq(fstat(in, &st), 0);
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 0777);
    cr_assert(out >= 0, "cannot create %s", to);
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        cr_assert_eq(write(out, buf, (size_t)n), n, "cannot write %s", to);
    cr_assert_eq(n, 0, "cannot read %s", from);
    close(in);
    cr_assert_eq(close(out), 0, "cannot write %s", to);
}

void test_demo_db(const char *path)
{
    const char *cache = getenv("JIB_TEST_CACHE");
    if (!cache || !*cache) {
        build_demo(path);
        return;
    }
    char tmpl[4200], tmp[4300], wal[4300];
    snprintf(tmpl, sizeof tmpl, "%s/demo.db", cache);
    if (access(tmpl, F_OK) != 0) {
        /* The first test to need it builds it; one that races it builds its
         * own and the rename keeps either, both complete. */
        snprintf(tmp, sizeof tmp, "%s/demo.%ld.db", cache, (long)getpid());
        build_demo(tmp);
        snprintf(wal, sizeof wal, "%s-wal", tmp);
        cr_assert(access(wal, F_OK) != 0, "jib demo left %s behind", wal);
        cr_assert_eq(rename(tmp, tmpl), 0, "cannot rename %s", tmp);
    }
    copy_file(tmpl, path);
}

/* A suite's or test's own .timeout wins over Criterion's --timeout, so under
 * a slow tool (make valgrind) JIB_TEST_TIMEOUT_SCALE multiplies them before
 * any test starts; the watchdog stays, only longer. */
ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
    const char *s = getenv("JIB_TEST_TIMEOUT_SCALE");
    double scale = s && *s ? atof(s) : 1;
    if (scale <= 1)
        return;
    FOREACH_SET(struct criterion_suite_set *ss, set->suites) {
        if (ss->suite.data && ss->suite.data->timeout > 0)
            ss->suite.data->timeout *= scale;
        FOREACH_SET(struct criterion_test *t, ss->tests) {
            if (t->data && t->data->timeout > 0)
                t->data->timeout *= scale;
        }
    }
}

/* The layering checks read sources with comments blanked out (string literals kept). */
char *test_source_without_comments(const char *path)
{
    char *s = test_read_file(path);
    if (!s)
        return NULL;
    for (char *p = s; *p; p++) {
        if (*p == '"' || *p == '\'') {
            char q = *p;
            for (p++; *p && *p != q; p++)
                if (*p == '\\' && p[1])
                    p++;
            if (!*p)
                break;
        } else if (p[0] == '/' && p[1] == '*') {
            char *end = strstr(p + 2, "*/");
            char *stop = end ? end + 2 : p + strlen(p);
            for (; p < stop; p++)
                if (*p != '\n')
                    *p = ' ';
            p--;
        } else if (p[0] == '/' && p[1] == '/') {
            for (; *p && *p != '\n'; p++)
                *p = ' ';
            if (!*p)
                break;
        }
    }
    return s;
}
