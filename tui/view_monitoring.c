/* The Monitoring view: authorities judged inadequate, by next visit due. */
#include "core/monitoring.h"
#include "tui/view.h"

static int monitoring_load(struct view *v, struct app *app, struct error *err)
{
    struct rowset *rs;
    if (monitoring_list(app->db, app->today, &rs, err))
        return -1;
    v->is_table = true;
    snprintf(v->empty_note, sizeof v->empty_note,
             "No authority is under monitoring (none has an inadequate latest full inspection).");
    table_set_rowset(&v->table, rs,
                     "la_code,authority,status,trigger,next_visit_due,last_visit,visits,judged,"
                     "months,reinspection_due",
                     "la_code");
    return 0;
}

const struct view_ops view_monitoring_ops = {
    .name = "monitoring", .title = "Monitoring", .load = monitoring_load,
    .enter = view_open_authority,
};
