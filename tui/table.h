/* The shared table widget every list view uses: columns sized by display
 * width, truncation with an ellipsis, sanitised cells, a row and a column
 * cursor, sort by any column, search and per-column filters. */
#ifndef JIB_TABLE_H
#define JIB_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/rowset.h"
#include "tui/actions.h"

#define TABLE_MAX_COLS 64

struct table {
    struct rowset *rs;          /* owned */
    size_t *order;              /* rows shown: filtered, sorted */
    size_t shown;
    int col_order[TABLE_MAX_COLS]; /* rowset columns in display order */
    size_t ncols;
    int widths[TABLE_MAX_COLS];    /* per rowset column */
    char *filters[TABLE_MAX_COLS]; /* per rowset column, NULL for none */
    size_t cursor, top;         /* indexes into order */
    size_t col, left;           /* display columns: cursor, first drawn after the frozen */
    size_t frozen;              /* leading display columns always drawn (la_code, authority) */
    int sort_col;               /* rowset column, -1 for the query's order */
    bool sort_desc;
    char search[128];
    int key_col;                /* rowset column that identifies a row */
    int page;                   /* body rows at the last draw */
    /* What the screen shows, so a cursor move repaints two lines. */
    bool drawn;
    size_t drawn_cursor, drawn_top, drawn_col, drawn_left;
    int drawn_y, drawn_x, drawn_h, drawn_w;
};

void table_init(struct table *t);
void table_free(struct table *t);
/* Takes ownership of rs. `display` lists columns to show first (comma
 * separated names, may be NULL); the rest follow. The sort, filters and the
 * cursor's row (by key column) are kept when the columns are the same. */
void table_set_rowset(struct table *t, struct rowset *rs, const char *display, const char *key);
/* Widens rowset column col to at least width (capped as the widths the rows
 * give are): the dashboard's first page drawn with the whole list's widths. */
void table_widen(struct table *t, size_t col, int width);
/* Handles moving, sorting and next/previous match. False for other actions. */
bool table_action(struct table *t, enum action a);
/* Value in the cursor's row of a named column, or NULL when there is no row. */
const char *table_current(const struct table *t, const char *column);
/* Name of the column under the column cursor, or "". */
const char *table_column_name(const struct table *t);
int table_column_index(const struct table *t);
/* Moves to the next (dir 1) or previous (-1) row containing text. False when
 * no row does. */
bool table_search(struct table *t, const char *text, int dir);
/* Moves the cursor to the shown row whose key column is key. */
bool table_goto_key(struct table *t, const char *key);
/* Filters a rowset column (case-insensitive, " " = "_" = "-"); NULL or ""
 * clears it. */
void table_set_filter(struct table *t, int col, const char *text);
/* "status=overdue region=london", or "" (for the status line). */
void table_describe_filters(const struct table *t, char *out, size_t out_len);
/* Writes the shown rows, in order, as CSV. 0 or -1. */
int table_export_csv(const struct table *t, FILE *out);
/* Moves the cursor to the row at screen line y of the last draw. */
bool table_click(struct table *t, int y);
/* Draws into stdscr at y, x, h lines by w columns: the header, then rows.
 * Unless full, a move of the cursor alone repaints only the two rows. */
void table_draw(struct table *t, int y, int x, int h, int w, bool full);

#endif
