/* The Plans view: booked joint inspections, newest window first. Plans are
 * confidential; only this view, the detail view and `jib plans` show them. */
#include "core/db.h"
#include "tui/view.h"

static int plans_load(struct view *v, struct app *app, char *err, size_t err_len)
{
    struct rowset *rs = rowset_new_csv(
        "plan_id,la_code,authority,window_start,window_end,type,theme,status,booked_by,booked_at",
        "itttttttt");
    sqlite3_stmt *st = db_prepare(
        app->db, "SELECT p.plan_id, p.la_code, a.name, p.window_start, p.window_end, p.type, p.theme,"
                 " p.status, p.booked_by, p.booked_at FROM plan p JOIN authority a USING (la_code)"
                 " ORDER BY p.window_start DESC, p.plan_id DESC");
    int rc = st ? rowset_fill(rs, st) : SQLITE_ERROR;
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        snprintf(err, err_len, "Cannot read plans: %s", sqlite3_errmsg(app->db->handle));
        rowset_free(rs);
        return -1;
    }
    v->is_table = true;
    snprintf(v->empty_note, sizeof v->empty_note,
             "No plans yet: joint planning (booking windows) is not available in this version.");
    table_set_rowset(&v->table, rs, NULL, "la_code");
    return 0;
}

const struct view_ops view_plans_ops = {
    .name = "plans", .title = "Plans", .load = plans_load, .enter = view_open_authority,
};
