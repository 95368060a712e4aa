#include "core/authority.h"

#include "core/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/grade.h"
#include "core/monitoring.h"
#include "core/text.h"
#include "core/triage_indicators.h"
#include "core/triage_latest.h"

#define KEY_MAX 256

/* ---- resolving an identifier ---- */

/* Codes first: la_code exactly, ONS code in any case, Ofsted URN. */
static bool resolve_code(struct db *db, const char *ident, char la_code[LA_CODE_MAX])
{
    sqlite3_stmt *stmt = db_prepare(
        db, "SELECT la_code FROM authority WHERE la_code = ?1 OR upper(ons_code) = upper(?1)"
            " OR ofsted_urn = ?1 ORDER BY la_code = ?1 DESC, la_code LIMIT 1");
    bool found = false;
    if (stmt) {
        sqlite3_bind_text(stmt, 1, ident, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) == SQLITE_ROW) {
            snprintf(la_code, LA_CODE_MAX, "%s", db_column_text(stmt, 0));
            found = true;
        }
    }
    sqlite3_finalize(stmt);
    return found;
}

/* Names and aliases compared by name key. Returns how many different
 * authorities match (the first in la_code). */
static int resolve_name(struct db *db, const char *ident, char la_code[LA_CODE_MAX])
{
    char want[KEY_MAX], key[KEY_MAX];
    text_name_key(ident, want, sizeof want);
    if (!*want)
        return 0;
    sqlite3_stmt *stmt = db_prepare(
        db, "SELECT la_code, name FROM authority UNION ALL SELECT a.la_code, j.value"
            " FROM authority a, json_each(a.aliases) j ORDER BY 1");
    int matches = 0;
    char last[LA_CODE_MAX] = "";
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
        text_name_key(db_column_text(stmt, 1), key, sizeof key);
        const char *code = db_column_text(stmt, 0);
        if (strcmp(key, want) != 0 || strcmp(code, last) == 0)
            continue;
        if (!matches++)
            snprintf(la_code, LA_CODE_MAX, "%s", code);
        snprintf(last, sizeof last, "%s", code);
    }
    sqlite3_finalize(stmt);
    return matches;
}

int authority_resolve(struct db *db, const char *ident, char la_code[LA_CODE_MAX], char *err,
                      size_t err_len)
{
    char trimmed[KEY_MAX];
    text_trim_copy(ident, trimmed, sizeof trimmed);
    if (*trimmed && resolve_code(db, trimmed, la_code))
        return 0;
    int n = resolve_name(db, trimmed, la_code);
    if (n == 1)
        return 0;
    if (n > 1)
        snprintf(err, err_len,
                 "jib: '%s' names %d authorities; use the la_code or ONS code ('jib due' lists "
                 "them)",
                 ident, n);
    else
        snprintf(err, err_len,
                 "jib: no authority matches '%s'; try its la_code (e.g. 301), ONS code, Ofsted "
                 "URN, name or alias ('jib due' lists them)",
                 ident);
    return EX_DATAERR_;
}

/* ---- the detail ---- */

/* Runs sql with ?1 = la_code and ?2 = today into a new rowset. */
static struct rowset *query(struct db *db, const char *cols, const char *types, const char *sql,
                            const char *la_code, jdate today, int *failed)
{
    char t[DATE_ISO_LEN];
    struct rowset *rs = rowset_new_csv(cols, types);
    sqlite3_stmt *stmt = db_prepare(db, sql);
    date_format(today, t);
    if (stmt) {
        sqlite3_bind_text(stmt, 1, la_code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, t, -1, SQLITE_TRANSIENT);
    }
    if (!stmt || rowset_fill(rs, stmt) != SQLITE_DONE)
        *failed = 1;
    sqlite3_finalize(stmt);
    return rs;
}

/* Stored grades (1-4) become canonical names. */
static void name_grades(struct rowset *rs, size_t first_col, size_t ncols)
{
    for (size_t r = 0; r < rs->nrows; r++)
        for (size_t c = first_col; c < first_col + ncols; c++)
            rowset_set(rs, r, c, grade_name(atoi(rowset_get(rs, r, c))));
}

#define GRADE_COLS "overall, leadership, help_protection, in_care, care_leavers, partnership"

static struct rowset *load_history(struct db *db, const char *la_code, jdate today, int *failed)
{
    struct rowset *rs = query(
        db,
        "inspectorate,type,start_date,end_date,published,overall,leadership,help_protection,"
        "in_care,care_leavers,partnership,theme,lead,link",
        "tttttttttttttt",
        "SELECT inspectorate, type, start_date, end_date, published, " GRADE_COLS
        ", theme, lead, link FROM inspection WHERE la_code = ?1 AND start_date <= ?2"
        " ORDER BY start_date DESC, inspectorate, type",
        la_code, today, failed);
    name_grades(rs, 5, 6);
    return rs;
}

/* Each inspectorate's latest inspection that carries any judgement. */
static struct rowset *load_latest(struct db *db, const char *la_code, jdate today, int *failed)
{
    struct rowset *rs = query(
        db,
        "inspectorate,type,start_date,overall,leadership,help_protection,in_care,care_leavers,"
        "partnership,cadence_grade",
        "tttttttttt",
        "SELECT inspectorate, type, start_date, " GRADE_COLS " FROM ("
        " SELECT *, ROW_NUMBER() OVER (PARTITION BY inspectorate ORDER BY start_date DESC,"
        "   type) AS rn FROM inspection WHERE la_code = ?1 AND start_date <= ?2"
        "   AND COALESCE(" GRADE_COLS ") IS NOT NULL)"
        " WHERE rn = 1 ORDER BY start_date DESC, inspectorate",
        la_code, today, failed);
    for (size_t r = 0; r < rs->nrows; r++) {
        int areas[4];
        for (int a = 0; a < 4; a++)
            areas[a] = atoi(rowset_get(rs, r, 4 + (size_t)a));
        /* The partnership's judgement is not the council's: it never sets the cadence. */
        rowset_set(rs, r, 9, grade_name(triage_cadence_grade(atoi(rowset_get(rs, r, 3)), areas)));
    }
    name_grades(rs, 3, 6);
    return rs;
}

static void load_rest(struct db *db, const char *la_code, jdate today,
                      struct authority_detail *out, int *failed)
{
    out->identity = query(
        db,
        "la_code,ons_code,ofsted_urn,name,region_code,region_name,la_type,aliases,"
        "stat_neighbours",
        "tttttttll",
        "SELECT la_code, ons_code, ofsted_urn, name, region_code, region_name, la_type,"
        " (SELECT group_concat(value, ';') FROM json_each(aliases)),"
        " (SELECT group_concat(value, ';') FROM json_each(stat_neighbours))"
        " FROM authority WHERE la_code = ?1",
        la_code, today, failed);
    out->concerns = query(
        db, "raised_by,date,severity,summary,closed,open", "tttttt",
        "SELECT raised_by, date, severity, summary, closed,"
        " CASE WHEN closed IS NULL OR closed = '' OR closed > ?2 THEN 'yes' ELSE 'no' END"
        " FROM concern WHERE la_code = ?1 AND date <= ?2 ORDER BY date DESC, raised_by",
        la_code, today, failed);
    if (plan_list(db, la_code, &out->plans) != 0 || plan_members(db, la_code, &out->plan_team) != 0)
        *failed = 1;
}

int authority_detail_load(struct db *db, const char *la_code, jdate today,
                          struct authority_detail *out, char *err, size_t err_len)
{
    int failed = 0;
    memset(out, 0, sizeof *out);
    load_rest(db, la_code, today, out, &failed);
    out->history = load_history(db, la_code, today, &failed);
    out->latest = load_latest(db, la_code, today, &failed);
    if (failed) {
        snprintf(err, err_len, "jib: cannot read authority %s: %s", la_code,
                 sqlite3_errmsg(db->handle));
        authority_detail_free(out);
        return EX_SOFTWARE_;
    }
    int rc = triage_indicators_load(db, la_code, &out->trends, &out->indicators, err, err_len);
    if (!rc)
        rc = monitoring_for_authority(db, today, la_code, &out->monitoring, err, err_len);
    if (rc)
        authority_detail_free(out);
    return rc;
}

void authority_detail_free(struct authority_detail *d)
{
    struct rowset **all[] = {&d->identity, &d->history,  &d->latest,     &d->indicators,
                             &d->trends,   &d->concerns, &d->monitoring, &d->plans,
                             &d->plan_team};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        rowset_free(*all[i]);
        *all[i] = NULL;
    }
}
