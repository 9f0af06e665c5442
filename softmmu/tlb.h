/* softmmu/tlb.h — the per-CPU software TLB of system mode: guest virtual
 * page -> host memory (RAM) or the slow path (MMIO, code pages,
 * watchpoints), one direct-mapped table per memory index, and the
 * functions generated code, the interpreter and frontend helpers call to
 * reach guest memory through it.
 *
 * The hit path (the JIT inlines it; softmmu_ld/softmmu_st below are the
 * same in C), for an access of `size` bytes at virtual address a with
 * memory index m (IrMemop bits IR_MO_IDX):
 *
 *     TlbEntry *e = &cpu->tlb->entry[m][(a >> TLB_PAGE_BITS) & (TLB_ENTRIES - 1)];
 *     if (((a + size - 1) & ~(uint64_t)TLB_PAGE_MASK_LOW) == e->tag_read)   (tag_write for stores)
 *         host = (uint8_t *)(uintptr_t)(a + e->addend);
 *     else slow path
 *
 * An access that crosses into the next page, an entry caching another
 * page, an empty entry (tag TLB_EMPTY_TAG) and an entry with a flag in
 * its tag's low bits (TLB_MMIO, TLB_CODE, TLB_WATCH) all fail the compare
 * and take the slow path, which fills the entry from the guest's page
 * walk (GuestSysOps.tlb_fill) and does the access exactly: split across
 * pages, through the region's callbacks, invalidating translated code,
 * checking watchpoints. A 32-bit guest's address is zero-extended.
 *
 * Faults: when the guest's walk refuses an access, the slow path sets
 * cpu->exception_addr = the address, cpu->exception_code = the walk's
 * fault code, cpu->insn_pc = the insn_pc it was given, and leaves with
 * cpu_loop_exit(cpu, EXIT_FAULT); the machine hands that to
 * GuestSysOps.raise. Guest state in env is exact at every guest memory
 * access (the optimizer keeps it so), so nothing else needs saving.
 */
#ifndef MORPH_SOFTMMU_TLB_H
#define MORPH_SOFTMMU_TLB_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/cpu.h"
#include "ir/ir.h"

struct AddressSpace;
struct MemoryRegion;

enum {
    TLB_PAGE_BITS = 12,
    TLB_PAGE_SIZE = 1 << TLB_PAGE_BITS,
    TLB_PAGE_MASK_LOW = TLB_PAGE_SIZE - 1,
    TLB_INDEX_BITS = 8,
    TLB_ENTRIES = 1 << TLB_INDEX_BITS,
    TLB_MAX_MMU_IDX = 4, /* memory indexes: IR_MO_IDX holds 0..3 */
};

/* Flags in the low bits of a tag. */
enum {
    TLB_MMIO = 1u << 0,  /* not RAM: the region's callbacks (or ROM for writes) */
    TLB_CODE = 1u << 1,  /* tag_write only: the page holds translated code */
    TLB_WATCH = 1u << 2, /* a watchpoint lies in the page */
};
#define TLB_EMPTY_TAG UINT64_MAX

typedef struct TlbEntry {
    uint64_t tag_read;   /* virtual page | flags: loads */
    uint64_t tag_write;  /* stores and atomics */
    uint64_t tag_code;   /* instruction fetch (translation) */
    intptr_t addend;     /* host address - guest virtual address, RAM/ROM pages */
} TlbEntry;

/* What the slow path needs besides the hit path's view, per entry. */
typedef struct TlbExtra {
    uint64_t paddr;               /* physical address of the page */
    struct MemoryRegion *region;  /* the region at paddr */
    uint64_t region_offset;       /* paddr - region base */
} TlbExtra;

enum { TLB_MAX_WATCHPOINTS = 16 };

typedef enum WatchKind { WATCH_WRITE = 1, WATCH_READ = 2, WATCH_ACCESS = 3 } WatchKind;

typedef struct Watchpoint {
    uint64_t addr, len; /* virtual */
    WatchKind kind;
} Watchpoint;

/* CpuCommon.tlb. entry[] must stay first: generated code indexes it
 * from the base (the JIT keeps the base in its guest-memory register). */
typedef struct SoftTlb {
    TlbEntry entry[TLB_MAX_MMU_IDX][TLB_ENTRIES];
    TlbExtra extra[TLB_MAX_MMU_IDX][TLB_ENTRIES];
    struct AddressSpace *as;
    Watchpoint watch[TLB_MAX_WATCHPOINTS];
    unsigned nwatch;
    /* The watchpoint that stopped the cpu (EXIT_DEBUG): its address and
     * kind, for the debugger's stop reply. */
    uint64_t watch_hit_addr;
    WatchKind watch_hit_kind;
    /* One-shot pass for the instruction a watchpoint stopped: the
     * debugger sets watch_skip (and watch_skip_pc = that instruction's
     * pc) when it resumes the cpu, so the instruction's accesses are not
     * checked again and it completes; the first watchpoint check of
     * another instruction clears it. A debugger that resumes by
     * single-stepping that instruction (cpu_exec_step) clears it after
     * the step, so a loop of one instruction stops again. */
    bool watch_skip;
    uint64_t watch_skip_pc;
} SoftTlb;

/* ---- the guest's side: its page walk --------------------------------- */

typedef enum MemAccess { MEM_READ = 0, MEM_WRITE = 1, MEM_FETCH = 2 } MemAccess;

enum { TLB_PROT_READ = 1, TLB_PROT_WRITE = 2, TLB_PROT_EXEC = 4 };

typedef struct TlbFill {
    uint64_t paddr;      /* physical address of vaddr's byte (any offset) */
    unsigned prot;       /* TLB_PROT_* the mapping grants in this mmu_idx */
    uint64_t page_size;  /* the guest page's size (>= TLB_PAGE_SIZE) */
} TlbFill;

/* GuestSysOps.tlb_fill: translate vaddr for `access` in mmu_idx. Returns 0
 * and fills *out, or a nonzero guest-defined fault code (it says which
 * exception the guest takes; the guest's raise() decodes it). Never
 * raises, never changes guest state: the debugger probes with it too. */
typedef int (*TlbFillFn)(CpuCommon *cpu, uint64_t vaddr, MemAccess access, unsigned mmu_idx,
                         TlbFill *out);

/* ---- set-up and flushes --------------------------------------------- */

/* Give cpu a TLB over address space as (cpu->tlb), every entry empty. */
void tlb_init(CpuCommon *cpu, struct AddressSpace *as);
void tlb_destroy(CpuCommon *cpu);

/* The guest changed its mappings: drop every entry (tlb_flush) or those
 * of the 4 KiB page holding vaddr in every memory index (tlb_flush_page;
 * a guest page larger than 4 KiB is flushed by tlb_flush_range or whole).
 * Both also forget the cpu's jump cache and return predictions (they are
 * keyed by virtual pc): engine_cpu_mappings_changed. */
void tlb_flush(CpuCommon *cpu);
void tlb_flush_page(CpuCommon *cpu, uint64_t vaddr);
void tlb_flush_range(CpuCommon *cpu, uint64_t vaddr, uint64_t len);

/* ---- accesses --------------------------------------------------------- */

/* The slow paths generated code calls (insn_pc: the guest instruction
 * making the access, stored in cpu->insn_pc before anything can fault).
 * memop: an IrMemop (size, IR_MO_BE, IR_MO_IDX; IR_MO_SIGN is ignored:
 * loads return the value zero-extended, the caller extends). */
uint64_t softmmu_ld_slow(CpuCommon *cpu, uint64_t addr, uint32_t memop, uint64_t insn_pc);
void softmmu_st_slow(CpuCommon *cpu, uint64_t addr, uint64_t value, uint32_t memop,
                     uint64_t insn_pc);
/* Atomic compare-and-exchange (always called, no inline path): returns the
 * old value zero-extended; on RAM a host atomic. */
uint64_t softmmu_cmpxchg(CpuCommon *cpu, uint64_t addr, uint64_t expected, uint64_t desired,
                         uint32_t memop, uint64_t insn_pc);

static inline unsigned softmmu_mo_bytes(uint32_t memop) { return 1u << (memop & IR_MO_SIZE); }
static inline unsigned softmmu_mo_idx(uint32_t memop) { return (memop & IR_MO_IDX) >> IR_MO_IDX_SHIFT; }

/* The hit path in C, then the slow path: for the interpreter and for
 * frontend helpers (string instructions, dcbz, ...), insn_pc = cpu->insn_pc. */
uint64_t softmmu_ld(CpuCommon *cpu, uint64_t addr, uint32_t memop);
void softmmu_st(CpuCommon *cpu, uint64_t addr, uint64_t value, uint32_t memop);

/* Guest memory for frontend helpers in either mode: guest_base + addr in
 * user mode (cpu->tlb == NULL), the TLB in system mode. Loads return the
 * value zero-extended. */
uint64_t guest_ld(CpuCommon *cpu, uint64_t addr, uint32_t memop);
void guest_st(CpuCommon *cpu, uint64_t addr, uint64_t value, uint32_t memop);

/* ---- code ------------------------------------------------------------- */

/* Physical address of the code at virtual pc for the cpu's current code
 * memory index (GuestSysOps.code_mmu_idx), filling tag_code. If pc cannot
 * be executed: insn_pc = pc, exception_addr = pc, exception_code = the
 * walk's fault code (or its own code for code outside RAM/ROM: see
 * SOFTMMU_FAULT_NOT_MEMORY), cpu_loop_exit(EXIT_FAULT). The engine's
 * EngineOptions.code_phys in system mode. */
uint64_t softmmu_code_phys(CpuCommon *cpu, uint64_t pc);
/* Code fetch for the translator (EngineOptions.fetch): reads through the
 * code mapping; false if not executable. */
bool softmmu_fetch(CpuCommon *cpu, uint64_t addr, void *buf, size_t len);
/* EngineOptions.code_added: the physical range holds translated code
 * now; stores to it take the slow path, which calls engine_invalidate
 * for the page before storing. */
void softmmu_code_added(CpuCommon *cpu, uint64_t paddr, uint64_t len);

/* Code in something that is not RAM or ROM: a fault code the walk never
 * returns (guests map it to a machine check or instruction storage
 * interrupt). */
enum { SOFTMMU_FAULT_NOT_MEMORY = -1 };

/* ---- the debugger ----------------------------------------------------- */

/* Copy guest virtual memory through the guest's mappings (mmu_idx as the
 * guest's data accesses use now), touching no TLB entry and raising
 * nothing; ROM is written too. false if some page is not mapped. */
bool softmmu_debug_rw(CpuCommon *cpu, uint64_t vaddr, void *buf, size_t len, bool write);

/* Watchpoints (virtual ranges); the access that hits one stops before it
 * happens: watch_hit_* set, cpu_loop_exit(EXIT_DEBUG) at insn_pc. */
bool softmmu_watch_insert(CpuCommon *cpu, uint64_t addr, uint64_t len, WatchKind kind);
bool softmmu_watch_remove(CpuCommon *cpu, uint64_t addr, uint64_t len, WatchKind kind);

#endif
