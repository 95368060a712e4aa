#include "tui/config.h"

#include <ctype.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui/actions.h"
#include "tui/output.h"
#include "tui/screen.h"

void config_path(char *out, size_t len)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && *xdg == '/')
        snprintf(out, len, "%s/jib/config", xdg);
    else
        snprintf(out, len, "%s/.config/jib/config", home && *home ? home : ".");
}

static const struct {
    const char *name;
    int color;
} colors[] = {
    {"black", COLOR_BLACK}, {"red", COLOR_RED}, {"green", COLOR_GREEN},
    {"yellow", COLOR_YELLOW}, {"blue", COLOR_BLUE}, {"magenta", COLOR_MAGENTA},
    {"cyan", COLOR_CYAN}, {"white", COLOR_WHITE}, {"default", -1}, {"none", SCREEN_NO_COLOR},
};

static const struct {
    const char *name;
    enum screen_role role;
} roles[] = {{"good", ROLE_GOOD}, {"warn", ROLE_WARN}, {"bad", ROLE_BAD}, {"info", ROLE_INFO}};

static const struct {
    const char *name;
    int key;
} key_names[] = {
    {"Tab", '\t'}, {"Space", ' '}, {"Enter", '\n'}, {"Esc", 27}, {"Up", KEY_UP},
    {"Down", KEY_DOWN}, {"Left", KEY_LEFT}, {"Right", KEY_RIGHT}, {"PgUp", KEY_PPAGE},
    {"PgDn", KEY_NPAGE}, {"Home", KEY_HOME}, {"End", KEY_END}, {"Backspace", KEY_BACKSPACE},
};

/* A key as written in the file: one character, Ctrl-X, F1-F12 or a name. */
static int parse_key(const char *s)
{
    if (s[0] && !s[1] && (unsigned char)s[0] > ' ' && (unsigned char)s[0] < 127)
        return (unsigned char)s[0];
    if (strncasecmp(s, "Ctrl-", 5) == 0 && isalpha((unsigned char)s[5]) && !s[6])
        return tolower((unsigned char)s[5]) & 0x1f;
    if ((s[0] == 'F' || s[0] == 'f') && isdigit((unsigned char)s[1])) {
        int n = atoi(s + 1);
        if (n >= 1 && n <= 12 && strspn(s + 1, "0123456789") == strlen(s + 1))
            return KEY_F(n);
    }
    for (size_t i = 0; i < sizeof key_names / sizeof *key_names; i++)
        if (strcasecmp(s, key_names[i].name) == 0)
            return key_names[i].key;
    return -1;
}

int config_apply(struct jib_config *c, const char *key, const char *value, char *why,
                 size_t len)
{
    if (strcmp(key, "format") == 0) {
        int f = output_format_parse(value);
        if (f < 0) {
            snprintf(why, len, "format '%s': use table, csv, json or xlsx", value);
            return -1;
        }
        c->format = f;
        return 0;
    }
    if (strncmp(key, "color.", 6) == 0) {
        for (size_t r = 0; r < sizeof roles / sizeof *roles; r++) {
            if (strcmp(key + 6, roles[r].name) != 0)
                continue;
            for (size_t i = 0; i < sizeof colors / sizeof *colors; i++)
                if (strcasecmp(value, colors[i].name) == 0) {
                    screen_set_role_color(roles[r].role, colors[i].color);
                    return 0;
                }
            snprintf(why, len, "%s '%s': use black, red, green, yellow, blue, magenta, cyan, "
                     "white, default or none", key, value);
            return -1;
        }
        snprintf(why, len, "unknown colour '%s' (use color.good, color.warn, color.bad or "
                 "color.info)", key);
        return -1;
    }
    if (strncmp(key, "key.", 4) == 0) {
        for (size_t i = 0; i < action_count; i++) {
            if (strcmp(key + 4, actions[i].name) != 0)
                continue;
            int k = parse_key(value);
            if (k < 0) {
                snprintf(why, len, "%s '%s': a key is one character, Ctrl-X, F1-F12, Tab, "
                         "Space, Enter, Esc, Up, Down, Left, Right, PgUp, PgDn, Home or End",
                         key, value);
                return -1;
            }
            if (actions_bind(actions[i].action, k) != 0) {
                snprintf(why, len, "%s: too many key bindings", key);
                return -1;
            }
            return 0;
        }
        snprintf(why, len, "unknown action '%s' (the actions are listed in 'jib --help' "
                 "and docs/KEYS.md)", key + 4);
        return -1;
    }
    snprintf(why, len, "unknown setting '%s' (use format, color.ROLE or key.ACTION)", key);
    return -1;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

void config_load(struct jib_config *c, FILE *warnings)
{
    c->format = -1;
    c->loaded = false;
    config_path(c->path, sizeof c->path);
    FILE *f = fopen(c->path, "r");
    if (!f)
        return;
    c->loaded = true;
    char line[1024], why[512];
    for (long n = 1; fgets(line, sizeof line, f); n++) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *s = trim(line);
        if (!*s)
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            fprintf(warnings, "jib: %s:%ld: expected KEY = VALUE; line ignored\n", c->path, n);
            continue;
        }
        *eq = '\0';
        if (config_apply(c, trim(s), trim(eq + 1), why, sizeof why) != 0)
            fprintf(warnings, "jib: %s:%ld: %s; line ignored\n", c->path, n, why);
    }
    fclose(f);
}
