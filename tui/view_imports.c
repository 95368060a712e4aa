/* The Imports view: the import log, newest first. */
#include "core/error.h"
#include "core/import_log.h"
#include "tui/view.h"

static int imports_load(struct view *v, struct app *app, struct error *err)
{
    struct rowset *rs;
    if (import_log_list(app->db, &rs, err))
        return -1;
    v->is_table = true;
    snprintf(v->empty_note, sizeof v->empty_note, "No imports yet: jib import FILE... records each one here.");
    table_set_rowset(&v->table, rs,
                     "import_id,at,outcome,kind,file,inserted,updated,unchanged,rejected,user,sha256",
                     "import_id");
    status_refresh_freshness(app);
    return 0;
}

const struct view_ops view_imports_ops = {.name = "imports", .title = "Imports", .load = imports_load};
