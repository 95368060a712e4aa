#include "core/authority.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/due.h"
#include "core/grade.h"
#include "core/kind.h"
#include "core/monitoring.h"
#include "core/plan.h"
#include "core/text.h"
#include "core/triage_indicators.h"
#include "core/triage_latest.h"

#define KEY_MAX 256

/* ---- resolving an identifier ---- */

/* Codes first: la_code exactly, ONS code in any case, Ofsted URN. 1 found,
 * 0 not, or -1 when the database could not be read (never "not found"). */
static int resolve_code(struct db *db, const char *ident, char la_code[LA_CODE_MAX],
                        char name[AUTHORITY_NAME_MAX])
{
    sqlite3_stmt *stmt = db_prepare(
        db, "SELECT la_code, name FROM authority WHERE la_code = ?1 OR upper(ons_code) = upper(?1)"
            " OR ofsted_urn = ?1 ORDER BY la_code = ?1 DESC, la_code LIMIT 1");
    int found = -1;
    if (stmt) {
        sqlite3_bind_text(stmt, 1, ident, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            snprintf(la_code, LA_CODE_MAX, "%s", db_column_text(stmt, 0));
            snprintf(name, AUTHORITY_NAME_MAX, "%s", db_column_text(stmt, 1));
            found = 1;
        } else if (rc == SQLITE_DONE) {
            found = 0;
        }
    }
    sqlite3_finalize(stmt);
    return found;
}

/* ---- names as a person types them ---- */

#define LABELS_MAX 8

/* One authority's names (its name and aliases) as keys and as word lists. */
struct name_entry {
    char la_code[LA_CODE_MAX];
    char name[AUTHORITY_NAME_MAX];
    size_t nlabels;
    char keys[LABELS_MAX][KEY_MAX];
    char words[LABELS_MAX][KEY_MAX]; /* lower-case words separated by one space */
};

/* "Telford & Wrekin" -> "telford and wrekin". */
static void name_words(const char *in, char *out, size_t len)
{
    size_t n = 0;
    bool gap = false;
    for (const unsigned char *p = (const unsigned char *)in; *p && n + 5 < len; p++) {
        if (*p == '&' || *p >= 0x80 || isalnum(*p)) {
            if (gap && n)
                out[n++] = ' ';
            gap = false;
            if (*p == '&')
                n += (size_t)snprintf(out + n, len - n, "and");
            else
                out[n++] = (char)tolower(*p);
            if (*p == '&')
                gap = true;
        } else {
            gap = true;
        }
    }
    out[n] = '\0';
}

static void add_label(struct name_entry *e, const char *label)
{
    if (!label || !*label || e->nlabels == LABELS_MAX)
        return;
    text_name_key(label, e->keys[e->nlabels], KEY_MAX);
    name_words(label, e->words[e->nlabels], KEY_MAX);
    e->nlabels++;
}

/* Every authority's names; *failed set when the database could not be read. */
static struct name_entry *load_names(struct db *db, size_t *count, bool *failed)
{
    sqlite3_stmt *stmt = db_prepare(
        db, "SELECT a.la_code, a.name, j.value FROM authority a"
            " LEFT JOIN json_each(CASE WHEN json_valid(a.aliases) THEN a.aliases END) j"
            " ORDER BY a.la_code");
    struct name_entry *all = NULL;
    size_t n = 0, cap = 0;
    int rc = SQLITE_ERROR;
    while (stmt && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *code = db_column_text(stmt, 0);
        if (!n || strcmp(all[n - 1].la_code, code) != 0) {
            if (n == cap) {
                cap = cap ? cap * 2 : 256;
                all = realloc(all, cap * sizeof *all);
                if (!all)
                    abort();
            }
            struct name_entry *e = &all[n++];
            memset(e, 0, sizeof *e);
            snprintf(e->la_code, sizeof e->la_code, "%s", code);
            snprintf(e->name, sizeof e->name, "%s", db_column_text(stmt, 1));
            add_label(e, e->name);
        }
        add_label(&all[n - 1], db_column_text(stmt, 2));
    }
    *failed = rc != SQLITE_DONE;
    sqlite3_finalize(stmt);
    *count = n;
    return all;
}

/* Every word of the query begins some word of the label ("Telford" in
 * "telford and wrekin", "upon tham" in "richmond upon thames"). */
static bool words_match(const char *query, const char *label)
{
    char q[KEY_MAX];
    snprintf(q, sizeof q, "%s", query);
    bool any = false;
    for (char *save = NULL, *w = strtok_r(q, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        size_t len = strlen(w);
        bool found = false;
        for (const char *p = label; *p && !found; p = strchr(p, ' ') ? strchr(p, ' ') + 1 : "")
            found = strncmp(p, w, len) == 0;
        if (!found)
            return false;
        any = true;
    }
    return any;
}

static size_t levenshtein(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

/* How far the query is from the label: the whole key, or its start as long
 * as the query ("Richmnd" against "richmonduponthames"). */
static size_t distance(const char *want, const char *key)
{
    char start[KEY_MAX];
    size_t len = strlen(want);
    snprintf(start, sizeof start, "%.*s", (int)len, key);
    size_t whole = levenshtein(want, key), head = levenshtein(want, start) + 1;
    return whole < head ? whole : head;
}

static void add_candidate(struct authority_matches *m, const struct name_entry *e)
{
    m->total++;
    if (m->count < AUTHORITY_CANDIDATES_MAX) {
        snprintf(m->c[m->count].la_code, LA_CODE_MAX, "%s", e->la_code);
        snprintf(m->c[m->count].name, AUTHORITY_NAME_MAX, "%s", e->name);
        m->count++;
    }
}

/* Pass 1: a name or alias exactly; pass 2: a name or alias that starts with
 * the query, or whose words the query's words begin. */
static void match_pass(struct authority_matches *m, const struct name_entry *all, size_t n,
                       const char *want, const char *words, bool partial)
{
    for (size_t i = 0; i < n; i++) {
        bool hit = false;
        for (size_t l = 0; l < all[i].nlabels && !hit; l++)
            hit = partial ? strncmp(all[i].keys[l], want, strlen(want)) == 0 ||
                                words_match(words, all[i].words[l])
                          : strcmp(all[i].keys[l], want) == 0;
        if (hit)
            add_candidate(m, &all[i]);
    }
}

/* Names within a few typing mistakes, closest first (at most 3). */
static void near_pass(struct authority_matches *m, const struct name_entry *all, size_t n,
                      const char *want)
{
    size_t len = strlen(want);
    size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    for (size_t best = 0; best <= limit && m->count < 3; best++)
        for (size_t i = 0; i < n && m->count < 3; i++) {
            size_t d = 99;
            for (size_t l = 0; l < all[i].nlabels; l++) {
                size_t x = distance(want, all[i].keys[l]);
                d = x < d ? x : d;
            }
            if (d == best)
                add_candidate(m, &all[i]);
        }
}

int authority_match(struct db *db, const char *ident, struct authority_matches *m,
                    struct error *err)
{
    char trimmed[KEY_MAX], want[KEY_MAX], words[KEY_MAX];
    memset(m, 0, sizeof *m);
    text_trim_copy(ident, trimmed, sizeof trimmed);
    int code = *trimmed ? resolve_code(db, trimmed, m->c[0].la_code, m->c[0].name) : 0;
    if (code < 0)
        return db_error(db, err, "cannot read authorities");
    if (code) {
        m->kind = MATCH_ONE;
        m->count = m->total = 1;
        return 0;
    }
    text_name_key(trimmed, want, sizeof want);
    name_words(trimmed, words, sizeof words);
    if (!*want)
        return 0;
    size_t n;
    bool failed;
    struct name_entry *all = load_names(db, &n, &failed);
    if (failed) {
        free(all);
        return db_error(db, err, "cannot read authorities");
    }
    match_pass(m, all, n, want, words, false);
    if (!m->total)
        match_pass(m, all, n, want, words, true);
    if (m->total)
        m->kind = m->total == 1 ? MATCH_ONE : MATCH_MANY;
    else {
        near_pass(m, all, n, want);
        m->kind = m->count ? MATCH_NEAR : MATCH_NONE;
    }
    free(all);
    return 0;
}

static void list_candidates(const struct authority_matches *m, char *err, size_t len)
{
    size_t used = strlen(err);
    if (used >= len)
        return;
    for (size_t i = 0; i < m->count && used < len; i++)
        used += (size_t)snprintf(err + used, len - used, "\n  %-5s %s", m->c[i].la_code,
                                 m->c[i].name);
    if (m->total > m->count && used < len)
        snprintf(err + used, len - used, "\n  ... and %zu more", m->total - m->count);
}

int authority_resolve(struct db *db, const char *ident, char la_code[LA_CODE_MAX],
                      struct error *err)
{
    struct authority_matches m;
    int rc = authority_match(db, ident, &m, err);
    if (rc)
        return rc; /* the database failed: never "no authority matches" */
    if (m.kind == MATCH_ONE) {
        snprintf(la_code, LA_CODE_MAX, "%s", m.c[0].la_code);
        return 0;
    }
    if (!err)
        return ERROR_DATA;
    char *text = err->message;
    size_t len = sizeof err->message;
    if (m.kind == MATCH_MANY) {
        error_set(err, ERROR_DATA, "'%s' matches %zu authorities; give more of the name or "
                  "the la_code:", ident, m.total);
        list_candidates(&m, text, len);
    } else {
        error_set(err, ERROR_DATA,
                  "no authority matches '%s'; try its la_code (e.g. 301), ONS code, Ofsted "
                  "URN, name or alias ('jib due' lists them)",
                  ident);
        if (m.kind == MATCH_NEAR) {
            size_t used = strlen(text);
            snprintf(text + used, len - used, "\ndid you mean:");
            list_candidates(&m, text, len);
        }
    }
    return ERROR_DATA;
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
        "in_care,care_leavers,partnership,theme,lead,link,cadence_grade",
        "ttttttttttttttt",
        "SELECT inspectorate, type, start_date, end_date, published, " GRADE_COLS
        ", theme, lead, link, NULL FROM inspection WHERE la_code = ?1 AND start_date <= ?2"
        " ORDER BY start_date DESC, inspectorate, type",
        la_code, today, failed);
    /* The cadence grade of each full inspection: its overall grade, else (after
     * the April 2026 reform) the worst of its four areas. */
    for (size_t r = 0; r < rs->nrows; r++) {
        if (!inspection_type_is_full(rowset_get(rs, r, 1)))
            continue;
        int areas[4];
        for (int a = 0; a < 4; a++)
            areas[a] = atoi(rowset_get(rs, r, 6 + (size_t)a));
        rowset_set(rs, r, 14, grade_name(triage_cadence_grade(atoi(rowset_get(rs, r, 5)), areas)));
    }
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
    if (plan_list(db, la_code, &out->plans, NULL) != 0 ||
        plan_members(db, la_code, &out->plan_team, NULL) != 0)
        *failed = 1;
}

/* The statistical neighbours in their order, by name, with their latest full
 * inspection (rule 5) and its cadence grade; a code the database does not know
 * (a former council) keeps its code and no name. */
static int load_neighbours(struct db *db, const char *la_code, jdate today, struct rowset **out,
                           struct error *err)
{
    int failed = 0;
    struct rowset *codes = query(db, "la_code", "t",
                                 "SELECT j.value FROM authority a, json_each(CASE WHEN"
                                 " json_valid(a.stat_neighbours) THEN a.stat_neighbours END) j"
                                 " WHERE a.la_code = ?1 ORDER BY j.key",
                                 la_code, today, &failed);
    *out = rowset_new_csv("la_code,authority,last_type,last_start,cadence_grade", "ttttt");
    for (size_t i = 0; !failed && i < codes->nrows; i++) {
        struct triage_set set;
        const char *code = rowset_get(codes, i, 0);
        if (triage_load(db, today, code, &set, err)) {
            failed = 2;
            break;
        }
        size_t r = rowset_add_row(*out);
        rowset_set(*out, r, 0, code);
        if (set.count) {
            const struct triage_row *t = &set.rows[0];
            char start[DATE_ISO_LEN];
            date_format(t->last_start, start);
            rowset_set(*out, r, 1, t->name);
            rowset_set(*out, r, 2, t->last_type);
            rowset_set(*out, r, 3, start);
            rowset_set(*out, r, 4, grade_name(t->grade));
        }
        triage_free(&set);
    }
    rowset_free(codes);
    if (failed == 2)
        return err ? (int)err->kind : ERROR_INTERNAL; /* triage_load said why */
    if (failed) {
        char what[128];
        snprintf(what, sizeof what, "cannot read the neighbours of %s", la_code);
        return db_error(db, err, what);
    }
    return 0;
}

int authority_detail_load(struct db *db, const char *la_code, jdate today,
                          struct authority_detail *out, struct error *err)
{
    int failed = 0;
    memset(out, 0, sizeof *out);
    load_rest(db, la_code, today, out, &failed);
    out->history = load_history(db, la_code, today, &failed);
    out->latest = load_latest(db, la_code, today, &failed);
    if (failed) {
        char what[128];
        snprintf(what, sizeof what, "cannot read authority %s", la_code);
        int kind = db_error(db, err, what);
        authority_detail_free(out);
        return kind;
    }
    int rc = triage_indicators_load(db, la_code, &out->trends, &out->indicators, err);
    if (!rc)
        rc = monitoring_for_authority(db, today, la_code, &out->monitoring, err);
    if (!rc) {
        struct due_filter only = {.la_code = la_code};
        rc = due_list(db, today, &only, &out->due, err);
    }
    if (!rc)
        rc = load_neighbours(db, la_code, today, &out->neighbours, err);
    if (rc)
        authority_detail_free(out);
    return rc;
}

void authority_detail_free(struct authority_detail *d)
{
    struct rowset **all[] = {&d->identity, &d->history,  &d->latest,     &d->indicators,
                             &d->trends,   &d->concerns, &d->monitoring, &d->plans,
                             &d->plan_team, &d->due,      &d->neighbours};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        rowset_free(*all[i]);
        *all[i] = NULL;
    }
}
