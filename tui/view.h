/* Views of the dashboard behind one ops table, the view stack, and the text
 * pager the detail and help views use. View files supply rows or lines; the
 * drawing and keys common to all live here. */
#ifndef JIB_VIEW_H
#define JIB_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/error.h"
#include "tui/actions.h"
#include "tui/screen.h"
#include "tui/table.h"

struct db;
struct app;
struct view;

/* Lines of text, each with one role, scrolled as a whole (detail, help). */
struct textdoc {
    char **lines;
    enum screen_role *roles;
    size_t count, cap;
    size_t top;
    int page;
};

void textdoc_add(struct textdoc *d, enum screen_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void textdoc_free(struct textdoc *d);

struct view_ops {
    const char *name;  /* "due": file names of exports */
    const char *title; /* "Due": the tab */
    /* Fills the view's table (table_set_rowset) or text. 0, or -1 with a
     * message in err. */
    int (*load)(struct view *v, struct app *app, struct error *err);
    /* Enter on a row; NULL when Enter does nothing. */
    void (*enter)(struct view *v, struct app *app);
    /* Frees what load kept beyond the table and text; may be NULL. */
    void (*close)(struct view *v);
    /* The view's own actions (p, c, R): true when handled; may be NULL. */
    bool (*action)(struct view *v, struct app *app, enum action a);
};

struct view {
    const struct view_ops *ops;
    bool is_table;      /* table, else text */
    bool loaded;
    struct table table;
    struct textdoc text;
    char la_code[16];   /* the detail view's authority */
    char arg[64];       /* what else a pushed view shows (the Who view's week) */
    void *data;         /* the view's own state, freed by ops->close */
    char empty_note[160]; /* shown when a table has no rows at all */
    char footer[32];    /* a column whose whole value, for the cursor's row, a footer shows */
    /* Issue 12: the table holds only the first page of the list (drawn first);
     * app_complete loads the rest before any key is handled. */
    bool partial;
    size_t rows_total; /* the whole list's rows while partial */
};

/* PROMPT_EXPORT: e asked which format (c CSV, x xlsx). */
enum prompt_kind { PROMPT_NONE, PROMPT_SEARCH, PROMPT_FILTER, PROMPT_CONFIRM, PROMPT_EXPORT };

/* What y does to a confirmation (app_confirm). */
typedef void (*confirm_fn)(struct app *app, struct view *v, long long arg);

#define VIEW_TOP_COUNT 5
#define VIEW_STACK_MAX 8

struct app {
    struct db *db;
    jdate today;
    const char *db_path;
    struct view top[VIEW_TOP_COUNT];
    struct view *stack[VIEW_STACK_MAX];
    int depth;
    enum prompt_kind prompt;
    char prompt_text[256];
    int filter_col;
    confirm_fn confirm_yes;  /* PROMPT_CONFIRM: y runs it, any other key says confirm_no */
    long long confirm_arg;
    char confirm_no[128];
    char message[512];
    bool message_error;
    long data_version;
    char freshness[96];
    bool freshness_warn;
    bool need_full; /* next draw repaints everything */
    bool export_xlsx; /* Enter at e's question writes xlsx (config: format = xlsx) */
    bool quit;
};

extern const struct view_ops view_due_ops, view_monitoring_ops, view_teams_ops, view_plans_ops,
    view_imports_ops, view_detail_ops, view_help_ops, view_who_ops, view_windows_ops,
    view_sample_ops;

/* b: writes the brief of the authority of the detail view or of the row under
 * the cursor to a new file in the current directory and says where
 * (tui/action_brief.c). */
void app_write_brief(struct app *app, struct view *v);

/* Enter on a list row with an la_code column: the authority detail. */
void view_open_authority(struct view *v, struct app *app);

void app_init(struct app *app, struct db *db, jdate today, const char *db_path);
void app_free(struct app *app);
struct view *app_current(struct app *app);
/* Sets the status line message. */
void app_message(struct app *app, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Switches to top view i (0-4), loading it the first time. */
void app_show_top(struct app *app, int i);
/* Pushes a view (detail, help) over the current one and loads it. */
void app_push(struct app *app, const struct view_ops *ops, const char *la_code);
/* The same with the view's arg set before it loads. */
void app_push_arg(struct app *app, const struct view_ops *ops, const char *la_code,
                  const char *arg);
/* Asks a y/n question on the status line: y runs yes(app, view, arg), any
 * other key says no_text. The views do not reload under the question. */
void app_confirm(struct app *app, confirm_fn yes, long long arg, const char *no_text,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Closes the current pushed view (as Esc does). */
void app_pop(struct app *app);
/* A core message without its "jib: " prefix, for the status line. */
/* An error on the status line: "what: message" (cli_status_text). */
void app_report(struct app *app, const char *what, const struct error *e);
/* False (and says why on the status line) when the database is read-only. */
bool app_can_write(struct app *app, const char *what);
/* This session changed the database: reload what is shown, the rest when next
 * shown (other sessions' changes come through app_poll_database). */
void app_data_changed(struct app *app);
/* (Re)loads a view, keeping its cursor on the same row. */
void app_load(struct app *app, struct view *v);
/* Loads the rest of every view drawn from its first page only (at the first
 * idle moment after the first screen, and before any key is handled). */
void app_complete(struct app *app);
/* Rows a view's table shows (filtered), counting the rows not loaded yet. */
size_t view_rows(const struct view *v);
/* One key press to idle: dispatches through the action table. */
void app_key(struct app *app, int key);
/* Reloads the current view when another connection committed. */
void app_poll_database(struct app *app);
/* Draws what changed (everything when full or app->need_full). */
void app_draw(struct app *app, bool full);
/* The status line text (status.c): database, today, freshness, messages. */
void status_refresh_freshness(struct app *app);
void status_draw(struct app *app);

#endif
