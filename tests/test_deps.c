/* .ci/deps: libraries are found with pkg-config; when one is missing and
 * apt-get cannot run, the message names the Debian packages to install. */
#include <sys/wait.h>
#include <unistd.h>

#include "tests/test_import_helpers.h"

TestSuite(deps, .init = fx_setup, .fini = fx_teardown);

static int run_deps(const char *const *env, char **err)
{
    char *log = test_path(fx_dir, "deps.log"), script[4200];
    snprintf(script, sizeof script, "%s/.ci/deps", test_root());
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        FILE *f = freopen(log, "w", stderr);
        (void)f;
        for (const char *const *e = env; *e; e++)
            putenv((char *)*e);
        execlp("sh", "sh", script, (char *)NULL);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    *err = test_read_file(log);
    free(log);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

Test(deps, everything_present_says_nothing)
{
    const char *env[] = {"JIB_TEST_TOOLS=0", "JIB_DEPS_APT_GET=false", NULL};
    char *err;
    cr_assert_eq(run_deps(env, &err), 0, "%s", err);
    cr_assert_str_eq(err, "");
    free(err);
}

Test(deps, a_missing_library_names_its_debian_package_when_apt_get_cannot_run)
{
    /* pkg-config finds nothing; apt-get fails as without a network */
    const char *env[] = {"PKG_CONFIG_LIBDIR=/nonexistent", "PKG_CONFIG_PATH=",
                         "JIB_TEST_TOOLS=0", "JIB_DEPS_APT_GET=false", NULL};
    char *err;
    cr_assert_eq(run_deps(env, &err), 1, "%s", err);
    cr_assert(strstr(err, "jib: missing build dependencies; install the Debian packages:\n"),
              "%s", err);
    const char *pkgs[] = {"libncurses-dev", "libsqlite3-dev", "nettle-dev", "libcriterion-dev",
                          "libzip-dev", "libexpat1-dev", "libxlsxwriter-dev"};
    for (size_t i = 0; i < sizeof pkgs / sizeof *pkgs; i++)
        cr_assert(strstr(err, pkgs[i]), "%s not named:\n%s", pkgs[i], err);
    cr_assert(strstr(err, "jib:     apt-get install "), "%s", err);
    free(err);
}
