/* The only ncurses setup: the terminal (real, or a virtual one for screen
 * tests), colours by meaning, signals, restoring the terminal on every exit,
 * key names for test scripts and dumping the screen as text. */
#ifndef JIB_SCREEN_H
#define JIB_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What a piece of text means; each role has an attribute that works in colour
 * and in monochrome. Colour is never the only signal: the text says it too. */
enum screen_role {
    ROLE_NORMAL,
    ROLE_TITLE,    /* the view tabs line */
    ROLE_TAB,      /* the current view's tab */
    ROLE_HEADER,   /* column headers */
    ROLE_STATUS,   /* the status line */
    ROLE_SECTION,  /* headings in the detail and help views */
    ROLE_GOOD,
    ROLE_WARN,
    ROLE_BAD,
    ROLE_INFO,
    ROLE_DIM,
    ROLE_COUNT
};

#define SCREEN_MIN_COLS 20
#define SCREEN_MIN_LINES 5

struct screen_options {
    bool no_color;
    /* Test mode: draw on a virtual terminal written to `test_out` (size from
     * $LINES/$COLUMNS), never reading the keyboard. */
    bool test_mode;
    FILE *test_out;
};

/* A role's colour (a curses COLOR_*, -1 the terminal's default, or
 * SCREEN_NO_COLOR for none), from the config file; before screen_open. */
#define SCREEN_NO_COLOR (-2)
void screen_set_role_color(enum screen_role role, int color);

/* 0, or -1 with a message in err. */
int screen_open(const struct screen_options *opt, char *err, size_t err_len);
/* Restores the terminal; safe to call twice. */
void screen_close(void);
/* The attribute (colour pair and flags) for a role. */
int screen_attr(enum screen_role role);
/* The role of a value in a named column (grades, statuses, outcomes). */
enum screen_role screen_value_role(const char *column, const char *value);
bool screen_colors(void);
/* True when the terminal is below SCREEN_MIN_COLS x SCREEN_MIN_LINES. */
bool screen_too_small(void);
void screen_draw_too_small(void);
/* The signal that asked us to stop (SIGINT, SIGTERM), or 0. */
int screen_stop_signal(void);
/* Waits up to timeout_ms for a key; ERR when none came. */
int screen_read_key(int timeout_ms);
/* Parses the next key of a test script ("j", "<Enter>", "<C-l>", "<Resize 40x10>")
 * at *p, advancing it. Returns the key code, 0 at the end, -1 on an unknown
 * name. A resize sets *lines and *cols and returns KEY_RESIZE. */
int screen_script_key(const char **p, int *lines, int *cols);
/* Resizes the virtual terminal (test mode). */
void screen_resize(int lines, int cols);
/* Writes the screen's text, one line per row, trailing spaces removed. */
void screen_dump(FILE *out);

#endif
