/* The status line: messages, position, read-only, today, data freshness and
 * the database path, most important first so a narrow terminal keeps those. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/import_log.h"
#include "tui/termtext.h"
#include "tui/view.h"

#define STALE_DAYS 30

/* Age of the newest successful import, measured against the database's
 * today (--today, else the database's reference date, else the local date),
 * the day every other figure on screen is worked out for. An import stamped
 * after that day (a demo built now for a past reference date, a what-if
 * --today) is as fresh as that day can see: 0 days, never a date from its
 * future. */
void status_refresh_freshness(struct app *app)
{
    char stamp[64] = "", at[DATE_ISO_LEN];
    struct error err;
    app->freshness_warn = false;
    if (import_log_last_ok(app->db, stamp, sizeof stamp, &err) != 0) {
        app->freshness_warn = true;
        snprintf(app->freshness, sizeof app->freshness, "! import log unreadable");
        return;
    }
    snprintf(at, sizeof at, "%.10s", stamp);
    jdate day;
    if (!*at || !date_parse_iso(at, &day)) {
        snprintf(app->freshness, sizeof app->freshness, "no imports yet");
        return;
    }
    long age = (long)app->today - day;
    if (age < 0)
        age = 0;
    app->freshness_warn = age > STALE_DAYS;
    snprintf(app->freshness, sizeof app->freshness, "%sdata %ld day%s old", app->freshness_warn ? "! " : "",
             age, age == 1 ? "" : "s");
}

static void position(struct view *v, char *out, size_t len)
{
    out[0] = '\0';
    if (v->is_table && v->table.rs) {
        char filters[200];
        table_describe_filters(&v->table, filters, sizeof filters);
        char sort[160] = "";
        if (v->table.sort_col >= 0 && (size_t)v->table.sort_col < v->table.rs->ncols)
            snprintf(sort, sizeof sort, " sort %s %s", v->table.rs->names[v->table.sort_col],
                     v->table.sort_desc ? "desc" : "asc");
        snprintf(out, len, "row %zu/%zu%s%s%s", v->table.shown ? v->table.cursor + 1 : 0,
                 view_rows(v), sort, *filters ? " filter " : "", filters);
    } else if (!v->is_table && v->text.count) {
        snprintf(out, len, "line %zu/%zu", v->text.top + 1, v->text.count);
    }
}

void status_draw(struct app *app)
{
    char pos[256], today[DATE_ISO_LEN], line[1200], clean[1200], fitted[1200];
    position(app_current(app), pos, sizeof pos);
    date_format(app->today, today);
    snprintf(line, sizeof line, "%s%s%s%s | today %s | %s | %s", app->message, *app->message ? " | " : "",
             pos, app->db->snapshot    ? " | READ-ONLY snapshot: changes by others since it opened are not shown"
             : app->db->read_only ? " | READ-ONLY"
                                  : "", today, app->freshness, app->db_path);
    termtext_sanitize(line, clean, sizeof clean);
    int used = termtext_fit(clean, COLS, fitted, sizeof fitted);
    int attr = screen_attr(ROLE_STATUS);
    if (app->message_error)
        attr |= A_BOLD;
    attrset(attr);
    mvaddstr(LINES - 1, 0, fitted);
    /* The bottom-right cell: writing it would scroll the screen. */
    if (COLS - used - 1 > 0)
        printw("%*s", COLS - used - 1, "");
    attrset(A_NORMAL);
}
