/* The rooms of the house (ARCHITECTURE.md): import/ is a file boundary that
 * reports through its sink and errors through struct error; it never prints,
 * draws or picks exit codes. Checked on the source of every .c file in import/. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"

/* The line of src that at points into. */
static long line_of(const char *src, const char *at)
{
    long line = 1;
    for (const char *p = src; p < at; p++)
        line += *p == '\n';
    return line;
}

/* The stream a writing call writes to: the first argument of fprintf and
 * vfprintf, the last of fputs, fputc, putc and fwrite (text as written). */
static void stream_argument(const char *fn, const char *open_paren, char *out, size_t len)
{
    const char *p = open_paren + 1, *arg = p, *last = p;
    int depth = 0;
    for (; *p && !(depth == 0 && *p == ')'); p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        else if (*p == ',' && depth == 0) {
            if (strstr(fn, "printf") && arg == open_paren + 1) {
                p++; /* first argument ends here */
                last = p - 1;
                break;
            }
            arg = p + 1;
        }
    }
    const char *from = strstr(fn, "printf") ? open_paren + 1 : arg;
    const char *to = strstr(fn, "printf") ? last : p;
    while (from < to && (*from == ' ' || *from == '\n'))
        from++;
    while (to > from && (to[-1] == ' ' || to[-1] == '\n'))
        to--;
    snprintf(out, len, "%.*s", (int)(to - from), from);
}

/* Streams import/ may write, by file: files it makes itself through
 * outfile.c (import.c's rejects file, xlsx_writer.c's copy into place) and
 * csv_writer.c's `out` (the caller's such file). */
static const struct {
    const char *file, *stream;
} allowed_streams[] = {{"csv_writer.c", "out"}, {"import.c", "f"}, {"xlsx_writer.c", "to"}};

static bool allowed(const char *file, const char *stream)
{
    for (size_t i = 0; i < sizeof allowed_streams / sizeof *allowed_streams; i++)
        if (strcmp(file, allowed_streams[i].file) == 0 &&
            strcmp(stream, allowed_streams[i].stream) == 0)
            return true;
    return false;
}

typedef void (*check_fn)(const char *file, const char *src, char *problems, size_t len);

static void for_each_import_file(check_fn check)
{
    char dir[4200], problems[8192] = "";
    snprintf(dir, sizeof dir, "%s/import", test_root());
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "%s", dir);
    int files = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (n < 3 || strcmp(e->d_name + n - 2, ".c") != 0)
            continue;
        char path[4500];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *src = test_source_without_comments(path);
        cr_assert_not_null(src, "%s", path);
        check(e->d_name, src, problems, sizeof problems);
        free(src);
        files++;
    }
    closedir(d);
    cr_assert_gt(files, 5, "import/*.c not found in %s", dir);
    cr_assert_str_eq(problems, "", "%s", problems);
}

static void add(char *problems, size_t len, const char *file, long line, const char *what)
{
    size_t used = strlen(problems);
    snprintf(problems + used, len - used, "import/%s:%ld: %s\n", file, line, what);
}

static void no_printing(const char *file, const char *src, char *problems, size_t len)
{
    regex_t re;
    cr_assert_eq(regcomp(&re, "(^|[^A-Za-z0-9_])(stdout|stderr|printf|vprintf|puts|putchar|"
                              "perror|fprintf|vfprintf|fputs|fputc|putc|fwrite|dprintf)"
                              "[ \t\n]*([(]?)", REG_EXTENDED), 0);
    regmatch_t m[4];
    for (const char *p = src; regexec(&re, p, 4, m, p == src ? 0 : REG_NOTBOL) == 0;
         p += m[0].rm_eo) {
        char fn[16], stream[128], what[256];
        snprintf(fn, sizeof fn, "%.*s", (int)(m[2].rm_eo - m[2].rm_so), p + m[2].rm_so);
        const char *at = p + m[2].rm_so;
        bool call = m[3].rm_eo > m[3].rm_so;
        if (strcmp(fn, "stdout") == 0 || strcmp(fn, "stderr") == 0) {
            snprintf(what, sizeof what, "uses %s", fn);
            add(problems, len, file, line_of(src, at), what);
            continue;
        }
        if (!call)
            continue; /* a name, as in format(printf, 2, 3) */
        if (strcmp(fn, "fprintf") && strcmp(fn, "vfprintf") && strcmp(fn, "fputs") &&
            strcmp(fn, "fputc") && strcmp(fn, "putc") && strcmp(fn, "fwrite")) {
            snprintf(what, sizeof what, "calls %s()", fn);
            add(problems, len, file, line_of(src, at), what);
            continue;
        }
        stream_argument(fn, p + m[3].rm_so, stream, sizeof stream);
        if (!allowed(file, stream)) {
            snprintf(what, sizeof what, "%s() to '%s', not a file import/ made", fn, stream);
            add(problems, len, file, line_of(src, at), what);
        }
    }
    regfree(&re);
}

Test(layers, import_never_writes_to_stdout_stderr_or_a_handed_stream)
{
    for_each_import_file(no_printing);
}

static void no_escapes(const char *file, const char *src, char *problems, size_t len)
{
    static const char *const escapes[] = {"\\033", "\\x1b", "\\x1B", "\\e", "\\u001b"};
    for (size_t i = 0; i < sizeof escapes / sizeof *escapes; i++)
        for (const char *p = src; (p = strstr(p, escapes[i])) != NULL; p++) {
            char what[64];
            snprintf(what, sizeof what, "a terminal control sequence (%s)", escapes[i]);
            add(problems, len, file, line_of(src, p), what);
        }
}

Test(layers, import_draws_nothing_no_escape_sequences)
{
    for_each_import_file(no_escapes);
}

static void no_exit_codes(const char *file, const char *src, char *problems, size_t len)
{
    static const char *const codes[] = {"EX_", "exit(", "sysexits", "\"jib: "};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        for (const char *p = src; (p = strstr(p, codes[i])) != NULL; p++) {
            /* EX_ as a word: not part of another name such as O_EXCL */
            if (i == 0 && p > src && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
                continue;
            if (i == 1 && p > src && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
                continue;
            char what[64];
            snprintf(what, sizeof what, "knows exit codes or the jib: prefix (%s)", codes[i]);
            add(problems, len, file, line_of(src, p), what);
        }
}

/* Errors, one way: import/ reports a kind and a message (core/error.h);
 * tui/ alone picks the exit code and adds "jib: ". */
Test(layers, import_uses_no_exit_codes_and_no_jib_prefix)
{
    for_each_import_file(no_exit_codes);
}

static void no_curses(const char *file, const char *src, char *problems, size_t len)
{
    const char *p = strstr(src, "curses.h");
    if (p)
        add(problems, len, file, line_of(src, p), "includes curses");
    p = strstr(src, "tui/");
    if (p)
        add(problems, len, file, line_of(src, p), "includes tui/");
}

Test(layers, import_includes_no_curses_and_nothing_of_tui)
{
    for_each_import_file(no_curses);
}
