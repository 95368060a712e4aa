/* What one joint brief shows about an authority (`jib brief`, the dashboard's
 * `b`): the detail `show` prints, its row of the due list, and the booked plan
 * with its named team when there is one. Rendering is tui/'s (brief_html.c,
 * brief_md.c). */
#ifndef JIB_BRIEF_H
#define JIB_BRIEF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/authority.h"
#include "core/date.h"
#include "core/error.h"
#include "core/rowset.h"

struct db;

struct brief {
    char la_code[LA_CODE_MAX];
    jdate today;
    struct authority_detail detail;
    struct rowset *due;  /* its due-list row (due_list's columns); one row */
    struct rowset *plan; /* plan_id, window_start, window_end, type, theme, booked_by,
                            booked_at: the booked plan whose window has not ended
                            (the earliest), or no row */
    struct rowset *team; /* its named team: inspectorate, inspector_id, name,
                            onsite_start, onsite_end, conflict (plan_members) */
};

/* Loads the brief of the authority ident names (any identifier). 0, or a
 * kind with a message in err (unknown authority: ERROR_DATA). */
int brief_load(struct db *db, const char *ident, jdate today, struct brief *out, struct error *err);
void brief_free(struct brief *b);
/* A plan is included: the brief is then OFFICIAL-SENSITIVE (plans are confidential). */
bool brief_has_plan(const struct brief *b);

#endif
