#include "core/roster.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/inspectorate.h"

static char *dup_text(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        abort();
    return d;
}

static void add_person(struct roster *r, size_t *cap, sqlite3_stmt *stmt, int insp)
{
    if (r->count == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        r->people = realloc(r->people, *cap * sizeof *r->people);
        if (!r->people)
            abort();
    }
    struct roster_inspector *p = &r->people[r->count++];
    p->id = dup_text(db_column_text(stmt, 0));
    p->name = dup_text(db_column_text(stmt, 1));
    p->region = dup_text(db_column_text(stmt, 3));
    p->home_la = dup_text(db_column_text(stmt, 4));
    p->inspectorate = insp;
}

static int load_people(struct db *db, struct roster *r)
{
    sqlite3_stmt *stmt = db_prepare(db, "SELECT inspector_id, name, inspectorate, region, home_la"
                                        " FROM inspector ORDER BY inspector_id");
    if (!stmt)
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int insp = inspectorate_from_code(db_column_text(stmt, 2));
        if (insp >= 0) /* an unknown code is the importer's to reject */
            add_person(r, &cap, stmt, insp);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

static void bind_period(sqlite3_stmt *stmt, const struct roster *r)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format(r->first, a);
    date_format(r->first + r->days - 1, b);
    sqlite3_bind_text(stmt, 1, a, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, b, -1, SQLITE_TRANSIENT);
}

static int load_absences(struct db *db, struct roster *r)
{
    sqlite3_stmt *stmt = db_prepare(db, "SELECT inspector_id, from_date, to_date, kind FROM absence"
                                        " WHERE from_date <= ?2 AND to_date >= ?1");
    if (!stmt)
        return -1;
    bind_period(stmt, r);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int who = roster_find(r, db_column_text(stmt, 0));
        jdate from, to;
        if (who >= 0 && date_parse_iso(db_column_text(stmt, 1), &from) &&
            date_parse_iso(db_column_text(stmt, 2), &to))
            roster_mark(r, (size_t)who, from, to, strcmp(db_column_text(stmt, 3), "booked") == 0,
                        1);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

int roster_load_holidays(struct db *db, jdate from, jdate to, struct holiday_set *out)
{
    sqlite3_stmt *stmt = db_prepare(db, "SELECT date FROM holiday WHERE date BETWEEN ?1 AND ?2");
    if (!stmt)
        return -1;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format(from, a);
    date_format(to, b);
    sqlite3_bind_text(stmt, 1, a, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, b, -1, SQLITE_TRANSIENT);
    int rc;
    jdate d;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (date_parse_iso(db_column_text(stmt, 0), &d))
            holiday_set_add(out, d);
    holiday_set_sort(out);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

int roster_load(struct db *db, jdate first, int days, struct roster *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    out->first = first;
    out->days = days > 0 ? days : 1;
    int rc = load_people(db, out);
    if (!rc) {
        size_t cells = (out->count ? out->count : 1) * (size_t)out->days;
        out->absent = calloc(cells, sizeof *out->absent);
        out->booked = calloc(cells, sizeof *out->booked);
        if (!out->absent || !out->booked)
            abort();
        rc = load_absences(db, out);
    }
    if (!rc)
        rc = roster_load_holidays(db, out->first, out->first + out->days - 1, &out->holidays);
    if (rc) {
        roster_free(out);
        return db_error(db, err, "cannot read the roster");
    }
    return 0;
}

void roster_free(struct roster *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->people[i].id);
        free(r->people[i].name);
        free(r->people[i].region);
        free(r->people[i].home_la);
    }
    free(r->people);
    free(r->absent);
    free(r->booked);
    holiday_set_free(&r->holidays);
    jdate first = r->first;
    int days = r->days;
    memset(r, 0, sizeof *r);
    r->first = first;
    r->days = days;
}

int roster_find(const struct roster *r, const char *id)
{
    size_t lo = 0, hi = r->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(id, r->people[mid].id);
        if (c == 0)
            return (int)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

bool roster_in_period(const struct roster *r, jdate day)
{
    return day >= r->first && day < r->first + r->days;
}

bool roster_is_working_day(const struct roster *r, jdate day)
{
    return date_is_working_day(day, &r->holidays);
}

static size_t cell(const struct roster *r, size_t who, jdate day)
{
    return who * (size_t)r->days + (size_t)(day - r->first);
}

bool roster_free_on(const struct roster *r, size_t who, jdate day)
{
    return !roster_in_period(r, day) || r->absent[cell(r, who, day)] == 0;
}

bool roster_free_between(const struct roster *r, size_t who, jdate from, jdate to)
{
    for (jdate d = from; d <= to; d++)
        if (!roster_free_on(r, who, d) && roster_is_working_day(r, d))
            return false;
    return true;
}

int roster_booked_days(const struct roster *r, size_t who, jdate from, jdate to)
{
    int n = 0;
    for (jdate d = from < r->first ? r->first : from; d <= to && roster_in_period(r, d); d++)
        if (r->booked[cell(r, who, d)] && roster_is_working_day(r, d))
            n++;
    return n;
}

void roster_mark(struct roster *r, size_t who, jdate from, jdate to, bool booking, int delta)
{
    for (jdate d = from < r->first ? r->first : from; d <= to && roster_in_period(r, d); d++) {
        size_t c = cell(r, who, d);
        r->absent[c] = (uint16_t)(r->absent[c] + delta);
        if (booking)
            r->booked[c] = (uint16_t)(r->booked[c] + delta);
    }
}
