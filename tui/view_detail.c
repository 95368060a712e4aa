/* The authority detail: identifiers, the inspection timeline across all five
 * inspectorates, latest judgements, indicator trends as sparklines against
 * national, regional and statistical-neighbour values, concerns, monitoring
 * and plans. One scrollable page of text. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/authority.h"
#include "core/inspectorate.h"
#include "tui/termtext.h"
#include "tui/view.h"

#define SPARK_MAX 64

static const char *cell(const struct rowset *rs, size_t row, const char *col)
{
    int c = rs ? rowset_col(rs, col) : -1;
    return c >= 0 && row < rs->nrows ? rowset_get(rs, row, (size_t)c) : "";
}

static const char *or_dash(const char *s) { return *s ? s : "-"; }

static void number(const char *text, char *out, size_t len)
{
    if (!*text) {
        snprintf(out, len, "-");
        return;
    }
    double v = strtod(text, NULL);
    snprintf(out, len, fabs(v) >= 100 ? "%.0f" : "%.1f", v);
}

static void add_identity(struct textdoc *d, const struct authority_detail *a)
{
    const struct rowset *id = a->identity;
    textdoc_add(d, ROLE_SECTION, "%s (%s)", cell(id, 0, "name"), cell(id, 0, "la_code"));
    textdoc_add(d, ROLE_NORMAL, "  ONS %s  Ofsted URN %s  %s (%s)  %s", or_dash(cell(id, 0, "ons_code")),
                or_dash(cell(id, 0, "ofsted_urn")), or_dash(cell(id, 0, "region_name")),
                or_dash(cell(id, 0, "region_code")), cell(id, 0, "la_type"));
    if (*cell(id, 0, "aliases"))
        textdoc_add(d, ROLE_NORMAL, "  Also known as: %s", cell(id, 0, "aliases"));
}

/* "requires_improvement" -> "requires improvement". */
static const char *words(const char *grade, char *out, size_t len)
{
    snprintf(out, len, "%s", grade);
    for (char *p = out; *p; p++)
        if (*p == '_')
            *p = ' ';
    return out;
}

/* Adds text as lines of at most width columns (ASCII text), the first after
 * lead, the rest after indent spaces: read whole, never cut off. */
static void add_wrapped(struct textdoc *d, enum screen_role role, const char *lead, int indent,
                        const char *text)
{
    const int width = 78;
    const char *p = text;
    for (bool first = true; *p || first; first = false) {
        int at = first ? (int)strlen(lead) : indent;
        int room = width - at > 20 ? width - at : 20;
        int take = (int)strlen(p);
        if (take > room) {
            take = room;
            while (take > room / 2 && p[take] != ' ')
                take--;
            if (p[take] != ' ')
                take = room;
        }
        if (first)
            textdoc_add(d, role, "%s%.*s", lead, take, p);
        else
            textdoc_add(d, role, "%*s%.*s", indent, "", take, p);
        p += take;
        while (*p == ' ')
            p++;
    }
}

/* The answer to "why": status, due date, window, days to due and the full
 * reason, before anything else. */
static void add_due(struct textdoc *d, const struct rowset *due)
{
    textdoc_add(d, ROLE_NORMAL, "%s", "");
    textdoc_add(d, ROLE_SECTION, "Due");
    if (!due || due->nrows == 0)
        return;
    const char *status = cell(due, 0, "status"), *days = cell(due, 0, "days_to_due");
    char when[64] = "";
    long n = atol(days);
    if (*days)
        snprintf(when, sizeof when, n < 0 ? "%ld days ago" : n == 0 ? "today" : "in %ld days",
                 n < 0 ? -n : n);
    if (!*cell(due, 0, "due_date"))
        textdoc_add(d, screen_value_role("status", status), "  status %s: no due date", status);
    else
        textdoc_add(d, screen_value_role("status", status),
                    "  status %s: due %s (%s), window %s to %s", status, cell(due, 0, "due_date"),
                    when, cell(due, 0, "window_start"), cell(due, 0, "window_end"));
    char grade[40], last[200];
    snprintf(last, sizeof last, "last full inspection %s %s, cadence grade %s; %s",
             or_dash(cell(due, 0, "last_start")), or_dash(cell(due, 0, "last_type")),
             or_dash(words(cell(due, 0, "cadence_grade"), grade, sizeof grade)),
             strcmp(cell(due, 0, "monitoring"), "yes") == 0 ? "under monitoring"
                                                           : "not under monitoring");
    add_wrapped(d, ROLE_NORMAL, "  ", 4, last);
    add_wrapped(d, *cell(due, 0, "gap") ? ROLE_BAD : ROLE_NORMAL, "  why: ", 7,
                cell(due, 0, "reason"));
}

/* The statistical neighbours by name, with their latest grades. */
static void add_neighbours(struct textdoc *d, const struct rowset *rs)
{
    textdoc_add(d, ROLE_NORMAL, "%s", "");
    textdoc_add(d, ROLE_SECTION, "Statistical neighbours (latest full inspection)");
    if (!rs || rs->nrows == 0)
        textdoc_add(d, ROLE_DIM, "  None on record.");
    for (size_t r = 0; rs && r < rs->nrows; r++) {
        char grade[40];
        const char *g = cell(rs, r, "cadence_grade");
        if (!*cell(rs, r, "authority"))
            textdoc_add(d, ROLE_DIM, "  %-4s (not an authority in this database)",
                        cell(rs, r, "la_code"));
        else
            textdoc_add(d, screen_value_role("cadence_grade", g), "  %-4s %-28s %s%s%s%s",
                        cell(rs, r, "la_code"), cell(rs, r, "authority"),
                        *g ? words(g, grade, sizeof grade) : *cell(rs, r, "last_start") ? "no grade"
                                                                                   : "never inspected",
                        *cell(rs, r, "last_start") ? " (" : "", cell(rs, r, "last_start"),
                        *cell(rs, r, "last_start") ? ")" : "");
    }
}

static void add_latest(struct textdoc *d, const struct rowset *rs)
{
    textdoc_add(d, ROLE_NORMAL, "%s", "");
    textdoc_add(d, ROLE_SECTION, "Latest judgements");
    if (!rs || rs->nrows == 0)
        textdoc_add(d, ROLE_DIM, "  No judgements on record.");
    for (size_t r = 0; rs && r < rs->nrows; r++) {
        const char *grade = cell(rs, r, "cadence_grade"), *overall = cell(rs, r, "overall");
        const char *lscb = cell(rs, r, "partnership");
        char g[40], o[40], l[40], line[300];
        snprintf(line, sizeof line, "%s %s %s: %s%s%s%s%s%s", cell(rs, r, "inspectorate"),
                 cell(rs, r, "start_date"), cell(rs, r, "type"),
                 *overall ? "overall " : "no overall grade",
                 *overall ? words(overall, o, sizeof o) : "",
                 *grade && !*overall ? ", cadence grade " : "",
                 *grade && !*overall ? words(grade, g, sizeof g) : "",
                 *grade && !*overall ? " (derived: the worst area)" : "",
                 *lscb ? "" : "");
        add_wrapped(d, screen_value_role("cadence_grade", grade), "  ", 4, line);
        if (*lscb)
            textdoc_add(d, ROLE_NORMAL, "    partnership %s", words(lscb, l, sizeof l));
    }
}

/* A full inspection's judgements in words: overall, then every area; after
 * the April 2026 reform (no overall grade) the cadence grade derived from the
 * areas, said to be derived. */
static void add_judgements(struct textdoc *d, const struct rowset *rs, size_t r)
{
    static const char *const areas[][2] = {{"leadership", "leaders"},
                                           {"help_protection", "help and protection"},
                                           {"in_care", "in care"},
                                           {"care_leavers", "care leavers"},
                                           {"partnership", "partnership"}};
    char line[600] = "", g[40];
    size_t n = 0;
    for (size_t a = 0; a < sizeof areas / sizeof *areas; a++) {
        const char *v = cell(rs, r, areas[a][0]);
        if (*v && n < sizeof line)
            n += (size_t)snprintf(line + n, sizeof line - n, "%s%s %s", n ? ", " : "", areas[a][1],
                                  words(v, g, sizeof g));
    }
    if (*line)
        add_wrapped(d, ROLE_NORMAL, "              ", 14, line);
    const char *cadence = cell(rs, r, "cadence_grade");
    if (*cadence && !*cell(rs, r, "overall")) {
        snprintf(line, sizeof line, "cadence grade %s (derived: the worst area; no overall grade "
                 "since the April 2026 reform)", words(cadence, g, sizeof g));
        add_wrapped(d, screen_value_role("cadence_grade", cadence), "              ", 14, line);
    }
}

/* The timeline: one line per inspectorate (all five, even with nothing on
 * record), then every event newest first with its judgements in words. */
static void add_history(struct textdoc *d, const struct rowset *rs)
{
    textdoc_add(d, ROLE_NORMAL, "%s", "");
    textdoc_add(d, ROLE_SECTION, "Inspection history (all inspectorates, newest first)");
    for (int i = 0; i < INSP_COUNT; i++) {
        const char *code = inspectorate_code((enum inspectorate)i);
        size_t n = 0, latest = 0;
        for (size_t r = 0; rs && r < rs->nrows; r++)
            if (strcmp(cell(rs, r, "inspectorate"), code) == 0 && n++ == 0)
                latest = r;
        if (n == 0)
            textdoc_add(d, ROLE_DIM, "  %-13s no inspections on record", code);
        else
            textdoc_add(d, ROLE_NORMAL, "  %-13s %zu on record, latest %s %s", code, n,
                        cell(rs, latest, "start_date"), cell(rs, latest, "type"));
    }
    for (size_t r = 0; rs && r < rs->nrows; r++) {
        const char *overall = cell(rs, r, "overall"), *cadence = cell(rs, r, "cadence_grade");
        bool full = *cadence || *cell(rs, r, "leadership") || *overall;
        char o[40], what[80];
        if (*overall)
            snprintf(what, sizeof what, "overall %s", words(overall, o, sizeof o));
        else
            snprintf(what, sizeof what, "%s", full ? "no overall grade" : "");
        textdoc_add(d, screen_value_role("overall", *overall ? overall : cadence),
                    "  %s  %-13s %-16s %s%s%s", cell(rs, r, "start_date"),
                    cell(rs, r, "inspectorate"), cell(rs, r, "type"), what,
                    *cell(rs, r, "theme") ? (*what ? "  theme " : "theme ") : "",
                    cell(rs, r, "theme"));
        add_judgements(d, rs, r);
    }
}

/* One series of an indicator over its periods as a sparkline, scaled to
 * [lo, hi] shared by the four series so they compare; gaps are blank. */
static void sparkline(const double *v, const bool *have, size_t n, double lo, double hi, char *out,
                      size_t len)
{
    static const char *const blocks[8] = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
                                          "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"};
    static const char ascii[] = "_.-:=+*#";
    bool utf8 = termtext_utf8();
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && used + 4 < len; i++) {
        int level = hi > lo ? (int)((v[i] - lo) / (hi - lo) * 7.0 + 0.5) : 3;
        level = level < 0 ? 0 : level > 7 ? 7 : level;
        char one[2] = {ascii[level], '\0'};
        const char *s = !have[i] ? " " : utf8 ? blocks[level] : one;
        size_t sl = strlen(s);
        memcpy(out + used, s, sl);
        used += sl;
        out[used] = '\0';
    }
}

static const char *const series_cols[4] = {"value", "national", "regional", "neighbours"};
static const char *const series_labels[4] = {"this LA", "national", "regional", "neighbours"};

/* One scale for the four lines when their values are alike (rates), so they
 * compare; each its own when they are not (a council's count against the
 * national total), so each still shows its trend. */
static bool shared_scale(double lo[4], double hi[4])
{
    double top = 0, bottom = INFINITY;
    for (int s = 0; s < 4; s++)
        if (hi[s] >= lo[s])
            top = fmax(top, fabs(hi[s])), bottom = fmin(bottom, fabs(hi[s]));
    return bottom > 0 && top / bottom <= 5.0;
}

static void add_trend_lines(struct textdoc *d, const struct rowset *trends, const char *name)
{
    double v[4][SPARK_MAX], lo[4] = {INFINITY, INFINITY, INFINITY, INFINITY},
                            hi[4] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY};
    bool have[4][SPARK_MAX];
    size_t n = 0;
    for (size_t r = 0; trends && r < trends->nrows && n < SPARK_MAX; r++) {
        if (strcmp(cell(trends, r, "indicator"), name) != 0)
            continue;
        for (int s = 0; s < 4; s++) {
            const char *text = cell(trends, r, series_cols[s]);
            have[s][n] = *text != '\0';
            v[s][n] = have[s][n] ? strtod(text, NULL) : 0;
            if (have[s][n])
                lo[s] = fmin(lo[s], v[s][n]), hi[s] = fmax(hi[s], v[s][n]);
        }
        n++;
    }
    bool shared = shared_scale(lo, hi);
    double all_lo = fmin(fmin(lo[0], lo[1]), fmin(lo[2], lo[3]));
    double all_hi = fmax(fmax(hi[0], hi[1]), fmax(hi[2], hi[3]));
    for (int s = 0; s < 4 && n > 0; s++) {
        char spark[SPARK_MAX * 4 + 1], last[32] = "-";
        sparkline(v[s], have[s], n, shared ? all_lo : lo[s], shared ? all_hi : hi[s], spark,
                  sizeof spark);
        for (size_t i = n; i-- > 0;)
            if (have[s][i]) {
                snprintf(last, sizeof last, fabs(v[s][i]) >= 100 ? "%.0f" : "%.1f", v[s][i]);
                break;
            }
        textdoc_add(d, ROLE_NORMAL, "      %-10s %s  %s%s", series_labels[s], spark, last,
                    !shared && s == 0 ? "  (each line on its own scale)" : "");
    }
}

static void add_indicators(struct textdoc *d, const struct authority_detail *a)
{
    const struct rowset *rs = a->indicators;
    textdoc_add(d, ROLE_NORMAL, "%s", "");
    textdoc_add(d, ROLE_SECTION, "Indicators (latest period; trends oldest to newest)");
    if (!rs || rs->nrows == 0)
        textdoc_add(d, ROLE_DIM, "  No indicators on record.");
    for (size_t r = 0; rs && r < rs->nrows; r++) {
        const char *name = cell(rs, r, "indicator");
        char val[32], nat[32], reg[32], nb[32];
        number(cell(rs, r, "value"), val, sizeof val);
        number(cell(rs, r, "national"), nat, sizeof nat);
        number(cell(rs, r, "regional"), reg, sizeof reg);
        number(cell(rs, r, "neighbours"), nb, sizeof nb);
        textdoc_add(d, ROLE_NORMAL, "  %s", name);
        char rank[64];
        if (*cell(rs, r, "neighbour_rank"))
            snprintf(rank, sizeof rank, "rank %s of %s", cell(rs, r, "neighbour_rank"),
                     or_dash(cell(rs, r, "neighbour_count")));
        else
            snprintf(rank, sizeof rank, "a count: not ranked");
        char line[400];
        snprintf(line, sizeof line, "%s: %s (national %s, regional %s, neighbours %s; %s; %s)",
                 cell(rs, r, "period"), val, nat, reg, nb, rank, or_dash(cell(rs, r, "trend")));
        add_wrapped(d, ROLE_DIM, "    ", 6, line);
        add_trend_lines(d, a->trends, name);
    }
}

static void add_concerns(struct textdoc *d, const struct rowset *rs)
{
    textdoc_add(d, ROLE_NORMAL, "%s", "");
    textdoc_add(d, ROLE_SECTION, "Concerns");
    if (!rs || rs->nrows == 0)
        textdoc_add(d, ROLE_DIM, "  No concerns on record.");
    for (size_t r = 0; rs && r < rs->nrows; r++) {
        bool open = strcmp(cell(rs, r, "open"), "yes") == 0;
        const char *sev = cell(rs, r, "severity");
        char closed[40];
        snprintf(closed, sizeof closed, "closed %s", cell(rs, r, "closed"));
        textdoc_add(d, open ? screen_value_role("severity", sev) : ROLE_DIM, "  %s %-13s %-6s %-15s %s",
                    cell(rs, r, "date"), cell(rs, r, "raised_by"), sev, open ? "open" : closed,
                    cell(rs, r, "summary"));
    }
}

static void add_monitoring(struct textdoc *d, const struct rowset *rs)
{
    textdoc_add(d, ROLE_NORMAL, "%s", "");
    textdoc_add(d, ROLE_SECTION, "Monitoring");
    if (!rs || rs->nrows == 0) {
        textdoc_add(d, ROLE_DIM, "  Not under monitoring.");
        return;
    }
    const char *status = cell(rs, 0, "status");
    textdoc_add(d, screen_value_role("status", status),
                "  %s: judged %s %s (%s months), %s visits, last %s, next due %s, "
                "re-inspection due %s",
                status, *cell(rs, 0, "trigger") ? cell(rs, 0, "trigger") : "inadequate",
                cell(rs, 0, "judged"), cell(rs, 0, "months"), cell(rs, 0, "visits"),
                or_dash(cell(rs, 0, "last_visit")), cell(rs, 0, "next_visit_due"),
                cell(rs, 0, "reinspection_due"));
}

static void add_team(struct textdoc *d, const struct rowset *team, const char *plan_id)
{
    for (size_t r = 0; team && r < team->nrows; r++) {
        if (strcmp(cell(team, r, "plan_id"), plan_id) != 0)
            continue;
        const char *conflict = cell(team, r, "conflict");
        textdoc_add(d, *conflict ? ROLE_BAD : ROLE_NORMAL, "    %-13s %s %s, on site %s to %s%s%s",
                    cell(team, r, "inspectorate"), cell(team, r, "inspector_id"),
                    cell(team, r, "inspector"), cell(team, r, "onsite_start"),
                    cell(team, r, "onsite_end"), *conflict ? " - CONFLICT: " : "", conflict);
    }
}

static void add_plans(struct textdoc *d, const struct rowset *rs, const struct rowset *team)
{
    textdoc_add(d, ROLE_NORMAL, "%s", "");
    textdoc_add(d, ROLE_SECTION, "Plans (confidential)");
    if (!rs || rs->nrows == 0)
        textdoc_add(d, ROLE_DIM, "  No plans. Press p to find joint windows.");
    for (size_t r = 0; rs && r < rs->nrows; r++) {
        const char *conflicts = cell(rs, r, "conflicts");
        textdoc_add(d, *conflicts ? ROLE_BAD : screen_value_role("status", cell(rs, r, "status")),
                    "  #%s %s to %s %s %s, booked by %s%s", cell(rs, r, "plan_id"),
                    cell(rs, r, "window_start"), cell(rs, r, "window_end"), cell(rs, r, "type"),
                    cell(rs, r, "status"), or_dash(cell(rs, r, "booked_by")),
                    *conflicts ? " - HAS CONFLICTS (R in the Plans view replaces)" : "");
        add_team(d, team, cell(rs, r, "plan_id"));
    }
}

static int detail_load(struct view *v, struct app *app, struct error *err)
{
    struct authority_detail a;
    size_t top = v->text.top; /* a reload keeps the place */
    textdoc_free(&v->text);
    v->is_table = false;
    if (authority_detail_load(app->db, v->la_code, app->today, &a, err))
        return -1;
    add_identity(&v->text, &a);
    add_due(&v->text, a.due);
    add_latest(&v->text, a.latest);
    add_history(&v->text, a.history);
    add_neighbours(&v->text, a.neighbours);
    add_indicators(&v->text, &a);
    add_concerns(&v->text, a.concerns);
    add_monitoring(&v->text, a.monitoring);
    add_plans(&v->text, a.plans, a.plan_team);
    authority_detail_free(&a);
    v->text.top = top < v->text.count ? top : 0;
    return 0;
}

const struct view_ops view_detail_ops = {.name = "detail", .title = "Detail", .load = detail_load};
