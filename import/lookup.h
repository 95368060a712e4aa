/* A string-keyed hash map to small integers, for resolving authorities and
 * inspectors without a query per row. Keys are namespaced by a tag character
 * ('c' la_code, 'o' ons_code, 'u' ofsted_urn, 'n' name key, ...). */
#ifndef JIB_LOOKUP_H
#define JIB_LOOKUP_H

struct lookup;

struct lookup *lookup_new(void);
/* Adds tag+key -> value unless the key is already there (the first wins). */
void lookup_put(struct lookup *m, char tag, const char *key, int value);
/* The value, or -1. */
int lookup_get(const struct lookup *m, char tag, const char *key);
void lookup_free(struct lookup *m);

#endif
