#include "core/monitoring.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/grade.h"
#include "core/policy.h"
#include "core/triage_latest.h"

#define VISIT_DUE_DAYS 30

struct monitoring_entry {
    const struct triage_row *t;
    jdate next_visit;
    char trigger[160]; /* the judgement(s) that put it under monitoring */
};

static const char *visit_status(jdate next, jdate today)
{
    if (next < today)
        return "visit_overdue";
    return next - today <= VISIT_DUE_DAYS ? "visit_due" : "on_track";
}

static void set_date(struct rowset *rs, size_t row, size_t col, jdate d)
{
    char buf[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return;
    date_format(d, buf);
    rowset_set(rs, row, col, buf);
}

static void put_entry(struct rowset *rs, const struct policy *p, const struct monitoring_entry *e,
                      jdate today)
{
    const struct triage_row *t = e->t;
    size_t r = rowset_add_row(rs);
    rowset_set(rs, r, 0, t->la_code);
    rowset_set(rs, r, 1, t->name);
    set_date(rs, r, 2, t->last_start);
    rowset_set_int(rs, r, 3, date_months_between(t->last_start, today));
    rowset_set_int(rs, r, 4, t->visits);
    set_date(rs, r, 5, t->last_visit);
    set_date(rs, r, 6, e->next_visit);
    rowset_set(rs, r, 7, visit_status(e->next_visit, today));
    /* Rule 9: the inadequate cadence, without any concern adjustment. */
    set_date(rs, r, 8, date_add_months(t->last_start, policy_cadence_months(p, GRADE_INADEQUATE)));
    rowset_set(rs, r, 9, e->trigger);
}

/* Rule 10: next visit due, then la_code. */
static int entry_order(const void *a, const void *b)
{
    const struct monitoring_entry *x = a, *y = b;
    if (x->next_visit != y->next_visit)
        return x->next_visit < y->next_visit ? -1 : 1;
    return strcmp(x->t->la_code, y->t->la_code);
}

static struct rowset *build_rowset(const struct policy *p, const struct triage_set *set,
                                   jdate today)
{
    struct monitoring_entry *entries = calloc(set->count ? set->count : 1, sizeof *entries);
    if (!entries)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < set->count; i++) {
        const struct triage_row *t = &set->rows[i];
        if (!triage_monitored(p, t, entries[n].trigger, sizeof entries[n].trigger))
            continue;
        jdate from = t->last_visit != DATE_NONE ? t->last_visit : t->last_start;
        entries[n].t = t;
        entries[n++].next_visit = date_add_months(from, p->monitoring_interval_months);
    }
    qsort(entries, n, sizeof *entries, entry_order);
    struct rowset *rs = rowset_new_csv("la_code,authority,judged,months,visits,last_visit,"
                                       "next_visit_due,status,reinspection_due,trigger",
                                       "tttiittttt");
    for (size_t i = 0; i < n; i++)
        put_entry(rs, p, &entries[i], today);
    free(entries);
    return rs;
}

static int monitoring_load(struct db *db, jdate today, const char *la_code, struct rowset **out,
                           struct error *err)
{
    struct policy policy;
    struct triage_set set;
    int rc = triage_prepare(db, today, la_code, &policy, &set, err);
    if (rc)
        return rc;
    *out = build_rowset(&policy, &set, today);
    triage_free(&set);
    return 0;
}

int monitoring_list(struct db *db, jdate today, struct rowset **out, struct error *err)
{
    return monitoring_load(db, today, NULL, out, err);
}

int monitoring_for_authority(struct db *db, jdate today, const char *la_code,
                             struct rowset **out, struct error *err)
{
    return monitoring_load(db, today, la_code, out, err);
}
