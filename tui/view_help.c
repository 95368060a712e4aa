/* The Help view: generated from the action table, so it lists exactly the
 * keys that work. */
#include "tui/view.h"

static int help_load(struct view *v, struct app *app, struct error *err)
{
    (void)app, (void)err;
    textdoc_free(&v->text);
    v->is_table = false;
    struct textdoc *d = &v->text;
    textdoc_add(d, ROLE_SECTION, "Keys (Esc or q closes this help)");
    for (size_t i = 0; i < action_count; i++)
        textdoc_add(d, ROLE_NORMAL, "  %-12s %s", actions[i].keys_label, actions[i].description);
    textdoc_add(d, ROLE_NORMAL, "  %-12s %s", "mouse", "wheel scrolls; a click selects a row");
    textdoc_add(d, ROLE_NORMAL, "%s", "");
    textdoc_add(d, ROLE_SECTION, "Reading the screen");
    textdoc_add(d, ROLE_NORMAL, "  Colours repeat what the text says: status and grade names are always shown.");
    textdoc_add(d, ROLE_NORMAL, "  Teams cells read free/total/required, then ok, short or - (none needed); joint: can a");
    textdoc_add(d, ROLE_NORMAL, "  joint window start that week. Enter on a cell lists who is free.");
    textdoc_add(d, ROLE_NORMAL, "  Questions (y/n): y does it, any other key does not.");
    textdoc_add(d, ROLE_NORMAL, "  The status line shows messages, the row, today, the data's age and the database.");
    textdoc_add(d, ROLE_NORMAL, "  Changes made by other sessions appear within a second.");
    return 0;
}

const struct view_ops view_help_ops = {.name = "help", .title = "Help", .load = help_load};
