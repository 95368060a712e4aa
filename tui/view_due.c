/* The Due view (home): every authority's due date and status, soonest first. */
#include "core/due.h"
#include "core/due_cache.h"
#include "tui/view.h"

#include <curses.h>

/* Status and due date first: what a coordinator triages on; then the gap flag
 * (a newer report rejected on import: this row is not up to date). */
#define DUE_COLUMNS "la_code,authority,status,due_date,days_to_due,gap,cadence_grade,last_type," \
                    "last_start,window_start,window_end,monitoring,open_concerns,region,reason"

/* Issue 12: the first load draws from the kept list's first page (a screen's
 * rows, the whole list's count and column widths), so the first screen does not
 * wait for the whole list; app_complete loads the rest right after it is drawn
 * (tui/cmd_tui.c), before any key. Later loads take the whole list. */
static int due_load(struct view *v, struct app *app, struct error *err)
{
    struct rowset *rs;
    size_t total = 0;
    int widths[DUE_LIST_NCOLS];
    bool page = !v->loaded && LINES > 0 &&
                due_cache_first_page(app->db, app->today, (size_t)LINES, &rs, &total, widths) == 0;
    if (!page && due_list_cached(app->db, app->today, &rs, err) != 0)
        return -1;
    v->is_table = true;
    snprintf(v->empty_note, sizeof v->empty_note,
             "No authorities yet: import an authorities file (jib import FILE) or run jib demo.");
    table_set_rowset(&v->table, rs, DUE_COLUMNS, "la_code");
    v->partial = page && total > rs->nrows;
    v->rows_total = total;
    for (size_t c = 0; v->partial && c < DUE_LIST_NCOLS; c++)
        table_widen(&v->table, c, widths[c]);
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
