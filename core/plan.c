#include "core/plan.h"

#include "core/db.h"

int plan_list(struct db *db, struct rowset **out)
{
    int rc = rowset_select(
        db->handle,
        "plan_id,la_code,authority,window_start,window_end,type,theme,status,booked_by,booked_at",
        "itttttttt",
        "SELECT p.plan_id, p.la_code, a.name, p.window_start, p.window_end, p.type, p.theme,"
        " p.status, p.booked_by, p.booked_at FROM plan p JOIN authority a USING (la_code)"
        " ORDER BY p.window_start DESC, p.plan_id DESC",
        out);
    return rc == SQLITE_DONE ? 0 : -1;
}
