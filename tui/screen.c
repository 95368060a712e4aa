#include "tui/screen.h"

#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static bool screen_is_open;
static bool use_colors;
static SCREEN *test_screen;
static FILE *test_in;
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig) { stop_signal = sig; }

/* A crash must not leave the terminal in raw mode: restore it, then let the
 * signal do what it would have done (core dump, exit status). */
static void on_fatal(int sig)
{
    if (screen_is_open)
        endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_stop; /* no SA_RESTART: a blocked read returns at once */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_RESETHAND;
    int fatal[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
        sigaction(fatal[i], &sa, NULL);
}

/* Only the 8 basic colours, on the terminal's own background, so dark and
 * light backgrounds both work; yellow and blue are avoided (unreadable on one
 * of them). */
static short role_color[4] = {COLOR_GREEN, COLOR_MAGENTA, COLOR_RED, COLOR_CYAN};

void screen_set_role_color(enum screen_role role, int color)
{
    if (role >= ROLE_GOOD && role <= ROLE_INFO)
        role_color[role - ROLE_GOOD] = (short)color;
}

static void init_colors(void)
{
    start_color();
    use_default_colors();
    for (int i = 0; i < 4; i++)
        init_pair((short)(i + 1), role_color[i] == SCREEN_NO_COLOR ? -1 : role_color[i], -1);
}

static void atexit_restore(void) { screen_close(); }

static int open_terminal(const struct screen_options *opt, char *err, size_t err_len)
{
    if (opt->test_mode) {
        test_in = fopen("/dev/null", "r");
        const char *term = getenv("TERM");
        test_screen = newterm(term && *term ? term : "xterm", opt->test_out, test_in);
        if (!test_screen) {
            snprintf(err, err_len, "jib: cannot open a virtual terminal for screen tests");
            return -1;
        }
        return 0;
    }
    if (!newterm(NULL, stdout, stdin)) {
        snprintf(err, err_len, "jib: cannot use the terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
        return -1;
    }
    return 0;
}

int screen_open(const struct screen_options *opt, char *err, size_t err_len)
{
    if (open_terminal(opt, err, err_len) != 0)
        return -1;
    screen_is_open = true;
    atexit(atexit_restore);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    use_colors = !opt->no_color && has_colors();
    if (use_colors)
        init_colors();
    if (!opt->test_mode) {
        mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
        mouseinterval(0);
    }
    install_signals();
    return 0;
}

void screen_close(void)
{
    if (!screen_is_open)
        return;
    screen_is_open = false;
    endwin();
    if (test_screen) {
        delscreen(test_screen);
        test_screen = NULL;
    }
    if (test_in)
        fclose(test_in);
    test_in = NULL;
}

bool screen_colors(void) { return use_colors; }

int screen_attr(enum screen_role role)
{
    int pair = 0;
    int attr = A_NORMAL;
    switch (role) {
    case ROLE_TITLE: attr = A_REVERSE; break;
    case ROLE_TAB: attr = A_BOLD; break;
    case ROLE_HEADER: attr = A_BOLD | A_UNDERLINE; break;
    case ROLE_STATUS: attr = A_REVERSE; break;
    case ROLE_SECTION: attr = A_BOLD; break;
    case ROLE_GOOD: pair = 1; break;
    case ROLE_WARN: pair = 2; attr = use_colors ? A_NORMAL : A_UNDERLINE; break;
    case ROLE_BAD: pair = 3; attr = A_BOLD; break;
    case ROLE_INFO: pair = 4; break;
    case ROLE_DIM: attr = A_DIM; break;
    default: break;
    }
    return use_colors ? attr | (int)COLOR_PAIR(pair) : attr;
}

struct value_role {
    const char *value;
    enum screen_role role;
};

static const struct value_role value_roles[] = {
    {"outstanding", ROLE_GOOD},   {"good", ROLE_GOOD},        {"requires_improvement", ROLE_WARN},
    {"inadequate", ROLE_BAD},     {"overdue", ROLE_BAD},      {"in_window", ROLE_WARN},
    {"due_soon", ROLE_INFO},      {"not_due", ROLE_NORMAL},   {"never_inspected", ROLE_WARN},
    {"visit_overdue", ROLE_BAD},  {"visit_due", ROLE_WARN},   {"on_track", ROLE_GOOD},
    {"ok", ROLE_GOOD},            {"failed", ROLE_BAD},       {"rejected", ROLE_BAD},
    {"dry_run", ROLE_INFO},       {"booked", ROLE_GOOD},      {"cancelled", ROLE_DIM},
    {"yes", ROLE_NORMAL},         {"high", ROLE_BAD},         {"medium", ROLE_WARN},
};

enum screen_role screen_value_role(const char *column, const char *value)
{
    if (!value || !*value)
        return ROLE_NORMAL;
    if (column && (strcmp(column, "joint_window") == 0 || strcmp(column, "joint") == 0))
        /* Teams: can a joint window start this week? */
        return strcmp(value, "yes") == 0 ? ROLE_GOOD : ROLE_BAD;
    if (column && strcmp(column, "gap") == 0) /* Due: a newer report was rejected on import */
        return ROLE_BAD;
    if (column && strcmp(column, "availability") == 0) /* Who is free: free, booked, away */
        return strcmp(value, "free") == 0 ? ROLE_GOOD : ROLE_WARN;
    for (size_t i = 0; i < sizeof value_roles / sizeof *value_roles; i++)
        if (strcmp(value, value_roles[i].value) == 0)
            return value_roles[i].role;
    /* Team cells of the Teams view read "4/6 ok" or "1/6 short 2". */
    if (strstr(value, " short"))
        return ROLE_BAD;
    if (strstr(value, " ok"))
        return ROLE_GOOD;
    return ROLE_NORMAL;
}

bool screen_too_small(void) { return COLS < SCREEN_MIN_COLS || LINES < SCREEN_MIN_LINES; }

void screen_draw_too_small(void)
{
    erase();
    const char *msg = "terminal too small";
    int len = (int)strlen(msg);
    for (int y = 0; y < LINES; y++) {
        int from = y * COLS;
        if (from >= len)
            break;
        mvaddnstr(y, 0, msg + from, COLS);
    }
    wnoutrefresh(stdscr);
}

int screen_stop_signal(void) { return stop_signal; }

int screen_read_key(int timeout_ms)
{
    timeout(timeout_ms);
    return getch();
}

void screen_resize(int lines, int cols)
{
    if (lines < 1)
        lines = 1;
    if (cols < 1)
        cols = 1;
    resizeterm(lines, cols);
}

struct key_name {
    const char *name;
    int key;
};

static const struct key_name key_names[] = {
    {"Enter", '\r'},        {"Esc", 27},           {"Tab", '\t'},          {"Space", ' '},
    {"Up", KEY_UP},         {"Down", KEY_DOWN},    {"Left", KEY_LEFT},     {"Right", KEY_RIGHT},
    {"PgUp", KEY_PPAGE},    {"PgDn", KEY_NPAGE},   {"Home", KEY_HOME},     {"End", KEY_END},
    {"Backspace", KEY_BACKSPACE}, {"F1", KEY_F(1)}, {"lt", '<'},
};

static int named_key(const char *name, size_t len, int *lines, int *cols)
{
    if (len == 3 && name[0] == 'C' && name[1] == '-')
        return name[2] & 0x1f;
    if (len > 7 && strncmp(name, "Resize ", 7) == 0) {
        if (sscanf(name + 7, "%dx%d", cols, lines) != 2)
            return -1;
        return KEY_RESIZE;
    }
    for (size_t i = 0; i < sizeof key_names / sizeof *key_names; i++)
        if (strlen(key_names[i].name) == len && strncmp(name, key_names[i].name, len) == 0)
            return key_names[i].key;
    return -1;
}

int screen_script_key(const char **p, int *lines, int *cols)
{
    const char *s = *p;
    while (*s == '\n' || *s == '\r')
        s++;
    if (!*s) {
        *p = s;
        return 0;
    }
    if (*s == '<') {
        const char *end = strchr(s, '>');
        if (!end)
            return -1;
        *p = end + 1;
        return named_key(s + 1, (size_t)(end - s - 1), lines, cols);
    }
    /* Bytes as a keyboard sends them: UTF-8 arrives one byte at a time. */
    *p = s + 1;
    return (unsigned char)*s;
}

void screen_dump(FILE *out)
{
    wchar_t line[1024];
    char bytes[4096];
    for (int y = 0; y < LINES; y++) {
        int n = COLS < 1023 ? COLS : 1023;
        if (mvwinnwstr(stdscr, y, 0, line, n) == ERR)
            line[0] = L'\0';
        size_t len = wcstombs(bytes, line, sizeof bytes - 1);
        if (len == (size_t)-1)
            len = 0;
        bytes[len] = '\0';
        while (len > 0 && bytes[len - 1] == ' ')
            bytes[--len] = '\0';
        fprintf(out, "%s\n", bytes);
    }
}
