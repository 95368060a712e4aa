/* TEMPORARY stub: replaced by the importer. */
#include "import/import.h"
#include "core/db.h"
int import_files(struct db *db, const char *const *paths, size_t count, const struct import_options *o)
{ (void)db; (void)paths; (void)count; (void)o; return EX_SOFTWARE_; }
