/* Small enumerations with canonical names and aliases: inspection types,
 * concern severity, absence kind, indicator level. One table each. */
#ifndef JIB_KIND_H
#define JIB_KIND_H

#include <stdbool.h>
#include <stddef.h>

struct enum_value {
    const char *name;        /* canonical */
    const char *aliases[4];  /* text_enum_key form */
    bool full;               /* inspection types: a full inspection sets the cadence */
};

struct enum_table {
    const char *what;        /* "inspection type", for messages */
    const struct enum_value *values;
    size_t count;
};

extern const struct enum_table inspection_types;
extern const struct enum_table concern_severities;
extern const struct enum_table absence_kinds;
extern const struct enum_table indicator_levels;

/* Index of the value text names (trimmed, case-insensitive, spaces = hyphens =
 * underscores), or -1 with a reason listing the accepted names. */
int enum_parse(const struct enum_table *table, const char *text, char *why, size_t why_len);
bool inspection_type_is_full(const char *canonical);

#endif
