/* ir/opt.c — the optimizer pipeline over one translation block.
 *
 *   frontend IR
 *       │
 *       ▼
 *   ┌────────┐   ┌───────┐   ┌────────┐   ┌───────┐
 *   │ fold   │──►│ env   │──►│ fold   │──►│ dce   │──► backend
 *   └────────┘   └───────┘   └────────┘   └───────┘
 *   constants,   ld_env of    constants    unused
 *   copies and   a known      and copies   pure ops
 *   algebra      slot → mov;  that env     removed
 *   (x+0, x*2^k  dead st_env  forwarding   (backward
 *   → shl, and   removed      exposed      liveness)
 *   0xff→zext8)
 *
 * fold (ir/opt_fold.c) walks forward, knowing which temps hold constants
 * and which are copies of others; a use of a copy reads its source, an op
 * whose operands are all known becomes `const`, and identities with one
 * constant operand become mov, const or a cheaper op. It rewrites movs of
 * constants into consts, which is constant propagation here (the IR has
 * no immediate operands).
 *
 * env (ir/opt_env.c) keeps the temp last stored to or loaded from each
 * env slot and turns later loads of the same slot into movs (forgotten
 * at calls that write env; at a label, what every way in agrees on);
 * walking backward it drops stores overwritten before anything could
 * observe env (a faulting op, a call that reads env or may raise, an
 * exit, or the same at a branch's target).
 *
 * dce (ir/opt_dce.c) walks backward with liveness (nothing is live after
 * an exit, everything at a branch) and deletes ops without side effects
 * whose results are dead, the movs whose uses fold redirected among them.
 *
 * Four walks, because start-up translates thousands of blocks that run a
 * few times each: copy propagation is done inside fold's walk.
 *
 * Every pass leaves the block valid. fold's facts never cross a label;
 * env's cross labels reached only by forward branches (loop heads reset).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ir/opt.h"

typedef struct OptScratch {
    size_t cap;
    max_align_t data[];
} OptScratch;

void *opt_scratch(GPrivate *key, size_t bytes)
{
    OptScratch *s = g_private_get(key);
    if (!s || s->cap < bytes) {
        size_t cap = MAX(bytes, 4096) * 2;
        s = g_malloc(sizeof *s + cap);
        s->cap = cap;
        g_private_replace(key, s);
    }
    memset(s->data, 0, bytes);
    return s->data;
}

void opt_compact(IrBlock *b)
{
    uint32_t n = 0;
    while (n < b->ninsns && b->insns[n].op != OPT_DELETED)
        n++; /* the instructions before the first deleted one stay put */
    for (uint32_t i = n; i < b->ninsns; i++) {
        if (b->insns[i].op != OPT_DELETED)
            b->insns[n++] = b->insns[i];
    }
    b->ninsns = n;
}

typedef struct OptPass {
    const char *name;
    void (*run)(IrBlock *b);
} OptPass;

static const OptPass opt_pipeline[] = {
    {"fold", opt_fold},
    {"env", opt_env},
    {"fold", opt_fold},
    {"dce", opt_dce},
};

void opt_run(IrBlock *b)
{
    for (size_t i = 0; i < sizeof(opt_pipeline) / sizeof(opt_pipeline[0]); i++) {
        opt_pipeline[i].run(b);
#ifdef MORPH_DEBUG
        char err[256];
        if (!ir_verify(b, err, sizeof(err))) {
            fprintf(stderr, "morph: optimizer pass %s broke block 0x%llx: %s\n",
                    opt_pipeline[i].name, (unsigned long long)b->pc, err);
            ir_dump(b, stderr);
            abort();
        }
#endif
    }
}
