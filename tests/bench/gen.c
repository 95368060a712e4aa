/* Deterministic generators of synthetic CSV for the benchmarks (make bench).
 *
 *   gen inspections CODES_FILE ROWS   inspections of the authorities whose la_codes
 *                                     are listed one a line in CODES_FILE
 *   gen authorities N                 N synthetic authorities A00001..
 *   gen history N PER                 PER inspections of each of those authorities
 *   gen concerns N                    concerns for some of those authorities
 *   gen inspectors N AUTHORITIES      N inspectors I0001.. across the five inspectorates
 *                                     (a few seconded from one of the synthetic authorities)
 *   gen absences N                    a realistic year (and more) of those inspectors'
 *                                     absences: leave, training, other, booked work
 *
 * Output goes to stdout in jib's canonical columns (SPEC section 3). The same
 * arguments always give the same bytes: every value comes from a hash of the
 * row's position, never from the clock or rand(). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INSPECTION_HEADER                                                                      \
    "la_code,inspectorate,type,start_date,end_date,published,overall,leadership,"             \
    "help_protection,in_care,care_leavers,theme,lead,link\n"

/* 2000-01-01 as days since 1970-01-01; the generated history starts there. */
enum { DAY_2000 = 10957, REFERENCE_DAY = 20710 /* 2026-09-14 */ };

static const char *const grade_names[] = {"outstanding", "good", "requires_improvement",
                                          "inadequate"};
static const char *const leads[] = {"Avery Quill", "Blake Ledger", "Casey Margin",
                                    "Devon Footnote", "Emery Index", "Finley Colophon",
                                    "Harper Folio", "Jordan Errata"};
static const char *const themes[] = {"child sexual exploitation and missing children",
                                     "children living with domestic abuse",
                                     "neglect", "children with mental ill health",
                                     "serious youth violence"};
static const char *const regions[][2] = {
    {"NE", "North East"}, {"NW", "North West"}, {"YH", "Yorkshire and the Humber"},
    {"EM", "East Midlands"}, {"WM", "West Midlands"}, {"EE", "East of England"},
    {"GL", "London"}, {"SE", "South East"}, {"SW", "South West"}};

/* splitmix64: a good, tiny, stateless mixer, so a value depends only on its inputs. */
static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static uint64_t hash3(uint64_t a, uint64_t b, uint64_t c)
{
    return mix(mix(mix(a) ^ b) ^ c);
}

/* Days since 1970-01-01 to YYYY-MM-DD (Howard Hinnant's civil_from_days). */
static void iso_date(long days, char out[24])
{
    long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    long y = yoe + era * 400 + (m <= 2);
    snprintf(out, 24, "%04ld-%02ld-%02ld", y % 10000, m, d);
}

/* Grade 1-4 with a realistic spread: 10% outstanding, 45% good, 33% RI, 12% inadequate. */
static int pick_grade(uint64_t h)
{
    int p = (int)(h % 100);
    return p < 10 ? 1 : p < 55 ? 2 : p < 88 ? 3 : 4;
}

/* A grade near the overall one: areas mostly agree with the overall judgement. */
static const char *area_grade(int overall, uint64_t h)
{
    int g = overall + (int)(h % 5 == 0) - (int)(h % 7 == 0);
    return grade_names[(g < 1 ? 1 : g > 4 ? 4 : g) - 1];
}

/* The full inspection type in force on a date, as Ofsted's frameworks changed. */
static const char *full_type_for(long day, uint64_t h)
{
    if (day < 15706) /* before 2013 */
        return h % 2 ? "cp_2012" : "slac";
    if (day < 17532) /* before 2018 */
        return "sif";
    return h % 3 ? "ilacs_short" : "ilacs_standard";
}

struct event {
    const char *la_code, *inspectorate, *type;
    long day;
    int full; /* a full inspection: graded, sets the cadence */
    uint64_t h;
};

static void print_grades(const struct event *e)
{
    if (!e->full && !(strcmp(e->type, "other") == 0 && e->h % 2)) {
        fputs(",,,,,", stdout);
        return;
    }
    int overall = pick_grade(e->h >> 8);
    /* Since April 2026 Ofsted gives no overall grade, only area grades. */
    int no_overall = strcmp(e->inspectorate, "ofsted") == 0 && e->day >= 20544;
    printf(",%s", no_overall ? "" : grade_names[overall - 1]);
    if (!e->full) {
        fputs(",,,,", stdout);
        return;
    }
    printf(",%s,%s,%s,%s", area_grade(overall, e->h >> 16), area_grade(overall, e->h >> 24),
           area_grade(overall, e->h >> 32),
           strncmp(e->type, "ilacs", 5) == 0 ? area_grade(overall, e->h >> 40) : "");
}

static void print_event(const struct event *e)
{
    char start[24], end[24], published[24] = "";
    long pub = e->day + 35 + (long)(e->h % 30);
    iso_date(e->day, start);
    iso_date(e->day + 4, end);
    if (pub <= REFERENCE_DAY)
        iso_date(pub, published);
    printf("%s,%s,%s,%s,%s,%s", e->la_code, e->inspectorate, e->type, start, end, published);
    print_grades(e);
    const char *theme = strcmp(e->type, "jtai") == 0 ? themes[(e->h >> 44) % 5]
                        : strcmp(e->type, "other") == 0 ? "thematic inspection"
                                                         : "";
    printf(",%s,%s,https://reports.example/%s/%s/%s\n", theme, leads[(e->h >> 48) % 8],
           e->la_code, start, e->type);
}

/* The (inspectorate, type) pairs of the 'inspections' generator: one natural-key
 * family each, so a slot's date can repeat across pairs without a duplicate key. */
static const char *const pairs[][2] = {
    {"ofsted", "ilacs_standard"}, {"ofsted", "ilacs_short"}, {"ofsted", "sif"},
    {"ofsted", "cp_2012"}, {"ofsted", "slac"}, {"ofsted", "focused_visit"},
    {"ofsted", "monitoring_visit"}, {"ofsted", "jtai"}, {"cqc", "jtai"}, {"cqc", "other"},
    {"hmicfrs", "jtai"}, {"hmicfrs", "other"}, {"hmi_probation", "jtai"},
    {"hmi_probation", "other"}, {"hmi_prisons", "other"}};
enum { PAIR_COUNT = sizeof pairs / sizeof *pairs };

/* Rows of one authority: slot s of pair c starts in the s-th stride of the history,
 * so dates are distinct within a pair and keys are unique. */
static void gen_authority_rows(const char *la, uint64_t a, long rows)
{
    long slots = (rows + PAIR_COUNT - 1) / PAIR_COUNT;
    long stride = (REFERENCE_DAY - 60 - DAY_2000) / (slots ? slots : 1);
    if (stride < 1)
        stride = 1;
    for (long j = 0; j < rows; j++) {
        struct event e = {.la_code = la, .inspectorate = pairs[j % PAIR_COUNT][0],
                          .type = pairs[j % PAIR_COUNT][1], .h = hash3(a, (uint64_t)j, 1)};
        e.day = DAY_2000 + (j / PAIR_COUNT) * stride + (long)(e.h % (uint64_t)stride);
        e.full = j % PAIR_COUNT < 5;
        print_event(&e);
    }
}

static int read_codes(const char *path, char ***codes, long *n)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 1;
    }
    char line[256];
    long cap = 0;
    *n = 0;
    *codes = NULL;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!*line)
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 256;
            *codes = realloc(*codes, (size_t)cap * sizeof **codes);
        }
        (*codes)[(*n)++] = strdup(line);
    }
    fclose(f);
    return *n ? 0 : (fprintf(stderr, "gen: %s: no codes\n", path), 1);
}

static int gen_inspections(const char *codes_path, long rows)
{
    char **codes;
    long n;
    if (read_codes(codes_path, &codes, &n))
        return 1;
    fputs(INSPECTION_HEADER, stdout);
    for (long a = 0; a < n; a++)
        gen_authority_rows(codes[a], (uint64_t)a, rows / n + (a < rows % n));
    for (long a = 0; a < n; a++)
        free(codes[a]);
    free(codes);
    return 0;
}

static void synthetic_code(long a, char out[24])
{
    snprintf(out, 24, "A%05ld", a + 1);
}

static int gen_authorities(long n)
{
    static const char *const la_types[] = {"Unitary Authority", "London Borough",
                                           "Metropolitan District", "County"};
    puts("la_code,ons_code,ofsted_urn,name,region_code,region_name,la_type,aliases,"
         "stat_neighbours");
    for (long a = 0; a < n; a++) {
        char code[24], neighbour[24];
        synthetic_code(a, code);
        printf("%s,,,Synthetic Council %05ld,%s,%s,%s,,", code, a + 1, regions[a % 9][0],
               regions[a % 9][1], la_types[a % 4]);
        for (long k = 1; k <= 10 && k < n; k++) {
            synthetic_code((a + k * 7) % n == a ? (a + k) % n : (a + k * 7) % n, neighbour);
            printf("%s%s", k > 1 ? ";" : "", neighbour);
        }
        putchar('\n');
    }
    return 0;
}

/* One event of a synthetic authority's history: a third full inspections, a third
 * monitoring visits, the rest focused visits, joint and other inspections. */
static void history_event(struct event *e, uint64_t h)
{
    static const char *const joint[] = {"ofsted", "cqc", "hmicfrs", "hmi_probation"};
    static const char *const other[] = {"cqc", "hmicfrs", "hmi_probation", "hmi_prisons"};
    int p = (int)(h % 100);
    e->inspectorate = "ofsted";
    e->full = p < 30;
    e->type = p < 30   ? full_type_for(e->day, h >> 4)
              : p < 60 ? "monitoring_visit"
              : p < 75 ? "focused_visit"
                       : NULL;
    if (p >= 75 && p < 90) {
        e->type = "jtai";
        e->inspectorate = joint[(h >> 12) % 4];
    } else if (p >= 90) {
        e->type = "other";
        e->inspectorate = other[(h >> 12) % 4];
    }
}

static int gen_history(long n, long per)
{
    long stride = (REFERENCE_DAY - 60 - DAY_2000) / (per ? per : 1);
    if (stride < 1)
        stride = 1;
    fputs(INSPECTION_HEADER, stdout);
    for (long a = 0; a < n; a++) {
        char code[24];
        synthetic_code(a, code);
        for (long j = 0; j < per; j++) {
            struct event e = {.la_code = code, .h = hash3((uint64_t)a, (uint64_t)j, 2)};
            e.day = DAY_2000 + j * stride + (long)(e.h % (uint64_t)stride);
            history_event(&e, e.h >> 20);
            print_event(&e);
        }
    }
    return 0;
}

/* One authority in ten has one to three concerns from the last 500 days; about
 * a third are high and half of them are still open. */
static int gen_concerns(long n)
{
    static const char *const raisers[] = {"ofsted", "cqc", "hmicfrs", "hmi_probation",
                                          "hmi_prisons"};
    static const char *const severities[] = {"low", "medium", "high"};
    puts("la_code,raised_by,date,severity,summary,closed");
    for (long a = 0; a < n; a++) {
        uint64_t h = hash3((uint64_t)a, 0, 3);
        if (h % 10)
            continue;
        for (int k = 0; k < 1 + (int)((h >> 8) % 3); k++) {
            uint64_t g = hash3((uint64_t)a, (uint64_t)k, 4);
            long day = REFERENCE_DAY - 1 - (long)(g % 500), close = day + 30 + (long)(g >> 9) % 60;
            char code[24], date[24], closed[24] = "";
            synthetic_code(a, code);
            iso_date(day, date);
            if ((g >> 20) % 2 && close <= REFERENCE_DAY)
                iso_date(close, closed);
            printf("%s,%s,%s,%s,Synthetic concern %d about practice,%s\n", code,
                   raisers[(g >> 24) % 5], date, severities[(g >> 28) % 3], k + 1, closed);
        }
    }
    return 0;
}

/* Inspectors: 40% Ofsted, 20% CQC, 20% HMICFRS, 13% HMI Probation, 7% HMI Prisons;
 * one in twenty seconded from a synthetic authority (never proposed for it). */
static int gen_inspectors(long n, long authorities)
{
    puts("inspector_id,name,inspectorate,role,region,home_la");
    for (long i = 0; i < n; i++) {
        uint64_t h = hash3((uint64_t)i, 0, 5);
        int p = (int)(i * 100 / (n ? n : 1));
        const char *insp = p < 40 ? "ofsted" : p < 60 ? "cqc" : p < 80 ? "hmicfrs"
                           : p < 93 ? "hmi_probation" : "hmi_prisons";
        char home[24] = "";
        if (authorities > 0 && h % 20 == 0)
            synthetic_code((long)((h >> 8) % (uint64_t)authorities), home);
        printf("I%04ld,Synthetic Inspector %04ld,%s,HMI,%s,%s\n", i + 1, i + 1, insp,
               regions[(h >> 16) % 9][0], home);
    }
    return 0;
}

/* Absences from 2025-09-01 to 2027-12-31, week by week, per inspector: about
 * 35% of weeks booked on the inspectorate's own work (Monday to Friday, or
 * three days), 25 days of leave a year (a fortnight in summer, three single
 * weeks, a few odd days), a training day or two most months, and the odd
 * other day. Weeks are drawn from a hash, so the same N gives the same bytes. */
enum { ABSENCE_FIRST_MONDAY = 20332 /* 2025-09-01 */, ABSENCE_WEEKS = 122 };

static void absence(long i, long from, long to, const char *kind, const char *note)
{
    char a[24], b[24];
    iso_date(from, a);
    iso_date(to, b);
    printf("I%04ld,%s,%s,%s,%s\n", i + 1, a, b, kind, note);
}

static void inspector_year(long i)
{
    for (long w = 0; w < ABSENCE_WEEKS; w++) {
        long monday = ABSENCE_FIRST_MONDAY + 7 * w;
        uint64_t h = hash3((uint64_t)i, (uint64_t)w, 6);
        int p = (int)(h % 100);
        int week_of_year = (int)(w % 52);
        /* Leave: a fortnight in summer (weeks 46-47 after a September start, with a
         * per-inspector shift), and three single weeks. */
        long shift = (long)(hash3((uint64_t)i, 0, 7) % 4);
        if (week_of_year == 46 + shift || week_of_year == 47 + shift) {
            absence(i, monday, monday + 4, "leave", "Annual leave");
            continue;
        }
        if (p < 6) {
            absence(i, monday, monday + 4, "leave", "Annual leave");
            continue;
        }
        if (p < 41) {
            long days = (h >> 8) % 3 ? 4 : 2; /* Mon-Fri or Mon-Wed */
            absence(i, monday, monday + days, "booked", "Booked: single-inspectorate inspection");
            continue;
        }
        if (p < 56) {
            long d = (long)((h >> 12) % 5);
            absence(i, monday + d, monday + d + ((h >> 16) % 2 && d < 4), "training",
                    "Training");
            continue;
        }
        if (p < 61) {
            long d = (long)((h >> 20) % 5);
            absence(i, monday + d, monday + d, (h >> 24) % 2 ? "leave" : "other",
                    (h >> 24) % 2 ? "Annual leave" : "Other");
        }
    }
}

static int gen_absences(long n)
{
    puts("inspector_id,from,to,kind,note");
    for (long i = 0; i < n; i++)
        inspector_year(i);
    return 0;
}

static int usage(void)
{
    fputs("usage: gen inspections CODES_FILE ROWS | authorities N | history N PER | "
          "concerns N | inspectors N AUTHORITIES | absences N\n",
          stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "inspections") == 0)
        return gen_inspections(argv[2], atol(argv[3]));
    if (argc == 3 && strcmp(argv[1], "authorities") == 0)
        return gen_authorities(atol(argv[2]));
    if (argc == 4 && strcmp(argv[1], "history") == 0)
        return gen_history(atol(argv[2]), atol(argv[3]));
    if (argc == 3 && strcmp(argv[1], "concerns") == 0)
        return gen_concerns(atol(argv[2]));
    if (argc == 4 && strcmp(argv[1], "inspectors") == 0)
        return gen_inspectors(atol(argv[2]), atol(argv[3]));
    if (argc == 3 && strcmp(argv[1], "absences") == 0)
        return gen_absences(atol(argv[2]));
    return usage();
}
