/* bench/workloads/matmul.c — floating point: C = A x B for SIZE x SIZE double
 * matrices filled from a seeded generator, in i-k-j order (a streaming
 * multiply-add inner loop). Prints C's trace and the sum of its entries,
 * with full precision: only add and mul, so every host rounds identically. */
#include "common.h"

static double *random_matrix(long n, uint32_t seed)
{
    double *m = malloc((size_t)(n * n) * sizeof *m);
    if (!m) {
        perror("malloc");
        exit(1);
    }
    for (long i = 0; i < n * n; i++)
        m[i] = (double)(int32_t)(bench_rand(&seed) >> 8) / (1 << 23) - 1.0;
    return m;
}

static void multiply(long n, const double *a, const double *b, double *c)
{
    for (long i = 0; i < n; i++) {
        double *row = c + i * n;
        for (long j = 0; j < n; j++)
            row[j] = 0;
        for (long k = 0; k < n; k++) {
            double aik = a[i * n + k];
            const double *brow = b + k * n;
            for (long j = 0; j < n; j++)
                row[j] += aik * brow[j];
        }
    }
}

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 600);
    double *a = random_matrix(n, 0xa11ce), *b = random_matrix(n, 0xb0b), *c = malloc((size_t)(n * n) * sizeof *c);
    if (!c) {
        perror("malloc");
        return 1;
    }
    multiply(n, a, b, c);
    double trace = 0, sum = 0;
    for (long i = 0; i < n; i++)
        trace += c[i * n + i];
    for (long i = 0; i < n * n; i++)
        sum += c[i];
    printf("matmul %ldx%ld: trace %.17g, sum %.17g\n", n, n, trace, sum);
    free(a);
    free(b);
    free(c);
    return 0;
}
