/* make install DESTDIR=...: the installed jib runs its demo from
 * the installed sample data, man -l renders the installed page, the
 * completion scripts are where bash and zsh look; make uninstall leaves no
 * file behind. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/test_import_helpers.h"

TestSuite(install, .init = fx_setup, .fini = fx_teardown, .timeout = 120);

/* Runs argv with output to a file; the exit status, and the output in *out. */
static int run_cmd(const char *const *argv, const char *const *env, char **out)
{
    char *log = test_path(fx_dir, "cmd.log");
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fd, 1);
        dup2(fd, 2);
        unsetenv("MAKEFLAGS"); /* not the outer make's jobserver */
        unsetenv("MFLAGS");
        for (const char *const *e = env; e && *e; e++)
            putenv((char *)*e);
        execvp(argv[0], (char **)argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    *out = test_read_file(log);
    unlink(log);
    free(log);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static long count_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    long n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *p = test_path(dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0)
            n += S_ISDIR(st.st_mode) ? count_files(p) : 1;
        free(p);
    }
    closedir(d);
    return n;
}

Test(install, make_install_then_demo_man_and_uninstall_leaves_nothing)
{
    char *dest = test_path(fx_dir, "stage");
    char dest_arg[4200];
    snprintf(dest_arg, sizeof dest_arg, "DESTDIR=%s", dest);
#ifdef __SANITIZE_ADDRESS__
    const char *san = "SANITIZE=1";
#else
    const char *san = "SANITIZE=0";
#endif
    const char *make_install[] = {"make", "-s", "-C", test_root(), "install", dest_arg,
                                  san, NULL};
    char *out = NULL;
    int rc = run_cmd(make_install, NULL, &out);
    cr_assert_eq(rc, 0, "make install: %s", out);
    free(out);
    const char *want[] = {"/usr/local/bin/jib", "/usr/local/share/man/man1/jib.1",
                          "/usr/local/share/bash-completion/completions/jib",
                          "/usr/local/share/zsh/site-functions/_jib",
                          "/usr/local/share/jib/sample-data/authorities.csv"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        char p[4400];
        snprintf(p, sizeof p, "%s%s", dest, want[i]);
        cr_assert_eq(access(p, R_OK), 0, "not installed: %s", want[i]);
    }

    /* the installed binary finds the installed sample data */
    char bin[4400], db_arg[4400];
    snprintf(bin, sizeof bin, "%s/usr/local/bin/jib", dest);
    snprintf(db_arg, sizeof db_arg, "%s/demo.db", fx_dir);
    const char *demo[] = {bin, "--db", db_arg, "demo", "--no-tui", NULL};
    const char *no_sample[] = {"JIB_SAMPLE_DIR=", NULL};
    rc = run_cmd(demo, no_sample, &out);
    cr_assert_eq(rc, 0, "installed demo: %s", out);
    cr_assert(strstr(out, db_arg), "%s", out);
    free(out);

    /* man -l renders the installed page */
    char page[4400];
    snprintf(page, sizeof page, "%s/usr/local/share/man/man1/jib.1", dest);
    const char *man[] = {"man", "-P", "cat", "-l", page, NULL};
    const char *man_env[] = {"MANWIDTH=100", "MAN_KEEP_FORMATTING=0", NULL};
    rc = run_cmd(man, man_env, &out);
    cr_assert_eq(rc, 0, "man -l: %s", out);
    cr_assert(strstr(out, "DASHBOARD KEYS"), "%s", out);
    cr_assert(strstr(out, "--format"), "%s", out);
    free(out);

    const char *make_uninstall[] = {"make", "-s", "-C", test_root(), "uninstall", dest_arg,
                                    san, NULL};
    rc = run_cmd(make_uninstall, NULL, &out);
    cr_assert_eq(rc, 0, "make uninstall: %s", out);
    free(out);
    cr_assert_eq(count_files(dest), 0, "files left behind under %s", dest);
    free(dest);
}
