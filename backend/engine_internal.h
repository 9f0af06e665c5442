/* backend/engine_internal.h — the Engine's insides as the exec loop
 * (exec.c) sees them; nothing outside backend/ includes this. */
#ifndef MORPH_ENGINE_INTERNAL_H
#define MORPH_ENGINE_INTERNAL_H

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "backend/tb.h"
#include "ir/ir.h"

/* What the engine keeps per attached cpu (cpu->jmp_cache, cpu->ret_stack
 * point in here), engine-owned so a flush can clear it. */
typedef struct CpuCaches {
    TranslationBlock *jmp[TB_JMP_CACHE_SIZE];
    RetStack ret;
} CpuCaches;

struct Engine {
    const GuestArch *arch;
    const Backend *backend;
    void *bstate;           /* the backend's state (code cache) */
    bool optimize;
    uint32_t max_insns;
    GuestFetchFn fetch;

    GMutex lock;            /* guards everything below */
    GHashTable *tbs;        /* set of TranslationBlock, keyed by (pc, flags) */
    IrBlock ir;             /* scratch block reused by every translation */
    EngineStats stats;
    GPtrArray *cpu_caches;  /* CpuCaches of the attached cpus */
    uint64_t flush_count;   /* bumped by engine_flush: older TB pointers are dead */
};

/* The block for (pc, flags): from the hash table, else translated now.
 * Never NULL (a block that cannot be compiled is a morph bug: abort). */
TranslationBlock *engine_get_tb(Engine *e, CpuCommon *cpu, uint64_t pc, uint32_t flags);

/* Chain from's exit slot (goto_tb 0/1, TB_SLOT_RETURN) to `to`. */
void engine_link(Engine *e, TranslationBlock *from, int slot, TranslationBlock *to);

#endif
