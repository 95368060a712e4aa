/* Issue 9 finding 4: two real users sharing one database in a group folder,
 * with and without the setgid bit, whoever opens it first. Needs root (it
 * adds two users and a group, and removes them); skipped otherwise. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support.h"

/* Names carry the test's number and process: the tests of this suite run in
 * parallel, and other runs of it (another build's make check) may too. */
static char TEAM[32], ALICE[32], BOB[32];
static char *dir;
static bool ready;

/* Runs a command line (argv) as root, quietly; its exit status. */
static int run(const char *const *argv)
{
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void remove_accounts(void)
{
    run((const char *[]){"userdel", ALICE, NULL});
    run((const char *[]){"userdel", BOB, NULL});
    run((const char *[]){"groupdel", ALICE, NULL});
    run((const char *[]){"groupdel", BOB, NULL});
    run((const char *[]){"groupdel", TEAM, NULL});
}

static void setup(void)
{
    ready = false;
    dir = test_tmpdir();
    chmod(dir, 0755);
}

static void make_accounts(int n)
{
    long pid = (long)getpid();
    snprintf(TEAM, sizeof TEAM, "jibteam%d-%ld", n, pid);
    snprintf(ALICE, sizeof ALICE, "jibalice%d-%ld", n, pid);
    snprintf(BOB, sizeof BOB, "jibbob%d-%ld", n, pid);
    if (geteuid() != 0 || access("/usr/sbin/useradd", X_OK) != 0)
        return;
    remove_accounts();
    if (run((const char *[]){"groupadd", TEAM, NULL}) != 0)
        return;
    /* each has a primary group of their own (-U) and the team as a supplementary one */
    if (run((const char *[]){"useradd", "-M", "-U", "-G", TEAM, "-s", "/bin/sh", ALICE, NULL}) ||
        run((const char *[]){"useradd", "-M", "-U", "-G", TEAM, "-s", "/bin/sh", BOB, NULL}))
        return;
    ready = true;
}

static void teardown(void)
{
    if (geteuid() == 0 && TEAM[0])
        remove_accounts();
    test_tmpdir_remove(dir);
}

TestSuite(sharing, .init = setup, .fini = teardown);

/* Runs jib as a user (their own groups), with umask 022; exit status and stderr. */
static struct run_result as_user(const char *user, const char *db, const char *cmd, const char *arg)
{
    struct passwd *pw = getpwnam(user);
    cr_assert_not_null(pw);
    char err_path[4200];
    snprintf(err_path, sizeof err_path, "%s/err-%s.txt", dir, user);
    pid_t pid = fork();
    if (pid == 0) {
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(e, 2);
        umask(022);
        if (initgroups(user, pw->pw_gid) || setgid(pw->pw_gid) || setuid(pw->pw_uid))
            _exit(99);
        const char *bin = getenv("JIB_BIN") ? getenv("JIB_BIN") : "./jib";
        char user_env[64];
        snprintf(user_env, sizeof user_env, "USER=%s", user);
        char *env[] = {user_env, "HOME=/tmp", "PATH=/usr/bin:/bin", NULL};
        execle(bin, "jib", "--db", db, cmd, arg, (char *)NULL, env);
        _exit(98);
    }
    int status;
    waitpid(pid, &status, 0);
    struct run_result r = {WIFEXITED(status) ? WEXITSTATUS(status) : 128, strdup(""),
                           test_read_file(err_path)};
    if (!r.err)
        r.err = strdup("");
    return r;
}

static void expect_ok(const char *user, const char *db, const char *cmd, const char *arg)
{
    struct run_result r = as_user(user, db, cmd, arg);
    cr_assert_eq(r.status, 0, "%s: jib %s %s: exit %d: %s", user, cmd, arg ? arg : "", r.status,
                 r.err);
    run_result_free(&r);
}

static void expect_team_file(const char *path, mode_t mode)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return; /* -wal and -shm may be gone once the last user closes */
    struct group *g = getgrnam(TEAM);
    cr_assert_eq(st.st_gid, g->gr_gid, "%s: group %u, not the team's", path, (unsigned)st.st_gid);
    cr_assert_eq(st.st_mode & 0777, mode, "%s: mode %o", path, st.st_mode & 0777);
}

static void share(int n, bool setgid_bit, bool reader_first)
{
    make_accounts(n);
    if (!ready)
        cr_skip_test("needs root, useradd and groupadd");
    struct group *g = getgrnam(TEAM);
    char *team = test_path(dir, "team");
    cr_assert_eq(mkdir(team, 0770), 0);
    cr_assert_eq(chown(team, 0, g->gr_gid), 0);
    cr_assert_eq(chmod(team, setgid_bit ? 02770 : 0770), 0);
    char *db = test_path(team, "jib.db");
    char *authorities = test_path(dir, "authorities.csv");
    char *holidays = test_path(dir, "holidays.csv");
    test_write_file(authorities, "la_code,name,region_code\n301,Barking and Dagenham,GL\n");
    test_write_file(holidays, "date,name\n2025-12-25,Christmas Day\n");
    chmod(authorities, 0644);
    chmod(holidays, 0644);
    expect_ok(ALICE, db, "import", authorities);
    expect_team_file(db, 0660);
    if (reader_first)
        expect_ok(BOB, db, "due", NULL);
    expect_ok(BOB, db, "import", holidays);
    expect_ok(ALICE, db, "import", holidays);
    expect_ok(BOB, db, "due", NULL);
    expect_ok(ALICE, db, "policy", NULL);
    char *wal = test_path(team, "jib.db-wal"), *shm = test_path(team, "jib.db-shm");
    expect_team_file(wal, 0660);
    expect_team_file(shm, 0660);
    struct run_result r = as_user(BOB, db, "doctor", NULL);
    cr_assert(r.status == 0 || !setgid_bit, "doctor: exit %d: %s", r.status, r.err);
    run_result_free(&r);
    free(wal);
    free(shm);
    free(holidays);
    free(authorities);
    free(db);
    free(team);
}

Test(sharing, two_users_share_a_database_in_a_setgid_group_folder) { share(1, true, false); }

Test(sharing, two_users_share_a_database_in_a_group_folder_without_setgid) { share(2, false, false); }

Test(sharing, a_reader_opening_first_never_locks_out_the_writers) { share(3, false, true); }
