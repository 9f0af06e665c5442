/* util/png.h — a small PNG encoder (ISO/IEC 15948): 8-bit RGB or RGBA
 * images, one IDAT compressed by zlib, each row filtered with None or Sub
 * (whichever looks smaller), no ancillary chunks. */
#ifndef MORPH_PNG_H
#define MORPH_PNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/* pixels: width x height, row by row, rows `stride` pixels apart, each
 * 0xAARRGGBB (alpha written only when `alpha`). Returns the file's bytes
 * (g_free them) and their count in *len. */
uint8_t *png_encode(const uint32_t *pixels, unsigned width, unsigned height, size_t stride, bool alpha,
                    size_t *len);

/* png_encode into the file at path; false with *err set if it cannot be
 * written. */
bool png_write_file(const char *path, const uint32_t *pixels, unsigned width, unsigned height, size_t stride,
                    bool alpha, GError **err);

#endif
