#include "import/input.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/db.h"

#define WAIT_SECONDS_DEFAULT 30

long long input_max_bytes(void)
{
    const char *env = getenv("JIB_MAX_INPUT_BYTES");
    long long v = env && *env ? strtoll(env, NULL, 10) : 0;
    return v > 0 ? v : 2LL * 1024 * 1024 * 1024;
}

/* How long a stream may stay silent before its first byte: 30 s, or
 * $JIB_INPUT_WAIT_SECONDS. */
static int wait_ms(void)
{
    const char *env = getenv("JIB_INPUT_WAIT_SECONDS");
    long v = env && *env ? strtol(env, NULL, 10) : 0;
    return (int)((v > 0 && v < 86400 ? v : WAIT_SECONDS_DEFAULT) * 1000);
}

static int temp_file(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
#ifdef O_TMPFILE
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
#endif
    size_t len = strlen(dir) + 32;
    char *tmpl = malloc(len);
    if (!tmpl)
        return -1;
    snprintf(tmpl, len, "%s/jib-input-XXXXXX", dir);
    int t = mkstemp(tmpl);
    if (t >= 0)
        unlink(tmpl);
    free(tmpl);
    return t;
}

static int fail(struct error *err, const char *path, const char *why, enum error_kind kind)
{
    return error_set(err, kind, "%s: %s", path, why);
}

/* Copies the stream into a temporary file. A stream with nothing to read
 * for the whole wait (a FIFO nobody writes to) fails instead of hanging. */
static int spool(int src, const char *path, struct input *in, struct error *err)
{
    struct pollfd p = {.fd = src, .events = POLLIN};
    int ready = poll(&p, 1, wait_ms());
    if (ready == 0) {
        return error_set(err, ERROR_NOT_FOUND, "%s: nothing arrived in %d seconds (is anything "
                         "writing to it?)", path, wait_ms() / 1000);
    }
    if (ready < 0)
        return fail(err, path, strerror(errno), ERROR_IO);
    int flags = fcntl(src, F_GETFL);
    if (flags >= 0)
        fcntl(src, F_SETFL, flags & ~O_NONBLOCK);
    int dst = temp_file();
    if (dst < 0)
        return fail(err, path, "cannot make a temporary copy", ERROR_IO);
    char buf[65536];
    long long total = 0, max = input_max_bytes();
    for (;;) {
        ssize_t n = read(src, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            poll(&p, 1, wait_ms());
            continue;
        }
        if (n < 0) {
            close(dst);
            return fail(err, path, strerror(errno), ERROR_IO);
        }
        if (n == 0)
            break;
        total += n;
        if (total > max) {
            close(dst);
            return error_set(err, ERROR_DATA, "%s: more than %lld bytes: too large to import",
                             path, max);
        }
        /* A text stream never holds a NUL byte: stop at once (e.g. /dev/zero)
         * rather than copy it all. Workbooks (zip) are binary. */
        const char *nul = total == n && !(n >= 2 && buf[0] == 'P' && buf[1] == 'K')
                              ? memchr(buf, 0, (size_t)n)
                              : NULL;
        if (nul) {
            long line = 1;
            for (const char *p = buf; p < nul; p++)
                line += *p == '\n';
            close(dst);
            return error_set(err, ERROR_DATA, "%s:%ld: a NUL byte in the data: this is not a CSV "
                             "text file (for UTF-16 give --encoding UTF-16)", path, line);
        }
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(dst, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                int e = w < 0 ? errno : ENOSPC;
                close(dst);
                return fail(err, path, strerror(e), ERROR_IO);
            }
            off += w;
        }
    }
    if (lseek(dst, 0, SEEK_SET) != 0 || fstat(dst, &in->st) != 0) {
        close(dst);
        return fail(err, path, strerror(errno), ERROR_IO);
    }
    in->fd = dst;
    in->spooled = true;
    return 0;
}

static void name_fd(struct input *in, const char *path)
{
    snprintf(in->path, sizeof in->path, "/proc/self/fd/%d", in->fd);
    if (access(in->path, R_OK) != 0 && !in->spooled && strlen(path) < sizeof in->path)
        snprintf(in->path, sizeof in->path, "%s", path);
}

int input_open(const char *path, struct input *in, struct error *err)
{
    memset(in, 0, sizeof *in);
    in->fd = -1;
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        const char *why = e == EACCES || e == EPERM
                              ? "permission denied (ask whoever owns it to let you read it)"
                          : e == ENOENT ? "no such file"
                                        : strerror(e);
        return fail(err, path, why,
                    e == ENOENT || e == EACCES || e == EPERM || e == ENOTDIR ? ERROR_NOT_FOUND
                                                                             : ERROR_IO);
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return fail(err, path, strerror(e), ERROR_IO);
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return error_set(err, ERROR_NOT_FOUND, "%s: is a directory: give the CSV files in it (e.g. "
                         "%s/*.csv)", path, path);
    }
    if (S_ISREG(st.st_mode)) {
        int flags = fcntl(fd, F_GETFL);
        if (flags >= 0)
            fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
        in->fd = fd;
        in->st = st;
        name_fd(in, path);
        return 0;
    }
    int rc = spool(fd, path, in, err);
    close(fd);
    if (rc == 0)
        name_fd(in, path);
    return rc;
}

const char *input_path(const struct input *in) { return in->path; }

bool input_unchanged(const struct input *in)
{
    struct stat now;
    if (in->fd < 0 || fstat(in->fd, &now) != 0)
        return false;
    return now.st_size == in->st.st_size && now.st_mtim.tv_sec == in->st.st_mtim.tv_sec &&
           now.st_mtim.tv_nsec == in->st.st_mtim.tv_nsec &&
           now.st_ctim.tv_sec == in->st.st_ctim.tv_sec &&
           now.st_ctim.tv_nsec == in->st.st_ctim.tv_nsec;
}

void input_close(struct input *in)
{
    if (in->fd >= 0)
        close(in->fd);
    in->fd = -1;
}
