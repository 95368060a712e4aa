#include "core/sample.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/grade.h"
#include "core/inspectorate.h"
#include "core/plan.h"
#include "core/policy.h"
#include "core/triage_indicators.h"
#include "core/triage_latest.h"

/* ---- the risk score (0-100; the README explains it) ---- */

#define POINTS_IN_CARE_NONE 20 /* children in care never judged */
#define POINTS_PER_YEAR 4      /* per completed year since they were last judged */
#define POINTS_YEARS_MAX 24
#define POINTS_WORSE 8 /* per rate indicator over 10% above the neighbours' mean */
#define POINTS_WORSE_MAX 24
#define POINTS_WORSENING 4 /* per rate indicator up over 5% on its previous period */
#define POINTS_WORSENING_MAX 12
#define WEIGHT_FLOOR 5 /* every eligible authority keeps some chance */

static const int points_in_care[] = {POINTS_IN_CARE_NONE, 0, 10, 25, 40}; /* by grade */

struct candidate {
    const struct triage_row *t;
    int in_care;        /* grade of the latest judgement of children in care */
    jdate in_care_date; /* DATE_NONE: never judged */
    int worse, worsening;
    char worse_text[400], worsening_text[400];
    bool monitored, planned, chosen;
    int score;
    char reasons[1024];
    double key; /* the weighted draw's key: the largest win */
    jdate week, onsite_start, onsite_end;
};

struct sampler {
    struct db *db;
    jdate today, from, to; /* the weeks searched: from (a Monday) to to */
    int year, count;
    uint64_t seed;
    struct policy policy;
    struct triage_set set;
    struct candidate *c; /* one per triage row, same order (la_code) */
};

static struct candidate *find(struct sampler *s, const char *la_code)
{
    size_t lo = 0, hi = s->set.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = strcmp(s->set.rows[mid].la_code, la_code);
        if (cmp == 0)
            return &s->c[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static void bind_date(sqlite3_stmt *stmt, int i, jdate d)
{
    char buf[DATE_ISO_LEN];
    date_format(d, buf);
    sqlite3_bind_text(stmt, i, buf, -1, SQLITE_TRANSIENT);
}

/* Each authority's latest judgement of children in care, any inspectorate
 * (a tie on the day: the worse). */
static int load_in_care(struct sampler *s)
{
    sqlite3_stmt *stmt = db_prepare(s->db, "SELECT la_code, start_date, MAX(in_care) FROM inspection"
                                           " WHERE in_care IS NOT NULL AND start_date <= ?1"
                                           " GROUP BY la_code, start_date ORDER BY la_code, start_date");
    if (!stmt)
        return -1;
    bind_date(stmt, 1, s->today);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct candidate *c = find(s, db_column_text(stmt, 0));
        jdate d;
        if (c && date_parse_iso(db_column_text(stmt, 1), &d)) { /* the last row wins */
            c->in_care_date = d;
            c->in_care = sqlite3_column_int(stmt, 2);
        }
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Indicators at their latest period, with the previous period's value and the
 * statistical neighbours' mean (rule 15). Only rates count (load_indicators):
 * counts and populations do not compare across authorities. */
static const char indicator_sql[] =
    "WITH la AS (SELECT la_code, indicator, period, value FROM indicator"
    "  WHERE level = 'la' AND value IS NOT NULL),"
    " latest AS (SELECT la_code, indicator, MAX(period) AS period FROM la"
    "  GROUP BY la_code, indicator)"
    "SELECT l.la_code, l.indicator, x.value,"
    " (SELECT p.value FROM la p WHERE p.la_code = l.la_code AND p.indicator = l.indicator"
    "   AND p.period < l.period ORDER BY p.period DESC LIMIT 1),"
    " (SELECT AVG(n.value) FROM authority a, json_each(a.stat_neighbours) j, indicator n"
    "   WHERE a.la_code = l.la_code AND n.level = 'la' AND n.la_code = j.value"
    "   AND n.indicator = l.indicator AND n.period = l.period AND n.value IS NOT NULL)"
    " FROM latest l JOIN la x ON x.la_code = l.la_code AND x.indicator = l.indicator"
    "  AND x.period = l.period ORDER BY l.la_code, l.indicator";

static void note(char *buf, size_t len, const char *indicator, double a, double b, const char *how)
{
    size_t n = strlen(buf);
    if (n < len)
        snprintf(buf + n, len - n, "%s%s %.4g %s %.4g", n ? "; " : "", indicator, a, how, b);
}

static int load_indicators(struct sampler *s)
{
    sqlite3_stmt *stmt = db_prepare(s->db, indicator_sql);
    if (!stmt)
        return -1;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct candidate *c = find(s, db_column_text(stmt, 0));
        if (!c)
            continue;
        const char *name = db_column_text(stmt, 1);
        if (!triage_indicator_is_rate(name))
            continue;
        double v = sqlite3_column_double(stmt, 2);
        if (sqlite3_column_type(stmt, 4) != SQLITE_NULL) {
            double mean = sqlite3_column_double(stmt, 4);
            if (mean > 0 && v > mean * 1.10 && ++c->worse)
                note(c->worse_text, sizeof c->worse_text, name, v, mean, "vs");
        }
        if (sqlite3_column_type(stmt, 3) != SQLITE_NULL) {
            double prev = sqlite3_column_double(stmt, 3);
            if (prev > 0 && v > prev * 1.05 && ++c->worsening)
                note(c->worsening_text, sizeof c->worsening_text, name, prev, v, "to");
        }
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Booked plans whose window meets the sample's year exclude their authority. */
static int load_plans(struct sampler *s)
{
    sqlite3_stmt *stmt = db_prepare(s->db, "SELECT DISTINCT la_code FROM plan WHERE status = 'booked'"
                                           " AND window_start <= ?2 AND window_end >= ?1");
    if (!stmt)
        return -1;
    bind_date(stmt, 1, date_from_ymd(s->year, 1, 1));
    bind_date(stmt, 2, date_from_ymd(s->year, 12, 31));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct candidate *c = find(s, db_column_text(stmt, 0));
        if (c)
            c->planned = true;
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int cap(int points, int max) { return points < max ? points : max; }

static void append(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t len, const char *fmt, ...)
{
    size_t n = strlen(buf);
    if (n + 3 >= len)
        return;
    if (n)
        n += (size_t)snprintf(buf + n, len - n, "; ");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, len - n, fmt, ap);
    va_end(ap);
}

static void score(struct sampler *s, struct candidate *c)
{
    char when[DATE_ISO_LEN];
    int p = points_in_care[c->in_care >= 1 && c->in_care <= 4 ? c->in_care : 0];
    c->score = p;
    if (c->in_care_date == DATE_NONE) {
        append(c->reasons, sizeof c->reasons, "children in care never judged (+%d)", p);
        int y = POINTS_YEARS_MAX;
        c->score += y;
        append(c->reasons, sizeof c->reasons, "no judgement to date them (+%d)", y);
    } else {
        date_format(c->in_care_date, when);
        append(c->reasons, sizeof c->reasons, "children in care %s %s (+%d)",
               grade_label(c->in_care), when, p);
        int years = date_months_between(c->in_care_date, s->today) / 12;
        int y = cap(years * POINTS_PER_YEAR, POINTS_YEARS_MAX);
        c->score += y;
        if (years == 0)
            append(c->reasons, sizeof c->reasons, "last judged less than a year ago (+0)");
        else
            append(c->reasons, sizeof c->reasons, "last judged %d year%s ago (+%d)", years,
                   years == 1 ? "" : "s", y);
    }
    if (c->worse) {
        int w = cap(c->worse * POINTS_WORSE, POINTS_WORSE_MAX);
        c->score += w;
        append(c->reasons, sizeof c->reasons, "worse than statistical neighbours (+%d): %s", w,
               c->worse_text);
    }
    if (c->worsening) {
        int w = cap(c->worsening * POINTS_WORSENING, POINTS_WORSENING_MAX);
        c->score += w;
        append(c->reasons, sizeof c->reasons, "worsening (+%d): %s", w, c->worsening_text);
    }
}

/* ---- the seeded draw ---- */

static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* A uniform number in (0, 1) that depends only on the seed and the authority,
 * so one authority's data changing leaves the others' draws alone. */
static double uniform(uint64_t seed, const char *la_code)
{
    uint64_t h = mix(seed);
    for (const unsigned char *p = (const unsigned char *)la_code; *p; p++)
        h = mix(h ^ *p);
    return ((double)(h >> 11) + 0.5) / 9007199254740992.0; /* 2^53 */
}

struct region {
    const char *code, *name;
    int authorities, eligible, quota, sampled;
    double share, remainder;
};

static int region_index(struct region *r, int *n, const struct triage_row *t)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(r[i].code, t->region_code) == 0)
            return i;
    r[*n] = (struct region){.code = t->region_code, .name = t->region_name};
    return (*n)++;
}

static int by_code(const void *a, const void *b)
{
    return strcmp(((const struct region *)a)->code, ((const struct region *)b)->code);
}

/* Largest remainders, ties by region code, give each region its share of the
 * sample in whole authorities. */
static void set_quotas(struct region *r, int n, int count, int eligible)
{
    int given = 0;
    for (int i = 0; i < n; i++) {
        r[i].share = eligible ? (double)count * r[i].eligible / eligible : 0;
        r[i].quota = (int)floor(r[i].share);
        r[i].remainder = r[i].share - r[i].quota;
        given += r[i].quota;
    }
    while (given < count) {
        int best = -1;
        for (int i = 0; i < n; i++)
            if (r[i].quota < r[i].eligible && (best < 0 || r[i].remainder > r[best].remainder))
                best = i;
        if (best < 0)
            break;
        r[best].quota++;
        r[best].remainder = -1;
        given++;
    }
}

static int by_key(const void *a, const void *b)
{
    const struct candidate *x = *(struct candidate *const *)a, *y = *(struct candidate *const *)b;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return strcmp(x->t->la_code, y->t->la_code);
}

/* Within each region, its quota by weighted sampling without replacement
 * (Efraimidis-Spirakis: key = ln(u) / weight, the largest keys win), so an
 * authority's chance grows with its score. */
static void draw(struct sampler *s, struct region *r, int nregions)
{
    struct candidate **pool = malloc((s->set.count ? s->set.count : 1) * sizeof *pool);
    if (!pool)
        abort();
    for (int g = 0; g < nregions; g++) {
        size_t n = 0;
        for (size_t i = 0; i < s->set.count; i++) {
            struct candidate *c = &s->c[i];
            if (!c->monitored && !c->planned && strcmp(c->t->region_code, r[g].code) == 0) {
                c->key = log(uniform(s->seed, c->t->la_code)) / (double)(c->score + WEIGHT_FLOOR);
                pool[n++] = c;
            }
        }
        qsort(pool, n, sizeof *pool, by_key);
        for (size_t i = 0; i < n && (int)i < r[g].quota; i++) {
            pool[i]->chosen = true;
            r[g].sampled++;
        }
    }
    free(pool);
}

/* ---- the week Ofsted can field the team ---- */

/* The on-site block of a week: its first working day and the next
 * sample_onsite_days - 1 working days (a bank holiday does not break the run).
 * false when the week has no working day. */
static bool week_block(const struct planner *p, int days, jdate monday, jdate *from, jdate *to)
{
    jdate d = monday;
    while (d <= monday + 4 && !roster_is_working_day(&p->roster, d))
        d++;
    if (d > monday + 4)
        return false;
    *from = d;
    for (int n = 1; n < days; n++)
        while (!roster_is_working_day(&p->roster, ++d))
            ;
    *to = d;
    return true;
}

/* The first week from s->from in which team Ofsted inspectors (not seconded from
 * the authority) are free for the block; they are then marked busy in the
 * planner's roster, so later rows do not take them too. */
static void place(struct sampler *s, struct planner *p, struct candidate *c)
{
    int team = s->policy.sample_team_ofsted, days = s->policy.sample_onsite_days;
    size_t *who = malloc((size_t)team * sizeof *who);
    if (!who)
        abort();
    struct plan_target target = {c->t->la_code, c->t->region_code};
    for (jdate monday = s->from; monday <= s->to; monday += 7) {
        jdate from, to;
        if (!week_block(p, days, monday, &from, &to))
            continue;
        size_t n = planner_free_for(p, &target, INSP_OFSTED, monday, from, to, NULL, 0, who,
                                    (size_t)team);
        if ((int)n < team)
            continue;
        for (size_t i = 0; i < n; i++)
            roster_mark(&p->roster, who[i], from, to, true, 1);
        c->week = monday;
        c->onsite_start = from;
        c->onsite_end = to;
        break;
    }
    free(who);
    if (c->week == DATE_NONE)
        append(c->reasons, sizeof c->reasons,
               "no week left in %d with %d Ofsted inspectors free for %d working days", s->year,
               team, days);
}

static int by_score(const void *a, const void *b)
{
    const struct candidate *x = *(struct candidate *const *)a, *y = *(struct candidate *const *)b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return strcmp(x->t->la_code, y->t->la_code);
}

static void set_date(struct rowset *rs, size_t row, size_t col, jdate d)
{
    char buf[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return;
    date_format(d, buf);
    rowset_set(rs, row, col, buf);
}

/* Ranks the chosen by score, places each in its week (in rank order: the
 * highest risk goes first) and writes the rows. */
static int place_all(struct sampler *s, struct sample_result *out, struct error *err)
{
    struct candidate **chosen = malloc((s->set.count ? s->set.count : 1) * sizeof *chosen);
    if (!chosen)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < s->set.count; i++)
        if (s->c[i].chosen)
            chosen[n++] = &s->c[i];
    qsort(chosen, n, sizeof *chosen, by_score);
    struct planner p;
    int weeks = (int)((s->to - s->from) / 7) + 1;
    int kind = planner_open(s->db, s->from, weeks, &p, err);
    if (kind) {
        free(chosen);
        return kind;
    }
    p.policy = s->policy;
    out->sample = rowset_new_csv("rank,la_code,authority,region,score,reasons,week_start,"
                                 "onsite_start,onsite_end",
                                 "itttitttt");
    for (size_t i = 0; i < n; i++) {
        struct candidate *c = chosen[i];
        place(s, &p, c);
        size_t r = rowset_add_row(out->sample);
        rowset_set_int(out->sample, r, 0, (long long)i + 1);
        rowset_set(out->sample, r, 1, c->t->la_code);
        rowset_set(out->sample, r, 2, c->t->name);
        rowset_set(out->sample, r, 3, *c->t->region_name ? c->t->region_name : c->t->region_code);
        rowset_set_int(out->sample, r, 4, c->score);
        rowset_set(out->sample, r, 5, c->reasons);
        set_date(out->sample, r, 6, c->week);
        set_date(out->sample, r, 7, c->onsite_start);
        set_date(out->sample, r, 8, c->onsite_end);
    }
    planner_close(&p);
    free(chosen);
    return 0;
}

static void region_rows(struct sample_result *out, struct region *r, int n)
{
    out->regions = rowset_new_csv("region_code,region,authorities,eligible,share,sampled", "ttiiri");
    for (int i = 0; i < n; i++) {
        size_t row = rowset_add_row(out->regions);
        rowset_set(out->regions, row, 0, r[i].code);
        rowset_set(out->regions, row, 1, r[i].name);
        rowset_set_int(out->regions, row, 2, r[i].authorities);
        rowset_set_int(out->regions, row, 3, r[i].eligible);
        rowset_set_real(out->regions, row, 4, round(r[i].share * 10) / 10);
        rowset_set_int(out->regions, row, 5, r[i].sampled);
    }
}

static int prepare(struct sampler *s, struct error *err)
{
    int rc = triage_prepare(s->db, s->today, NULL, &s->policy, &s->set, err);
    if (rc)
        return rc;
    s->c = calloc(s->set.count ? s->set.count : 1, sizeof *s->c);
    if (!s->c)
        abort();
    for (size_t i = 0; i < s->set.count; i++) {
        s->c[i].t = &s->set.rows[i];
        s->c[i].in_care_date = s->c[i].week = s->c[i].onsite_start = s->c[i].onsite_end = DATE_NONE;
        char why[160];
        s->c[i].monitored = triage_monitored(&s->policy, &s->set.rows[i], why, sizeof why);
    }
    if (load_in_care(s) || load_indicators(s) || load_plans(s)) {
        return db_error(s->db, err, "cannot read the sample's data");
    }
    return 0;
}

static int check_options(struct sampler *s, const struct sample_options *o, struct error *err)
{
    int y, m, d;
    date_to_ymd(s->today, &y, &m, &d);
    s->year = o->year ? o->year : y;
    s->count = o->count ? o->count : SAMPLE_DEFAULT_COUNT;
    s->seed = o->seed;
    if (s->count < 1 || s->count > SAMPLE_COUNT_MAX) {
        return error_set(err, ERROR_USAGE, "count must be from 1 to %d", SAMPLE_COUNT_MAX);
    }
    jdate first = date_from_ymd(s->year, 1, 1), last = date_from_ymd(s->year, 12, 31);
    s->from = date_monday_on_or_after(first > s->today ? first : s->today);
    s->to = last - 4; /* the last Monday whose week ends in the year */
    if (s->year < 1900 || s->year > 9999 || s->from > s->to) {
        return error_set(err, ERROR_USAGE, "no week of %d is left to sample in (today is "
                         "%d-%02d-%02d)", s->year, y, m, d);
    }
    return 0;
}

int sample_cic(struct db *db, jdate today, const struct sample_options *o,
               struct sample_result *out, struct error *err)
{
    struct sampler s = {.db = db, .today = today};
    memset(out, 0, sizeof *out);
    int rc = check_options(&s, o, err);
    if (!rc)
        rc = prepare(&s, err);
    struct region *r = calloc(s.set.count + 1, sizeof *r);
    if (!r)
        abort();
    int nregions = 0;
    for (size_t i = 0; !rc && i < s.set.count; i++) {
        struct candidate *c = &s.c[i];
        int g = region_index(r, &nregions, c->t);
        r[g].authorities++;
        out->excluded_monitoring += c->monitored;
        out->excluded_planned += c->planned && !c->monitored;
        if (c->monitored || c->planned)
            continue;
        r[g].eligible++;
        out->eligible++;
        score(&s, c);
    }
    if (!rc) {
        qsort(r, (size_t)nregions, sizeof *r, by_code);
        set_quotas(r, nregions, s.count, out->eligible);
        draw(&s, r, nregions);
        rc = place_all(&s, out, err);
    }
    if (!rc)
        region_rows(out, r, nregions);
    out->year = s.year;
    out->seed = s.seed;
    free(r);
    free(s.c);
    triage_free(&s.set);
    if (rc)
        sample_result_free(out);
    return rc;
}

void sample_result_free(struct sample_result *r)
{
    rowset_free(r->sample);
    rowset_free(r->regions);
    r->sample = r->regions = NULL;
}
