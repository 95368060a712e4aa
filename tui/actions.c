#include "tui/actions.h"

#include <curses.h>

#define CTRL_KEY(c) ((c) & 0x1f)
#define KEY_ESC 27

/* Order is the order of the help view. */
const struct action_info actions[] = {
    {ACT_UP, "up", "Up, k", {KEY_UP, 'k'}, "move the cursor up"},
    {ACT_DOWN, "down", "Down, j", {KEY_DOWN, 'j'}, "move the cursor down"},
    {ACT_LEFT, "left", "Left, h", {KEY_LEFT, 'h'}, "previous column (for sort and filter)"},
    {ACT_RIGHT, "right", "Right, l", {KEY_RIGHT, 'l'}, "next column (for sort and filter)"},
    {ACT_PAGE_UP, "page-up", "PgUp", {KEY_PPAGE}, "one page up"},
    {ACT_PAGE_DOWN, "page-down", "PgDn, Space", {KEY_NPAGE, ' '}, "one page down"},
    {ACT_FIRST, "first", "Home, g", {KEY_HOME, 'g'}, "first row"},
    {ACT_LAST, "last", "End, G", {KEY_END, 'G'}, "last row"},
    {ACT_ENTER, "open", "Enter", {'\n', '\r', KEY_ENTER},
     "open the authority under the cursor (Teams: who is free; Windows: book it, after y/n)"},
    {ACT_BACK, "back", "Esc", {KEY_ESC}, "back to the previous view"},
    {ACT_QUIT, "quit", "q", {'q'}, "back; quits on a top view"},
    {ACT_SEARCH, "search", "/", {'/'}, "search the rows for text"},
    {ACT_SEARCH_NEXT, "search-next", "n", {'n'}, "next match"},
    {ACT_SEARCH_PREV, "search-prev", "N", {'N'}, "previous match"},
    {ACT_FILTER, "filter", "f", {'f'},
     "filter by the column under the cursor (region, status, grade...); empty clears"},
    {ACT_SORT_ASC, "sort-asc", "s", {'s'}, "sort by the column under the cursor, ascending"},
    {ACT_SORT_DESC, "sort-desc", "S", {'S'}, "sort by the column under the cursor, descending"},
    {ACT_EXPORT, "export", "e", {'e'},
     "export the view as filtered and sorted: c CSV, x xlsx (jib-VIEW-YYYYMMDD-HHMMSS.*)"},
    {ACT_RELOAD, "reload", "r", {'r'}, "reload from the database"},
    {ACT_PLAN, "plan", "p", {'p'},
     "joint windows for the authority (detail or row) with their teams; Enter books one"},
    {ACT_CANCEL_PLAN, "cancel-plan", "c", {'c'},
     "cancel the plan under the cursor (Plans view), after y/n; its bookings are released"},
    {ACT_REPLACE_PLAN, "replace-plan", "R", {'R'},
     "replace a plan's conflicted inspectors by free ones (Plans view), after y/n"},
    {ACT_BRIEF, "brief", "b", {'b'},
     "write the authority's brief (detail or row) to jib-brief-CODE-YYYYMMDD-HHMMSS.html"},
    {ACT_SAMPLE, "sample", "a", {'a'},
     "the year's children-in-care sample (Plans view): rank, score, week, reasons"},
    {ACT_HELP, "help", "?", {'?', KEY_F(1)}, "this help"},
    {ACT_REPAINT, "repaint", "Ctrl-L", {CTRL_KEY('l')}, "repaint the screen"},
    {ACT_VIEW_DUE, "view-due", "1", {'1'}, "Due view (home)"},
    {ACT_VIEW_MONITORING, "view-monitoring", "2", {'2'}, "Monitoring view"},
    {ACT_VIEW_TEAMS, "view-teams", "3", {'3'}, "Teams view (availability)"},
    {ACT_VIEW_PLANS, "view-plans", "4", {'4'}, "Plans view"},
    {ACT_VIEW_IMPORTS, "view-imports", "5", {'5'}, "Imports view"},
    {ACT_NEXT_VIEW, "next-view", "Tab", {'\t'}, "next view"},
};
const size_t action_count = sizeof actions / sizeof *actions;

#define EXTRA_MAX 64
static struct {
    int key;
    enum action action;
} extra[EXTRA_MAX];
static size_t nextra;

int actions_bind(enum action action, int key)
{
    for (size_t i = 0; i < nextra; i++)
        if (extra[i].key == key) {
            extra[i].action = action;
            return 0;
        }
    if (nextra >= EXTRA_MAX)
        return -1;
    extra[nextra].key = key;
    extra[nextra++].action = action;
    return 0;
}

enum action actions_for_key(int key)
{
    for (size_t i = 0; i < nextra; i++)
        if (extra[i].key == key)
            return extra[i].action;
    for (size_t i = 0; i < action_count; i++)
        for (int k = 0; k < ACTION_MAX_KEYS && actions[i].keys[k]; k++)
            if (actions[i].keys[k] == key)
                return actions[i].action;
    return ACT_NONE;
}

const struct action_info *actions_info(enum action action)
{
    for (size_t i = 0; i < action_count; i++)
        if (actions[i].action == action)
            return &actions[i];
    return NULL;
}

void actions_write_markdown(FILE *out)
{
    fputs("| key | action | does |\n|---|---|---|\n", out);
    for (size_t i = 0; i < action_count; i++)
        fprintf(out, "| `%s` | %s | %s |\n", actions[i].keys_label, actions[i].name,
                actions[i].description);
    fputs("| mouse wheel, click | - | scroll; select the clicked row |\n", out);
}
