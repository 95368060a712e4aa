/* Which column is which: header normalisation, the alias table of SPEC
 * section 3, --map, and the kind of file (rule 11). */
#ifndef JIB_COLUMNS_H
#define JIB_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

enum field {
    FLD_LA_CODE, FLD_ONS_CODE, FLD_OFSTED_URN, FLD_NAME,
    FLD_REGION_CODE, FLD_REGION_NAME, FLD_LA_TYPE, FLD_ALIASES, FLD_STAT_NEIGHBOURS,
    FLD_INSPECTORATE, FLD_TYPE, FLD_START_DATE, FLD_END_DATE, FLD_PUBLISHED,
    FLD_OVERALL, FLD_LEADERSHIP, FLD_HELP_PROTECTION, FLD_IN_CARE, FLD_CARE_LEAVERS, FLD_PARTNERSHIP,
    FLD_THEME, FLD_LEAD, FLD_LINK,
    FLD_LEVEL, FLD_INDICATOR, FLD_PERIOD, FLD_VALUE, FLD_TIME_PERIOD, FLD_GEOGRAPHIC_LEVEL,
    FLD_RAISED_BY, FLD_DATE, FLD_SEVERITY, FLD_SUMMARY, FLD_CLOSED,
    FLD_INSPECTOR_ID, FLD_ROLE, FLD_REGION, FLD_FROM, FLD_TO, FLD_KIND, FLD_NOTE, FLD_HOME_LA,
    FLD_COUNT
};

/* Kinds in dependency order: what others refer to comes first. */
enum import_kind {
    KIND_UNKNOWN = -1,
    KIND_AUTHORITIES, KIND_HOLIDAYS, KIND_INSPECTORS, KIND_INSPECTIONS,
    KIND_INDICATORS, KIND_CONCERNS, KIND_ABSENCES,
    KIND_COUNT
};

struct columns {
    size_t count;
    char **headers;           /* as written in the file */
    char **norm;              /* normalised */
    bool *matched;            /* the column feeds at least one field */
    int field_col[FLD_COUNT]; /* column index, or -1 when the file lacks the field */
};

/* Lower case; runs of spaces, hyphens and punctuation become one '_'; no '_'
 * at either end. "Overall Effectiveness Grade" -> "overall_effectiveness_grade". */
void columns_normalise(const char *in, char *out, size_t out_len);
const char *columns_field_name(enum field f);
int columns_field_parse(const char *name); /* -1 when unknown */
const char *columns_kind_name(int kind);
int columns_kind_parse(const char *name);  /* KIND_UNKNOWN when unknown */

/* Matches headers against the aliases and the maps ("SOURCE=TARGET"). Returns
 * 0, ERROR_USAGE for a bad --map, or ERROR_DATA when two headers give one
 * field, with err filled. */
int columns_map(struct columns *c, char *const *headers, size_t count, const char *const *maps,
                size_t map_count, struct error *err);
/* Rule 11, or the forced kind. KIND_UNKNOWN with err filled: usage for an
 * unknown forced kind, data with a message listing what was recognised. */
int columns_detect_kind(const struct columns *c, const char *forced, struct error *err);
/* Headers that feed no field, comma-separated ("" when none). */
void columns_unmatched(const struct columns *c, char *out, size_t out_len);
void columns_free(struct columns *c);

#endif
