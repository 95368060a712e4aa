/* Gaps in the history (issue 8): an inspections row the importer rejected
 * that is newer, by any date it carries, than the latest accepted full
 * inspection of its authority. Until the row is completed and imported again
 * that authority's due date and grade are out of date, and triage says so. */
#ifndef JIB_GAPS_H
#define JIB_GAPS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/error.h"

struct db;

struct gap {
    char la_code[16];
    char name[128];            /* the authority's name */
    char date[DATE_ISO_LEN];   /* the newest date the rejected row carries */
    char field[16];            /* which: published, end_date or start_date */
    char latest[DATE_ISO_LEN]; /* the latest full inspection's newest date, "" for none */
    char file[512];
    long line;
};

/* Rejected rows of one file, newest per authority, collected while it loads. */
struct gap_watch {
    struct gap *gaps;
    size_t count, cap;
};

/* Notes a rejected row of la_code dated date (ISO). */
void gap_watch_note(struct gap_watch *w, const char *la_code, const char *date, const char *field,
                    const char *file, long line);
/* Inside the file's transaction, after its rows: keeps the rows newer than
 * every date of their authority's full inspections (as now stored) and, when
 * record is true, stores them for triage. 0, or -1 on a database failure. */
int gap_watch_resolve(struct gap_watch *w, struct db *db, long long import_id, bool record);
void gap_watch_free(struct gap_watch *w);

/* The authorities with a stored rejected row dated on or before today and
 * newer than every date of their full inspections on or before today: one
 * gap each (the newest), by la_code. 0, or a database error's kind. */
int gaps_open(struct db *db, jdate today, struct gap **out, size_t *count, struct error *err);
/* The one of la_code in a gaps_open list, or NULL. */
const struct gap *gaps_find(const struct gap *gaps, size_t count, const char *la_code);

#endif
