/* Indicator rows: the long shape (level, la_code, region_code, indicator,
 * period, value) and the tidy explore-education-statistics shape (rule 15). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/kind.h"
#include "core/text.h"
#include "import/rows.h"

enum column_role { ROLE_GEOGRAPHY, ROLE_UNSEEN, ROLE_MEASURE, ROLE_FILTER };

struct tidy {
    enum column_role *roles; /* per column */
};

static const char *const geography_columns[] = {
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
    "region_code", "region_name", "old_la_code", "new_la_code", "la_name",
};

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool is_geography(const char *norm)
{
    for (size_t i = 0; i < sizeof geography_columns / sizeof *geography_columns; i++)
        if (strcmp(norm, geography_columns[i]) == 0)
            return true;
    return ends_with(norm, "_code") || ends_with(norm, "_name");
}

bool rows_is_tidy(const struct columns *cols)
{
    return cols->field_col[FLD_TIME_PERIOD] >= 0 && cols->field_col[FLD_GEOGRAPHIC_LEVEL] >= 0;
}

/* A plain decimal number: [+-]digits[.digits][e[+-]digits], at least one
 * digit before or after the point. Not hex (0x10), not inf or nan, and not a
 * value that overflows or underflows a double (1e400, 1e-400). The point is
 * always '.', whatever the locale (LC_NUMERIC stays "C": see tui/main.c). */
bool rows_parse_number(const char *s, double *out)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    size_t digits = 0;
    while (isdigit((unsigned char)*p))
        p++, digits++;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p))
            p++, digits++;
    }
    if (!digits)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p)
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end != p || errno == ERANGE || !isfinite(v))
        return false;
    *out = v;
    return true;
}

bool rows_is_ees_symbol(const char *s)
{
    static const char *const symbols[] = {"c", "k", "low", "u", "x", "z", ":"};
    for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++)
        if (strcasecmp(s, symbols[i]) == 0)
            return true;
    return false;
}

/* First pass: a column stays a measure candidate while every value is a number
 * or a symbol; a column with no values at all is left out. */
void rows_tidy_observe(struct rows *r, const struct csv_record *rec)
{
    if (!r->tidy) {
        r->tidy = calloc(1, sizeof *r->tidy);
        r->tidy->roles = calloc(r->cols->count, sizeof *r->tidy->roles);
        for (size_t c = 0; c < r->cols->count; c++)
            r->tidy->roles[c] = is_geography(r->cols->norm[c]) ? ROLE_GEOGRAPHY : ROLE_UNSEEN;
    }
    if (rec->count != r->cols->count)
        return;
    for (size_t c = 0; c < rec->count; c++) {
        enum column_role *role = &r->tidy->roles[c];
        if (*role == ROLE_GEOGRAPHY || *role == ROLE_FILTER)
            continue;
        r->arena_used = 0;
        const char *v = rows_cell_col(r, rec, (int)c);
        double d;
        if (!*v)
            continue;
        *role = rows_parse_number(v, &d) || rows_is_ees_symbol(v) ? ROLE_MEASURE : ROLE_FILTER;
    }
}

void rows_tidy_free(struct tidy *tidy)
{
    free(tidy->roles);
    free(tidy);
}

int rows_tidy_classify(struct rows *r, struct error *err)
{
    size_t measures = 0;
    if (!r->tidy) /* no data rows: nothing to classify */
        return 0;
    for (size_t c = 0; c < r->cols->count; c++)
        measures += r->tidy->roles[c] == ROLE_MEASURE;
    if (!measures)
        return error_set(err, ERROR_DATA, "no measure columns: no column other than time and "
                         "geography holds only numbers or symbols");
    return 0;
}

/* Filter values then the measure's header, joined by " / ", whole (never
 * cut mid-character: a name too long for the row is a located error). */
static const char *indicator_name(struct rows *r, const struct csv_record *rec, size_t measure)
{
    size_t cap = strlen(r->cols->headers[measure]) + 1;
    for (size_t c = 0; c < r->cols->count; c++)
        if (r->tidy->roles[c] == ROLE_FILTER)
            cap += strlen(rows_cell_col(r, rec, (int)c)) + 3;
    char *name = malloc(cap);
    if (!name)
        abort();
    size_t n = 0;
    for (size_t c = 0; c < r->cols->count; c++) {
        if (r->tidy->roles[c] != ROLE_FILTER)
            continue;
        const char *v = rows_cell_col(r, rec, (int)c);
        if (*v)
            n += (size_t)snprintf(name + n, cap - n, "%s / ", v);
    }
    snprintf(name + n, cap - n, "%s", r->cols->headers[measure]);
    const char *kept = rows_copy(r, name);
    free(name);
    return kept;
}

/* 0 la, 1 region, 2 national; -2 for another geography (e.g. ward), which is
 * not jib's to store. */
static int parse_level(const char *text)
{
    char key[64];
    text_enum_key(text, key, sizeof key);
    if (strcmp(key, "national") == 0)
        return 2;
    if (strcmp(key, "regional") == 0 || strcmp(key, "region") == 0)
        return 1;
    if (strcmp(key, "local_authority") == 0 || strcmp(key, "la") == 0)
        return 0;
    return -2;
}

/* The level, region_code and la_code shared by every value of the row; a
 * return of ROW_SKIPPED means an authority jib does not know (rule 13). */
static enum row_result row_geography(struct rows *r, const struct csv_record *rec, int level,
                                     const char **la_code, const char **region)
{
    const char *reg = rows_cell(r, rec, FLD_REGION_CODE);
    *region = reg ? reg : "";
    *la_code = NULL;
    if (level == 1 && !**region)
        rows_error(r, FLD_REGION_CODE, "", "a regional row needs its region_code");
    if (level == 2)
        *region = "";
    if (level != 0)
        return r->invalid ? ROW_INVALID : ROW_OK;
    int idx = rows_resolve_authority(r, rec, true);
    if (idx == -2)
        return ROW_INVALID;
    if (idx == -1)
        return ROW_SKIPPED;
    *la_code = r->codes[idx];
    return r->invalid ? ROW_INVALID : ROW_OK;
}

static void add_value(struct rows *r, int level, const char *la_code, const char *region,
                      const char *indicator, const char *period, struct store_value value)
{
    static const char *const names[] = {"la", "region", "national"};
    struct row_item *it;
    if (level == 0) {
        it = rows_add_item(r, &store_indicator_la);
        it->keys[0] = sv_text(la_code);
        it->keys[1] = sv_text(indicator);
        it->keys[2] = sv_text(period);
        it->vals[0] = sv_text("la");
        it->vals[1] = sv_text(*region ? region : NULL);
        it->vals[2] = value;
    } else {
        it = rows_add_item(r, &store_indicator_benchmark);
        it->keys[0] = sv_text(names[level]);
        it->keys[1] = sv_text(region);
        it->keys[2] = sv_text(indicator);
        it->keys[3] = sv_text(period);
        it->vals[0] = value;
    }
}

/* A value cell: a number, or NULL for a blank cell or an EES symbol. */
static bool value_of(struct rows *r, int col, const char *v, struct store_value *out)
{
    double d;
    *out = sv_null();
    if (!v || !*v || rows_is_ees_symbol(v))
        return true;
    if (rows_parse_number(v, &d)) {
        *out = sv_real(d);
        return true;
    }
    rows_error_col(r, col, v, "not a number (nor a symbol c, k, low, u, x, z or :)");
    return false;
}

enum row_result rows_tidy_convert(struct rows *r, const struct csv_record *rec)
{
    int level = parse_level(rows_cell(r, rec, FLD_GEOGRAPHIC_LEVEL));
    if (level == -2)
        return ROW_SKIPPED;
    const char *period = rows_cell(r, rec, FLD_TIME_PERIOD);
    if (!*period)
        rows_error(r, FLD_TIME_PERIOD, "", "a time_period is required");
    const char *la_code, *region;
    enum row_result res = level < 0 ? ROW_INVALID : row_geography(r, rec, level, &la_code, &region);
    if (res != ROW_OK || r->invalid)
        return r->invalid ? ROW_INVALID : res;
    for (size_t c = 0; c < r->cols->count; c++) {
        struct store_value v;
        if (r->tidy->roles[c] == ROLE_MEASURE &&
            value_of(r, (int)c, rows_cell_col(r, rec, (int)c), &v))
            add_value(r, level, la_code, region, indicator_name(r, rec, c), period, v);
    }
    return r->invalid ? ROW_INVALID : ROW_OK;
}

enum row_result rows_long_indicator(struct rows *r, const struct csv_record *rec)
{
    const char *lv = rows_cell(r, rec, FLD_LEVEL);
    int level = lv && *lv ? parse_level(lv) : 0;
    if (level == -2) {
        rows_error(r, FLD_LEVEL, lv, "not a known level (use la, region or national)");
        level = -1;
    }
    const char *indicator = rows_cell(r, rec, FLD_INDICATOR);
    const char *period = rows_cell(r, rec, FLD_PERIOD);
    if (!indicator || !*indicator)
        rows_error(r, FLD_INDICATOR, "", "an indicator name is required");
    if (!period || !*period)
        rows_error(r, FLD_PERIOD, "", "a period is required");
    struct store_value v;
    value_of(r, r->cols->field_col[FLD_VALUE], rows_cell(r, rec, FLD_VALUE), &v);
    const char *la_code, *region;
    enum row_result res = level < 0 ? ROW_INVALID : row_geography(r, rec, level, &la_code, &region);
    if (res != ROW_OK || r->invalid)
        return r->invalid ? ROW_INVALID : res;
    add_value(r, level, la_code, region, indicator, period, v);
    return ROW_OK;
}
