/* util/png.c — the PNG encoder (ISO/IEC 15948, "Portable Network
 * Graphics"):
 *
 *   89 50 4E 47 0D 0A 1A 0A                 signature
 *   chunk: length (BE32) | type (4) | data | CRC-32 of type and data (BE32)
 *   IHDR   width, height (BE32), bit depth 8, colour type 2 (RGB) or 6
 *          (RGBA), compression 0, filter method 0, interlace 0
 *   IDAT   one zlib stream of the rows, each a filter type byte and then
 *          its samples: 0 None (as they are), 1 Sub (minus the sample one
 *          pixel to the left, modulo 256)
 *   IEND   empty
 */
#include "util/png.h"

#include <string.h>

#include <zlib.h>

enum { PNG_FILTER_NONE = 0, PNG_FILTER_SUB = 1, PNG_COLOR_RGB = 2, PNG_COLOR_RGBA = 6 };

static const uint8_t png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static void store_be32(uint8_t *p, uint32_t x)
{
    p[0] = x >> 24;
    p[1] = x >> 16;
    p[2] = x >> 8;
    p[3] = x;
}

static void put_be32(GByteArray *out, uint32_t x)
{
    uint8_t b[4];
    store_be32(b, x);
    g_byte_array_append(out, b, 4);
}

static void put_chunk(GByteArray *out, const char type[4], const uint8_t *data, size_t len)
{
    put_be32(out, (uint32_t)len);
    size_t type_at = out->len;
    g_byte_array_append(out, (const uint8_t *)type, 4);
    if (len)
        g_byte_array_append(out, data, (guint)len);
    uLong crc = crc32(0, out->data + type_at, (uInt)(4 + len));
    put_be32(out, (uint32_t)crc);
}

/* One pixel's samples in PNG order: R, G, B (, A). */
static void put_samples(uint8_t *dst, uint32_t argb, unsigned channels)
{
    dst[0] = argb >> 16;
    dst[1] = argb >> 8;
    dst[2] = argb;
    if (channels == 4)
        dst[3] = argb >> 24;
}

/* The sum of the filtered samples taken as signed bytes, the usual guess
 * at which filter compresses a row better. */
static unsigned long signed_sum(const uint8_t *samples, size_t n)
{
    unsigned long sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += samples[i] < 128 ? samples[i] : 256 - samples[i];
    return sum;
}

/* Row y as filter byte + samples at dst; sub is scratch of the row's size. */
static void filter_row(uint8_t *dst, uint8_t *sub, const uint32_t *row, unsigned width, unsigned channels)
{
    size_t n = (size_t)width * channels;
    uint8_t *raw = dst + 1;
    for (unsigned x = 0; x < width; x++)
        put_samples(raw + (size_t)x * channels, row[x], channels);
    for (size_t i = 0; i < n; i++)
        sub[i] = (uint8_t)(raw[i] - (i >= channels ? raw[i - channels] : 0));
    if (signed_sum(sub, n) < signed_sum(raw, n)) {
        dst[0] = PNG_FILTER_SUB;
        memcpy(raw, sub, n);
    } else {
        dst[0] = PNG_FILTER_NONE;
    }
}

uint8_t *png_encode(const uint32_t *pixels, unsigned width, unsigned height, size_t stride, bool alpha,
                    size_t *len)
{
    unsigned channels = alpha ? 4 : 3;
    size_t row_bytes = 1 + (size_t)width * channels;
    size_t raw_len = row_bytes * height;
    uint8_t *raw = g_malloc(raw_len ? raw_len : 1);
    uint8_t *scratch = g_malloc(row_bytes);
    for (unsigned y = 0; y < height; y++)
        filter_row(raw + y * row_bytes, scratch, pixels + y * stride, width, channels);
    g_free(scratch);

    uLongf packed_len = compressBound((uLong)raw_len);
    uint8_t *packed = g_malloc(packed_len);
    int rc = compress2(packed, &packed_len, raw, (uLong)raw_len, Z_DEFAULT_COMPRESSION);
    g_assert(rc == Z_OK); /* only out of memory or a short buffer fail, and neither can */
    g_free(raw);

    uint8_t ihdr[13] = {[8] = 8, [9] = alpha ? PNG_COLOR_RGBA : PNG_COLOR_RGB}; /* depth, colour type */
    store_be32(ihdr, width);
    store_be32(ihdr + 4, height);
    GByteArray *out = g_byte_array_sized_new((guint)(packed_len + 64));
    g_byte_array_append(out, png_signature, sizeof png_signature);
    put_chunk(out, "IHDR", ihdr, sizeof ihdr);
    put_chunk(out, "IDAT", packed, packed_len);
    put_chunk(out, "IEND", NULL, 0);
    g_free(packed);
    *len = out->len;
    return g_byte_array_free(out, FALSE);
}

bool png_write_file(const char *path, const uint32_t *pixels, unsigned width, unsigned height, size_t stride,
                    bool alpha, GError **err)
{
    size_t len;
    uint8_t *png = png_encode(pixels, width, height, stride, alpha, &len);
    bool ok = g_file_set_contents(path, (const char *)png, (gssize)len, err);
    g_free(png);
    return ok;
}
