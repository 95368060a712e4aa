/* b in the dashboard: the joint brief of an authority (`jib brief`), written to
 * jib-brief-CODE-YYYYMMDD-HHMMSS.html in the directory the dashboard started
 * in, never over an earlier file, with the database's mode (a brief with a
 * plan is as confidential as the database); the status line says where. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/brief.h"
#include "core/db.h"
#include "import/outfile.h"
#include "tui/brief.h"
#include "tui/view.h"

static void write_file(struct app *app, const struct brief *b)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32], name[256];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    mode_t mode = outfile_mode_like(app->db ? app->db->path : NULL);
    for (int n = 1; n < 100; n++) {
        if (n == 1)
            snprintf(name, sizeof name, "jib-brief-%s-%s.html", b->la_code, stamp);
        else
            snprintf(name, sizeof name, "jib-brief-%s-%s-%d.html", b->la_code, stamp, n);
        errno = 0;
        if (brief_save(b, BRIEF_HTML, name, mode, true) == 0) {
            app_message(app, false, "Brief of %s written to %s%s", b->la_code, name,
                        brief_has_plan(b) ? " (OFFICIAL-SENSITIVE: it includes the plan)" : "");
            return;
        }
        if (errno != EEXIST)
            break;
    }
    app_message(app, true, "Cannot write %s: %s", name, strerror(errno));
}

void app_write_brief(struct app *app, struct view *v)
{
    const char *la = *v->la_code ? v->la_code
                     : v->is_table ? table_current(&v->table, "la_code")
                                   : NULL;
    if (!la || !*la) {
        app_message(app, true, "b writes an authority's brief: press it on an authority's row or detail");
        return;
    }
    struct brief b;
    struct error err;
    if (brief_load(app->db, la, app->today, &b, &err) != 0) {
        app_report(app, "No brief", &err);
        return;
    }
    write_file(app, &b);
    brief_free(&b);
}
