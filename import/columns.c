#include "import/columns.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"

static const char *const field_names[FLD_COUNT] = {
    "la_code", "ons_code", "ofsted_urn", "name",
    "region_code", "region_name", "la_type", "aliases", "stat_neighbours",
    "inspectorate", "type", "start_date", "end_date", "published",
    "overall", "leadership", "help_protection", "in_care", "care_leavers", "partnership",
    "theme", "lead", "link",
    "level", "indicator", "period", "value", "time_period", "geographic_level",
    "raised_by", "date", "severity", "summary", "closed",
    "inspector_id", "role", "region", "from", "to", "kind", "note", "home_la",
};

static const char *const kind_names[KIND_COUNT] = {
    "authorities", "holidays", "inspectors", "inspections", "indicators", "concerns", "absences",
};

/* Headers (normalised) recognised without --map, beyond the field names. */
static const struct {
    enum field field;
    const char *header;
} aliases[] = {
    {FLD_LA_CODE, "old_la_code"}, {FLD_LA_CODE, "la_number"}, {FLD_LA_CODE, "lea"},
    {FLD_ONS_CODE, "new_la_code"}, {FLD_ONS_CODE, "la_code_new"}, {FLD_ONS_CODE, "area_code"},
    {FLD_ONS_CODE, "local_authority_area_code"},
    {FLD_OFSTED_URN, "urn"},
    {FLD_NAME, "la_name"}, {FLD_NAME, "authority"}, {FLD_NAME, "local_authority"},
    {FLD_NAME, "local_authority_name"}, {FLD_NAME, "local_authority_ons_name"},
    {FLD_NAME, "council"},
    {FLD_ALIASES, "also_known_as"},
    {FLD_STAT_NEIGHBOURS, "statistical_neighbours"},
    {FLD_LA_TYPE, "ons_la_type"},
    {FLD_TYPE, "inspection_type"}, {FLD_TYPE, "inspection_framework"}, {FLD_TYPE, "framework"},
    {FLD_START_DATE, "inspection_start_date"}, {FLD_START_DATE, "inspection_date"},
    {FLD_START_DATE, "start"},
    {FLD_END_DATE, "inspection_end_date"},
    {FLD_PUBLISHED, "publication_date"},
    {FLD_OVERALL, "overall_effectiveness"},
    {FLD_LEADERSHIP, "impact_of_leaders"},
    {FLD_LEADERSHIP, "impact_of_leaders_on_social_work_practice"},
    {FLD_HELP_PROTECTION, "help_and_protection"},
    {FLD_HELP_PROTECTION, "children_who_need_help_and_protection"},
    {FLD_IN_CARE, "children_in_care"}, {FLD_IN_CARE, "children_in_care_and_care_leavers"},
    {FLD_PARTNERSHIP, "lscb"}, {FLD_PARTNERSHIP, "safeguarding_partnership"},
    {FLD_PARTNERSHIP, "local_safeguarding_children_board"},
    {FLD_LEAD, "lead_inspector"}, {FLD_LEAD, "inspector_name"},
    {FLD_LINK, "inspection_link"}, {FLD_LINK, "report_url"},
    {FLD_FROM, "from_date"}, {FLD_TO, "to_date"},
    {FLD_HOME_LA, "home_authority"}, {FLD_HOME_LA, "seconded_from"},
};

void columns_normalise(const char *in, char *out, size_t out_len)
{
    size_t n = 0;
    bool sep = false;
    for (const unsigned char *p = (const unsigned char *)in; *p && n + 2 < out_len; p++) {
        if (*p >= 0x80 || isalnum(*p)) {
            if (sep && n)
                out[n++] = '_';
            sep = false;
            out[n++] = (char)tolower(*p);
        } else {
            sep = true;
        }
    }
    if (out_len)
        out[n] = '\0';
}

const char *columns_field_name(enum field f) { return f < FLD_COUNT ? field_names[f] : ""; }

int columns_field_parse(const char *name)
{
    for (int i = 0; i < FLD_COUNT; i++)
        if (strcmp(name, field_names[i]) == 0)
            return i;
    return -1;
}

const char *columns_kind_name(int kind)
{
    return kind >= 0 && kind < KIND_COUNT ? kind_names[kind] : "unknown";
}

int columns_kind_parse(const char *name)
{
    for (int i = 0; i < KIND_COUNT; i++)
        if (name && strcmp(name, kind_names[i]) == 0)
            return i;
    return KIND_UNKNOWN;
}

static int lookup_exact(const char *norm)
{
    int f = columns_field_parse(norm);
    for (size_t i = 0; f < 0 && i < sizeof aliases / sizeof *aliases; i++)
        if (strcmp(norm, aliases[i].header) == 0)
            f = (int)aliases[i].field;
    return f;
}

/* Exact match first, then without a trailing "_grade" or "_date". */
static int lookup_header(const char *norm)
{
    int f = lookup_exact(norm);
    size_t len = strlen(norm);
    static const char *const suffixes[] = {"_grade", "_date"};
    for (size_t i = 0; f < 0 && i < 2; i++) {
        size_t sl = strlen(suffixes[i]);
        if (len > sl && strcmp(norm + len - sl, suffixes[i]) == 0) {
            char stem[256];
            snprintf(stem, sizeof stem, "%.*s", (int)(len - sl), norm);
            f = lookup_exact(stem);
        }
    }
    return f;
}

static int claim(struct columns *c, int field, size_t col, struct error *err)
{
    int prev = c->field_col[field];
    if (prev >= 0 && (size_t)prev != col) {
        return error_set(err, ERROR_DATA, "columns '%s' and '%s' both give the field '%s': remove "
                         "one, or send one elsewhere with --map", c->headers[prev],
                         c->headers[col], field_names[field]);
    }
    c->field_col[field] = (int)col;
    c->matched[col] = true;
    return 0;
}

/* --map SOURCE=TARGET entries naming this column; -1 when none, else how many. */
static int apply_maps(struct columns *c, size_t col, const char *const *maps, size_t map_count,
                      struct error *err, int *rc)
{
    int found = -1;
    for (size_t m = 0; m < map_count && !*rc; m++) {
        const char *eq = strchr(maps[m], '=');
        char source[256], norm_source[256];
        snprintf(source, sizeof source, "%.*s", (int)(eq - maps[m]), maps[m]);
        columns_normalise(source, norm_source, sizeof norm_source);
        if (strcmp(norm_source, c->norm[col]) != 0)
            continue;
        found = found < 0 ? 1 : found + 1;
        if (eq[1])
            *rc = claim(c, columns_field_parse(eq + 1), col, err);
    }
    return found;
}

static int check_maps(const char *const *maps, size_t map_count, struct error *err)
{
    for (size_t m = 0; m < map_count; m++) {
        const char *eq = strchr(maps[m], '=');
        if (!eq || eq == maps[m])
            return error_set(err, ERROR_USAGE, "--map '%s': write SOURCE=TARGET", maps[m]);
        if (eq[1] && columns_field_parse(eq + 1) < 0) {
            char fields[1024];
            size_t n = 0;
            fields[0] = '\0';
            for (int f = 0; f < FLD_COUNT && n < sizeof fields; f++)
                n += (size_t)snprintf(fields + n, sizeof fields - n, "%s%s", f ? ", " : "",
                                      field_names[f]);
            return error_set(err, ERROR_USAGE, "--map '%s': unknown field '%s' (use %s)", maps[m],
                             eq + 1, fields);
        }
    }
    return 0;
}

int columns_map(struct columns *c, char *const *headers, size_t count, const char *const *maps,
                size_t map_count, struct error *err)
{
    memset(c, 0, sizeof *c);
    for (int f = 0; f < FLD_COUNT; f++)
        c->field_col[f] = -1;
    int rc = check_maps(maps, map_count, err);
    if (rc)
        return rc;
    c->count = count;
    c->headers = calloc(count + 1, sizeof *c->headers);
    c->norm = calloc(count + 1, sizeof *c->norm);
    c->matched = calloc(count + 1, sizeof *c->matched);
    for (size_t i = 0; i < count; i++) {
        char norm[256];
        columns_normalise(headers[i], norm, sizeof norm);
        c->headers[i] = strdup(headers[i]);
        c->norm[i] = strdup(norm);
    }
    for (size_t i = 0; i < count && !rc; i++) {
        if (apply_maps(c, i, maps, map_count, err, &rc) >= 0)
            continue;
        int f = lookup_header(c->norm[i]);
        if (f >= 0)
            rc = claim(c, f, i, err);
    }
    return rc;
}

static bool has(const struct columns *c, enum field f) { return c->field_col[f] >= 0; }

static bool has_any(const struct columns *c, const enum field *fs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (has(c, fs[i]))
            return true;
    return false;
}

static const enum field inspection_fields[] = {FLD_TYPE, FLD_START_DATE, FLD_OVERALL,
                                               FLD_LEADERSHIP, FLD_HELP_PROTECTION, FLD_IN_CARE,
                                               FLD_CARE_LEAVERS, FLD_PARTNERSHIP};
static const enum field identifier_fields[] = {FLD_LA_CODE, FLD_ONS_CODE, FLD_OFSTED_URN, FLD_NAME,
                                               FLD_ALIASES};
static const enum field authority_fields[] = {FLD_REGION_CODE, FLD_REGION_NAME, FLD_REGION,
                                              FLD_ALIASES, FLD_STAT_NEIGHBOURS, FLD_LA_TYPE};

static bool only_date_and_name(const struct columns *c)
{
    for (int f = 0; f < FLD_COUNT; f++)
        if (has(c, f) && f != FLD_DATE && f != FLD_NAME)
            return false;
    return has(c, FLD_DATE) && has(c, FLD_NAME);
}

/* Rule 11: the first kind whose columns are present. */
static int detect(const struct columns *c)
{
    if (has(c, FLD_INSPECTOR_ID) && (has(c, FLD_FROM) || has(c, FLD_TO)))
        return KIND_ABSENCES;
    if (has(c, FLD_INSPECTOR_ID) && has(c, FLD_INSPECTORATE))
        return KIND_INSPECTORS;
    if (only_date_and_name(c))
        return KIND_HOLIDAYS;
    if ((has(c, FLD_TIME_PERIOD) && has(c, FLD_GEOGRAPHIC_LEVEL)) ||
        (has(c, FLD_INDICATOR) && (has(c, FLD_VALUE) || has(c, FLD_LEVEL))))
        return KIND_INDICATORS;
    if (has(c, FLD_SEVERITY) || (has(c, FLD_RAISED_BY) && has(c, FLD_SUMMARY)))
        return KIND_CONCERNS;
    if (has_any(c, inspection_fields, sizeof inspection_fields / sizeof *inspection_fields))
        return KIND_INSPECTIONS;
    if (has_any(c, identifier_fields, sizeof identifier_fields / sizeof *identifier_fields) &&
        has_any(c, authority_fields, sizeof authority_fields / sizeof *authority_fields))
        return KIND_AUTHORITIES;
    return KIND_UNKNOWN;
}

static void list_recognised(const struct columns *c, char *out, size_t out_len)
{
    size_t n = 0;
    out[0] = '\0';
    for (int f = 0; f < FLD_COUNT && n < out_len; f++)
        if (has(c, f))
            n += (size_t)snprintf(out + n, out_len - n, "%s'%s' as %s", n ? ", " : "",
                                  c->headers[c->field_col[f]], field_names[f]);
}

int columns_detect_kind(const struct columns *c, const char *forced, struct error *err)
{
    if (forced) {
        int k = columns_kind_parse(forced);
        if (k == KIND_UNKNOWN)
            error_set(err, ERROR_USAGE, "unknown kind '%s' (use authorities, inspections, "
                      "indicators, concerns, inspectors, absences or holidays)", forced);
        return k;
    }
    int k = detect(c);
    if (k == KIND_UNKNOWN) {
        char seen[1024];
        list_recognised(c, seen, sizeof seen);
        error_set(err, ERROR_DATA, "cannot tell what kind of data this is from its header "
                  "(recognised: %s); give --kind, or --map a column to a field",
                  seen[0] ? seen : "no known column");
    }
    return k;
}

void columns_unmatched(const struct columns *c, char *out, size_t out_len)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < c->count && n < out_len; i++)
        if (!c->matched[i])
            n += (size_t)snprintf(out + n, out_len - n, "%s%s", n ? ", " : "", c->headers[i]);
}

void columns_free(struct columns *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->headers[i]);
        free(c->norm[i]);
    }
    free(c->headers);
    free(c->norm);
    free(c->matched);
    memset(c, 0, sizeof *c);
}
