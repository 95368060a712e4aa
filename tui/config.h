/* $XDG_CONFIG_HOME/jib/config (else ~/.config/jib/config): colours, the
 * default format and extra key bindings. Read once at start, never written. */
#ifndef JIB_CONFIG_H
#define JIB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct jib_config {
    int format;        /* enum output_format, or -1 when the file does not say */
    bool loaded;       /* a file was read */
    char path[4096];
};

/* Reads the file (a missing one is fine), applying colours and key bindings
 * as it goes; a bad line is reported on `warnings` as PATH:LINE: ... and
 * skipped, so a typo never stops jib. */
void config_load(struct jib_config *c, FILE *warnings);
/* The file's path: $XDG_CONFIG_HOME/jib/config, else $HOME/.config/jib/config. */
void config_path(char *out, size_t len);

/* One line "KEY = VALUE" applied to c: 0, or -1 with the reason in why. */
int config_apply(struct jib_config *c, const char *key, const char *value, char *why,
                 size_t why_len);

#endif
