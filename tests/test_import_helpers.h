/* Shared by the import and export suites: a temporary directory with a
 * database, fixture files, and running `jib --db DB ...`. */
#ifndef JIB_TEST_IMPORT_HELPERS_H
#define JIB_TEST_IMPORT_HELPERS_H

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "tests/support.h"

static char *fx_dir, *fx_db;
static char *fx_paths[32];
static size_t fx_npaths;

static inline void fx_setup(void)
{
    fx_dir = test_tmpdir();
    fx_db = test_path(fx_dir, "jib.db");
    fx_npaths = 0;
}

static inline void fx_teardown(void)
{
    for (size_t i = 0; i < fx_npaths; i++)
        free(fx_paths[i]);
    free(fx_db);
    test_tmpdir_remove(fx_dir);
}

/* Writes a fixture file and returns its path (valid until teardown). */
static inline const char *fx_file(const char *name, const char *content)
{
    char *p = test_path(fx_dir, name);
    test_write_file(p, content);
    cr_assert(fx_npaths < 32);
    return fx_paths[fx_npaths++] = p;
}

static inline const char *fx_path(const char *name)
{
    cr_assert(fx_npaths < 32);
    return fx_paths[fx_npaths++] = test_path(fx_dir, name);
}

/* Runs jib --db DB followed by the arguments (NULL-terminated). */
static inline struct run_result fx_jib(const char *first, ...)
{
    const char *args[64] = {"--db", fx_db, first};
    size_t n = 3;
    va_list ap;
    va_start(ap, first);
    const char *a;
    while ((a = va_arg(ap, const char *)) && n < 63)
        args[n++] = a;
    va_end(ap);
    args[n] = NULL;
    static const char *const env[] = {"USER=tester", NULL};
    return test_run_jib(args, env);
}

static inline long long fx_int(const char *sql)
{
    struct db *db = test_db_open(fx_db);
    long long v = test_db_int(db, sql);
    db_close(db);
    return v;
}

static inline char *fx_text(const char *sql)
{
    struct db *db = test_db_open(fx_db);
    char *v = test_db_text(db, sql);
    db_close(db);
    return v;
}

/* `jib export KIND` as text (malloc'd). */
static inline char *fx_export(const char *kind)
{
    struct run_result r = fx_jib("export", kind, NULL);
    cr_assert_eq(r.status, 0, "export %s: %s", kind, r.err);
    char *out = strdup(r.out);
    run_result_free(&r);
    return out;
}

static inline void fx_import_ok(const char *path, const char *extra)
{
    struct run_result r = extra ? fx_jib("import", extra, path, NULL) : fx_jib("import", path, NULL);
    cr_assert_eq(r.status, 0, "import %s failed (%d): %s", path, r.status, r.err);
    run_result_free(&r);
}

#define FX_AUTHORITIES                                                                       \
    "la_code,ons_code,ofsted_urn,name,region_code,region_name,la_type,aliases,stat_neighbours\n" \
    "301,E09000002,80486,Barking and Dagenham,GL,London,London Borough,,302;839\n"            \
    "302,E09000003,80487,Barnet,GL,London,London Borough,,301\n"                              \
    "839,E06000058,80556,\"Bournemouth, Christchurch & Poole\",SW,South West,Unitary Authority,BCP,\n"

#define FX_INSPECTIONS_HEADER                                                                \
    "la_code,inspectorate,type,start_date,end_date,published,overall,leadership,"            \
    "help_protection,in_care,care_leavers,theme,lead,link\n"

#define FX_INSPECTIONS                                                                       \
    FX_INSPECTIONS_HEADER                                                                    \
    "301,ofsted,ilacs_standard,2024-03-04,2024-03-15,2024-05-01,good,good,requires_improvement,good,,,A Lead,\n" \
    "302,ofsted,ilacs_short,17/06/2023,,,outstanding,,,,,,,\n"

#endif
