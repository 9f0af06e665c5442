/* bench/workloads/strings.c — memory through the C library's string
 * functions: SIZE thousand rounds of building a sentence of random words
 * (strlen + memcpy), copying it around (memcpy, memmove, strcpy), clearing
 * buffers (memset) and searching it (strchr, strstr, memcmp), on strings
 * from a few bytes to several KiB. Prints the running totals. */
#include <inttypes.h>
#include <string.h>

#include "common.h"

enum { LINE_MAX_BYTES = 8192, SCRATCH_BYTES = 16384 };

static const char *const words[16] = {
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
    "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa",
};

/* Fills line with nwords random words separated by spaces; returns its length. */
static size_t build_sentence(char *line, int nwords, uint32_t *seed)
{
    char *p = line;
    for (int i = 0; i < nwords; i++) {
        const char *w = words[bench_rand(seed) >> 28];
        size_t len = strlen(w);
        memcpy(p, w, len);
        p += len;
        *p++ = ' ';
    }
    p[-1] = '\0';
    return (size_t)(p - 1 - line);
}

static unsigned count_substrings(const char *s, const char *needle)
{
    unsigned n = 0;
    for (const char *hit = strstr(s, needle); hit; hit = strstr(hit + 1, needle))
        n++;
    return n;
}

int main(int argc, char **argv)
{
    long krounds = bench_size(argc, argv, 400);
    static char line[LINE_MAX_BYTES], copy[LINE_MAX_BYTES], scratch[SCRATCH_BYTES];
    uint32_t seed = 0x5791;
    uint64_t length_total = 0, found = 0, equal_halves = 0, spaces = 0;
    for (long r = 0; r < krounds * 1000; r++) {
        int nwords = 2 + (int)(bench_rand(&seed) % (r % 64 == 0 ? 900 : 40));
        size_t len = build_sentence(line, nwords, &seed);
        strcpy(copy, line);
        length_total += strlen(copy);
        memmove(copy + 1, copy, len / 2); /* overlapping shift right */
        if (memcmp(copy + 1, line, len / 2) != 0) {
            printf("strings: memmove went wrong in round %ld\n", r);
            return 1;
        }
        found += count_substrings(line, "delta") + (strchr(line, 'z') != NULL);
        equal_halves += memcmp(line, line + len / 2, len / 4) == 0;
        for (const char *p = strchr(line, ' '); p; p = strchr(p + 1, ' '))
            spaces++;
        size_t clear = (size_t)(r % 97) * 160 + 16;
        memset(scratch, 'x', clear);
        scratch[clear] = '\0';
        length_total += strlen(scratch);
    }
    printf("strings over %ld000 rounds: %" PRIu64 " bytes, %" PRIu64 " found, %" PRIu64 " equal, %" PRIu64
           " spaces\n",
           krounds, length_total, found, equal_halves, spaces);
    return 0;
}
