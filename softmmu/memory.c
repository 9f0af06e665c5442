/* softmmu/memory.c — the physical address space: the regions a board
 * places (RAM and ROM as host memory, MMIO as callbacks), the flat map
 * that answers "who owns this address" and the accesses made through it.
 *
 * The regions overlap freely; every change rebuilds a flat map, a sorted
 * array of disjoint ranges each owned by the one region that wins there
 * (highest priority, the later added among equals):
 *
 *   regions:   [RAM 0 ............................ 2G)
 *                         [MMIO uart 0x4500, prio 1)
 *   flat map:  [0 .. 0x44ff] RAM  [0x4500 ..] uart  [.. 2G) RAM
 *
 * Lookups binary-search the map after trying the range of the last hit
 * (the CPU's slow path asks once per MMIO access, mostly the same
 * device).
 */
#include "softmmu/memory.h"

#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "softmmu/internal.h"
#include "util/log.h"

/* [first, last] of the address space (inclusive: a region may end at
 * the top of the 64-bit space) is answered by mr. */
typedef struct FlatRange {
    uint64_t first, last;
    MemoryRegion *mr;
} FlatRange;

struct AddressSpace {
    GPtrArray *regions; /* MemoryRegion *, in the order they were added */
    FlatRange *map;
    size_t nmap;
    size_t last_hit; /* index into map of the last lookup's range */
    void (*map_changed)(void *opaque);
    void *map_changed_opaque;
};

/* ---- regions and the flat map --------------------------------------- */

static bool region_contains(const MemoryRegion *mr, uint64_t paddr)
{
    return mr->enabled && paddr - mr->base < mr->size;
}

/* The region answering paddr: highest priority, the latest among equals. */
static MemoryRegion *winner_at(const AddressSpace *as, uint64_t paddr)
{
    MemoryRegion *best = NULL;
    for (guint i = 0; i < as->regions->len; i++) {
        MemoryRegion *mr = g_ptr_array_index(as->regions, i);
        if (region_contains(mr, paddr) && (!best || mr->priority >= best->priority))
            best = mr;
    }
    return best;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Every address where the owner may change: region starts and the
 * addresses just past their ends. Sorted, duplicates left in. */
static uint64_t *collect_boundaries(const AddressSpace *as, size_t *count)
{
    uint64_t *points = g_new(uint64_t, 2 * as->regions->len + 1);
    size_t n = 0;
    points[n++] = 0;
    for (guint i = 0; i < as->regions->len; i++) {
        const MemoryRegion *mr = g_ptr_array_index(as->regions, i);
        if (!mr->enabled)
            continue;
        points[n++] = mr->base;
        if (mr->base + mr->size != 0) /* not the end of the address space */
            points[n++] = mr->base + mr->size;
    }
    qsort(points, n, sizeof *points, compare_u64);
    *count = n;
    return points;
}

static void rebuild_map(AddressSpace *as)
{
    size_t npoints;
    uint64_t *points = collect_boundaries(as, &npoints);
    g_free(as->map);
    as->map = g_new(FlatRange, npoints);
    as->nmap = 0;
    as->last_hit = 0;
    for (size_t i = 0; i < npoints; i++) {
        if (i + 1 < npoints && points[i + 1] == points[i])
            continue;
        uint64_t first = points[i];
        uint64_t last = i + 1 < npoints ? points[i + 1] - 1 : UINT64_MAX;
        MemoryRegion *mr = winner_at(as, first);
        if (!mr)
            continue;
        FlatRange *prev = as->nmap ? &as->map[as->nmap - 1] : NULL;
        if (prev && prev->mr == mr && prev->last + 1 == first)
            prev->last = last;
        else
            as->map[as->nmap++] = (FlatRange){first, last, mr};
    }
    g_free(points);
}

static void map_changed(AddressSpace *as)
{
    rebuild_map(as);
    if (as->map_changed)
        as->map_changed(as->map_changed_opaque);
}

/* The flat range holding paddr, or NULL. */
static const FlatRange *lookup(AddressSpace *as, uint64_t paddr)
{
    if (as->last_hit < as->nmap) {
        const FlatRange *r = &as->map[as->last_hit];
        if (paddr >= r->first && paddr <= r->last)
            return r;
    }
    size_t lo = 0, hi = as->nmap;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (as->map[mid].last < paddr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == as->nmap || as->map[lo].first > paddr)
        return NULL;
    as->last_hit = lo;
    return &as->map[lo];
}

AddressSpace *as_new(void)
{
    AddressSpace *as = g_new0(AddressSpace, 1);
    as->regions = g_ptr_array_new();
    return as;
}

static uint64_t host_pages_bytes(uint64_t size)
{
    uint64_t page = MAX((uint64_t)sysconf(_SC_PAGESIZE), (uint64_t)TLB_PAGE_SIZE);
    return (size + page - 1) & ~(page - 1);
}

static void region_free(MemoryRegion *mr)
{
    if (mr->host)
        munmap(mr->host, host_pages_bytes(mr->size));
    g_free(mr->code_bitmap);
    g_free((char *)mr->name);
    g_free(mr);
}

void as_free(AddressSpace *as)
{
    if (!as)
        return;
    for (guint i = 0; i < as->regions->len; i++)
        region_free(g_ptr_array_index(as->regions, i));
    g_ptr_array_free(as->regions, TRUE);
    g_free(as->map);
    g_free(as);
}

static MemoryRegion *add_region(AddressSpace *as, const MemoryRegion *proto)
{
    MemoryRegion *mr = g_new(MemoryRegion, 1);
    *mr = *proto;
    mr->name = g_strdup(proto->name);
    mr->enabled = true;
    g_ptr_array_add(as->regions, mr);
    map_changed(as);
    return mr;
}

static MemoryRegion *add_memory(AddressSpace *as, const char *name, MemoryRegionKind kind, uint64_t base,
                                uint64_t size)
{
    g_return_val_if_fail(size > 0, NULL);
    void *host = mmap(NULL, host_pages_bytes(size), PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (host == MAP_FAILED)
        return NULL;
    uint64_t pages = (size + TLB_PAGE_SIZE - 1) / TLB_PAGE_SIZE;
    uint64_t bits_per_long = 8 * sizeof(unsigned long);
    MemoryRegion proto = {
        .name = name,
        .kind = kind,
        .base = base,
        .size = size,
        .host = host,
        .code_bitmap = g_new0(unsigned long, (pages + bits_per_long - 1) / bits_per_long),
    };
    return add_region(as, &proto);
}

MemoryRegion *as_add_ram(AddressSpace *as, const char *name, uint64_t base, uint64_t size)
{
    return add_memory(as, name, MR_RAM, base, size);
}

MemoryRegion *as_add_rom(AddressSpace *as, const char *name, uint64_t base, uint64_t size)
{
    return add_memory(as, name, MR_ROM, base, size);
}

MemoryRegion *as_add_mmio(AddressSpace *as, const char *name, uint64_t base, uint64_t size,
                          const MemoryRegionOps *ops, void *opaque, int priority)
{
    g_return_val_if_fail(size > 0 && ops, NULL);
    MemoryRegion proto = {
        .name = name,
        .kind = MR_MMIO,
        .base = base,
        .size = size,
        .priority = priority,
        .ops = ops,
        .opaque = opaque,
    };
    return add_region(as, &proto);
}

void as_remove(AddressSpace *as, MemoryRegion *mr)
{
    if (!g_ptr_array_remove(as->regions, mr))
        return;
    region_free(mr);
    map_changed(as);
}

void as_move(AddressSpace *as, MemoryRegion *mr, uint64_t new_base)
{
    mr->base = new_base;
    map_changed(as);
}

void as_set_enabled(AddressSpace *as, MemoryRegion *mr, bool enabled)
{
    mr->enabled = enabled;
    map_changed(as);
}

void as_set_readonly(AddressSpace *as, MemoryRegion *mr, bool readonly)
{
    g_return_if_fail(mr->kind != MR_MMIO);
    mr->kind = readonly ? MR_ROM : MR_RAM;
    map_changed(as);
}

void as_set_map_changed(AddressSpace *as, void (*fn)(void *opaque), void *opaque)
{
    as->map_changed = fn;
    as->map_changed_opaque = opaque;
}

MemoryRegion *as_find(AddressSpace *as, uint64_t paddr, uint64_t *offset)
{
    const FlatRange *r = lookup(as, paddr);
    if (!r)
        return NULL;
    if (offset)
        *offset = paddr - r->mr->base;
    return r->mr;
}

uint8_t *as_host_ptr(AddressSpace *as, uint64_t paddr, uint64_t len)
{
    const FlatRange *r = lookup(as, paddr);
    if (!r || r->mr->kind == MR_MMIO || (len && len - 1 > r->last - paddr))
        return NULL;
    return r->mr->host + (paddr - r->mr->base);
}

/* ---- MMIO ------------------------------------------------------------- */

/* One device access of at most max_size bytes, in the access's order. */
static uint64_t mmio_read_piece(MemoryRegion *mr, uint64_t offset, unsigned size, bool big_endian)
{
    if (!mr->ops->read) {
        if (log_enabled(LOG_GUEST_ERRORS))
            log_printf("guest_errors: read of write-only %s at physical address 0x%" PRIx64 " (size %u)\n",
                       mr->name, mr->base + offset, size);
        return 0;
    }
    uint64_t v = mr->ops->read(mr->opaque, offset, size) & softmmu_size_mask(size);
    return big_endian != mr->ops->big_endian ? softmmu_swap(v, size) : v;
}

static void mmio_write_piece(MemoryRegion *mr, uint64_t offset, uint64_t value, unsigned size,
                             bool big_endian)
{
    value &= softmmu_size_mask(size);
    if (!mr->ops->write) {
        if (log_enabled(LOG_GUEST_ERRORS))
            log_printf("guest_errors: write of 0x%" PRIx64 " to read-only %s at physical address 0x%" PRIx64
                       " (size %u) ignored\n",
                       value, mr->name, mr->base + offset, size);
        return;
    }
    if (big_endian != mr->ops->big_endian)
        value = softmmu_swap(value, size);
    mr->ops->write(mr->opaque, offset, value, size);
}

/* The widest power of two up to size the device takes. */
static unsigned mmio_piece_size(const MemoryRegion *mr, unsigned size)
{
    unsigned max = mr->ops->max_size ? mr->ops->max_size : 8, piece = size;
    while (piece > max)
        piece /= 2;
    return piece;
}

/* Where piece i (in address order) of n pieces of `piece` bytes sits in
 * the access's value. */
static unsigned piece_shift(unsigned i, unsigned n, unsigned piece, bool big_endian)
{
    return softmmu_byte_shift(i, n, big_endian) * piece;
}

/* Accesses wider than the device takes become pieces in address order. */
static uint64_t mmio_read(MemoryRegion *mr, uint64_t offset, unsigned size, bool big_endian)
{
    unsigned piece = mmio_piece_size(mr, size), n = size / piece;
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++) {
        uint64_t part = mmio_read_piece(mr, offset + i * piece, piece, big_endian);
        v |= part << piece_shift(i, n, piece, big_endian);
    }
    return v;
}

static void mmio_write(MemoryRegion *mr, uint64_t offset, uint64_t value, unsigned size, bool big_endian)
{
    unsigned piece = mmio_piece_size(mr, size), n = size / piece;
    for (unsigned i = 0; i < n; i++) {
        uint64_t part = value >> piece_shift(i, n, piece, big_endian);
        mmio_write_piece(mr, offset + i * piece, part, piece, big_endian);
    }
}

/* ---- accesses as a CPU makes them ------------------------------------ */

static uint64_t ld_byte_split(AddressSpace *as, uint64_t paddr, unsigned size, unsigned memop);
static void st_byte_split(AddressSpace *as, uint64_t paddr, uint64_t value, unsigned size, unsigned memop);

uint64_t as_ld(AddressSpace *as, uint64_t paddr, unsigned memop)
{
    unsigned size = softmmu_mo_bytes(memop);
    bool big_endian = memop & IR_MO_BE;
    const FlatRange *r = lookup(as, paddr);
    if (!r) {
        if (log_enabled(LOG_GUEST_ERRORS))
            log_printf("guest_errors: read of unmapped physical address 0x%" PRIx64 " (size %u)\n", paddr,
                       size);
        return 0;
    }
    if (size - 1 > r->last - paddr)
        return ld_byte_split(as, paddr, size, memop);
    MemoryRegion *mr = r->mr;
    uint64_t offset = paddr - mr->base;
    if (mr->kind == MR_MMIO)
        return mmio_read(mr, offset, size, big_endian);
    return softmmu_load_host(mr->host + offset, size, big_endian);
}

void as_st(AddressSpace *as, uint64_t paddr, uint64_t value, unsigned memop)
{
    unsigned size = softmmu_mo_bytes(memop);
    bool big_endian = memop & IR_MO_BE;
    const FlatRange *r = lookup(as, paddr);
    if (!r) {
        if (log_enabled(LOG_GUEST_ERRORS))
            log_printf("guest_errors: write of 0x%" PRIx64 " to unmapped physical address 0x%" PRIx64
                       " (size %u)\n",
                       value & softmmu_size_mask(size), paddr, size);
        return;
    }
    if (size - 1 > r->last - paddr) {
        st_byte_split(as, paddr, value, size, memop);
        return;
    }
    MemoryRegion *mr = r->mr;
    uint64_t offset = paddr - mr->base;
    switch (mr->kind) {
    case MR_MMIO:
        mmio_write(mr, offset, value, size, big_endian);
        break;
    case MR_ROM:
        if (log_enabled(LOG_GUEST_ERRORS))
            log_printf("guest_errors: write of 0x%" PRIx64 " to ROM %s at physical address 0x%" PRIx64
                       " (size %u) ignored\n",
                       value & softmmu_size_mask(size), mr->name, paddr, size);
        break;
    case MR_RAM:
        softmmu_store_host(mr->host + offset, value, size, big_endian);
        break;
    }
}

/* An access that straddles two ranges: byte by byte, in address order. */
static uint64_t ld_byte_split(AddressSpace *as, uint64_t paddr, unsigned size, unsigned memop)
{
    unsigned byte_op = memop & ~(unsigned)IR_MO_SIZE;
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= as_ld(as, paddr + i, byte_op) << softmmu_byte_shift(i, size, memop & IR_MO_BE);
    return v;
}

static void st_byte_split(AddressSpace *as, uint64_t paddr, uint64_t value, unsigned size, unsigned memop)
{
    unsigned byte_op = memop & ~(unsigned)IR_MO_SIZE;
    for (unsigned i = 0; i < size; i++)
        as_st(as, paddr + i, (value >> softmmu_byte_shift(i, size, memop & IR_MO_BE)) & 0xff, byte_op);
}

/* ---- byte copies ------------------------------------------------------ */

/* One flat range's part of a copy: RAM and ROM as memory (ROM written
 * only when forced), MMIO a byte at a time. */
static void copy_in_region(MemoryRegion *mr, uint64_t offset, uint8_t *buf, size_t len, bool write,
                           bool force)
{
    if (mr->kind != MR_MMIO) {
        if (!write)
            memcpy(buf, mr->host + offset, len);
        else if (mr->kind == MR_RAM || force)
            memcpy(mr->host + offset, buf, len);
        return;
    }
    for (size_t i = 0; i < len; i++) {
        if (write)
            mmio_write_piece(mr, offset + i, buf[i], 1, false);
        else
            buf[i] = (uint8_t)mmio_read_piece(mr, offset + i, 1, false);
    }
}

/* Copy [paddr, paddr+len) to or from buf one flat range at a time;
 * unmapped bytes read as 0. */
static bool copy(AddressSpace *as, uint64_t paddr, uint8_t *buf, size_t len, bool write, bool force)
{
    bool all_mapped = true;
    while (len) {
        const FlatRange *r = lookup(as, paddr);
        size_t chunk = r ? MIN((uint64_t)len - 1, r->last - paddr) + 1 : 1;
        if (r)
            copy_in_region(r->mr, paddr - r->mr->base, buf, chunk, write, force);
        else if (!write)
            *buf = 0;
        all_mapped &= r != NULL;
        paddr += chunk, buf += chunk, len -= chunk;
    }
    return all_mapped;
}

bool as_read(AddressSpace *as, uint64_t paddr, void *buf, size_t len)
{
    return copy(as, paddr, buf, len, false, false);
}

bool as_write(AddressSpace *as, uint64_t paddr, const void *buf, size_t len, bool force)
{
    return copy(as, paddr, (uint8_t *)buf, len, true, force);
}
