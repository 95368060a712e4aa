#include "core/inspectorate.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

static const char *const codes[INSP_COUNT] = {"ofsted", "cqc", "hmicfrs", "hmi_probation",
                                              "hmi_prisons"};
static const char *const labels[INSP_COUNT] = {"Ofsted", "CQC", "HMICFRS", "HMI Probation",
                                               "HMI Prisons"};

struct insp_alias {
    const char *key; /* text_enum_key form */
    bool prefix;     /* a name is recognised by its start */
    enum inspectorate insp;
};

static const struct insp_alias aliases[] = {
    {"ofsted", false, INSP_OFSTED},
    {"office_for_standards_in_education", true, INSP_OFSTED},
    {"cqc", false, INSP_CQC},
    {"care_quality_commission", true, INSP_CQC},
    {"hmic", false, INSP_HMICFRS},
    {"hmicfrs", false, INSP_HMICFRS},
    {"hm_inspectorate_of_constabulary", true, INSP_HMICFRS},
    {"her_majesty's_inspectorate_of_constabulary", true, INSP_HMICFRS},
    {"his_majesty's_inspectorate_of_constabulary", true, INSP_HMICFRS},
    {"hmi_probation", false, INSP_HMI_PROBATION},
    {"hm_inspectorate_of_probation", true, INSP_HMI_PROBATION},
    {"his_majesty's_inspectorate_of_probation", true, INSP_HMI_PROBATION},
    {"hmi_prisons", false, INSP_HMI_PRISONS},
    {"hm_inspectorate_of_prisons", true, INSP_HMI_PRISONS},
    {"his_majesty's_inspectorate_of_prisons", true, INSP_HMI_PRISONS},
};

bool inspectorate_parse(const char *text, enum inspectorate *out, char *why, size_t why_len)
{
    char key[128];
    text_enum_key(text ? text : "", key, sizeof key);
    if (strcmp(key, "hmip") == 0) {
        snprintf(why, why_len, "ambiguous: HMIP is used for both HMI Probation and HMI Prisons; "
                               "write 'HMI Probation' or 'HMI Prisons'");
        return false;
    }
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++) {
        size_t len = strlen(aliases[i].key);
        bool match = aliases[i].prefix ? strncmp(key, aliases[i].key, len) == 0
                                       : strcmp(key, aliases[i].key) == 0;
        if (match) {
            *out = aliases[i].insp;
            return true;
        }
    }
    snprintf(why, why_len, key[0] ? "not an inspectorate (use ofsted, cqc, hmicfrs, "
                                    "hmi_probation or hmi_prisons)"
                                  : "an inspectorate is required");
    return false;
}

const char *inspectorate_code(enum inspectorate insp)
{
    return insp < INSP_COUNT ? codes[insp] : "";
}

const char *inspectorate_label(enum inspectorate insp)
{
    return insp < INSP_COUNT ? labels[insp] : "";
}

int inspectorate_from_code(const char *code)
{
    for (int i = 0; i < INSP_COUNT; i++)
        if (code && strcmp(code, codes[i]) == 0)
            return i;
    return -1;
}
