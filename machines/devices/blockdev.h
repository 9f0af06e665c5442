/* machines/devices/blockdev.h — a disk image behind an emulated disk
 * controller: a raw file of 512-byte sectors, read and written in place,
 * or (-snapshot) opened read-only with every written sector kept in a
 * copy-on-write overlay in memory, so the image never changes.
 *
 * A raw image holds size / 512 sectors; a partial last sector is not
 * part of the disk.
 */
#ifndef MORPH_BLOCKDEV_H
#define MORPH_BLOCKDEV_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

enum { BLOCKDEV_SECTOR = 512 };

typedef struct BlockDev BlockDev;

/* Opens path (read/write, or read-only under `snapshot`); NULL with *err
 * set to one line naming the file when it is missing, unreadable, not
 * writable without `snapshot`, or smaller than one sector. */
BlockDev *blockdev_open(const char *path, bool snapshot, GError **err);
void blockdev_close(BlockDev *bd);

uint64_t blockdev_sectors(const BlockDev *bd);

/* count sectors from `sector`; false when the range leaves the disk or
 * the host's I/O fails (nothing is guaranteed about buf then). */
bool blockdev_read(BlockDev *bd, uint64_t sector, void *buf, unsigned count);
bool blockdev_write(BlockDev *bd, uint64_t sector, const void *buf, unsigned count);
/* Written sectors reach the image's storage (nothing to do for -snapshot). */
bool blockdev_flush(BlockDev *bd);

#endif
