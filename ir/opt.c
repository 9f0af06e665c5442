/* ir/opt.c — the optimizer pipeline over one translation block.
 *
 *   frontend IR
 *       │
 *       ▼
 *   ┌────────┐   ┌────────┐   ┌───────┐   ┌────────┐   ┌────────┐   ┌───────┐
 *   │ fold   │──►│ copy   │──►│ env   │──►│ fold   │──►│ copy   │──►│ dce   │──► backend
 *   └────────┘   └────────┘   └───────┘   └────────┘   └────────┘   └───────┘
 *   constants    uses of a    ld_env of    constants    copies the   unused
 *   and algebra  mov's dest   a known      that env     new movs     pure ops
 *   (x+0, x*2^k  read its     slot → mov;  forwarding   introduced   removed
 *   → shl, and   source       dead st_env  exposed                   (backward
 *   0xff→zext8)               removed                                liveness)
 *
 * fold (ir/opt_fold.c) walks forward, knowing which temps hold constants;
 * an op whose operands are all known becomes `const`, and identities with
 * one constant operand become mov, const or a cheaper op. It rewrites
 * movs of constants into consts, which is constant propagation here (the
 * IR has no immediate operands).
 *
 * copy (ir/opt_copy.c) replaces a use of `d` by `s` after `d = mov s`
 * while neither has been redefined since and no label intervened.
 *
 * env (ir/opt_env.c) keeps, per straight-line stretch, the temp last
 * stored to or loaded from each env slot and turns later loads of the
 * same slot into movs (forgotten at labels and calls that write env);
 * walking backward it drops stores overwritten before anything could
 * observe env (a faulting op, a call that reads env or may raise, a
 * branch, a label or an exit).
 *
 * dce (ir/opt_dce.c) walks backward with liveness (nothing is live after
 * an exit, everything at a branch) and deletes ops without side effects
 * whose results are dead.
 *
 * Every pass leaves the block valid; facts never cross a label, because
 * control may merge there.
 */
#include <stdlib.h>

#include "ir/opt.h"

void opt_compact(IrBlock *b)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < b->ninsns; i++) {
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
    {"fold", opt_fold}, {"copy", opt_copy}, {"env", opt_env},
    {"fold", opt_fold}, {"copy", opt_copy}, {"dce", opt_dce},
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
