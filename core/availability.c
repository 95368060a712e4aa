#include "core/availability.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/inspectorate.h"
#include "core/plan.h"
#include "core/roster.h"

/* Free all week: free on every working day of the week starting at monday. */
static bool free_all_week(const struct roster *r, size_t who, jdate monday)
{
    return roster_free_between(r, who, monday, monday + 6);
}

static void add_week(struct rowset *rs, const struct planner *p, jdate monday)
{
    const struct roster *r = &p->roster;
    int free_count[INSP_COUNT] = {0}, total[INSP_COUNT] = {0};
    for (size_t i = 0; i < r->count; i++) {
        total[r->people[i].inspectorate]++;
        if (free_all_week(r, i, monday))
            free_count[r->people[i].inspectorate]++;
    }
    const char *joint = planner_window_can_start(p, monday) ? "yes" : "no";
    char start[DATE_ISO_LEN];
    date_format(monday, start);
    for (int k = 0; k < INSP_COUNT; k++) {
        size_t row = rowset_add_row(rs);
        rowset_set(rs, row, 0, start);
        rowset_set(rs, row, 1, inspectorate_code((enum inspectorate)k));
        rowset_set_int(rs, row, 2, free_count[k]);
        rowset_set_int(rs, row, 3, total[k]);
        rowset_set_int(rs, row, 4, p->policy.team[k]);
        rowset_set(rs, row, 5, joint);
    }
}

int availability_list(struct db *db, jdate from, int weeks, struct rowset **out, struct error *err)
{
    struct planner planner;
    if (weeks < 1 || weeks > AVAILABILITY_WEEKS_MAX) {
        return error_set(err, ERROR_USAGE, "weeks must be from 1 to %d", AVAILABILITY_WEEKS_MAX);
    }
    jdate monday = date_monday_of_week(from);
    int kind = planner_open(db, monday, weeks, &planner, err);
    if (kind) {
        planner_close(&planner);
        return kind;
    }
    struct rowset *rs =
        rowset_new_csv("week_start,inspectorate,free,total,required,joint_window", "ttiiit");
    for (int w = 0; w < weeks; w++)
        add_week(rs, &planner, monday + w * 7);
    planner_close(&planner);
    *out = rs;
    return 0;
}

/* One inspector's week: free working days, and whether a booking covers one. */
static void week_of(const struct roster *r, size_t who, jdate monday, int *free_days,
                    int *work_days, bool *booked)
{
    *free_days = *work_days = 0;
    *booked = roster_booked_days(r, who, monday, monday + 6) > 0;
    for (jdate d = monday; d < monday + 7; d++) {
        if (!roster_is_working_day(r, d))
            continue;
        (*work_days)++;
        if (roster_free_on(r, who, d))
            (*free_days)++;
    }
}

static void add_who_row(struct rowset *rs, const struct roster *r, size_t who, jdate monday)
{
    int free_days, work_days;
    bool booked;
    week_of(r, who, monday, &free_days, &work_days, &booked);
    const char *week = free_days == work_days ? "free" : booked ? "booked" : "away";
    char days[32];
    snprintf(days, sizeof days, "%d/%d", free_days, work_days);
    size_t row = rowset_add_row(rs);
    rowset_set(rs, row, 0, inspectorate_code((enum inspectorate)r->people[who].inspectorate));
    rowset_set(rs, row, 1, r->people[who].id);
    rowset_set(rs, row, 2, r->people[who].name);
    rowset_set(rs, row, 3, r->people[who].region);
    rowset_set(rs, row, 4, week);
    rowset_set(rs, row, 5, days);
}

int availability_who(struct db *db, jdate from, int inspectorate, struct rowset **out,
                     struct error *err)
{
    jdate monday = date_monday_of_week(from);
    struct roster r;
    int kind = roster_load(db, monday, 7, &r, err);
    if (kind) {
        roster_free(&r);
        return kind;
    }
    struct rowset *rs =
        rowset_new_csv("inspectorate,inspector_id,inspector,region,availability,free_days", "tttttt");
    /* The roster is sorted by id: one pass for the free, one for the rest. */
    for (int k = 0; k < INSP_COUNT; k++) {
        if (inspectorate >= 0 && k != inspectorate)
            continue;
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < r.count; i++)
                if (r.people[i].inspectorate == k &&
                    free_all_week(&r, i, monday) == (pass == 0))
                    add_who_row(rs, &r, i, monday);
    }
    roster_free(&r);
    *out = rs;
    return 0;
}
