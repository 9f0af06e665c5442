/* ir/opt_copy.c — copy propagation.
 *
 * After `d = mov s`, later uses of d read s instead, for as long as the
 * copy holds: neither d nor s redefined since (temps may have several
 * definitions through ir_mov_to) and no label crossed. Each temp carries
 * a definition count; a copy fact remembers the counts it was made with
 * and is stale once either count moved. A label starts a new epoch, which
 * invalidates every fact at once. The movs themselves stay; opt_dce drops
 * them when nothing reads d any more.
 */
#include <glib.h>

#include "ir/opt.h"

typedef struct CopyFact {
    IrTemp src;
    uint32_t src_gen; /* src's definition count when the copy was made */
    uint32_t dst_gen; /* dst's definition count for the mov itself */
    uint32_t epoch;
} CopyFact;

void opt_copy(IrBlock *b)
{
    uint32_t *gen = g_new0(uint32_t, (size_t)b->ntemps + 1);
    CopyFact *fact = g_new0(CopyFact, (size_t)b->ntemps + 1);
    uint32_t epoch = 1;

    for (uint32_t i = 0; i < b->ninsns; i++) {
        IrInsn *in = &b->insns[i];
        if (in->op == IR_OP_label) {
            epoch++;
            continue;
        }
        unsigned nuse = opt_nuse(in), ndef = opt_ndef(in);
        for (unsigned k = 0; k < nuse; k++) {
            IrTemp u = in->use[k];
            const CopyFact *f = &fact[u];
            if (f->src && f->epoch == epoch && f->dst_gen == gen[u] && f->src_gen == gen[f->src])
                in->use[k] = f->src;
        }
        for (unsigned k = 0; k < ndef; k++)
            gen[in->def[k]]++;
        if (in->op == IR_OP_mov) {
            IrTemp d = in->def[0], s = in->use[0];
            if (d == s) {
                in->op = OPT_DELETED; /* t = mov t */
                continue;
            }
            fact[d] = (CopyFact){.src = s, .src_gen = gen[s], .dst_gen = gen[d], .epoch = epoch};
        }
    }
    opt_compact(b);
    g_free(gen);
    g_free(fact);
}
