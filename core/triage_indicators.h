/* An authority's indicators against national, regional and statistical
 * neighbour values (SPEC rule 15), for `jib show` and the detail view. */
#ifndef JIB_TRIAGE_INDICATORS_H
#define JIB_TRIAGE_INDICATORS_H

#include <stdbool.h>

#include <stddef.h>

#include "core/error.h"
#include "core/rowset.h"

struct db;

/* trends: indicator, period, value, national, regional, neighbours; every
 * period, oldest first. latest: the same for each indicator's latest period,
 * plus neighbour_rank (1 = highest value among the authority and its
 * neighbours that have one), neighbour_count (how many were ranked) and trend
 * (up, down or flat against the previous period). 0 or a database error's kind (db_error). */
int triage_indicators_load(struct db *db, const char *la_code, struct rowset **trends,
                           struct rowset **latest, struct error *err);

/* Does a rank among neighbours mean something for this indicator? Rates,
 * percentages and averages: yes; counts and populations (which only say who is
 * bigger): no, and their neighbour_rank is left empty. */
bool triage_indicator_is_rate(const char *name);

#endif
