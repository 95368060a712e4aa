/* The one table of user actions: keys, name, description. It drives the key
 * dispatch, the help view and docs/KEYS.md, so they can never disagree. */
#ifndef JIB_ACTIONS_H
#define JIB_ACTIONS_H

#include <stddef.h>
#include <stdio.h>

enum action {
    ACT_NONE,
    ACT_UP,
    ACT_DOWN,
    ACT_LEFT,
    ACT_RIGHT,
    ACT_PAGE_UP,
    ACT_PAGE_DOWN,
    ACT_FIRST,
    ACT_LAST,
    ACT_ENTER,
    ACT_BACK,
    ACT_QUIT,
    ACT_SEARCH,
    ACT_SEARCH_NEXT,
    ACT_SEARCH_PREV,
    ACT_FILTER,
    ACT_SORT_ASC,
    ACT_SORT_DESC,
    ACT_EXPORT,
    ACT_RELOAD,
    ACT_PLAN,
    ACT_CANCEL_PLAN,
    ACT_REPLACE_PLAN,
    ACT_BRIEF,
    ACT_SAMPLE,
    ACT_HELP,
    ACT_REPAINT,
    ACT_VIEW_DUE,
    ACT_VIEW_MONITORING,
    ACT_VIEW_TEAMS,
    ACT_VIEW_PLANS,
    ACT_VIEW_IMPORTS,
    ACT_NEXT_VIEW,
    ACT_COUNT
};

#define ACTION_MAX_KEYS 4

struct action_info {
    enum action action;
    const char *name;        /* stable name, e.g. "sort-asc" */
    const char *keys_label;  /* what people press, e.g. "s" */
    int keys[ACTION_MAX_KEYS]; /* curses key codes; 0 ends the list */
    const char *description;
};

extern const struct action_info actions[];
extern const size_t action_count;

/* Binds one more key to an action (config file key.ACTION); it takes
 * precedence over the table. 0, or -1 when there are too many. */
int actions_bind(enum action action, int key);
/* The action bound to a curses key code, or ACT_NONE. */
enum action actions_for_key(int key);
const struct action_info *actions_info(enum action action);
/* The key list as a Markdown table (docs/KEYS.md and the README). */
void actions_write_markdown(FILE *out);

#endif
