/* The Due view (home): every authority's due date and status, soonest first. */
#include "core/due.h"
#include "core/due_cache.h"
#include "tui/view.h"

/* Status and due date first: what a coordinator triages on; then the gap flag
 * (a newer report rejected on import: this row is not up to date). */
#define DUE_COLUMNS "la_code,authority,status,due_date,days_to_due,gap,cadence_grade,last_type," \
                    "last_start,window_start,window_end,monitoring,open_concerns,region,reason"

static int due_load(struct view *v, struct app *app, char *err, size_t err_len)
{
    struct rowset *rs;
    int rc = due_list_cached(app->db, app->today, &rs, err, err_len);
    if (rc)
        return -1;
    v->is_table = true;
    snprintf(v->empty_note, sizeof v->empty_note,
             "No authorities yet: import an authorities file (jib import FILE) or run jib demo.");
    table_set_rowset(&v->table, rs, DUE_COLUMNS, "la_code");
    snprintf(v->footer, sizeof v->footer, "reason"); /* the why, whole, under the table */
    return 0;
}

/* Enter on any authority row opens its detail; shared by the list views. */
void view_open_authority(struct view *v, struct app *app)
{
    const char *la = table_current(&v->table, "la_code");
    if (la && *la)
        app_push(app, &view_detail_ops, la);
}

const struct view_ops view_due_ops = {
    .name = "due", .title = "Due", .load = due_load, .enter = view_open_authority,
};
