/* The Plans view: booked joint inspections, newest window first, with their
 * status and conflicts. Enter opens the authority; c cancels the plan under
 * the cursor and R replaces its conflicted inspectors, each after a y/n
 * question. Plans are confidential; only this view, the detail view and
 * `jib plans` show them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/plan.h"
#include "tui/cli.h"
#include "tui/view.h"

#define PLANS_COLUMNS "plan_id,authority,status,window_start,window_end,conflicts,type,theme," \
                      "booked_by,booked_at,la_code"

static int plans_load(struct view *v, struct app *app, struct error *err)
{
    struct rowset *rs;
    if (plan_list(app->db, NULL, &rs, err) != 0)
        return -1;
    v->is_table = true;
    snprintf(v->empty_note, sizeof v->empty_note,
             "No plans yet: press Enter on an authority, then p, to find and book a joint window.");
    table_set_rowset(&v->table, rs, PLANS_COLUMNS, "plan_id");
    return 0;
}

static void cancel_plan(struct app *app, struct view *v, long long plan_id)
{
    (void)v;
    struct error err;
    if (plan_cancel(app->db, plan_id, cli_user(), &err) != 0) {
        app_report(app, "Not cancelled", &err);
        return;
    }
    app_data_changed(app);
    app_message(app, false, "Cancelled plan %lld: its inspectors' bookings are released",
                plan_id);
}

static void replace_plan(struct app *app, struct view *v, long long plan_id)
{
    (void)v;
    struct error err;
    char summary[2048] = "";
    int replaced = 0;
    int rc = plan_replace(app->db, plan_id, &replaced, summary, sizeof summary, &err);
    app_data_changed(app);
    if (rc)
        app_report(app, "Not replaced", &err);
    else if (replaced)
        app_message(app, false, "Plan %lld rebooked: %s", plan_id, summary);
    else
        app_message(app, false, "Plan %lld has no conflicts now: nothing to replace", plan_id);
}

static bool plans_action(struct view *v, struct app *app, enum action a)
{
    if (a == ACT_SAMPLE) {
        app_push(app, &view_sample_ops, NULL);
        return true;
    }
    if (a != ACT_CANCEL_PLAN && a != ACT_REPLACE_PLAN)
        return false;
    const char *id = table_current(&v->table, "plan_id");
    if (!id) {
        app_message(app, true, "No plan under the cursor");
        return true;
    }
    long long plan_id = atoll(id);
    const char *who = table_current(&v->table, "authority"),
               *la = table_current(&v->table, "la_code"),
               *start = table_current(&v->table, "window_start");
    if (strcmp(table_current(&v->table, "status"), "booked") != 0) {
        app_message(app, true, "Plan %lld is cancelled already", plan_id);
        return true;
    }
    if (a == ACT_CANCEL_PLAN) {
        if (app_can_write(app, "cancel a plan"))
            app_confirm(app, cancel_plan, plan_id, "Not cancelled",
                        "Cancel plan %lld, %s (%s), window from %s, and release its bookings?",
                        plan_id, who, la, start);
        return true;
    }
    if (!*table_current(&v->table, "conflicts")) {
        app_message(app, true, "Plan %lld has no conflicts: nothing to replace", plan_id);
        return true;
    }
    if (app_can_write(app, "replace inspectors"))
        app_confirm(app, replace_plan, plan_id, "Nothing replaced",
                    "Replace plan %lld's conflicted inspectors (%s) by free ones of the same "
                    "inspectorate for the same days?",
                    plan_id, who);
    return true;
}

const struct view_ops view_plans_ops = {
    .name = "plans", .title = "Plans", .load = plans_load, .enter = view_open_authority,
    .action = plans_action,
};
