/* backend/x86_64/code_cache.h — the JIT's code cache: one region of host
 * memory that generated code is bump-allocated from and runs in.
 *
 * Where the host allows it (memfd_create), the region is mapped twice:
 * read+execute where code runs, read+write where the JIT writes it, so no
 * page is ever writable and executable at once. Otherwise one RWX mapping.
 * Code is written through cc_write_ptr(exec address) and runs at the exec
 * address. The cache is emptied whole (cc_reset) when full.
 *
 *   exec view  ┌───────── size ─────────┐  PROT_READ|PROT_EXEC
 *              │ prologue │ blocks ...  │
 *   write view └──────── same pages ────┘  PROT_READ|PROT_WRITE
 */
#ifndef MORPH_CODE_CACHE_H
#define MORPH_CODE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct CodeCache {
    uint8_t *exec;       /* where code runs */
    uint8_t *write;      /* where code is written (== exec without memfd) */
    size_t size;
    size_t used;         /* bump pointer, offset into the region */
    size_t reserved;     /* bytes at the start kept by cc_reset (the prologue) */
    bool dual;           /* two mappings (W^X) */
} CodeCache;

/* Map a cache of `size` bytes (rounded up to pages). NULL on failure. */
CodeCache *cc_new(size_t size);
void cc_free(CodeCache *cc);

/* After fork(), in the child: the two views are shared memory, which
 * parent and child would both write. Give the child new memory at the
 * same addresses holding only the reserved part (the prologue, which is
 * never rewritten, so reading it races with nothing); the rest is empty.
 * False if that failed (the cache must not be used then). */
bool cc_unshare(CodeCache *cc);

/* Room to write up to `max` bytes at the current position: the exec
 * address where it will run (its write view is cc_write_ptr). NULL when
 * fewer than `max` bytes are left. */
uint8_t *cc_begin(CodeCache *cc, size_t max);
/* Keep `len` bytes written at the position cc_begin gave, aligned up to 16. */
void cc_commit(CodeCache *cc, size_t len);
/* Keep everything committed so far across resets (the shared prologue). */
void cc_reserve_committed(CodeCache *cc);
/* Forget all code after the reserved part. */
void cc_reset(CodeCache *cc);

static inline size_t cc_room(const CodeCache *cc)
{
    return cc->size - cc->used;
}

static inline uint8_t *cc_write_ptr(const CodeCache *cc, const uint8_t *exec)
{
    return cc->write + (exec - cc->exec);
}

static inline bool cc_contains(const CodeCache *cc, uintptr_t host_pc)
{
    return host_pc >= (uintptr_t)cc->exec && host_pc < (uintptr_t)cc->exec + cc->size;
}

#endif
