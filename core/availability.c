#include "core/availability.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/inspectorate.h"
#include "core/policy.h"

/* Everything the count needs, loaded once: inspectors, and for each of them a
 * busy flag per day of the period (any kind of absence makes a day busy). */
struct roster {
    size_t count, cap;
    char **ids;       /* sorted, as SQLite's BINARY collation sorts */
    int *inspectorate;
    jdate first;      /* first day of the period */
    int days;
    bool *busy;       /* count x days */
    struct holiday_set holidays;
};

static void bind_range(sqlite3_stmt *stmt, jdate first, jdate last)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format(first, a);
    date_format(last, b);
    sqlite3_bind_text(stmt, 1, a, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, b, -1, SQLITE_TRANSIENT);
}

static void add_inspector(struct roster *r, const char *id, int insp)
{
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->ids = realloc(r->ids, r->cap * sizeof *r->ids);
        r->inspectorate = realloc(r->inspectorate, r->cap * sizeof *r->inspectorate);
        if (!r->ids || !r->inspectorate)
            abort();
    }
    r->ids[r->count] = strdup(id);
    if (!r->ids[r->count])
        abort();
    r->inspectorate[r->count++] = insp;
}

static int load_inspectors(struct db *db, struct roster *r)
{
    sqlite3_stmt *stmt =
        db_prepare(db, "SELECT inspector_id, inspectorate FROM inspector ORDER BY inspector_id");
    if (!stmt)
        return -1;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int insp = inspectorate_from_code(db_column_text(stmt, 1));
        if (insp >= 0) /* an unknown code is the importer's to reject */
            add_inspector(r, db_column_text(stmt, 0), insp);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int compare_id(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(char *const *)elem);
}

static void mark_busy(struct roster *r, size_t who, jdate from, jdate to)
{
    jdate last = r->first + r->days - 1;
    for (jdate d = from < r->first ? r->first : from; d <= to && d <= last; d++)
        r->busy[who * (size_t)r->days + (size_t)(d - r->first)] = true;
}

static int load_absences(struct db *db, struct roster *r)
{
    sqlite3_stmt *stmt = db_prepare(db, "SELECT inspector_id, from_date, to_date FROM absence "
                                        "WHERE from_date <= ?2 AND to_date >= ?1");
    if (!stmt)
        return -1;
    bind_range(stmt, r->first, r->first + r->days - 1);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char **hit = bsearch(db_column_text(stmt, 0), r->ids, r->count, sizeof *r->ids, compare_id);
        jdate from, to;
        if (hit && date_parse_iso(db_column_text(stmt, 1), &from) &&
            date_parse_iso(db_column_text(stmt, 2), &to))
            mark_busy(r, (size_t)(hit - r->ids), from, to);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int load_holidays(struct db *db, struct roster *r)
{
    sqlite3_stmt *stmt = db_prepare(db, "SELECT date FROM holiday WHERE date BETWEEN ?1 AND ?2");
    if (!stmt)
        return -1;
    bind_range(stmt, r->first, r->first + r->days - 1);
    int rc;
    jdate d;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (date_parse_iso(db_column_text(stmt, 0), &d))
            holiday_set_add(&r->holidays, d);
    holiday_set_sort(&r->holidays);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

static void roster_free(struct roster *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->ids[i]);
    free(r->ids);
    free(r->inspectorate);
    free(r->busy);
    holiday_set_free(&r->holidays);
}

static int roster_load(struct db *db, jdate first, int days, struct roster *r)
{
    memset(r, 0, sizeof *r);
    r->first = first;
    r->days = days;
    if (load_inspectors(db, r) != 0)
        return -1;
    r->busy = calloc(r->count ? r->count * (size_t)days : 1, sizeof *r->busy);
    if (!r->busy)
        abort();
    if (load_absences(db, r) != 0 || load_holidays(db, r) != 0)
        return -1;
    return 0;
}

/* Free all week: not busy on any working day of the week starting at day offset. */
static bool free_all_week(const struct roster *r, size_t who, int offset)
{
    for (int d = offset; d < offset + 7; d++)
        if (date_is_working_day(r->first + d, &r->holidays) &&
            r->busy[who * (size_t)r->days + (size_t)d])
            return false;
    return true;
}

static void add_week(struct rowset *rs, const struct roster *r, const struct policy *p, int week)
{
    int free_count[INSP_COUNT] = {0}, total[INSP_COUNT] = {0};
    for (size_t i = 0; i < r->count; i++) {
        total[r->inspectorate[i]]++;
        if (free_all_week(r, i, week * 7))
            free_count[r->inspectorate[i]]++;
    }
    char start[DATE_ISO_LEN];
    date_format(r->first + week * 7, start);
    for (int k = 0; k < INSP_COUNT; k++) {
        size_t row = rowset_add_row(rs);
        rowset_set(rs, row, 0, start);
        rowset_set(rs, row, 1, inspectorate_code((enum inspectorate)k));
        rowset_set_int(rs, row, 2, free_count[k]);
        rowset_set_int(rs, row, 3, total[k]);
        rowset_set_int(rs, row, 4, p->team[k]);
    }
}

int availability_list(struct db *db, jdate from, int weeks, struct rowset **out, char *err,
                      size_t err_len)
{
    struct policy policy;
    struct roster roster = {0};
    if (weeks < 1 || weeks > AVAILABILITY_WEEKS_MAX) {
        snprintf(err, err_len, "jib: --weeks must be from 1 to %d", AVAILABILITY_WEEKS_MAX);
        return EX_USAGE_;
    }
    int rc = policy_load(db, &policy);
    if (!rc)
        rc = roster_load(db, date_monday_of_week(from), weeks * 7, &roster);
    if (rc) {
        snprintf(err, err_len, "jib: cannot read the roster: %s", sqlite3_errmsg(db->handle));
        roster_free(&roster);
        return EX_SOFTWARE_;
    }
    struct rowset *rs = rowset_new_csv("week_start,inspectorate,free,total,required", "ttiii");
    for (int w = 0; w < weeks; w++)
        add_week(rs, &roster, &policy, w);
    roster_free(&roster);
    *out = rs;
    return 0;
}
