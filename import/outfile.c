#include "import/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void free_names(struct outfile *o)
{
    free(o->path);
    free(o->tmp);
    o->path = o->tmp = NULL;
    o->f = NULL;
    o->direct = false;
}

/* Whether path is a device or a pipe to write straight into (`-o /dev/stdout`,
 * `-o /dev/null`, a FIFO): replacing it by a regular file would destroy it
 * (as root, `-o /dev/full` used to replace the device). A symlink is followed
 * only when its owner is root or the user, so a teammate's planted link never
 * points a write at a device. */
static bool is_stream_target(const char *path)
{
    struct stat ln, st;
    if (lstat(path, &ln) != 0 || stat(path, &st) != 0)
        return false;
    if (S_ISLNK(ln.st_mode) && ln.st_uid != 0 && ln.st_uid != geteuid())
        return false;
    return S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode);
}

static int open_direct(struct outfile *o, const char *path)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        free_names(o);
        errno = e;
        return -1;
    }
    o->direct = true;
    return 0;
}

int outfile_open(struct outfile *o, const char *path, mode_t mode, bool no_replace)
{
    memset(o, 0, sizeof *o);
    o->no_replace = no_replace;
    size_t len = strlen(path) + 32;
    o->path = strdup(path);
    o->tmp = malloc(len);
    if (!o->path || !o->tmp) {
        free_names(o);
        errno = ENOMEM;
        return -1;
    }
    if (!no_replace && is_stream_target(path))
        return open_direct(o, path);
    uint64_t seed = (uint64_t)getpid() * 0x9E3779B97F4A7C15ULL ^ (uint64_t)time(NULL) ^
                    (uint64_t)(uintptr_t)o;
    for (int attempt = 0; attempt < 100; attempt++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        snprintf(o->tmp, len, "%s.tmp-%08x", path, (unsigned)(seed >> 32));
        int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            break;
        if (fchmod(fd, mode) != 0 || !(o->f = fdopen(fd, "w"))) {
            int e = errno;
            close(fd);
            unlink(o->tmp);
            errno = e;
            break;
        }
        return 0;
    }
    int e = errno;
    free_names(o);
    errno = e;
    return -1;
}

int outfile_commit(struct outfile *o)
{
    int e = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        e = errno ? errno : EIO;
    if (!e && !o->direct && fsync(fileno(o->f)) != 0 && errno != EINVAL)
        e = errno;
    if (fclose(o->f) != 0 && !e)
        e = errno ? errno : EIO;
    o->f = NULL;
    if (o->direct) {
        free_names(o);
        errno = e;
        return e ? -1 : 0;
    }
    if (!e && o->no_replace) {
        /* link() refuses an existing target, symlinks included. */
        if (link(o->tmp, o->path) != 0)
            e = errno;
        unlink(o->tmp);
    } else if (!e && rename(o->tmp, o->path) != 0) {
        e = errno;
    }
    if (e)
        unlink(o->tmp);
    free_names(o);
    errno = e;
    return e ? -1 : 0;
}

void outfile_abort(struct outfile *o)
{
    if (o->f)
        fclose(o->f);
    if (o->tmp && !o->direct)
        unlink(o->tmp);
    free_names(o);
}

mode_t outfile_mode_like(const char *db_path)
{
    struct stat st;
    if (db_path && stat(db_path, &st) == 0)
        return (st.st_mode & 0660) | 0600;
    return 0600;
}
