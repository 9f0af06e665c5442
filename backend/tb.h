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

#endif
