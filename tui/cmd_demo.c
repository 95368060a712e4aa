/* jib demo [--no-tui]: a database from sample-data/, on the sample's reference date. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/import.h"
#include "tui/cli.h"
#include "tui/commands.h"

#ifndef JIB_DATADIR
#define JIB_DATADIR "/usr/local/share/jib"
#endif

static bool is_dir(const char *path)
{
    DIR *d = opendir(path);
    if (d)
        closedir(d);
    return d != NULL;
}

/* $JIB_SAMPLE_DIR, else sample-data/ beside the executable, else ../share/jib
 * beside it (an installed copy, even under a DESTDIR), else the data directory
 * it was built for. */
static bool find_sample_dir(char *out, size_t len)
{
    const char *env = getenv("JIB_SAMPLE_DIR");
    if (env && *env) {
        snprintf(out, len, "%s", env);
        return is_dir(out);
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(out, len, "%s/sample-data", exe);
            if (is_dir(out))
                return true;
            /* installed: PREFIX/bin/jib and PREFIX/share/jib, wherever PREFIX is */
            snprintf(out, len, "%s/../share/jib/sample-data", exe);
            if (is_dir(out))
                return true;
        }
    }
    snprintf(out, len, "%s/sample-data", JIB_DATADIR);
    return is_dir(out);
}

static bool read_reference_date(const char *dir, char *out, size_t len)
{
    char path[PATH_MAX], line[256];
    snprintf(path, sizeof path, "%s/README.md", dir);
    FILE *f = fopen(path, "r");
    bool found = false;
    while (f && !found && fgets(line, sizeof line, f)) {
        char *p = strstr(line, "Reference date: ");
        if (p && sscanf(p + 16, "%10s", out) == 1 && strlen(out) == 10)
            found = len > 10;
    }
    if (f)
        fclose(f);
    return found;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.csv of the sample directory, sorted; import orders them by kind. */
static size_t list_csv(const char *dir, char **paths, size_t max)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) && n < max) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".csv") == 0 && !strstr(e->d_name, ".rejects.")) {
            paths[n] = malloc(strlen(dir) + len + 2);
            if (paths[n])
                sprintf(paths[n++], "%s/%s", dir, e->d_name);
        }
    }
    if (d)
        closedir(d);
    qsort(paths, n, sizeof *paths, compare_names);
    return n;
}

/* The dashboard's temporary demo database goes when the dashboard closes
 * (with --no-tui it stays: its path is the point). */
static void remove_temporary_db(const char *path)
{
    char side[PATH_MAX + 8];
    static const char *const suffixes[] = {"-wal", "-shm", ""};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        snprintf(side, sizeof side, "%s%s", path, suffixes[i]);
        unlink(side);
    }
    char *slash = strrchr(side, '/');
    if (slash) {
        *slash = '\0';
        rmdir(side);
    }
}

static int choose_db_path(struct cli *cli)
{
    if (cli->db_path_given)
        return 0;
    const char *tmp = getenv("TMPDIR");
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/jib-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        cli_error("jib: cannot create a temporary directory in %s", tmp ? tmp : "/tmp");
        return EX_CANTCREAT_;
    }
    snprintf(cli->db_path, sizeof cli->db_path, "%s/jib.db", dir);
    return 0;
}

static int build_demo(struct cli *cli, const char *sample, const char *reference, bool quiet)
{
    char *paths[64];
    size_t n = list_csv(sample, paths, 64);
    if (n == 0) {
        cli_error("jib: no CSV files in %s", sample);
        return EX_NOINPUT_;
    }
    struct db *db;
    int rc = cli_open_db(cli, DB_CREATE, &db);
    if (!rc) {
        const char *user = getenv("USER");
        struct cli_import_sink sink;
        cli_import_sink(&sink, false);
        /* quiet: no sink, so nothing is said (the dashboard follows) */
        struct import_options opt = {.sink = quiet ? NULL : &sink.sink, .user = user ? user : ""};
        rc = cli_exit_code(import_files(db, (const char *const *)paths, n, &opt, NULL));
        struct error err;
        if (!rc && db_meta_set(db, "reference_date", reference, &err) != 0) {
            cli_error("jib: cannot store the reference date in %s: %s", cli->db_path,
                      err.message);
            rc = EX_IOERR_;
        }
        if (!rc)
            cli_keep_due_list(cli, db);
        db_close(db);
    }
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    return rc;
}

int cmd_demo(struct cli *cli)
{
    bool no_tui = false;
    for (int i = 1; i < cli->argc; i++) {
        if (strcmp(cli->argv[i], "--no-tui") == 0)
            no_tui = true;
        else
            return cli_usage_error(cli, "unknown argument '%s'", cli->argv[i]);
    }
    char sample[PATH_MAX], reference[16];
    if (!find_sample_dir(sample, sizeof sample)) {
        cli_error("jib: cannot find sample-data/ (looked beside the executable and in "
                        "%s; set JIB_SAMPLE_DIR)", JIB_DATADIR);
        return EX_NOINPUT_;
    }
    if (!read_reference_date(sample, reference, sizeof reference)) {
        cli_error("jib: %s/README.md does not state 'Reference date: YYYY-MM-DD'", sample);
        return EX_DATAERR_;
    }
    int rc = choose_db_path(cli);
    if (rc)
        return rc;
    /* The dashboard follows: the import summaries would only flash by. */
    rc = build_demo(cli, sample, reference, !no_tui);
    if (rc)
        return rc;
    if (no_tui) {
        printf("%s\n", cli->db_path);
        cli_error("jib: demo database ready (today is %s there). Open it with:\n"
                        "  jib --db %s", reference, cli->db_path);
        return 0;
    }
    rc = cmd_tui(cli);
    if (!cli->db_path_given)
        remove_temporary_db(cli->db_path);
    return rc;
}
