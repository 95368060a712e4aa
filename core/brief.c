#include "core/brief.h"

#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/due.h"
#include "core/inspectorate.h"
#include "core/plan.h"

/* Runs sql with ?1 = text and ?2 = today (when it uses it) into a new rowset; -1
 * on failure. */
static int select_into(struct db *db, const char *cols, const char *types, const char *sql,
                       const char *text, jdate today, struct rowset **out)
{
    char t[DATE_ISO_LEN];
    date_format(today, t);
    *out = rowset_new_csv(cols, types);
    sqlite3_stmt *stmt = db_prepare(db, sql);
    if (!stmt)
        return -1;
    sqlite3_bind_text(stmt, 1, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, t, -1, SQLITE_TRANSIENT);
    int rc = rowset_fill(*out, stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* The authority's row of the due list (the list is computed for all: the
 * rules are the same and it is quick). */
static int load_due(struct db *db, struct brief *b, struct error *err)
{
    struct rowset *all;
    int rc = due_list(db, b->today, NULL, &all, err);
    if (rc)
        return rc;
    b->due = rowset_new(all->ncols, (const char *const *)all->names, all->types);
    for (size_t r = 0; r < all->nrows; r++) {
        if (strcmp(rowset_get(all, r, 0), b->la_code) != 0)
            continue;
        size_t row = rowset_add_row(b->due);
        for (size_t c = 0; c < all->ncols; c++)
            rowset_set(b->due, row, c, rowset_is_empty(all, r, c) ? NULL : rowset_get(all, r, c));
    }
    rowset_free(all);
    return 0;
}

static int load_plan(struct db *db, struct brief *b)
{
    if (select_into(db, "plan_id,window_start,window_end,type,theme,booked_by,booked_at",
                    "itttttt",
                    "SELECT plan_id, window_start, window_end, type, theme, booked_by, booked_at"
                    " FROM plan WHERE la_code = ?1 AND status = 'booked' AND window_end >= ?2"
                    " ORDER BY window_start, plan_id LIMIT 1",
                    b->la_code, b->today, &b->plan) != 0)
        return -1;
    /* The named team, with any later absence that overlaps a member's days
     * (plan.h's conflict rule). */
    struct rowset *all;
    if (plan_members(db, b->la_code, &all, NULL) != 0)
        return -1;
    b->team = rowset_new_csv("inspectorate,inspector_id,name,onsite_start,onsite_end,conflict",
                             "tttttt");
    const char *id = b->plan->nrows ? rowset_get(b->plan, 0, 0) : "";
    for (int i = 0; *id && i < INSP_COUNT; i++) /* Ofsted first, as everywhere */
        for (size_t r = 0; r < all->nrows; r++) {
            if (strcmp(rowset_get(all, r, 0), id) != 0 ||
                inspectorate_from_code(rowset_get(all, r, 1)) != i)
                continue;
            size_t row = rowset_add_row(b->team);
            for (size_t c = 1; c < 7; c++)
                rowset_set(b->team, row, c - 1, rowset_get(all, r, c));
        }
    rowset_free(all);
    return 0;
}

int brief_load(struct db *db, const char *ident, jdate today, struct brief *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    out->today = today;
    int rc = authority_resolve(db, ident, out->la_code, err);
    if (!rc)
        rc = authority_detail_load(db, out->la_code, today, &out->detail, err);
    if (!rc)
        rc = load_due(db, out, err);
    if (!rc && load_plan(db, out) != 0) {
        rc = db_error(db, err, "cannot read plans");
    }
    if (rc)
        brief_free(out);
    return rc;
}

void brief_free(struct brief *b)
{
    authority_detail_free(&b->detail);
    rowset_free(b->due);
    rowset_free(b->plan);
    rowset_free(b->team);
    memset(b, 0, sizeof *b);
}

bool brief_has_plan(const struct brief *b) { return b->plan && b->plan->nrows > 0; }
