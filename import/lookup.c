#include "import/lookup.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct slot {
    char *key; /* tag character then the key, NUL-terminated; NULL when empty */
    int value;
};

struct lookup {
    struct slot *slots;
    size_t cap, used; /* cap is a power of two */
};

static uint64_t hash(char tag, const char *key)
{
    uint64_t h = 1469598103934665603ULL;
    h = (h ^ (unsigned char)tag) * 1099511628211ULL;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

static struct slot *find(const struct lookup *m, char tag, const char *key)
{
    size_t i = (size_t)hash(tag, key) & (m->cap - 1);
    while (m->slots[i].key && (m->slots[i].key[0] != tag || strcmp(m->slots[i].key + 1, key)))
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

struct lookup *lookup_new(void)
{
    struct lookup *m = calloc(1, sizeof *m);
    if (!m || !(m->slots = calloc(256, sizeof *m->slots)))
        abort();
    m->cap = 256;
    return m;
}

static void rehash(struct lookup *m)
{
    struct lookup bigger = {calloc(m->cap * 2, sizeof *m->slots), m->cap * 2, m->used};
    if (!bigger.slots)
        abort();
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *find(&bigger, m->slots[i].key[0], m->slots[i].key + 1) = m->slots[i];
    free(m->slots);
    *m = bigger;
}

void lookup_put(struct lookup *m, char tag, const char *key, int value)
{
    if (!key || !*key)
        return;
    if ((m->used + 1) * 2 > m->cap)
        rehash(m);
    struct slot *s = find(m, tag, key);
    if (s->key)
        return;
    size_t len = strlen(key);
    s->key = malloc(len + 2);
    if (!s->key)
        abort();
    s->key[0] = tag;
    memcpy(s->key + 1, key, len + 1);
    s->value = value;
    m->used++;
}

int lookup_get(const struct lookup *m, char tag, const char *key)
{
    if (!key || !*key)
        return -1;
    const struct slot *s = find(m, tag, key);
    return s->key ? s->value : -1;
}

void lookup_free(struct lookup *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    free(m);
}
