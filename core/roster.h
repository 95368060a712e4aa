/* The roster in memory: every inspector with, per day of a period, how many
 * absences cover the day and how many of those are bookings. Availability,
 * the window finder and the programme all read free days from here; the
 * programme also adds and removes tentative bookings in it. */
#ifndef JIB_ROSTER_H
#define JIB_ROSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"

struct db;

struct roster_inspector {
    char *id, *name, *region, *home_la; /* never NULL ("" when blank) */
    int inspectorate;                   /* enum inspectorate */
};

struct roster {
    size_t count;
    struct roster_inspector *people; /* sorted by id, as SQLite's BINARY collation */
    jdate first;                     /* first day of the period */
    int days;
    uint16_t *absent; /* count x days: absences covering the day */
    uint16_t *booked; /* count x days: of those, bookings */
    struct holiday_set holidays;
};

/* Loads inspectors, their absences and the holidays of [first, first+days).
 * 0, or a database error's kind ("cannot read the roster: ..."). The roster
 * is empty on failure. */
int roster_load(struct db *db, jdate first, int days, struct roster *out, struct error *err);
void roster_free(struct roster *r);

/* Adds the bank holidays of [from, to] to out. 0 or -1. */
int roster_load_holidays(struct db *db, jdate from, jdate to, struct holiday_set *out);
/* Index of an inspector by id, or -1. */
int roster_find(const struct roster *r, const char *id);
bool roster_in_period(const struct roster *r, jdate day);
bool roster_is_working_day(const struct roster *r, jdate day);
/* Free on a day: not absent (days outside the period count as free). */
bool roster_free_on(const struct roster *r, size_t who, jdate day);
/* Free on every working day of [from, to]. */
bool roster_free_between(const struct roster *r, size_t who, jdate from, jdate to);
/* Working days of [from, to] covered by a booking. */
int roster_booked_days(const struct roster *r, size_t who, jdate from, jdate to);
/* Adds (delta 1) or removes (delta -1) an absence over [from, to]. */
void roster_mark(struct roster *r, size_t who, jdate from, jdate to, bool booking, int delta);

#endif
