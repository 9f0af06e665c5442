/* linux-user/x86/tls.c — thread pointers of the x86 guests: segment
 * loads from the GDT/LDT morph keeps for the guest, the TLS descriptors
 * of set_thread_area/get_thread_area (i386's way: a GDT entry that %gs
 * selects) and arch_prctl (x86-64's way: the FS and GS bases directly).
 *
 *   struct user_desc (asm/ldt.h), 16 bytes:
 *     0 entry_number  4 base_addr  8 limit  12 flags:
 *       bit 0 seg_32bit, 1-2 contents, 3 read_exec_only, 4 limit_in_pages,
 *       5 seg_not_present, 6 useable (7 lm, ignored)
 *
 * Facts from the kernel's arch/x86/kernel/tls.c: entry_number -1 picks
 * the first free TLS entry and writes it back (-ESRCH when none is free);
 * an "empty" or all-zero descriptor clears the entry; otherwise only a
 * present 32-bit data segment is accepted. When a segment register
 * selects the entry just written, it is reloaded. The TLS entries are
 * GDT 6..8 for i386 (the 32-bit kernel's table) and 12..14 for x86-64.
 * modify_ldt is not implemented (-ENOSYS, logged by the dispatcher).
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "linux-user/syscall.h"
#include "linux-user/x86/abi.h"
#include "util/log.h"

enum {
    UD_ENTRY = 0, UD_BASE = 4, UD_LIMIT = 8, UD_FLAGS = 12, UD_SIZE = 16,
    UD_SEG_32BIT = 1u << 0, UD_CONTENTS_SHIFT = 1, UD_CONTENTS_MASK = 3u << 1,
    UD_READ_EXEC_ONLY = 1u << 3, UD_LIMIT_IN_PAGES = 1u << 4,
    UD_SEG_NOT_PRESENT = 1u << 5, UD_USEABLE = 1u << 6,
    UD_KNOWN_BITS = 0x7f,
};
/* The x86-64 kernel's TLS entries. */
enum { X86_64_TLS_FIRST = 12 };

/* arch_prctl codes (asm/prctl.h). */
enum {
    ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004,
    ARCH_GET_CPUID = 0x1011, ARCH_SET_CPUID = 0x1012,
};
/* The highest user address an FS/GS base may hold (TASK_SIZE_MAX). */
#define X86_64_TASK_SIZE_MAX 0x7ffffffff000ull

static unsigned tls_first(void)
{
    return lu_layouts()->long_size == 8 ? X86_64_TLS_FIRST : X86_TLS_FIRST;
}

/* ---- segment loads ------------------------------------------------------- */

uint64_t x86_selector_base(const X86Cpu *c, uint16_t sel)
{
    unsigned index = sel >> 3;
    const X86SegDesc *table = (sel & X86_SEL_TI_LDT) ? c->ldt : c->gdt;
    unsigned n = (sel & X86_SEL_TI_LDT) ? X86_LDT_ENTRIES : X86_GDT_ENTRIES;
    if (index >= n || !(table[index].flags & X86_DESC_PRESENT))
        return 0;
    return table[index].base;
}

void x86_load_segment(X86Cpu *c, int seg, uint16_t sel)
{
    c->seg_sel[seg] = sel;
    c->seg_base[seg] = x86_selector_base(c, sel);
}

/* ---- TLS descriptors --------------------------------------------------------- */

/* LDT_empty() / LDT_zero() of the kernel: a request to clear the entry. */
static bool desc_clears(uint32_t base, uint32_t limit, uint32_t flags)
{
    uint32_t empty = UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT;
    if (base || limit)
        return false;
    return (flags & UD_KNOWN_BITS) == empty || (flags & UD_KNOWN_BITS) == 0;
}

/* tls_desc_okay(): a clearing request, or a present 32-bit data segment. */
static bool desc_ok(uint32_t base, uint32_t limit, uint32_t flags)
{
    if (desc_clears(base, limit, flags))
        return true;
    bool data = ((flags & UD_CONTENTS_MASK) >> UD_CONTENTS_SHIFT) <= 1;
    return (flags & UD_SEG_32BIT) && data && !(flags & UD_SEG_NOT_PRESENT);
}

int x86_tls_install(X86Cpu *c, unsigned entry, uint32_t base, uint32_t limit, uint32_t flags)
{
    unsigned first = tls_first();
    if (entry < first || entry >= first + X86_TLS_COUNT || !desc_ok(base, limit, flags))
        return -EINVAL;
    X86SegDesc d = { 0, 0, 0 };
    if (!desc_clears(base, limit, flags)) {
        d.base = base;
        d.limit = limit & 0xfffff;
        d.flags = X86_DESC_PRESENT | X86_DESC_32BIT |
                  ((flags & UD_LIMIT_IN_PAGES) ? X86_DESC_LIMIT_PAGES : 0);
    }
    c->gdt[entry] = d;
    uint16_t sel = x86_user_sel(entry);
    for (int seg = 0; seg < X86_NSEGS; seg++) {
        if (c->seg_sel[seg] == sel)
            x86_load_segment(c, seg, sel);
    }
    return 0;
}

/* The first TLS entry with no descriptor, or -1. */
static int free_tls_entry(const X86Cpu *c)
{
    for (unsigned i = 0; i < X86_TLS_COUNT; i++) {
        if (c->gdt[tls_first() + i].flags == 0)
            return (int)(tls_first() + i);
    }
    return -1;
}

int64_t x86_tls_from_user_desc(X86Cpu *c, uint64_t addr, bool can_allocate)
{
    uint8_t ud[UD_SIZE];
    if (lu_copy_from_guest(ud, addr, sizeof ud))
        return -EFAULT;
    const LuLayouts *L = lu_layouts();
    int32_t entry = (int32_t)lu_load_guest(L, ud + UD_ENTRY, 4);
    uint32_t base = (uint32_t)lu_load_guest(L, ud + UD_BASE, 4);
    uint32_t limit = (uint32_t)lu_load_guest(L, ud + UD_LIMIT, 4);
    uint32_t flags = (uint32_t)lu_load_guest(L, ud + UD_FLAGS, 4);
    if (!desc_ok(base, limit, flags))
        return -EINVAL;
    if (entry == -1 && can_allocate) {
        entry = free_tls_entry(c);
        if (entry < 0)
            return -ESRCH;
        if (lu_put_u32(addr + UD_ENTRY, (uint32_t)entry))
            return -EFAULT;
    }
    if (entry < 0)
        return -EINVAL;
    return x86_tls_install(c, (unsigned)entry, base, limit, flags);
}

int64_t lu_sys_set_thread_area(CpuCommon *cpu, const uint64_t a[6])
{
    return x86_tls_from_user_desc((X86Cpu *)cpu, a[0], true);
}

/* fill_user_desc(): the descriptor as a user_desc. morph keeps base,
 * limit, 32-bit, granularity and presence; a present TLS entry is a
 * writable data segment marked useable, as every C library installs it. */
int64_t lu_sys_get_thread_area(CpuCommon *cpu, const uint64_t a[6])
{
    const X86Cpu *c = (const X86Cpu *)cpu;
    uint32_t entry;
    if (lu_get_u32(a[0] + UD_ENTRY, &entry))
        return -EFAULT;
    unsigned first = tls_first();
    if (entry < first || entry >= first + X86_TLS_COUNT)
        return -EINVAL;
    const X86SegDesc *d = &c->gdt[entry];
    uint32_t flags = UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT;
    if (d->flags & X86_DESC_PRESENT) {
        flags = UD_USEABLE | ((d->flags & X86_DESC_32BIT) ? UD_SEG_32BIT : 0) |
                ((d->flags & X86_DESC_LIMIT_PAGES) ? UD_LIMIT_IN_PAGES : 0);
    }
    uint8_t ud[UD_SIZE];
    const LuLayouts *L = lu_layouts();
    lu_store_guest(L, ud + UD_ENTRY, 4, entry);
    lu_store_guest(L, ud + UD_BASE, 4, d->base);
    lu_store_guest(L, ud + UD_LIMIT, 4, d->limit);
    lu_store_guest(L, ud + UD_FLAGS, 4, flags);
    return lu_copy_to_guest(a[0], ud, sizeof ud);
}

/* ---- arch_prctl -------------------------------------------------------------- */

static int64_t set_base(X86Cpu *c, int seg, uint64_t base)
{
    if (base >= X86_64_TASK_SIZE_MAX)
        return -EPERM;
    c->seg_sel[seg] = 0;
    c->seg_base[seg] = base;
    return 0;
}

int64_t lu_sys_arch_prctl(CpuCommon *cpu, const uint64_t a[6])
{
    X86Cpu *c = (X86Cpu *)cpu;
    bool is64 = lu_layouts()->long_size == 8;
    int code = lu_arg_int(a[0]);
    switch (code) {
    case ARCH_SET_FS: return is64 ? set_base(c, X86_FS, a[1]) : -EINVAL;
    case ARCH_SET_GS: return is64 ? set_base(c, X86_GS, a[1]) : -EINVAL;
    case ARCH_GET_FS: return is64 ? lu_put_u64(a[1], c->seg_base[X86_FS]) : -EINVAL;
    case ARCH_GET_GS: return is64 ? lu_put_u64(a[1], c->seg_base[X86_GS]) : -EINVAL;
    case ARCH_GET_CPUID: return 1;         /* cpuid runs (never faults) */
    case ARCH_SET_CPUID: return -ENODEV;   /* no CPUID faulting to turn on */
    }
    if (log_enabled(LOG_UNIMP))
        log_printf("morph: unimplemented arch_prctl code %#x\n", (unsigned)code);
    return -EINVAL;
}
