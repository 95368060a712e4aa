#include "core/mem.h"

#include <stdlib.h>
#include <string.h>

void *mem_check(void *p)
{
    if (!p)
        abort();
    return p;
}

char *mem_strdup(const char *s) { return mem_check(strdup(s ? s : "")); }

void *mem_grow(void *p, size_t *cap, size_t need, size_t elem, size_t first)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap : first ? first : need;
    while (n < need)
        n *= 2;
    p = mem_check(realloc(p, n * elem));
    *cap = n;
    return p;
}
