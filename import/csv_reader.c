#include "import/csv_reader.h"

#include "core/mem.h"

#include <csv.h>
#include <nettle/sha2.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/db.h"
#include "core/error.h"
#include "core/text.h"

#define CHUNK (64 * 1024)
/* The longest record (and so field) read: 1 MiB. Longer is an error naming
 * the line it starts on, and memory stays flat whatever the input. */
#define MAX_RECORD_BYTES (1024 * 1024)

/* A completed record waiting in the queue: fields [first, first + count). */
struct pending {
    size_t first, count;
    long line;
};

struct csv_reader {
    FILE *f;
    iconv_t cd; /* (iconv_t)-1 when the file is read as UTF-8 */
    struct csv_parser parser;
    char delim;
    bool started, at_eof, finished, at_line_start, failed;
    char raw[CHUNK];
    char carry[16]; /* an incomplete multibyte sequence kept for the next chunk */
    size_t carry_len;
    char *data; /* bytes ready to parse (UTF-8) */
    size_t data_len, data_pos, data_cap;
    long line, record_start, error_line;
    char error[256];
    enum error_kind error_kind; /* ERROR_DATA, or ERROR_IO for a read error */
    char *fbuf; /* field text, NUL-terminated, back to back */
    size_t flen, fcap;
    size_t *foff; /* offset of each field in fbuf */
    size_t nf, foff_cap, record_first;
    struct pending *queue;
    size_t qhead, qlen, qcap;
    char **ptrs;
    size_t ptrs_cap;
    long long pos, size;
    bool pending_cr;        /* the last line ended with CR: a following LF belongs to it */
    size_t record_bytes;    /* bytes fed since the current record started */
    bool record_done;       /* a record ended in the last feed */
    bool plain_lines;       /* lines without quotes skip libcsv (see feed_plain_line) */
    struct sha256_ctx sha;  /* of the raw bytes read in this pass */
};

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    return mem_grow(p, cap, need, elem, 64);
}

static void set_error(struct csv_reader *r, const char *fmt, const char *detail)
{
    if (r->failed)
        return;
    r->failed = true;
    r->error_line = r->line;
    r->error_kind = ERROR_DATA;
    snprintf(r->error, sizeof r->error, fmt, detail ? detail : "");
}

static void set_invalid_utf8(struct csv_reader *r)
{
    set_error(r, "invalid UTF-8%s (save the file as UTF-8, or give --encoding, e.g. "
                 "--encoding WINDOWS-1252)", NULL);
}

static void add_field(struct csv_reader *r, const char *s, size_t len)
{
    if (r->flen + len + 1 > r->fcap)
        r->fbuf = grow(r->fbuf, &r->fcap, r->flen + len + 1, 1);
    if (r->nf + 1 > r->foff_cap)
        r->foff = grow(r->foff, &r->foff_cap, r->nf + 1, sizeof *r->foff);
    r->foff[r->nf++] = r->flen;
    if (len)
        memcpy(r->fbuf + r->flen, s, len);
    r->flen += len;
    r->fbuf[r->flen++] = '\0';
}

static void on_field(void *s, size_t len, void *ctx)
{
    struct csv_reader *r = ctx;
    if (r->cd == (iconv_t)-1 && !text_utf8_valid(s ? s : "", len))
        set_invalid_utf8(r);
    add_field(r, s, len);
}

static void on_record(int c, void *ctx);

/* A whole physical line without a quote, starting a record: its fields are
 * the text between delimiters less leading and trailing spaces, exactly what
 * libcsv gives for it (a line of spaces only, or an empty one, is no record),
 * found with memchr instead of libcsv's per-byte state machine, which was a
 * third of the reading thread's instructions (issue 12). s[0, n) ends with the
 * line's CR, LF or CR LF. */
static void feed_plain_line(struct csv_reader *r, const char *s, size_t n)
{
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    if (r->cd == (iconv_t)-1 && !text_utf8_valid(s, n)) {
        /* As libcsv's path would: invalid UTF-8 is in one of the fields
         * (delimiters, spaces and line ends are ASCII). */
        set_invalid_utf8(r);
        return;
    }
    size_t lead = 0;
    while (lead < n && s[lead] == ' ')
        lead++;
    if (lead == n)
        return;
    const char *p = s, *end = s + n;
    for (;;) {
        const char *d = memchr(p, r->delim, (size_t)(end - p));
        const char *a = p, *b = d ? d : end;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        add_field(r, a, (size_t)(b - a));
        if (!d)
            break;
        p = d + 1;
    }
    on_record(0, r);
}

static void on_record(int c, void *ctx)
{
    (void)c;
    struct csv_reader *r = ctx;
    r->queue = grow(r->queue, &r->qcap, r->qlen + 1, sizeof *r->queue);
    r->queue[r->qlen++] = (struct pending){r->record_first, r->nf - r->record_first, r->record_start};
    r->record_first = r->nf;
    r->record_bytes = 0;
    r->record_done = true;
}

static int is_space(unsigned char c) { return c == ' '; }

static void parser_init(struct csv_reader *r)
{
    csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_space_func(&r->parser, is_space);
    /* libcsv grows a field 128 bytes at a time by default: a long field
     * would cost a realloc per 128 bytes. */
    csv_set_blk_size(&r->parser, 64 * 1024);
    csv_set_delim(&r->parser, (unsigned char)(r->delim ? r->delim : ','));
}

/* The delimiter the header line uses most, outside quotes; comma on a tie. */
static char detect_delimiter(const char *s, size_t len)
{
    size_t comma = 0, tab = 0, semi = 0;
    bool quoted = false;
    for (size_t i = 0; i < len && (quoted || s[i] != '\n'); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            comma += s[i] == ',', tab += s[i] == '\t', semi += s[i] == ';';
    }
    if (tab > comma && tab >= semi)
        return '\t';
    if (semi > comma && semi > tab)
        return ';';
    return ',';
}

int csv_reader_open(const char *path, const char *encoding, struct csv_reader **out,
                    struct error *err)
{
    struct csv_reader *r = calloc(1, sizeof *r);
    if (!r)
        return error_set(err, ERROR_INTERNAL, "out of memory");
    r->cd = (iconv_t)-1;
    r->f = fopen(path, "rb");
    if (!r->f) {
        int e = errno;
        enum error_kind kind = e == ENOENT || e == EACCES || e == EPERM || e == ENOTDIR
                                   ? ERROR_NOT_FOUND : ERROR_IO;
        free(r);
        if (e == EACCES || e == EPERM)
            return error_set(err, kind, "permission denied (ask whoever owns it to let you read it)");
        if (e == ENOENT)
            return error_set(err, kind, "no such file");
        return error_set(err, kind, "%s", strerror(e));
    }
    struct stat st;
    r->size = fstat(fileno(r->f), &st) == 0 ? (long long)st.st_size : 0;
    if (S_ISDIR(st.st_mode)) {
        error_set(err, ERROR_NOT_FOUND, "is a directory: give the CSV files in it (e.g. %s/*.csv)",
                  path);
        fclose(r->f);
        free(r);
        return ERROR_NOT_FOUND;
    }
    if (encoding && *encoding) {
        r->cd = iconv_open("UTF-8", encoding);
        if (r->cd == (iconv_t)-1) {
            error_set(err, ERROR_USAGE, "unknown encoding '%s' (try WINDOWS-1252, ISO-8859-1, "
                      "UTF-16)", encoding);
            fclose(r->f);
            free(r);
            return ERROR_USAGE;
        }
    }
    r->line = 1;
    r->at_line_start = true;
    r->plain_lines = true;
    sha256_init(&r->sha);
    parser_init(r);
    *out = r;
    return 0;
}

/* Converts raw bytes to UTF-8 appended to r->data. */
static int convert(struct csv_reader *r, const char *in, size_t n)
{
    char buf[CHUNK + sizeof r->carry];
    memcpy(buf, r->carry, r->carry_len);
    memcpy(buf + r->carry_len, in, n);
    char *src = buf;
    size_t left = r->carry_len + n;
    r->carry_len = 0;
    while (left) {
        r->data = grow(r->data, &r->data_cap, r->data_len + left * 4 + 16, 1);
        char *dst = r->data + r->data_len;
        size_t room = r->data_cap - r->data_len;
        size_t rc = iconv(r->cd, &src, &left, &dst, &room);
        r->data_len = (size_t)(dst - r->data);
        if (rc != (size_t)-1 || errno == E2BIG)
            continue;
        if (errno == EINVAL && left < sizeof r->carry && !r->at_eof) {
            memcpy(r->carry, src, left);
            r->carry_len = left;
            return 0;
        }
        set_error(r, "a byte that is not valid in the given encoding%s", NULL);
        return -1;
    }
    return 0;
}

static void strip_bom_and_detect(struct csv_reader *r)
{
    if (r->data_len >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0)
        r->data_pos = 3;
    if (!r->delim) {
        r->delim = detect_delimiter(r->data + r->data_pos, r->data_len - r->data_pos);
        csv_set_delim(&r->parser, (unsigned char)r->delim);
    }
}

/* Reads the next chunk into r->data. 1 with data, 0 at the end, -1 on error. */
static int refill(struct csv_reader *r)
{
    r->data_len = r->data_pos = 0;
    size_t n = fread(r->raw, 1, sizeof r->raw, r->f);
    if (ferror(r->f)) {
        set_error(r, "read error%s", NULL);
        r->error_kind = ERROR_IO;
        return -1;
    }
    r->pos += (long long)n;
    sha256_update(&r->sha, n, (const uint8_t *)r->raw);
    r->at_eof = n < sizeof r->raw;
    if (r->cd != (iconv_t)-1) {
        if (convert(r, r->raw, n) != 0)
            return -1;
    } else {
        r->data = grow(r->data, &r->data_cap, n + 1, 1);
        memcpy(r->data, r->raw, n);
        r->data_len = n;
    }
    if (!r->started) {
        r->started = true;
        strip_bom_and_detect(r);
    }
    return r->data_len > r->data_pos || !r->at_eof ? 1 : 0;
}

/* The end of the physical line starting at p: after LF, CR LF or a lone CR
 * (old Mac files), or the end of the data. *ended tells whether a line ended. */
static size_t line_length(const char *p, size_t avail, bool *ended)
{
    for (size_t i = 0; i < avail; i++) {
        if (p[i] == '\n') {
            *ended = true;
            return i + 1;
        }
        if (p[i] == '\r') {
            *ended = true;
            return i + 1 < avail && p[i + 1] == '\n' ? i + 2 : i + 1;
        }
    }
    *ended = false;
    return avail;
}

/* Feeds up to the end of the current physical line, noting where records start. */
static int feed_line(struct csv_reader *r)
{
    const char *start = r->data + r->data_pos;
    size_t avail = r->data_len - r->data_pos;
    bool ended;
    size_t n;
    if (r->pending_cr && start[0] == '\n') {
        /* the LF of a CR LF split across two chunks: the line was counted */
        n = 1;
        ended = false;
    } else {
        n = line_length(start, avail, &ended);
    }
    r->pending_cr = ended && start[n - 1] == '\r';
    if (memchr(start, '\0', n)) {
        set_error(r, "a NUL byte in the data: this is not a CSV text file (for UTF-16 give "
                     "--encoding UTF-16)%s", NULL);
        return -1;
    }
    bool record_start = r->parser.pstate == 0 && r->nf == r->record_first;
    if (r->at_line_start && record_start)
        r->record_start = r->line;
    r->record_done = false;
    if (record_start && ended && r->plain_lines && r->delim != ' ' && !memchr(start, '"', n)) {
        feed_plain_line(r, start, n);
        r->record_bytes = 0;
    } else if (csv_parse(&r->parser, start, n, on_field, on_record, r) != n) {
        set_error(r, "malformed quoting: a quote inside an unquoted field, or text after a "
                     "closing quote%s", NULL);
        return -1;
    }
    if (!r->record_done && (r->record_bytes += n) > MAX_RECORD_BYTES) {
        r->line = r->record_start;
        set_error(r, "a record longer than 1 MiB starts here (a quote never closed?)%s", NULL);
        return -1;
    }
    r->data_pos += n;
    r->at_line_start = ended || (n == 1 && start[0] == '\n' && !ended);
    if (ended)
        r->line++;
    return r->failed ? -1 : 0;
}

/* Drops the fields of records already handed out. */
static void compact(struct csv_reader *r)
{
    size_t base = r->record_first < r->nf ? r->foff[r->record_first] : r->flen;
    if (r->flen > base)
        memmove(r->fbuf, r->fbuf + base, r->flen - base);
    r->flen -= base;
    for (size_t i = r->record_first; i < r->nf; i++)
        r->foff[i - r->record_first] = r->foff[i] - base;
    r->nf -= r->record_first;
    r->record_first = 0;
    r->qhead = r->qlen = 0;
}

static int finish(struct csv_reader *r)
{
    r->finished = true;
    long open_line = r->record_start;
    if (csv_fini(&r->parser, on_field, on_record, r) != 0) {
        r->line = open_line;
        set_error(r, "a quoted field is never closed (missing closing quote)%s", NULL);
        return -1;
    }
    if (r->carry_len)
        return set_error(r, "the file ends inside a multibyte character%s", NULL), -1;
    return 0;
}

static bool record_blank(struct csv_reader *r, const struct pending *p)
{
    for (size_t i = 0; i < p->count; i++)
        if (!text_is_blank(r->fbuf + r->foff[p->first + i]))
            return false;
    return true;
}

static void hand_out(struct csv_reader *r, const struct pending *p, struct csv_record *rec)
{
    r->ptrs = grow(r->ptrs, &r->ptrs_cap, p->count + 1, sizeof *r->ptrs);
    for (size_t i = 0; i < p->count; i++)
        r->ptrs[i] = r->fbuf + r->foff[p->first + i];
    rec->line = p->line;
    rec->count = p->count;
    rec->fields = r->ptrs;
}

int csv_reader_next(struct csv_reader *r, struct csv_record *rec, struct error *err)
{
    for (;;) {
        while (r->qhead < r->qlen) {
            struct pending *p = &r->queue[r->qhead++];
            if (!record_blank(r, p))
                return hand_out(r, p, rec), 1;
        }
        compact(r);
        if (r->failed)
            break;
        if (r->finished)
            return 0;
        if (r->data_pos >= r->data_len) {
            int rc = r->at_eof ? 0 : refill(r);
            if (rc < 0)
                break;
            if (rc == 0 && r->data_pos >= r->data_len && finish(r) != 0)
                break;
            continue;
        }
        if (feed_line(r) != 0)
            break;
    }
    error_set(err, r->error_kind, "%s", r->error);
    return -1;
}

int csv_reader_rewind(struct csv_reader *r)
{
    if (fseek(r->f, 0, SEEK_SET) != 0)
        return -1;
    csv_free(&r->parser);
    parser_init(r);
    if (r->cd != (iconv_t)-1)
        iconv(r->cd, NULL, NULL, NULL, NULL);
    r->started = r->at_eof = r->finished = r->failed = false;
    r->at_line_start = true;
    r->carry_len = r->data_len = r->data_pos = 0;
    r->flen = r->nf = r->record_first = r->qhead = r->qlen = 0;
    r->line = 1;
    r->pos = 0;
    r->pending_cr = false;
    r->record_bytes = 0;
    sha256_init(&r->sha);
    return 0;
}

bool csv_reader_digest(struct csv_reader *r, char hex[65], long long *bytes)
{
    if (!r->finished || r->failed)
        return false;
    struct sha256_ctx copy = r->sha;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&copy, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    *bytes = r->pos;
    return true;
}

void csv_reader_libcsv_only(struct csv_reader *r) { r->plain_lines = false; }

char csv_reader_delimiter(const struct csv_reader *r) { return r->delim; }
long long csv_reader_position(const struct csv_reader *r) { return r->pos; }
long long csv_reader_size(const struct csv_reader *r) { return r->size; }
long csv_reader_error_line(const struct csv_reader *r) { return r->error_line; }

void csv_reader_close(struct csv_reader *r)
{
    if (!r)
        return;
    csv_free(&r->parser);
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    if (r->f)
        fclose(r->f);
    free(r->data);
    free(r->fbuf);
    free(r->foff);
    free(r->queue);
    free(r->ptrs);
    free(r);
}
