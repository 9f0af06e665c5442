/* ir/opt.c — the optimizer pipeline over one translation block, and the
 * working storage its passes keep from block to block.
 *
 *   frontend IR
 *       │
 *       ▼
 *   ┌─────────────────┐   ┌────────────────┐
 *   │ fold + env fwd  │──►│ dce + env dead │──► backend
 *   └─────────────────┘   └────────────────┘
 *   constants, copies      unused pure ops removed
 *   and algebra (x+0,      (backward liveness);
 *   x*2^k → shl, and       env stores overwritten
 *   0xff → zext8); loads   before anyone can see
 *   of env slots whose     them dropped in the
 *   value a temp holds     same walk
 *   become movs, folded
 *   at once
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
 * Two walks, because start-up translates thousands of blocks that run a
 * few times each: env's forward walk reads each op as fold writes it, and
 * a load it turns into a mov goes through fold again at once, so the
 * copies and constants it exposes are folded with no second fold; env's
 * backward walk goes with dce's (a dead store's value is never marked
 * live). Each pass is usable alone (opt_fold, opt_env, opt_dce).
 *
 * Every pass leaves the block valid. fold's facts never cross a label;
 * env's cross labels reached only by forward branches (loop heads reset).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ir/opt.h"

OptWork *opt_work(GPrivate *key)
{
    OptWork *w = g_private_get(key);
    if (!w) {
        w = g_new0(OptWork, 1);
        g_private_set(key, w);
    }
    return w;
}

void opt_work_free(gpointer work)
{
    OptWork *w = work;
    for (unsigned i = 0; i < OPT_WORK_BUFS; i++)
        g_free(w->buf[i].data);
    g_free(w);
}

void *opt_buf_grow(OptBuf *b, size_t bytes)
{
    if (b->cap < bytes) {
        b->cap = MAX(bytes, 4096) * 2;
        b->data = g_realloc(b->data, b->cap);
    }
    return b->data;
}

void *opt_buf(OptBuf *b, size_t bytes)
{
    if (b->cap < bytes) {
        g_free(b->data);
        b->data = NULL;
        b->cap = 0;
    }
    return opt_buf_grow(b, bytes);
}

void *opt_buf_zero(OptBuf *b, size_t bytes)
{
    return memset(opt_buf(b, bytes), 0, bytes);
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

/* In debug builds: the pass just run left the block valid. */
static void check(const IrBlock *b, const char *pass)
{
#ifdef MORPH_DEBUG
    char err[256];
    if (!ir_verify(b, err, sizeof(err))) {
        fprintf(stderr, "morph: optimizer pass %s broke block 0x%llx: %s\n", pass, (unsigned long long)b->pc,
                err);
        ir_dump(b, stderr);
        abort();
    }
#else
    (void)b;
    (void)pass;
#endif
}

void opt_run(IrBlock *b)
{
    uint32_t env_stored_end = opt_fold_env(b);
    check(b, "fold+env");
    opt_dce_env(b, env_stored_end);
    check(b, "dce+env");
}
