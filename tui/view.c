#include "tui/view.h"

#include "import/outfile.h"
#include "import/xlsx_writer.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/authority.h"
#include "core/db.h"
#include "tui/cli.h"
#include "tui/termtext.h"

static const struct view_ops *const top_ops[VIEW_TOP_COUNT] = {
    &view_due_ops, &view_monitoring_ops, &view_teams_ops, &view_plans_ops, &view_imports_ops,
};

void textdoc_add(struct textdoc *d, enum screen_role role, const char *fmt, ...)
{
    if (d->count == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        d->lines = realloc(d->lines, d->cap * sizeof *d->lines);
        d->roles = realloc(d->roles, d->cap * sizeof *d->roles);
        if (!d->lines || !d->roles)
            abort();
    }
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    d->lines[d->count] = strdup(buf);
    d->roles[d->count++] = role;
}

void textdoc_free(struct textdoc *d)
{
    for (size_t i = 0; i < d->count; i++)
        free(d->lines[i]);
    free(d->lines);
    free(d->roles);
    memset(d, 0, sizeof *d);
}

static void view_reset(struct view *v)
{
    if (v->ops && v->ops->close)
        v->ops->close(v);
    table_free(&v->table);
    textdoc_free(&v->text);
    v->loaded = false;
}

void app_init(struct app *app, struct db *db, jdate today, const char *db_path)
{
    memset(app, 0, sizeof *app);
    app->db = db;
    app->today = today;
    app->db_path = db_path;
    for (int i = 0; i < VIEW_TOP_COUNT; i++) {
        app->top[i].ops = top_ops[i];
        table_init(&app->top[i].table);
    }
    app->stack[0] = &app->top[0];
    app->depth = 1;
    app->data_version = db_data_version(db);
    app->need_full = true;
}

static void pop_view(struct app *app)
{
    if (app->depth <= 1)
        return;
    struct view *v = app->stack[--app->depth];
    view_reset(v);
    free(v);
    app->need_full = true;
}

void app_pop(struct app *app) { pop_view(app); }

void app_report(struct app *app, const char *what, const struct error *e)
{
    char text[sizeof app->message];
    cli_status_text(e, text, sizeof text);
    if (what)
        app_message(app, true, "%s: %s", what, text);
    else
        app_message(app, true, "%s", text);
}

void app_free(struct app *app)
{
    while (app->depth > 1)
        pop_view(app);
    for (int i = 0; i < VIEW_TOP_COUNT; i++)
        view_reset(&app->top[i]);
}

struct view *app_current(struct app *app) { return app->stack[app->depth - 1]; }

void app_message(struct app *app, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->message, sizeof app->message, fmt, ap);
    va_end(ap);
    app->message_error = error;
}

void app_load(struct app *app, struct view *v)
{
    struct error err;
    error_clear(&err);
    if (v->ops->load(v, app, &err) != 0) {
        if (err.kind == ERROR_NONE)
            error_set(&err, ERROR_INTERNAL, "could not load the view");
        app_report(app, NULL, &err);
    }
    v->loaded = true;
    app->need_full = true;
}

void app_show_top(struct app *app, int i)
{
    while (app->depth > 1)
        pop_view(app);
    app->stack[0] = &app->top[i];
    if (!app->top[i].loaded)
        app_load(app, &app->top[i]);
    app->need_full = true;
}

void app_push(struct app *app, const struct view_ops *ops, const char *la_code)
{
    app_push_arg(app, ops, la_code, NULL);
}

void app_push_arg(struct app *app, const struct view_ops *ops, const char *la_code,
                  const char *arg)
{
    if (app->depth >= VIEW_STACK_MAX)
        pop_view(app);
    struct view *v = calloc(1, sizeof *v);
    if (!v)
        abort();
    v->ops = ops;
    table_init(&v->table);
    snprintf(v->la_code, sizeof v->la_code, "%s", la_code ? la_code : "");
    snprintf(v->arg, sizeof v->arg, "%s", arg ? arg : "");
    app->stack[app->depth++] = v;
    app_load(app, v);
}

static int top_index(struct app *app) { return (int)(app->stack[0] - app->top); }

void app_confirm(struct app *app, confirm_fn yes, long long arg, const char *no_text,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->prompt_text, sizeof app->prompt_text, fmt, ap);
    va_end(ap);
    snprintf(app->confirm_no, sizeof app->confirm_no, "%s", no_text);
    app->confirm_yes = yes;
    app->confirm_arg = arg;
    app->prompt = PROMPT_CONFIRM;
}

bool app_can_write(struct app *app, const char *what)
{
    if (!app->db->read_only && !app->db->snapshot)
        return true;
    app_message(app, true, "Read-only database: cannot %s (open it with write access)", what);
    return false;
}

/* Reloads the views on the stack now and the other top views when next shown. */
static void reload_all(struct app *app)
{
    for (int i = 0; i < VIEW_TOP_COUNT; i++)
        if (app->top[i].loaded && &app->top[i] != app->stack[0])
            app->top[i].loaded = false;
    for (int i = 0; i < app->depth; i++)
        app_load(app, app->stack[i]);
    status_refresh_freshness(app);
}

void app_data_changed(struct app *app)
{
    reload_all(app);
    /* Another session may have committed in between: that is shown now too. */
    app->data_version = db_data_version(app->db);
}

/* ---- text views: scrolling and search ---- */

static void text_scroll(struct textdoc *d, long delta)
{
    long last = (long)d->count - (d->page > 0 ? d->page : 1);
    long top = (long)d->top + delta;
    if (top > last)
        top = last;
    d->top = (size_t)(top < 0 ? 0 : top);
}

static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

static bool text_search(struct textdoc *d, const char *text, int dir)
{
    for (size_t step = 1; *text && step <= d->count; step++) {
        size_t i = (d->top + d->count + (dir < 0 ? d->count - step : step)) % d->count;
        if (contains_nocase(d->lines[i], text)) {
            d->top = i;
            return true;
        }
    }
    return false;
}

static bool text_action(struct view *v, enum action a, const char *search)
{
    struct textdoc *d = &v->text;
    long page = d->page > 1 ? d->page - 1 : 1;
    switch (a) {
    case ACT_UP: text_scroll(d, -1); return true;
    case ACT_DOWN: text_scroll(d, 1); return true;
    case ACT_PAGE_UP: text_scroll(d, -page); return true;
    case ACT_PAGE_DOWN: text_scroll(d, page); return true;
    case ACT_FIRST: text_scroll(d, -(long)d->count); return true;
    case ACT_LAST: text_scroll(d, (long)d->count); return true;
    case ACT_SEARCH_NEXT: return text_search(d, search, 1);
    case ACT_SEARCH_PREV: return text_search(d, search, -1);
    default: return false;
    }
}

/* ---- export ---- */

/* Exports go beside where the dashboard was started, through a temporary file
 * (import/outfile.h: no symlink followed, every write checked), never over an
 * earlier export, with the database's mode. */
static int export_to(struct app *app, struct view *v, const char *name, bool xlsx)
{
    mode_t mode = outfile_mode_like(app->db ? app->db->path : NULL);
    if (xlsx) {
        /* the rows as shown: filtered and sorted */
        const struct rowset *rs = v->table.rs;
        struct rowset *shown = rowset_new(rs->ncols, (const char *const *)rs->names, rs->types);
        for (size_t i = 0; i < v->table.shown; i++) {
            size_t r = rowset_add_row(shown);
            for (size_t c = 0; c < rs->ncols; c++)
                rowset_set(shown, r, c, rowset_get(rs, v->table.order[i], c));
        }
        struct xlsx_sheet sheet = {v->ops->name, shown};
        struct error err;
        errno = 0;
        int rc = xlsx_write(name, mode, true, &sheet, 1, &err);
        if (rc && !errno)
            errno = EIO;
        rowset_free(shown);
        return rc;
    }
    struct outfile o;
    if (outfile_open(&o, name, mode, true) != 0)
        return -1;
    if (table_export_csv(&v->table, o.f) != 0) {
        int e = errno ? errno : EIO;
        outfile_abort(&o);
        errno = e;
        return -1;
    }
    return outfile_commit(&o);
}

static void export_view(struct app *app, struct view *v, bool xlsx)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32], name[256];
    const char *ext = xlsx ? "xlsx" : "csv";
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (int n = 1; n < 100; n++) {
        if (n == 1)
            snprintf(name, sizeof name, "jib-%s-%s.%s", v->ops->name, stamp, ext);
        else
            snprintf(name, sizeof name, "jib-%s-%s-%d.%s", v->ops->name, stamp, n, ext);
        errno = 0;
        if (export_to(app, v, name, xlsx) == 0) {
            app_message(app, false, "Exported %zu rows to %s", v->table.shown, name);
            return;
        }
        if (errno != EEXIST)
            break;
    }
    app_message(app, true, "Cannot write %s: %s", name, strerror(errno));
}

/* e: asks CSV or xlsx (Enter takes the configured default). */
static void ask_export(struct app *app, struct view *v)
{
    if (!v->is_table || !v->table.rs) {
        app_message(app, true, "Nothing to export here: export works on the list views");
        return;
    }
    app->prompt = PROMPT_EXPORT;
}

static void export_key(struct app *app, int key)
{
    app->prompt = PROMPT_NONE;
    app->need_full = true;
    struct view *v = app_current(app);
    bool enter = key == '\r' || key == '\n' || key == KEY_ENTER;
    if (key == 'c' || key == 'C' || (enter && !app->export_xlsx))
        export_view(app, v, false);
    else if (key == 'x' || key == 'X' || enter)
        export_view(app, v, true);
    else
        app_message(app, false, "Export cancelled");
}

/* ---- the prompt (search and filter) on the status line ---- */

/* When no row contains the text, `/` finds authorities as `jib show` does:
 * an alias, a name written with "&", an ONS code; a near miss names the
 * closest authorities. True when it said or found something. */
static bool search_authority(struct app *app, struct view *v, const char *text)
{
    struct authority_matches m;
    if (v->table.key_col < 0 || strcmp(v->table.rs->names[v->table.key_col], "la_code") != 0)
        return false;
    struct error err;
    if (authority_match(app->db, text, &m, &err) != 0) {
        app_report(app, "Search", &err); /* never "no authority matches" */
        return true;
    }
    for (size_t i = 0; m.kind != MATCH_NEAR && i < m.count; i++)
        if (table_goto_key(&v->table, m.c[i].la_code)) {
            app_message(app, false, "'%s': %s (%s)%s", text, m.c[i].name, m.c[i].la_code,
                        m.count > 1 ? ", one of several" : "");
            return true;
        }
    if (m.kind != MATCH_NEAR)
        return false;
    char names[300] = "";
    size_t n = 0;
    for (size_t i = 0; i < m.count && n < sizeof names; i++)
        n += (size_t)snprintf(names + n, sizeof names - n, "%s%s (%s)", i ? ", " : "",
                              m.c[i].name, m.c[i].la_code);
    app_message(app, true, "No match for '%s'; did you mean %s?", text, names);
    return true;
}

static void prompt_accept(struct app *app, struct view *v)
{
    const char *text = app->prompt_text;
    if (app->prompt == PROMPT_FILTER) {
        table_set_filter(&v->table, app->filter_col, text);
        if (*text)
            app_message(app, false, "Filter %s: %zu rows", v->table.rs->names[app->filter_col],
                        v->table.shown);
        else
            app_message(app, false, "Filter on %s cleared", v->table.rs->names[app->filter_col]);
        return;
    }
    snprintf(v->table.search, sizeof v->table.search, "%s", text);
    bool found = v->is_table ? table_search(&v->table, text, 1) : text_search(&v->text, text, 1);
    if (!found && *text && !(v->is_table && search_authority(app, v, text)))
        app_message(app, true, "No match for '%s'", text);
}

/* y (or Y) runs the confirmation; any other key declines it. */
static void confirm_key(struct app *app, int key)
{
    app->prompt = PROMPT_NONE;
    app->need_full = true;
    if (key == 'y' || key == 'Y')
        app->confirm_yes(app, app_current(app), app->confirm_arg);
    else
        app_message(app, false, "%s", app->confirm_no);
}

static void prompt_key(struct app *app, int key)
{
    if (app->prompt == PROMPT_CONFIRM) {
        confirm_key(app, key);
        return;
    }
    if (app->prompt == PROMPT_EXPORT) {
        export_key(app, key);
        return;
    }
    size_t len = strlen(app->prompt_text);
    if (key == '\r' || key == '\n' || key == KEY_ENTER) {
        struct view *v = app_current(app);
        prompt_accept(app, v);
        app->prompt = PROMPT_NONE;
        app->need_full = true;
    } else if (key == 27) {
        app->prompt = PROMPT_NONE;
    } else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
        if (len > 0)
            len--;
        while (len > 0 && (app->prompt_text[len] & 0xC0) == 0x80)
            len--; /* a whole UTF-8 character */
        app->prompt_text[len] = '\0';
    } else if (key >= 32 && key < 256 && key != 127 && len + 1 < sizeof app->prompt_text) {
        app->prompt_text[len] = (char)key;
        app->prompt_text[len + 1] = '\0';
    }
}

static void start_prompt(struct app *app, struct view *v, enum prompt_kind kind)
{
    app->prompt = kind;
    app->prompt_text[0] = '\0';
    if (kind != PROMPT_FILTER)
        return;
    app->filter_col = table_column_index(&v->table);
    if (app->filter_col < 0) {
        app->prompt = PROMPT_NONE;
        return;
    }
    const char *old = v->table.filters[app->filter_col];
    snprintf(app->prompt_text, sizeof app->prompt_text, "%s", old ? old : "");
}

/* ---- keys ---- */

static void mouse_event(struct app *app, struct view *v)
{
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return;
    enum action a = ACT_NONE;
    if (ev.bstate & BUTTON4_PRESSED)
        a = ACT_UP;
    else if (ev.bstate & BUTTON5_PRESSED)
        a = ACT_DOWN;
    for (int i = 0; a != ACT_NONE && i < 3; i++)
        v->is_table ? (void)table_action(&v->table, a) : (void)text_action(v, a, "");
    if ((ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) && v->is_table)
        table_click(&v->table, ev.y);
    (void)app;
}

/* p, c and R where the view has no use for them. */
static void planning_action(struct app *app, struct view *v, enum action a)
{
    if (a == ACT_PLAN) {
        const char *la = *v->la_code ? v->la_code
                         : v->is_table ? table_current(&v->table, "la_code")
                                       : NULL;
        if (la && *la)
            app_push(app, &view_windows_ops, la);
        else
            app_message(app, true, "p plans for an authority: open one (Enter), then press p");
        return;
    }
    app_message(app, true, "%s works on a plan in the Plans view (4)",
                a == ACT_CANCEL_PLAN ? "c (cancel)" : "R (replace)");
}

static void view_action(struct app *app, struct view *v, enum action a)
{
    if (v->ops->action && v->ops->action(v, app, a))
        return;
    switch (a) {
    case ACT_PLAN: case ACT_CANCEL_PLAN: case ACT_REPLACE_PLAN: planning_action(app, v, a); return;
    case ACT_ENTER:
        if (v->ops->enter)
            v->ops->enter(v, app);
        return;
    case ACT_SEARCH: start_prompt(app, v, PROMPT_SEARCH); return;
    case ACT_FILTER:
        if (v->is_table)
            start_prompt(app, v, PROMPT_FILTER);
        else
            app_message(app, true, "Filter works on the list views");
        return;
    case ACT_EXPORT: ask_export(app, v); return;
    case ACT_BRIEF: app_write_brief(app, v); return;
    case ACT_SAMPLE:
        app_message(app, true, "a shows the children-in-care sample from the Plans view (4)");
        return;
    default: break;
    }
    const char *search = v->table.search;
    bool moved = v->is_table ? table_action(&v->table, a) : text_action(v, a, search);
    if (!moved && (a == ACT_SEARCH_NEXT || a == ACT_SEARCH_PREV))
        app_message(app, true, *search ? "No match for '%s'" : "Search first with /", search);
}

static void app_action(struct app *app, enum action a)
{
    struct view *v = app_current(app);
    switch (a) {
    case ACT_QUIT:
        if (app->depth > 1)
            pop_view(app);
        else
            app->quit = true;
        return;
    case ACT_BACK: pop_view(app); return;
    case ACT_HELP:
        if (v->ops != &view_help_ops)
            app_push(app, &view_help_ops, NULL);
        return;
    case ACT_REPAINT: clearok(curscr, TRUE); app->need_full = true; return;
    case ACT_RELOAD:
        app_load(app, v);
        app_message(app, false, "Reloaded");
        return;
    case ACT_VIEW_DUE: case ACT_VIEW_MONITORING: case ACT_VIEW_TEAMS: case ACT_VIEW_PLANS:
    case ACT_VIEW_IMPORTS: app_show_top(app, (int)(a - ACT_VIEW_DUE)); return;
    case ACT_NEXT_VIEW: app_show_top(app, (top_index(app) + 1) % VIEW_TOP_COUNT); return;
    default: view_action(app, v, a);
    }
}

void app_complete(struct app *app)
{
    for (int i = 0; i < VIEW_TOP_COUNT; i++)
        if (app->top[i].partial)
            app_load(app, &app->top[i]);
}

size_t view_rows(const struct view *v)
{
    return v->partial ? v->rows_total : v->table.shown;
}

void app_key(struct app *app, int key)
{
    /* Sort, filter, search, export and scrolling need the whole list. */
    app_complete(app);
    if (key == KEY_RESIZE) {
        app->need_full = true;
        return;
    }
    if (app->prompt != PROMPT_NONE) {
        prompt_key(app, key);
        return;
    }
    app->message[0] = '\0';
    if (key == KEY_MOUSE) {
        mouse_event(app, app_current(app));
        return;
    }
    enum action a = actions_for_key(key);
    if (a == ACT_NONE) {
        app_message(app, true, "That key does nothing here: press ? for the keys");
        return;
    }
    app_action(app, a);
}

void app_poll_database(struct app *app)
{
    if (app->prompt == PROMPT_CONFIRM)
        return; /* what the question names stays on screen; reloaded after it */
    long version = db_data_version(app->db);
    if (version == app->data_version)
        return;
    app->data_version = version;
    reload_all(app);
    app_message(app, false, "Updated: another session changed the database");
}

/* ---- drawing ---- */

static void put_text(int y, int x, int width, const char *text, int attr)
{
    char clean[1024], fitted[1024];
    termtext_sanitize(text, clean, sizeof clean);
    int used = termtext_fit(clean, width, fitted, sizeof fitted);
    attrset(attr);
    mvaddstr(y, x, fitted);
    printw("%*s", width - used > 0 ? width - used : 0, "");
    attrset(A_NORMAL);
}

static void draw_title(struct app *app)
{
    int x = 0, cur = top_index(app);
    put_text(0, 0, COLS, "", screen_attr(ROLE_TITLE));
    for (int i = 0; i < VIEW_TOP_COUNT && x < COLS; i++) {
        char tab[64];
        snprintf(tab, sizeof tab, i == cur ? "[%d %s]" : " %d %s ", i + 1, top_ops[i]->title);
        int w = termtext_width(tab);
        w = w < COLS - x ? w : COLS - x;
        put_text(0, x, w, tab, screen_attr(i == cur ? ROLE_TAB : ROLE_TITLE));
        x += w;
    }
    struct view *v = app_current(app);
    char extra[256];
    if (app->depth > 1)
        snprintf(extra, sizeof extra, " > %s %s", v->ops->title, *v->la_code ? v->la_code : v->arg);
    else
        snprintf(extra, sizeof extra, "  ? help");
    if (x < COLS)
        put_text(0, x, COLS - x, extra, screen_attr(ROLE_TITLE));
}

static void draw_text(struct textdoc *d, int y, int h)
{
    d->page = h;
    for (int line = 0; line < h; line++) {
        size_t i = d->top + (size_t)line;
        if (i < d->count)
            put_text(y + line, 0, COLS, d->lines[i], screen_attr(d->roles[i]));
        else
            put_text(y + line, 0, COLS, "", A_NORMAL);
    }
}

#define FOOTER_MAX 3

/* The cursor row's whole value of the view's footer column (the Due view's
 * reason), wrapped on up to FOOTER_MAX lines above the status line: the why
 * is always on screen, however narrow the column. Returns the lines used. */
static int footer_lines(const struct view *v, int room, char lines[FOOTER_MAX][1024])
{
    const char *value = table_current(&v->table, v->footer);
    char text[2048], clean[2048];
    snprintf(text, sizeof text, "%s: %s", v->footer, value ? value : "");
    termtext_sanitize(text, clean, sizeof clean);
    int n = 0, max = room < FOOTER_MAX ? room : FOOTER_MAX;
    const char *p = clean;
    while (n < max && (n == 0 || *p)) {
        size_t take = termtext_prefix(p, n + 1 == max ? INT_MAX : COLS);
        if (p[take] && n + 1 < max) {
            size_t sp = take;
            while (sp > take / 2 && p[sp] != ' ')
                sp--;
            if (p[sp] == ' ')
                take = sp;
        }
        snprintf(lines[n++], sizeof lines[0], "%.*s", (int)take, p);
        p += take;
        while (*p == ' ')
            p++;
    }
    return n;
}

static void draw_body(struct app *app, bool full)
{
    struct view *v = app_current(app);
    int h = LINES - 2;
    if (!v->is_table) {
        draw_text(&v->text, 1, h);
        return;
    }
    char foot[FOOTER_MAX][1024];
    int nfoot = *v->footer && h >= 6 ? footer_lines(v, (h - 3) / 2, foot) : 0;
    h -= nfoot;
    for (int i = 0; i < nfoot; i++)
        put_text(1 + h + i, 0, COLS, foot[i], screen_attr(ROLE_NORMAL));
    table_draw(&v->table, 1, 0, h, COLS, full);
    char filters[256];
    table_describe_filters(&v->table, filters, sizeof filters);
    if (full && v->table.shown == 0 && !*filters && *v->empty_note && h > 1)
        put_text(2, 0, COLS, v->empty_note, screen_attr(ROLE_NORMAL));
}

static void draw_prompt(struct app *app)
{
    char line[512];
    if (app->prompt == PROMPT_CONFIRM) {
        snprintf(line, sizeof line, "%s (y/n)", app->prompt_text);
        put_text(LINES - 1, 0, COLS, line, screen_attr(ROLE_WARN) | A_BOLD);
        return;
    }
    if (app->prompt == PROMPT_EXPORT) {
        snprintf(line, sizeof line, "Export %zu rows as: c CSV, x xlsx (Enter %s, Esc cancels)",
                 app_current(app)->table.shown, app->export_xlsx ? "xlsx" : "CSV");
        put_text(LINES - 1, 0, COLS, line, A_BOLD);
        return;
    }
    const char *what = app->prompt == PROMPT_SEARCH ? "Search" : "Filter";
    const char *col = "";
    struct view *v = app_current(app);
    if (app->prompt == PROMPT_FILTER)
        col = v->table.rs->names[app->filter_col];
    snprintf(line, sizeof line, "%s%s%s (Enter, Esc cancels): %s", what, *col ? " " : "", col,
             app->prompt_text);
    put_text(LINES - 1, 0, COLS, line, A_NORMAL);
}

void app_draw(struct app *app, bool full)
{
    if (screen_too_small()) {
        screen_draw_too_small();
        app->need_full = true;
        doupdate();
        return;
    }
    full = full || app->need_full;
    app->need_full = false;
    if (full) {
        erase();
        draw_title(app);
    }
    draw_body(app, full);
    if (app->prompt != PROMPT_NONE)
        draw_prompt(app);
    else
        status_draw(app);
    wnoutrefresh(stdscr);
    doupdate();
}
