/* Issue 9: what a hostile and careless probe found, one regression test per
 * finding, named after it. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/text.h"
#include "tests/test_import_helpers.h"
#include "tui/output.h"

TestSuite(hardening, .init = fx_setup, .fini = fx_teardown);

static void authorities(void) { fx_import_ok(fx_file("authorities.csv", FX_AUTHORITIES), NULL); }

static void assert_err_has(const struct run_result *r, const char *part)
{
    cr_assert(strstr(r->err, part), "stderr lacks \"%s\":\n%s", part, r->err);
}

/* No ESC, BEL, CSI or other control byte (but newline) in text. */
static void assert_no_controls(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        cr_assert(*p == '\n' || (*p >= 0x20 && *p != 0x7f), "control byte 0x%02x in:\n%s", *p, text);
        if (p[0] == 0xc2)
            cr_assert(p[1] < 0x80 || p[1] >= 0xa0, "C1 control in:\n%s", text);
    }
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0, "%s missing", path);
    return st.st_mode;
}

#define BAD_HOLIDAYS "date,name\n2025-12-25,Christmas Day\n2025-13-01,Nonsense\n"

/* ---- 1: rejects files and exports are written safely ---- */

Test(hardening, rejects_file_never_follows_a_planted_symlink)
{
    authorities();
    const char *victim = fx_file("authorized_keys", "ssh-ed25519 AAAA victim\n");
    const char *in = fx_file("x.csv", BAD_HOLIDAYS);
    const char *rejects = fx_path("x.csv.rejects.csv");
    cr_assert_eq(symlink(victim, rejects), 0);
    struct run_result r = fx_jib("import", "--skip-invalid", in, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    char *v = test_read_file(victim);
    cr_assert_str_eq(v, "ssh-ed25519 AAAA victim\n", "the symlink's target was written");
    free(v);
    cr_assert(S_ISREG(mode_of(rejects)), "the rejects file is not a regular file");
    char *rej = test_read_file(rejects);
    cr_assert(strstr(rej, "2025-13-01,Nonsense,"), "%s", rej);
    free(rej);
    run_result_free(&r);
}

Test(hardening, rejects_file_mode_follows_the_database)
{
    authorities();
    const char *in = fx_file("x.csv", BAD_HOLIDAYS);
    umask(0);
    struct run_result r = fx_jib("import", "--skip-invalid", in, NULL);
    umask(022);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(mode_of(fx_db) & 0777, 0600);
    char *rejects = test_path(fx_dir, "x.csv.rejects.csv");
    cr_assert_eq(mode_of(rejects) & 0777, 0600, "rejects mode %o", mode_of(rejects) & 0777);
    chmod(fx_db, 0660);
    unlink(rejects);
    run_result_free(&r);
    r = fx_jib("import", "--skip-invalid", in, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(mode_of(rejects) & 0777, 0660, "rejects mode %o", mode_of(rejects) & 0777);
    free(rejects);
    run_result_free(&r);
}

/* ---- 9: write errors are never a silent success ---- */

Test(hardening, rejects_on_a_full_disk_fail_the_import_and_keep_nothing)
{
    char *mnt = test_path(fx_dir, "small");
    mkdir(mnt, 0700);
    if (geteuid() != 0 || mount("tmpfs", mnt, "tmpfs", 0, "size=16k") != 0) {
        free(mnt);
        cr_skip_test("needs root to mount a small tmpfs");
    }
    authorities();
    /* a rejects file far larger than the 16 KiB disk; the input lives outside
     * it (a symlink points there), so only the rejects go to the small disk */
    size_t len = 200000;
    char *big = malloc(len + 256), *p = big;
    p += sprintf(p, "date,name\n");
    while ((size_t)(p - big) < len)
        p += sprintf(p, "2025-13-01,%s\n", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    sprintf(p, "2025-12-25,Christmas Day\n");
    char *in = test_path(fx_dir, "h.csv");
    test_write_file(in, big);
    char *link_in = test_path(mnt, "h.csv");
    cr_assert_eq(symlink(in, link_in), 0);
    struct run_result r = fx_jib("import", "--skip-invalid", link_in, NULL);
    cr_assert_eq(r.status, 74, "status %d: %s", r.status, r.err);
    assert_err_has(&r, "cannot write");
    cr_assert(!strstr(r.err, "written to"), "%s", r.err);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 0);
    umount(mnt);
    run_result_free(&r);
    free(link_in);
    free(in);
    free(big);
    free(mnt);
}

static void assert_full_stdout_fails(const char *cmd, const char *arg)
{
    int full = open("/dev/full", O_WRONLY);
    cr_assert(full >= 0);
    const char *args[] = {"--db", fx_db, "--today", "2025-01-06", cmd, arg, NULL};
    struct run_result r = test_run_jib_with(args, NULL, NULL, full);
    close(full);
    cr_assert_eq(r.status, 74, "jib %s to /dev/full: exit %d: %s", cmd, r.status, r.err);
    assert_err_has(&r, "cannot write the output");
    run_result_free(&r);
}

Test(hardening, output_to_a_full_device_exits_74)
{
    authorities();
    assert_full_stdout_fails("monitoring", NULL);
    assert_full_stdout_fails("availability", NULL);
    assert_full_stdout_fails("policy", NULL);
    assert_full_stdout_fails("due", NULL);
    assert_full_stdout_fails("export", "authorities");
}

/* ---- 2: one sanitiser for every message that quotes data ---- */

Test(hardening, header_escape_sequences_never_reach_the_terminal)
{
    authorities();
    const char *in = fx_file("h.csv", "date,name,\x1b]0;owned\x07\x1b[2J\n2025-12-25,Christmas,x\n");
    struct run_result r = fx_jib("import", in, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_err_has(&r, "ignored columns");
    assert_no_controls(r.err);
    run_result_free(&r);
    /* the same header in an error line, a duplicate header and kind detection */
    in = fx_file("d.csv", "date,\x1b[2Jname\x9b,date\n2025-12-25,x,y\n");
    r = fx_jib("import", in, NULL);
    cr_assert_neq(r.status, 0);
    assert_no_controls(r.err);
    run_result_free(&r);
    in = fx_file("k.csv", "\x1b[31mfoo\xc2\x9b,bar\n1,2\n");
    r = fx_jib("import", in, NULL);
    cr_assert_eq(r.status, 65);
    assert_no_controls(r.err);
    run_result_free(&r);
}

Test(hardening, c1_controls_in_values_are_replaced_in_messages)
{
    authorities();
    const char *in = fx_file("v.csv", "date,name\n2025-12-\xc2\x9b" "1,Bad\n");
    struct run_result r = fx_jib("import", in, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    assert_err_has(&r, "column 'date': value '2025-12-?1'");
    assert_no_controls(r.err);
    run_result_free(&r);
}

Test(hardening, file_names_with_controls_are_sanitised)
{
    const char *in = fx_path("\x1b[2Jmissing.csv");
    struct run_result r = fx_jib("import", in, NULL);
    cr_assert_eq(r.status, 66, "%s", r.err);
    assert_no_controls(r.err);
    run_result_free(&r);
}

/* ---- 11: bidi and zero-width characters become visible markers ---- */

Test(hardening, bidi_and_zero_width_characters_shown_as_markers)
{
    char out[128];
    text_sanitize("Barnet\xe2\x80\xae" "evil\xe2\x80\x8b!", true, out, sizeof out);
    cr_assert_str_eq(out, "Barnet<U+202E>evil<U+200B>!");
    text_sanitize("a\x1b[2Jb\xc2\x85" "c\x7f", true, out, sizeof out);
    cr_assert_str_eq(out, "a?[2Jb?c?");
    text_sanitize("caf\xc3\xa9", false, out, sizeof out);
    cr_assert_str_eq(out, "caf?");
    text_sanitize("\xff\xfe", true, out, sizeof out);
    cr_assert_str_eq(out, "??");
    char *dup = text_sanitize_dup("\xe2\x81\xa6x\xef\xbb\xbf", true);
    cr_assert_str_eq(dup, "<U+2066>x<U+FEFF>");
    free(dup);
}

Test(hardening, sanitiser_cuts_only_at_character_boundaries)
{
    char out[8];
    text_sanitize("ab\xe2\x80\xae" "cd", true, out, sizeof out);
    cr_assert_str_eq(out, "ab");
    text_sanitize("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", true, out, sizeof out);
    cr_assert_str_eq(out, "\xc3\xa9\xc3\xa9\xc3\xa9");
}

Test(hardening, tables_show_long_cells_whole_and_sanitised)
{
    struct rowset *rs = rowset_new(1, (const char *[]){"name"}, "t");
    cr_assert_not_null(rs);
    char *cell = malloc(3001);
    memset(cell, 'a', 3000);
    cell[3000] = '\0';
    cell[10] = '\x1b';
    rowset_add_row(rs);
    rowset_set(rs, 0, 0, cell);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    cr_assert_eq(output_table(mem, rs), 0);
    fclose(mem);
    cr_assert_geq(len, 3000 + 5, "the cell was cut: %zu bytes", len);
    assert_no_controls(buf);
    free(buf);
    free(cell);
    rowset_free(rs);
}

/* ---- 3: a busy database: bounded retry, exit 75, no stale log ---- */

/* Holds the write lock from another connection while jib runs. */
static struct run_result run_while_locked(const char *const *args)
{
    struct db *holder = test_db_open(fx_db);
    test_db_exec(holder, "BEGIN IMMEDIATE");
    static const char *const env[] = {"USER=tester", "JIB_BUSY_TIMEOUT_MS=50", NULL};
    struct run_result r = test_run_jib(args, env);
    test_db_exec(holder, "ROLLBACK");
    db_close(holder);
    return r;
}

Test(hardening, busy_database_import_exits_75_and_logs_nothing_half_done)
{
    authorities();
    const char *in = fx_file("h.csv", "date,name\n2025-12-25,Christmas Day\n");
    const char *args[] = {"--db", fx_db, "import", in, NULL};
    struct run_result r = run_while_locked(args);
    cr_assert_eq(r.status, 75, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "busy");
    cr_assert(!strstr(r.err, "database is locked"), "%s", r.err);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 0);
    cr_assert_eq(fx_int("SELECT count(*) FROM import_log WHERE outcome <> 'ok'"), 0);
    cr_assert_eq(fx_int("SELECT count(*) FROM import_log"), 1);
    run_result_free(&r);
}

Test(hardening, busy_database_policy_set_exits_75)
{
    authorities();
    const char *args[] = {"--db", fx_db, "policy", "set", "due_soon_days", "45", NULL};
    struct run_result r = run_while_locked(args);
    cr_assert_eq(r.status, 75, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "busy");
    run_result_free(&r);
}

Test(hardening, import_log_row_commits_with_the_import)
{
    authorities();
    fx_import_ok(fx_file("h.csv", "date,name\n2025-12-25,Christmas Day\n"), NULL);
    cr_assert_eq(fx_int("SELECT count(*) FROM import_log WHERE outcome = 'running'"), 0);
    cr_assert_eq(fx_int("SELECT inserted FROM import_log WHERE file LIKE '%h.csv'"), 1);
    /* the rows carry the id of the log row that committed with them */
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday h JOIN import_log l USING (import_id)"), 1);
}

Test(hardening, stale_running_import_rows_are_marked_interrupted)
{
    authorities();
    struct db *db = test_db_open(fx_db);
    test_db_exec(db, "INSERT INTO import_log(at, file, outcome) VALUES('2025-01-01T00:00:00Z', "
                     "'old.csv', 'running')");
    db_close(db);
    struct run_result r = fx_jib("imports", "--format", "csv", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "old.csv"), "%s", r.out);
    cr_assert(strstr(r.out, ",interrupted"), "%s", r.out);
    cr_assert(!strstr(r.out, ",running"), "%s", r.out);
    run_result_free(&r);
}

/* ---- 10: database edge cases ---- */

Test(hardening, database_uris_are_refused)
{
    char *uri = test_path(fx_dir, "x.db?mode=memory");
    char arg[4200];
    snprintf(arg, sizeof arg, "file:%s", uri);
    const char *in = fx_file("h.csv", "date,name\n2025-12-25,Christmas Day\n");
    const char *args[] = {"--db", arg, "import", in, NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 64, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "looks like an SQLite URI");
    run_result_free(&r);
    free(uri);
}

static void damage(const char *path)
{
    int fd = open(path, O_WRONLY);
    cr_assert(fd >= 0);
    char junk[8192];
    memset(junk, 0xff, sizeof junk);
    cr_assert_eq(pwrite(fd, junk, sizeof junk, 4096 * 2), (ssize_t)sizeof junk);
    close(fd);
}

Test(hardening, damaged_database_exits_74_with_a_clear_message)
{
    authorities();
    fx_import_ok(fx_file("i.csv", FX_INSPECTIONS), NULL);
    damage(fx_db);
    struct run_result r = fx_jib("due", NULL);
    cr_assert_eq(r.status, 74, "due: exit %d: %s", r.status, r.err);
    assert_err_has(&r, "is damaged");
    run_result_free(&r);
    r = fx_jib("import", fx_file("h.csv", "date,name\n2025-12-25,Christmas Day\n"), NULL);
    cr_assert_eq(r.status, 74, "import: exit %d: %s", r.status, r.err);
    assert_err_has(&r, "is damaged");
    cr_assert(!strstr(r.err, "inserted"), "%s", r.err);
    run_result_free(&r);
}

Test(hardening, newer_schema_opened_read_only_says_so)
{
    authorities();
    struct db *db = test_db_open(fx_db);
    test_db_exec(db, "PRAGMA user_version = 999");
    db_close(db);
    struct run_result r = fx_jib("--read-only", "due", NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "made by a newer jib (schema 999");
    run_result_free(&r);
}

/* ---- 11: creating a database on a full disk leaves nothing ---- */

Test(hardening, database_create_on_a_full_disk_exits_73_and_leaves_nothing)
{
    char *mnt = test_path(fx_dir, "small");
    mkdir(mnt, 0700);
    if (geteuid() != 0 || mount("tmpfs", mnt, "tmpfs", 0, "size=12k") != 0) {
        free(mnt);
        cr_skip_test("needs root to mount a small tmpfs");
    }
    char *db = test_path(mnt, "new.db");
    const char *in = fx_file("h.csv", "date,name\n2025-12-25,Christmas Day\n");
    const char *args[] = {"--db", db, "import", in, NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, 73, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "cannot create the database");
    struct stat st;
    cr_assert_neq(stat(db, &st), 0, "a database file was left behind");
    char *wal = test_path(mnt, "new.db-wal");
    cr_assert_neq(stat(wal, &st), 0, "a -wal file was left behind");
    umount(mnt);
    run_result_free(&r);
    free(wal);
    free(db);
    free(mnt);
}
