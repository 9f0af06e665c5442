/* bench/workloads/threads.c — guest threads: four POSIX threads (1) share a
 * reduction over SIZE thousand chunks of integers, claiming chunks and adding
 * partial sums with atomic read-modify-writes, then (2) three of them drain a
 * mutex- and condition-variable-guarded queue that the main thread fills with
 * SIZE thousand items. Prints both totals, which do not depend on scheduling.
 * A failure to start a thread is reported and ends the program with status 1. */
#include <inttypes.h>
#include <pthread.h>
#include <string.h>

#include "common.h"

enum { NTHREADS = 4, NCONSUMERS = 3, CHUNK = 64, QUEUE_SLOTS = 256 };

/* ---- (1) a parallel reduction with atomics ---- */

static uint32_t next_chunk, reduction_total; /* touched only atomically */
static uint32_t nchunks;

static uint32_t mix(uint32_t i) { return (i * 2654435761u) ^ (i >> 3); }

static void *reduce_worker(void *unused)
{
    (void)unused;
    for (;;) {
        uint32_t c = __atomic_fetch_add(&next_chunk, 1, __ATOMIC_RELAXED);
        if (c >= nchunks)
            return NULL;
        uint32_t partial = 0;
        for (uint32_t i = c * CHUNK; i < (c + 1) * CHUNK; i++)
            partial += mix(i);
        __atomic_fetch_add(&reduction_total, partial, __ATOMIC_RELAXED);
    }
}

/* ---- (2) a bounded queue under a mutex ---- */

typedef struct Queue {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    int32_t slot[QUEUE_SLOTS];
    unsigned head, count;
} Queue;

static Queue queue = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, { 0 }, 0, 0 };
static uint64_t consumed_total; /* under queue.lock */

static void queue_push(Queue *q, int32_t v)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == QUEUE_SLOTS)
        pthread_cond_wait(&q->not_full, &q->lock);
    q->slot[(q->head + q->count++) % QUEUE_SLOTS] = v;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->lock);
}

static int32_t queue_pop(Queue *q)
{
    pthread_mutex_lock(&q->lock);
    while (q->count == 0)
        pthread_cond_wait(&q->not_empty, &q->lock);
    int32_t v = q->slot[q->head];
    q->head = (q->head + 1) % QUEUE_SLOTS;
    q->count--;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->lock);
    return v;
}

/* Pops items until the end marker (-1), adding 3 * item + 1 to the total. */
static void *consume_worker(void *unused)
{
    (void)unused;
    uint64_t mine = 0;
    for (int32_t v; (v = queue_pop(&queue)) >= 0;)
        mine += 3 * (uint64_t)v + 1;
    pthread_mutex_lock(&queue.lock);
    consumed_total += mine;
    pthread_mutex_unlock(&queue.lock);
    return NULL;
}

static void start(pthread_t *t, void *(*fn)(void *))
{
    int err = pthread_create(t, NULL, fn, NULL);
    if (err != 0) {
        fprintf(stderr, "threads: pthread_create: %s\n", strerror(err));
        exit(1);
    }
}

static void join_all(pthread_t *t, int n)
{
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
}

int main(int argc, char **argv)
{
    long k = bench_size(argc, argv, 400);
    pthread_t t[NTHREADS];

    nchunks = (uint32_t)k * 1000;
    for (int i = 0; i < NTHREADS; i++)
        start(&t[i], reduce_worker);
    join_all(t, NTHREADS);

    for (int i = 0; i < NCONSUMERS; i++)
        start(&t[i], consume_worker);
    for (int32_t v = 0; v < k * 1000; v++)
        queue_push(&queue, v);
    for (int i = 0; i < NCONSUMERS; i++)
        queue_push(&queue, -1);
    join_all(t, NCONSUMERS);

    printf("threads: reduction over %" PRIu32 " chunks %08" PRIx32 ", queue of %ld000 items %" PRIu64 "\n", nchunks,
           reduction_total, k, consumed_total);
    return 0;
}
