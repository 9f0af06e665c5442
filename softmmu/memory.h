/* softmmu/memory.h — the physical address space of an emulated machine:
 * RAM, ROM and MMIO regions placed at physical addresses, found by
 * address, and read or written the way a bus master (the CPU's slow path,
 * a loader, a device doing DMA, the debugger) reaches them.
 *
 * Regions may overlap: the one with the highest priority wins, a later
 * one among equals. Every change of the map (add, remove, move, enable)
 * calls the map-changed hook, which the machine uses to flush its CPUs'
 * TLBs (cached translations point at regions).
 *
 * Byte order: a device's callbacks take and return the register value as
 * a host integer of `size` bytes. An access whose byte order (IR_MO_BE)
 * differs from the region's `big_endian` has its bytes swapped on the
 * way, as a bus between a CPU and a device of the other byte order does.
 */
#ifndef MORPH_SOFTMMU_MEMORY_H
#define MORPH_SOFTMMU_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct MemoryRegionOps {
    /* size is 1, 2, 4 or 8 and never exceeds max_size; offset is from
     * the region's base. NULL read: reads as 0; NULL write: ignored
     * (both logged under -d guest_errors). */
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
    void (*write)(void *opaque, uint64_t offset, uint64_t value, unsigned size);
    bool big_endian;    /* the device's registers are big-endian */
    unsigned max_size;  /* widest access the device takes (1..8); 0 = 8. Wider
                           guest accesses are split into this size, in address order */
} MemoryRegionOps;

typedef enum MemoryRegionKind { MR_RAM, MR_ROM, MR_MMIO } MemoryRegionKind;

typedef struct MemoryRegion {
    const char *name;
    MemoryRegionKind kind;
    uint64_t base, size;  /* physical placement */
    int priority;
    bool enabled;
    uint8_t *host;        /* RAM/ROM: host memory of byte 0 (page aligned) */
    const MemoryRegionOps *ops; /* MMIO */
    void *opaque;
    /* RAM/ROM: one bit per 4 KiB page that holds translated guest code
     * (softmmu/tlb.c keeps it). */
    unsigned long *code_bitmap;
} MemoryRegion;

typedef struct AddressSpace AddressSpace;

AddressSpace *as_new(void);
void as_free(AddressSpace *as); /* frees its regions and their RAM */

/* RAM and ROM are zero-filled host memory (mmap); guest writes to ROM are
 * dropped and logged under -d guest_errors. */
MemoryRegion *as_add_ram(AddressSpace *as, const char *name, uint64_t base, uint64_t size);
MemoryRegion *as_add_rom(AddressSpace *as, const char *name, uint64_t base, uint64_t size);
MemoryRegion *as_add_mmio(AddressSpace *as, const char *name, uint64_t base, uint64_t size,
                          const MemoryRegionOps *ops, void *opaque, int priority);
void as_remove(AddressSpace *as, MemoryRegion *mr);
void as_move(AddressSpace *as, MemoryRegion *mr, uint64_t new_base);
void as_set_enabled(AddressSpace *as, MemoryRegion *mr, bool enabled);
/* Turn a RAM region into ROM (guest writes dropped) and back, keeping its
 * contents: shadow RAM that a chipset write-protects. */
void as_set_readonly(AddressSpace *as, MemoryRegion *mr, bool readonly);

/* Called after every change of the map. */
void as_set_map_changed(AddressSpace *as, void (*fn)(void *opaque), void *opaque);

/* The enabled region that answers physical address paddr (highest
 * priority), and paddr's offset in it; NULL where nothing is mapped. */
MemoryRegion *as_find(AddressSpace *as, uint64_t paddr, uint64_t *offset);

/* Host memory behind [paddr, paddr+len) when it is all one RAM or ROM
 * region; NULL otherwise. */
uint8_t *as_host_ptr(AddressSpace *as, uint64_t paddr, uint64_t len);

/* One access as a CPU makes it: memop is an IrMemop (size, IR_MO_BE; the
 * value is a host integer, zero-extended, never sign-extended here).
 * Unmapped addresses read as 0 and ignore writes, logged under
 * -d guest_errors with the address; ROM ignores writes. */
uint64_t as_ld(AddressSpace *as, uint64_t paddr, unsigned memop);
void as_st(AddressSpace *as, uint64_t paddr, uint64_t value, unsigned memop);

/* Byte copies (loaders, DMA, the debugger), RAM/ROM/MMIO alike (MMIO a
 * byte at a time). `force` writes ROM too (loading firmware). false if
 * any byte is unmapped (the others are still copied). */
bool as_read(AddressSpace *as, uint64_t paddr, void *buf, size_t len);
bool as_write(AddressSpace *as, uint64_t paddr, const void *buf, size_t len, bool force);

#endif
