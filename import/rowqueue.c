#include "import/rowqueue.h"

#include "core/mem.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1024                /* rows in flight at most */
#define BATCH 32                  /* rows handed over per lock */
#define BATCH_BYTES (1u << 20)    /* ... or fewer when they are big */
#define MAX_BYTES (4u << 20)      /* bytes in flight at most (plus one batch) */
#define KEEP_BYTES 4096           /* a row's storage kept for the next one up to this */
#define KEEP_ITEMS 8

struct rowqueue {
    pthread_mutex_t mu;
    pthread_cond_t can_put, can_take;
    /* under mu */
    size_t head, tail, bytes;
    bool closed, stop;
    /* the reader's own */
    size_t p_next, p_published, p_tail, p_bytes;
    /* the writer's own */
    size_t c_next, c_released, c_head, c_bytes;
    struct queued_row *c_cur;
    struct queued_row slots[SLOTS];
};

struct rowqueue *rowqueue_new(void)
{
    struct rowqueue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->can_put, NULL);
    pthread_cond_init(&q->can_take, NULL);
    return q;
}

static void release_storage(struct queued_row *s)
{
    free(s->buf), s->buf = NULL, s->buf_cap = 0;
    free(s->rec.fields), s->rec.fields = NULL, s->fields_cap = 0;
    free(s->items), s->items = NULL, s->items_cap = 0;
    free(s->msgs), s->msgs = NULL, s->msgs_cap = 0;
}

void rowqueue_free(struct rowqueue *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < SLOTS; i++)
        release_storage(&q->slots[i]);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->can_put);
    pthread_cond_destroy(&q->can_take);
    free(q);
}

/* Under mu: the rows filled since the last hand-over become the writer's. */
static void publish(struct rowqueue *q)
{
    q->head = q->p_next;
    q->bytes += q->p_bytes;
    q->p_bytes = 0;
    q->p_published = q->p_next;
    pthread_cond_signal(&q->can_take);
}

struct queued_row *rowqueue_slot(struct rowqueue *q)
{
    if (q->p_next - q->p_tail >= SLOTS || q->p_next - q->p_published >= BATCH ||
        q->p_bytes >= BATCH_BYTES) {
        pthread_mutex_lock(&q->mu);
        publish(q);
        while (!q->stop && (q->p_next - q->tail >= SLOTS ||
                            (q->bytes > MAX_BYTES && q->head != q->tail)))
            pthread_cond_wait(&q->can_put, &q->mu);
        q->p_tail = q->tail;
        bool stop = q->stop;
        pthread_mutex_unlock(&q->mu);
        if (stop)
            return NULL;
    }
    return &q->slots[q->p_next % SLOTS];
}

/* Exactly one row's worth at first: most rows are alike. */
static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    return mem_grow(p, cap, need, size, 0);
}

void rowqueue_fill(struct queued_row *s, const struct rows *r, const struct csv_record *rec,
                   enum row_result res, long long pos)
{
    size_t need = 0;
    for (size_t i = 0; i < rec->count; i++)
        need += strlen(rec->fields[i]) + 1;
    for (size_t k = 0; k < r->nitems; k++) {
        const struct row_item *it = &r->items[k];
        for (size_t i = 0; i < it->table->nkeys; i++)
            need += it->keys[i].type == SV_TEXT ? strlen(it->keys[i].text) + 1 : 0;
        for (size_t i = 0; i < it->table->nvals; i++)
            need += it->vals[i].type == SV_TEXT ? strlen(it->vals[i].text) + 1 : 0;
    }
    s->buf = grow(s->buf, &s->buf_cap, need ? need : 1, 1);
    s->rec.fields = grow(s->rec.fields, &s->fields_cap, rec->count ? rec->count : 1,
                         sizeof *s->rec.fields);
    s->items = grow(s->items, &s->items_cap, r->nitems ? r->nitems : 1, sizeof *s->items);
    char *p = s->buf;
    for (size_t i = 0; i < rec->count; i++) {
        size_t len = strlen(rec->fields[i]) + 1;
        memcpy(p, rec->fields[i], len);
        s->rec.fields[i] = p;
        p += len;
    }
    s->rec.count = rec->count;
    s->rec.line = rec->line;
    for (size_t k = 0; k < r->nitems; k++) {
        struct row_item *it = &s->items[k];
        *it = r->items[k];
        for (int part = 0; part < 2; part++) {
            struct store_value *v = part ? it->vals : it->keys;
            size_t n = part ? it->table->nvals : it->table->nkeys;
            for (size_t i = 0; i < n; i++) {
                if (v[i].type != SV_TEXT)
                    continue;
                size_t len = strlen(v[i].text);
                memcpy(p, v[i].text, len + 1);
                v[i].text = p;
                v[i].len = len;
                p += len + 1;
            }
        }
    }
    s->nitems = r->nitems;
    /* The messages, then the reasons (only an invalid row has any). */
    s->msgs = grow(s->msgs, &s->msgs_cap, r->deferred_len + r->reasons_len + 1, 1);
    if (r->deferred_len)
        memcpy(s->msgs, r->deferred, r->deferred_len);
    s->msgs_len = r->deferred_len;
    s->reasons = s->msgs + r->deferred_len;
    memcpy(s->reasons, r->reasons, r->reasons_len + 1);
    s->line = rec->line;
    s->res = res;
    s->invalid = r->invalid;
    s->pos = pos;
    s->bytes = need + r->deferred_len + r->reasons_len + sizeof *s;
}

void rowqueue_push(struct rowqueue *q)
{
    q->p_bytes += q->slots[q->p_next % SLOTS].bytes;
    q->p_next++;
}

void rowqueue_close(struct rowqueue *q)
{
    pthread_mutex_lock(&q->mu);
    publish(q);
    q->closed = true;
    pthread_mutex_unlock(&q->mu);
}

struct queued_row *rowqueue_pop(struct rowqueue *q)
{
    struct queued_row *done = q->c_cur;
    if (done) {
        q->c_bytes += done->bytes;
        /* A big row's storage is not kept: memory stays bounded by the rows in flight. */
        if (done->buf_cap > KEEP_BYTES || done->msgs_cap > KEEP_BYTES ||
            done->items_cap > KEEP_ITEMS)
            release_storage(done);
        q->c_cur = NULL;
    }
    if (q->c_next == q->c_head || q->c_next - q->c_released >= BATCH || q->c_bytes >= BATCH_BYTES) {
        pthread_mutex_lock(&q->mu);
        q->tail = q->c_next;
        q->bytes -= q->c_bytes;
        q->c_bytes = 0;
        q->c_released = q->c_next;
        pthread_cond_signal(&q->can_put);
        while (q->head == q->c_next && !q->closed)
            pthread_cond_wait(&q->can_take, &q->mu);
        q->c_head = q->head;
        pthread_mutex_unlock(&q->mu);
        if (q->c_next == q->c_head)
            return NULL;
    }
    q->c_cur = &q->slots[q->c_next++ % SLOTS];
    return q->c_cur;
}

void rowqueue_stop(struct rowqueue *q)
{
    pthread_mutex_lock(&q->mu);
    q->stop = true;
    pthread_cond_signal(&q->can_put);
    pthread_mutex_unlock(&q->mu);
}
