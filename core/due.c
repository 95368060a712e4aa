#include "core/due.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/gaps.h"
#include "core/grade.h"
#include "core/policy.h"
#include "core/text.h"
#include "core/triage_latest.h"

static const char *const due_statuses[] = {"never_inspected", "overdue", "in_window", "due_soon",
                                           "not_due"};

const char *due_status_name(int i)
{
    return i >= 0 && i < (int)(sizeof due_statuses / sizeof *due_statuses) ? due_statuses[i] : NULL;
}

static const char *status_for(const struct policy *p, jdate today, jdate ws, jdate we)
{
    if (today > we)
        return "overdue";
    if (today >= ws)
        return "in_window";
    if (ws - today <= p->due_soon_days)
        return "due_soon";
    return "not_due";
}

void due_entry_on_day(const struct policy *p, jdate today, struct due_entry *e)
{
    if (e->due == DATE_NONE) {
        e->status = "never_inspected";
        e->days_to_due = 0;
        return;
    }
    e->status = status_for(p, today, e->window_start, e->window_end);
    e->days_to_due = e->due - today;
}

static void never_inspected(const struct policy *p, jdate today, struct due_entry *e)
{
    const struct triage_row *t = e->t;
    e->due = e->window_start = e->window_end = DATE_NONE;
    due_entry_on_day(p, today, e);
    int n = snprintf(e->reason, sizeof e->reason, "no full inspection on record");
    if (t->open_concerns && n < (int)sizeof e->reason)
        snprintf(e->reason + n, sizeof e->reason - (size_t)n, "; %d open concern%s (%d high)",
                 t->open_concerns, t->open_concerns == 1 ? "" : "s", t->open_high);
}

static int write_cadence_reason(const struct triage_row *t, int months, const char *trigger,
                                char *out, size_t len)
{
    char start[DATE_ISO_LEN];
    date_format(t->last_start, start);
    /* Monitoring on another judgement than the cadence grade (monitoring_trigger
     * any_area) brings the inadequate cadence with it. */
    if (*trigger && t->grade != GRADE_INADEQUATE)
        return snprintf(out, len, "%s %s, under monitoring: inadequate cadence + %d months",
                        trigger, start, months);
    if (t->grade == GRADE_NONE)
        return snprintf(out, len, "grade unknown %s: requires improvement cadence + %d months",
                        start, months);
    return snprintf(out, len, "%s %s + %d months", grade_label(t->grade), start, months);
}

void due_entry_compute(const struct policy *p, jdate today, struct due_entry *e)
{
    const struct triage_row *t = e->t;
    char concern[DATE_ISO_LEN];
    if (t->last_start == DATE_NONE) {
        never_inspected(p, today, e);
        return;
    }
    char trigger[160];
    e->monitored = triage_monitored(p, t, trigger, sizeof trigger);
    int months = policy_cadence_months(p, e->monitored ? GRADE_INADEQUATE : t->grade);
    e->due = date_add_months(t->last_start, months);
    int n = write_cadence_reason(t, months, e->monitored ? trigger : "", e->reason,
                                 sizeof e->reason);
    if (t->first_high != DATE_NONE && t->first_high + p->concern_bring_forward_days < e->due) {
        e->due = t->first_high + p->concern_bring_forward_days;
        date_format(t->first_high, concern);
        if (n < (int)sizeof e->reason)
            snprintf(e->reason + n, sizeof e->reason - (size_t)n,
                     "; open high concern %s brings it forward", concern);
    }
    e->window_start = date_add_months(e->due, -p->window_months);
    e->window_end = date_add_months(e->due, p->window_months);
    due_entry_on_day(p, today, e);
}

static bool region_matches(const struct triage_row *t, const char *region)
{
    char want[256], code[256], name[256];
    text_name_key(region, want, sizeof want);
    text_name_key(t->region_code, code, sizeof code);
    text_name_key(t->region_name, name, sizeof name);
    return strcmp(want, code) == 0 || strcmp(want, name) == 0;
}

/* Rule 10: never_inspected first, then due date, then la_code. */
static int entry_order(const void *a, const void *b)
{
    const struct due_entry *x = a, *y = b;
    bool xn = x->due == DATE_NONE, yn = y->due == DATE_NONE;
    if (xn != yn)
        return xn ? -1 : 1;
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    return strcmp(x->t->la_code, y->t->la_code);
}

static void set_date(struct rowset *rs, size_t row, size_t col, jdate d)
{
    char buf[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return;
    date_format(d, buf);
    rowset_set(rs, row, col, buf);
}

static void put_entry(struct rowset *rs, const struct due_entry *e)
{
    const struct triage_row *t = e->t;
    size_t r = rowset_add_row(rs);
    rowset_set(rs, r, 0, t->la_code);
    rowset_set(rs, r, 1, t->name);
    rowset_set(rs, r, 2, *t->region_name ? t->region_name : t->region_code);
    rowset_set(rs, r, 3, t->last_type);
    set_date(rs, r, 4, t->last_start);
    rowset_set(rs, r, 5, grade_name(t->grade));
    set_date(rs, r, 6, e->due);
    set_date(rs, r, 7, e->window_start);
    set_date(rs, r, 8, e->window_end);
    rowset_set(rs, r, 9, e->status);
    if (e->due != DATE_NONE)
        rowset_set_int(rs, r, 10, e->days_to_due);
    rowset_set(rs, r, 11, e->monitored ? "yes" : "no");
    rowset_set_int(rs, r, 12, t->open_concerns);
    rowset_set(rs, r, 13, e->reason);
    if (e->gap) {
        char flag[64];
        snprintf(flag, sizeof flag, "rejected %s", e->gap->date);
        rowset_set(rs, r, 14, flag);
    }
}

/* Issue 8: a newer report was rejected on import; say so after the reason. */
static void note_gap(struct due_entry *e, const struct gap *g)
{
    e->gap = g;
    size_t n = strlen(e->reason);
    const char *base = strrchr(g->file, '/');
    base = base ? base + 1 : g->file;
    if (n < sizeof e->reason)
        snprintf(e->reason + n, sizeof e->reason - n,
                 "; NOT UP TO DATE: a newer report (%s %s) was rejected on import (%s line %ld): "
                 "complete the row and import it again",
                 g->field, g->date, base, g->line);
}

static bool status_known(const char *status)
{
    for (size_t i = 0; i < sizeof due_statuses / sizeof *due_statuses; i++)
        if (strcmp(status, due_statuses[i]) == 0)
            return true;
    return false;
}

static bool wanted(const struct due_entry *e, const struct due_filter *f)
{
    if (f && f->region && !region_matches(e->t, f->region))
        return false;
    return !(f && f->status && strcmp(f->status, e->status) != 0);
}

static struct rowset *build_rowset(const struct policy *p, const struct triage_set *set,
                                   jdate today, const struct due_filter *filter,
                                   const struct gap *gaps, size_t ngaps)
{
    struct due_entry *entries = calloc(set->count ? set->count : 1, sizeof *entries);
    if (!entries)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < set->count; i++) {
        entries[n].t = &set->rows[i];
        due_entry_compute(p, today, &entries[n]);
        const struct gap *g = gaps_find(gaps, ngaps, set->rows[i].la_code);
        if (g)
            note_gap(&entries[n], g);
        if (wanted(&entries[n], filter))
            n++;
    }
    qsort(entries, n, sizeof *entries, entry_order);
    struct rowset *rs = rowset_new_csv(DUE_LIST_COLUMNS, DUE_LIST_TYPES);
    for (size_t i = 0; i < n; i++)
        put_entry(rs, &entries[i]);
    free(entries);
    return rs;
}

/* An unknown --region is a usage error listing the regions the database knows,
 * so a cron job never reads "nobody due" from a typo. */
static bool region_known(const struct triage_set *set, const char *region, struct error *e)
{
    for (size_t i = 0; i < set->count; i++)
        if (region_matches(&set->rows[i], region))
            return true;
    const struct triage_row *seen[32];
    size_t nseen = 0;
    char *err = e ? e->message : NULL;
    size_t err_len = e ? sizeof e->message : 0;
    error_set(e, ERROR_USAGE, "unknown region '%s'; use a region code or name:", region);
    size_t n = err ? strlen(err) : 0;
    for (size_t i = 0; i < set->count && nseen < 32; i++) {
        const struct triage_row *t = &set->rows[i];
        bool dup = !*t->region_code && !*t->region_name;
        for (size_t j = 0; j < nseen && !dup; j++)
            dup = strcmp(seen[j]->region_code, t->region_code) == 0 &&
                  strcmp(seen[j]->region_name, t->region_name) == 0;
        if (dup)
            continue;
        seen[nseen++] = t;
        if (err && n < err_len)
            n += (size_t)snprintf(err + n, err_len - n, "%s %s%s%s", nseen > 1 ? "," : "",
                                  t->region_code, *t->region_name ? " " : "", t->region_name);
    }
    return false;
}

int due_list(struct db *db, jdate today, const struct due_filter *filter, struct rowset **out,
             struct error *err)
{
    struct policy policy;
    struct triage_set set;
    if (filter && filter->status && !status_known(filter->status)) {
        return error_set(err, ERROR_USAGE,
                         "unknown status '%s' (use never_inspected, overdue, in_window, due_soon "
                         "or not_due)",
                         filter->status);
    }
    int rc = triage_prepare(db, today, filter ? filter->la_code : NULL, &policy, &set, err);
    if (rc)
        return rc;
    if (filter && filter->region && !region_known(&set, filter->region, err)) {
        triage_free(&set);
        return ERROR_USAGE;
    }
    struct gap *gaps = NULL;
    size_t ngaps = 0;
    if ((rc = gaps_open(db, today, &gaps, &ngaps, err)) != 0) {
        triage_free(&set);
        return rc;
    }
    *out = build_rowset(&policy, &set, today, filter, gaps, ngaps);
    free(gaps);
    triage_free(&set);
    return 0;
}
