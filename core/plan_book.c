/* Booking, cancelling, conflicts and substitutes: the plan rows of a joint
 * window, written in one transaction each so that two coordinators can never
 * book one inspector twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/inspectorate.h"
#include "core/plan.h"

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

static void bind_date(sqlite3_stmt *stmt, int i, jdate d)
{
    char text[DATE_ISO_LEN];
    date_format(d, text);
    sqlite3_bind_text(stmt, i, text, -1, SQLITE_TRANSIENT);
}

static void bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(stmt, i);
}

/* Runs a statement that returns no rows. SQLITE_DONE on success. */
static int run(sqlite3_stmt *stmt)
{
    int rc = stmt ? sqlite3_step(stmt) : SQLITE_ERROR;
    sqlite3_finalize(stmt);
    return rc;
}

/* SQLite's message after what; SQLite's kind when it is busy or I/O, else kind. */
static int fail(struct db *db, int kind, struct error *err, const char *what)
{
    int found = db_error(db, err, what);
    if (found != ERROR_BUSY && found != ERROR_IO && err)
        err->kind = (enum error_kind)kind;
    db_rollback(db);
    return found == ERROR_BUSY || found == ERROR_IO ? found : kind;
}

/* True when [from, to] has a working day (holidays of the range loaded). */
static bool has_working_day(const struct holiday_set *h, jdate from, jdate to)
{
    for (jdate d = from; d <= to; d++)
        if (date_is_working_day(d, h))
            return true;
    return false;
}

/* ---- conflicts ---- */

/* One member of a plan, with what (if anything) makes their days untrue. */
struct member_state {
    char id[128], name[256], inspectorate[32];
    jdate start, end;
    char conflict[512];
};

static void append(char *buf, size_t len, const char *sep, const char *text)
{
    size_t n = strlen(buf);
    if (n < len)
        snprintf(buf + n, len - n, "%s%s", n ? sep : "", text);
}

/* Why a member's row is no longer true, from one row of member_sql. */
static void describe_conflict(const struct holiday_set *h, const char *la_code,
                              sqlite3_stmt *stmt, struct member_state *m)
{
    char text[256];
    if (sqlite3_column_int(stmt, 5)) {
        append(m->conflict, sizeof m->conflict, "; ", "no longer on the roster");
        return;
    }
    if (strcmp(db_column_text(stmt, 6), m->inspectorate) != 0 && !strstr(m->conflict, "now with")) {
        snprintf(text, sizeof text, "now with %s", db_column_text(stmt, 6));
        append(m->conflict, sizeof m->conflict, "; ", text);
    }
    if (strcmp(db_column_text(stmt, 7), la_code) == 0 && !strstr(m->conflict, "seconded"))
        append(m->conflict, sizeof m->conflict, "; ", "seconded from this authority");
    jdate from, to;
    if (sqlite3_column_type(stmt, 8) == SQLITE_NULL ||
        !date_parse_iso(db_column_text(stmt, 9), &from) ||
        !date_parse_iso(db_column_text(stmt, 10), &to))
        return;
    jdate a = from > m->start ? from : m->start, b = to < m->end ? to : m->end;
    if (!has_working_day(h, a, b))
        return;
    char da[DATE_ISO_LEN], dbb[DATE_ISO_LEN];
    date_format(a, da);
    date_format(b, dbb);
    snprintf(text, sizeof text, "%s %s..%s", db_column_text(stmt, 8), da, dbb);
    append(m->conflict, sizeof m->conflict, "; ", text);
}

static const char member_sql[] =
    "SELECT m.inspector_id, COALESCE(i.name, ''), m.inspectorate, m.onsite_start, m.onsite_end,"
    " i.inspector_id IS NULL, COALESCE(i.inspectorate, ''), COALESCE(i.home_la, ''),"
    " a.kind, a.from_date, a.to_date"
    " FROM plan_member m JOIN plan p USING (plan_id)"
    " LEFT JOIN inspector i ON i.inspector_id = m.inspector_id"
    " LEFT JOIN absence a ON a.inspector_id = m.inspector_id AND a.from_date <= m.onsite_end"
    "  AND a.to_date >= m.onsite_start AND a.plan_id IS NOT m.plan_id"
    " WHERE m.plan_id = ?1"
    " ORDER BY m.inspectorate, m.onsite_start, m.inspector_id, a.from_date";

/* The members of one plan and their conflicts. Returns how many (<= max) or -1.
 * A cancelled plan's members carry no conflicts. */
static int load_members(struct db *db, long long plan_id, const char *la_code, bool booked,
                        struct member_state *out, int max)
{
    sqlite3_stmt *stmt = db_prepare(db, member_sql);
    if (!stmt)
        return -1;
    sqlite3_bind_int64(stmt, 1, plan_id);
    struct holiday_set h = {0};
    int n = 0, rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *id = db_column_text(stmt, 0);
        if (n == 0 || strcmp(out[n - 1].id, id) != 0) {
            if (n == max)
                break;
            struct member_state *m = &out[n++];
            memset(m, 0, sizeof *m);
            snprintf(m->id, sizeof m->id, "%s", id);
            snprintf(m->name, sizeof m->name, "%s", db_column_text(stmt, 1));
            snprintf(m->inspectorate, sizeof m->inspectorate, "%s", db_column_text(stmt, 2));
            if (!date_parse_iso(db_column_text(stmt, 3), &m->start) ||
                !date_parse_iso(db_column_text(stmt, 4), &m->end))
                m->start = m->end = 0;
            if (booked && roster_load_holidays(db, m->start, m->end, &h) != 0)
                rc = SQLITE_ERROR;
        }
        if (booked)
            describe_conflict(&h, la_code, stmt, &out[n - 1]);
    }
    holiday_set_free(&h);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? n : -1;
}

#define MEMBERS_MAX 256 /* five teams of at most 50 */

/* "I012 A. Name: leave 2026-10-05..2026-10-07; I013 ..." for one plan. */
static int plan_conflicts_text(struct db *db, long long plan_id, const char *la_code, bool booked,
                               char *out, size_t out_len)
{
    struct member_state *m = malloc(MEMBERS_MAX * sizeof *m);
    if (!m)
        abort();
    out[0] = '\0';
    int n = load_members(db, plan_id, la_code, booked, m, MEMBERS_MAX);
    for (int i = 0; i < n; i++) {
        if (!m[i].conflict[0])
            continue;
        char text[1024];
        snprintf(text, sizeof text, "%s %s: %s", m[i].id, m[i].name, m[i].conflict);
        append(out, out_len, "; ", text);
    }
    free(m);
    return n < 0 ? -1 : 0;
}

int plan_list(struct db *db, const char *la_code, struct rowset **out, struct error *err)
{
    sqlite3_stmt *stmt = db_prepare(
        db, "SELECT p.plan_id, p.la_code, a.name, p.window_start, p.window_end, p.type, p.theme,"
            " p.status, p.booked_by, p.booked_at FROM plan p JOIN authority a USING (la_code)"
            " WHERE ?1 IS NULL OR p.la_code = ?1"
            " ORDER BY p.window_start DESC, p.plan_id DESC");
    if (!stmt)
        return db_error(db, err, "cannot read plans");
    bind_text(stmt, 1, la_code);
    struct rowset *rs = rowset_new_csv("plan_id,la_code,authority,window_start,window_end,type,"
                                       "theme,status,booked_by,booked_at,conflicts",
                                       "itttttttttt");
    int rc = rowset_fill(rs, stmt);
    sqlite3_finalize(stmt);
    for (size_t r = 0; rc == SQLITE_DONE && r < rs->nrows; r++) {
        char text[4096];
        bool booked = strcmp(rowset_get(rs, r, 7), "booked") == 0;
        if (plan_conflicts_text(db, atoll(rowset_get(rs, r, 0)), rowset_get(rs, r, 1), booked,
                                text, sizeof text) != 0)
            rc = SQLITE_ERROR;
        rowset_set(rs, r, 10, text);
    }
    if (rc != SQLITE_DONE) {
        rowset_free(rs);
        return db_error(db, err, "cannot read plans");
    }
    *out = rs;
    return 0;
}

int plan_members(struct db *db, const char *la_code, struct rowset **out, struct error *err)
{
    struct rowset *plans;
    int rc = plan_list(db, la_code, &plans, err);
    if (rc)
        return rc;
    struct rowset *rs = rowset_new_csv(
        "plan_id,inspectorate,inspector_id,inspector,onsite_start,onsite_end,conflict", "itttttt");
    struct member_state *m = malloc(MEMBERS_MAX * sizeof *m);
    if (!m)
        abort();
    for (size_t p = 0; p < plans->nrows && rc == 0; p++) {
        long long id = atoll(rowset_get(plans, p, 0));
        bool booked = strcmp(rowset_get(plans, p, 7), "booked") == 0;
        int n = load_members(db, id, rowset_get(plans, p, 1), booked, m, MEMBERS_MAX);
        if (n < 0)
            rc = -1;
        for (int i = 0; i < n; i++) {
            size_t row = rowset_add_row(rs);
            char d[2][DATE_ISO_LEN];
            date_format(m[i].start, d[0]);
            date_format(m[i].end, d[1]);
            rowset_set_int(rs, row, 0, id);
            rowset_set(rs, row, 1, m[i].inspectorate);
            rowset_set(rs, row, 2, m[i].id);
            rowset_set(rs, row, 3, m[i].name);
            rowset_set(rs, row, 4, d[0]);
            rowset_set(rs, row, 5, d[1]);
            rowset_set(rs, row, 6, m[i].conflict);
        }
    }
    free(m);
    rowset_free(plans);
    if (rc) {
        rowset_free(rs);
        return db_error(db, err, "cannot read the plans' teams");
    }
    *out = rs;
    return 0;
}

int plan_conflict_count(struct db *db, int *count, struct error *err)
{
    struct rowset *rs;
    *count = 0;
    int rc = plan_list(db, NULL, &rs, err);
    if (rc)
        return rc;
    for (size_t r = 0; r < rs->nrows; r++)
        if (!rowset_is_empty(rs, r, 10))
            (*count)++;
    rowset_free(rs);
    return 0;
}

/* ---- booking ---- */

/* Inside the transaction: is this inspector still on the roster, of this
 * inspectorate, not seconded from la_code, and free on every working day of
 * [from, to]? 1 yes, 0 no, -1 database error. */
static int still_free(struct db *db, const char *id, const char *insp, const char *la_code,
                      jdate from, jdate to)
{
    sqlite3_stmt *stmt = db_prepare(
        db, "SELECT (SELECT inspectorate = ?2 AND COALESCE(home_la, '') <> ?3 FROM inspector"
            " WHERE inspector_id = ?1),"
            " (SELECT group_concat(from_date || ' ' || to_date, ';') FROM absence"
            "  WHERE inspector_id = ?1 AND from_date <= ?5 AND to_date >= ?4)");
    if (!stmt)
        return -1;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, insp, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 3, la_code, -1, SQLITE_TRANSIENT);
    bind_date(stmt, 4, from);
    bind_date(stmt, 5, to);
    int result = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        result = sqlite3_column_int(stmt, 0) == 1;
        struct holiday_set h = {0};
        const char *spans = db_column_text(stmt, 1);
        if (result && *spans && roster_load_holidays(db, from, to, &h) != 0)
            result = -1;
        for (const char *s = spans; result == 1 && *s;) {
            char a[DATE_ISO_LEN] = "", b[DATE_ISO_LEN] = "";
            jdate x, y;
            if (sscanf(s, "%10s %10s", a, b) == 2 && date_parse_iso(a, &x) &&
                date_parse_iso(b, &y) && has_working_day(&h, x > from ? x : from, y < to ? y : to))
                result = 0;
            const char *next = strchr(s, ';');
            s = next ? next + 1 : s + strlen(s);
        }
        holiday_set_free(&h);
    }
    sqlite3_finalize(stmt);
    return result;
}

static int insert_plan(struct db *db, const struct plan_proposal *prop, size_t rank,
                       const struct plan_booking *b, long long *plan_id)
{
    sqlite3_stmt *stmt = db_prepare(
        db, "INSERT INTO plan(la_code, window_start, window_end, type, theme, status, booked_by,"
            " booked_at) VALUES (?1, ?2, ?3, ?4, ?5, 'booked', ?6, " NOW_SQL ")");
    if (!stmt)
        return SQLITE_ERROR;
    sqlite3_bind_text(stmt, 1, prop->la_code, -1, SQLITE_TRANSIENT);
    bind_date(stmt, 2, prop->windows[rank].start);
    bind_date(stmt, 3, prop->windows[rank].end);
    sqlite3_bind_text(stmt, 4, b->type && *b->type ? b->type : "jtai", -1, SQLITE_TRANSIENT);
    bind_text(stmt, 5, b->theme);
    bind_text(stmt, 6, b->user);
    int rc = run(stmt);
    *plan_id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

/* A member's plan row and the booked absence that keeps them off other plans. */
static int insert_member(struct db *db, long long plan_id, const char *insp, const char *id,
                         const char *from, const char *to)
{
    sqlite3_stmt *stmt = db_prepare(db, "INSERT INTO plan_member(plan_id, inspectorate,"
                                        " inspector_id, onsite_start, onsite_end)"
                                        " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (stmt) {
        sqlite3_bind_int64(stmt, 1, plan_id);
        sqlite3_bind_text(stmt, 2, insp, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 3, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 4, from, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 5, to, -1, SQLITE_TRANSIENT);
    }
    if (run(stmt) != SQLITE_DONE)
        return -1;
    /* The absence names no authority: absences are exported and shown in the
     * Teams view, plans are confidential. */
    stmt = db_prepare(db, "INSERT INTO absence(inspector_id, from_date, to_date, kind, plan_id)"
                          " VALUES (?1, ?2, ?3, 'booked', ?4)");
    if (stmt) {
        sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, from, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 3, to, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(stmt, 4, plan_id);
    }
    return run(stmt) == SQLITE_DONE ? 0 : -1;
}

/* Re-checks every member of window `rank` inside the transaction. 0, or the
 * exit code with the message. */
static int recheck(struct db *db, const struct plan_proposal *prop, int rank, struct error *err)
{
    const struct rowset *rs = prop->rows;
    for (size_t r = 0; r < rs->nrows; r++) {
        if (atoi(rowset_get(rs, r, 0)) != rank)
            continue;
        jdate from, to;
        if (!date_parse_iso(rowset_get(rs, r, 6), &from) ||
            !date_parse_iso(rowset_get(rs, r, 7), &to))
            return fail(db, ERROR_INTERNAL, err, "a proposal with invalid dates");
        int ok = still_free(db, rowset_get(rs, r, 4), rowset_get(rs, r, 3), prop->la_code, from,
                            to);
        if (ok < 0)
            return fail(db, ERROR_INTERNAL, err, "cannot re-check the team");
        if (!ok) {
            error_set(err, ERROR_BUSY,
                     "%s (%s, %s) is no longer free from %s to %s: another coordinator "
                     "booked or changed the roster a moment ago. Nothing was booked; run it "
                     "again to plan with who is free now.",
                     rowset_get(rs, r, 5), rowset_get(rs, r, 4), rowset_get(rs, r, 3),
                     rowset_get(rs, r, 6), rowset_get(rs, r, 7));
            db_rollback(db);
            return ERROR_BUSY;
        }
    }
    return 0;
}

int plan_book(struct db *db, const struct plan_proposal *prop, size_t rank,
              const struct plan_booking *booking, long long *plan_id, struct error *err)
{
    if (rank >= prop->nwindows) {
        return error_set(err, ERROR_USAGE, "there is no window %zu to book", rank + 1);
    }
    int rc = db_begin(db, err);
    if (rc)
        return rc;
    if ((rc = recheck(db, prop, (int)rank + 1, err)))
        return rc;
    if (insert_plan(db, prop, rank, booking, plan_id) != SQLITE_DONE)
        return fail(db, ERROR_IO, err, "cannot record the plan");
    const struct rowset *rs = prop->rows;
    for (size_t r = 0; r < rs->nrows; r++)
        if (atoi(rowset_get(rs, r, 0)) == (int)rank + 1 &&
            insert_member(db, *plan_id, rowset_get(rs, r, 3), rowset_get(rs, r, 4),
                          rowset_get(rs, r, 6), rowset_get(rs, r, 7)) != 0)
            return fail(db, ERROR_IO, err, "cannot record the team");
    return db_commit(db, err);
}

/* ---- cancelling ---- */

/* The plan's status (and authority, window) inside a transaction. 0, or the
 * exit code with the message (the transaction rolled back). */
static int load_plan(struct db *db, long long plan_id, char *la_code, size_t la_len,
                     jdate *window_start, struct error *err)
{
    sqlite3_stmt *stmt =
        db_prepare(db, "SELECT status, la_code, window_start FROM plan WHERE plan_id = ?1");
    if (!stmt)
        return fail(db, ERROR_INTERNAL, err, "cannot read plans");
    sqlite3_bind_int64(stmt, 1, plan_id);
    int rc = sqlite3_step(stmt), code = 0;
    if (rc == SQLITE_ROW && strcmp(db_column_text(stmt, 0), "booked") != 0) {
        error_set(err, ERROR_DATA, "plan %lld is already cancelled", plan_id);
        code = ERROR_DATA;
    } else if (rc == SQLITE_ROW) {
        snprintf(la_code, la_len, "%s", db_column_text(stmt, 1));
        if (!date_parse_iso(db_column_text(stmt, 2), window_start))
            *window_start = 0;
    } else if (rc == SQLITE_DONE) {
        error_set(err, ERROR_DATA, "no plan %lld (see 'jib plans')", plan_id);
        code = ERROR_DATA;
    } else {
        code = db_error(db, err, "cannot read plans");
    }
    sqlite3_finalize(stmt);
    if (code)
        db_rollback(db);
    return code;
}

int plan_cancel(struct db *db, long long plan_id, const char *user, struct error *err)
{
    char la_code[64];
    jdate start;
    int rc = db_begin(db, err);
    if (rc || (rc = load_plan(db, plan_id, la_code, sizeof la_code, &start, err)))
        return rc;
    sqlite3_stmt *stmt = db_prepare(db, "UPDATE plan SET status = 'cancelled', cancelled_by = ?2,"
                                        " cancelled_at = " NOW_SQL " WHERE plan_id = ?1");
    if (stmt) {
        sqlite3_bind_int64(stmt, 1, plan_id);
        bind_text(stmt, 2, user);
    }
    if (run(stmt) != SQLITE_DONE)
        return fail(db, ERROR_IO, err, "cannot cancel the plan");
    stmt = db_prepare(db, "DELETE FROM absence WHERE plan_id = ?1 AND kind = 'booked'");
    if (stmt)
        sqlite3_bind_int64(stmt, 1, plan_id);
    if (run(stmt) != SQLITE_DONE)
        return fail(db, ERROR_IO, err, "cannot release the bookings");
    return db_commit(db, err);
}

/* ---- substitutes ---- */

static int swap_member(struct db *db, long long plan_id, const struct member_state *old,
                       const char *new_id)
{
    sqlite3_stmt *stmt = db_prepare(db, "DELETE FROM absence WHERE plan_id = ?1 AND"
                                        " inspector_id = ?2 AND kind = 'booked'");
    if (stmt) {
        sqlite3_bind_int64(stmt, 1, plan_id);
        sqlite3_bind_text(stmt, 2, old->id, -1, SQLITE_TRANSIENT);
    }
    if (run(stmt) != SQLITE_DONE)
        return -1;
    stmt = db_prepare(db, "DELETE FROM plan_member WHERE plan_id = ?1 AND inspector_id = ?2");
    if (stmt) {
        sqlite3_bind_int64(stmt, 1, plan_id);
        sqlite3_bind_text(stmt, 2, old->id, -1, SQLITE_TRANSIENT);
    }
    if (run(stmt) != SQLITE_DONE)
        return -1;
    char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
    date_format(old->start, from);
    date_format(old->end, to);
    return insert_member(db, plan_id, old->inspectorate, new_id, from, to);
}

static int authority_region(struct db *db, const char *la_code, char *out, size_t len)
{
    sqlite3_stmt *stmt = db_prepare(db, "SELECT region_code FROM authority WHERE la_code = ?1");
    if (!stmt)
        return -1;
    sqlite3_bind_text(stmt, 1, la_code, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(stmt);
    snprintf(out, len, "%s", rc == SQLITE_ROW ? db_column_text(stmt, 0) : "");
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Picks a substitute for each conflicted member; -1 when one has none (the
 * message names it). */
static int choose_substitutes(struct planner *p, const struct plan_target *t, jdate window_start,
                              struct member_state *m, int n, int *sub, struct error *err)
{
    size_t exclude[MEMBERS_MAX];
    size_t nexclude = 0;
    for (int i = 0; i < n; i++) {
        int who = roster_find(&p->roster, m[i].id);
        if (who >= 0)
            exclude[nexclude++] = (size_t)who;
    }
    for (int i = 0; i < n; i++) {
        sub[i] = -1;
        if (!m[i].conflict[0])
            continue;
        size_t who;
        int insp = inspectorate_from_code(m[i].inspectorate);
        if (insp < 0 || planner_free_for(p, t, insp, window_start, m[i].start, m[i].end, exclude,
                                         nexclude, &who, 1) == 0) {
            char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
            date_format(m[i].start, a);
            date_format(m[i].end, b);
            error_set(err, ERROR_UNAVAILABLE,
                      "no %s inspector is free from %s to %s to replace %s (%s); "
                      "nothing was changed", m[i].inspectorate, a, b, m[i].name, m[i].id);
            return -1;
        }
        sub[i] = (int)who;
        exclude[nexclude++] = who;
    }
    return 0;
}

static int replace_in_transaction(struct db *db, long long plan_id, struct member_state *m,
                                  int *replaced, char *summary, size_t summary_len,
                                  struct error *err)
{
    char la_code[64], region[64];
    jdate start;
    int rc = load_plan(db, plan_id, la_code, sizeof la_code, &start, err);
    if (rc)
        return rc;
    int n = load_members(db, plan_id, la_code, true, m, MEMBERS_MAX);
    if (n < 0 || authority_region(db, la_code, region, sizeof region) != 0)
        return fail(db, ERROR_INTERNAL, err, "cannot read the plan");
    struct planner planner;
    if ((rc = planner_open(db, start, 1, &planner, err)) != 0) {
        planner_close(&planner);
        db_rollback(db);
        return rc;
    }
    struct plan_target target = {la_code, region};
    int sub[MEMBERS_MAX];
    if (choose_substitutes(&planner, &target, start, m, n, sub, err) != 0) {
        planner_close(&planner);
        db_rollback(db);
        return ERROR_UNAVAILABLE;
    }
    summary[0] = '\0';
    *replaced = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (sub[i] < 0)
            continue;
        const struct roster_inspector *s = &planner.roster.people[sub[i]];
        if (swap_member(db, plan_id, &m[i], s->id) != 0) {
            rc = fail(db, ERROR_IO, err, "cannot rebook the team");
            break;
        }
        char text[1024];
        snprintf(text, sizeof text, "%s (%s) replaced by %s (%s)", m[i].name, m[i].id, s->name,
                 s->id);
        append(summary, summary_len, "; ", text);
        (*replaced)++;
    }
    planner_close(&planner);
    return rc ? rc : db_commit(db, err);
}

int plan_replace(struct db *db, long long plan_id, int *replaced, char *summary,
                 size_t summary_len, struct error *err)
{
    *replaced = 0;
    int rc = db_begin(db, err);
    if (rc)
        return rc;
    struct member_state *m = malloc(MEMBERS_MAX * sizeof *m);
    if (!m)
        abort();
    rc = replace_in_transaction(db, plan_id, m, replaced, summary, summary_len, err);
    free(m);
    return rc;
}
