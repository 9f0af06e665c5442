/* machines/loader.h — firmware and kernel images put into a machine's
 * physical memory: ELF files (32- or 64-bit, either byte order; each
 * PT_LOAD segment at its p_paddr, the entry point from the header) and
 * raw images (the file's bytes at an address the board chooses).
 *
 * A loaded image keeps its bytes, so a board can put it back on a
 * guest-requested reset (firmware that ran from RAM changed them).
 * Every error is one line naming the file.
 */
#ifndef MORPH_LOADER_H
#define MORPH_LOADER_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "softmmu/memory.h"

/* One piece of an image: file bytes, then zeros up to mem_size. */
typedef struct LoadedChunk {
    uint64_t paddr;
    uint64_t mem_size;
    GBytes *data;
} LoadedChunk;

typedef struct LoadedImage {
    char *path;
    bool is_elf;
    uint64_t entry;     /* ELF: e_entry; raw: the load address */
    uint64_t low, high; /* the physical range it covers: [low, high) */
    GArray *chunks;     /* LoadedChunk */
} LoadedImage;

/* What a machine accepts: the ELF machine number and where a file that
 * is not an ELF goes. */
typedef struct LoaderTarget {
    uint16_t elf_machine;
    uint64_t raw_addr;
} LoaderTarget;

/* Load path: an ELF file if it starts with the ELF magic (refused when it
 * is for another machine), else a raw image at target->raw_addr. Every
 * byte must land in RAM or ROM. NULL with *err set otherwise. */
LoadedImage *loader_load(AddressSpace *as, const char *path, const LoaderTarget *target, GError **err);
/* A raw image at paddr, whatever the file holds (-initrd). */
LoadedImage *loader_load_raw(AddressSpace *as, const char *path, uint64_t paddr, GError **err);

/* A whole file (device trees, ...), with the loader's error lines:
 * NULL with *err set if it is missing, unreadable, empty or not a
 * regular file. */
GBytes *loader_read_file(const char *path, GError **err);

/* Write the image into memory again (reset). */
void loader_reload(AddressSpace *as, const LoadedImage *img);
void loader_free(LoadedImage *img);

#endif
