#include "core/triage_latest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/grade.h"
#include "core/policy.h"

/* One row per authority and tied latest full inspection. The scalar
 * subqueries each seek one authority's range of an index, so the cost grows
 * with the number of authorities, not with the length of their histories. */
static const char latest_sql[] =
    "WITH latest AS MATERIALIZED ("
    "  SELECT a.la_code, a.name, a.region_code, a.region_name,"
    "    (SELECT i.start_date FROM inspection i WHERE i.la_code = a.la_code"
    "       AND i.type IN " TRIAGE_FULL_TYPES " AND i.start_date <= ?1"
    "       ORDER BY i.start_date DESC LIMIT 1) AS last_start"
    "  FROM authority a WHERE ?2 IS NULL OR a.la_code = ?2)"
    "SELECT l.la_code, l.name, l.region_code, l.region_name, l.last_start, i.type,"
    "  i.overall, i.leadership, i.help_protection, i.in_care, i.care_leavers,"
    "  (SELECT COUNT(*) FROM concern c WHERE c.la_code = l.la_code AND c.date <= ?1"
    "     AND (c.closed IS NULL OR c.closed = '' OR c.closed > ?1)),"
    "  (SELECT COUNT(*) FROM concern c WHERE c.la_code = l.la_code AND c.severity = 'high'"
    "     AND c.date <= ?1 AND (c.closed IS NULL OR c.closed = '' OR c.closed > ?1)),"
    "  (SELECT MIN(c.date) FROM concern c WHERE c.la_code = l.la_code AND c.severity = 'high'"
    "     AND c.date <= ?1 AND (c.closed IS NULL OR c.closed = '' OR c.closed > ?1)),"
    "  (SELECT COUNT(*) FROM inspection v WHERE v.la_code = l.la_code"
    "     AND v.start_date > l.last_start AND v.start_date <= ?1 AND v.type = 'monitoring_visit'),"
    "  (SELECT MAX(v.start_date) FROM inspection v WHERE v.la_code = l.la_code"
    "     AND v.start_date > l.last_start AND v.start_date <= ?1 AND v.type = 'monitoring_visit')"
    " FROM latest l LEFT JOIN inspection i ON i.la_code = l.la_code"
    "  AND i.start_date = l.last_start AND i.type IN " TRIAGE_FULL_TYPES
    " ORDER BY l.la_code";

const char *const triage_area_names[TRIAGE_AREAS] = {"overall", "leadership", "help_protection",
                                                    "in_care", "care_leavers"};

enum { AREA_OVERALL, AREA_LEADERSHIP, AREA_HELP_PROTECTION, AREA_IN_CARE, AREA_CARE_LEAVERS };

/* Appends "name" to a ", "-separated list in out. */
static void list_add(char *out, size_t len, const char *name)
{
    size_t n = strlen(out);
    if (n < len)
        snprintf(out + n, len - n, "%s%s", n ? ", " : "", name);
}

/* The judgements among want[] that are inadequate, as "a, b inadequate". */
static bool inadequate_areas(const struct triage_row *r, const int *want, size_t nwant, char *why,
                             size_t why_len)
{
    char list[128] = "";
    for (size_t i = 0; i < nwant; i++)
        if (r->areas[want[i]] == GRADE_INADEQUATE)
            list_add(list, sizeof list, triage_area_names[want[i]]);
    if (!*list)
        return false;
    snprintf(why, why_len, "%s inadequate", list);
    return true;
}

bool triage_monitored(const struct policy *policy, const struct triage_row *r, char *why,
                      size_t why_len)
{
    static const int all[] = {AREA_OVERALL, AREA_LEADERSHIP, AREA_HELP_PROTECTION, AREA_IN_CARE,
                              AREA_CARE_LEAVERS};
    static const int services[] = {AREA_OVERALL, AREA_HELP_PROTECTION, AREA_IN_CARE};
    if (why_len)
        *why = '\0';
    if (r->last_start == DATE_NONE)
        return false;
    if (policy->monitoring_trigger == POLICY_TRIGGER_ANY_AREA &&
        inadequate_areas(r, services, sizeof services / sizeof *services, why, why_len))
        return true;
    if (r->grade != GRADE_INADEQUATE)
        return false;
    /* The cadence grade is the overall grade, else the worst area. */
    if (r->areas[AREA_OVERALL] == GRADE_INADEQUATE)
        snprintf(why, why_len, "overall inadequate");
    else if (!inadequate_areas(r, all, sizeof all / sizeof *all, why, why_len))
        snprintf(why, why_len, "cadence grade inadequate");
    return true;
}

int triage_cadence_grade(int overall, const int areas[4])
{
    if (overall != GRADE_NONE)
        return overall;
    int worst = GRADE_NONE;
    for (int i = 0; i < 4; i++)
        worst = grade_worse(worst, areas[i]);
    return worst;
}

static jdate column_date(sqlite3_stmt *stmt, int col)
{
    jdate d;
    if (sqlite3_column_type(stmt, col) == SQLITE_NULL ||
        !date_parse_iso(db_column_text(stmt, col), &d))
        return DATE_NONE;
    return d;
}

static int column_grade(sqlite3_stmt *stmt, int col)
{
    if (sqlite3_column_type(stmt, col) == SQLITE_NULL)
        return GRADE_NONE;
    int g = sqlite3_column_int(stmt, col);
    return g >= GRADE_OUTSTANDING && g <= GRADE_INADEQUATE ? g : GRADE_NONE;
}

static void row_areas(sqlite3_stmt *stmt, int areas[TRIAGE_AREAS])
{
    for (int i = 0; i < TRIAGE_AREAS; i++)
        areas[i] = column_grade(stmt, 6 + i);
}

static int row_grade(sqlite3_stmt *stmt)
{
    int areas[4];
    for (int i = 0; i < 4; i++)
        areas[i] = column_grade(stmt, 7 + i);
    return triage_cadence_grade(column_grade(stmt, 6), areas);
}

static char *dup_column(sqlite3_stmt *stmt, int col)
{
    char *s = strdup(db_column_text(stmt, col));
    if (!s)
        abort();
    return s;
}

static struct triage_row *add_row(struct triage_set *set, sqlite3_stmt *stmt)
{
    if (set->count == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 256;
        set->rows = realloc(set->rows, set->cap * sizeof *set->rows);
        if (!set->rows)
            abort();
    }
    struct triage_row *r = &set->rows[set->count++];
    memset(r, 0, sizeof *r);
    r->la_code = dup_column(stmt, 0);
    r->name = dup_column(stmt, 1);
    r->region_code = dup_column(stmt, 2);
    r->region_name = dup_column(stmt, 3);
    r->last_start = column_date(stmt, 4);
    snprintf(r->last_type, sizeof r->last_type, "%s", db_column_text(stmt, 5));
    r->grade = row_grade(stmt);
    row_areas(stmt, r->areas);
    r->open_concerns = sqlite3_column_int(stmt, 11);
    r->open_high = sqlite3_column_int(stmt, 12);
    r->first_high = column_date(stmt, 13);
    r->visits = sqlite3_column_int(stmt, 14);
    r->last_visit = column_date(stmt, 15);
    return r;
}

/* Several full inspections starting the same day: the worse grade sets the
 * cadence (rule 5); a graded one counts as worse than an ungraded one. */
static void merge_tie(struct triage_row *r, sqlite3_stmt *stmt)
{
    int g = row_grade(stmt), areas[TRIAGE_AREAS];
    row_areas(stmt, areas);
    for (int i = 0; i < TRIAGE_AREAS; i++)
        r->areas[i] = grade_worse(r->areas[i], areas[i]);
    if (g > r->grade) {
        r->grade = g;
        snprintf(r->last_type, sizeof r->last_type, "%s", db_column_text(stmt, 5));
    }
}

static void take_row(struct triage_set *set, sqlite3_stmt *stmt)
{
    const char *code = db_column_text(stmt, 0);
    if (set->count && strcmp(set->rows[set->count - 1].la_code, code) == 0)
        merge_tie(&set->rows[set->count - 1], stmt);
    else
        add_row(set, stmt);
}

int triage_load(struct db *db, jdate today, const char *la_code, struct triage_set *out,
                struct error *err)
{
    char t[DATE_ISO_LEN];
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = db_prepare(db, latest_sql);
    if (!stmt)
        return db_error(db, err, "cannot query inspections");
    date_format(today, t);
    sqlite3_bind_text(stmt, 1, t, -1, SQLITE_TRANSIENT);
    if (la_code)
        sqlite3_bind_text(stmt, 2, la_code, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        take_row(out, stmt);
    int kind = rc == SQLITE_DONE ? 0 : db_error(db, err, "cannot query inspections");
    sqlite3_finalize(stmt);
    if (kind)
        triage_free(out);
    return kind;
}

void triage_free(struct triage_set *set)
{
    for (size_t i = 0; i < set->count; i++) {
        free(set->rows[i].la_code);
        free(set->rows[i].name);
        free(set->rows[i].region_code);
        free(set->rows[i].region_name);
    }
    free(set->rows);
    memset(set, 0, sizeof *set);
}

int triage_prepare(struct db *db, jdate today, const char *la_code, struct policy *policy,
                   struct triage_set *out, struct error *err)
{
    int rc = policy_load(db, policy, err);
    if (rc)
        return rc;
    return triage_load(db, today, la_code, out, err);
}
