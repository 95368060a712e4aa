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
    if (!e && fsync(fileno(o->f)) != 0 && errno != EINVAL)
        e = errno;
    if (fclose(o->f) != 0 && !e)
        e = errno ? errno : EIO;
    o->f = NULL;
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
    if (o->tmp)
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
