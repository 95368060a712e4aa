#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>

int error_set(struct error *e, enum error_kind kind, const char *fmt, ...)
{
    if (e) {
        e->kind = kind;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->message, sizeof e->message, fmt, ap);
        va_end(ap);
    }
    return (int)kind;
}

void error_clear(struct error *e)
{
    if (e) {
        e->kind = ERROR_NONE;
        e->message[0] = '\0';
    }
}
