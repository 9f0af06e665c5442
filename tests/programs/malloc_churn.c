/* malloc_churn.c — heap churn: many malloc/calloc/realloc/free of varied
 * sizes (small, medium, and large ones that glibc serves with mmap), with
 * every block filled with a pattern and checked before it is freed; prints
 * a checksum. Exercises brk, mmap and munmap under the hood. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t s = 12345;
static uint32_t rnd(void)
{
    s = s * 1664525u + 1013904223u;
    return s >> 8;
}

struct slot {
    unsigned char *p;
    size_t n;
    unsigned char tag;
};

static int check(const struct slot *sl)
{
    for (size_t i = 0; i < sl->n; i += 1 + sl->n / 64)
        if (sl->p[i] != (unsigned char)(sl->tag + i))
            return 0;
    return 1;
}
/* Small blocks are filled whole; large ones at the positions check() reads. */
enum { FULL_FILL_MAX = 8192 };
static void fill(struct slot *sl)
{
    size_t step = sl->n <= FULL_FILL_MAX ? 1 : 1 + sl->n / 64;
    for (size_t i = 0; i < sl->n; i += step)
        sl->p[i] = (unsigned char)(sl->tag + i);
}

int main(void)
{
    enum { SLOTS = 512, ROUNDS = 20000 };
    static struct slot slots[SLOTS];
    uint64_t sum = 0;
    int bad = 0, reallocs = 0, large = 0;
    for (int r = 0; r < ROUNDS; r++) {
        struct slot *sl = &slots[rnd() % SLOTS];
        uint32_t kind = rnd() % 100;
        if (sl->p) {
            if (!check(sl))
                bad++;
            for (size_t i = 0; i < sl->n; i += 1 + sl->n / 64)
                sum += sl->p[i];
            if (kind < 20) {
                size_t nn = 1 + rnd() % 3000;
                unsigned char *q = realloc(sl->p, nn);
                if (!q) {
                    bad++;
                    continue;
                }
                size_t keep = nn < sl->n ? nn : sl->n;
                if (sl->n > FULL_FILL_MAX)
                    keep = 0; /* only sparsely filled */
                sl->p = q;
                for (size_t i = 0; i < keep; i += 1 + keep / 64)
                    if (q[i] != (unsigned char)(sl->tag + i))
                        bad++;
                sl->n = nn;
                fill(sl);
                reallocs++;
                continue;
            }
            free(sl->p);
            sl->p = NULL;
            continue;
        }
        size_t n;
        if (kind < 70)
            n = 1 + rnd() % 64;
        else if (kind < 97)
            n = 64 + rnd() % 2048;
        else {
            n = 200000 + rnd() % 300000;
            large++;
        }
        sl->p = kind % 2 ? calloc(n, 1) : malloc(n);
        if (!sl->p) {
            bad++;
            continue;
        }
        if (kind % 2)
            for (size_t i = 0; i < n; i += 4093)
                if (sl->p[i])
                    bad++;
        sl->n = n;
        sl->tag = (unsigned char)rnd();
        fill(sl);
    }
    size_t live = 0, bytes = 0;
    for (int i = 0; i < SLOTS; i++)
        if (slots[i].p) {
            if (!check(&slots[i]))
                bad++;
            live++;
            bytes += slots[i].n;
            free(slots[i].p);
        }
    printf("sum %" PRIu64 " bad %d reallocs %d large %d live %zu bytes %zu\n", sum, bad, reallocs, large, live, bytes);
    /* Alignment that malloc promises (8 on 32-bit, 16 on 64-bit: check 8). */
    int misaligned = 0;
    for (int i = 1; i < 200; i++) {
        void *p = malloc((size_t)i * 3);
        misaligned += ((uintptr_t)p & 7) != 0;
        free(p);
    }
    printf("misaligned %d\n", misaligned);
    void *big = malloc(16u << 20);
    if (big) {
        memset(big, 0x5a, 16u << 20);
        printf("16 MiB block ok: %d\n", ((unsigned char *)big)[(16u << 20) - 1] == 0x5a);
        free(big);
    }
    return 0;
}
