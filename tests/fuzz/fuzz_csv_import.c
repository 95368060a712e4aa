/* libFuzzer harness: one CSV file through everything an import does short of
 * writing: the reader (BOM, delimiter, quoting, UTF-8, line counting), header
 * mapping and kind detection, and row validation of the detected kind against
 * a database holding a few authorities and inspectors (tidy indicator files
 * take their two passes). Messages go to /dev/null through the sanitiser. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/db.h"
#include "import/columns.h"
#include "import/import.h"
#include "import/rows.h"
#include "import/source.h"

static struct db *db;


static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char dir[] = "/tmp/jib-fuzz-XXXXXX";
    if (!mkdtemp(dir))
        abort();
    char path[256], auth[256], insp[256];
    snprintf(path, sizeof path, "%s/jib.db", dir);
    snprintf(auth, sizeof auth, "%s/a.csv", dir);
    snprintf(insp, sizeof insp, "%s/i.csv", dir);
    write_file(auth, "la_code,ons_code,ofsted_urn,name,region_code,region_name,la_type,aliases,"
                     "stat_neighbours\n301,E09000002,80486,Barking and Dagenham,GL,London,London "
                     "Borough,,302;839\n302,E09000003,80487,Barnet,GL,London,London Borough,,301\n"
                     "839,E06000058,80556,\"Bournemouth, Christchurch & Poole\",SW,South West,"
                     "Unitary Authority,BCP,\n");
    write_file(insp, "inspector_id,name,inspectorate,role,region,home_la\nI1,A,ofsted,hmi,GL,301\n");
    struct error e;
    if (db_open(path, DB_CREATE, false, &db, &e) != 0)
        abort();

    const char *files[] = {auth, insp};
    struct import_options opt = {.user = "fuzz"};
    if (import_files(db, files, 2, &opt, NULL) != 0)
        abort();
    return 0;
}

static void validate(struct source *src, struct columns *cols, int kind)
{
    struct rows rows;
    struct error err;
    memset(&rows, 0, sizeof rows);
    if (rows_init(&rows, db, "fuzz.csv", cols, kind, NULL, &err) != 0) {
        rows_free(&rows);
        return;
    }
    rows.inspectorate = "ofsted";
    rows.type = "ilacs_standard";
    struct csv_record rec;
    if (kind == KIND_INDICATORS && rows_is_tidy(cols)) {
        while (source_next(src, &rec, &err) > 0)
            rows_tidy_observe(&rows, &rec);
        if (rows_tidy_classify(&rows, &err) != 0 || source_rewind(src) != 0 ||
            source_next(src, &rec, &err) <= 0) {
            rows_free(&rows);
            return;
        }
    }
    while (source_next(src, &rec, &err) > 0)
        rows_convert(&rows, &rec);
    rows_free(&rows);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz.csv", 0);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size)
        abort();
    char path[64];
    struct error err;
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    struct source_options so = {0};
    struct source *src = NULL;
    if (source_open(path, &so, &src, &err) == 0) {
        struct csv_record header;
        struct columns cols;
        if (source_next(src, &header, &err) > 0) {
            if (columns_map(&cols, header.fields, header.count, NULL, 0, &err) == 0) {
                int kind = columns_detect_kind(&cols, NULL, &err);
                if (kind != KIND_UNKNOWN)
                    validate(src, &cols, kind);
            }
            columns_free(&cols);
        }
        source_close(src);
    }
    close(fd);
    return 0;
}
