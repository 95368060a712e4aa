/* Bash completion (completion/jib.bash), run in bash the way bash runs it:
 * COMP_WORDS and COMP_CWORD set, _jib called, COMPREPLY read back. */
#include <sys/wait.h>
#include <unistd.h>

#include "tests/test_import_helpers.h"

TestSuite(completion, .init = fx_setup, .fini = fx_teardown);

/* The candidates bash offers for the words (the last one being completed),
 * joined by '|'. */
static char *complete(const char *const *words)
{
    char script[4096], *out_path = test_path(fx_dir, "compreply");
    const char *bin = getenv("JIB_BIN");
    int n = 0;
    while (words[n])
        n++;
    snprintf(script, sizeof script,
             "source '%s/completion/jib.bash' || exit 9\n"
             "COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _jib\n"
             "IFS='|'; printf '%%s' \"${COMPREPLY[*]}\" > '%s'\n", test_root(), out_path);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        char db_env[4200], bin_env[4200];
        snprintf(db_env, sizeof db_env, "JIB_DB=%s", fx_db);
        snprintf(bin_env, sizeof bin_env, "JIB_COMPLETE_BIN=%s", bin ? bin : "./jib");
        putenv(db_env);
        putenv(bin_env);
        if (chdir(fx_dir) != 0)
            _exit(8);
        const char *argv[40] = {"bash", "--norc", "--noprofile", "-c", script, "bash"};
        for (int i = 0; i < n && i < 32; i++)
            argv[6 + i] = words[i];
        argv[6 + n] = NULL;
        execvp("bash", (char **)argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "bash exited %d", status);
    char *got = test_read_file(out_path);
    free(out_path);
    cr_assert_not_null(got);
    return got;
}

#define COMPLETE(...) complete((const char *const[]){"jib", __VA_ARGS__, NULL})

static void data(void)
{
    fx_import_ok(fx_file("a.csv", FX_AUTHORITIES), NULL);
}

Test(completion, commands_and_global_options)
{
    char *got = COMPLETE("d");
    cr_assert_str_eq(got, "demo|due|doctor");
    free(got);
    got = COMPLETE("--re");
    cr_assert_str_eq(got, "--read-only");
    free(got);
    got = COMPLETE("--db", "x.db", "mon");
    cr_assert_str_eq(got, "monitoring");
    free(got);
}

Test(completion, a_commands_options_come_from_its_usage)
{
    char *got = COMPLETE("due", "-");
    cr_assert_str_eq(got, "--region|--status|--format|-o|--help");
    free(got);
    got = COMPLETE("import", "--s");
    cr_assert_str_eq(got, "--sheet|--skip-invalid");
    free(got);
}

Test(completion, kinds_statuses_formats_inspectorates_and_types)
{
    char *got = COMPLETE("export", "in");
    cr_assert_str_eq(got, "inspectors|inspections|indicators");
    free(got);
    got = COMPLETE("due", "--status", "");
    cr_assert_str_eq(got, "never_inspected|overdue|in_window|due_soon|not_due");
    free(got);
    got = COMPLETE("export", "holidays", "--format", "");
    cr_assert_str_eq(got, "csv|json|xlsx");
    free(got);
    got = COMPLETE("due", "--format", "");
    cr_assert_str_eq(got, "table|csv|json|xlsx");
    free(got);
    got = COMPLETE("due", "--format", "=", "x");
    cr_assert_str_eq(got, "xlsx");
    free(got);
    got = COMPLETE("import", "--inspectorate", "hmi");
    cr_assert_str_eq(got, "hmicfrs|hmi_probation|hmi_prisons");
    free(got);
    got = COMPLETE("import", "--type", "ilacs");
    cr_assert_str_eq(got, "ilacs_standard|ilacs_short");
    free(got);
    got = COMPLETE("policy", "preset", "");
    cr_assert_str_eq(got, "ilacs|proportionate");
    free(got);
}

Test(completion, regions_and_authority_names_from_the_database)
{
    data();
    char *got = COMPLETE("due", "--region", "");
    cr_assert_str_eq(got, "GL|SW");
    free(got);
    got = COMPLETE("show", "bar");
    cr_assert_str_eq(got, "Barking\\ and\\ Dagenham|Barnet");
    free(got);
    got = COMPLETE("show", "Barking\\ a");
    cr_assert_str_eq(got, "Barking\\ and\\ Dagenham");
    free(got);
    got = COMPLETE("plan", "30");
    cr_assert_str_eq(got, "301|302");
    free(got);
    got = COMPLETE("show", "--format", "csv", "Bou");
    cr_assert_str_eq(got, "Bournemouth\\,\\ Christchurch\\ \\&\\ Poole");
    free(got);
}

Test(completion, files_for_import_and_output_and_nothing_without_a_database)
{
    fx_file("ofsted.xlsx", "x");
    char *got = COMPLETE("import", "--dry-run", "ofs");
    cr_assert_str_eq(got, "ofsted.xlsx");
    free(got);
    got = COMPLETE("due", "-o", "ofs");
    cr_assert_str_eq(got, "ofsted.xlsx");
    free(got);
    got = COMPLETE("show", "B"); /* no database yet: no names, no error, nothing created */
    cr_assert_str_eq(got, "");
    free(got);
    cr_assert_eq(access(fx_db, F_OK), -1, "completion created the database");
}

/* zsh (completion/_jib) outside a completion widget: compadd and _files
 * stand in for zsh's own, printing what the script offers. */
static char *complete_zsh(const char *words, int current)
{
    char script[4096], *out_path = test_path(fx_dir, "zsh-out");
    const char *bin = getenv("JIB_BIN");
    snprintf(script, sizeof script,
             "compadd() { [[ $1 == -a ]] && print -l -- ${(P)2}; }\n"
             "_files() { print '<files>'; }\n"
             "words=(%s); CURRENT=%d\n"
             "source '%s/completion/_jib' > '%s'\n", words, current, test_root(), out_path);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        char db_env[4200], bin_env[4200];
        snprintf(db_env, sizeof db_env, "JIB_DB=%s", fx_db);
        snprintf(bin_env, sizeof bin_env, "JIB_COMPLETE_BIN=%s", bin ? bin : "./jib");
        putenv(db_env);
        putenv(bin_env);
        execlp("zsh", "zsh", "-f", "-c", script, (char *)NULL);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) != 127, "zsh did not run");
    char *got = test_read_file(out_path);
    free(out_path);
    cr_assert_not_null(got);
    return got;
}

Test(completion, zsh_offers_the_same_candidates)
{
    data();
    char *got = complete_zsh("jib show bar", 3);
    cr_assert_str_eq(got, "Barking and Dagenham\nBarnet\n");
    free(got);
    got = complete_zsh("jib due --status ''", 4);
    cr_assert_str_eq(got, "never_inspected\noverdue\nin_window\ndue_soon\nnot_due\n");
    free(got);
    got = complete_zsh("jib import x", 3);
    cr_assert_str_eq(got, "<files>\n");
    free(got);
}
