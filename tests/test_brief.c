/* jib brief (issue 10): one joint brief per authority, HTML for A4 or Markdown.
 * Every section for a real authority of the sample data; hostile data escaped;
 * OFFICIAL-SENSITIVE exactly when a plan is included; the file written safely;
 * and the HTML printed to PDF by headless Chromium (.ci/deps installs it and
 * poppler-utils for `make check`): page count, a page break before every
 * section, the marking on every page, no table wider than the page. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/db.h"
#include "tests/support.h"

static char *dir, *db_path;

static void demo_db(void)
{
    dir = test_tmpdir();
    db_path = test_path(dir, "sample.db");
    test_demo_db(db_path);
}

static void cleanup(void)
{
    free(db_path);
    test_tmpdir_remove(dir);
}

TestSuite(brief, .init = demo_db, .fini = cleanup, .timeout = 60);

/* jib --db sample.db --today 2026-09-14 ARGS...; asserts the exit code. */
static struct run_result jib(int want, const char *a, const char *b, const char *c,
                             const char *d, const char *e)
{
    const char *args[] = {"--db", db_path, "--today", "2026-09-14", a, b, c, d, e, NULL};
    struct run_result r = test_run_jib(args, NULL);
    cr_assert_eq(r.status, want, "jib %s %s: exit %d: %s", a, b ? b : "", r.status, r.err);
    return r;
}

static char *brief(const char *who, const char *format)
{
    struct run_result r = jib(0, "brief", who, "--format", format, NULL);
    char *out = r.out;
    r.out = NULL;
    run_result_free(&r);
    return out;
}

static void sql(const char *text)
{
    struct db *db = test_db_open(db_path);
    test_db_exec(db, text);
    db_close(db);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* ---- content ---- */

Test(brief, every_section_present_for_a_real_authority)
{
    char *html = brief("Barking and Dagenham", "html");
    static const char *const want[] = {
        "<!DOCTYPE html>", "Joint inspection brief: Barking and Dagenham", "E09000002",
        "id=\"judgements\"", "Latest judgements of all five inspectorates", "<th>Ofsted</th>",
        "<th>CQC</th>", "<th>HMICFRS</th>", "<th>HMI Probation</th>", "<th>HMI Prisons</th>",
        "Safeguarding partnership", "id=\"history\"", "History across the inspectorates",
        "Timeline of inspections", "2023-07-10", "id=\"indicators\"",
        "Children looked after at 31 March each year / rate_per_10000", "<polyline",
        "statistical neighbours", "id=\"concerns\"", "Open concerns", "id=\"status\"",
        "Due status, and why", "Monitoring", "ilacs_standard", "@page{size:A4",
        "break-before:page", "table-layout:fixed"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        cr_assert(strstr(html, want[i]), "missing '%s'", want[i]);
    cr_assert_eq(count(html, "<section"), 6, "six sections without a plan");
    cr_assert_not(strstr(html, "OFFICIAL"), "no marking without a plan");
    cr_assert_not(strstr(html, "id=\"plan\""));
    free(html);
}

Test(brief, is_self_contained_without_script_or_network)
{
    char *html = brief("301", "html");
    static const char *const banned[] = {"<script", " src=", "url(", "@import", "<link",
                                         "javascript:", "<iframe", "<object"};
    for (size_t i = 0; i < sizeof banned / sizeof *banned; i++)
        cr_assert_not(strstr(html, banned[i]), "found '%s'", banned[i]);
    cr_assert(strstr(html, "<svg"), "charts are inline SVG");
    free(html);
}

Test(brief, monitoring_and_due_reason_for_an_authority_under_monitoring)
{
    /* Trafford (358): inadequate 2026-06-08, no visit since (test_triage_sample). */
    char *html = brief("358", "html");
    cr_assert(strstr(html, "leadership, help_protection inadequate"), "trigger");
    cr_assert(strstr(html, "visit_overdue"));
    cr_assert(strstr(html, "2026-09-08"), "next visit due");
    free(html);
    char *md = brief("358", "md");
    cr_assert(strstr(md, "## Monitoring"));
    cr_assert(strstr(md, "visit\\_overdue"), "%s", md);
    free(md);
}

Test(brief, markdown_has_the_same_sections)
{
    char *md = brief("301", "md");
    static const char *const want[] = {"# Joint inspection brief: Barking and Dagenham",
                                       "## Latest judgements of all five inspectorates",
                                       "## History across the inspectorates",
                                       "## Indicators against England",
                                       "## Open concerns", "## Due status, and why",
                                       "## Monitoring", "| HMI Prisons |"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        cr_assert(strstr(md, want[i]), "missing '%s' in:\n%s", want[i], md);
    cr_assert_not(strstr(md, "OFFICIAL"));
    free(md);
}

/* The name as SQL text (quotes doubled). */
#define HOSTILE "<script>alert(1)</script><img src=x onerror=alert(2)> & \"Q\" ''A'' [x](javascript:y) |"

Test(brief, hostile_names_and_text_are_escaped)
{
    sql("UPDATE authority SET name = '" HOSTILE "' || char(27) || '[31m' || char(7)"
        " WHERE la_code = '301';"
        "INSERT INTO concern(la_code, raised_by, date, severity, summary) VALUES"
        " ('301', 'cqc', '2026-09-01', 'high', '</td></tr></table><h1>pwned</h1>');"
        "UPDATE inspection SET theme = '<svg onload=alert(3)>' WHERE la_code = '301';"
        "UPDATE inspection SET lead = '<b>lead</b>' WHERE la_code = '301';");
    char *html = brief("301", "html");
    cr_assert_not(strstr(html, "<script>"), "raw script tag");
    cr_assert_not(strstr(html, "<img"), "raw img tag");
    cr_assert_not(strstr(html, "<svg onload"), "raw svg from data");
    cr_assert_not(strstr(html, "<h1>pwned"), "raw heading from data");
    cr_assert_not(strstr(html, "<b>lead"), "raw bold from data");
    cr_assert_not(strstr(html, "\x1b"), "escape character passed through");
    cr_assert(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; "
                           "&amp; &quot;Q&quot; &#39;A&#39;"),
              "the name, escaped");
    cr_assert(strstr(html, "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h1&gt;pwned"));
    cr_assert_eq(count(html, "<section"), 6, "the structure is intact");
    free(html);
    char *md = brief("301", "md");
    cr_assert_not(strstr(md, "<script>"));
    cr_assert_not(strstr(md, "<img"));
    cr_assert_not(strstr(md, "](javascript"), "a link from data");
    cr_assert(strstr(md, "\\[x\\]\\(javascript:y\\) \\|"), "%s", md);
    free(md);
}

/* ---- the plan and the marking ---- */

static void book_301(void)
{
    struct run_result r = jib(0, "plan", "301", "--book", NULL, NULL);
    run_result_free(&r);
}

Test(brief, official_sensitive_exactly_when_a_booked_plan_is_included)
{
    book_301();
    char *html = brief("301", "html");
    cr_assert(strstr(html, "<title>OFFICIAL-SENSITIVE - "), "marked in the title");
    cr_assert(strstr(html, "@top-center{content:'OFFICIAL-SENSITIVE'"), "on every printed page");
    cr_assert(strstr(html, "id=\"plan\""));
    cr_assert(strstr(html, "Booked plan and named team"));
    cr_assert_eq(count(html, "<section"), 7);
    free(html);
    char *md = brief("301", "md");
    cr_assert(strncmp(md, "**OFFICIAL-SENSITIVE**", 22) == 0, "%s", md);
    cr_assert(strstr(md, "## Booked plan and named team"));
    free(md);
    /* Another authority's brief carries neither the plan nor the marking. */
    html = brief("302", "html");
    cr_assert_not(strstr(html, "OFFICIAL"));
    free(html);
    /* Cancelled: no plan, no marking. */
    struct run_result r = jib(0, "cancel", "1", NULL, NULL, NULL);
    run_result_free(&r);
    html = brief("301", "html");
    cr_assert_not(strstr(html, "OFFICIAL"), "a cancelled plan is not included");
    free(html);
}

Test(brief, plan_section_names_the_team)
{
    book_301();
    struct db *db = test_db_open(db_path);
    char *who = test_db_text(db, "SELECT i.name FROM plan_member m JOIN inspector i"
                                 " USING(inspector_id) WHERE m.inspectorate = 'hmi_probation'");
    long long members = test_db_int(db, "SELECT COUNT(*) FROM plan_member");
    db_close(db);
    cr_assert_not_null(who);
    char *html = brief("301", "html");
    cr_assert(strstr(html, who), "the named HMI Probation inspector %s", who);
    char *team = strstr(html, "class=\"team\"");
    cr_assert_not_null(team);
    cr_assert_eq((long long)count(team, "<tr><td>"), members, "one row per named inspector");
    free(who);
    free(html);
}

Test(brief, a_team_member_with_a_later_absence_shows_the_conflict)
{
    book_301();
    sql("INSERT INTO absence(inspector_id, from_date, to_date, kind)"
        " SELECT inspector_id, onsite_start, onsite_start, 'leave' FROM plan_member"
        " WHERE inspectorate = 'hmi_probation'");
    char *html = brief("301", "html");
    char *team = strstr(html, "class=\"team\"");
    cr_assert_not_null(team);
    cr_assert(strstr(team, "<td class=\"g4\">leave "), "the conflict, marked:\n%s", team);
    cr_assert_lt(strstr(team, "<td>Ofsted</td>"), strstr(team, "<td>HMI Probation</td>"),
                 "Ofsted first");
    free(html);
}

Test(brief, a_plan_whose_window_has_ended_is_not_included)
{
    sql("INSERT INTO plan(plan_id, la_code, window_start, window_end, type, status)"
        " VALUES(7, '301', '2025-01-06', '2025-02-02', 'jtai', 'booked')");
    char *html = brief("301", "html");
    cr_assert_not(strstr(html, "OFFICIAL"));
    free(html);
}

/* ---- the command ---- */

Test(brief, output_file_is_written_whole_and_the_command_says_where)
{
    char *out = test_path(dir, "b.html");
    char *target = test_path(dir, "elsewhere.txt");
    test_write_file(target, "keep me");
    cr_assert_eq(symlink(target, out), 0);
    struct run_result r = jib(0, "brief", "301", "-o", out, NULL);
    cr_assert(strstr(r.err, out), "%s", r.err);
    run_result_free(&r);
    struct stat st;
    cr_assert_eq(lstat(out, &st), 0);
    cr_assert(S_ISREG(st.st_mode), "the planted symlink was replaced, not followed");
    char *kept = test_read_file(target);
    cr_assert_str_eq(kept, "keep me");
    char *html = test_read_file(out);
    cr_assert(strstr(html, "</html>\n"), "complete");
    cr_assert_eq(st.st_mode & 0007, 0, "not readable by others (the database's mode)");
    free(kept);
    free(html);
    free(target);
    free(out);
}

Test(brief, unknown_authority_exits_65_and_bad_format_64)
{
    struct run_result r = jib(65, "brief", "Atlantis", NULL, NULL, NULL);
    cr_assert(strstr(r.err, "jib: no authority matches 'Atlantis'"), "%s", r.err);
    cr_assert_str_eq(r.out, "");
    run_result_free(&r);
    r = jib(64, "brief", "301", "--format", "pdf", NULL);
    cr_assert(strstr(r.err, "unknown brief format 'pdf'"), "%s", r.err);
    run_result_free(&r);
    r = jib(64, "brief", NULL, NULL, NULL, NULL);
    run_result_free(&r);
    char *missing = test_path(dir, "no/such/dir/b.html");
    r = jib(73, "brief", "301", "-o", missing, NULL);
    cr_assert(strstr(r.err, "cannot write"), "%s", r.err);
    run_result_free(&r);
    free(missing);
}

/* ---- printed by a real browser ---- */

#define MM 2.834646       /* points per millimetre */
#define MARGIN (14 * MM)  /* the print CSS's left and right page margins */
#define TOP (16 * MM)     /* and top and bottom */
#define SLACK 2.0         /* points of glyph overhang allowed */

/* Runs argv with stdout and stderr to log; the exit status. */
static int run_program(const char *const *argv, const char *log)
{
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int in = open("/dev/null", O_RDONLY);
        dup2(in, 0);
        dup2(fd, 1);
        dup2(fd, 2);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

struct word {
    int page;
    double x0, y0, x1, y1;
    char text[128];
};

struct printed {
    int pages;
    double width, height;
    size_t n;
    struct word *words;
};

/* Prints html to PDF with headless Chromium and reads back every word's box
 * (pdftotext -bbox). */
static struct printed print_pdf(const char *html_path, const char *name)
{
    char pdf[4200], bbox[4200], prof[4200], log[4200], url[4200], opt[4300];
    snprintf(pdf, sizeof pdf, "%s/%s.pdf", dir, name);
    snprintf(bbox, sizeof bbox, "%s/%s.bbox", dir, name);
    snprintf(prof, sizeof prof, "--user-data-dir=%s/chromium-%s", dir, name);
    snprintf(log, sizeof log, "%s/%s.log", dir, name);
    snprintf(url, sizeof url, "file://%s", html_path);
    snprintf(opt, sizeof opt, "--print-to-pdf=%s", pdf);
    const char *chromium[] = {"chromium", "--headless", "--no-sandbox", "--disable-gpu",
                              "--no-pdf-header-footer", "--no-first-run", prof, opt, url, NULL};
    int rc = run_program(chromium, log);
    char *why = test_read_file(log);
    cr_assert_eq(rc, 0, "chromium failed (exit %d; .ci/deps installs it): %s", rc, why ? why : "");
    free(why);
    const char *pdftotext[] = {"pdftotext", "-bbox", pdf, bbox, NULL};
    cr_assert_eq(run_program(pdftotext, log), 0, "pdftotext failed (poppler-utils)");
    char *text = test_read_file(bbox);
    cr_assert_not_null(text);
    struct printed p = {0};
    size_t cap = 0;
    for (const char *s = text; (s = strstr(s, "<")) != NULL; s++) {
        if (strncmp(s, "<page ", 6) == 0) {
            p.pages++;
            sscanf(s, "<page width=\"%lf\" height=\"%lf\"", &p.width, &p.height);
        } else if (strncmp(s, "<word ", 6) == 0) {
            if (p.n == cap)
                p.words = realloc(p.words, (cap = cap ? cap * 2 : 512) * sizeof *p.words);
            struct word *w = &p.words[p.n++];
            memset(w, 0, sizeof *w);
            w->page = p.pages;
            sscanf(s, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%127[^<]", &w->x0,
                   &w->y0, &w->x1, &w->y1, w->text);
        }
    }
    free(text);
    return p;
}

/* Words outside the page's printable width: a table wider than the page
 * (clipped in print) puts its words there. */
static size_t words_outside(const struct printed *p, char *first, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++) {
        const struct word *w = &p->words[i];
        if (w->x0 < MARGIN - SLACK || w->x1 > p->width - MARGIN + SLACK) {
            if (!n++)
                snprintf(first, len, "'%s' on page %d at x %.1f-%.1f (page %.1f wide)", w->text,
                         w->page, w->x0, w->x1, p->width);
        }
    }
    return n;
}

/* Decodes the entities HTML and pdftotext's XML write (&amp; &lt; &gt; &quot;
 * &#39;) in place. */
static void decode(char *s)
{
    static const char *const from[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&apos;"};
    static const char to[] = "&<>\"''";
    char *o = s;
    for (const char *p = s; *p;) {
        size_t k = 0;
        while (k < 6 && strncmp(p, from[k], strlen(from[k])) != 0)
            k++;
        if (k < 6) {
            *o++ = to[k];
            p += strlen(from[k]);
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
}

/* The printed text with no spaces: a word wrapped over two lines reads whole. */
static char *printed_text(const struct printed *p)
{
    size_t len = 1;
    for (size_t i = 0; i < p->n; i++)
        len += strlen(p->words[i].text);
    char *all = calloc(len, 1);
    for (size_t i = 0; i < p->n; i++) {
        char w[128];
        snprintf(w, sizeof w, "%s", p->words[i].text);
        decode(w);
        strcat(all, w);
    }
    return all;
}

/* Words of the HTML's table cells that the PDF lacks: Chromium drops what a
 * table wider than the page pushes off it, so a clipped column shows here. */
static size_t cell_words_missing(const char *html, const struct printed *p, char *first,
                                 size_t len)
{
    char *all = printed_text(p);
    size_t missing = 0;
    for (const char *s = html; (s = strstr(s, "<t")) != NULL; s++) {
        if (!((s[2] == 'd' || s[2] == 'h') && (s[3] == '>' || s[3] == ' ')))
            continue;
        const char *open = strchr(s, '>'), *close = open ? strstr(open, "</t") : NULL;
        if (!close)
            break;
        char cell[2048];
        snprintf(cell, sizeof cell, "%.*s", (int)(close - open - 1), open + 1);
        decode(cell);
        for (char *save = NULL, *tok = strtok_r(cell, " ", &save); tok;
             tok = strtok_r(NULL, " ", &save))
            if (!strstr(all, tok) && !missing++)
                snprintf(first, len, "'%s'", tok);
    }
    free(all);
    return missing;
}

/* The first line of text of a page below the top margin (words on the
 * topmost baseline, left to right), as one string. */
static void first_line(const struct printed *p, int page, char *out, size_t len)
{
    double top = 1e9;
    for (size_t i = 0; i < p->n; i++)
        if (p->words[i].page == page && p->words[i].y0 > TOP - SLACK && p->words[i].y0 < top)
            top = p->words[i].y0;
    out[0] = '\0';
    for (size_t i = 0; i < p->n; i++) {
        const struct word *w = &p->words[i];
        if (w->page == page && w->y0 < top + 1 && w->y0 > top - 1) {
            size_t n = strlen(out);
            snprintf(out + n, len - n, "%s%s", n ? " " : "", w->text);
        }
    }
}

static bool page_marked(const struct printed *p, int page)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->words[i].page == page && strcmp(p->words[i].text, "OFFICIAL-SENSITIVE") == 0 &&
            p->words[i].y1 < TOP)
            return true;
    return false;
}

static char *write_brief_file(const char *who, const char *name)
{
    char *path = test_path(dir, name);
    struct run_result r = jib(0, "brief", who, "-o", path, NULL);
    run_result_free(&r);
    return path;
}

Test(brief, prints_on_a4_with_a_page_per_section_the_marking_on_every_page_and_nothing_clipped)
{
    book_301();
    /* Long unbreakable text in a table cell and in the title must wrap, not widen the page. */
    sql("UPDATE authority SET name = 'Barking and Dagenham " HOSTILE "' || "
        "'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW'"
        " WHERE la_code = '301';"
        "INSERT INTO concern(la_code, raised_by, date, severity, summary) VALUES('301', 'cqc',"
        " '2026-09-01', 'high', 'https://example.invalid/' || "
        "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')");
    char *html = write_brief_file("301", "planned.html");
    struct printed p = print_pdf(html, "planned");
    cr_assert_float_eq(p.width, 210 * MM, 1.5, "A4 width, got %.1f", p.width);
    cr_assert_float_eq(p.height, 297 * MM, 1.5, "A4 height, got %.1f", p.height);
    static const char *const sections[] = {"Joint inspection brief:",
                                           "Latest judgements of all five inspectorates",
                                           "History across the inspectorates",
                                           "Indicators against England, the region",
                                           "Open concerns",
                                           "Due status, and why",
                                           "Booked plan and named team"};
    size_t nsections = sizeof sections / sizeof *sections;
    cr_assert(p.pages >= (int)nsections && p.pages <= (int)nsections + 4,
              "%d pages for %zu sections", p.pages, nsections);
    /* Each section starts a page, in order. */
    int page = 0;
    for (size_t s = 0; s < nsections; s++) {
        char line[1024];
        bool found = false;
        while (!found && ++page <= p.pages) {
            first_line(&p, page, line, sizeof line);
            found = strncmp(line, sections[s], strlen(sections[s])) == 0;
        }
        cr_assert(found, "no page starts with '%s'", sections[s]);
    }
    for (int pg = 1; pg <= p.pages; pg++)
        cr_assert(page_marked(&p, pg), "page %d has no OFFICIAL-SENSITIVE at its top", pg);
    char first[512] = "";
    cr_assert_eq(words_outside(&p, first, sizeof first), 0, "text beyond the page: %s", first);
    char *source = test_read_file(html);
    cr_assert_eq(cell_words_missing(source, &p, first, sizeof first), 0,
                 "table text missing from the print (clipped?): %s", first);
    free(source);
    free(p.words);
    free(html);
}

Test(brief, prints_without_any_marking_when_no_plan_is_included)
{
    char *html = write_brief_file("302", "plain.html");
    struct printed p = print_pdf(html, "plain");
    cr_assert(p.pages >= 6, "%d pages", p.pages);
    for (size_t i = 0; i < p.n; i++)
        cr_assert(strstr(p.words[i].text, "OFFICIAL") == NULL, "marked on page %d",
                  p.words[i].page);
    char first[512] = "";
    cr_assert_eq(words_outside(&p, first, sizeof first), 0, "text beyond the page: %s", first);
    char *source = test_read_file(html);
    cr_assert_eq(cell_words_missing(source, &p, first, sizeof first), 0,
                 "table text missing from the print (clipped?): %s", first);
    free(source);
    free(p.words);
    free(html);
}

/* The checks above can fail: a table wider than A4 is caught. */
Test(brief, page_width_check_catches_a_table_wider_than_the_page)
{
    char *html = test_path(dir, "wide.html");
    test_write_file(html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
                          "@page{size:A4;margin:16mm 14mm}table{width:300mm}</style></head><body>"
                          "<table><tr><td>left</td><td style=\"text-align:right\">farright"
                          "</td></tr></table></body></html>");
    struct printed p = print_pdf(html, "wide");
    char first[512] = "";
    char *source = test_read_file(html);
    size_t missing = cell_words_missing(source, &p, first, sizeof first);
    cr_assert_eq(missing, 1, "the clipped cell went unnoticed");
    cr_assert_str_eq(first, "'farright'");
    free(source);
    free(p.words);
    free(html);
}
