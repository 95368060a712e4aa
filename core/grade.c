#include "core/grade.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

struct grade_alias {
    const char *key; /* as text_enum_key writes it */
    int grade;
};

static const struct grade_alias grade_aliases[] = {
    {"1", 1}, {"outstanding", 1},
    {"2", 2}, {"good", 2},
    {"3", 3}, {"requires_improvement", 3}, {"requires_improvement_to_be_good", 3},
    {"ri", 3}, {"adequate", 3}, {"satisfactory", 3},
    {"4", 4}, {"inadequate", 4},
};

/* "Not judged", and what exports and scrapers write for a missing judgement. */
static bool is_not_judged(const char *key) { return text_placeholder_key(key); }

bool grade_parse(const char *text, int *grade, char *why, size_t why_len)
{
    char key[64];
    text_enum_key(text ? text : "", key, sizeof key);
    if (is_not_judged(key)) {
        *grade = GRADE_NONE;
        return true;
    }
    for (size_t i = 0; i < sizeof grade_aliases / sizeof *grade_aliases; i++) {
        if (strcmp(key, grade_aliases[i].key) == 0) {
            *grade = grade_aliases[i].grade;
            return true;
        }
    }
    if (why && why_len)
        snprintf(why, why_len, "not a judgement (use outstanding, good, requires improvement, "
                               "inadequate, 1-4, or blank for not judged)");
    return false;
}

const char *grade_name(int grade)
{
    static const char *const names[] = {"", "outstanding", "good", "requires_improvement",
                                        "inadequate"};
    return grade >= 1 && grade <= 4 ? names[grade] : "";
}

const char *grade_label(int grade)
{
    static const char *const labels[] = {"", "outstanding", "good", "requires improvement",
                                         "inadequate"};
    return grade >= 1 && grade <= 4 ? labels[grade] : "";
}

int grade_worse(int a, int b)
{
    if (a == GRADE_NONE)
        return b;
    if (b == GRADE_NONE)
        return a;
    return a > b ? a : b;
}
