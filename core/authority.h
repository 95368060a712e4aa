/* One authority: resolving an identifier, and everything `jib show` and the
 * dashboard's detail view print about it. */
#ifndef JIB_AUTHORITY_H
#define JIB_AUTHORITY_H

#include <stddef.h>

#include "core/date.h"
#include "core/rowset.h"

struct db;

#define LA_CODE_MAX 16

/* Finds an authority by la_code, ons_code, ofsted_urn, name or alias (names
 * compared by text_name_key). 0, or EX_DATAERR_ with a message naming what was
 * looked for. */
int authority_resolve(struct db *db, const char *ident, char la_code[LA_CODE_MAX], char *err,
                      size_t err_len);

struct authority_detail {
    struct rowset *identity;   /* la_code, ons_code, ofsted_urn, name, region_code,
                                  region_name, la_type, aliases (l), stat_neighbours (l) */
    struct rowset *history;    /* every inspection, newest first: inspectorate, type,
                                  start_date, end_date, published, overall, leadership,
                                  help_protection, in_care, care_leavers, partnership,
                                  theme, lead, link */
    struct rowset *latest;     /* latest judgement per inspectorate */
    struct rowset *indicators; /* indicator, period, value, national, regional,
                                  neighbours, neighbour_rank, neighbour_count, trend */
    struct rowset *trends;     /* indicator, period, value, national, regional,
                                  neighbours: every period, oldest first (sparklines) */
    struct rowset *concerns;   /* raised_by, date, severity, summary, closed, open */
    struct rowset *monitoring; /* the monitoring row, if under monitoring */
    struct rowset *plans;      /* plans for this authority (plan_list's columns) */
    struct rowset *plan_team;  /* their named inspectors (plan_members' columns) */
};

int authority_detail_load(struct db *db, const char *la_code, jdate today,
                          struct authority_detail *out, char *err, size_t err_len);
void authority_detail_free(struct authority_detail *detail);

#endif
