/* The children-in-care short-notice sample (issue 10; the 2011 Ofsted
 * proposal): each year 20-25 authorities' services for children in care get a
 * one-week, short-notice, on-site inspection. sample_cic proposes them: a
 * seeded draw weighted to risk, spread across regions by quota, excluding
 * authorities under monitoring and those in a plan booked that year, each
 * given the first week Ofsted can field the team without colliding with
 * booked plans (or with the sample's earlier rows). Books nothing. */
#ifndef JIB_SAMPLE_H
#define JIB_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/rowset.h"
#include "core/error.h"

struct db;

#define SAMPLE_DEFAULT_COUNT 25
#define SAMPLE_COUNT_MAX 1000

struct sample_options {
    int year;      /* calendar year of the sample; 0: today's */
    int count;     /* 0: SAMPLE_DEFAULT_COUNT */
    uint64_t seed; /* the same seed, data and policy give the same sample */
};

struct sample_result {
    int year;
    uint64_t seed;
    int eligible, excluded_monitoring, excluded_planned;
    /* rank, la_code, authority, region, score, reasons, week_start, onsite_start,
     * onsite_end; by score (highest first), then la_code. */
    struct rowset *sample;
    /* region_code, region, authorities, eligible, share (the region's share of
     * the sample: count x its eligible / all eligible), sampled; by region_code. */
    struct rowset *regions;
};

/* Risk score of one authority, 0-100, with its reasons in words (see
 * sample.c and the README for the points). */
struct sample_risk {
    int score;
    char reasons[1024];
};

/* 0, or ERROR_USAGE (a year already over, a bad count) / ERROR_INTERNAL with a
 * message in err. */
int sample_cic(struct db *db, jdate today, const struct sample_options *options,
               struct sample_result *out, struct error *err);
void sample_result_free(struct sample_result *r);

#endif
