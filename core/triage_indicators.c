#include "core/triage_indicators.h"

#include <ctype.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"

/* "level <> 'la'" lets SQLite use the partial benchmark index. The regional
 * benchmark is the region row carrying the region code of the authority's own
 * rows (rule 15), else of the authority. */
static const char indicator_sql[] =
    "WITH me AS (SELECT la_code, region_code, stat_neighbours FROM authority WHERE la_code = ?1),"
    " nb AS (SELECT DISTINCT j.value AS la_code FROM me, json_each(me.stat_neighbours) j"
    "        WHERE j.value <> ?1)"
    "SELECT i.indicator, i.period, i.value,"
    " (SELECT n.value FROM indicator n WHERE n.level <> 'la' AND n.level = 'national'"
    "   AND n.region_code = '' AND n.indicator = i.indicator AND n.period = i.period),"
    " (SELECT r.value FROM indicator r WHERE r.level <> 'la' AND r.level = 'region'"
    "   AND r.region_code = COALESCE(NULLIF(i.region_code, ''), (SELECT region_code FROM me))"
    "   AND r.indicator = i.indicator AND r.period = i.period),"
    " (SELECT round(AVG(s.value), 2) FROM indicator s WHERE s.level = 'la'"
    "   AND s.la_code IN (SELECT la_code FROM nb) AND s.indicator = i.indicator"
    "   AND s.period = i.period AND s.value IS NOT NULL),"
    " CASE WHEN i.value IS NOT NULL THEN 1 + (SELECT COUNT(*) FROM indicator s"
    "   WHERE s.level = 'la' AND s.la_code IN (SELECT la_code FROM nb)"
    "   AND s.indicator = i.indicator AND s.period = i.period AND s.value > i.value) END,"
    " CASE WHEN i.value IS NOT NULL THEN 1 + (SELECT COUNT(s.value) FROM indicator s"
    "   WHERE s.level = 'la' AND s.la_code IN (SELECT la_code FROM nb)"
    "   AND s.indicator = i.indicator AND s.period = i.period) END"
    " FROM indicator i WHERE i.level = 'la' AND i.la_code = ?1"
    " ORDER BY i.indicator, i.period";

static const char *trend(const struct rowset *all, size_t row)
{
    if (row == 0 || strcmp(rowset_get(all, row - 1, 0), rowset_get(all, row, 0)) != 0)
        return "";
    if (rowset_is_empty(all, row, 2) || rowset_is_empty(all, row - 1, 2))
        return "";
    double now = atof(rowset_get(all, row, 2)), before = atof(rowset_get(all, row - 1, 2));
    return now > before ? "up" : now < before ? "down" : "flat";
}

static bool last_of_indicator(const struct rowset *all, size_t row)
{
    return row + 1 == all->nrows ||
           strcmp(rowset_get(all, row, 0), rowset_get(all, row + 1, 0)) != 0;
}

/* SQLite prints REAL 222 as "222.0"; people expect "222". */
static void tidy_numbers(struct rowset *rs)
{
    for (size_t r = 0; r < rs->nrows; r++)
        for (size_t c = 2; c < 6; c++)
            if (!rowset_is_empty(rs, r, c))
                rowset_set_real(rs, r, c, atof(rowset_get(rs, r, c)));
}

static void split(struct rowset *all, struct rowset *trends, struct rowset *latest)
{
    tidy_numbers(all);
    for (size_t r = 0; r < all->nrows; r++) {
        size_t t = rowset_add_row(trends);
        for (size_t c = 0; c < 6; c++)
            rowset_set(trends, t, c, rowset_get(all, r, c));
        if (!last_of_indicator(all, r))
            continue;
        size_t l = rowset_add_row(latest);
        for (size_t c = 0; c < 8; c++)
            rowset_set(latest, l, c, rowset_get(all, r, c));
        if (!triage_indicator_is_rate(rowset_get(all, r, 0)))
            rowset_set(latest, l, 6, ""); /* a count's rank says only who is bigger */
        rowset_set(latest, l, 8, trend(all, r));
    }
}

bool triage_indicator_is_rate(const char *name)
{
    static const char *const marks[] = {"rate", "per_10", "per 10", "percent", "%", "pct",
                                        "proportion", "ratio", "per cent", "average", "mean"};
    char lower[512];
    size_t n = 0;
    for (; name[n] && n + 1 < sizeof lower; n++)
        lower[n] = (char)tolower((unsigned char)name[n]);
    lower[n] = '\0';
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (strstr(lower, marks[i]))
            return true;
    return false;
}

int triage_indicators_load(struct db *db, const char *la_code, struct rowset **trends,
                           struct rowset **latest, struct error *err)
{
    static const char cols[] = "indicator,period,value,national,regional,neighbours,"
                               "neighbour_rank,neighbour_count,trend";
    struct rowset *all = rowset_new_csv(cols, "ttrrrriit");
    sqlite3_stmt *stmt = db_prepare(db, indicator_sql);
    int rc = SQLITE_ERROR;
    if (stmt) {
        sqlite3_bind_text(stmt, 1, la_code, -1, SQLITE_TRANSIENT);
        rc = rowset_fill(all, stmt);
    }
    if (rc != SQLITE_DONE) {
        int kind = db_error(db, err, "cannot read indicators");
        sqlite3_finalize(stmt);
        rowset_free(all);
        return kind;
    }
    sqlite3_finalize(stmt);
    *trends = rowset_new_csv("indicator,period,value,national,regional,neighbours", "ttrrrr");
    *latest = rowset_new_csv(cols, "ttrrrriit");
    split(all, *trends, *latest);
    rowset_free(all);
    return 0;
}
