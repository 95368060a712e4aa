/* Joint planning (SPEC section 6, rules 22-25): the window finder over the
 * roster in memory, proposals with named teams, and (plan_book.c) booking,
 * cancelling, conflicts and substitutes. Plans are confidential: only `plans`,
 * `show`, the Plans view and the authority detail print them. */
#ifndef JIB_PLAN_H
#define JIB_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/error.h"
#include "core/policy.h"
#include "core/roster.h"
#include "core/rowset.h"

struct db;

#define PLAN_SEARCH_WEEKS 52 /* rule 24 */
#define PLAN_WINDOWS_MAX 3

/* One named inspector of a team: a roster index and their on-site days. */
struct plan_member {
    size_t who;
    int inspectorate;
    jdate onsite_start, onsite_end;
};

/* A joint window (Monday to Sunday) and, when feasible, its team. */
struct plan_window {
    jdate start, end;
    size_t nmembers;
    struct plan_member *members; /* owned; inspectorate order, then selection order */
};

/* Whom a window is for: la_code excludes inspectors seconded from it; region
 * breaks ties. la_code NULL: any authority (availability's weekly question). */
struct plan_target {
    const char *la_code;
    const char *region_code;
};

/* How near each inspectorate came, over the windows tried: the most of its
 * eligible inspectors free for one block, and in how many windows it could
 * field its team. */
struct plan_shortfall {
    int windows;
    int best_free[INSP_COUNT];
    int windows_ok[INSP_COUNT];
    int eligible[INSP_COUNT];
};

struct planner {
    struct policy policy;
    struct roster roster;
};

/* Loads the policy and a roster covering the 12 months before `from` (for the
 * booked-days tie-break) to the end of the last window starting within
 * `weeks` weeks of it. 0, or a database error's kind (policy_load, roster_load). */
int planner_open(struct db *db, jdate from, int weeks, struct planner *out, struct error *err);
void planner_close(struct planner *p);

/* The feasibility rule: the window starting on Monday `start` is feasible when
 * every inspectorate with a team size above 0 has that many eligible inspectors
 * all free for the same onsite_days consecutive working days inside it. Each
 * inspectorate takes its earliest such block; the team is chosen among those
 * free for it by fewest booked days in the 12 months before the window, then
 * the target's region, then inspector_id. out (may be NULL) receives the team;
 * sf (may be NULL) accumulates how near each inspectorate came. */
bool planner_try_window(const struct planner *p, const struct plan_target *t, jdate start,
                        struct plan_window *out, struct plan_shortfall *sf);
/* "Can a joint window start this week": the rule above for any authority. */
bool planner_window_can_start(const struct planner *p, jdate monday);
/* Up to max feasible windows starting on the first Monday on or after from and
 * then every Monday for `weeks` weeks. Returns how many were found. */
size_t planner_find(const struct planner *p, const struct plan_target *t, jdate from, int weeks,
                    struct plan_window *out, size_t max, struct plan_shortfall *sf);
/* For one inspectorate: eligible inspectors free on every working day of
 * [from, to] and not excluded (plan members given), ordered by the selection
 * rule for a window starting at window_start. Returns how many (<= max). */
size_t planner_free_for(const struct planner *p, const struct plan_target *t, int inspectorate,
                        jdate window_start, jdate from, jdate to, const size_t *exclude,
                        size_t nexclude, size_t *out, size_t max);
void plan_window_free(struct plan_window *w);
/* Names each inspectorate that could not field its team in any window and the
 * nearest it came, e.g. "hmi_probation: at most 0 of 1 free for 5 working days
 * in any window". */
void plan_shortfall_describe(const struct planner *p, const struct plan_shortfall *sf, char *out,
                             size_t out_len);

/* Rows rank,window_start,window_end,inspectorate,inspector_id,inspector,
 * onsite_start,onsite_end: one per named inspector, windows ranked from 1. */
struct rowset *plan_window_rows(const struct roster *r, const struct plan_window *windows,
                                size_t n);

/* ---- proposals for one authority ---- */

struct plan_proposal {
    char la_code[16], name[256], region_code[64];
    jdate from;
    size_t nwindows;
    struct plan_window windows[PLAN_WINDOWS_MAX]; /* start and end only */
    struct rowset *rows; /* rank,window_start,window_end,inspectorate,inspector_id,inspector,
                            onsite_start,onsite_end */
    char why_none[1024]; /* set when nwindows == 0 */
};

/* The (up to three) earliest feasible windows for la_code from `from`.
 * 0 (also when none was found: nwindows 0 and why_none), or ERROR_DATA for an
 * unknown authority / a database error's kind (db_error), with the message in err. */
int plan_propose(struct db *db, const char *la_code, jdate from, struct plan_proposal *out,
                 struct error *err);
void plan_proposal_free(struct plan_proposal *p);

/* ---- booking (plan_book.c) ---- */

struct plan_booking {
    const char *type;  /* canonical type, default "jtai" */
    const char *theme; /* may be NULL */
    const char *user;  /* who books */
};

/* Books window `rank` (0-based) of a proposal in one BEGIN IMMEDIATE
 * transaction that re-checks, inside it, that every named inspector is still
 * free (and still on the roster, of that inspectorate, not seconded from the
 * authority). 0 with *plan_id; ERROR_BUSY when another coordinator took one
 * of them first or the database stayed busy (nothing booked: run again). */
int plan_book(struct db *db, const struct plan_proposal *prop, size_t rank,
              const struct plan_booking *booking, long long *plan_id, struct error *err);
/* Cancels a booked plan and releases its bookings (the plan stays, cancelled).
 * ERROR_DATA for an unknown plan id or one already cancelled. */
int plan_cancel(struct db *db, long long plan_id, const char *user, struct error *err);
/* Replaces every member of a booked plan whose days are no longer free (or who
 * left the roster or the inspectorate) by a free inspector of the same
 * inspectorate for the same on-site days, in one transaction. *replaced says
 * how many; ERROR_UNAVAILABLE when some member has no free substitute (nothing
 * changed), ERROR_DATA for an unknown or cancelled plan. */
int plan_replace(struct db *db, long long plan_id, int *replaced, char *summary,
                 size_t summary_len, struct error *err);

/* Columns: plan_id, la_code, authority, window_start, window_end, type, theme,
 * status, booked_by, booked_at, conflicts; newest window first. la_code NULL
 * lists every plan. 0, or a database error's kind (db_error). */
int plan_list(struct db *db, const char *la_code, struct rowset **out, struct error *err);
/* Columns: plan_id, inspectorate, inspector_id, inspector, onsite_start,
 * onsite_end, conflict. la_code NULL: all plans. 0 or a database error's kind. */
int plan_members(struct db *db, const char *la_code, struct rowset **out, struct error *err);
/* How many booked plans have a non-empty conflicts column: 0 with *count, or
 * a database error's kind. */
int plan_conflict_count(struct db *db, int *count, struct error *err);

#endif
