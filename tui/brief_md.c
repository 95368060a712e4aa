/* The joint brief as Markdown: the same sections as the HTML, tables instead
 * of charts. Data is escaped: markup characters become entities and Markdown's
 * own punctuation is backslash-escaped, so no name can open a link, an image or
 * HTML; control characters become '?'. */
#include <string.h>

#include "core/date.h"
#include "core/inspectorate.h"
#include "tui/brief.h"

#define MARKING "OFFICIAL-SENSITIVE"

static void esc(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        unsigned char c = *p;
        if (c == '&') fputs("&amp;", f);
        else if (c == '<') fputs("&lt;", f);
        else if (c == '>') fputs("&gt;", f);
        else if (c == '\n' || c == '\t' || c == '\r') fputc(' ', f);
        else if (c < 0x20 || c == 0x7f) fputc('?', f);
        else if (c == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) { fputc('?', f); p++; }
        else if (strchr("\\`*_[]()|#!~", c)) { fputc('\\', f); fputc(c, f); }
        else fputc(c, f);
    }
}

static void cellv(FILE *f, const char *v)
{
    fputs("| ", f);
    esc(f, *v ? v : "-");
    fputc(' ', f);
}

static void header(FILE *f, const char *const *cols, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "| %s ", cols[i]);
    fputs("|\n", f);
    for (size_t i = 0; i < n; i++)
        fputs("|---", f);
    fputs("|\n", f);
}

static void item(FILE *f, const char *term, const char *value)
{
    fprintf(f, "- **%s:** ", term);
    esc(f, *value ? value : "-");
    fputc('\n', f);
}

static const char *insp_label(const char *code)
{
    int i = inspectorate_from_code(code);
    return i >= 0 ? inspectorate_label((enum inspectorate)i) : code;
}

static void identity(FILE *f, const struct brief *b)
{
    const struct rowset *id = b->detail.identity;
    char today[DATE_ISO_LEN];
    date_format(b->today, today);
    fputs("# Joint inspection brief: ", f);
    esc(f, brief_cell(id, 0, "name"));
    fprintf(f, "\n\nAs of %s.\n\n## Authority\n\n", today);
    item(f, "LA code", brief_cell(id, 0, "la_code"));
    item(f, "ONS code", brief_cell(id, 0, "ons_code"));
    item(f, "Ofsted URN", brief_cell(id, 0, "ofsted_urn"));
    item(f, "Region", brief_cell(id, 0, "region_name"));
    item(f, "Type", brief_cell(id, 0, "la_type"));
    item(f, "Also known as", brief_cell(id, 0, "aliases"));
    item(f, "Statistical neighbours", brief_cell(id, 0, "stat_neighbours"));
}

static void latest(FILE *f, const struct brief *b)
{
    static const char *const cols[] = {"overall", "leadership", "help_protection", "in_care",
                                       "care_leavers", "partnership", "cadence_grade"};
    const struct rowset *rs = b->detail.latest;
    fputs("\n## Latest judgements of all five inspectorates\n\n| Judgement ", f);
    int rows[INSP_COUNT];
    for (int i = 0; i < INSP_COUNT; i++) {
        fprintf(f, "| %s ", inspectorate_label((enum inspectorate)i));
        rows[i] = -1;
        for (size_t r = 0; rs && r < rs->nrows; r++)
            if (rows[i] < 0 && strcmp(brief_cell(rs, r, "inspectorate"),
                                      inspectorate_code((enum inspectorate)i)) == 0)
                rows[i] = (int)r;
    }
    fputs("|\n|---|---|---|---|---|---|\n| Inspection ", f);
    for (int i = 0; i < INSP_COUNT; i++) {
        char what[128] = "none on record";
        if (rows[i] >= 0)
            snprintf(what, sizeof what, "%s %s", brief_cell(rs, (size_t)rows[i], "type"),
                     brief_cell(rs, (size_t)rows[i], "start_date"));
        cellv(f, what);
    }
    fputs("|\n", f);
    for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
        fprintf(f, "| %s ", cols[c]);
        for (int i = 0; i < INSP_COUNT; i++)
            cellv(f, rows[i] < 0 ? "" : brief_grade_label(brief_cell(rs, (size_t)rows[i], cols[c])));
        fputs("|\n", f);
    }
}

static void history(FILE *f, const struct brief *b)
{
    static const char *const cols[] = {"Started", "Inspectorate", "Type", "Overall", "Leaders",
                                       "Help and protection", "In care", "Care leavers",
                                       "Partnership", "Theme"};
    static const char *const names[] = {"start_date", "inspectorate", "type", "overall",
                                        "leadership", "help_protection", "in_care",
                                        "care_leavers", "partnership", "theme"};
    const struct rowset *h = b->detail.history;
    fputs("\n## History across the inspectorates\n\n", f);
    if (!h || !h->nrows) {
        fputs("No inspections on record.\n", f);
        return;
    }
    header(f, cols, sizeof cols / sizeof *cols);
    for (size_t r = 0; r < h->nrows; r++) {
        for (size_t c = 0; c < sizeof names / sizeof *names; c++) {
            const char *v = brief_cell(h, r, names[c]);
            cellv(f, c == 1 ? insp_label(v) : c >= 3 && c <= 8 ? brief_grade_label(v) : v);
        }
        fputs("|\n", f);
    }
}

static void indicators(FILE *f, const struct brief *b)
{
    static const char *const cols[] = {"Indicator", "Period", "This LA", "England", "Region",
                                       "Neighbours", "Rank", "Trend"};
    static const char *const nums[] = {"value", "national", "regional", "neighbours"};
    const struct rowset *rs = b->detail.indicators;
    fputs("\n## Indicators against England, the region and statistical neighbours\n\n", f);
    if (!rs || !rs->nrows) {
        fputs("No indicators on record.\n", f);
        return;
    }
    header(f, cols, sizeof cols / sizeof *cols);
    for (size_t r = 0; r < rs->nrows; r++) {
        char num[64], rank[64] = "";
        cellv(f, brief_cell(rs, r, "indicator"));
        cellv(f, brief_cell(rs, r, "period"));
        for (size_t k = 0; k < 4; k++) {
            brief_number(brief_cell(rs, r, nums[k]), num, sizeof num);
            cellv(f, num);
        }
        if (*brief_cell(rs, r, "neighbour_rank"))
            snprintf(rank, sizeof rank, "%s of %s", brief_cell(rs, r, "neighbour_rank"),
                     brief_cell(rs, r, "neighbour_count"));
        cellv(f, rank);
        cellv(f, brief_cell(rs, r, "trend"));
        fputs("|\n", f);
    }
}

static void concerns(FILE *f, const struct brief *b)
{
    static const char *const cols[] = {"Raised", "By", "Severity", "Summary"};
    const struct rowset *rs = b->detail.concerns;
    size_t open = 0;
    fputs("\n## Open concerns\n\n", f);
    for (size_t r = 0; rs && r < rs->nrows; r++) {
        if (strcmp(brief_cell(rs, r, "open"), "yes") != 0)
            continue;
        if (!open++)
            header(f, cols, sizeof cols / sizeof *cols);
        cellv(f, brief_cell(rs, r, "date"));
        cellv(f, insp_label(brief_cell(rs, r, "raised_by")));
        cellv(f, brief_cell(rs, r, "severity"));
        cellv(f, brief_cell(rs, r, "summary"));
        fputs("|\n", f);
    }
    if (!open)
        fputs("No open concerns.\n", f);
}

static void status(FILE *f, const struct brief *b)
{
    const struct rowset *due = b->due, *mon = b->detail.monitoring;
    fputs("\n## Due status, and why\n\n", f);
    item(f, "Status", brief_cell(due, 0, "status"));
    item(f, "Why", brief_cell(due, 0, "reason"));
    item(f, "Cadence grade", brief_grade_label(brief_cell(due, 0, "cadence_grade")));
    item(f, "Due date", brief_cell(due, 0, "due_date"));
    item(f, "Window from", brief_cell(due, 0, "window_start"));
    item(f, "Window to", brief_cell(due, 0, "window_end"));
    fputs("\n## Monitoring\n\n", f);
    if (!mon || !mon->nrows) {
        fputs("Not under monitoring.\n", f);
        return;
    }
    item(f, "Put there by", brief_cell(mon, 0, "trigger"));
    item(f, "Judged", brief_cell(mon, 0, "judged"));
    item(f, "Visits so far", brief_cell(mon, 0, "visits"));
    item(f, "Last visit", brief_cell(mon, 0, "last_visit"));
    item(f, "Next visit due", brief_cell(mon, 0, "next_visit_due"));
    item(f, "Visit status", brief_cell(mon, 0, "status"));
    item(f, "Re-inspection due", brief_cell(mon, 0, "reinspection_due"));
}

static void plan(FILE *f, const struct brief *b)
{
    static const char *const cols[] = {"Inspectorate", "Inspector", "On site from", "to",
                                       "Conflict"};
    const struct rowset *p = b->plan, *t = b->team;
    fputs("\n## Booked plan and named team\n\n**" MARKING ".** Inspections are unannounced: do not "
          "share this plan outside the team.\n\n",
          f);
    item(f, "Plan", brief_cell(p, 0, "plan_id"));
    item(f, "Window from", brief_cell(p, 0, "window_start"));
    item(f, "Window to", brief_cell(p, 0, "window_end"));
    item(f, "Type", brief_cell(p, 0, "type"));
    item(f, "Theme", brief_cell(p, 0, "theme"));
    item(f, "Booked by", brief_cell(p, 0, "booked_by"));
    fputc('\n', f);
    header(f, cols, sizeof cols / sizeof *cols);
    for (size_t r = 0; t && r < t->nrows; r++) {
        char who[512];
        snprintf(who, sizeof who, "%s (%s)", brief_cell(t, r, "name"), brief_cell(t, r, "inspector_id"));
        cellv(f, insp_label(brief_cell(t, r, "inspectorate")));
        cellv(f, who);
        cellv(f, brief_cell(t, r, "onsite_start"));
        cellv(f, brief_cell(t, r, "onsite_end"));
        cellv(f, *brief_cell(t, r, "conflict") ? brief_cell(t, r, "conflict") : "none");
        fputs("|\n", f);
    }
}

int brief_write_md(FILE *f, const struct brief *b)
{
    bool marked = brief_has_plan(b);
    if (marked)
        fputs("**" MARKING "**\n\n", f);
    identity(f, b);
    latest(f, b);
    history(f, b);
    indicators(f, b);
    concerns(f, b);
    status(f, b);
    if (marked) {
        plan(f, b);
        fputs("\n**" MARKING "**\n", f);
    }
    return ferror(f) ? -1 : 0;
}
