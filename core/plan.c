#include "core/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/inspectorate.h"

#define WINDOW_DAYS_MAX (12 * 7) /* joint_window_weeks is at most 12 */

int planner_open(struct db *db, jdate from, int weeks, struct planner *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    int rc = policy_load(db, &out->policy, err);
    if (rc)
        return rc;
    /* From 12 months (and a week) before the first window, for the booked-days
     * tie-break, to the last day of the last window. */
    jdate first = date_add_months(date_monday_on_or_after(from), -12) - 7;
    jdate last = date_monday_on_or_after(from) + (weeks + out->policy.joint_window_weeks) * 7;
    return roster_load(db, first, (int)(last - first + 1), &out->roster, err);
}

void planner_close(struct planner *p) { roster_free(&p->roster); }

void plan_window_free(struct plan_window *w)
{
    free(w->members);
    w->members = NULL;
    w->nmembers = 0;
}

static bool eligible(const struct roster_inspector *person, int insp, const struct plan_target *t)
{
    if (person->inspectorate != insp)
        return false;
    return !(t && t->la_code && *person->home_la && strcmp(person->home_la, t->la_code) == 0);
}

/* The working days of [start, end], at most WINDOW_DAYS_MAX. */
static int working_days(const struct roster *r, jdate start, jdate end, jdate *out)
{
    int n = 0;
    for (jdate d = start; d <= end && n < WINDOW_DAYS_MAX; d++)
        if (roster_is_working_day(r, d))
            out[n++] = d;
    return n;
}

static int count_free(const struct roster *r, int insp, const struct plan_target *t, jdate from,
                      jdate to)
{
    int n = 0;
    for (size_t i = 0; i < r->count; i++)
        if (eligible(&r->people[i], insp, t) && roster_free_between(r, i, from, to))
            n++;
    return n;
}

/* Selection order of rule 23 for a window starting at window_start. */
struct candidate {
    size_t who;
    int booked_days;
    bool other_region;
    const char *id;
};

static int compare_candidates(const void *a, const void *b)
{
    const struct candidate *x = a, *y = b;
    if (x->booked_days != y->booked_days)
        return x->booked_days < y->booked_days ? -1 : 1;
    if (x->other_region != y->other_region)
        return x->other_region ? 1 : -1;
    return strcmp(x->id, y->id);
}

static bool is_excluded(size_t who, const size_t *exclude, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (exclude[i] == who)
            return true;
    return false;
}

size_t planner_free_for(const struct planner *p, const struct plan_target *t, int inspectorate,
                        jdate window_start, jdate from, jdate to, const size_t *exclude,
                        size_t nexclude, size_t *out, size_t max)
{
    const struct roster *r = &p->roster;
    struct candidate *c = malloc((r->count ? r->count : 1) * sizeof *c);
    if (!c)
        abort();
    size_t n = 0;
    jdate year_before = date_add_months(window_start, -12);
    for (size_t i = 0; i < r->count; i++) {
        const struct roster_inspector *person = &r->people[i];
        if (!eligible(person, inspectorate, t) || is_excluded(i, exclude, nexclude) ||
            !roster_free_between(r, i, from, to))
            continue;
        c[n].who = i;
        c[n].booked_days = roster_booked_days(r, i, year_before, window_start - 1);
        c[n].other_region = !(t && t->region_code && *t->region_code &&
                              strcmp(person->region, t->region_code) == 0);
        c[n].id = person->id;
        n++;
    }
    qsort(c, n, sizeof *c, compare_candidates);
    size_t k = n < max ? n : max;
    for (size_t i = 0; i < k; i++)
        out[i] = c[i].who;
    free(c);
    return k;
}

/* The earliest block of onsite_days working days inside the window in which
 * `need` eligible inspectors are free; its index into wd, or -1. *best is the
 * most free in any block. */
static int earliest_block(const struct planner *p, const struct plan_target *t, int insp,
                          const jdate *wd, int nwd, int need, int *best)
{
    int len = p->policy.onsite_days;
    *best = 0;
    for (int j = 0; j + len <= nwd; j++) {
        int n = count_free(&p->roster, insp, t, wd[j], wd[j + len - 1]);
        if (n > *best)
            *best = n;
        if (n >= need)
            return j;
    }
    return -1;
}

static void add_team(const struct planner *p, const struct plan_target *t, int insp,
                     jdate window_start, jdate from, jdate to, struct plan_window *out)
{
    size_t need = (size_t)p->policy.team[insp];
    size_t *who = malloc(need * sizeof *who);
    if (!who)
        abort();
    size_t n = planner_free_for(p, t, insp, window_start, from, to, NULL, 0, who, need);
    for (size_t i = 0; i < n; i++)
        out->members[out->nmembers++] = (struct plan_member){who[i], insp, from, to};
    free(who);
}

static size_t team_total(const struct policy *policy)
{
    size_t n = 0;
    for (int k = 0; k < INSP_COUNT; k++)
        n += (size_t)(policy->team[k] > 0 ? policy->team[k] : 0);
    return n;
}

bool planner_try_window(const struct planner *p, const struct plan_target *t, jdate start,
                        struct plan_window *out, struct plan_shortfall *sf)
{
    jdate end = start + p->policy.joint_window_weeks * 7 - 1;
    jdate wd[WINDOW_DAYS_MAX];
    int nwd = working_days(&p->roster, start, end, wd);
    int block[INSP_COUNT];
    bool feasible = true;
    if (sf)
        sf->windows++;
    for (int k = 0; k < INSP_COUNT; k++) {
        block[k] = -1;
        if (p->policy.team[k] <= 0)
            continue;
        int best;
        block[k] = earliest_block(p, t, k, wd, nwd, p->policy.team[k], &best);
        if (sf) {
            if (best > sf->best_free[k])
                sf->best_free[k] = best;
            if (block[k] >= 0)
                sf->windows_ok[k]++;
        }
        if (block[k] < 0) {
            feasible = false;
            if (!sf)
                break; /* nobody asked how near the others came */
        }
    }
    if (!feasible || !out)
        return feasible;
    out->start = start;
    out->end = end;
    out->nmembers = 0;
    out->members = malloc((team_total(&p->policy) + 1) * sizeof *out->members);
    if (!out->members)
        abort();
    for (int k = 0; k < INSP_COUNT; k++)
        if (block[k] >= 0)
            add_team(p, t, k, start, wd[block[k]], wd[block[k] + p->policy.onsite_days - 1], out);
    return true;
}

bool planner_window_can_start(const struct planner *p, jdate monday)
{
    return planner_try_window(p, NULL, monday, NULL, NULL);
}

static void count_eligible(const struct planner *p, const struct plan_target *t,
                           struct plan_shortfall *sf)
{
    for (size_t i = 0; i < p->roster.count; i++)
        for (int k = 0; k < INSP_COUNT; k++)
            if (eligible(&p->roster.people[i], k, t))
                sf->eligible[k]++;
}

size_t planner_find(const struct planner *p, const struct plan_target *t, jdate from, int weeks,
                    struct plan_window *out, size_t max, struct plan_shortfall *sf)
{
    if (sf) {
        memset(sf, 0, sizeof *sf);
        count_eligible(p, t, sf);
    }
    size_t found = 0;
    jdate monday = date_monday_on_or_after(from);
    for (int w = 0; w < weeks && found < max; w++)
        if (planner_try_window(p, t, monday + w * 7, &out[found], sf))
            found++;
    return found;
}

void plan_shortfall_describe(const struct planner *p, const struct plan_shortfall *sf, char *out,
                             size_t out_len)
{
    size_t n = 0;
    out[0] = '\0';
    for (int k = 0; k < INSP_COUNT && n < out_len; k++) {
        int need = p->policy.team[k];
        if (need <= 0 || sf->windows_ok[k] > 0)
            continue;
        const char *code = inspectorate_code((enum inspectorate)k);
        if (sf->eligible[k] == 0)
            n += (size_t)snprintf(out + n, out_len - n,
                                  "%s%s: no eligible inspectors on the roster (a team of %d is "
                                  "needed)",
                                  n ? "\n" : "", code, need);
        else
            n += (size_t)snprintf(out + n, out_len - n,
                                  "%s%s: at most %d of %d free for %d working days in any window "
                                  "(%d on the roster)",
                                  n ? "\n" : "", code, sf->best_free[k], need,
                                  p->policy.onsite_days, sf->eligible[k]);
    }
    if (n == 0 && sf->windows > 0) {
        /* Every inspectorate could field its team somewhere, never all at once. */
        n += (size_t)snprintf(out, out_len, "every inspectorate can field its team in some "
                                            "window, but never all in the same one (");
        bool first = true;
        for (int k = 0; k < INSP_COUNT && n < out_len; k++) {
            if (p->policy.team[k] <= 0)
                continue;
            n += (size_t)snprintf(out + n, out_len - n, "%s%s in %d of %d windows",
                                  first ? "" : ", ", inspectorate_code((enum inspectorate)k),
                                  sf->windows_ok[k], sf->windows);
            first = false;
        }
        if (n < out_len)
            snprintf(out + n, out_len - n, ")");
    }
}

/* ---- proposals ---- */

static int load_target(struct db *db, const char *la_code, struct plan_proposal *out,
                       struct error *err)
{
    sqlite3_stmt *stmt =
        db_prepare(db, "SELECT la_code, name, region_code FROM authority WHERE la_code = ?1");
    if (!stmt)
        return db_error(db, err, "cannot read authorities");
    sqlite3_bind_text(stmt, 1, la_code, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        snprintf(out->la_code, sizeof out->la_code, "%s", db_column_text(stmt, 0));
        snprintf(out->name, sizeof out->name, "%s", db_column_text(stmt, 1));
        snprintf(out->region_code, sizeof out->region_code, "%s", db_column_text(stmt, 2));
        rc = 0;
    } else if (rc == SQLITE_DONE) {
        rc = error_set(err, ERROR_DATA, "no authority with la_code %s", la_code);
    } else {
        rc = db_error(db, err, "cannot read authorities");
    }
    sqlite3_finalize(stmt);
    return rc;
}

static void add_member_row(struct rowset *rs, const struct roster *r, int rank,
                           const struct plan_window *w, const struct plan_member *m)
{
    char d[4][DATE_ISO_LEN];
    date_format(w->start, d[0]);
    date_format(w->end, d[1]);
    date_format(m->onsite_start, d[2]);
    date_format(m->onsite_end, d[3]);
    size_t row = rowset_add_row(rs);
    rowset_set_int(rs, row, 0, rank);
    rowset_set(rs, row, 1, d[0]);
    rowset_set(rs, row, 2, d[1]);
    rowset_set(rs, row, 3, inspectorate_code((enum inspectorate)m->inspectorate));
    rowset_set(rs, row, 4, r->people[m->who].id);
    rowset_set(rs, row, 5, r->people[m->who].name);
    rowset_set(rs, row, 6, d[2]);
    rowset_set(rs, row, 7, d[3]);
}

struct rowset *plan_window_rows(const struct roster *r, const struct plan_window *windows,
                                size_t n)
{
    struct rowset *rs = rowset_new_csv(
        "rank,window_start,window_end,inspectorate,inspector_id,inspector,onsite_start,onsite_end",
        "ittttttt");
    for (size_t i = 0; i < n; i++)
        for (size_t m = 0; m < windows[i].nmembers; m++)
            add_member_row(rs, r, (int)i + 1, &windows[i], &windows[i].members[m]);
    return rs;
}

int plan_propose(struct db *db, const char *la_code, jdate from, struct plan_proposal *out,
                 struct error *err)
{
    memset(out, 0, sizeof *out);
    out->from = from;
    int rc = load_target(db, la_code, out, err);
    if (rc)
        return rc;
    struct planner planner;
    if ((rc = planner_open(db, from, PLAN_SEARCH_WEEKS, &planner, err)) != 0) {
        planner_close(&planner);
        return rc;
    }
    struct plan_target target = {out->la_code, out->region_code};
    struct plan_shortfall sf;
    out->nwindows = planner_find(&planner, &target, from, PLAN_SEARCH_WEEKS, out->windows,
                                 PLAN_WINDOWS_MAX, &sf);
    if (out->nwindows == 0)
        plan_shortfall_describe(&planner, &sf, out->why_none, sizeof out->why_none);
    out->rows = plan_window_rows(&planner.roster, out->windows, out->nwindows);
    /* Members name roster indices, meaningless once the roster is gone: the
     * rows keep who and when. */
    for (size_t i = 0; i < out->nwindows; i++)
        plan_window_free(&out->windows[i]);
    planner_close(&planner);
    return 0;
}

void plan_proposal_free(struct plan_proposal *p)
{
    for (size_t i = 0; i < p->nwindows; i++)
        plan_window_free(&p->windows[i]);
    p->nwindows = 0;
    if (p->rows)
        rowset_free(p->rows);
    p->rows = NULL;
}
