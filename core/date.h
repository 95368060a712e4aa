/* Civil dates as day numbers (days since 1970-01-01), the formats jib accepts,
 * month arithmetic with clamping, and working days. */
#ifndef JIB_DATE_H
#define JIB_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t jdate;
#define DATE_NONE INT32_MIN
#define DATE_ISO_LEN 11 /* "YYYY-MM-DD" plus NUL */

bool date_ymd_valid(int y, int m, int d);
jdate date_from_ymd(int y, int m, int d);
void date_to_ymd(jdate day, int *y, int *m, int *d);

/* Parses YYYY-MM-DD, D/M/YYYY, D/M/YY (00-69 = 20xx), "D Month YYYY" (full,
 * three-letter or "Sept" month names), each with an optional trailing midnight
 * time. UK order only. On failure returns false and writes a reason to why. */
bool date_parse(const char *text, jdate *out, char *why, size_t why_len);
/* Strict ISO form only (what the database stores). */
bool date_parse_iso(const char *text, jdate *out);
void date_format(jdate day, char out[DATE_ISO_LEN]);

/* Adds months, clamping to the last day of the month (31 Jan + 1 = 28/29 Feb). */
jdate date_add_months(jdate day, int months);
/* Completed calendar months: the largest m with from + m months <= to (0 if to < from). */
int date_months_between(jdate from, jdate to);
/* 0 = Monday ... 6 = Sunday. */
int date_weekday(jdate day);
jdate date_monday_of_week(jdate day);
jdate date_monday_on_or_after(jdate day);
jdate date_today_local(void);

/* Bank holidays: a sorted set of dates. */
struct holiday_set {
    jdate *days;
    size_t count, cap;
};
void holiday_set_add(struct holiday_set *set, jdate day);
void holiday_set_sort(struct holiday_set *set);
bool holiday_set_contains(const struct holiday_set *set, jdate day);
void holiday_set_free(struct holiday_set *set);
bool date_is_working_day(jdate day, const struct holiday_set *holidays);

#endif
