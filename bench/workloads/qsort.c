/* bench/workloads/qsort.c — memory and calls: the C library's qsort of SIZE
 * thousand pseudo-random ints (a comparison function called through a
 * pointer ~20 times per element; glibc sorts by merging through a buffer).
 * Checks the order and prints a hash of the sorted array. */
#include <inttypes.h>

#include "common.h"

static int compare_ints(const void *pa, const void *pb)
{
    int32_t a = *(const int32_t *)pa, b = *(const int32_t *)pb;
    return (a > b) - (a < b);
}

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 1000) * 1000;
    int32_t *v = malloc((size_t)n * sizeof *v);
    if (!v) {
        perror("malloc");
        return 1;
    }
    uint32_t seed = 0x9507;
    for (long i = 0; i < n; i++)
        v[i] = (int32_t)bench_rand(&seed);
    qsort(v, (size_t)n, sizeof *v, compare_ints);
    uint32_t hash = 2166136261u; /* FNV-1a over the values, in order */
    for (long i = 0; i < n; i++) {
        if (i > 0 && v[i - 1] > v[i]) {
            printf("qsort: out of order at %ld\n", i);
            return 1;
        }
        hash = (hash ^ (uint32_t)v[i]) * 16777619u;
    }
    printf("qsort of %ld ints: min %" PRId32 ", max %" PRId32 ", hash %08" PRIx32 "\n", n, v[0], v[n - 1], hash);
    free(v);
    return 0;
}
