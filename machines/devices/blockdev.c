/* machines/devices/blockdev.c — raw disk images, in place or under a
 * copy-on-write overlay (-snapshot): a hash table from sector number to
 * the sector's 512 bytes as the guest last wrote them. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "machines/devices/blockdev.h"

struct BlockDev {
    int fd;
    uint64_t sectors;
    GHashTable *overlay; /* -snapshot: sector -> g_malloc'd BLOCKDEV_SECTOR bytes; NULL: in place */
};

static BlockDev *open_error(GError **err, const char *path, const char *what, int fd)
{
    g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: %s", path, what);
    if (fd >= 0)
        close(fd);
    return NULL;
}

BlockDev *blockdev_open(const char *path, bool snapshot, GError **err)
{
    int fd = open(path, (snapshot ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    if (fd < 0 && !snapshot && (errno == EACCES || errno == EROFS))
        return open_error(err, path, "cannot open the disk image for writing (-snapshot keeps it unchanged)",
                          -1);
    if (fd < 0)
        return open_error(err, path, g_strerror(errno), -1);
    struct stat st;
    if (fstat(fd, &st) < 0)
        return open_error(err, path, g_strerror(errno), fd);
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))
        return open_error(err, path, "not a disk image (a regular file or block device)", fd);
    uint64_t bytes = S_ISBLK(st.st_mode) ? (uint64_t)lseek(fd, 0, SEEK_END) : (uint64_t)st.st_size;
    if (bytes < BLOCKDEV_SECTOR)
        return open_error(err, path, "the disk image is smaller than one 512-byte sector", fd);
    BlockDev *bd = g_new0(BlockDev, 1);
    bd->fd = fd;
    bd->sectors = bytes / BLOCKDEV_SECTOR;
    if (snapshot)
        bd->overlay = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    return bd;
}

void blockdev_close(BlockDev *bd)
{
    if (bd->overlay)
        g_hash_table_destroy(bd->overlay);
    close(bd->fd);
    g_free(bd);
}

uint64_t blockdev_sectors(const BlockDev *bd)
{
    return bd->sectors;
}

static bool in_range(const BlockDev *bd, uint64_t sector, unsigned count)
{
    return sector <= bd->sectors && count <= bd->sectors - sector;
}

/* pread/pwrite of exactly len bytes, across short transfers and signals. */
static bool file_read(int fd, uint8_t *buf, size_t len, uint64_t offset)
{
    while (len) {
        ssize_t n = pread(fd, buf, len, (off_t)offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        buf += n;
        len -= (size_t)n;
        offset += (uint64_t)n;
    }
    return true;
}

static bool file_write(int fd, const uint8_t *buf, size_t len, uint64_t offset)
{
    while (len) {
        ssize_t n = pwrite(fd, buf, len, (off_t)offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        buf += n;
        len -= (size_t)n;
        offset += (uint64_t)n;
    }
    return true;
}

static const uint8_t *overlay_sector(const BlockDev *bd, uint64_t sector)
{
    return bd->overlay ? g_hash_table_lookup(bd->overlay, &sector) : NULL;
}

bool blockdev_read(BlockDev *bd, uint64_t sector, void *buf, unsigned count)
{
    if (!in_range(bd, sector, count))
        return false;
    uint8_t *out = buf;
    if (!bd->overlay)
        return file_read(bd->fd, out, (size_t)count * BLOCKDEV_SECTOR, sector * BLOCKDEV_SECTOR);
    for (unsigned i = 0; i < count; i++, out += BLOCKDEV_SECTOR) {
        const uint8_t *copy = overlay_sector(bd, sector + i);
        if (copy)
            memcpy(out, copy, BLOCKDEV_SECTOR);
        else if (!file_read(bd->fd, out, BLOCKDEV_SECTOR, (sector + i) * BLOCKDEV_SECTOR))
            return false;
    }
    return true;
}

bool blockdev_write(BlockDev *bd, uint64_t sector, const void *buf, unsigned count)
{
    if (!in_range(bd, sector, count))
        return false;
    const uint8_t *in = buf;
    if (!bd->overlay)
        return file_write(bd->fd, in, (size_t)count * BLOCKDEV_SECTOR, sector * BLOCKDEV_SECTOR);
    for (unsigned i = 0; i < count; i++, in += BLOCKDEV_SECTOR) {
        uint64_t key = sector + i;
        g_hash_table_replace(bd->overlay, g_memdup2(&key, sizeof key), g_memdup2(in, BLOCKDEV_SECTOR));
    }
    return true;
}

bool blockdev_flush(BlockDev *bd)
{
    return bd->overlay || fdatasync(bd->fd) == 0;
}
