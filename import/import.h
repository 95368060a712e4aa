/* `jib import`: each file one transaction, all or nothing (SPEC section 3). */
#ifndef JIB_IMPORT_H
#define JIB_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "import/sink.h"

struct db;

struct import_options {
    const char *kind;          /* --kind, or NULL to detect from the headers */
    const char *inspectorate;  /* --inspectorate, for files without that column */
    const char *encoding;      /* --encoding (iconv name), or NULL for UTF-8 */
    const char *const *maps;   /* --map SOURCE=TARGET values */
    size_t map_count;
    bool skip_invalid;
    bool dry_run;
    bool update_only;          /* authorities files update known authorities only */
    const struct import_sink *sink; /* told what happens (import/sink.h); NULL: silent */
    const char *user;          /* recorded in the import log */
    const char *type;          /* --type: inspection type for files without that column */
    const char *sheet;         /* --sheet: the workbook sheet to read (NULL: the first visible) */
};

/* Detects every file's kind, then imports them in dependency order, each in
 * its own transaction, recording each attempt in the import log, and tells
 * the sink what happens. Returns 0, or the kind of the most serious failure
 * (busy, I/O, cannot create, internal, not found, data, usage) with err (may
 * be NULL) filled: the sink has already been told about every one. */
int import_files(struct db *db, const char *const *paths, size_t count,
                 const struct import_options *options, struct error *err);

#endif
