/* backend/engine_internal.h — the Engine's insides as the exec loop
 * (exec.c) and invalidation (invalidate.c) see them; nothing outside
 * backend/ includes this. */
#ifndef MORPH_ENGINE_INTERNAL_H
#define MORPH_ENGINE_INTERNAL_H

#include <glib.h>
#include <stddef.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "backend/tb.h"
#include "ir/ir.h"

/* What the engine keeps per attached cpu (cpu->jmp_cache, cpu->ret_stack
 * point in here; ret holds the first-level jump cache too), engine-owned
 * so a flush can clear it. */
typedef struct CpuCaches {
    TranslationBlock *jmp[TB_JMP_CACHE_SIZE];
    RetStack ret;
    /* Exclusive sections (exclusive.c), guarded by Engine.excl_lock: */
    CpuCommon *cpu;
    int32_t running;        /* inside cpu_exec, not parked for a section */
    int32_t resume_running; /* it began a section while running */
} CpuCaches;

/* The CpuCaches of an attached cpu (its jump cache is their first field). */
static inline CpuCaches *engine_caches_of(const CpuCommon *cpu)
{
    return (CpuCaches *)(void *)((char *)cpu->jmp_cache - offsetof(CpuCaches, jmp));
}

struct Engine {
    const GuestArch *arch;
    const Backend *backend;
    void *bstate;           /* the backend's state (code cache) */
    bool optimize;
    uint32_t max_insns;
    GuestFetchFn fetch;
    /* System mode (EngineOptions.system): blocks are keyed and tracked
     * by the physical address of their code, code_phys(cpu, pc). */
    bool system;
    uint64_t (*code_phys)(CpuCommon *cpu, uint64_t pc);
    GuestBreakpointFn breakpoint;

    GMutex lock;            /* guards everything below */
    GHashTable *tbs;        /* set of TranslationBlock, keyed by (pc, flags, code_start) */
    IrBlock ir;             /* scratch block reused by every translation */
    EngineStats stats;
    GPtrArray *cpu_caches;  /* CpuCaches of the attached cpus */
    uint64_t flush_count;   /* bumped by engine_flush: older TB pointers are dead */
    void (*code_added)(CpuCommon *cpu, uint64_t start, uint64_t len);
    GHashTable *pages;      /* guest page -> TbPage: the live blocks with code on it */
    GPtrArray *dead;        /* invalidated blocks, freed at the next drop */

    /* Exclusive sections (exclusive.c): excl_lock guards excl_active and
     * the running flags in cpu_caches; taken after `lock`, never before. */
    GMutex excl_lock;
    GCond excl_cond;        /* a cpu stopped running, or a section ended */
    bool excl_active;
    bool fork_locked;       /* engine_before_fork holds both locks */
    uint64_t tbs_since_flush; /* blocks compiled since the code space was emptied */
};

/* A chained jump: from's exit `slot` continues into the block holding the
 * link in its jmp_from list. */
typedef struct TbLink {
    TranslationBlock *from;
    int32_t slot;
} TbLink;

/* Guest code of blocks is tracked in pages of this size. */
enum { ENGINE_PAGE_BITS = 12 };

/* Invalidated blocks kept before the next translation empties the whole
 * cache (so self-modifying code cannot grow the dead list without bound). */
enum { ENGINE_MAX_DEAD = 4096 };

/* The guest bytes a block stands for: [code_start, code_start+len), at
 * least one byte, so a block that only faults on its fetch goes when its
 * page is mapped. */
static inline uint64_t tb_guest_len(const TranslationBlock *tb)
{
    return tb->guest_size ? tb->guest_size : 1;
}

/* The block for (pc, flags) and the code pc stands for now (in system
 * mode its physical address, whose lookup may leave through
 * cpu_loop_exit with the guest's fetch fault): from the hash table, else
 * translated now. Never NULL (a block that cannot be compiled is a morph
 * bug: abort). */
TranslationBlock *engine_get_tb(Engine *e, CpuCommon *cpu, uint64_t pc, uint32_t flags);

/* Chain from's exit slot (goto_tb 0/1, TB_SLOT_RETURN) to `to`; neither
 * may be invalid. */
void engine_link(Engine *e, TranslationBlock *from, int slot, TranslationBlock *to);

/* A block of exactly one guest instruction at pc, for one run: neither in
 * the cache nor in the page index, and already retired (invalid, on the
 * dead list), so nothing links to or from it. Debugger breakpoints are
 * not checked in it (it is how the debugger steps off one). */
TranslationBlock *engine_get_single_insn_tb(Engine *e, CpuCommon *cpu, uint64_t pc, uint32_t flags);

/* ---- the page index and links, for invalidation (invalidate.c) ----
 * All called with e->lock held. */

/* An empty page index (guest page -> blocks with code on it) for e->pages;
 * g_hash_table_remove_all empties it when every block is dropped. */
GHashTable *engine_pages_new(void);
/* Record tb, just added to e->tbs, on the pages its guest code covers. */
void engine_pages_add(Engine *e, TranslationBlock *tb);
/* Make from's exit `slot` jump to `to` (NULL: unlink it): jmp_next, the
 * incoming-link lists (jmp_from) and the backend's code (set_jump). */
void engine_set_link(Engine *e, TranslationBlock *from, int slot, TranslationBlock *to);
/* Mark tb invalid and keep it on the dead list until the next drop. */
void engine_retire(Engine *e, TranslationBlock *tb);

/* ---- exclusive sections (exclusive.c) ---- */

/* cpu_exec's entry and exit: wait while a section is active, then count
 * as running; stop counting and wake a section waiting for that. */
void engine_exec_start(Engine *e, CpuCommon *cpu);
void engine_exec_end(Engine *e, CpuCommon *cpu);

#endif
