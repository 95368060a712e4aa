#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool date_ymd_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
jdate date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_ymd(jdate day, int *y, int *m, int *d)
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Writes digits by hand: the importer formats every date it reads, and
 * snprintf was a tenth of its time. */
static void put_digits(char *out, int value, int width)
{
    for (int i = width - 1; i >= 0; i--, value /= 10)
        out[i] = (char)('0' + value % 10);
}

void date_format(jdate day, char out[DATE_ISO_LEN])
{
    int y, m, d;
    if (day == DATE_NONE) {
        out[0] = '\0';
        return;
    }
    date_to_ymd(day, &y, &m, &d);
    if (y > 9999)
        y = 9999, m = 12, d = 31;
    else if (y < 1)
        y = 1, m = 1, d = 1;
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = '\0';
}

jdate date_add_months(jdate day, int months)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    long index = (long)y * 12 + (m - 1) + months;
    /* Dates stay inside 0001-01-01 .. 9999-12-31 (four-digit years): a
     * far-future date saturates there instead of wrapping round. */
    if (index >= 10000L * 12)
        return date_from_ymd(9999, 12, 31);
    if (index < 12)
        return date_from_ymd(1, 1, 1);
    y = (int)(index / 12);
    m = (int)(index % 12 + 1);
    int last = days_in_month(y, m);
    return date_from_ymd(y, m, d > last ? last : d);
}

int date_months_between(jdate from, jdate to)
{
    if (to < from)
        return 0;
    int y1, m1, d1, y2, m2, d2;
    date_to_ymd(from, &y1, &m1, &d1);
    date_to_ymd(to, &y2, &m2, &d2);
    int m = (y2 - y1) * 12 + (m2 - m1);
    while (m > 0 && date_add_months(from, m) > to)
        m--;
    return m;
}

int date_weekday(jdate day)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int w = (int)((day % 7 + 7 + 3) % 7);
    return w;
}

jdate date_monday_of_week(jdate day) { return day - date_weekday(day); }

jdate date_monday_on_or_after(jdate day)
{
    int w = date_weekday(day);
    return w == 0 ? day : day + (7 - w);
}

jdate date_today_local(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---- parsing ---- */

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Reads 1..max digits; returns digit count (0 if none). */
static int read_number(const char **p, int max, int *value)
{
    int n = 0, v = 0;
    while (n < max && isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *value = v;
    return n;
}

/* Accepts what is left after the date: nothing, or a midnight time as Excel adds
 * ("00:00", "00:00:00", "T00:00:00", optional ".000" and "Z"). */
static bool rest_is_midnight(const char *p)
{
    p = skip_space(p);
    if (*p == '\0')
        return true;
    if (*p == 'T' || *p == 't')
        p++;
    p = skip_space(p);
    static const char *const forms[] = {"00:00:00.000", "00:00:00", "00:00"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        size_t len = strlen(forms[i]);
        if (strncmp(p, forms[i], len) == 0) {
            const char *q = p + len;
            if (*q == 'Z' || *q == 'z')
                q++;
            return *skip_space(q) == '\0';
        }
    }
    return false;
}

static bool fail(char *why, size_t len, const char *msg)
{
    if (why && len)
        snprintf(why, len, "%s", msg);
    return false;
}

enum date_form { FORM_ISO, FORM_DMY, FORM_WORDS };

/* Says which part is wrong, in the words of the form the date was written in. */
static bool finish(enum date_form form, int y, int m, int d, const char *rest, jdate *out,
                   char *why, size_t len)
{
    static const char *const month_part[] = {"the middle part of YYYY-MM-DD",
                                             "the middle part of DD/MM/YYYY; dates are day first",
                                             "the month"};
    if (m < 1 || m > 12) {
        if (why && len)
            snprintf(why, len, "not a date: the month (%d, %s) must be 1-12", m, month_part[form]);
        return false;
    }
    if (y < 1 || y > 9999)
        return fail(why, len, "not a date: the year must be 1-9999");
    if (!date_ymd_valid(y, m, d)) {
        static const char *const names[] = {"January", "February", "March", "April", "May",
                                            "June", "July", "August", "September", "October",
                                            "November", "December"};
        if (why && len)
            snprintf(why, len, "not a date: the day (%d) does not exist in %s %d (it has %d days)",
                     d, names[m - 1], y, days_in_month(y, m));
        return false;
    }
    if (!rest_is_midnight(rest))
        return fail(why, len, "not a date: only a midnight time may follow the date");
    *out = date_from_ymd(y, m, d);
    return true;
}

static int month_from_name(const char **p)
{
    static const char *const names[] = {"january", "february", "march", "april", "may", "june",
                                        "july", "august", "september", "october", "november",
                                        "december"};
    char word[16];
    size_t n = 0;
    while (isalpha((unsigned char)**p) && n < sizeof word - 1)
        word[n++] = (char)tolower((unsigned char)*(*p)++);
    word[n] = '\0';
    if (isalpha((unsigned char)**p))
        return 0;
    if (n >= 3 && (strcmp(word, "sept") == 0))
        return 9;
    for (int i = 0; i < 12; i++)
        if (n == 3 ? strncmp(word, names[i], 3) == 0 : strcmp(word, names[i]) == 0)
            return i + 1;
    return 0;
}

static int expand_two_digit_year(int yy) { return yy <= 69 ? 2000 + yy : 1900 + yy; }

bool date_parse(const char *text, jdate *out, char *why, size_t why_len)
{
    const char *p = skip_space(text);
    int a, b, c, na, nb, nc;
    if ((na = read_number(&p, 4, &a)) == 0)
        return fail(why, why_len, "not a date (use YYYY-MM-DD or DD/MM/YYYY)");
    if (na == 4 && *p == '-') { /* YYYY-MM-DD */
        p++;
        if (!(nb = read_number(&p, 2, &b)) || *p++ != '-' || !(nc = read_number(&p, 2, &c)))
            return fail(why, why_len, "not a date (use YYYY-MM-DD)");
        return finish(FORM_ISO, a, b, c, p, out, why, why_len);
    }
    if (na <= 2 && *p == '/') { /* D/M/YYYY or D/M/YY */
        p++;
        if (!(nb = read_number(&p, 2, &b)) || *p++ != '/')
            return fail(why, why_len, "not a date (use DD/MM/YYYY)");
        nc = read_number(&p, 4, &c);
        if (nc != 2 && nc != 4)
            return fail(why, why_len, "not a date: the year must have 2 or 4 digits");
        return finish(FORM_DMY, nc == 2 ? expand_two_digit_year(c) : c, b, a, p, out, why, why_len);
    }
    if (na <= 2 && (*p == ' ' || *p == '-')) { /* D Month YYYY */
        p = skip_space(p + 1);
        int m = month_from_name(&p);
        if (!m)
            return fail(why, why_len, "not a date: unknown month name");
        p = skip_space(*p == '-' ? p + 1 : p);
        if (read_number(&p, 4, &c) != 4)
            return fail(why, why_len, "not a date: the year must have 4 digits");
        return finish(FORM_WORDS, c, m, a, p, out, why, why_len);
    }
    return fail(why, why_len, "not a date (use YYYY-MM-DD or DD/MM/YYYY)");
}

bool date_parse_iso(const char *text, jdate *out)
{
    int y, m, d;
    char tail;
    if (!text || strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return false;
    if (!date_ymd_valid(y, m, d))
        return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

/* ---- holidays and working days ---- */

void holiday_set_add(struct holiday_set *set, jdate day)
{
    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 32;
        jdate *days = realloc(set->days, cap * sizeof *days);
        if (!days)
            abort();
        set->days = days;
        set->cap = cap;
    }
    set->days[set->count++] = day;
}

static int compare_days(const void *a, const void *b)
{
    jdate x = *(const jdate *)a, y = *(const jdate *)b;
    return (x > y) - (x < y);
}

void holiday_set_sort(struct holiday_set *set)
{
    if (set->count)
        qsort(set->days, set->count, sizeof *set->days, compare_days);
}

bool holiday_set_contains(const struct holiday_set *set, jdate day)
{
    return set && set->count &&
           bsearch(&day, set->days, set->count, sizeof *set->days, compare_days) != NULL;
}

void holiday_set_free(struct holiday_set *set)
{
    free(set->days);
    *set = (struct holiday_set){0};
}

bool date_is_working_day(jdate day, const struct holiday_set *holidays)
{
    return date_weekday(day) < 5 && !holiday_set_contains(holidays, day);
}
