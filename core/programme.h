/* The annual joint programme (SPEC section 6, rules 21 and 25): rank the
 * candidates, keep the high-performing quota, place each in its earliest
 * feasible joint window with no inspector double-booked (tentative bookings in
 * the planner's roster, never in the database), then try to place the ones
 * left over by moving placed ones to other windows; and the capacity upper
 * bound the roster allows. Books nothing, prints nothing. */
#ifndef JIB_PROGRAMME_H
#define JIB_PROGRAMME_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/inspectorate.h"
#include "core/rowset.h"
#include "core/error.h"

struct db;

#define PROGRAMME_COUNT_DEFAULT 25
#define PROGRAMME_HIGH_PCT_DEFAULT 25
/* Window tries the improvement pass may make (a count, not a clock, so the
 * output stays the same for the same inputs): about a second on 300
 * inspectors. */
#define PROGRAMME_IMPROVE_BUDGET 20000L

/* Why an authority is in the programme, in rule 25's order. */
enum programme_tier {
    TIER_INADEQUATE = 1, /* latest cadence grade inadequate */
    TIER_HIGH_CONCERN,   /* open high concerns */
    TIER_OVERDUE,        /* overdue (or never inspected) */
    TIER_REQUIRES_IMPROVEMENT,
    TIER_INDICATORS,       /* indicators worse than statistical neighbours */
    TIER_HIGH_PERFORMING,  /* the high-performing quota: good or outstanding, soonest due */
    TIER_MAKE_UP,          /* too few candidates: the soonest due of the rest */
};

struct programme_options {
    jdate today; /* triage is as of today (--today) */
    jdate from;  /* windows from the first Monday on or after this day */
    int count;   /* authorities to propose */
    int min_high_pct;
};

struct programme_entry {
    char la_code[16], name[256], region_code[64];
    int grade;           /* cadence grade (GRADE_NONE when unknown) */
    int tier;            /* enum programme_tier */
    bool high_performing; /* good or outstanding */
    jdate due;           /* DATE_NONE when never inspected */
    int rank;            /* 1 = placed first */
    char reason[512];
    bool placed;
    jdate window_start, window_end; /* when placed */
    char *team;          /* when placed: "ofsted I001 Name 2026-09-14..2026-09-18;..." (owned) */
    char why_not[1024];  /* when not placed */
};

/* The capacity upper bound: per inspectorate, each inspector's maximal runs of
 * free working days over the year's windows give floor(run / onsite_days)
 * disjoint blocks; the blocks of all its inspectors divided by the team size
 * bound how many authorities that inspectorate can serve, whatever the
 * windows. The smallest bound binds. */
struct programme_capacity {
    jdate first, last; /* the days the year's windows cover */
    int onsite_days;
    int team[INSP_COUNT];
    int inspectors[INSP_COUNT];
    long blocks[INSP_COUNT];
    long bound[INSP_COUNT]; /* -1 when the inspectorate needs no team */
    int binding;            /* inspectorate with the smallest bound, -1 when none needs a team */
    long bound_all;         /* that bound, -1 when none */
};

struct programme {
    jdate from, first_window; /* first_window: the first Monday on or after from */
    int weeks;                /* windows searched */
    int count_asked, quota, candidates;
    int high_selected, high_placed;
    size_t n;                       /* selected authorities (<= count_asked) */
    struct programme_entry *entries; /* placed in window order (then rank), unplaced last */
    size_t placed, placed_greedy;    /* after the improvement pass; by greedy alone */
    size_t moves;                    /* placed ones moved to another window to make room */
    bool budget_spent;               /* the improvement pass stopped at its budget */
    struct programme_capacity capacity;
};

/* Builds the proposal. 0, or the error's kind with its message in err. */
int programme_build(struct db *db, const struct programme_options *o, struct programme *out,
                    struct error *err);
void programme_free(struct programme *p);

/* Columns (rule 21): rank, la_code, authority, cadence_grade, reason, placed,
 * window_start, window_end, why_not; with teams, a last list column `team`. */
struct rowset *programme_rows(const struct programme *p, bool teams);
/* Columns: inspectorate, team, inspectors, free_blocks, upper_bound, binds;
 * one row per inspectorate that needs a team. */
struct rowset *programme_capacity_rows(const struct programme *p);
/* The footer in words: what was placed against the count and the bound, the
 * bound per inspectorate and which one binds; lines separated by '\n'. */
void programme_summary(const struct programme *p, char *out, size_t out_len);

#endif
