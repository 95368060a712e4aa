#include "core/schema.h"

#include "core/due_cache.h"

/* Conventions: dates are ISO text (YYYY-MM-DD); grades are integers 1-4, NULL
 * when not judged; lists (aliases, statistical neighbours) are JSON arrays.
 * Each table carries its natural key (SPEC section 3) as a unique index so that
 * an upsert is one statement. import_id names the import that last wrote a row:
 * a row written twice by one import is a duplicate natural key in that file. */
static const char migration_1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE authority("
    "  la_code TEXT PRIMARY KEY, ons_code TEXT, ofsted_urn TEXT, name TEXT NOT NULL,"
    "  region_code TEXT, region_name TEXT, la_type TEXT,"
    "  aliases TEXT NOT NULL DEFAULT '[]', stat_neighbours TEXT NOT NULL DEFAULT '[]',"
    "  import_id INTEGER);"
    "CREATE INDEX authority_region ON authority(region_code);"
    "CREATE TABLE inspection("
    "  inspection_id INTEGER PRIMARY KEY,"
    "  la_code TEXT NOT NULL REFERENCES authority(la_code),"
    "  inspectorate TEXT NOT NULL, type TEXT NOT NULL, start_date TEXT NOT NULL,"
    "  end_date TEXT, published TEXT,"
    "  overall INTEGER, leadership INTEGER, help_protection INTEGER, in_care INTEGER,"
    "  care_leavers INTEGER, theme TEXT, lead TEXT, link TEXT, import_id INTEGER,"
    "  UNIQUE(la_code, inspectorate, type, start_date));"
    "CREATE TABLE indicator("
    "  indicator_id INTEGER PRIMARY KEY,"
    "  level TEXT NOT NULL CHECK(level IN ('la','region','national')),"
    "  la_code TEXT REFERENCES authority(la_code),"
    "  region_code TEXT NOT NULL DEFAULT '',"
    "  indicator TEXT NOT NULL, period TEXT NOT NULL, value REAL, import_id INTEGER);"
    "CREATE UNIQUE INDEX indicator_la_key ON indicator(la_code, indicator, period)"
    "  WHERE level = 'la';"
    "CREATE UNIQUE INDEX indicator_benchmark_key ON indicator(level, region_code, indicator, period)"
    "  WHERE level <> 'la';"
    "CREATE TABLE concern("
    "  concern_id INTEGER PRIMARY KEY,"
    "  la_code TEXT NOT NULL REFERENCES authority(la_code),"
    "  raised_by TEXT NOT NULL, date TEXT NOT NULL,"
    "  severity TEXT NOT NULL CHECK(severity IN ('low','medium','high')),"
    "  summary TEXT NOT NULL DEFAULT '', closed TEXT, import_id INTEGER,"
    "  UNIQUE(la_code, raised_by, date, summary));"
    "CREATE TABLE inspector("
    "  inspector_id TEXT PRIMARY KEY, name TEXT NOT NULL, inspectorate TEXT NOT NULL,"
    "  role TEXT, region TEXT, import_id INTEGER);"
    "CREATE TABLE plan("
    "  plan_id INTEGER PRIMARY KEY,"
    "  la_code TEXT NOT NULL REFERENCES authority(la_code),"
    "  window_start TEXT NOT NULL, window_end TEXT NOT NULL, type TEXT NOT NULL, theme TEXT,"
    "  status TEXT NOT NULL DEFAULT 'booked' CHECK(status IN ('booked','cancelled')),"
    "  booked_by TEXT, booked_at TEXT);"
    "CREATE TABLE plan_member("
    "  plan_id INTEGER NOT NULL REFERENCES plan(plan_id),"
    "  inspectorate TEXT NOT NULL,"
    "  inspector_id TEXT NOT NULL REFERENCES inspector(inspector_id),"
    "  onsite_start TEXT NOT NULL, onsite_end TEXT NOT NULL,"
    "  PRIMARY KEY(plan_id, inspector_id));"
    "CREATE TABLE absence("
    "  absence_id INTEGER PRIMARY KEY,"
    "  inspector_id TEXT NOT NULL REFERENCES inspector(inspector_id),"
    "  from_date TEXT NOT NULL, to_date TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK(kind IN ('leave','training','booked','other')),"
    "  note TEXT, plan_id INTEGER REFERENCES plan(plan_id), import_id INTEGER,"
    "  UNIQUE(inspector_id, from_date, to_date, kind));"
    "CREATE INDEX absence_dates ON absence(from_date, to_date);"
    "CREATE TABLE holiday(date TEXT PRIMARY KEY, name TEXT, import_id INTEGER);"
    "CREATE TABLE policy(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE import_log("
    "  import_id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT, file TEXT NOT NULL,"
    "  sha256 TEXT, kind TEXT, inserted INTEGER NOT NULL DEFAULT 0,"
    "  updated INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0,"
    "  rejected INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,"
    "  outcome TEXT NOT NULL, message TEXT);";

/* Indexes for the triage queries: latest full inspection and monitoring visits
 * per authority are found by (la_code, type, start_date). */
static const char migration_2[] =
    "CREATE INDEX inspection_by_authority ON inspection(la_code, start_date);"
    "CREATE INDEX concern_by_authority ON concern(la_code, severity, date);";

/* Inspections become one b-tree clustered by (la_code, start_date, ...): the
 * natural key is the primary key, so an import maintains one tree instead of
 * three (table, unique key, by-authority index), and the triage queries' "latest
 * inspection of an authority" is a seek into the same tree. */
static const char migration_3[] =
    "CREATE TABLE inspection_v3("
    "  la_code TEXT NOT NULL REFERENCES authority(la_code),"
    "  inspectorate TEXT NOT NULL, type TEXT NOT NULL, start_date TEXT NOT NULL,"
    "  end_date TEXT, published TEXT,"
    "  overall INTEGER, leadership INTEGER, help_protection INTEGER, in_care INTEGER,"
    "  care_leavers INTEGER, theme TEXT, lead TEXT, link TEXT, import_id INTEGER,"
    "  PRIMARY KEY(la_code, start_date, inspectorate, type)) WITHOUT ROWID;"
    "INSERT INTO inspection_v3 SELECT la_code, inspectorate, type, start_date, end_date,"
    "  published, overall, leadership, help_protection, in_care, care_leavers, theme, lead,"
    "  link, import_id FROM inspection;"
    "DROP TABLE inspection;"
    "ALTER TABLE inspection_v3 RENAME TO inspection;";

/* The shared judgement of the local safeguarding partnership (the LSCB until
 * 2019) that an integrated inspection publishes beside the inspectorates' own. */
static const char migration_4[] = "ALTER TABLE inspection ADD COLUMN partnership INTEGER;";

/* Joint planning: an inspector may be seconded from an authority (never proposed
 * to inspect it); cancellations are recorded; booked absences are found by plan. */
static const char migration_5[] =
    "ALTER TABLE inspector ADD COLUMN home_la TEXT;"
    "ALTER TABLE plan ADD COLUMN cancelled_by TEXT;"
    "ALTER TABLE plan ADD COLUMN cancelled_at TEXT;"
    "CREATE INDEX absence_by_plan ON absence(plan_id) WHERE plan_id IS NOT NULL;"
    "CREATE INDEX plan_member_by_inspector ON plan_member(inspector_id, onsite_start);";

/* Gaps in the history (issue 8): inspections rows an import rejected that are
 * newer than their authority's latest full inspection, kept so that triage can
 * say the due date is out of date until the row is completed. */
static const char migration_6[] =
    "CREATE TABLE history_gap("
    "  la_code TEXT NOT NULL, date TEXT NOT NULL, field TEXT NOT NULL,"
    "  file TEXT NOT NULL, line INTEGER NOT NULL, import_id INTEGER,"
    "  PRIMARY KEY(la_code, file, line)) WITHOUT ROWID;";

/* Issue 12: the due list of one day kept whole (core/due_cache.c), valid while
 * its key row exists; every write to what the list reads deletes the key.
 * Imports drop these triggers inside their transaction and create them again
 * before committing (core/due_cache.h). */
static const char migration_7[] =
    "CREATE TABLE due_cache("
    "  pos INTEGER PRIMARY KEY, la_code TEXT, authority TEXT, region TEXT, last_type TEXT,"
    "  last_start TEXT, cadence_grade TEXT, due_date TEXT, window_start TEXT, window_end TEXT,"
    "  status TEXT, days_to_due INTEGER, monitoring TEXT, open_concerns INTEGER, reason TEXT,"
    "  gap TEXT);"
    "CREATE TABLE due_cache_key(id INTEGER PRIMARY KEY CHECK (id = 1), key TEXT NOT NULL,"
    "  rows INTEGER NOT NULL);"
    DUE_CACHE_TRIGGERS;

/* Issue 12: the kept due list serves the later days of its validity. The key
 * no longer names the day: `day` is the day the list was computed, and
 * `valid_until` the earliest later date on which anything it reads as "on or
 * before today" happens (NULL: none); concerns and gaps are found by date for
 * it (inspections by the primary key, authority by authority). `widths`: the
 * widest cell of each column in characters, so the dashboard draws its first
 * page with the whole list's column widths before reading the rest. */
static const char migration_8[] =
    "DELETE FROM due_cache_key;"
    "ALTER TABLE due_cache_key ADD COLUMN day TEXT;"
    "ALTER TABLE due_cache_key ADD COLUMN valid_until TEXT;"
    "ALTER TABLE due_cache_key ADD COLUMN widths TEXT;"
    "CREATE INDEX concern_by_date ON concern(date);"
    "CREATE INDEX concern_by_closed ON concern(closed);"
    "CREATE INDEX history_gap_by_date ON history_gap(date);";

const char *const schema_migrations[] = {migration_1, migration_2, migration_3, migration_4,
                                         migration_5, migration_6, migration_7, migration_8};
const size_t schema_version = sizeof schema_migrations / sizeof *schema_migrations;
