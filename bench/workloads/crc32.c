/* bench/workloads/crc32.c — integer hashing: CRC-32 (the IEEE 802.3 / zlib
 * polynomial, reflected) of a stream of SIZE MiB made of one generated 1 MiB
 * buffer repeated; a table lookup, a shift and an xor per byte. Prints the CRC. */
#include <inttypes.h>

#include "common.h"

enum { CHUNK = 1 << 20 };

static uint32_t crc_table[256];

/* crc_table[b]: the CRC register after shifting the byte b through it. */
static void make_table(void)
{
    for (uint32_t b = 0; b < 256; b++) {
        uint32_t r = b;
        for (int k = 0; k < 8; k++)
            r = (r & 1) ? (r >> 1) ^ 0xedb88320u : r >> 1;
        crc_table[b] = r;
    }
}

static uint32_t crc_update(uint32_t crc, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return crc;
}

int main(int argc, char **argv)
{
    long mib = bench_size(argc, argv, 128);
    uint8_t *chunk = bench_random_bytes(CHUNK, 0xc4c32u);
    make_table();
    uint32_t crc = 0xffffffffu;
    for (long m = 0; m < mib; m++)
        crc = crc_update(crc, chunk, CHUNK);
    printf("crc32 of %ld MiB: %08" PRIx32 "\n", mib, crc ^ 0xffffffffu);
    free(chunk);
    return 0;
}
