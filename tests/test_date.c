/* SPEC section 3 date formats and rules 1, 3, 4: one test per rule. */
#include <criterion/criterion.h>

#include "core/date.h"

static jdate parse_ok(const char *text)
{
    jdate d;
    char why[160];
    cr_assert(date_parse(text, &d, why, sizeof why), "'%s' should parse: %s", text, why);
    return d;
}

static void parse_fails(const char *text, const char *reason_part)
{
    jdate d;
    char why[160] = "";
    cr_assert_not(date_parse(text, &d, why, sizeof why), "'%s' should not parse", text);
    cr_assert(strstr(why, reason_part), "reason for '%s' was '%s'", text, why);
}

static const char *iso(jdate d)
{
    static char buf[DATE_ISO_LEN];
    date_format(d, buf);
    return buf;
}

Test(date, accepts_iso) { cr_assert_str_eq(iso(parse_ok("2024-03-17")), "2024-03-17"); }
Test(date, accepts_uk_day_first) { cr_assert_str_eq(iso(parse_ok("17/03/2024")), "2024-03-17"); }
Test(date, accepts_single_digit_day_and_month)
{
    cr_assert_str_eq(iso(parse_ok("1/3/2024")), "2024-03-01");
}
Test(date, two_digit_years_00_to_69_are_20xx)
{
    cr_assert_str_eq(iso(parse_ok("09/05/25")), "2025-05-09");
    cr_assert_str_eq(iso(parse_ok("01/01/69")), "2069-01-01");
    cr_assert_str_eq(iso(parse_ok("01/01/70")), "1970-01-01");
}
Test(date, accepts_month_names_full_short_and_sept)
{
    cr_assert_str_eq(iso(parse_ok("9 May 2025")), "2025-05-09");
    cr_assert_str_eq(iso(parse_ok("9 September 2025")), "2025-09-09");
    cr_assert_str_eq(iso(parse_ok("9 Sep 2025")), "2025-09-09");
    cr_assert_str_eq(iso(parse_ok("9 Sept 2025")), "2025-09-09");
}
Test(date, accepts_trailing_midnight_time)
{
    cr_assert_str_eq(iso(parse_ok("17/03/2025 00:00")), "2025-03-17");
    cr_assert_str_eq(iso(parse_ok("2025-03-17T00:00:00")), "2025-03-17");
}
Test(date, rejects_time_of_day) { parse_fails("17/03/2025 14:30", "midnight"); }
Test(date, rejects_us_date_order) { parse_fails("13/25/2024", "month"); }
Test(date, rejects_impossible_day) { parse_fails("31/02/2024", "does not exist"); }
Test(date, rejects_words) { parse_fails("soon", "not a date"); }
Test(date, leap_day_is_valid_only_in_leap_years)
{
    parse_ok("29/02/2024");
    parse_fails("29/02/2023", "does not exist");
}

Test(date, adding_months_clamps_to_month_end)
{
    cr_assert_str_eq(iso(date_add_months(parse_ok("2023-01-31"), 1)), "2023-02-28");
    cr_assert_str_eq(iso(date_add_months(parse_ok("2024-01-31"), 1)), "2024-02-29");
    cr_assert_str_eq(iso(date_add_months(parse_ok("2024-02-29"), 12)), "2025-02-28");
    cr_assert_str_eq(iso(date_add_months(parse_ok("2024-08-31"), -6)), "2024-02-29");
}

Test(date, months_between_counts_completed_calendar_months)
{
    cr_assert_eq(date_months_between(parse_ok("2024-01-31"), parse_ok("2024-02-28")), 0);
    cr_assert_eq(date_months_between(parse_ok("2024-01-31"), parse_ok("2024-02-29")), 1);
    cr_assert_eq(date_months_between(parse_ok("2024-03-15"), parse_ok("2025-03-14")), 11);
    cr_assert_eq(date_months_between(parse_ok("2024-03-15"), parse_ok("2025-03-15")), 12);
    cr_assert_eq(date_months_between(parse_ok("2024-03-15"), parse_ok("2024-03-01")), 0);
}

Test(date, weekdays_and_mondays)
{
    jdate sat = parse_ok("2026-11-21");
    cr_assert_eq(date_weekday(sat), 5);
    cr_assert_str_eq(iso(date_monday_of_week(sat)), "2026-11-16");
    cr_assert_str_eq(iso(date_monday_on_or_after(sat)), "2026-11-23");
    cr_assert_str_eq(iso(date_monday_on_or_after(parse_ok("2026-11-23"))), "2026-11-23");
}

Test(date, working_days_skip_weekends_and_bank_holidays)
{
    struct holiday_set h = {0};
    holiday_set_add(&h, parse_ok("2026-12-28"));
    holiday_set_add(&h, parse_ok("2026-12-25"));
    holiday_set_sort(&h);
    cr_assert_not(date_is_working_day(parse_ok("2026-12-25"), &h));
    cr_assert_not(date_is_working_day(parse_ok("2026-12-26"), &h));
    cr_assert_not(date_is_working_day(parse_ok("2026-12-28"), &h));
    cr_assert(date_is_working_day(parse_ok("2026-12-29"), &h));
    holiday_set_free(&h);
}

Test(date, day_numbers_round_trip_over_centuries)
{
    for (jdate d = date_from_ymd(1899, 12, 25); d < date_from_ymd(2101, 1, 5); d += 1) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        cr_assert_eq(date_from_ymd(y, m, dd), d);
    }
}
