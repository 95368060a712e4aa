/* Who is free: Enter on a Teams cell lists the inspectors of that inspectorate
 * (every inspectorate from the week column) and whether each is free that
 * week. A booked inspector shows as "booked", never for which authority:
 * plans are confidential. The view's arg is "WEEK [INSPECTORATE]". */
#include <stdio.h>
#include <string.h>

#include "core/availability.h"
#include "core/inspectorate.h"
#include "tui/view.h"

static int who_load(struct view *v, struct app *app, struct error *err)
{
    char week[DATE_ISO_LEN] = "", code[32] = "";
    jdate monday;
    if (sscanf(v->arg, "%10s %31s", week, code) < 1 || !date_parse_iso(week, &monday)) {
        error_set(err, ERROR_USAGE, "No week to show");
        return -1;
    }
    int insp = *code ? inspectorate_from_code(code) : -1;
    struct rowset *rs;
    if (availability_who(app->db, monday, insp, &rs, err) != 0)
        return -1;
    v->is_table = true;
    snprintf(v->empty_note, sizeof v->empty_note, "No %s inspectors on the roster.",
             *code ? code : "");
    table_set_rowset(&v->table, rs, "inspector_id,inspector,availability,free_days,inspectorate,region",
                     "inspector_id");
    return 0;
}

const struct view_ops view_who_ops = {.name = "who", .title = "Free", .load = who_load};

