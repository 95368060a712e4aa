#include "tui/table.h"

#include <ctype.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/csv_writer.h"
#include "tui/screen.h"
#include "tui/termtext.h"

#define CELL_MAX 1024
#define WIDTH_CAP 30
#define NAME_CAP 24

static void room_for_arrow(struct table *t);

void table_init(struct table *t)
{
    memset(t, 0, sizeof *t);
    t->sort_col = -1;
}

static void clear_filters(struct table *t)
{
    for (size_t i = 0; i < TABLE_MAX_COLS; i++) {
        free(t->filters[i]);
        t->filters[i] = NULL;
    }
}

void table_free(struct table *t)
{
    rowset_free(t->rs);
    free(t->order);
    clear_filters(t);
    table_init(t);
}

static size_t ncols_of(const struct rowset *rs)
{
    return rs->ncols < TABLE_MAX_COLS ? rs->ncols : TABLE_MAX_COLS;
}

/* Lower case with space, hyphen and underscore alike, so "in window" finds
 * "in_window". */
static char fold(char c)
{
    if (c == ' ' || c == '-')
        return '_';
    return (char)tolower((unsigned char)c);
}

static bool contains_folded(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return true;
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && fold(hay[i]) == fold(needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

static bool row_passes(const struct table *t, size_t row)
{
    for (size_t c = 0; c < ncols_of(t->rs); c++)
        if (t->filters[c] && !contains_folded(rowset_get(t->rs, row, c), t->filters[c]))
            return false;
    return true;
}

/* qsort has no context argument; the table being sorted is kept here. */
static const struct table *sorting;

static int compare_rows(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    const struct rowset *rs = sorting->rs;
    int c = sorting->sort_col;
    const char *va = rowset_get(rs, a, (size_t)c), *vb = rowset_get(rs, b, (size_t)c);
    int r;
    if (!*va || !*vb) { /* empty cells last, whichever the direction */
        r = !*va - !*vb;
        return r ? r : (a > b) - (a < b);
    }
    if (rs->types[c] == COL_INT || rs->types[c] == COL_REAL) {
        double da = strtod(va, NULL), db = strtod(vb, NULL);
        r = (da > db) - (da < db);
    } else {
        r = strcasecmp(va, vb);
    }
    if (sorting->sort_desc)
        r = -r;
    return r ? r : (a > b) - (a < b);
}

static void build_order(struct table *t)
{
    free(t->order);
    t->order = calloc(t->rs->nrows ? t->rs->nrows : 1, sizeof *t->order);
    if (!t->order)
        abort();
    t->shown = 0;
    for (size_t r = 0; r < t->rs->nrows; r++)
        if (row_passes(t, r))
            t->order[t->shown++] = r;
    if (t->sort_col >= 0 && (size_t)t->sort_col < t->rs->ncols) {
        sorting = t;
        qsort(t->order, t->shown, sizeof *t->order, compare_rows);
    }
    t->drawn = false;
}

/* The width a cell takes once sanitised. Plain printable ASCII, nearly every
 * cell, is its own length (what sanitising and measuring it would give); only
 * the rest is sanitised and measured (issue 12: this ran over every cell of a
 * 10,000-row list before the first screen). */
static int cell_width(const char *s, char buf[CELL_MAX])
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (p[n] >= 0x20 && p[n] < 0x7f)
        n++;
    if (!p[n])
        return n < CELL_MAX ? (int)n : CELL_MAX - 1;
    termtext_sanitize(s, buf, CELL_MAX);
    return termtext_width(buf);
}

/* Names give way first so the triage columns fit 80 columns. */
static int width_cap(const char *name)
{
    return strcmp(name, "authority") == 0 ? NAME_CAP : WIDTH_CAP;
}

void table_widen(struct table *t, size_t col, int width)
{
    if (!t->rs || col >= ncols_of(t->rs))
        return;
    int cap = width_cap(t->rs->names[col]);
    if (width > cap)
        width = cap;
    if (width > t->widths[col])
        t->widths[col] = width;
}

static void compute_widths(struct table *t)
{
    char buf[CELL_MAX];
    for (size_t c = 0; c < ncols_of(t->rs); c++) {
        int w = cell_width(t->rs->names[c], buf);
        /* Once a column is as wide as it may be, its other cells cannot widen it. */
        for (size_t r = 0; r < t->rs->nrows && w < WIDTH_CAP; r++) {
            int cw = cell_width(rowset_get(t->rs, r, c), buf);
            if (cw > w)
                w = cw;
        }
        int cap = width_cap(t->rs->names[c]);
        t->widths[c] = w > cap ? cap : w < 1 ? 1 : w;
    }
}

static void set_display_order(struct table *t, const char *display)
{
    bool used[TABLE_MAX_COLS] = {false};
    t->ncols = 0;
    char *copy = strdup(display ? display : "");
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int c = rowset_col(t->rs, tok);
        if (c >= 0 && c < TABLE_MAX_COLS && !used[c]) {
            used[c] = true;
            t->col_order[t->ncols++] = c;
        }
    }
    free(copy);
    for (size_t c = 0; c < ncols_of(t->rs); c++)
        if (!used[c])
            t->col_order[t->ncols++] = (int)c;
}

static bool same_columns(const struct rowset *a, const struct rowset *b)
{
    if (!a || a->ncols != b->ncols)
        return false;
    for (size_t c = 0; c < a->ncols; c++)
        if (strcmp(a->names[c], b->names[c]) != 0)
            return false;
    return true;
}

/* After a reload the cursor stays on the same authority (key), else on the
 * same position. */
static void restore_cursor(struct table *t, const char *key)
{
    if (key && t->key_col >= 0) {
        for (size_t i = 0; i < t->shown; i++) {
            if (strcmp(rowset_get(t->rs, t->order[i], (size_t)t->key_col), key) == 0) {
                t->cursor = i;
                return;
            }
        }
    }
    if (t->cursor >= t->shown)
        t->cursor = t->shown ? t->shown - 1 : 0;
}

void table_set_rowset(struct table *t, struct rowset *rs, const char *display, const char *key)
{
    char *old_key = NULL;
    if (t->rs && t->shown && t->key_col >= 0)
        old_key = strdup(rowset_get(t->rs, t->order[t->cursor], (size_t)t->key_col));
    if (!same_columns(t->rs, rs)) {
        clear_filters(t);
        t->sort_col = -1;
        t->col = t->left = t->cursor = t->top = 0;
    }
    rowset_free(t->rs);
    t->rs = rs;
    t->key_col = key ? rowset_col(rs, key) : 0;
    set_display_order(t, display);
    /* The key columns (la_code, authority) stay put when scrolling right. */
    t->frozen = 0;
    while (t->frozen < t->ncols && t->frozen < 2 &&
           (strcmp(rs->names[t->col_order[t->frozen]], "la_code") == 0 ||
            strcmp(rs->names[t->col_order[t->frozen]], "authority") == 0))
        t->frozen++;
    if (t->left < t->frozen)
        t->left = t->frozen;
    compute_widths(t);
    room_for_arrow(t);
    build_order(t);
    restore_cursor(t, old_key);
    free(old_key);
}

static void resort_keeping_cursor(struct table *t)
{
    size_t row = t->shown ? t->order[t->cursor] : 0;
    bool had = t->shown > 0;
    build_order(t);
    t->cursor = 0;
    for (size_t i = 0; had && i < t->shown; i++)
        if (t->order[i] == row)
            t->cursor = i;
}

static void move_cursor(struct table *t, long delta)
{
    if (t->shown == 0)
        return;
    long c = (long)t->cursor + delta;
    long last = (long)t->shown - 1;
    t->cursor = (size_t)(c < 0 ? 0 : c > last ? last : c);
}

/* Room for the arrow after the sorted column's name: the direction is never cut off. */
static void room_for_arrow(struct table *t)
{
    if (t->sort_col < 0 || (size_t)t->sort_col >= t->rs->ncols)
        return;
    int need = termtext_width(t->rs->names[t->sort_col]) + 1;
    if (t->widths[t->sort_col] < need)
        t->widths[t->sort_col] = need;
}

static void sort_by_cursor_column(struct table *t, bool desc)
{
    if (t->ncols == 0)
        return;
    t->sort_col = t->col_order[t->col];
    t->sort_desc = desc;
    room_for_arrow(t);
    resort_keeping_cursor(t);
}

bool table_action(struct table *t, enum action a)
{
    long page = t->page > 1 ? t->page - 1 : 1;
    switch (a) {
    case ACT_UP: move_cursor(t, -1); return true;
    case ACT_DOWN: move_cursor(t, 1); return true;
    case ACT_PAGE_UP: move_cursor(t, -page); return true;
    case ACT_PAGE_DOWN: move_cursor(t, page); return true;
    case ACT_FIRST: move_cursor(t, -(long)t->shown); return true;
    case ACT_LAST: move_cursor(t, (long)t->shown); return true;
    case ACT_LEFT: if (t->col > 0) t->col--; return true;
    case ACT_RIGHT: if (t->col + 1 < t->ncols) t->col++; return true;
    case ACT_SORT_ASC: sort_by_cursor_column(t, false); return true;
    case ACT_SORT_DESC: sort_by_cursor_column(t, true); return true;
    case ACT_SEARCH_NEXT: table_search(t, t->search, 1); return true;
    case ACT_SEARCH_PREV: table_search(t, t->search, -1); return true;
    default: return false;
    }
}

const char *table_current(const struct table *t, const char *column)
{
    int c = t->rs ? rowset_col(t->rs, column) : -1;
    if (c < 0 || t->shown == 0)
        return NULL;
    return rowset_get(t->rs, t->order[t->cursor], (size_t)c);
}

int table_column_index(const struct table *t) { return t->ncols ? t->col_order[t->col] : -1; }

const char *table_column_name(const struct table *t)
{
    int c = table_column_index(t);
    return c >= 0 ? t->rs->names[c] : "";
}

static bool row_contains(const struct table *t, size_t row, const char *text)
{
    for (size_t c = 0; c < t->rs->ncols; c++)
        if (contains_folded(rowset_get(t->rs, row, c), text))
            return true;
    return false;
}

bool table_search(struct table *t, const char *text, int dir)
{
    if (text != t->search)
        snprintf(t->search, sizeof t->search, "%s", text);
    if (!*text || t->shown == 0)
        return false;
    for (size_t step = 1; step <= t->shown; step++) {
        size_t i = (t->cursor + t->shown + (dir < 0 ? t->shown - step : step)) % t->shown;
        if (row_contains(t, t->order[i], text)) {
            t->cursor = i;
            return true;
        }
    }
    return false;
}

bool table_goto_key(struct table *t, const char *key)
{
    if (!t->rs || t->key_col < 0 || !key)
        return false;
    for (size_t i = 0; i < t->shown; i++)
        if (strcmp(rowset_get(t->rs, t->order[i], (size_t)t->key_col), key) == 0) {
            t->cursor = i;
            return true;
        }
    return false;
}

void table_set_filter(struct table *t, int col, const char *text)
{
    if (col < 0 || col >= TABLE_MAX_COLS || !t->rs)
        return;
    free(t->filters[col]);
    t->filters[col] = text && *text ? strdup(text) : NULL;
    resort_keeping_cursor(t);
}

void table_describe_filters(const struct table *t, char *out, size_t out_len)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t c = 0; t->rs && c < ncols_of(t->rs); c++)
        if (t->filters[c] && n < out_len)
            n += (size_t)snprintf(out + n, out_len - n, "%s%s=%s", n ? " " : "", t->rs->names[c],
                                  t->filters[c]);
}

int table_export_csv(const struct table *t, FILE *out)
{
    const char *fields[TABLE_MAX_COLS];
    size_t n = ncols_of(t->rs);
    if (csv_write_row(out, (const char *const *)t->rs->names, n) != 0)
        return -1;
    for (size_t i = 0; i < t->shown; i++) {
        for (size_t c = 0; c < n; c++)
            fields[c] = rowset_get(t->rs, t->order[i], c);
        if (csv_write_row(out, fields, n) != 0)
            return -1;
    }
    return 0;
}

bool table_click(struct table *t, int y)
{
    if (!t->drawn || y <= t->drawn_y || y >= t->drawn_y + t->drawn_h)
        return false;
    size_t i = t->drawn_top + (size_t)(y - t->drawn_y - 1);
    if (i >= t->shown)
        return false;
    t->cursor = i;
    return true;
}

/* Writes text fitted to width columns (left or right aligned), padded with
 * spaces, in attr. */
static void put_cell_as(const char *text, int width, int attr, bool right, bool middle)
{
    char clean[CELL_MAX], fitted[CELL_MAX];
    termtext_sanitize(text, clean, sizeof clean);
    int used = middle ? termtext_fit_middle(clean, width, fitted, sizeof fitted)
                      : termtext_fit(clean, width, fitted, sizeof fitted);
    attrset(attr);
    if (right)
        printw("%*s", width - used, "");
    addstr(fitted);
    if (!right)
        printw("%*s", width - used, "");
}

static void put_cell(const char *text, int width, int attr, bool right)
{
    put_cell_as(text, width, attr, right, false);
}

/* Paths lose their middle, not the file name at their end. */
static bool is_path(const struct table *t, int c)
{
    return strcmp(t->rs->names[c], "file") == 0 || strcmp(t->rs->names[c], "path") == 0;
}

/* Display columns drawn, in order: the frozen key columns, then from left. */
static size_t next_drawn(const struct table *t, size_t i)
{
    i++;
    return i == t->frozen && t->left > i ? t->left : i;
}

static size_t first_drawn(const struct table *t) { return t->frozen ? 0 : t->left; }

/* Keeps the cursor row and column on screen. */
static void scroll_into_view(struct table *t, int body, int w)
{
    t->page = body;
    if (t->cursor < t->top)
        t->top = t->cursor;
    if (body > 0 && t->cursor >= t->top + (size_t)body)
        t->top = t->cursor - (size_t)body + 1;
    if (t->left < t->frozen)
        t->left = t->frozen;
    if (t->col >= t->frozen && t->col < t->left)
        t->left = t->col;
    for (;;) {
        int x = 1; /* the cursor gutter */
        for (size_t i = 0; i < t->frozen; i++)
            x += t->widths[t->col_order[i]] + 1;
        for (size_t i = t->left; i < t->col; i++)
            x += t->widths[t->col_order[i]] + 1;
        if (t->col < t->frozen || t->left >= t->col || x + t->widths[t->col_order[t->col]] <= w)
            break;
        t->left++;
    }
}

static bool is_numeric(const struct table *t, int c)
{
    return t->rs->types[c] == COL_INT || t->rs->types[c] == COL_REAL;
}

static void draw_header(const struct table *t, int y, int x, int w)
{
    move(y, x);
    put_cell("", 1, A_NORMAL, false);
    int used = 1;
    const char *up = termtext_utf8() ? "\xe2\x96\xb2" : "^", *down = termtext_utf8() ? "\xe2\x96\xbc" : "v";
    for (size_t i = first_drawn(t); i < t->ncols && used < w; i = next_drawn(t, i)) {
        int c = t->col_order[i];
        char label[256];
        snprintf(label, sizeof label, "%s%s", t->rs->names[c],
                 c == t->sort_col ? (t->sort_desc ? down : up) : "");
        int cw = t->widths[c] < w - used ? t->widths[c] : w - used;
        int attr = screen_attr(ROLE_HEADER) | (i == t->col ? A_REVERSE : 0);
        put_cell(label, cw, attr, false);
        used += cw;
        if (used < w) {
            put_cell("", 1, A_NORMAL, false);
            used++;
        }
    }
    put_cell("", w - used, A_NORMAL, false);
}

/* The cursor row is marked by a '>' in the gutter and its cell under the
 * column cursor in reverse video: a move rewrites a few cells, not two whole
 * lines, which keeps a slow SSH link responsive. */
static void draw_row(const struct table *t, int y, int x, int w, size_t index)
{
    move(y, x);
    if (index >= t->shown) {
        put_cell("", w, A_NORMAL, false);
        return;
    }
    size_t row = t->order[index];
    bool on_cursor = index == t->cursor;
    put_cell(on_cursor ? ">" : "", 1, on_cursor ? A_BOLD : A_NORMAL, false);
    int used = 1;
    for (size_t i = first_drawn(t); i < t->ncols && used < w; i = next_drawn(t, i)) {
        int c = t->col_order[i];
        const char *v = rowset_get(t->rs, row, (size_t)c);
        int cw = t->widths[c] < w - used ? t->widths[c] : w - used;
        int attr = screen_attr(screen_value_role(t->rs->names[c], v));
        if (on_cursor && i == t->col)
            attr |= A_REVERSE;
        put_cell_as(v, cw, attr, is_numeric(t, c), is_path(t, c));
        used += cw;
        if (used < w) {
            put_cell("", 1, A_NORMAL, false);
            used++;
        }
    }
    put_cell("", w - used, A_NORMAL, false);
}

static void draw_empty(const struct table *t, int y, int x, int w)
{
    char why[256];
    table_describe_filters(t, why, sizeof why);
    move(y, x);
    put_cell(*why ? "No rows match the filter (f on the column, then Enter, clears it)"
                  : "No rows.",
             w, screen_attr(ROLE_DIM), false);
}

static bool only_cursor_moved(const struct table *t, int y, int x, int h, int w)
{
    return t->drawn && t->drawn_top == t->top && t->drawn_left == t->left &&
           t->drawn_col == t->col && t->drawn_y == y && t->drawn_x == x && t->drawn_h == h &&
           t->drawn_w == w;
}

void table_draw(struct table *t, int y, int x, int h, int w, bool full)
{
    if (h < 1 || w < 1 || !t->rs)
        return;
    scroll_into_view(t, h - 1, w);
    if (!full && only_cursor_moved(t, y, x, h, w)) {
        if (t->drawn_cursor != t->cursor) {
            draw_row(t, y + 1 + (int)(t->drawn_cursor - t->top), x, w, t->drawn_cursor);
            draw_row(t, y + 1 + (int)(t->cursor - t->top), x, w, t->cursor);
        }
    } else {
        draw_header(t, y, x, w);
        for (int line = 1; line < h; line++)
            draw_row(t, y + line, x, w, t->top + (size_t)line - 1);
        if (t->shown == 0 && h > 1)
            draw_empty(t, y + 1, x, w);
    }
    attrset(A_NORMAL);
    t->drawn = true;
    t->drawn_cursor = t->cursor;
    t->drawn_top = t->top;
    t->drawn_col = t->col;
    t->drawn_left = t->left;
    t->drawn_y = y, t->drawn_x = x, t->drawn_h = h, t->drawn_w = w;
}
