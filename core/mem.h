/* Allocation helpers shared by the readers: on exhaustion jib stops (abort),
 * since a half-read file cannot be imported anyway; nothing below tui/ prints. */
#ifndef JIB_MEM_H
#define JIB_MEM_H

#include <stddef.h>

/* p, or abort() when it is NULL (an allocation that failed). */
void *mem_check(void *p);
/* strdup of s ("" for NULL) that never returns NULL. */
char *mem_strdup(const char *s);
/* Grows an array of elem-sized items to hold need of them: *cap doubles from
 * first (need itself when first is 0). Returns the (maybe moved) array. */
void *mem_grow(void *p, size_t *cap, size_t need, size_t elem, size_t first);

#endif
