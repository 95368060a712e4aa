#include "core/kind.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

static const struct enum_value type_values[] = {
    {"ilacs_standard", {"standard", "standard_inspection"}, true},
    {"ilacs_short", {"short", "short_inspection"}, true},
    {"sif", {"single_inspection_framework", "single_inspection"}, true},
    {"cp_2012", {"child_protection_inspection"}, true},
    {"slac", {"safeguarding_and_looked_after_children"}, true},
    {"focused_visit", {"focused_visit"}, false},
    {"monitoring_visit", {"monitoring_visit"}, false},
    {"jtai", {"joint_targeted_area_inspection", "joint_inspection"}, false},
    {"other", {0}, false},
};
const struct enum_table inspection_types = {"inspection type", type_values,
                                            sizeof type_values / sizeof *type_values};

static const struct enum_value severity_values[] = {{"low", {0}, false},
                                                    {"medium", {0}, false},
                                                    {"high", {0}, false}};
const struct enum_table concern_severities = {"severity", severity_values, 3};

static const struct enum_value absence_values[] = {{"leave", {0}, false},
                                                   {"training", {0}, false},
                                                   {"booked", {0}, false},
                                                   {"other", {0}, false}};
const struct enum_table absence_kinds = {"absence kind", absence_values, 4};

static const struct enum_value level_values[] = {{"la", {"local_authority"}, false},
                                                 {"region", {"regional"}, false},
                                                 {"national", {0}, false}};
const struct enum_table indicator_levels = {"level", level_values, 3};

static bool value_matches(const struct enum_value *v, const char *key)
{
    if (strcmp(key, v->name) == 0)
        return true;
    for (size_t i = 0; i < sizeof v->aliases / sizeof *v->aliases && v->aliases[i]; i++)
        if (strcmp(key, v->aliases[i]) == 0)
            return true;
    return false;
}

int enum_parse(const struct enum_table *table, const char *text, char *why, size_t why_len)
{
    char key[96];
    text_enum_key(text ? text : "", key, sizeof key);
    for (size_t i = 0; i < table->count; i++)
        if (value_matches(&table->values[i], key))
            return (int)i;
    if (why && why_len) {
        size_t n = (size_t)snprintf(why, why_len, key[0] ? "not a known %s (use " : "%s is required (",
                                    table->what);
        for (size_t i = 0; i < table->count && n < why_len; i++)
            n += (size_t)snprintf(why + n, why_len - n, "%s%s", i ? ", " : "",
                                  table->values[i].name);
        if (n < why_len)
            snprintf(why + n, why_len - n, ")");
    }
    return -1;
}

bool inspection_type_is_full(const char *canonical)
{
    for (size_t i = 0; i < inspection_types.count; i++)
        if (strcmp(canonical, type_values[i].name) == 0)
            return type_values[i].full;
    return false;
}
