/* Issue 9: what a hostile and careless probe found, one regression test per
 * finding, named after it. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
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

/* `-o` to a device writes into it, never replaces it by a file (as root,
 * `-o /dev/full` used to turn the device into a regular file). Devices made
 * here (root only), so a regression cannot damage the machine's /dev. */
static bool make_device(const char *path, unsigned minor)
{
    return mknod(path, S_IFCHR | 0666, makedev(1, minor)) == 0;
}

Test(hardening, output_option_writes_into_a_device_and_never_replaces_it)
{
    authorities();
    const char *full = fx_path("full"), *null = fx_path("null");
    if (!make_device(full, 7) || !make_device(null, 3))
        cr_skip_test("making device nodes needs root");
    struct run_result r = fx_jib("due", "-o", full, NULL);
    cr_assert_eq(r.status, 74, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "cannot write");
    cr_assert(S_ISCHR(mode_of(full)), "-o replaced the full device");
    run_result_free(&r);
    r = fx_jib("due", "-o", null, NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert(S_ISCHR(mode_of(null)), "-o replaced the null device");
    run_result_free(&r);
}

Test(hardening, output_option_writes_into_a_fifo)
{
    authorities();
    const char *fifo = fx_path("out.fifo");
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    pid_t reader = fork();
    if (reader == 0) {
        alarm(30); /* a regression replaces the FIFO: never wait for a writer forever */
        int fd = open(fifo, O_RDONLY), out = open(fx_path("got.csv"), O_WRONLY | O_CREAT, 0600);
        char buf[4096];
        ssize_t n;
        while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0)
            if (write(out, buf, (size_t)n) != n)
                _exit(1);
        _exit(0);
    }
    struct run_result r = fx_jib("export", "authorities", "-o", fifo, NULL);
    if (!S_ISFIFO(mode_of(fifo)))
        kill(reader, SIGKILL);
    int st;
    waitpid(reader, &st, 0);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert(S_ISFIFO(mode_of(fifo)), "-o replaced the FIFO");
    char *got = test_read_file(fx_path("got.csv"));
    cr_assert(strstr(got, "la_code"), "the FIFO's reader got: %s", got);
    free(got);
    run_result_free(&r);
}

Test(hardening, output_option_replaces_a_teammates_symlink_to_a_device)
{
    authorities();
    const char *null = fx_path("null"), *link_path = fx_path("export.csv");
    if (!make_device(null, 3))
        cr_skip_test("making device nodes needs root");
    cr_assert_eq(symlink(null, link_path), 0);
    cr_assert_eq(lchown(link_path, 65534, 65534), 0);
    struct run_result r = fx_jib("export", "authorities", "-o", link_path, NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert(S_ISREG(mode_of(link_path)), "a teammate's symlink was written through");
    cr_assert(S_ISCHR(mode_of(null)));
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

/* Junk over the database's third and fourth pages (whatever its page size). */
static void damage(const char *path)
{
    int fd = open(path, O_RDWR);
    cr_assert(fd >= 0);
    unsigned char header[18];
    cr_assert_eq(pread(fd, header, sizeof header, 0), (ssize_t)sizeof header);
    size_t page = (size_t)header[16] << 8 | header[17];
    char junk[2 * 65536];
    memset(junk, 0xff, sizeof junk);
    cr_assert_eq(pwrite(fd, junk, 2 * page, (off_t)(2 * page)), (ssize_t)(2 * page));
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

/* ---- 7: one read, hashed; changes, NUL bytes, pipes and FIFOs ---- */

#include <nettle/sha2.h>
#include <signal.h>
#include <sys/resource.h>
#include <time.h>

static void sha256_hex(const char *text, char hex[65])
{
    struct sha256_ctx ctx;
    unsigned char d[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, strlen(text), (const unsigned char *)text);
    sha256_digest(&ctx, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        sprintf(hex + 2 * i, "%02x", d[i]);
}

Test(hardening, import_log_hash_is_of_the_bytes_parsed)
{
    const char *text = "date,name\n2025-12-25,Christmas Day\n";
    fx_import_ok(fx_file("h.csv", text), NULL);
    char want[65];
    sha256_hex(text, want);
    char *got = fx_text("SELECT sha256 FROM import_log WHERE file LIKE '%h.csv'");
    cr_assert_str_eq(got, want);
    free(got);
}

Test(hardening, nul_byte_is_an_error_naming_the_line)
{
    const char *in = fx_path("nul.csv");
    FILE *f = fopen(in, "wb");
    fwrite("date,name\n2025-12-25,Christ\0mas\n", 1, 32, f);
    fclose(f);
    struct run_result r = fx_jib("import", in, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "nul.csv:2: a NUL byte");
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 0);
    run_result_free(&r);
}

Test(hardening, cr_only_line_endings_count_lines)
{
    const char *in = fx_file("mac.csv", "date,name\r2025-12-25,Christmas\r2025-13-01,Bad\r");
    struct run_result r = fx_jib("import", in, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "mac.csv:3: column 'date'");
    run_result_free(&r);
    fx_import_ok(fx_file("mac2.csv", "date,name\r2025-12-25,Christmas\r\"a\r\nb\",x\r2025-12-26,Box\r"),
                 "--skip-invalid");
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 2);
}

/* A child writes text to the FIFO at path (after delay_ms), then exits. */
static pid_t fifo_writer(const char *path, const char *text, int delay_ms)
{
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        struct timespec ts = {delay_ms / 1000, (delay_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        int fd = open(path, O_WRONLY);
        if (fd < 0)
            _exit(1);
        ssize_t n = write(fd, text, strlen(text));
        close(fd);
        _exit(n == (ssize_t)strlen(text) ? 0 : 1);
    }
    return pid;
}

Test(hardening, pipes_and_dev_stdin_import)
{
    const char *fifo = fx_path("in.fifo");
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    pid_t w = fifo_writer(fifo, "date,name\n2025-12-25,Christmas Day\n", 200);
    struct run_result r = fx_jib("import", fifo, NULL);
    waitpid(w, NULL, 0);
    cr_assert_eq(r.status, 0, "fifo: exit %d: %s", r.status, r.err);
    run_result_free(&r);
    w = fifo_writer(fifo, "date,name\n2025-12-26,Boxing Day\n", 0);
    const char *args[] = {"--db", fx_db, "import", "/dev/stdin", NULL};
    r = test_run_jib_with(args, NULL, fifo, -1);
    waitpid(w, NULL, 0);
    cr_assert_eq(r.status, 0, "/dev/stdin: exit %d: %s", r.status, r.err);
    assert_err_has(&r, "/dev/stdin: holidays: 1 inserted");
    run_result_free(&r);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 2);
}

Test(hardening, fifo_without_writer_fails_instead_of_hanging)
{
    const char *fifo = fx_path("silent.fifo");
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    const char *args[] = {"--db", fx_db, "import", fifo, NULL};
    static const char *const env[] = {"JIB_INPUT_WAIT_SECONDS=1", NULL};
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 66, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "nothing arrived");
    run_result_free(&r);
}

Test(hardening, file_changed_during_import_fails_and_imports_nothing)
{
    authorities();
    /* a large file that a child keeps appending to while jib reads it */
    char *in = test_path(fx_dir, "growing.csv");
    FILE *f = fopen(in, "w");
    fputs("date,name\n", f);
    for (int i = 0; i < 60000; i++)
        fprintf(f, "%04d-01-01,Holiday number %d with a long enough name to take time\n",
                2000 + i % 900, i);
    fclose(f);
    pid_t w = fork();
    cr_assert(w >= 0);
    if (w == 0) {
        for (;;) {
            FILE *g = fopen(in, "a");
            fputs("2999-01-01,late\n", g);
            fclose(g);
            struct timespec ts = {0, 1000000L};
            nanosleep(&ts, NULL);
        }
    }
    struct run_result r = fx_jib("import", "--skip-invalid", in, NULL);
    kill(w, SIGKILL);
    waitpid(w, NULL, 0);
    cr_assert_eq(r.status, 74, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "changed while it was being imported");
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 0);
    run_result_free(&r);
    free(in);
}

/* ---- 5: bounded records, flat memory ---- */

/* Under valgrind (make valgrind) memory is the tool's, not jib's. */
static bool under_a_tool(void)
{
    return test_under_tool();
}

static long child_max_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return ru.ru_maxrss / 1024;
}

Test(hardening, huge_field_is_an_error_naming_the_line_and_memory_stays_flat)
{
    char *in = test_path(fx_dir, "huge.csv");
    FILE *f = fopen(in, "w");
    fputs("date,name\n2025-12-25,ok\n2025-12-26,\"", f);
    char block[65536];
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 1024; i++) /* 64 MiB in one field */
        fwrite(block, 1, sizeof block, f);
    fputs("\"\n", f);
    fclose(f);
    long before = child_max_rss_mb();
    struct run_result r = fx_jib("import", in, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "huge.csv:3: a record longer than 1 MiB");
    long rss = child_max_rss_mb();
    if (!under_a_tool())
        cr_assert_lt(rss, 60, "jib grew to %ld MB (before: %ld MB)", rss, before);
    run_result_free(&r);
    free(in);
}

Test(hardening, import_of_dev_zero_fails_at_once)
{
    struct run_result r = fx_jib("import", "/dev/zero", NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "/dev/zero:1: a NUL byte");
    if (!under_a_tool())
        cr_assert_lt(child_max_rss_mb(), 60);
    run_result_free(&r);
}

/* ---- 11: `--` ends the options ---- */

Test(hardening, double_dash_before_a_file_name)
{
    char *in = test_path(fx_dir, "-odd.csv");
    test_write_file(in, "date,name\n2025-12-25,Christmas Day\n");
    char *cwd = getcwd(NULL, 0);
    cr_assert_eq(chdir(fx_dir), 0);
    struct run_result r = fx_jib("import", "--", "-odd.csv", NULL);
    cr_assert_eq(chdir(cwd), 0);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert_eq(fx_int("SELECT count(*) FROM holiday"), 1);
    run_result_free(&r);
    free(cwd);
    free(in);
}

/* ---- 8: numbers and dates the same under every locale ---- */

#include <locale.h>

#include "core/date.h"
#include "import/rows.h"

Test(hardening, indicator_values_are_plain_decimal_numbers)
{
    double v;
    cr_assert(rows_parse_number("72.5", &v) && v == 72.5);
    cr_assert(rows_parse_number("-1e3", &v) && v == -1000);
    cr_assert(rows_parse_number(".5", &v) && v == 0.5);
    cr_assert(rows_parse_number("7.", &v) && v == 7);
    const char *bad[] = {"0x10", "1e-400", "1e400", "inf", "nan", "1,5", "", ".", "-", "1e", "1 2",
                         "0x1p3", "+-1", "72.5%"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert(!rows_parse_number(bad[i], &v), "'%s' was taken as a number", bad[i]);
}

Test(hardening, numbers_read_and_print_the_same_under_a_comma_decimal_locale)
{
    if (!setlocale(LC_ALL, "de_DE.UTF-8"))
        cr_skip_test("the de_DE.UTF-8 locale is not installed (localedef -i de_DE -f UTF-8 "
                     "de_DE.UTF-8)");
    setlocale(LC_ALL, "C");
    authorities();
    const char *in = fx_file("ind.csv", "la_code,indicator,period,value\n301,rate,2024,72.5\n"
                                        "302,rate,2024,0x10\n");
    const char *args[] = {"--db", fx_db, "import", "--skip-invalid", in, NULL};
    static const char *const env[] = {"LC_ALL=de_DE.UTF-8", NULL};
    struct run_result r = test_run_jib(args, env);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    assert_err_has(&r, "1 inserted");
    run_result_free(&r);
    const char *exp[] = {"--db", fx_db, "export", "indicators", NULL};
    r = test_run_jib(exp, env);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, ",rate,2024,72.5\n"), "%s", r.out);
    run_result_free(&r);
    const char *json[] = {"--db", fx_db, "export", "indicators", "--format", "json", NULL};
    r = test_run_jib(json, env);
    cr_assert(strstr(r.out, "72.5"), "%s", r.out);
    run_result_free(&r);
}

Test(hardening, year_9999_inspection_does_not_wrap_the_due_date)
{
    authorities();
    fx_import_ok(fx_file("y.csv", "la_code,inspectorate,type,start_date,overall\n"
                                  "301,ofsted,ilacs_standard,9999-01-01,good\n"), NULL);
    struct run_result r = fx_jib("--today", "9999-06-01", "due", "--format", "csv", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "301,Barking and Dagenham,London,ilacs_standard,9999-01-01,good,"
                            "9999-12-31,"), "%s", r.out);
    cr_assert(!strstr(r.out, ",0002-"), "%s", r.out);
    run_result_free(&r);
    char iso[DATE_ISO_LEN];
    date_format(date_add_months(date_from_ymd(9999, 1, 1), 36), iso);
    cr_assert_str_eq(iso, "9999-12-31");
}

/* ---- 6: no fixed-size buffer cuts data ---- */

Test(hardening, long_alias_lists_are_kept_whole_and_round_trip)
{
    /* 600 aliases, over 6 KB, with multi-byte names */
    size_t cap = 64 * 1024, n = 0;
    char *csv = malloc(cap);
    n += (size_t)snprintf(csv + n, cap - n, "la_code,name,region_code,aliases\n301,Barking,GL,\"");
    for (int i = 0; i < 600; i++)
        n += (size_t)snprintf(csv + n, cap - n, "%sAlias Café %d", i ? "; " : "", i);
    snprintf(csv + n, cap - n, "\"\n");
    fx_import_ok(fx_file("a.csv", csv), NULL);
    cr_assert_eq(fx_int("SELECT json_array_length(aliases) FROM authority WHERE la_code = '301'"),
                 600);
    char *last = fx_text("SELECT json_extract(aliases, '$[599]') FROM authority");
    cr_assert_str_eq(last, "Alias Café 599");
    free(last);
    /* the export re-imports into an empty database unchanged */
    char *out = fx_export("authorities");
    cr_assert(text_utf8_valid(out, strlen(out)));
    const char *again = fx_file("again.csv", out);
    free(fx_db);
    fx_db = test_path(fx_dir, "second.db");
    fx_import_ok(again, NULL);
    cr_assert_eq(fx_int("SELECT json_array_length(aliases) FROM authority"), 600);
    free(out);
    free(csv);
}

Test(hardening, long_tidy_indicator_names_are_never_cut)
{
    authorities();
    char filter[1500];
    size_t n = 0;
    for (int i = 0; i < 300; i++) /* 1.5 KB of two-byte characters */
        n += (size_t)snprintf(filter + n, sizeof filter - n, "é");
    char csv[4096];
    snprintf(csv, sizeof csv,
             "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
             "region_name,old_la_code,new_la_code,la_name,category,rate\n"
             "2024,Financial year,Local authority,E92000001,England,E12000007,London,301,E09000002,"
             "Barking and Dagenham,%s,72.5\n", filter);
    fx_import_ok(fx_file("tidy.csv", csv), NULL);
    char *name = fx_text("SELECT indicator FROM indicator");
    cr_assert_eq(strlen(name), strlen(filter) + strlen(" / rate"), "%zu bytes", strlen(name));
    cr_assert(text_utf8_valid(name, strlen(name)));
    free(name);
}

/* ---- 11: CSV printed to a terminal is sanitised like tables ---- */

#include <poll.h>

/* Runs jib with stdout on a new pseudo-terminal; what it printed there. */
static char *run_on_a_terminal(const char *const *args, int *status)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    cr_assert(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
    const char *slave_name = ptsname(master);
    cr_assert_not_null(slave_name);
    int slave = open(slave_name, O_RDWR | O_NOCTTY);
    cr_assert(slave >= 0);
    struct run_result r = test_run_jib_with(args, NULL, NULL, slave);
    close(slave);
    *status = r.status;
    run_result_free(&r);
    size_t cap = 1 << 16, n = 0;
    char *out = calloc(1, cap);
    struct pollfd p = {.fd = master, .events = POLLIN};
    while (n + 1 < cap && poll(&p, 1, 200) > 0) {
        ssize_t got = read(master, out + n, cap - n - 1);
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    close(master);
    return out;
}

Test(hardening, csv_to_a_terminal_is_sanitised_but_exact_to_a_pipe)
{
    fx_import_ok(fx_file("h.csv", "date,name\n2025-12-25,\"Xmas\x1b]0;owned\x07\xc2\x9b\xe2\x80\xae\"\n"),
                 NULL);
    const char *args[] = {"--db", fx_db, "export", "holidays", NULL};
    int status;
    char *screen = run_on_a_terminal(args, &status);
    cr_assert_eq(status, 0);
    cr_assert(strstr(screen, "Xmas?]0;owned?" "?<U+202E>"), "%s", screen);
    for (const char *p = screen; *p; p++)
        cr_assert(*p != '\x1b' && *p != '\x07', "a control byte reached the terminal");
    free(screen);
    struct run_result r = fx_jib("export", "holidays", NULL);
    cr_assert(strstr(r.out, "Xmas\x1b]0;owned\x07\xc2\x9b\xe2\x80\xae"), "the pipe copy changed");
    run_result_free(&r);
}
