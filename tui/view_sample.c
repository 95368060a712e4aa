/* The children-in-care sample (`jib sample-cic`), opened with `a` from the
 * Plans view: the sample is a planning proposal, as confidential as the plans
 * (it names who will get an unannounced inspection) and its weeks follow the
 * booked plans, so it lives beside them rather than one key from the home
 * view. The seed is drawn once per session, so the list stays put while the
 * dashboard is open; the status line gives it (for `jib sample-cic --seed`)
 * and the count per region against each region's share. Enter opens the
 * authority; b writes its brief. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/db.h"
#include "core/sample.h"
#include "tui/view.h"

static uint64_t session_seed(void)
{
    static uint64_t seed;
    if (!seed)
        seed = ((uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid() * 40503u) % 1000000u + 1;
    return seed;
}

/* "E 2/1.8, EM 2/1.8, ...": sampled against share, per region. */
static void region_summary(const struct rowset *rs, char *out, size_t len)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t r = 0; r < rs->nrows && n < len; r++)
        n += (size_t)snprintf(out + n, len - n, "%s%s %s/%s", r ? ", " : "", rowset_get(rs, r, 0),
                              rowset_get(rs, r, 5), rowset_get(rs, r, 4));
}

static int sample_load(struct view *v, struct app *app, struct error *err)
{
    struct sample_options o = {0, 0, session_seed()};
    struct sample_result r;
    int rc = sample_cic(app->db, app->today, &o, &r, err);
    if (rc == ERROR_USAGE) { /* no week left this year: next year's sample */
        int y, m, d;
        date_to_ymd(app->today, &y, &m, &d);
        o.year = y + 1;
        rc = sample_cic(app->db, app->today, &o, &r, err);
    }
    if (rc)
        return -1;
    char regions[400];
    region_summary(r.regions, regions, sizeof regions);
    app_message(app, false, "Sample %d, seed %" PRIu64 ", %zu of %d eligible; by region (sampled/share): %s",
                r.year, r.seed, r.sample->nrows, r.eligible, regions);
    rowset_free(r.regions);
    v->is_table = true;
    snprintf(v->empty_note, sizeof v->empty_note,
             "No authority can be sampled (all under monitoring or in a booked plan).");
    table_set_rowset(&v->table, r.sample,
                     "rank,authority,region,score,week_start,onsite_end,la_code,reasons", "la_code");
    return 0;
}

const struct view_ops view_sample_ops = {
    .name = "sample", .title = "Sample", .load = sample_load, .enter = view_open_authority,
};
