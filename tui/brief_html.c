/* The joint brief as one self-contained HTML file: no script, no network, inline
 * SVG charts, print CSS for A4 with a page break before every section and
 * tables that wrap instead of overflowing (fixed layout, 100% wide). A brief
 * with a booked plan is marked OFFICIAL-SENSITIVE at the top of every printed
 * page (a CSS page-margin box) and of the screen view; one without carries no
 * marking. Every data string goes through esc(). */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/grade.h"
#include "core/inspectorate.h"
#include "tui/brief.h"

#define MARKING "OFFICIAL-SENSITIVE"

/* Text as HTML: markup characters become entities; control characters (C0,
 * DEL, C1) and bidirectional overrides, which could reorder what a reader sees,
 * become '?'. Safe in element content and in quoted attributes. */
static void esc(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        if (c == '&') fputs("&amp;", f);
        else if (c == '<') fputs("&lt;", f);
        else if (c == '>') fputs("&gt;", f);
        else if (c == '"') fputs("&quot;", f);
        else if (c == '\'') fputs("&#39;", f);
        else if (c == '\n' || c == '\t') fputc(' ', f);
        else if (c < 0x20 || c == 0x7f) fputc('?', f);
        else if (c == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) { fputc('?', f); p++; }
        else if (c == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
                               (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9))) {
            fputc('?', f);
            p += 2;
        } else fputc(c, f);
        p++;
    }
}

/* printf for our own markup, with %s arguments that are never data. */
static void put(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
}

/* <tag class="cls">escaped text</tag> */
static void el(FILE *f, const char *tag, const char *cls, const char *text)
{
    put(f, cls ? "<%s class=\"%s\">" : "<%s>", tag, cls);
    esc(f, text);
    put(f, "</%s>", tag);
}

static void td_grade(FILE *f, const char *name)
{
    int g = brief_grade_of(name);
    if (!g) {
        el(f, "td", "none", *name ? name : "-");
        return;
    }
    char cls[8];
    snprintf(cls, sizeof cls, "g%d", g);
    el(f, "td", cls, brief_grade_label(name));
}

static void td_text(FILE *f, const char *text) { el(f, "td", NULL, *text ? text : "-"); }

/* A code as words ("ilacs_standard" -> "ilacs standard"), so that it wraps. */
static void td_code(FILE *f, const char *code)
{
    char words[128];
    snprintf(words, sizeof words, "%s", code);
    for (char *p = words; *p; p++)
        if (*p == '_')
            *p = ' ';
    td_text(f, words);
}

static void head_row(FILE *f, const char *const *cols, size_t n)
{
    put(f, "<thead><tr>");
    for (size_t i = 0; i < n; i++)
        put(f, "<th>%s</th>", cols[i]);
    put(f, "</tr></thead>\n");
}

/* ---- the page ---- */

static const char css[] =
    ":root{--ink:#111;--muted:#555;--rule:#bbb}"
    "*{box-sizing:border-box}"
    "body{overflow-wrap:anywhere;font:10pt/1.35 'DejaVu Sans',Arial,Helvetica,sans-serif;color:var(--ink);margin:0 auto;"
    "max-width:190mm;padding:8mm}"
    "h1{font-size:17pt;margin:0 0 2mm}h2{font-size:13pt;margin:0 0 3mm;border-bottom:1px solid "
    "var(--rule);padding-bottom:1mm}h3{font-size:10pt;margin:2mm 0 1mm}"
    "p{margin:0 0 2mm}.muted{color:var(--muted)}"
    "table{width:100%;table-layout:fixed;border-collapse:collapse;margin:0 0 4mm}"
    "th,td{border:1px solid var(--rule);padding:1mm 1.5mm;text-align:left;vertical-align:top;"
    "overflow-wrap:anywhere;word-break:break-word}"
    "table{font-size:8.5pt}th{background:#eee;font-weight:bold}thead{display:table-header-group}"
    "tr{break-inside:avoid}td.num{text-align:right}"
    ".g1{background:#d9f0d3}.g2{background:#e7f5e1}.g3{background:#fde9c8}"
    ".g4{background:#f8d0cc;font-weight:bold}.none{color:var(--muted)}"
    "section{margin:0 0 10mm}"
    ".charts{display:grid;grid-template-columns:1fr 1fr;gap:3mm 5mm}"
    "figure{margin:0;break-inside:avoid}figcaption{font-size:8.5pt}"
    "svg{width:100%;height:auto;display:block}"
    ".marking{font-weight:bold;text-align:center;letter-spacing:.05em;border:2px solid #000;"
    "padding:1mm;margin:0 0 4mm}"
    "dl{display:grid;grid-template-columns:45mm 1fr;gap:1mm 3mm;margin:0 0 4mm}dt{font-weight:"
    "bold}dd{margin:0;overflow-wrap:anywhere}"
    "@page{size:A4;margin:16mm 14mm 16mm 14mm;"
    "@bottom-right{content:'page ' counter(page) ' of ' counter(pages);font:8pt sans-serif}}"
    "@media print{body{max-width:none;padding:0}section{margin:0}"
    "section+section{break-before:page}.marking{display:none}a{color:inherit}}";

static const char css_marked[] =
    "@page{@top-center{content:'" MARKING "';font:bold 11pt sans-serif}"
    "@bottom-center{content:'" MARKING "';font:bold 9pt sans-serif}}";

static void page_start(FILE *f, const struct brief *b, bool marked)
{
    const struct rowset *id = b->detail.identity;
    put(f, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    put(f, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    put(f, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; img-src data:\">\n");
    put(f, "<title>");
    if (marked)
        put(f, MARKING " - ");
    put(f, "Joint inspection brief: ");
    esc(f, brief_cell(id, 0, "name"));
    put(f, " (");
    esc(f, b->la_code);
    put(f, ")</title>\n<style>%s%s</style>\n</head>\n<body>\n", css, marked ? css_marked : "");
    if (marked)
        put(f, "<div class=\"marking\">" MARKING "</div>\n");
}

static void page_end(FILE *f, bool marked)
{
    if (marked)
        put(f, "<div class=\"marking\">" MARKING "</div>\n");
    put(f, "</body>\n</html>\n");
}

static void dl_item(FILE *f, const char *term, const char *value)
{
    put(f, "<dt>%s</dt>", term);
    el(f, "dd", NULL, *value ? value : "-");
    put(f, "\n");
}

/* ---- 1. the authority ---- */

static void section_identity(FILE *f, const struct brief *b, bool marked)
{
    const struct rowset *id = b->detail.identity, *due = b->due;
    char today[DATE_ISO_LEN], concerns[32];
    date_format(b->today, today);
    put(f, "<section id=\"authority\">\n<h1>Joint inspection brief: ");
    esc(f, brief_cell(id, 0, "name"));
    put(f, "</h1>\n<p class=\"muted\">As of %s. For the inspection team before going on site: "
           "every inspectorate's latest judgements, the history, indicators, open concerns, "
           "monitoring, the due status%s.</p>\n",
           today, marked ? " and the booked plan" : "");
    put(f, "<h2>Authority</h2>\n<dl>\n");
    dl_item(f, "Name", brief_cell(id, 0, "name"));
    dl_item(f, "LA code", brief_cell(id, 0, "la_code"));
    dl_item(f, "ONS code", brief_cell(id, 0, "ons_code"));
    dl_item(f, "Ofsted URN", brief_cell(id, 0, "ofsted_urn"));
    dl_item(f, "Region", brief_cell(id, 0, "region_name"));
    dl_item(f, "Region code", brief_cell(id, 0, "region_code"));
    dl_item(f, "Type", brief_cell(id, 0, "la_type"));
    dl_item(f, "Also known as", brief_cell(id, 0, "aliases"));
    dl_item(f, "Statistical neighbours", brief_cell(id, 0, "stat_neighbours"));
    put(f, "</dl>\n<h2>At a glance</h2>\n<dl>\n");
    dl_item(f, "Due status", brief_cell(due, 0, "status"));
    dl_item(f, "Due date", brief_cell(due, 0, "due_date"));
    dl_item(f, "Cadence grade", brief_grade_label(brief_cell(due, 0, "cadence_grade")));
    dl_item(f, "Under monitoring", brief_cell(due, 0, "monitoring"));
    snprintf(concerns, sizeof concerns, "%s", brief_cell(due, 0, "open_concerns"));
    dl_item(f, "Open concerns", concerns);
    if (marked)
        dl_item(f, "Booked plan", "yes: see the last section");
    put(f, "</dl>\n</section>\n");
}

/* ---- 2. latest judgements, all five side by side ---- */

static const char *const judgement_cols[] = {"overall",      "leadership",  "help_protection",
                                             "in_care",      "care_leavers", "partnership",
                                             "cadence_grade"};
static const char *const judgement_labels[] = {"Overall",
                                               "Impact of leaders",
                                               "Help and protection",
                                               "Children in care",
                                               "Care leavers",
                                               "Safeguarding partnership",
                                               "Cadence grade"};

static int latest_row(const struct rowset *rs, const char *code)
{
    for (size_t r = 0; rs && r < rs->nrows; r++)
        if (strcmp(brief_cell(rs, r, "inspectorate"), code) == 0)
            return (int)r;
    return -1;
}

static void section_latest(FILE *f, const struct brief *b)
{
    const struct rowset *rs = b->detail.latest;
    int rows[INSP_COUNT];
    put(f, "<section id=\"judgements\">\n<h2>Latest judgements of all five inspectorates</h2>\n");
    put(f, "<p class=\"muted\">Each inspectorate's latest inspection that carries a judgement. "
           "The cadence grade is the overall grade, else the worst area grade.</p>\n");
    put(f, "<table class=\"latest\"><colgroup><col style=\"width:22%%\">");
    for (int i = 0; i < INSP_COUNT; i++)
        put(f, "<col style=\"width:15.6%%\">");
    put(f, "</colgroup>\n<thead><tr><th>Judgement</th>");
    for (int i = 0; i < INSP_COUNT; i++) {
        put(f, "<th>%s</th>", inspectorate_label((enum inspectorate)i));
        rows[i] = latest_row(rs, inspectorate_code((enum inspectorate)i));
    }
    put(f, "</tr></thead>\n<tbody>\n<tr><th>Inspection</th>");
    for (int i = 0; i < INSP_COUNT; i++)
        td_code(f, rows[i] < 0 ? "none on record" : brief_cell(rs, (size_t)rows[i], "type"));
    put(f, "</tr>\n<tr><th>Started</th>");
    for (int i = 0; i < INSP_COUNT; i++)
        td_text(f, rows[i] < 0 ? "" : brief_cell(rs, (size_t)rows[i], "start_date"));
    put(f, "</tr>\n");
    for (size_t j = 0; j < sizeof judgement_cols / sizeof *judgement_cols; j++) {
        put(f, "<tr><th>%s</th>", judgement_labels[j]);
        for (int i = 0; i < INSP_COUNT; i++)
            td_grade(f, rows[i] < 0 ? "" : brief_cell(rs, (size_t)rows[i], judgement_cols[j]));
        put(f, "</tr>\n");
    }
    put(f, "</tbody></table>\n</section>\n");
}

/* ---- 3. the timeline across inspectorates ---- */

#define TL_LEFT 92.0
#define TL_RIGHT 690.0
#define TL_LANE 22.0
#define TL_TOP 14.0

static const char *const grade_fill[] = {"#ffffff", "#1a9850", "#91cf60", "#fdae61", "#d73027"};

static double tl_x(jdate d, jdate from, jdate to)
{
    return TL_LEFT + (TL_RIGHT - TL_LEFT) * (double)(d - from) / (double)(to - from);
}

static void timeline_axis(FILE *f, int y0, int y1, jdate from, jdate to, double bottom)
{
    int step = y1 - y0 > 24 ? 5 : y1 - y0 > 12 ? 2 : 1;
    for (int y = y0; y <= y1; y++) {
        jdate d = date_from_ymd(y, 1, 1);
        if (d < from || d > to)
            continue;
        double x = tl_x(d, from, to);
        put(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", x, TL_TOP - 4,
            x, bottom);
        if ((y - y0) % step == 0)
            put(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\">%d</text>", x,
                bottom + 11, y);
    }
}

static void timeline_svg(FILE *f, const struct brief *b)
{
    const struct rowset *h = b->detail.history;
    jdate first = b->today;
    for (size_t r = 0; h && r < h->nrows; r++) {
        jdate d;
        if (date_parse_iso(brief_cell(h, r, "start_date"), &d) && d < first)
            first = d;
    }
    int y0, y1, m, day;
    date_to_ymd(first, &y0, &m, &day);
    date_to_ymd(b->today, &y1, &m, &day);
    jdate from = date_from_ymd(y0, 1, 1), to = b->today > from ? b->today : from + 1;
    double bottom = TL_TOP + TL_LANE * INSP_COUNT;
    put(f, "<figure><svg viewBox=\"0 0 700 %.0f\" role=\"img\" aria-label=\"Timeline of "
           "inspections by inspectorate\">\n",
        bottom + 44);
    timeline_axis(f, y0, y1, from, to, bottom);
    for (int i = 0; i < INSP_COUNT; i++) {
        double y = TL_TOP + TL_LANE * i + TL_LANE / 2;
        put(f, "<text x=\"0\" y=\"%.1f\" font-size=\"10\">%s</text>", y + 3,
            inspectorate_label((enum inspectorate)i));
        put(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>\n", TL_LEFT, y,
            TL_RIGHT, y);
    }
    for (size_t r = 0; h && r < h->nrows; r++) {
        jdate d;
        int lane = inspectorate_from_code(brief_cell(h, r, "inspectorate"));
        if (lane < 0 || !date_parse_iso(brief_cell(h, r, "start_date"), &d))
            continue;
        double x = tl_x(d, from, to), y = TL_TOP + TL_LANE * lane + TL_LANE / 2;
        const char *type = brief_cell(h, r, "type"), *overall = brief_cell(h, r, "overall");
        if (brief_is_full_type(type))
            put(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\" stroke=\"#000\">", x, y,
                grade_fill[brief_grade_of(overall)]);
        else
            put(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"none\" "
                   "stroke=\"#000\">",
                x - 4, y - 4);
        put(f, "<title>");
        esc(f, brief_cell(h, r, "start_date"));
        put(f, " ");
        esc(f, type);
        put(f, " ");
        esc(f, brief_grade_label(overall));
        put(f, "</title>%s\n", brief_is_full_type(type) ? "</circle>" : "</rect>");
    }
    put(f, "<text x=\"0\" y=\"%.1f\" font-size=\"9\">Circle: full inspection, filled by its "
           "overall grade: dark green outstanding, light green good, orange requires "
           "improvement,</text>\n<text x=\"0\" y=\"%.1f\" font-size=\"9\">red inadequate, white "
           "none. Square: a visit or joint inspection. The table below says the same in "
           "words.</text>\n",
        bottom + 26, bottom + 38);
    put(f, "</svg></figure>\n");
}

/* Area grades of one event in a few words ("leaders RI, in care inadequate"). */
static void area_summary(const struct rowset *h, size_t r, char *out, size_t len)
{
    static const char *const cols[] = {"leadership", "help_protection", "in_care", "care_leavers",
                                       "partnership"};
    static const char *const short_names[] = {"leaders", "help and protection", "in care",
                                              "care leavers", "partnership"};
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof cols / sizeof *cols && n < len; i++) {
        const char *g = brief_cell(h, r, cols[i]);
        if (*g)
            n += (size_t)snprintf(out + n, len - n, "%s%s: %s", n ? "; " : "", short_names[i],
                                  grade_label(brief_grade_of(g)));
    }
}

static void section_history(FILE *f, const struct brief *b)
{
    static const char *const cols[] = {"Started", "Inspectorate", "Type", "Overall",
                                       "Areas", "Theme", "Lead"};
    const struct rowset *h = b->detail.history;
    put(f, "<section id=\"history\">\n<h2>History across the inspectorates</h2>\n");
    timeline_svg(f, b);
    if (!h || h->nrows == 0) {
        put(f, "<p>No inspections on record.</p>\n</section>\n");
        return;
    }
    put(f, "<table class=\"history\"><colgroup><col style=\"width:11%%\"><col style=\"width:12%%\">"
           "<col style=\"width:14%%\"><col style=\"width:12%%\"><col style=\"width:29%%\">"
           "<col style=\"width:9%%\"><col style=\"width:13%%\"></colgroup>\n");
    head_row(f, cols, sizeof cols / sizeof *cols);
    put(f, "<tbody>\n");
    for (size_t r = 0; r < h->nrows; r++) {
        char areas[512];
        int i = inspectorate_from_code(brief_cell(h, r, "inspectorate"));
        put(f, "<tr>");
        td_text(f, brief_cell(h, r, "start_date"));
        td_text(f, i >= 0 ? inspectorate_label((enum inspectorate)i) : brief_cell(h, r, "inspectorate"));
        td_code(f, brief_cell(h, r, "type"));
        td_grade(f, brief_cell(h, r, "overall"));
        area_summary(h, r, areas, sizeof areas);
        td_text(f, areas);
        td_text(f, brief_cell(h, r, "theme"));
        td_text(f, brief_cell(h, r, "lead"));
        put(f, "</tr>\n");
    }
    put(f, "</tbody></table>\n</section>\n");
}

/* ---- 4. indicators with charts ---- */

#define CH_W 320.0
#define CH_H 150.0
#define CH_L 44.0
#define CH_R 296.0
#define CH_T 10.0
#define CH_B 112.0

struct series {
    const char *col, *label, *dash;
    double width;
    bool shown;
};

/* A benchmark is drawn only when it is on the authority's scale: totals (the
 * national number of children, say) would flatten its line to nothing. */
static bool comparable(double la_max, double bench_max)
{
    return la_max > 0 && bench_max > 0 && bench_max / la_max <= 10 && la_max / bench_max <= 10;
}

static size_t indicator_rows(const struct rowset *t, const char *name, size_t *first)
{
    size_t n = 0;
    for (size_t r = 0; t && r < t->nrows; r++)
        if (strcmp(brief_cell(t, r, "indicator"), name) == 0 && n++ == 0)
            *first = r;
    return n;
}

static void chart_line(FILE *f, const struct rowset *t, size_t first, size_t n, const struct series *s,
                       double lo, double hi)
{
    put(f, "<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"%.1f\"%s%s%s points=\"",
        s->width, *s->dash ? " stroke-dasharray=\"" : "", s->dash, *s->dash ? "\"" : "");
    for (size_t i = 0; i < n; i++) {
        const char *v = brief_cell(t, first + i, s->col);
        if (!*v)
            continue;
        double x = n > 1 ? CH_L + (CH_R - CH_L) * (double)i / (double)(n - 1) : (CH_L + CH_R) / 2;
        double y = CH_B - (CH_B - CH_T) * (strtod(v, NULL) - lo) / (hi - lo);
        put(f, "%.1f,%.1f ", x, y);
    }
    put(f, "\"/>\n");
}

static void chart(FILE *f, const struct brief *b, const char *name)
{
    const struct rowset *t = b->detail.trends;
    struct series s[4] = {{"value", "this authority", "", 2.5, true},
                          {"national", "England", "6 3", 1.2, true},
                          {"regional", "region", "2 2", 1.2, true},
                          {"neighbours", "statistical neighbours", "8 3 2 3", 1.2, true}};
    size_t first = 0, n = indicator_rows(t, name, &first);
    double mx[4] = {0, 0, 0, 0}, lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k < 4; k++)
        for (size_t i = 0; i < n; i++) {
            const char *v = brief_cell(t, first + i, s[k].col);
            if (*v && fabs(strtod(v, NULL)) > mx[k])
                mx[k] = fabs(strtod(v, NULL));
        }
    char omitted[160] = "";
    for (int k = 1; k < 4; k++) {
        s[k].shown = mx[k] > 0 && comparable(mx[0], mx[k]);
        if (mx[k] > 0 && !s[k].shown)
            snprintf(omitted + strlen(omitted), sizeof omitted - strlen(omitted), "%s%s",
                     *omitted ? ", " : "", s[k].label);
    }
    for (int k = 0; k < 4; k++)
        for (size_t i = 0; s[k].shown && i < n; i++) {
            const char *v = brief_cell(t, first + i, s[k].col);
            if (*v) {
                double x = strtod(v, NULL);
                lo = x < lo ? x : lo;
                hi = x > hi ? x : hi;
            }
        }
    if (!(lo <= hi))
        lo = 0, hi = 1;
    if (hi - lo < 1e-9)
        lo -= 1, hi += 1;
    char lo_s[32], hi_s[32], buf[32];
    snprintf(buf, sizeof buf, "%g", lo);
    brief_number(buf, lo_s, sizeof lo_s);
    snprintf(buf, sizeof buf, "%g", hi);
    brief_number(buf, hi_s, sizeof hi_s);
    put(f, "<figure><svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", CH_W, CH_H);
    esc(f, name);
    put(f, "\">\n<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
           "stroke=\"#ccc\"/>\n",
        CH_L, CH_T, CH_R - CH_L, CH_B - CH_T);
    put(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"9\" text-anchor=\"end\">", CH_L - 3, CH_T + 8);
    esc(f, hi_s);
    put(f, "</text><text x=\"%.0f\" y=\"%.0f\" font-size=\"9\" text-anchor=\"end\">", CH_L - 3, CH_B);
    esc(f, lo_s);
    put(f, "</text>\n");
    for (size_t i = 0; i < n; i++) {
        double x = n > 1 ? CH_L + (CH_R - CH_L) * (double)i / (double)(n - 1) : (CH_L + CH_R) / 2;
        put(f, "<text x=\"%.1f\" y=\"%.0f\" font-size=\"9\" text-anchor=\"middle\">", x, CH_B + 11);
        esc(f, brief_cell(t, first + i, "period"));
        put(f, "</text>");
    }
    for (int k = 3; k >= 0; k--)
        if (s[k].shown)
            chart_line(f, t, first, n, &s[k], lo, hi);
    double lx = 4;
    for (int k = 0; k < 4; k++) {
        if (!s[k].shown)
            continue;
        put(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#000\" "
               "stroke-width=\"%.1f\"%s%s%s/>",
            lx, CH_B + 26, lx + 18, CH_B + 26, s[k].width, *s[k].dash ? " stroke-dasharray=\"" : "",
            s[k].dash, *s[k].dash ? "\"" : "");
        put(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"8.5\">%s</text>", lx + 21, CH_B + 29,
            s[k].label);
        lx += 21 + 5.2 * (double)strlen(s[k].label) + 10;
    }
    put(f, "\n</svg><figcaption>");
    esc(f, name);
    if (*omitted) {
        put(f, ". Not drawn (totals, not on this authority's scale): ");
        esc(f, omitted);
    }
    put(f, ".</figcaption></figure>\n");
}

static void section_indicators(FILE *f, const struct brief *b)
{
    static const char *const cols[] = {"Indicator", "Period", "This LA", "England", "Region",
                                       "Neighbours", "Rank", "Trend"};
    const struct rowset *rs = b->detail.indicators;
    put(f, "<section id=\"indicators\">\n<h2>Indicators against England, the region and "
           "statistical neighbours</h2>\n");
    if (!rs || rs->nrows == 0) {
        put(f, "<p>No indicators on record.</p>\n</section>\n");
        return;
    }
    put(f, "<table class=\"indicators\"><colgroup><col style=\"width:30%%\"><col style=\"width:8%%\">"
           "<col style=\"width:10%%\"><col style=\"width:12%%\"><col style=\"width:11%%\">"
           "<col style=\"width:11%%\"><col style=\"width:9%%\"><col style=\"width:9%%\"></colgroup>\n");
    head_row(f, cols, sizeof cols / sizeof *cols);
    put(f, "<tbody>\n");
    for (size_t r = 0; r < rs->nrows; r++) {
        static const char *const nums[] = {"value", "national", "regional", "neighbours"};
        char num[64], rank[64];
        put(f, "<tr>");
        td_text(f, brief_cell(rs, r, "indicator"));
        td_text(f, brief_cell(rs, r, "period"));
        for (size_t k = 0; k < 4; k++) {
            brief_number(brief_cell(rs, r, nums[k]), num, sizeof num);
            el(f, "td", "num", num);
        }
        snprintf(rank, sizeof rank, "%s of %s", brief_cell(rs, r, "neighbour_rank"),
                 brief_cell(rs, r, "neighbour_count"));
        td_text(f, *brief_cell(rs, r, "neighbour_rank") ? rank : "");
        td_text(f, brief_cell(rs, r, "trend"));
        put(f, "</tr>\n");
    }
    put(f, "</tbody></table>\n<p class=\"muted\">Rank: 1 is the highest value among the "
           "authority and its statistical neighbours. Neighbours: their mean.</p>\n"
           "<div class=\"charts\">\n");
    for (size_t r = 0; r < rs->nrows; r++)
        chart(f, b, brief_cell(rs, r, "indicator"));
    put(f, "</div>\n</section>\n");
}

/* ---- 5. open concerns ---- */

static void section_concerns(FILE *f, const struct brief *b)
{
    static const char *const cols[] = {"Raised", "By", "Severity", "Summary"};
    const struct rowset *rs = b->detail.concerns;
    size_t open = 0, closed = 0;
    for (size_t r = 0; rs && r < rs->nrows; r++)
        strcmp(brief_cell(rs, r, "open"), "yes") == 0 ? open++ : closed++;
    put(f, "<section id=\"concerns\">\n<h2>Open concerns</h2>\n");
    if (!open) {
        put(f, "<p>No open concerns.</p>\n");
    } else {
        put(f, "<table class=\"concerns\"><colgroup><col style=\"width:13%%\"><col style=\"width:15%%\">"
               "<col style=\"width:11%%\"><col style=\"width:61%%\"></colgroup>\n");
        head_row(f, cols, sizeof cols / sizeof *cols);
        put(f, "<tbody>\n");
        for (size_t r = 0; rs && r < rs->nrows; r++) {
            if (strcmp(brief_cell(rs, r, "open"), "yes") != 0)
                continue;
            int i = inspectorate_from_code(brief_cell(rs, r, "raised_by"));
            const char *sev = brief_cell(rs, r, "severity");
            put(f, "<tr>");
            td_text(f, brief_cell(rs, r, "date"));
            td_text(f, i >= 0 ? inspectorate_label((enum inspectorate)i) : brief_cell(rs, r, "raised_by"));
            el(f, "td", strcmp(sev, "high") == 0 ? "g4" : NULL, sev);
            td_text(f, brief_cell(rs, r, "summary"));
            put(f, "</tr>\n");
        }
        put(f, "</tbody></table>\n");
    }
    if (closed)
        put(f, "<p class=\"muted\">%zu closed concern%s not listed.</p>\n", closed,
            closed == 1 ? "" : "s");
    put(f, "</section>\n");
}

/* ---- 6. due status and monitoring ---- */

static void section_status(FILE *f, const struct brief *b)
{
    const struct rowset *due = b->due, *mon = b->detail.monitoring;
    put(f, "<section id=\"status\">\n<h2>Due status, and why</h2>\n<dl>\n");
    dl_item(f, "Status", brief_cell(due, 0, "status"));
    dl_item(f, "Why", brief_cell(due, 0, "reason"));
    dl_item(f, "Latest full inspection", brief_cell(due, 0, "last_type"));
    dl_item(f, "Started", brief_cell(due, 0, "last_start"));
    dl_item(f, "Cadence grade", brief_grade_label(brief_cell(due, 0, "cadence_grade")));
    dl_item(f, "Due date", brief_cell(due, 0, "due_date"));
    char window[64] = "";
    if (*brief_cell(due, 0, "window_start"))
        snprintf(window, sizeof window, "%s to %s", brief_cell(due, 0, "window_start"),
                 brief_cell(due, 0, "window_end"));
    dl_item(f, "Window", window);
    dl_item(f, "Days to due", brief_cell(due, 0, "days_to_due"));
    put(f, "</dl>\n<h2>Monitoring</h2>\n");
    if (!mon || mon->nrows == 0) {
        put(f, "<p>Not under monitoring.</p>\n</section>\n");
        return;
    }
    put(f, "<dl>\n");
    dl_item(f, "Put there by", brief_cell(mon, 0, "trigger"));
    dl_item(f, "Judged", brief_cell(mon, 0, "judged"));
    dl_item(f, "Months in monitoring", brief_cell(mon, 0, "months"));
    dl_item(f, "Visits so far", brief_cell(mon, 0, "visits"));
    dl_item(f, "Last visit", brief_cell(mon, 0, "last_visit"));
    dl_item(f, "Next visit due", brief_cell(mon, 0, "next_visit_due"));
    dl_item(f, "Visit status", brief_cell(mon, 0, "status"));
    dl_item(f, "Re-inspection due", brief_cell(mon, 0, "reinspection_due"));
    put(f, "</dl>\n</section>\n");
}

/* ---- 7. the booked plan ---- */

static void section_plan(FILE *f, const struct brief *b)
{
    static const char *const cols[] = {"Inspectorate", "Inspector", "On site from", "to",
                                       "Conflict"};
    const struct rowset *p = b->plan, *t = b->team;
    put(f, "<section id=\"plan\">\n<h2>Booked plan and named team</h2>\n<p><strong>" MARKING
           ".</strong> Inspections are unannounced: do not share this plan outside the team.</p>\n"
           "<dl>\n");
    dl_item(f, "Plan", brief_cell(p, 0, "plan_id"));
    char window[64];
    snprintf(window, sizeof window, "%s to %s", brief_cell(p, 0, "window_start"),
             brief_cell(p, 0, "window_end"));
    dl_item(f, "Window", window);
    dl_item(f, "Type", brief_cell(p, 0, "type"));
    dl_item(f, "Theme", brief_cell(p, 0, "theme"));
    dl_item(f, "Booked by", brief_cell(p, 0, "booked_by"));
    dl_item(f, "Booked at", brief_cell(p, 0, "booked_at"));
    put(f, "</dl>\n");
    if (!t || t->nrows == 0) {
        put(f, "<p>No inspectors named.</p>\n</section>\n");
        return;
    }
    put(f, "<table class=\"team\">\n");
    head_row(f, cols, sizeof cols / sizeof *cols);
    put(f, "<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        int i = inspectorate_from_code(brief_cell(t, r, "inspectorate"));
        char who[512];
        snprintf(who, sizeof who, "%s (%s)", brief_cell(t, r, "name"), brief_cell(t, r, "inspector_id"));
        put(f, "<tr>");
        td_text(f, i >= 0 ? inspectorate_label((enum inspectorate)i) : brief_cell(t, r, "inspectorate"));
        td_text(f, who);
        td_text(f, brief_cell(t, r, "onsite_start"));
        td_text(f, brief_cell(t, r, "onsite_end"));
        el(f, "td", *brief_cell(t, r, "conflict") ? "g4" : NULL,
           *brief_cell(t, r, "conflict") ? brief_cell(t, r, "conflict") : "none");
        put(f, "</tr>\n");
    }
    put(f, "</tbody></table>\n</section>\n");
}

int brief_write_html(FILE *f, const struct brief *b)
{
    bool marked = brief_has_plan(b);
    page_start(f, b, marked);
    section_identity(f, b, marked);
    section_latest(f, b);
    section_history(f, b);
    section_indicators(f, b);
    section_concerns(f, b);
    section_status(f, b);
    if (marked)
        section_plan(f, b);
    page_end(f, marked);
    return ferror(f) ? -1 : 0;
}
