/* bench/workloads/common.h — what every benchmark workload shares: reading
 * its size from the command line and a deterministic pseudo-random stream,
 * so the native and the guest builds compute (and print) the same thing. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The workload's size: argv[1] if given (a positive integer), else fallback. */
static inline long bench_size(int argc, char **argv, long fallback)
{
    if (argc < 2)
        return fallback;
    char *end;
    long n = strtol(argv[1], &end, 10);
    if (*argv[1] == '\0' || *end != '\0' || n <= 0) {
        fprintf(stderr, "%s: size must be a positive integer, not '%s'\n", argv[0], argv[1]);
        exit(2);
    }
    return n;
}

/* xorshift32: the same sequence on every host, whatever its word size. */
static inline uint32_t bench_rand(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* A buffer of n pseudo-random bytes, each byte drawn from the seed's stream. */
static inline uint8_t *bench_random_bytes(size_t n, uint32_t seed)
{
    uint8_t *buf = malloc(n);
    if (!buf) {
        perror("malloc");
        exit(1);
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = (uint8_t)(bench_rand(&seed) >> 24);
    return buf;
}

#endif
