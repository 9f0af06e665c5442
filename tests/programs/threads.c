/* threads.c — POSIX threads: 8 threads hammering shared counters with
 * 32-bit __atomic builtins (fetch-add, compare-exchange loops, an exchange spin
 * lock), a bounded queue under a mutex and two condition variables with
 * 4 producers and 4 consumers, thread-local storage (__thread) that each
 * thread sees as its own, return values through join, a barrier, a
 * read-write lock, pthread_once, a detached thread signalling a
 * semaphore, and fork from a process with running threads (the child has
 * only the forking thread and can make threads of its own). Only totals
 * and per-thread results taken in join order are printed, so the output
 * does not depend on scheduling. */
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

enum { NTHREADS = 8, ITERS = 20000 };

/* ---- atomics --------------------------------------------------------------- */

static uint32_t counter32;
static uint32_t weighted;      /* sum of 3*id+1 over every iteration */
static uint32_t max_seen;
static uint32_t spin;            /* 0 free, 1 held: a lock made of __atomic_exchange */
static uint64_t spin_protected;  /* plain adds, only under `spin` */

static void update_max(uint32_t v)
{
    uint32_t cur = __atomic_load_n(&max_seen, __ATOMIC_RELAXED);
    while (cur < v &&
           !__atomic_compare_exchange_n(&max_seen, &cur, v, true, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
        ;
}

static void *atomic_worker(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    for (uint32_t i = 0; i < ITERS; i++) {
        uint32_t before = __atomic_fetch_add(&counter32, 1, __ATOMIC_SEQ_CST);
        update_max(before + 1);
        __atomic_add_fetch(&weighted, 3 * id + 1, __ATOMIC_RELAXED);
        if (i % 16 == 0) {
            while (__atomic_exchange_n(&spin, 1, __ATOMIC_ACQUIRE))
                ;
            spin_protected += id + 1;
            __atomic_store_n(&spin, 0, __ATOMIC_RELEASE);
        }
    }
    return NULL;
}

static void test_atomics(void)
{
    pthread_t t[NTHREADS];
    for (int i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, atomic_worker, (void *)(uintptr_t)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    printf("atomics: counter %" PRIu32 " max %" PRIu32 " weighted %" PRIu32
           " spin-locked sum %" PRIu64 "\n",
           counter32, max_seen, weighted, spin_protected);
}

/* ---- a bounded queue: mutex + condition variables ---------------------------- */

enum { QSIZE = 16, PRODUCERS = 4, CONSUMERS = 4, ITEMS_EACH = 2500 };

static struct {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    uint32_t items[QSIZE];
    unsigned head, count, producers_left;
} q = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER,
        { 0 }, 0, 0, PRODUCERS };

static void *producer(void *arg)
{
    uint32_t base = (uint32_t)(uintptr_t)arg * 100000;
    for (uint32_t i = 1; i <= ITEMS_EACH; i++) {
        pthread_mutex_lock(&q.lock);
        while (q.count == QSIZE)
            pthread_cond_wait(&q.not_full, &q.lock);
        q.items[(q.head + q.count) % QSIZE] = base + i;
        q.count++;
        pthread_cond_signal(&q.not_empty);
        pthread_mutex_unlock(&q.lock);
    }
    pthread_mutex_lock(&q.lock);
    if (--q.producers_left == 0)
        pthread_cond_broadcast(&q.not_empty);
    pthread_mutex_unlock(&q.lock);
    return NULL;
}

typedef struct ConsumerResult {
    uint64_t sum;
    uint32_t count;
} ConsumerResult;

static void *consumer(void *arg)
{
    ConsumerResult *r = arg;
    for (;;) {
        pthread_mutex_lock(&q.lock);
        while (q.count == 0 && q.producers_left > 0)
            pthread_cond_wait(&q.not_empty, &q.lock);
        if (q.count == 0) {
            pthread_mutex_unlock(&q.lock);
            return r;
        }
        uint32_t v = q.items[q.head];
        q.head = (q.head + 1) % QSIZE;
        q.count--;
        pthread_cond_signal(&q.not_full);
        pthread_mutex_unlock(&q.lock);
        r->sum += v;
        r->count++;
    }
}

static void test_queue(void)
{
    pthread_t p[PRODUCERS], c[CONSUMERS];
    ConsumerResult res[CONSUMERS] = { { 0, 0 } };
    for (int i = 0; i < CONSUMERS; i++)
        pthread_create(&c[i], NULL, consumer, &res[i]);
    for (int i = 0; i < PRODUCERS; i++)
        pthread_create(&p[i], NULL, producer, (void *)(uintptr_t)(i + 1));
    uint64_t sum = 0;
    uint32_t count = 0;
    for (int i = 0; i < PRODUCERS; i++)
        pthread_join(p[i], NULL);
    for (int i = 0; i < CONSUMERS; i++) {
        void *ret;
        pthread_join(c[i], &ret);
        const ConsumerResult *r = ret;
        sum += r->sum;
        count += r->count;
    }
    printf("queue: %" PRIu32 " items, sum %" PRIu64 ", left %u\n", count, sum, q.count);
}

/* ---- thread-local storage, barrier, rwlock, once ------------------------------ */

static __thread uint32_t tls_value = 7;
static __thread char tls_name[16];
static pthread_barrier_t barrier;
static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static uint32_t table[NTHREADS];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static uint32_t once_runs;

static void init_once(void)
{
    once_runs++;
}

static void *tls_worker(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    uint32_t initial = tls_value; /* every thread starts from the initializer */
    tls_value = id * 1000 + 1;
    snprintf(tls_name, sizeof tls_name, "worker-%u", (unsigned)id);
    pthread_once(&once, init_once);
    pthread_barrier_wait(&barrier); /* all threads have set their own copy */
    for (int i = 0; i < 100; i++) {
        tls_value += id;
        if (i % 10 == 0)
            sched_yield();
    }
    pthread_rwlock_wrlock(&table_lock);
    table[id] = tls_value;
    pthread_rwlock_unlock(&table_lock);
    pthread_barrier_wait(&barrier); /* every row is written */
    uint32_t seen = 0;
    pthread_rwlock_rdlock(&table_lock);
    for (int i = 0; i < NTHREADS; i++)
        seen += table[i];
    pthread_rwlock_unlock(&table_lock);
    char *out = malloc(64);
    snprintf(out, 64, "%s initial %" PRIu32 " final %" PRIu32 " table sum %" PRIu32, tls_name,
             initial, tls_value, seen);
    return out;
}

static void test_tls(void)
{
    pthread_t t[NTHREADS];
    tls_value = 42;
    pthread_barrier_init(&barrier, NULL, NTHREADS);
    for (int i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, tls_worker, (void *)(uintptr_t)i);
    for (int i = 0; i < NTHREADS; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        printf("tls: %s\n", (char *)ret);
        free(ret);
    }
    pthread_barrier_destroy(&barrier);
    printf("tls: main still has %" PRIu32 ", once ran %" PRIu32 " time(s)\n", tls_value,
           once_runs);
}

/* ---- a detached thread and a semaphore ------------------------------------- */

static sem_t done;
static uint32_t detached_result;

static void *detached_worker(void *arg)
{
    uint32_t n = (uint32_t)(uintptr_t)arg, a = 0, b = 1;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t next = a + b;
        a = b;
        b = next;
    }
    detached_result = a;
    sem_post(&done);
    return NULL;
}

static void test_detached(void)
{
    sem_init(&done, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    pthread_create(&t, &attr, detached_worker, (void *)(uintptr_t)40);
    pthread_attr_destroy(&attr);
    sem_wait(&done);
    printf("detached: fib(40) = %" PRIu32 "\n", detached_result);
}

/* ---- fork while threads run ------------------------------------------------ */

static pthread_mutex_t hold_lock = PTHREAD_MUTEX_INITIALIZER;
static int release_holders;
static uint32_t busy_counter;

static void *holder(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&hold_lock);
    while (!release_holders) {
        pthread_mutex_unlock(&hold_lock);
        __atomic_fetch_add(&busy_counter, 1, __ATOMIC_RELAXED); /* running, not waiting */
        pthread_mutex_lock(&hold_lock);
    }
    pthread_mutex_unlock(&hold_lock);
    return NULL;
}

static void *child_thread(void *arg)
{
    return (void *)((uintptr_t)arg * 3);
}

static void test_fork(void)
{
    pthread_t t[NTHREADS / 2];
    for (int i = 0; i < NTHREADS / 2; i++)
        pthread_create(&t[i], NULL, holder, NULL);
    while (__atomic_load_n(&busy_counter, __ATOMIC_RELAXED) < 1000)
        sched_yield();
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* Only this thread exists here; it can still make and join threads. */
        pthread_t c;
        void *ret = NULL;
        if (pthread_create(&c, NULL, child_thread, (void *)(uintptr_t)14) != 0)
            _exit(1);
        pthread_join(c, &ret);
        printf("fork: child thread returned %u\n", (unsigned)(uintptr_t)ret);
        fflush(stdout);
        _exit((int)(uintptr_t)ret);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    pthread_mutex_lock(&hold_lock);
    release_holders = 1;
    pthread_mutex_unlock(&hold_lock);
    for (int i = 0; i < NTHREADS / 2; i++)
        pthread_join(t[i], NULL);
    printf("fork: child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

int main(void)
{
    test_atomics();
    test_queue();
    test_tls();
    test_detached();
    test_fork();
    return 0;
}
