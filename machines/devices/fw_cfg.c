/* machines/devices/fw_cfg.c — QEMU's firmware configuration device
 * (machines/devices/fw_cfg.h): the item table, the selector/data ports,
 * the file directory and the DMA interface. */
#include "machines/devices/fw_cfg.h"

#include <string.h>

#include <glib.h>

#include "util/log.h"

enum {
    FW_CFG_ID_PORTS = 1 << 0,
    FW_CFG_ID_DMA = 1 << 1,
    DMA_CTL_ERROR = 0x01,
    DMA_CTL_READ = 0x02,
    DMA_CTL_SKIP = 0x04,
    DMA_CTL_SELECT = 0x08,
    DMA_CTL_WRITE = 0x10,
    DMA_DESCRIPTOR_SIZE = 16,
    DIR_ENTRY_SIZE = 64, /* be32 size, be16 select, be16 reserved, name[56] */
    DMA_PORT_OFFSET = 4,
};

/* "QEMU CFG", what the DMA address register reads (big-endian). */
#define FW_CFG_DMA_SIGNATURE 0x51454d5520434647ull

typedef struct FwCfgFile {
    char name[FW_CFG_MAX_FILE_NAME];
    uint16_t key;
    uint32_t size;
} FwCfgFile;

struct FwCfg {
    AddressSpace *ports, *dma_mem;
    MemoryRegion *io_mr, *dma_mr;
    GHashTable *items; /* key -> GBytes */
    GArray *files;     /* FwCfgFile, in the order added */
    uint16_t selected;
    uint32_t offset;
    uint64_t dma_address;
};

/* ---- items ------------------------------------------------------------------ */

static gpointer key_of(uint16_t key)
{
    return GUINT_TO_POINTER((guint)key);
}

void fw_cfg_add_bytes(FwCfg *f, uint16_t key, const void *data, size_t len)
{
    g_hash_table_replace(f->items, key_of(key), g_bytes_new(data, len));
}

static void put_le(uint8_t *out, uint64_t v, unsigned size)
{
    for (unsigned i = 0; i < size; i++)
        out[i] = (uint8_t)(v >> (8 * i));
}

static void put_be(uint8_t *out, uint64_t v, unsigned size)
{
    for (unsigned i = 0; i < size; i++)
        out[i] = (uint8_t)(v >> (8 * (size - 1 - i)));
}

static uint64_t get_be(const uint8_t *in, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | in[i];
    return v;
}

static void add_le(FwCfg *f, uint16_t key, uint64_t value, unsigned size)
{
    uint8_t bytes[8];
    put_le(bytes, value, size);
    fw_cfg_add_bytes(f, key, bytes, size);
}

void fw_cfg_add_i16(FwCfg *f, uint16_t key, uint16_t value)
{
    add_le(f, key, value, 2);
}
void fw_cfg_add_i32(FwCfg *f, uint16_t key, uint32_t value)
{
    add_le(f, key, value, 4);
}
void fw_cfg_add_i64(FwCfg *f, uint16_t key, uint64_t value)
{
    add_le(f, key, value, 8);
}

static int compare_file_names(const void *a, const void *b)
{
    return strcmp(((const FwCfgFile *)a)->name, ((const FwCfgFile *)b)->name);
}

/* The directory item, rebuilt whenever a file is added. */
static void rebuild_directory(FwCfg *f)
{
    GArray *sorted = g_array_copy(f->files);
    g_array_sort(sorted, compare_file_names);
    size_t len = 4 + (size_t)sorted->len * DIR_ENTRY_SIZE;
    uint8_t *dir = g_malloc0(len);
    put_be(dir, sorted->len, 4);
    for (guint i = 0; i < sorted->len; i++) {
        const FwCfgFile *file = &g_array_index(sorted, FwCfgFile, i);
        uint8_t *entry = dir + 4 + (size_t)i * DIR_ENTRY_SIZE;
        put_be(entry, file->size, 4);
        put_be(entry + 4, file->key, 2);
        memcpy(entry + 8, file->name, FW_CFG_MAX_FILE_NAME);
    }
    fw_cfg_add_bytes(f, FW_CFG_FILE_DIR, dir, len);
    g_free(dir);
    g_array_free(sorted, TRUE);
}

void fw_cfg_add_file(FwCfg *f, const char *name, const void *data, size_t len)
{
    g_assert(strlen(name) < FW_CFG_MAX_FILE_NAME && len <= UINT32_MAX);
    FwCfgFile file = {.key = (uint16_t)(FW_CFG_FILE_FIRST + f->files->len), .size = (uint32_t)len};
    g_strlcpy(file.name, name, sizeof file.name);
    g_array_append_val(f->files, file);
    fw_cfg_add_bytes(f, file.key, data, len);
    rebuild_directory(f);
}

/* ---- reading the selected item ---------------------------------------------- */

static void select_item(FwCfg *f, uint16_t key)
{
    f->selected = key & (uint16_t)~FW_CFG_WRITE_FLAG;
    f->offset = 0;
}

/* The next len bytes of the selected item, zeros past its end. */
static void read_item(FwCfg *f, uint8_t *out, size_t len)
{
    GBytes *item = g_hash_table_lookup(f->items, key_of(f->selected));
    gsize size = 0;
    const uint8_t *data = item ? g_bytes_get_data(item, &size) : NULL;
    for (size_t i = 0; i < len; i++, f->offset++)
        out[i] = f->offset < size ? data[f->offset] : 0;
}

static uint64_t io_read(void *opaque, uint64_t offset, unsigned size)
{
    FwCfg *f = opaque;
    if (offset == 1 && size == 1) {
        uint8_t byte;
        read_item(f, &byte, 1);
        return byte;
    }
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("fw_cfg: %u-byte read at port offset %u (only the data port reads)\n", size,
                   (unsigned)offset);
    return 0;
}

static void io_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    FwCfg *f = opaque;
    if (offset == 0 && size == 2)
        select_item(f, (uint16_t)value);
    else if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("fw_cfg: %u-byte write of 0x%llx at port offset %u ignored\n", size,
                   (unsigned long long)value, (unsigned)offset);
}

static const MemoryRegionOps io_ops = {.read = io_read, .write = io_write, .max_size = 2};

/* ---- DMA ---------------------------------------------------------------------- */

/* A DMA read of length bytes of the selected item to guest address. */
static uint32_t dma_read_item(FwCfg *f, uint64_t address, uint32_t length)
{
    uint8_t chunk[4096];
    while (length) {
        uint32_t n = MIN(length, (uint32_t)sizeof chunk);
        read_item(f, chunk, n);
        if (!as_write(f->dma_mem, address, chunk, n, false))
            return DMA_CTL_ERROR;
        address += n, length -= n;
    }
    return 0;
}

/* Carry out the descriptor at f->dma_address; its control word becomes 0
 * or DMA_CTL_ERROR. */
static void dma_transfer(FwCfg *f)
{
    uint8_t desc[DMA_DESCRIPTOR_SIZE];
    uint64_t at = f->dma_address;
    f->dma_address = 0;
    uint32_t result = DMA_CTL_ERROR;
    if (as_read(f->dma_mem, at, desc, sizeof desc)) {
        uint32_t control = (uint32_t)get_be(desc, 4), length = (uint32_t)get_be(desc + 4, 4);
        uint64_t address = get_be(desc + 8, 8);
        if (control & DMA_CTL_SELECT)
            select_item(f, (uint16_t)(control >> 16));
        result = 0;
        if (control & DMA_CTL_READ) {
            result = dma_read_item(f, address, length);
        } else if (control & DMA_CTL_SKIP) {
            f->offset += length;
        } else if (control & DMA_CTL_WRITE) {
            result = DMA_CTL_ERROR; /* nothing here is writable */
        }
    }
    uint8_t status[4];
    put_be(status, result, 4);
    as_write(f->dma_mem, at, status, sizeof status, false);
}

static uint64_t dma_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)opaque;
    unsigned shift = 8 * (8 - (unsigned)offset - size);
    return (FW_CFG_DMA_SIGNATURE >> shift) & ((1ull << (8 * size)) - 1);
}

/* The address arrives big-endian: the high half at offset 0, the low half
 * (which starts the transfer) at offset 4. */
static void dma_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    FwCfg *f = opaque;
    if (size != 4) {
        if (log_enabled(LOG_GUEST_ERRORS))
            log_printf("fw_cfg: %u-byte write to the DMA address ignored\n", size);
        return;
    }
    if (offset == 0) {
        f->dma_address = (f->dma_address & 0xffffffffu) | value << 32;
        return;
    }
    f->dma_address |= value;
    dma_transfer(f);
}

static const MemoryRegionOps dma_ops = {
    .read = dma_read, .write = dma_write, .big_endian = true, .max_size = 4};

/* ---- the device ----------------------------------------------------------------- */

FwCfg *fw_cfg_new(AddressSpace *ports, uint16_t base, AddressSpace *dma_mem)
{
    FwCfg *f = g_new0(FwCfg, 1);
    f->ports = ports;
    f->dma_mem = dma_mem;
    f->items = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_bytes_unref);
    f->files = g_array_new(FALSE, TRUE, sizeof(FwCfgFile));
    f->io_mr = as_add_mmio(ports, "fw_cfg", base, 2, &io_ops, f, 0);
    if (dma_mem)
        f->dma_mr = as_add_mmio(ports, "fw_cfg-dma", base + DMA_PORT_OFFSET, 8, &dma_ops, f, 0);
    fw_cfg_add_bytes(f, FW_CFG_SIGNATURE, "QEMU", 4);
    fw_cfg_add_i32(f, FW_CFG_ID, FW_CFG_ID_PORTS | (dma_mem ? FW_CFG_ID_DMA : 0));
    rebuild_directory(f);
    return f;
}

void fw_cfg_reset(FwCfg *f)
{
    select_item(f, FW_CFG_SIGNATURE);
    f->dma_address = 0;
}

void fw_cfg_free(FwCfg *f)
{
    as_remove(f->ports, f->io_mr);
    if (f->dma_mr)
        as_remove(f->ports, f->dma_mr);
    g_hash_table_destroy(f->items);
    g_array_free(f->files, TRUE);
    g_free(f);
}
