/* jib import: each file one transaction, all or nothing (SPEC section 3). */
#include "import/import.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/due_cache.h"
#include "core/gaps.h"
#include "core/import_log.h"
#include "core/inspectorate.h"
#include "core/kind.h"
#include "core/mem.h"
#include "core/store.h"
#include "core/text.h"
#include "import/columns.h"
#include "import/source.h"
#include "import/csv_writer.h"
#include "import/input.h"
#include "import/outfile.h"
#include "import/rows.h"
#include "import/rowqueue.h"

/* One file: found kind first, imported later in dependency order. */
struct job {
    const char *path;
    char name[4096 + 256]; /* FILE, or FILE[SHEET] */
    int kind;
    size_t order; /* position on the command line: ties keep it */
    struct error err; /* kind set when the file already failed before importing */
    struct input in; /* the file, opened once (see input.h) */
};

/* The state of one file's import. */
struct file_import {
    struct db *db;
    const struct import_options *opt;
    const char *path;
    const char *name; /* how messages name it: FILE, or FILE[SHEET] for a workbook */
    int kind;
    char inspectorate[32], type[32];
    struct source *reader;
    struct columns cols;
    struct rows rows; /* the reading thread's: converts each record */
    struct rows out;  /* the writing thread's: line, reasons and error count of the row it stores */
    struct rowqueue *queue;
    long long size;   /* of the file, for the progress bar */
    int read_got;     /* the reading thread's last source_next: 0 at the end, < 0 an error */
    struct error read_err;
    struct store_upserter *up[2];
    const struct store_table *up_table[2];
    struct import_counts counts;
    long long import_id;
    struct outfile rejects;
    bool rejects_open, rejects_kept, rejects_failed, rejects_write_failed;
    char rejects_path[4096];
    bool store_failed; /* the database failed: stop reading, roll back */
    struct gap_watch gaps; /* rejected inspections rows, newest per authority */
    const struct input *in;
    char sha[65];       /* of the bytes the import parsed, once a pass read them all */
    char first_sha[65]; /* of the first pass (tidy files are read twice) */
    bool ended;         /* the sink was told how the file ended */
};

/* import/ reports through the sink and never formats for a terminal. */
static void report_error(const struct import_options *opt, enum error_kind kind,
                         const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void report_error(const struct import_options *opt, enum error_kind kind,
                         const char *fmt, ...)
{
    if (!opt->sink || !opt->sink->ops->error)
        return;
    struct error e = {.kind = kind};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    opt->sink->ops->error(opt->sink->ctx, &e);
}

/* SHA-256 of the open file from its start (workbooks: read through the
 * same open file the reader used). 0 or -1. */
static int sha256_fd(int fd, char hex[65], long long *bytes)
{
    struct sha256_ctx ctx;
    unsigned char buf[65536], digest[SHA256_DIGEST_SIZE];
    ssize_t n;
    off_t off = 0;
    sha256_init(&ctx);
    while ((n = pread(fd, buf, sizeof buf, off)) > 0) {
        sha256_update(&ctx, (size_t)n, buf);
        off += n;
    }
    if (n < 0)
        return -1;
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    *bytes = (long long)off;
    return 0;
}

static void source_opts(const struct import_options *opt, struct source_options *so)
{
    so->encoding = opt->encoding;
    so->sheet = opt->sheet;
}

/* err's message after "PREFIX: " (the file's name, or FILE:LINE). */
static int prefixed(struct error *err, enum error_kind kind, const char *name, long line)
{
    char why[sizeof err->message];
    snprintf(why, sizeof why, "%s", err->message);
    if (line > 0)
        return error_set(err, kind, "%s:%ld: %s", name, line, why);
    return error_set(err, kind, "%s: %s", name, why);
}

/* Opens the file and maps its header: 0, or an error kind with err. */
static int open_and_map(const char *path, const struct input *in, const struct import_options *opt,
                        struct source **reader, struct columns *cols, struct error *err)
{
    struct source_options so;
    source_opts(opt, &so);
    so.display_name = path;
    path = input_path(in);
    int rc = source_open(path, &so, reader, err);
    if (rc)
        return rc;
    const char *name = source_name(*reader);
    struct csv_record header;
    int got = source_next(*reader, &header, err);
    if (got <= 0) {
        if (got < 0)
            prefixed(err, ERROR_DATA, name, source_error_line(*reader));
        else
            error_set(err, ERROR_DATA, "%s: the file is empty (no header line)", name);
        source_close(*reader);
        *reader = NULL;
        return ERROR_DATA;
    }
    rc = columns_map(cols, header.fields, header.count, opt->maps, opt->map_count, err);
    if (rc)
        prefixed(err, err->kind, name, 0);
    return rc;
}

static void plan_file(struct job *job, const struct import_options *opt)
{
    struct source *reader = NULL;
    struct columns cols;
    job->kind = KIND_UNKNOWN; /* until the header says */
    snprintf(job->name, sizeof job->name, "%s", job->path);
    error_set(&job->err, ERROR_NONE, "%s", "");
    if (input_open(job->path, &job->in, &job->err))
        return;
    open_and_map(job->path, &job->in, opt, &reader, &cols, &job->err);
    if (reader)
        snprintf(job->name, sizeof job->name, "%s", source_name(reader));
    if (!job->err.kind) {
        job->kind = columns_detect_kind(&cols, opt->kind, &job->err);
        if (job->kind == KIND_UNKNOWN)
            prefixed(&job->err, job->err.kind, job->name, 0);
    }
    if (reader)
        columns_free(&cols);
    source_close(reader);
}

/* ---- per file ---- */

/* Rule 14 and friends: what a kind needs that only an option can supply. */
static int check_file_columns(struct file_import *fi, struct error *err)
{
    const int *col = fi->cols.field_col;
    bool has_insp = col[FLD_INSPECTORATE] >= 0 || fi->inspectorate[0] ||
                    (fi->kind == KIND_CONCERNS && col[FLD_RAISED_BY] >= 0);
    if ((fi->kind == KIND_INSPECTIONS || fi->kind == KIND_CONCERNS) && !has_insp)
        return error_set(err, ERROR_DATA, "%s: the file has no inspectorate column: say whose %s "
                         "these are with --inspectorate (e.g. --inspectorate ofsted)", fi->name,
                         columns_kind_name(fi->kind));
    if (fi->kind == KIND_INSPECTIONS && col[FLD_TYPE] < 0 && !fi->type[0])
        return error_set(err, ERROR_DATA, "%s: the file has no inspection type column: give "
                         "--type (e.g. --type other) or --map a column to type", fi->name);
    return 0;
}

static struct store_upserter *upserter_for(struct file_import *fi, const struct store_table *t,
                                           struct error *err)
{
    for (int i = 0; i < 2; i++) {
        if (fi->up_table[i] == t)
            return fi->up[i];
        if (!fi->up_table[i]) {
            fi->up_table[i] = t;
            fi->up[i] = store_upserter_new(fi->db, t, fi->import_id, err);
            return fi->up[i];
        }
    }
    return NULL;
}

static bool write_record(FILE *f, char *const *fields, size_t count, const char *last)
{
    bool ok = true;
    for (size_t i = 0; i < count; i++)
        ok = ok && csv_write_field(f, fields[i]) == 0 && fputc(',', f) != EOF;
    return ok && csv_write_field(f, last) == 0 && fputc('\n', f) != EOF;
}

/* Rejected rows go to FILE.rejects.csv, written through a temporary file
 * (see outfile.h) with the database's mode. */
static void write_reject(struct file_import *fi, const struct csv_record *rec)
{
    if (fi->rejects_failed)
        return;
    if (!fi->rejects_open) {
        snprintf(fi->rejects_path, sizeof fi->rejects_path, "%s", source_rejects_path(fi->reader));
        if (outfile_open(&fi->rejects, fi->rejects_path, outfile_mode_like(fi->db->path),
                         false) != 0) {
            report_error(fi->opt, ERROR_IO, "cannot write %s: %s (nothing imported from %s)",
                         fi->rejects_path, strerror(errno), fi->name);
            fi->rejects_failed = true;
            return;
        }
        fi->rejects_open = true;
        if (!write_record(fi->rejects.f, fi->cols.headers, fi->cols.count, "error"))
            fi->rejects_write_failed = true;
    }
    if (!write_record(fi->rejects.f, rec->fields, rec->count, fi->out.reasons))
        fi->rejects_write_failed = true;
}

static void count(struct file_import *fi, enum store_outcome o)
{
    if (o == STORE_INSERTED)
        fi->counts.inserted++;
    else if (o == STORE_UPDATED)
        fi->counts.updated++;
    else if (o == STORE_UNCHANGED)
        fi->counts.unchanged++;
}

/* Upserts the row's items; a duplicate key or a refused write makes it invalid. */
static void store_row(struct file_import *fi, const struct queued_row *row)
{
    struct error e;
    error_clear(&e);
    const char *err = e.message;
    for (size_t i = 0; i < row->nitems && !fi->out.invalid; i++) {
        const struct row_item *it = &row->items[i];
        struct store_upserter *u = upserter_for(fi, it->table, &e);
        enum store_outcome o = u ? store_upsert(u, it->keys, it->vals, &e) : STORE_FAILED;
        if (o == STORE_DUPLICATE)
            rows_error_col(&fi->out, -1, "", "duplicate: an earlier line of this file has the "
                           "same natural key (%s)", it->table->table);
        else if (o == STORE_ERROR)
            rows_error_col(&fi->out, -1, "", "the database refused the row: %s", err);
        else if (o == STORE_FAILED) {
            report_error(fi->opt, ERROR_IO, "%s:%ld: the database failed: %s; nothing imported "
                         "from this file", fi->name, row->line, err);
            fi->store_failed = true;
            return;
        }
        else
            count(fi, o);
    }
}

static void progress(struct file_import *fi, long long pos, long rows, bool finished)
{
    const struct import_sink *sink = fi->opt->sink;
    if (!sink || !sink->ops->progress)
        return;
    struct import_progress p = {.name = fi->name, .done = pos, .total = fi->size, .rows = rows,
                                .finished = finished};
    sink->ops->progress(sink->ctx, &p);
}

/* A rejected inspections row whose authority is known: its newest date, to
 * tell after the file whether the history now has a gap. */
static void note_rejected_inspection(struct file_import *fi, const struct queued_row *row)
{
    if (fi->kind != KIND_INSPECTIONS || row->nitems == 0 || row->items[0].table != &store_inspection)
        return;
    const struct row_item *it = &row->items[0];
    const struct store_value *dates[] = {&it->vals[1], &it->vals[0], &it->keys[3]};
    static const char *const names[] = {"published", "end_date", "start_date"};
    const char *best = NULL, *field = NULL;
    for (int i = 0; i < 3; i++)
        if (dates[i]->type == SV_TEXT && dates[i]->text && (!best || strcmp(dates[i]->text, best) > 0))
            best = dates[i]->text, field = names[i];
    if (it->keys[0].type == SV_TEXT && best)
        gap_watch_note(&fi->gaps, it->keys[0].text, best, field, fi->name, row->line);
}

/* The writing thread's part of one row, in file order: its messages, then
 * the upserts (a duplicate key is found here), the counts and the rejects. */
static void handle_row(struct file_import *fi, const struct queued_row *row)
{
    struct rows *out = &fi->out;
    out->line = row->line;
    out->invalid = row->invalid;
    out->reasons_len = row->invalid ? strlen(row->reasons) : 0;
    if (out->reasons_len >= sizeof out->reasons)
        out->reasons_len = sizeof out->reasons - 1;
    memcpy(out->reasons, row->reasons, out->reasons_len);
    out->reasons[out->reasons_len] = '\0';
    for (size_t off = 0; off < row->msgs_len; off += strlen(row->msgs + off) + 1)
        rows_emit(out, row->line, row->msgs + off);
    if (row->res == ROW_SKIPPED) {
        fi->counts.skipped++;
        return;
    }
    if (row->res == ROW_OK)
        store_row(fi, row);
    if (!out->invalid)
        return;
    fi->counts.rejected++;
    note_rejected_inspection(fi, row);
    if (fi->opt->skip_invalid && !fi->opt->dry_run)
        write_reject(fi, &row->rec);
}

/* The reading thread: reads, validates and converts every record, and hands
 * the rows over in order through the bounded queue. Touches neither the
 * database nor the terminal (its messages travel with the rows). */
static void *read_and_convert(void *arg)
{
    struct file_import *fi = arg;
    struct csv_record rec;
    int got;
    while ((got = source_next(fi->reader, &rec, &fi->read_err)) > 0) {
        enum row_result res = rows_convert(&fi->rows, &rec);
        struct queued_row *slot = rowqueue_slot(fi->queue);
        if (!slot)
            break; /* the writer stopped */
        rowqueue_fill(slot, &fi->rows, &rec, res, source_position(fi->reader));
        rowqueue_push(fi->queue);
    }
    fi->read_got = got;
    rowqueue_close(fi->queue);
    return NULL;
}

/* Streams every record: read and converted on a second thread, stored on
 * this one (the database connection stays on the thread that opened it).
 * 0, or an error kind when the file cannot be read to the end (the sink
 * was told why). */
static int read_rows(struct file_import *fi)
{
    fi->size = source_size(fi->reader);
    fi->rows.defer = true;
    fi->out = (struct rows){.file = fi->rows.file, .cols = fi->rows.cols, .kind = fi->rows.kind,
                            .sink = fi->rows.sink};
    fi->queue = rowqueue_new();
    pthread_t reader;
    if (!fi->queue || pthread_create(&reader, NULL, read_and_convert, fi) != 0) {
        rowqueue_free(fi->queue);
        fi->queue = NULL;
        report_error(fi->opt, ERROR_INTERNAL, "%s: cannot start reading: out of memory or threads",
                     fi->name);
        return ERROR_INTERNAL;
    }
    struct queued_row *row;
    long n = 0;
    while ((row = rowqueue_pop(fi->queue)) != NULL) {
        if (fi->store_failed)
            continue; /* the reader stops at its next hand-over */
        handle_row(fi, row);
        if (fi->store_failed)
            rowqueue_stop(fi->queue);
        if ((++n & 1023) == 0)
            progress(fi, row->pos, n, false);
    }
    pthread_join(reader, NULL);
    rowqueue_free(fi->queue);
    fi->queue = NULL;
    fi->rows.defer = false;
    fi->rows.errors_total = fi->out.errors_total;
    progress(fi, fi->size, n, true);
    if (fi->store_failed)
        return ERROR_IO;
    if (fi->read_got < 0) {
        if (fi->opt->sink && fi->opt->sink->ops->message)
            fi->opt->sink->ops->message(fi->opt->sink->ctx, false, fi->name,
                                        source_error_line(fi->reader), fi->read_err.message);
        return fi->read_err.kind == ERROR_IO ? ERROR_IO : ERROR_DATA;
    }
    return 0;
}

/* The first pass of a tidy indicators file: which columns are measures. */
static int classify_tidy(struct file_import *fi, struct error *err)
{
    struct csv_record rec;
    int got;
    while ((got = source_next(fi->reader, &rec, err)) > 0)
        rows_tidy_observe(&fi->rows, &rec);
    if (got < 0)
        return prefixed(err, ERROR_DATA, fi->name, source_error_line(fi->reader));
    long long bytes;
    if (!source_digest(fi->reader, fi->first_sha, &bytes))
        fi->first_sha[0] = '\0';
    if (rows_tidy_classify(&fi->rows, err) != 0)
        return prefixed(err, ERROR_DATA, fi->name, 0);
    if (source_rewind(fi->reader) != 0 || source_next(fi->reader, &rec, err) <= 0)
        return error_set(err, ERROR_IO, "%s: cannot read the file a second time", fi->name);
    return 0;
}

static int prepare(struct file_import *fi, struct error *err)
{
    int rc = open_and_map(fi->path, fi->in, fi->opt, &fi->reader, &fi->cols, err);
    if (rc)
        return rc;
    fi->name = source_name(fi->reader);
    rc = check_file_columns(fi, err);
    if (!rc)
        rc = rows_init(&fi->rows, fi->db, fi->name, &fi->cols, fi->kind, fi->opt->sink, err);
    fi->rows.inspectorate = fi->inspectorate[0] ? fi->inspectorate : NULL;
    fi->rows.type = fi->type[0] ? fi->type : NULL;
    fi->rows.update_only = fi->opt->update_only;
    if (!rc && fi->kind == KIND_INDICATORS && rows_is_tidy(&fi->cols))
        rc = classify_tidy(fi, err);
    return rc;
}

/* The file's outcome, counts and warnings, for the sink's end_file. */
static void report_end(struct file_import *fi, bool failed, bool unreadable)
{
    const struct import_sink *sink = fi->opt->sink;
    fi->ended = true;
    if (!sink || !sink->ops->end_file)
        return;
    char list[2048] = "";
    if (!fi->rows.tidy)
        columns_unmatched(&fi->cols, list, sizeof list);
    struct import_file_report r = {
        .name = fi->name,
        .kind = columns_kind_name(fi->kind),
        .outcome = !failed ? IMPORT_OK
                   : !unreadable ? IMPORT_INVALID_ROWS
                   : fi->store_failed ? IMPORT_DATABASE_FAILED : IMPORT_UNREADABLE,
        .dry_run = fi->opt->dry_run,
        .indicators = fi->kind == KIND_INDICATORS,
        .counts = fi->counts,
        .errors_total = fi->rows.errors_total,
        .ignored_columns = list,
        .rejects_path = fi->rejects_kept ? fi->rejects_path : NULL,
        .gaps = failed ? NULL : &fi->gaps,
    };
    sink->ops->end_file(sink->ctx, &r);
}

/* After the last pass: the digest of exactly the bytes parsed, and the file
 * must be whole and as it was when opened (a file rewritten or appended to
 * during the import fails, nothing imported). 0 or ERROR_IO. */
static int check_unchanged(struct file_import *fi)
{
    long long bytes = -1;
    bool parsed = source_digest(fi->reader, fi->sha, &bytes);
    if (!parsed && sha256_fd(fi->in->fd, fi->sha, &bytes) != 0)
        fi->sha[0] = '\0';
    bool same = input_unchanged(fi->in) && bytes == (long long)fi->in->st.st_size &&
                (!fi->first_sha[0] || strcmp(fi->first_sha, fi->sha) == 0);
    if (same)
        return 0;
    report_error(fi->opt, ERROR_IO, "%s: the file changed while it was being imported: nothing "
                 "imported from it; import it again once it is complete", fi->name);
    return ERROR_IO;
}

/* Before the commit: the rejects file is complete on disk, or the import
 * fails (nothing may be lost). 0 or ERROR_IO. */
static int finish_rejects(struct file_import *fi, bool keep)
{
    if (!fi->rejects_open)
        return 0;
    fi->rejects_open = false;
    if (!keep || fi->rejects_write_failed) {
        if (keep)
            report_error(fi->opt, ERROR_IO, "cannot write %s: %s; nothing imported from %s",
                         fi->rejects_path, strerror(errno ? errno : EIO), fi->name);
        outfile_abort(&fi->rejects);
        return keep ? ERROR_IO : 0;
    }
    if (outfile_commit(&fi->rejects) != 0) {
        report_error(fi->opt, ERROR_IO, "cannot write %s: %s; nothing imported from %s",
                     fi->rejects_path, strerror(errno), fi->name);
        return ERROR_IO;
    }
    fi->rejects_kept = true;
    return 0;
}

/* The file's transaction. An inspections row's la_code is always one of the
 * authorities rows_init read (r->codes): once they are all found inside the
 * transaction (whose write lock keeps them there), SQLite need not look each
 * row's authority up again (issue 12: a cursor opened, a seek and a close per
 * row), so foreign keys are off until the transaction ends (load() turns them
 * on again). When one has gone in between, the usual checks stay on. */
static int begin_import(struct file_import *fi, struct error *e)
{
    if (fi->kind != KIND_INSPECTIONS || db_exec(fi->db, "PRAGMA foreign_keys = OFF", e) != 0)
        return db_begin(fi->db, e);
    int rc = db_begin(fi->db, e);
    if (rc || store_authorities_exist(fi->db, fi->rows.codes, fi->rows.ncodes) == 1)
        return rc;
    db_rollback(fi->db);
    db_exec(fi->db, "PRAGMA foreign_keys = ON", NULL);
    return db_begin(fi->db, e);
}

static int load_file(struct file_import *fi, bool *logged);

/* Runs the file's transaction, with its import log row inside it: a kill at
 * any moment leaves no row behind, and a commit leaves a finished one.
 * Returns 0 or an error kind (the sink was told why); *logged tells whether
 * the log row was committed. */
static int load(struct file_import *fi, bool *logged)
{
    int rc = load_file(fi, logged);
    db_rollback(fi->db); /* a no-op unless a failure left the transaction open */
    db_exec(fi->db, "PRAGMA foreign_keys = ON", NULL);
    return rc;
}

static int load_file(struct file_import *fi, bool *logged)
{
    struct error e;
    *logged = false;
    /* Index pages of a large table stay in memory while it loads (40 MB,
     * inside the importer's 64 MB budget). */
    db_exec(fi->db, "PRAGMA cache_size = -40000", NULL);
    int rc = begin_import(fi, &e);
    if (rc) {
        report_error(fi->opt, e.kind, "%s", e.message);
        return rc;
    }
    const char *kind = columns_kind_name(fi->kind);
    fi->import_id = import_log_start(fi->db, fi->name, NULL, kind, fi->opt->user, &e);
    if (fi->import_id >= 0 &&
        (due_cache_invalidate(fi->db) != 0 || due_cache_triggers_drop(fi->db) != 0)) {
        snprintf(e.message, sizeof e.message, "%s", sqlite3_errmsg(fi->db->handle));
        fi->import_id = -1;
    }
    if (fi->import_id < 0) {
        db_rollback(fi->db);
        report_error(fi->opt, ERROR_IO, "%s: %s", fi->name, e.message);
        return ERROR_IO;
    }
    rc = read_rows(fi);
    if (!rc)
        rc = check_unchanged(fi);
    if (!rc && fi->rejects_failed)
        rc = ERROR_CANNOT_CREATE;
    bool failed = rc || (fi->rows.errors_total && !fi->opt->skip_invalid);
    for (int i = 0; i < 2; i++)
        store_upserter_free(fi->up[i]), fi->up[i] = NULL;
    if (!failed && !fi->opt->dry_run && (rc = finish_rejects(fi, true)) != 0)
        failed = true;
    finish_rejects(fi, false);
    if (!failed && fi->gaps.count &&
        gap_watch_resolve(&fi->gaps, fi->db, fi->import_id, !fi->opt->dry_run) != 0) {
        report_error(fi->opt, ERROR_IO, "%s: cannot record the rejected rows' dates: %s", fi->name,
                     sqlite3_errmsg(fi->db->handle));
        rc = ERROR_IO;
        failed = true;
    }
    if (failed) {
        db_rollback(fi->db);
    } else if (due_cache_triggers_create(fi->db) != 0 ||
               import_log_set_sha256(fi->db, fi->import_id, fi->sha[0] ? fi->sha : NULL) != 0 ||
               import_log_finish(fi->db, fi->import_id, kind, &fi->counts,
                                 fi->opt->dry_run ? "dry_run" : "ok", NULL) != 0) {
        db_rollback(fi->db);
        report_error(fi->opt, ERROR_IO, "%s: cannot record the import: %s", fi->name,
                     sqlite3_errmsg(fi->db->handle));
        rc = ERROR_IO;
        failed = true;
    } else if (fi->opt->dry_run) {
        db_rollback(fi->db); /* the caller records the dry run */
    } else if ((rc = db_commit(fi->db, &e)) != 0) {
        report_error(fi->opt, e.kind, "%s", e.message);
        failed = true;
    } else {
        *logged = true;
    }
    if (failed && fi->rejects_kept) {
        unlink(fi->rejects_path);
        fi->rejects_kept = false;
    }
    report_end(fi, failed, rc != 0);
    return rc ? rc : failed ? ERROR_DATA : 0;
}

/* A failed or dry-run attempt is recorded in its own short transaction. */
static void log_attempt(struct db *db, const char *name, const char *sha, const char *kind,
                        const struct import_options *opt, const struct import_counts *counts,
                        const char *outcome, const char *message)
{
    if (db_begin(db, NULL) != 0)
        return;
    long long id = import_log_start(db, name, sha, kind, opt->user, NULL);
    if (id < 0 || import_log_finish(db, id, kind, counts, outcome, message) != 0) {
        db_rollback(db);
        return;
    }
    db_commit(db, NULL);
}

/* Imports one file: 0, or an error kind with out filled (the sink was told). */
static int import_one(struct db *db, const struct job *job, const struct import_options *opt,
                      struct error *out)
{
    struct file_import fi = {.db = db, .opt = opt, .path = job->path, .name = job->name,
                             .kind = job->kind, .in = &job->in};
    char why[256];
    enum inspectorate insp;
    if (opt->inspectorate && inspectorate_parse(opt->inspectorate, &insp, why, sizeof why))
        snprintf(fi.inspectorate, sizeof fi.inspectorate, "%s", inspectorate_code(insp));
    int t = opt->type ? enum_parse(&inspection_types, opt->type, why, sizeof why) : -1;
    if (t >= 0)
        snprintf(fi.type, sizeof fi.type, "%s", inspection_types.values[t].name);
    int rc = job->err.kind;
    const char *kind = job->kind >= 0 ? columns_kind_name(job->kind) : NULL;
    bool logged = false;
    error_set(out, ERROR_NONE, "%s", "");
    if (opt->sink && opt->sink->ops->begin_file)
        opt->sink->ops->begin_file(opt->sink->ctx, job->name, kind);
    bool told = false; /* load() tells the sink itself */
    if (job->err.kind) {
        *out = job->err;
    } else if ((rc = prepare(&fi, out)) == 0) {
        rc = load(&fi, &logged);
        told = true;
        if (rc)
            error_set(out, rc, "%s: failed, nothing imported", job->name);
    }
    if (out->kind && !told && opt->sink && opt->sink->ops->error)
        opt->sink->ops->error(opt->sink->ctx, out);
    if (!fi.ended && opt->sink && opt->sink->ops->end_file) {
        struct import_file_report r = {.name = job->name, .kind = kind,
                                       .outcome = IMPORT_NOT_LOADED, .dry_run = opt->dry_run};
        opt->sink->ops->end_file(opt->sink->ctx, &r);
    }
    /* A busy database would refuse the log row too. */
    if (!logged && rc != ERROR_BUSY)
        log_attempt(db, job->name, fi.sha[0] ? fi.sha : NULL, kind, opt, &fi.counts,
                    rc == ERROR_NOT_FOUND ? "missing" : rc ? "failed"
                    : opt->dry_run ? "dry_run" : "ok",
                    job->err.kind ? job->err.message : NULL);
    source_close(fi.reader);
    if (fi.cols.headers)
        columns_free(&fi.cols);
    rows_free(&fi.rows);
    gap_watch_free(&fi.gaps);
    return rc;
}

static int validate_options(const struct import_options *opt, struct error *err)
{
    char why[256];
    enum inspectorate insp;
    if (opt->inspectorate && !inspectorate_parse(opt->inspectorate, &insp, why, sizeof why))
        return error_set(err, ERROR_USAGE, "--inspectorate '%s': %s", opt->inspectorate, why);
    if (opt->type && enum_parse(&inspection_types, opt->type, why, sizeof why) < 0)
        return error_set(err, ERROR_USAGE, "--type '%s': %s", opt->type, why);
    if (opt->kind && columns_kind_parse(opt->kind) == KIND_UNKNOWN)
        return error_set(err, ERROR_USAGE, "--kind '%s': unknown kind (use authorities, "
                         "inspections, indicators, concerns, inspectors, absences or holidays)",
                         opt->kind);
    return 0;
}

static int by_kind(const void *a, const void *b)
{
    const struct job *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Which failure of several files the import as a whole reports: the most
 * serious, in the order jib has always ranked them (a busy database, then
 * I/O, an output that cannot be made, internal, unavailable, a missing
 * file, invalid data, a usage error). */
static int severity(enum error_kind kind)
{
    static const enum error_kind order[] = {ERROR_NONE, ERROR_USAGE, ERROR_DATA, ERROR_NOT_FOUND,
                                            ERROR_UNAVAILABLE, ERROR_INTERNAL,
                                            ERROR_CANNOT_CREATE, ERROR_IO, ERROR_BUSY};
    for (int i = 0; i < (int)(sizeof order / sizeof *order); i++)
        if (order[i] == kind)
            return i;
    return 0;
}

int import_files(struct db *db, const char *const *paths, size_t count,
                 const struct import_options *options, struct error *err)
{
    struct import_options opt = *options;
    struct error worst, e;
    error_set(&worst, ERROR_NONE, "%s", "");
    if (validate_options(&opt, &worst)) {
        if (opt.sink && opt.sink->ops->error)
            opt.sink->ops->error(opt.sink->ctx, &worst);
        if (err)
            *err = worst;
        return worst.kind;
    }
    struct job *jobs = mem_check(calloc(count ? count : 1, sizeof *jobs));
    for (size_t i = 0; i < count; i++) {
        jobs[i].path = paths[i];
        jobs[i].order = i;
        plan_file(&jobs[i], &opt);
    }
    qsort(jobs, count, sizeof *jobs, by_kind);
    for (size_t i = 0; i < count; i++) {
        if (import_one(db, &jobs[i], &opt, &e) && severity(e.kind) > severity(worst.kind))
            worst = e;
        input_close(&jobs[i].in);
    }
    free(jobs);
    if (err)
        *err = worst;
    return worst.kind;
}
