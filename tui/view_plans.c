/* The Plans view: booked joint inspections, newest window first. Plans are
 * confidential; only this view, the detail view and `jib plans` show them. */
#include "core/db.h"
#include "core/plan.h"
#include "tui/view.h"

static int plans_load(struct view *v, struct app *app, char *err, size_t err_len)
{
    struct rowset *rs;
    if (plan_list(app->db, NULL, &rs) != 0) {
        snprintf(err, err_len, "Cannot read plans: %s", sqlite3_errmsg(app->db->handle));
        return -1;
    }
    v->is_table = true;
    snprintf(v->empty_note, sizeof v->empty_note,
             "No plans yet: press Enter on an authority, then p, to find and book a joint window.");
    table_set_rowset(&v->table, rs, NULL, "la_code");
    return 0;
}

const struct view_ops view_plans_ops = {
    .name = "plans", .title = "Plans", .load = plans_load, .enter = view_open_authority,
};
