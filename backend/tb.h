/* backend/tb.h — a translation block: one translated piece of guest code
 * and its links to the blocks that follow it. */
#ifndef MORPH_TB_H
#define MORPH_TB_H

#include <stdint.h>

/* Exit slots of a block: goto_tb's slots 0 and 1, and the return slot, a
 * chainable jump to the block at a push_ret's return pc (the JIT's return
 * prediction lands there). */
enum { TB_SLOT_RETURN = 2, TB_NSLOTS = 3 };

typedef struct TranslationBlock {
    uint64_t pc;            /* key: guest pc */
    uint32_t flags;         /* key: cpu mode flags */
    uint32_t guest_size;    /* bytes of guest code, from code_start */
    uint64_t code_start;    /* guest address of its first code byte (GuestArch.code_addr) */
    uint32_t guest_insns;
    void *code;             /* the backend's compiled form */
    struct TranslationBlock *jmp_next[TB_NSLOTS]; /* chained successor per slot, or NULL */
    /* Engine-owned (backend/invalidate.c): */
    uint32_t invalid;       /* its guest code changed: never looked up or linked again */
    uint32_t n_jmp_from;    /* chained jumps into this block: jmp_from[0..n) */
    uint32_t jmp_from_cap;
    struct TbLink *jmp_from;
} TranslationBlock;

/* The per-cpu jump cache (CpuCommon.jmp_cache): TB_JMP_CACHE_SIZE entries,
 * direct-mapped by guest pc. The engine fills it; a backend may read it to
 * continue through goto_ptr (checking pc and flags of the entry). */
#define TB_JMP_CACHE_BITS 12
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)

static inline uint32_t tb_jmp_cache_hash(uint64_t pc)
{
    return (uint32_t)(pc ^ (pc >> 2) ^ (pc >> (2 + TB_JMP_CACHE_BITS))) & (TB_JMP_CACHE_SIZE - 1);
}

/* A cpu's predictions of where indirect jumps go (per cpu, engine-owned
 * like the jump cache; CpuCommon.ret_stack points here):
 *  - the return ring: the return pcs of recent guest calls (push_ret) and
 *    where in the code cache to continue when a guest return (goto_ptr
 *    IR_GOTO_RETURN) goes to that pc;
 *  - the first-level jump cache: TB_JMP_FAST_SIZE entries mapped directly
 *    by pc >> 2 (one shift and mask inline: the lookup's latency is what
 *    a mispredicted indirect jump waits for), each holding the key and the
 *    code of one block, so an inline goto_ptr lookup reads one entry and
 *    no TranslationBlock. The exec loop fills it with every block it runs;
 *    a backend may read it (checking pc, flags and a non-NULL code) and
 *    fall back to the jump cache. An entry whose code is NULL is empty.
 * The engine clears both when blocks are dropped, and forgets entries of
 * blocks it invalidates (code first, so a half-cleared entry is empty). */
enum { TB_RET_STACK_SIZE = 16 };

typedef struct RetStackEntry {
    uint64_t pc;       /* guest return pc, or 0 if empty */
    const void *host;  /* backend code that continues at pc */
    uint32_t flags;    /* the tb_flags the code at host was linked under */
    uint32_t pad[3];
} RetStackEntry;

#define TB_JMP_FAST_BITS 10
#define TB_JMP_FAST_SIZE (1u << TB_JMP_FAST_BITS)

typedef struct TbJumpEntry {
    uint64_t pc;                  /* key: the block's guest pc */
    uint32_t flags;               /* key: its cpu mode flags */
    uint32_t pad;
    const void *code;             /* its tb->code, or NULL: empty */
    struct TranslationBlock *tb;  /* the block */
} TbJumpEntry;

typedef struct RetStack {
    uint32_t top;      /* index of the newest entry, mod TB_RET_STACK_SIZE */
    uint32_t pad;
    RetStackEntry entry[TB_RET_STACK_SIZE];
    TbJumpEntry jump[TB_JMP_FAST_SIZE];
} RetStack;

/* The first-level jump cache entry of guest pc. */
static inline TbJumpEntry *tb_jmp_fast_entry(RetStack *rs, uint64_t pc)
{
    return &rs->jump[(pc >> 2) & (TB_JMP_FAST_SIZE - 1)];
}

#endif
