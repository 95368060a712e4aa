#include "import/export.h"

#include <stdio.h>
#include <string.h>

#include "core/db.h"

#define GRADE(col)                                                                        \
    "CASE " col " WHEN 1 THEN 'outstanding' WHEN 2 THEN 'good' WHEN 3 THEN "              \
    "'requires_improvement' WHEN 4 THEN 'inadequate' END"
#define LIST(col) "(SELECT group_concat(value, ';') FROM json_each(" col "))"

static const struct {
    const char *kind, *names, *types, *sql;
} exports[] = {
    {"authorities",
     "la_code,ons_code,ofsted_urn,name,region_code,region_name,la_type,aliases,stat_neighbours",
     "tttttttll",
     "SELECT la_code, ons_code, ofsted_urn, name, region_code, region_name, la_type, "
     LIST("aliases") ", " LIST("stat_neighbours") " FROM authority ORDER BY la_code"},
    {"inspections",
     "la_code,inspectorate,type,start_date,end_date,published,overall,leadership,"
     "help_protection,in_care,care_leavers,partnership,theme,lead,link",
     "ttttttttttttttt",
     "SELECT la_code, inspectorate, type, start_date, end_date, published, " GRADE("overall")
     ", " GRADE("leadership") ", " GRADE("help_protection") ", " GRADE("in_care") ", "
     GRADE("care_leavers") ", " GRADE("partnership") ", theme, lead, link FROM inspection"
     " ORDER BY la_code, inspectorate, type, start_date"},
    {"indicators", "level,la_code,region_code,indicator,period,value", "tttttr",
     "SELECT level, la_code, region_code, indicator, period,"
     " CASE WHEN value = CAST(value AS INTEGER) AND abs(value) < 1e15"
     " THEN CAST(value AS INTEGER) ELSE value END FROM indicator"
     " ORDER BY level, la_code, region_code, indicator, period"},
    {"concerns", "la_code,raised_by,date,severity,summary,closed", "tttttt",
     "SELECT la_code, raised_by, date, severity, summary, closed FROM concern"
     " ORDER BY la_code, raised_by, date, summary"},
    {"inspectors", "inspector_id,name,inspectorate,role,region,home_la", "tttttt",
     "SELECT inspector_id, name, inspectorate, role, region, home_la FROM inspector"
     " ORDER BY inspector_id"},
    {"absences", "inspector_id,from,to,kind,note", "ttttt",
     "SELECT inspector_id, from_date, to_date, kind, note FROM absence"
     " ORDER BY inspector_id, from_date, to_date, kind"},
    {"holidays", "date,name", "tt", "SELECT date, name FROM holiday ORDER BY date"},
};

int export_kind(struct db *db, const char *kind, struct rowset **out, struct error *err)
{
    for (size_t i = 0; i < sizeof exports / sizeof *exports; i++) {
        if (strcmp(kind, exports[i].kind) != 0)
            continue;
        if (rowset_select(db->handle, exports[i].names, exports[i].types, exports[i].sql, out) !=
            SQLITE_DONE) {
            return error_set(err, ERROR_INTERNAL, "exporting %s: %s", kind,
                             sqlite3_errmsg(db->handle));
        }
        return 0;
    }
    return error_set(err, ERROR_USAGE, "unknown kind '%s' (use authorities, inspections, "
                     "indicators, concerns, inspectors, absences or holidays)", kind);
}
