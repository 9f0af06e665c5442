/* thread_churn.c — many short-lived threads, to shake out races in
 * thread start and exit: rounds of 8 threads created and joined at once,
 * threads that end through pthread_exit, detached threads that end while
 * others start, and threads that create (and join) threads of their own.
 * Each thread does a little shared work (an atomic add, a mutex-protected
 * add) so starts and exits overlap with running guest code. Only totals
 * are printed. */
#include <inttypes.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>

enum { ROUNDS = 40, WIDTH = 8, DETACHED = 64, NESTED = 6 };

static uint32_t atomic_total;
static uint32_t locked_total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static sem_t detached_done;

static uint32_t work(uint32_t seed)
{
    uint32_t h = seed * 2654435761u;
    for (int i = 0; i < 50; i++)
        h = (h ^ (h >> 13)) * 0x5bd1e995u + (uint32_t)i;
    __atomic_fetch_add(&atomic_total, seed, __ATOMIC_RELAXED);
    pthread_mutex_lock(&lock);
    locked_total += h & 0xff;
    pthread_mutex_unlock(&lock);
    return h;
}

static void *short_lived(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    uint32_t h = work(id);
    if (id % 3 == 0)
        pthread_exit((void *)(uintptr_t)(h & 0xffff)); /* the other way out */
    return (void *)(uintptr_t)(h & 0xffff);
}

static void *detached(void *arg)
{
    work((uint32_t)(uintptr_t)arg);
    sem_post(&detached_done);
    return NULL;
}

static void *parent_of_threads(void *arg)
{
    uint32_t base = (uint32_t)(uintptr_t)arg;
    pthread_t kids[NESTED];
    uint32_t sum = 0;
    for (int i = 0; i < NESTED; i++)
        pthread_create(&kids[i], NULL, short_lived, (void *)(uintptr_t)(base + (uint32_t)i));
    for (int i = 0; i < NESTED; i++) {
        void *ret;
        pthread_join(kids[i], &ret);
        sum += (uint32_t)(uintptr_t)ret;
    }
    return (void *)(uintptr_t)sum;
}

int main(void)
{
    uint32_t joined_sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        pthread_t t[WIDTH];
        for (int i = 0; i < WIDTH; i++)
            pthread_create(&t[i], NULL, short_lived, (void *)(uintptr_t)(r * WIDTH + i + 1));
        for (int i = 0; i < WIDTH; i++) {
            void *ret;
            pthread_join(t[i], &ret);
            joined_sum += (uint32_t)(uintptr_t)ret;
        }
    }
    printf("rounds: %d threads joined, result sum %" PRIu32 "\n", ROUNDS * WIDTH, joined_sum);

    sem_init(&detached_done, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < DETACHED; i++) {
        pthread_t t;
        pthread_create(&t, &attr, detached, (void *)(uintptr_t)(1000 + i));
    }
    pthread_attr_destroy(&attr);
    for (int i = 0; i < DETACHED; i++)
        sem_wait(&detached_done);
    printf("detached: %d threads finished\n", DETACHED);

    pthread_t parents[4];
    uint32_t nested_sum = 0;
    for (int i = 0; i < 4; i++)
        pthread_create(&parents[i], NULL, parent_of_threads, (void *)(uintptr_t)(5000 + 100 * i));
    for (int i = 0; i < 4; i++) {
        void *ret;
        pthread_join(parents[i], &ret);
        nested_sum += (uint32_t)(uintptr_t)ret;
    }
    printf("nested: %d threads, result sum %" PRIu32 "\n", 4 * NESTED, nested_sum);
    printf("totals: atomic %" PRIu32 ", locked %" PRIu32 "\n", atomic_total, locked_total);
    return 0;
}
