/* sort_search.c — qsort and bsearch from libc with several element types
 * and comparators (ints, doubles, strings, structs, stable-by-key tie
 * breaks), checked and summarised. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 2463534242u;
static uint32_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    return seed;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}
static int cmp_dbl_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

struct rec {
    int32_t key;
    int32_t order;
    char name[12];
};
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->order - y->order;
}

int main(void)
{
    enum { N = 20000 };
    static int32_t v[N];
    for (int i = 0; i < N; i++)
        v[i] = (int32_t)(rnd() % 100000) - 50000;
    qsort(v, N, sizeof v[0], cmp_i32);
    uint32_t h = 0;
    int sorted = 1;
    for (int i = 0; i < N; i++) {
        h = h * 16777619u ^ (uint32_t)v[i];
        if (i && v[i - 1] > v[i])
            sorted = 0;
    }
    printf("ints: sorted=%d min=%" PRId32 " max=%" PRId32 " median=%" PRId32 " hash=%08" PRIx32 "\n", sorted, v[0], v[N - 1], v[N / 2], h);
    int found = 0, missing = 0;
    for (int32_t k = -50000; k < 50000; k += 37) {
        int32_t *p = bsearch(&k, v, N, sizeof v[0], cmp_i32);
        if (p) {
            if (*p != k)
                printf("bsearch wrong for %" PRId32 "\n", k);
            found++;
        } else {
            missing++;
        }
    }
    printf("bsearch: found=%d missing=%d\n", found, missing);

    static double d[5000];
    for (int i = 0; i < 5000; i++)
        d[i] = (double)(rnd() % 1000000) / 7.0;
    qsort(d, 5000, sizeof d[0], cmp_dbl_desc);
    printf("doubles: first=%.6f last=%.6f mid=%.6f\n", d[0], d[4999], d[2500]);

    static const char *words[] = {"pear", "apple", "fig", "banana", "kiwi", "cherry", "date", "grape", "lemon", "mango", "apricot", "zucchini", "Apple", "Zebra", "_under", "123", "apple pie", "figs"};
    size_t nw = sizeof words / sizeof words[0];
    qsort(words, nw, sizeof words[0], cmp_str);
    for (size_t i = 0; i < nw; i++)
        printf("%s%s", i ? "," : "words: ", words[i]);
    putchar('\n');
    const char *key = "kiwi";
    const char **w = bsearch(&key, words, nw, sizeof words[0], cmp_str);
    printf("kiwi at %d\n", w ? (int)(w - words) : -1);

    static struct rec r[3000];
    for (int i = 0; i < 3000; i++) {
        r[i].key = (int32_t)(rnd() % 50);
        r[i].order = i;
        snprintf(r[i].name, sizeof r[i].name, "n%d", i);
    }
    qsort(r, 3000, sizeof r[0], cmp_rec);
    h = 0;
    for (int i = 0; i < 3000; i++)
        h = h * 31 + (uint32_t)r[i].order;
    printf("records: first=%s/%" PRId32 " last=%s/%" PRId32 " hash=%08" PRIx32 "\n", r[0].name, r[0].key, r[2999].name, r[2999].key, h);
    return 0;
}
