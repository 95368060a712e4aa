/* One authority: resolving an identifier, and everything `jib show` and the
 * dashboard's detail view print about it. */
#ifndef JIB_AUTHORITY_H
#define JIB_AUTHORITY_H

#include <stddef.h>

#include "core/date.h"
#include "core/error.h"
#include "core/rowset.h"

struct db;

#define LA_CODE_MAX 16

#define AUTHORITY_NAME_MAX 128
#define AUTHORITY_CANDIDATES_MAX 12

enum authority_match_kind {
    MATCH_NONE, /* nothing, not even close */
    MATCH_ONE,  /* one authority: c[0] */
    MATCH_MANY, /* several (total), the first AUTHORITY_CANDIDATES_MAX in c */
    MATCH_NEAR, /* none, but c holds up to 3 near misses, closest first */
};

struct authority_matches {
    enum authority_match_kind kind;
    size_t count, total;
    struct {
        char la_code[LA_CODE_MAX];
        char name[AUTHORITY_NAME_MAX];
    } c[AUTHORITY_CANDIDATES_MAX];
};

/* Finds authorities as a person types them: la_code, ONS code or Ofsted URN
 * exactly; else a name or alias exactly (compared by text_name_key); else
 * names or aliases that start with the query or whose words the query's words
 * begin ("Richmond", "Telford", "upon Thames"); else near misses. 0, or the
 * kind of a database failure (db_error): a failed read is never "no match". */
int authority_match(struct db *db, const char *ident, struct authority_matches *out,
                    struct error *err);

/* One authority from authority_match. 0, or ERROR_DATA with a message: the
 * candidates with their codes when ambiguous, the closest names on a near
 * miss. */
int authority_resolve(struct db *db, const char *ident, char la_code[LA_CODE_MAX],
                      struct error *err);

struct authority_detail {
    struct rowset *identity;   /* la_code, ons_code, ofsted_urn, name, region_code,
                                  region_name, la_type, aliases (l), stat_neighbours (l) */
    struct rowset *history;    /* every inspection, newest first: inspectorate, type,
                                  start_date, end_date, published, overall, leadership,
                                  help_protection, in_care, care_leavers, partnership,
                                  theme, lead, link, cadence_grade (full inspections:
                                  overall, else the worst area) */
    struct rowset *latest;     /* latest judgement per inspectorate */
    struct rowset *indicators; /* indicator, period, value, national, regional,
                                  neighbours, neighbour_rank, neighbour_count, trend */
    struct rowset *trends;     /* indicator, period, value, national, regional,
                                  neighbours: every period, oldest first (sparklines) */
    struct rowset *concerns;   /* raised_by, date, severity, summary, closed, open */
    struct rowset *monitoring; /* the monitoring row, if under monitoring */
    struct rowset *plans;      /* plans for this authority (plan_list's columns) */
    struct rowset *plan_team;  /* their named inspectors (plan_members' columns) */
    struct rowset *due;        /* its due-list row (due_list's columns): the why, first */
    struct rowset *neighbours; /* la_code, authority, last_type, last_start, cadence_grade:
                                  the statistical neighbours in order, by name */
};

int authority_detail_load(struct db *db, const char *la_code, jdate today,
                          struct authority_detail *out, struct error *err);
void authority_detail_free(struct authority_detail *detail);

#endif
