/* The Teams view: inspectors free all week, per week (rows) and inspectorate
 * (columns), against the team each must field. A cell reads
 * "free/total/required" then "ok", "short" or "-" (none required), so the
 * colour is never the only signal. Whether a joint window can start that week
 * is core's rule (availability_list's joint_window column). Enter on a cell
 * lists who is free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/availability.h"
#include "core/inspectorate.h"
#include "tui/view.h"

#define TEAMS_WEEKS 12

static void format_cell(char *out, size_t len, long free_n, long total, long required)
{
    const char *word = required <= 0 ? "-" : free_n >= required ? "ok" : "short";
    snprintf(out, len, "%ld/%ld/%ld %s", free_n, total, required, word);
}

/* One row per week; rows of `long` come in week order, one per inspectorate. */
static struct rowset *pivot(const struct rowset *in)
{
    struct rowset *out = rowset_new_csv(
        "week,joint,ofsted,cqc,hmicfrs,hmi_probation,hmi_prisons", "ttttttt");
    size_t row = 0;
    bool have_row = false;
    for (size_t r = 0; r < in->nrows; r++) {
        const char *week = rowset_get(in, r, 0);
        if (!have_row || strcmp(rowset_get(out, row, 0), week) != 0) {
            row = rowset_add_row(out);
            rowset_set(out, row, 0, week);
            /* The joint-window rule lives in core (planner_window_can_start). */
            rowset_set(out, row, 1, rowset_get(in, r, 5));
            have_row = true;
        }
        int insp = inspectorate_from_code(rowset_get(in, r, 1));
        if (insp < 0)
            continue;
        long f = atol(rowset_get(in, r, 2)), t = atol(rowset_get(in, r, 3)),
             q = atol(rowset_get(in, r, 4));
        char cell[64];
        format_cell(cell, sizeof cell, f, t, q);
        rowset_set(out, row, 2 + (size_t)insp, cell);
    }
    return out;
}

static int teams_load(struct view *v, struct app *app, struct error *err)
{
    struct rowset *rs;
    if (availability_list(app->db, app->today, TEAMS_WEEKS, &rs, err))
        return -1;
    struct rowset *grid = pivot(rs);
    rowset_free(rs);
    v->is_table = true;
    snprintf(v->empty_note, sizeof v->empty_note, "No inspectors yet: import an inspectors file.");
    table_set_rowset(&v->table, grid, NULL, "week");
    return 0;
}

/* Enter on a cell: who of that inspectorate is free that week (on the week
 * or joint_window column: every inspectorate). */
static void teams_enter(struct view *v, struct app *app)
{
    const char *week = table_current(&v->table, "week");
    if (!week || !*week)
        return;
    const char *col = table_column_name(&v->table);
    bool one = inspectorate_from_code(col) >= 0;
    char arg[64];
    snprintf(arg, sizeof arg, "%s%s%s", week, one ? " " : "", one ? col : "");
    app_push_arg(app, &view_who_ops, NULL, arg);
}

const struct view_ops view_teams_ops = {
    .name = "teams", .title = "Teams", .load = teams_load, .enter = teams_enter,
};
