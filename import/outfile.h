/* Writing a file others may read (rejects, dashboard exports) safely in a
 * shared folder: a new temporary file beside the target opened with
 * O_CREAT|O_EXCL|O_NOFOLLOW (a planted symlink is never followed), every write
 * and the close checked, then renamed over the target (a symlink at the target
 * is replaced, never written through). A device or a FIFO at the target
 * (`-o /dev/stdout`, `/dev/null`, a named pipe) is written straight into,
 * every write and the close still checked; through a symlink only when root
 * or the user owns the link. */
#ifndef JIB_OUTFILE_H
#define JIB_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct outfile {
    FILE *f;          /* write here */
    char *path;       /* the target */
    char *tmp;        /* the temporary file */
    bool no_replace;  /* commit fails with EEXIST rather than replace the target */
    bool direct;      /* the target is a device or a FIFO, written in place */
};

/* Starts writing path with the given mode (exactly, whatever the umask).
 * 0, or -1 with errno set. */
int outfile_open(struct outfile *o, const char *path, mode_t mode, bool no_replace);
/* Flushes, syncs and closes the temporary file, then moves it to the target.
 * 0, or -1 with errno set (the temporary file is removed). */
int outfile_commit(struct outfile *o);
/* Abandons the write: the temporary file is removed, the target untouched. */
void outfile_abort(struct outfile *o);
/* The mode for files that go with the database at db_path: its owner and group
 * permissions (0600, or 0660 for a team's database), never readable by others. */
mode_t outfile_mode_like(const char *db_path);

#endif
