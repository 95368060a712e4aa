#include "core/programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/due.h"
#include "core/grade.h"
#include "core/plan.h"
#include "core/policy.h"
#include "core/triage_indicators.h"
#include "core/triage_latest.h"

/* One authority while the programme is drawn up. */
struct cand {
    const struct triage_row *t;
    struct due_entry due;
    int tier; /* 0: not (yet) a candidate */
    bool high_performing, selected, indicators_done;
    int worse;            /* indicators above the neighbours' mean */
    char worse_what[200]; /* the first of them */
    int rank;
    bool placed;
    struct plan_window win; /* when placed: the window and its team */
    char why_not[1024];
};

struct work {
    struct db *db;
    const struct programme_options *o;
    struct policy policy;
    struct triage_set set;
    struct cand *cands;
    struct cand **order; /* selected, in rank order */
    size_t nsel, nhigh;
    int quota;
    struct planner pl;
    jdate monday;
    int weeks;
    long budget; /* window tries the improvement pass may still make */
};

/* ---- ranking (rule 25) ---- */

static bool is_high_performing(int grade)
{
    return grade == GRADE_GOOD || grade == GRADE_OUTSTANDING;
}

/* Tiers 1-4 from the triage row and the due list's status. */
static int first_tiers(const struct cand *c)
{
    if (c->t->grade == GRADE_INADEQUATE || c->due.monitored)
        return TIER_INADEQUATE;
    if (c->t->open_high > 0)
        return TIER_HIGH_CONCERN;
    if (strcmp(c->due.status, "overdue") == 0 || strcmp(c->due.status, "never_inspected") == 0)
        return TIER_OVERDUE;
    if (c->t->grade == GRADE_REQUIRES_IMPROVEMENT)
        return TIER_REQUIRES_IMPROVEMENT;
    return 0;
}

/* Rate indicators whose latest value is above the statistical neighbours'
 * mean. jib stores no direction per indicator: higher is read as worse (more
 * children looked after, referred, re-referred), and the reason names the
 * indicator and both values for the coordinator to judge. */
static int load_indicators(struct work *w, struct cand *c, struct error *err)
{
    struct rowset *trends, *latest;
    int rc = triage_indicators_load(w->db, c->t->la_code, &trends, &latest, err);
    if (rc)
        return rc;
    c->indicators_done = true;
    for (size_t r = 0; r < latest->nrows; r++) {
        if (rowset_is_empty(latest, r, 2) || rowset_is_empty(latest, r, 5) ||
            !triage_indicator_is_rate(rowset_get(latest, r, 0)))
            continue;
        double value = atof(rowset_get(latest, r, 2)), nb = atof(rowset_get(latest, r, 5));
        if (value <= nb)
            continue;
        if (c->worse++ == 0)
            snprintf(c->worse_what, sizeof c->worse_what, "%s %s: %s against %s",
                     rowset_get(latest, r, 0), rowset_get(latest, r, 1), rowset_get(latest, r, 2),
                     rowset_get(latest, r, 5));
    }
    rowset_free(trends);
    rowset_free(latest);
    return 0;
}

/* Soonest due first (never inspected before any date), then la_code. */
static int by_due(const void *a, const void *b)
{
    const struct cand *x = *(struct cand *const *)a, *y = *(struct cand *const *)b;
    if (x->due.due != y->due.due)
        return x->due.due < y->due.due ? -1 : 1;
    return strcmp(x->t->la_code, y->t->la_code);
}

static int by_tier_then_due(const void *a, const void *b)
{
    const struct cand *x = *(struct cand *const *)a, *y = *(struct cand *const *)b;
    if (x->tier != y->tier)
        return x->tier < y->tier ? -1 : 1;
    return by_due(a, b);
}

static void take(struct work *w, struct cand *c, int tier)
{
    c->selected = true;
    c->tier = tier;
    c->rank = (int)w->nsel + 1;
    w->order[w->nsel++] = c;
    if (c->high_performing)
        w->nhigh++;
}

/* Walks a ranked list: good or outstanding ones are taken while there is
 * room (they count towards the quota); the others while the room not held
 * for the quota lasts. */
static void walk(struct work *w, struct cand **list, size_t n)
{
    size_t count = (size_t)w->o->count, others = count - (size_t)w->quota;
    for (size_t i = 0; i < n && w->nsel < count; i++) {
        struct cand *c = list[i];
        if (c->selected)
            continue;
        if (c->high_performing || w->nsel - w->nhigh < others)
            take(w, c, c->tier);
    }
}

/* The not yet selected candidates that pass keep(), soonest due first. */
static size_t gather(struct work *w, struct cand **list, bool (*keep)(const struct cand *))
{
    size_t n = 0;
    for (size_t i = 0; i < w->set.count; i++)
        if (!w->cands[i].selected && keep(&w->cands[i]))
            list[n++] = &w->cands[i];
    qsort(list, n, sizeof *list, by_due);
    return n;
}

static bool keep_first_tiers(const struct cand *c) { return c->tier > 0; }
static bool keep_worse(const struct cand *c) { return c->tier == TIER_INDICATORS; }
static bool keep_high(const struct cand *c) { return c->high_performing; }
static bool keep_any(const struct cand *c) { return c->due.status != NULL; }

static int select_candidates(struct work *w, struct error *err)
{
    size_t n = w->set.count;
    struct cand **list = malloc((n ? n : 1) * sizeof *list);
    if (!list)
        abort();
    size_t k = gather(w, list, keep_first_tiers);
    qsort(list, k, sizeof *list, by_tier_then_due);
    walk(w, list, k);
    /* Tier 5 only when room is left: it reads every remaining authority's
     * indicators. */
    if (w->nsel < (size_t)w->o->count) {
        for (size_t i = 0; i < n; i++) {
            struct cand *c = &w->cands[i];
            if (c->tier || c->selected)
                continue;
            int rc = load_indicators(w, c, err);
            if (rc) {
                free(list);
                return rc;
            }
            if (c->worse)
                c->tier = TIER_INDICATORS;
        }
        walk(w, list, gather(w, list, keep_worse));
    }
    size_t high = gather(w, list, keep_high);
    for (size_t i = 0; i < high && w->nhigh < (size_t)w->quota && w->nsel < (size_t)w->o->count;
         i++)
        take(w, list[i], TIER_HIGH_PERFORMING);
    size_t rest = gather(w, list, keep_any);
    for (size_t i = 0; i < rest && w->nsel < (size_t)w->o->count; i++)
        take(w, list[i], TIER_MAKE_UP);
    free(list);
    return 0;
}

/* ---- reasons in words ---- */

static void add(char *buf, size_t len, const char *text)
{
    size_t n = strlen(buf);
    if (n < len)
        snprintf(buf + n, len - n, "%s%s", n ? "; " : "", text);
}

static void describe_grade(const struct cand *c, char *out, size_t len)
{
    char start[DATE_ISO_LEN];
    date_format(c->t->last_start, start);
    if (c->t->grade == GRADE_NONE)
        snprintf(out, len, "latest full inspection not graded (%s %s)", c->t->last_type, start);
    else
        snprintf(out, len, "latest full inspection %s (%s %s)", grade_label(c->t->grade),
                 c->t->last_type, start);
}

static void describe(const struct policy *policy, const struct cand *c, char *out, size_t len)
{
    char text[400], d[DATE_ISO_LEN];
    const struct triage_row *t = c->t;
    bool inspected = t->last_start != DATE_NONE;
    *out = '\0';
    if (c->tier == TIER_HIGH_PERFORMING)
        add(out, len, "high-performing quota (good or outstanding, soonest due)");
    else if (c->tier == TIER_MAKE_UP)
        add(out, len, "too few candidates: soonest due of the rest");
    if (inspected && t->grade == GRADE_INADEQUATE) {
        describe_grade(c, text, sizeof text);
        add(out, len, text);
    }
    if (c->due.monitored) {
        char why[160];
        triage_monitored(policy, c->t, why, sizeof why);
        if (strcmp(why, "overall inadequate") == 0)
            add(out, len, "under monitoring");
        else
            snprintf(text, sizeof text, "under monitoring (%s)", why), add(out, len, text);
    }
    if (t->open_high > 0) {
        date_format(t->first_high, d);
        snprintf(text, sizeof text, "%d open high concern%s since %s", t->open_high,
                 t->open_high == 1 ? "" : "s", d);
        add(out, len, text);
    }
    if (!inspected) {
        add(out, len, "never inspected");
    } else if (strcmp(c->due.status, "overdue") == 0) {
        date_format(c->due.window_end, d);
        snprintf(text, sizeof text, "overdue: its window closed %s", d);
        add(out, len, text);
    }
    if (inspected && t->grade == GRADE_REQUIRES_IMPROVEMENT) {
        describe_grade(c, text, sizeof text);
        add(out, len, text);
    }
    if (c->worse) {
        snprintf(text, sizeof text, "%d indicator%s above the statistical neighbours' mean (%s)",
                 c->worse, c->worse == 1 ? "" : "s", c->worse_what);
        add(out, len, text);
    }
    if (inspected && t->grade != GRADE_INADEQUATE && t->grade != GRADE_REQUIRES_IMPROVEMENT) {
        describe_grade(c, text, sizeof text);
        add(out, len, text);
    }
    if (c->due.due != DATE_NONE && strcmp(c->due.status, "overdue") != 0) {
        date_format(c->due.due, d);
        snprintf(text, sizeof text, "due %s (%s)", d, c->due.status);
        add(out, len, text);
    }
}

/* ---- placing (tentative bookings in the planner's roster) ---- */

static struct plan_target target_of(const struct cand *c)
{
    return (struct plan_target){c->t->la_code, c->t->region_code};
}

static jdate window_at(const struct work *w, int week) { return w->monday + week * 7; }

static void mark(struct work *w, const struct plan_window *win, int delta)
{
    for (size_t m = 0; m < win->nmembers; m++)
        roster_mark(&w->pl.roster, win->members[m].who, win->members[m].onsite_start,
                    win->members[m].onsite_end, true, delta);
}

/* The earliest feasible window from the first Monday, team chosen by the
 * planner's rule; booked tentatively. */
static bool place_earliest(struct work *w, struct cand *c)
{
    struct plan_target t = target_of(c);
    for (int week = 0; week < w->weeks; week++, w->budget--) {
        if (planner_try_window(&w->pl, &t, window_at(w, week), &c->win, NULL)) {
            mark(w, &c->win, 1);
            c->placed = true;
            return true;
        }
    }
    return false;
}

/* How many of a placed team's members of inspectorate k are on site within
 * [from, to]. */
static int members_within(const struct plan_window *win, int k, jdate from, jdate to)
{
    int n = 0;
    for (size_t m = 0; m < win->nmembers; m++)
        if (win->members[m].inspectorate == k && win->members[m].onsite_start <= to &&
            win->members[m].onsite_end >= from)
            n++;
    return n;
}

/* Could releasing p's team make window [from, to] feasible for u? Only if,
 * for every inspectorate that falls short there, p holds enough of its
 * inspectors on site in the window to make up the shortfall. A necessary
 * condition, so it only skips moves that cannot work. */
static bool may_help(const struct work *w, const struct plan_shortfall *one,
                     const struct plan_window *pwin, jdate from, jdate to)
{
    for (int k = 0; k < INSP_COUNT; k++) {
        int need = w->pl.policy.team[k];
        if (need <= 0 || one->windows_ok[k])
            continue;
        if (one->best_free[k] + members_within(pwin, k, from, to) < need)
            return false;
    }
    return true;
}

/* With p's team released and u booked in its new window: p's earliest
 * feasible window now, booked, into *out. */
static bool replace_placed(struct work *w, const struct cand *p, struct plan_window *out)
{
    struct plan_target t = target_of(p);
    for (int week = 0; week < w->weeks && w->budget > 0; week++, w->budget--) {
        if (planner_try_window(&w->pl, &t, window_at(w, week), out, NULL)) {
            mark(w, out, 1);
            return true;
        }
    }
    return false;
}

/* Moving one placed authority p to another window so that u fits in the
 * window starting `start`. Nothing changes unless both end up placed. */
static bool try_move_one(struct work *w, struct cand *u, jdate start, struct cand *p)
{
    struct plan_target tu = target_of(u);
    struct plan_window uw = {0}, pw = {0};
    bool moved = false;
    mark(w, &p->win, -1);
    w->budget--;
    if (planner_try_window(&w->pl, &tu, start, &uw, NULL)) {
        mark(w, &uw, 1);
        moved = replace_placed(w, p, &pw);
        if (!moved)
            mark(w, &uw, -1);
    }
    if (!moved) {
        mark(w, &p->win, 1);
        plan_window_free(&uw);
        return false;
    }
    plan_window_free(&p->win);
    p->win = pw;
    u->win = uw;
    u->placed = true;
    return true;
}

/* The improvement pass for one unplaced authority: one move of a placed authority, the
 * lowest-ranked first, whose team stands in the way in a window u needs.
 * Placed ones only move, never drop. */
static bool improve(struct work *w, struct cand *u)
{
    struct plan_target tu = target_of(u);
    jdate span = w->pl.policy.joint_window_weeks * 7 - 1;
    for (int week = 0; week < w->weeks && w->budget > 0; week++) {
        jdate start = window_at(w, week);
        struct plan_shortfall one = {0};
        planner_try_window(&w->pl, &tu, start, NULL, &one);
        w->budget--;
        for (size_t i = w->nsel; i-- > 0 && w->budget > 0;) {
            struct cand *p = w->order[i];
            if (p == u || !p->placed || !may_help(w, &one, &p->win, start, start + span))
                continue;
            if (try_move_one(w, u, start, p))
                return true;
        }
    }
    return false;
}

static void place_all(struct work *w, size_t *greedy, size_t *moves)
{
    *greedy = *moves = 0;
    for (size_t i = 0; i < w->nsel; i++)
        if (place_earliest(w, w->order[i]))
            (*greedy)++;
    w->budget = PROGRAMME_IMPROVE_BUDGET;
    bool changed = true;
    while (changed && w->budget > 0) {
        changed = false;
        for (size_t i = 0; i < w->nsel && w->budget > 0; i++) {
            struct cand *u = w->order[i];
            if (u->placed)
                continue;
            if (place_earliest(w, u)) { /* earlier moves may have made room */
                changed = true;
                continue;
            }
            if (improve(w, u)) {
                (*moves)++;
                changed = true;
            }
        }
    }
}

/* ---- why not ---- */

/* Appends "A..B" for a run of failing window starts, ", " between runs. */
static void add_run(char *buf, size_t len, bool first, jdate a, jdate b)
{
    char da[DATE_ISO_LEN], db_[DATE_ISO_LEN];
    date_format(a, da);
    date_format(b, db_);
    size_t n = strlen(buf);
    if (n >= len)
        return;
    if (a == b)
        snprintf(buf + n, len - n, "%s%s", first ? "" : ", ", da);
    else
        snprintf(buf + n, len - n, "%s%s..%s", first ? "" : ", ", da, db_);
}

/* Which inspectorate ran out, in which weeks, for an authority no window fits
 * once the authorities above it hold their teams. */
static void why_not(struct work *w, struct cand *c)
{
    struct plan_target t = target_of(c);
    struct plan_shortfall sf;
    planner_find(&w->pl, &t, w->monday, 0, NULL, 0, &sf); /* counts the eligible */
    bool fail[INSP_COUNT][PLAN_SEARCH_WEEKS] = {{false}};
    int best[INSP_COUNT] = {0}, nfail[INSP_COUNT] = {0};
    for (int week = 0; week < w->weeks; week++) {
        struct plan_shortfall one = {0};
        planner_try_window(&w->pl, &t, window_at(w, week), NULL, &one);
        for (int k = 0; k < INSP_COUNT; k++) {
            if (w->pl.policy.team[k] <= 0 || one.windows_ok[k])
                continue;
            fail[k][week] = true;
            nfail[k]++;
            if (one.best_free[k] > best[k])
                best[k] = one.best_free[k];
        }
    }
    char *out = c->why_not;
    size_t len = sizeof c->why_not;
    char d[DATE_ISO_LEN];
    date_format(w->monday, d);
    snprintf(out, len, "no feasible window in the %d weeks from %s with the teams above", w->weeks,
             d);
    for (int k = 0; k < INSP_COUNT; k++) {
        if (!nfail[k])
            continue;
        const char *code = inspectorate_code((enum inspectorate)k);
        size_t n = strlen(out);
        if (n >= len)
            break;
        if (sf.eligible[k] == 0) {
            snprintf(out + n, len - n, "; %s: no eligible inspectors (a team of %d is needed)",
                     code, w->pl.policy.team[k]);
            continue;
        }
        snprintf(out + n, len - n, "; %s ran out (at most %d of %d free for %d working days) in ",
                 code, best[k], w->pl.policy.team[k], w->pl.policy.onsite_days);
        if (nfail[k] == w->weeks) {
            n = strlen(out);
            if (n < len)
                snprintf(out + n, len - n, "every window");
            continue;
        }
        n = strlen(out);
        if (n < len)
            snprintf(out + n, len - n, "the windows starting ");
        bool first = true;
        for (int week = 0; week < w->weeks; week++) {
            if (!fail[k][week] || (week > 0 && fail[k][week - 1]))
                continue;
            int end = week;
            while (end + 1 < w->weeks && fail[k][end + 1])
                end++;
            add_run(out, len, first, window_at(w, week), window_at(w, end));
            first = false;
        }
    }
}

/* ---- the capacity upper bound ---- */

static void capacity(const struct work *w, struct programme_capacity *cap)
{
    const struct roster *r = &w->pl.roster;
    const struct policy *pol = &w->pl.policy;
    memset(cap, 0, sizeof *cap);
    cap->first = w->monday;
    cap->last = window_at(w, w->weeks - 1) + pol->joint_window_weeks * 7 - 1;
    cap->onsite_days = pol->onsite_days;
    int days = (int)(cap->last - cap->first + 1);
    bool *working = malloc((size_t)days * sizeof *working);
    if (!working)
        abort();
    for (int i = 0; i < days; i++)
        working[i] = roster_is_working_day(r, cap->first + i);
    for (size_t i = 0; i < r->count; i++) {
        int k = r->people[i].inspectorate;
        cap->inspectors[k]++;
        long run = 0;
        for (int day = 0; day < days; day++) {
            if (!working[day])
                continue;
            if (roster_free_on(r, i, cap->first + day)) {
                run++;
            } else {
                cap->blocks[k] += run / pol->onsite_days;
                run = 0;
            }
        }
        cap->blocks[k] += run / pol->onsite_days;
    }
    free(working);
    cap->binding = -1;
    cap->bound_all = -1;
    for (int k = 0; k < INSP_COUNT; k++) {
        cap->team[k] = pol->team[k];
        cap->bound[k] = pol->team[k] > 0 ? cap->blocks[k] / pol->team[k] : -1;
        if (cap->bound[k] >= 0 && (cap->bound_all < 0 || cap->bound[k] < cap->bound_all)) {
            cap->bound_all = cap->bound[k];
            cap->binding = k;
        }
    }
}

/* ---- the proposal ---- */

static char *team_text(const struct roster *r, const struct plan_window *win)
{
    size_t len = 1;
    for (size_t m = 0; m < win->nmembers; m++) {
        const struct roster_inspector *p = &r->people[win->members[m].who];
        len += strlen(p->id) + strlen(p->name) + 64;
    }
    char *out = malloc(len);
    if (!out)
        abort();
    size_t n = 0;
    out[0] = '\0';
    for (size_t m = 0; m < win->nmembers; m++) {
        const struct plan_member *pm = &win->members[m];
        const struct roster_inspector *p = &r->people[pm->who];
        char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
        date_format(pm->onsite_start, a);
        date_format(pm->onsite_end, b);
        n += (size_t)snprintf(out + n, len - n, "%s%s %s %s %s..%s", m ? ";" : "",
                              inspectorate_code((enum inspectorate)pm->inspectorate), p->id,
                              p->name, a, b);
    }
    return out;
}

static void fill_entry(const struct work *w, const struct cand *c, struct programme_entry *e)
{
    memset(e, 0, sizeof *e);
    snprintf(e->la_code, sizeof e->la_code, "%s", c->t->la_code);
    snprintf(e->name, sizeof e->name, "%s", c->t->name);
    snprintf(e->region_code, sizeof e->region_code, "%s", c->t->region_code);
    e->grade = c->t->grade;
    e->tier = c->tier;
    e->high_performing = c->high_performing;
    e->due = c->due.due;
    e->rank = c->rank;
    describe(&w->policy, c, e->reason, sizeof e->reason);
    e->placed = c->placed;
    if (c->placed) {
        e->window_start = c->win.start;
        e->window_end = c->win.end;
        e->team = team_text(&w->pl.roster, &c->win);
    } else {
        snprintf(e->why_not, sizeof e->why_not, "%s", c->why_not);
    }
}

/* Rule 25's output order: window order (then rank), unplaced last by rank. */
static int entry_order(const void *a, const void *b)
{
    const struct programme_entry *x = a, *y = b;
    if (x->placed != y->placed)
        return x->placed ? -1 : 1;
    if (x->placed && x->window_start != y->window_start)
        return x->window_start < y->window_start ? -1 : 1;
    return x->rank - y->rank;
}

static void finish(struct work *w, struct programme *out)
{
    out->entries = calloc(w->nsel ? w->nsel : 1, sizeof *out->entries);
    if (!out->entries)
        abort();
    out->n = w->nsel;
    for (size_t i = 0; i < w->nsel; i++) {
        struct cand *c = w->order[i];
        if (!c->placed)
            why_not(w, c);
        fill_entry(w, c, &out->entries[i]);
        if (c->high_performing)
            out->high_selected++;
        if (c->high_performing && c->placed)
            out->high_placed++;
    }
    qsort(out->entries, out->n, sizeof *out->entries, entry_order);
}

static void work_free(struct work *w)
{
    if (w->cands)
        for (size_t i = 0; i < w->set.count; i++)
            plan_window_free(&w->cands[i].win);
    free(w->cands);
    free(w->order);
    triage_free(&w->set);
    planner_close(&w->pl);
}

static int prepare(struct work *w, struct error *err)
{
    int rc = triage_prepare(w->db, w->o->today, NULL, &w->policy, &w->set, err);
    if (rc)
        return rc;
    size_t n = w->set.count;
    w->cands = calloc(n ? n : 1, sizeof *w->cands);
    w->order = calloc(n ? n : 1, sizeof *w->order);
    if (!w->cands || !w->order)
        abort();
    for (size_t i = 0; i < n; i++) {
        struct cand *c = &w->cands[i];
        c->t = &w->set.rows[i];
        c->due.t = c->t;
        due_entry_compute(&w->policy, w->o->today, &c->due);
        c->high_performing = is_high_performing(c->t->grade);
        c->tier = first_tiers(c);
    }
    /* ceil(count x PCT / 100) */
    w->quota = (w->o->count * w->o->min_high_pct + 99) / 100;
    return 0;
}

int programme_build(struct db *db, const struct programme_options *o, struct programme *out,
                    struct error *err)
{
    memset(out, 0, sizeof *out);
    struct work w = {.db = db, .o = o, .weeks = PLAN_SEARCH_WEEKS,
                     .budget = PROGRAMME_IMPROVE_BUDGET};
    w.monday = date_monday_on_or_after(o->from);
    out->from = o->from;
    out->first_window = w.monday;
    out->weeks = w.weeks;
    out->count_asked = o->count;
    int rc = prepare(&w, err);
    if (!rc)
        rc = select_candidates(&w, err);
    if (!rc)
        rc = planner_open(db, o->from, w.weeks, &w.pl, err);
    if (rc) {
        work_free(&w);
        return rc;
    }
    out->quota = w.quota;
    capacity(&w, &out->capacity); /* before any tentative booking */
    place_all(&w, &out->placed_greedy, &out->moves);
    out->budget_spent = w.budget <= 0;
    finish(&w, out);
    for (size_t i = 0; i < out->n; i++)
        out->placed += out->entries[i].placed;
    work_free(&w);
    return 0;
}

void programme_free(struct programme *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->entries[i].team);
    free(p->entries);
    memset(p, 0, sizeof *p);
}

static void set_date(struct rowset *rs, size_t row, size_t col, jdate d)
{
    char text[DATE_ISO_LEN];
    date_format(d, text);
    rowset_set(rs, row, col, text);
}

struct rowset *programme_rows(const struct programme *p, bool teams)
{
    struct rowset *rs = rowset_new_csv(
        teams ? "rank,la_code,authority,cadence_grade,reason,placed,window_start,window_end,"
                "why_not,team"
              : "rank,la_code,authority,cadence_grade,reason,placed,window_start,window_end,"
                "why_not",
        teams ? "ittttttttl" : "itttttttt");
    for (size_t i = 0; i < p->n; i++) {
        const struct programme_entry *e = &p->entries[i];
        size_t r = rowset_add_row(rs);
        rowset_set_int(rs, r, 0, e->rank);
        rowset_set(rs, r, 1, e->la_code);
        rowset_set(rs, r, 2, e->name);
        rowset_set(rs, r, 3, grade_name(e->grade));
        rowset_set(rs, r, 4, e->reason);
        rowset_set(rs, r, 5, e->placed ? "yes" : "no");
        if (e->placed) {
            set_date(rs, r, 6, e->window_start);
            set_date(rs, r, 7, e->window_end);
        } else {
            rowset_set(rs, r, 8, e->why_not);
        }
        if (teams && e->team)
            rowset_set(rs, r, 9, e->team);
    }
    return rs;
}

struct rowset *programme_capacity_rows(const struct programme *p)
{
    const struct programme_capacity *c = &p->capacity;
    struct rowset *rs = rowset_new_csv("inspectorate,team,inspectors,free_blocks,upper_bound,binds",
                                       "tiiiit");
    for (int k = 0; k < INSP_COUNT; k++) {
        if (c->bound[k] < 0)
            continue;
        size_t r = rowset_add_row(rs);
        rowset_set(rs, r, 0, inspectorate_code((enum inspectorate)k));
        rowset_set_int(rs, r, 1, c->team[k]);
        rowset_set_int(rs, r, 2, c->inspectors[k]);
        rowset_set_int(rs, r, 3, c->blocks[k]);
        rowset_set_int(rs, r, 4, c->bound[k]);
        rowset_set(rs, r, 5, k == c->binding ? "yes" : "no");
    }
    return rs;
}

static void append(char *out, size_t len, const char *fmt, long a, long b, long c, long d)
{
    size_t n = strlen(out);
    if (n < len)
        snprintf(out + n, len - n, fmt, a, b, c, d);
}

void programme_summary(const struct programme *p, char *out, size_t out_len)
{
    const struct programme_capacity *c = &p->capacity;
    char from[DATE_ISO_LEN], last[DATE_ISO_LEN];
    date_format(c->first, from);
    date_format(c->last, last);
    snprintf(out, out_len,
             "Placed %zu of %zu proposed (%d asked; %zu by greedy placement in rank order, "
             "%zu more by moving placed ones). High-performing: %d proposed, %d placed "
             "(quota %d).\n",
             p->placed, p->n, p->count_asked, p->placed_greedy, p->placed - p->placed_greedy,
             p->high_selected, p->high_placed, p->quota);
    size_t n = strlen(out);
    if (p->budget_spent && n < out_len)
        snprintf(out + n, out_len - n,
                 "The improvement pass stopped after %ld window tries: more moves might place "
                 "more.\n",
                 PROGRAMME_IMPROVE_BUDGET);
    n = strlen(out);
    if (c->binding < 0) {
        if (n < out_len)
            snprintf(out + n, out_len - n, "No inspectorate needs a team: no capacity bound.\n");
        return;
    }
    if (n < out_len)
        snprintf(out + n, out_len - n,
                 "Capacity upper bound %s..%s: at most %ld authorities (%s binds). Per "
                 "inspectorate, free blocks of %d working days / team size:\n",
                 from, last, c->bound_all, inspectorate_code((enum inspectorate)c->binding),
                 c->onsite_days);
    for (int k = 0; k < INSP_COUNT; k++) {
        if (c->bound[k] < 0)
            continue;
        n = strlen(out);
        if (n < out_len)
            snprintf(out + n, out_len - n, "  %s: ", inspectorate_code((enum inspectorate)k));
        append(out, out_len, "%ld blocks from %ld inspectors / %ld = %ld\n", c->blocks[k],
               c->inspectors[k], c->team[k], c->bound[k]);
    }
}
