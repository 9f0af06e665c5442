/* backend/tb.h — a translation block: one translated piece of guest code
 * and its links to the blocks that follow it. */
#ifndef MORPH_TB_H
#define MORPH_TB_H

#include <stdint.h>

typedef struct TranslationBlock {
    uint64_t pc;            /* key: guest pc */
    uint32_t flags;         /* key: cpu mode flags */
    uint32_t guest_size;    /* bytes of guest code */
    uint32_t guest_insns;
    void *code;             /* the backend's compiled form */
    struct TranslationBlock *jmp_next[2]; /* chained successor per goto_tb slot, or NULL */
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

#endif
