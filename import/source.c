/* The row source behind `jib import`: CSV through csv_reader, workbooks
 * through workbook.c, one interface. */
#include "import/source.h"

#include "core/mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/db.h"
#include "import/workbook.h"

struct source {
    const struct source_ops *ops;
    void *impl;
    enum source_format format;
    char name[4096 + 256];
    char rejects[4096 + 256];
};

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

enum source_format source_detect(const char *path)
{
    unsigned char sig[4] = {0};
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(sig, 1, 4, f) : 0;
    if (f)
        fclose(f);
    if (n == 4 && memcmp(sig, "PK\x03\x04", 4) == 0)
        return workbook_is_ods(path) ? SOURCE_ODS : SOURCE_XLSX;
    if (n == 4 && memcmp(sig, "\xD0\xCF\x11\xE0", 4) == 0)
        return SOURCE_XLS;
    if (n == 0 && (ends_with(path, ".xlsx") || ends_with(path, ".xlsm")))
        return SOURCE_XLSX; /* empty or unreadable: let the workbook reader say so */
    if (n == 0 && ends_with(path, ".ods"))
        return SOURCE_ODS;
    return SOURCE_CSV;
}

struct source *source_new(const struct source_ops *ops, void *impl, enum source_format format,
                          const char *name, const char *rejects_path)
{
    struct source *s = mem_check(calloc(1, sizeof *s));
    s->ops = ops;
    s->impl = impl;
    s->format = format;
    snprintf(s->name, sizeof s->name, "%s", name);
    snprintf(s->rejects, sizeof s->rejects, "%s", rejects_path);
    return s;
}

/* ---- CSV ---- */

static int csv_next(void *impl, struct csv_record *rec, struct error *err)
{
    return csv_reader_next(impl, rec, err);
}
static int csv_rewind(void *impl) { return csv_reader_rewind(impl); }
static long long csv_position(const void *impl) { return csv_reader_position(impl); }
static long long csv_size(const void *impl) { return csv_reader_size(impl); }
static long csv_error_line(const void *impl) { return csv_reader_error_line(impl); }
static void csv_close(void *impl) { csv_reader_close(impl); }

static const struct source_ops csv_ops = {
    csv_next, csv_rewind, csv_position, csv_size, csv_error_line, csv_close,
};

static int open_csv(const char *path, const struct source_options *opt, struct source **out,
                    struct error *err)
{
    struct csv_reader *r = NULL;
    int rc = csv_reader_open(path, opt ? opt->encoding : NULL, &r, err);
    if (rc) {
        char why[sizeof err->message];
        snprintf(why, sizeof why, "%s", err->message);
        return error_set(err, err->kind, "%s: %s", path, why);
    }
    char rejects[4096 + 64];
    snprintf(rejects, sizeof rejects, "%s.rejects.csv", path);
    *out = source_new(&csv_ops, r, SOURCE_CSV, path, rejects);
    return 0;
}

/* ---- dispatch ---- */

static int open_format(const char *path, const struct source_options *opt, struct source **out,
                       struct error *err)
{
    switch (source_detect(path)) {
    case SOURCE_XLS:
        return error_set(err, ERROR_DATA, "%s: a legacy Excel workbook (.xls), which jib does not "
                         "read: open it in Excel or LibreOffice and save it as .xlsx (or CSV "
                         "UTF-8), then import that", path);
    case SOURCE_XLSX:
        return workbook_open(path, false, opt ? opt->sheet : NULL, out, err);
    case SOURCE_ODS:
        return workbook_open(path, true, opt ? opt->sheet : NULL, out, err);
    default:
        return open_csv(path, opt, out, err);
    }
}

/* text with its leading `from` replaced by `to`, in place (cut to size). */
static void replace_prefix(char *text, size_t size, const char *from, const char *to)
{
    size_t n = strlen(from);
    if (strncmp(text, from, n) != 0)
        return;
    char rest[sizeof ((struct source *)0)->name];
    snprintf(rest, sizeof rest, "%s", text + n);
    snprintf(text, size, "%s%s", to, rest);
}

int source_open(const char *path, const struct source_options *opt, struct source **out,
                struct error *err)
{
    *out = NULL;
    int rc = open_format(path, opt, out, err);
    const char *shown = opt && opt->display_name ? opt->display_name : NULL;
    if (!shown || strcmp(shown, path) == 0)
        return rc;
    /* Opened through another name (/proc/self/fd/N): messages and the
     * rejects file use the name the user gave. */
    if (*out) {
        replace_prefix((*out)->name, sizeof (*out)->name, path, shown);
        replace_prefix((*out)->rejects, sizeof (*out)->rejects, path, shown);
    }
    if (rc)
        replace_prefix(err->message, sizeof err->message, path, shown);
    return rc;
}

bool source_digest(struct source *s, char hex[65], long long *bytes)
{
    return s->format == SOURCE_CSV && csv_reader_digest(s->impl, hex, bytes);
}

int source_next(struct source *s, struct csv_record *rec, struct error *err)
{
    return s->ops->next(s->impl, rec, err);
}

int source_rewind(struct source *s) { return s->ops->rewind(s->impl); }
long long source_position(const struct source *s) { return s->ops->position(s->impl); }
long long source_size(const struct source *s) { return s->ops->size(s->impl); }
long source_error_line(const struct source *s) { return s->ops->error_line(s->impl); }
const char *source_name(const struct source *s) { return s->name; }
const char *source_rejects_path(const struct source *s) { return s->rejects; }
enum source_format source_format(const struct source *s) { return s->format; }

void source_close(struct source *s)
{
    if (!s)
        return;
    s->ops->close(s->impl);
    free(s);
}
