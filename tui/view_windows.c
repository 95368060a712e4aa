/* The Windows view: `p` on an authority finds its (up to three) earliest
 * feasible joint windows (plan_propose) and lists each window's named team;
 * Enter on any row of a window books that window after a y/n question
 * (plan_book, which re-checks every inspector inside its transaction). With no
 * window the view says why instead. Plans are confidential: only this view,
 * the Plans view, the detail and `jib plan`/`plans`/`show` show them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/plan.h"
#include "tui/cli.h"
#include "tui/view.h"

static void windows_close(struct view *v)
{
    struct plan_proposal *p = v->data;
    if (p) {
        plan_proposal_free(p);
        free(p);
    }
    v->data = NULL;
}

/* "2026-09-14..09-18": a span of days, the end without its year when it is
 * the same. */
static void on_site(const char *from, const char *to, char *out, size_t len)
{
    snprintf(out, len, "%s..%s", from, strncmp(from, to, 4) == 0 ? to + 5 : to);
}

/* One row per named inspector, windows in rank order: "1 2026-09-14..10-11"
 * (the window's rank, first and last day), the inspector, the on-site days. */
static struct rowset *display_rows(const struct plan_proposal *p)
{
    struct rowset *rs = rowset_new_csv("window,inspectorate,id,inspector,on_site", "ttttt");
    const struct rowset *in = p->rows;
    for (size_t r = 0; r < in->nrows; r++) {
        size_t row = rowset_add_row(rs);
        char span[64], window[80], days[64];
        on_site(rowset_get(in, r, 1), rowset_get(in, r, 2), span, sizeof span);
        snprintf(window, sizeof window, "%s %s", rowset_get(in, r, 0), span);
        on_site(rowset_get(in, r, 6), rowset_get(in, r, 7), days, sizeof days);
        rowset_set(rs, row, 0, window);
        for (size_t c = 3; c < 6; c++)
            rowset_set(rs, row, c - 2, rowset_get(in, r, c));
        rowset_set(rs, row, 4, days);
    }
    return rs;
}

static void no_window(struct view *v, struct app *app, const struct plan_proposal *p)
{
    char from[DATE_ISO_LEN], why[sizeof p->why_none];
    date_format(p->from, from);
    snprintf(why, sizeof why, "%s", p->why_none);
    textdoc_free(&v->text);
    v->is_table = false;
    textdoc_add(&v->text, ROLE_SECTION, "No joint window for %s (%s) in the %d weeks from %s",
                p->name, p->la_code, PLAN_SEARCH_WEEKS, from);
    for (char *save = NULL, *line = strtok_r(why, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save))
        textdoc_add(&v->text, ROLE_BAD, "  %s", line);
    textdoc_add(&v->text, ROLE_NORMAL, "%s", "");
    textdoc_add(&v->text, ROLE_DIM, "  Nothing was booked. r looks again; Esc goes back.");
    snprintf(why, sizeof why, "%s", p->why_none); /* strtok_r cut it */
    for (char *c = why; *c; c++)
        if (*c == '\n')
            *c = ';';
    app_message(app, true, "No joint window for %s (%s): %s", p->name, p->la_code, why);
}

static int windows_load(struct view *v, struct app *app, struct error *err)
{
    struct plan_proposal *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    int rc = plan_propose(app->db, v->la_code, app->today, p, err);
    if (rc) {
        plan_proposal_free(p);
        free(p);
        return -1;
    }
    windows_close(v);
    v->data = p;
    if (p->nwindows == 0) {
        no_window(v, app, p);
        return 0;
    }
    v->is_table = true;
    snprintf(v->empty_note, sizeof v->empty_note, "No windows.");
    table_set_rowset(&v->table, display_rows(p), NULL, "window");
    return 0;
}

static void book(struct app *app, struct view *v, long long rank)
{
    struct plan_proposal *p = v->data;
    struct plan_booking booking = {NULL, NULL, cli_user()};
    long long plan_id = 0;
    struct error err;
    char start[DATE_ISO_LEN], end[DATE_ISO_LEN];
    if (!p || rank < 0 || (size_t)rank >= p->nwindows)
        return;
    date_format(p->windows[rank].start, start);
    date_format(p->windows[rank].end, end);
    int rc = plan_book(app->db, p, (size_t)rank, &booking, &plan_id, &err);
    if (rc == 0) {
        char name[sizeof p->name], la[sizeof p->la_code];
        snprintf(name, sizeof name, "%s", p->name);
        snprintf(la, sizeof la, "%s", p->la_code);
        app_pop(app); /* back to the authority, whose plans now list it */
        app_data_changed(app);
        app_message(app, false, "Booked plan %lld: %s (%s), window %s to %s, as %s", plan_id,
                    name, la, start, end, booking.user);
        return;
    }
    /* A lost race (ERROR_BUSY): another coordinator took an inspector; the
     * windows are found again with who is free now. */
    app_data_changed(app);
    app_report(app, "Not booked", &err);
}

static void windows_enter(struct view *v, struct app *app)
{
    struct plan_proposal *p = v->data;
    const char *w = table_current(&v->table, "window");
    if (!p || !w)
        return;
    long long rank = atoll(w) - 1;
    if (rank < 0 || (size_t)rank >= p->nwindows || !app_can_write(app, "book"))
        return;
    char start[DATE_ISO_LEN], end[DATE_ISO_LEN];
    date_format(p->windows[rank].start, start);
    date_format(p->windows[rank].end, end);
    app_confirm(app, book, rank, "Not booked", "Book window %lld, %s to %s, for %s (%s)?",
                rank + 1, start, end, p->name, p->la_code);
}

/* p in this view looks again rather than opening another. */
static bool windows_action(struct view *v, struct app *app, enum action a)
{
    if (a != ACT_PLAN)
        return false;
    app_load(app, v);
    return true;
}

const struct view_ops view_windows_ops = {
    .name = "windows", .title = "Windows", .load = windows_load, .enter = windows_enter,
    .close = windows_close, .action = windows_action,
};
