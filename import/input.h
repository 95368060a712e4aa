/* An import's input, opened once: a regular file is kept open (so every later
 * read is of the same file, whatever happens to its name), and a pipe, FIFO,
 * /dev/stdin or other stream is copied once into an unlinked temporary file
 * (so it can be read twice, and a FIFO with no writer fails after a wait
 * instead of hanging). Readers open input_path(), which names the open file. */
#ifndef JIB_INPUT_H
#define JIB_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "core/error.h"

struct input {
    int fd;
    bool spooled;        /* a stream copied into a temporary file */
    struct stat st;      /* as opened (for a spooled stream: the copy) */
    char path[64];       /* /proc/self/fd/N, or the path itself without /proc */
};

/* The longest stream copied (2 GiB): $JIB_MAX_INPUT_BYTES changes it for tests. */
long long input_max_bytes(void);

/* Opens path. 0, or the error's kind (not found: missing or a directory; I/O;
 * data: not text) with err's message starting with the path. */
int input_open(const char *path, struct input *in, struct error *err);
const char *input_path(const struct input *in);
/* True when the file still is as it was opened (same size, same change time). */
bool input_unchanged(const struct input *in);
void input_close(struct input *in);

#endif
