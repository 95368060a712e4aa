/* Errors, one way: what went wrong (a kind) and a message for people, filled
 * by one function. core/ and import/ report through it and never print or
 * choose exit codes; tui/ maps the kind to an exit code and the status line
 * (cli_report in tui/cli.c). Modules move to it one at a time. */
#ifndef JIB_ERROR_H
#define JIB_ERROR_H

#include <stddef.h>

enum error_kind {
    ERROR_NONE = 0,
    ERROR_USAGE,     /* the request itself is wrong (bad option, key, value) */
    ERROR_NOT_FOUND, /* no such file, database, authority or plan */
    ERROR_DATA,      /* the data is invalid */
    ERROR_BUSY,      /* another coordinator holds the database: try again */
    ERROR_IO,        /* reading or writing failed; a damaged database */
    ERROR_INTERNAL,  /* a bug or no memory; a query the schema should answer failed */
    /* Two more, because users' scripts tell these apart by exit code (69, 73)
     * and none of the six above says the same thing: */
    ERROR_UNAVAILABLE,   /* the request is sound but cannot be met now: no joint window in
                          * reach, no free substitute, nothing left to sample */
    ERROR_CANNOT_CREATE, /* a file or database cannot be created or written: a read-only
                          * database, an output file that cannot be made */
};

struct error {
    enum error_kind kind;
    char message[2048]; /* without the "jib: " prefix: tui/ adds it */
};

/* Fills e (when not NULL) and returns kind, so `return error_set(...)` reads well. */
int error_set(struct error *e, enum error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* e->kind = ERROR_NONE, message empty: for callers that test e.kind later. */
void error_clear(struct error *e);

#endif
