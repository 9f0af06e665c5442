/* ir/opt_dce.c — dead code elimination by backward liveness.
 *
 * Walking from the end, nothing is live after the last instruction (temps
 * do not outlive the block). At a label the walk records the live set; a
 * forward branch (its label already seen) adds that label's set to the
 * fall-through's, while a backward branch assumes everything live (the
 * loop may read anything). Otherwise a definition kills its temp and a
 * use makes it live. A mid-block exit passes the live set through
 * unchanged: the code after it is reached only through a label, and
 * keeping its temps' earlier definitions keeps the block's straight-line
 * define-before-use rule (ir_verify) true. An instruction whose results are all dead is deleted if
 * removing it cannot be observed: not IR_F_SIDE, not a possible fault,
 * not a float op that sets the host's sticky exception flags
 * (IR_F_FPFLAGS: the guest's FP status is derived from them), and for calls only helpers marked
 * IR_HELPER_PURE. One walk removes whole dead chains, because a deleted
 * instruction's operands are never marked live.
 */
#include <string.h>

#include <glib.h>

#include "ir/opt.h"

static bool removable(const IrInsn *in)
{
    uint32_t f = ir_op_info[in->op].flags;
    if (in->op == IR_OP_call)
        return (in->helper->flags & IR_HELPER_PURE) != 0;
    return !(f & (IR_F_SIDE | IR_F_MAY_FAULT | IR_F_FPFLAGS));
}


void opt_dce(IrBlock *b)
{
    size_t n = (size_t)b->ntemps + 1;
    static GPrivate live_key = G_PRIVATE_INIT(g_free);
    uint8_t *live = opt_scratch(&live_key, n);
    uint8_t **at_label = b->nlabels ? g_new0(uint8_t *, b->nlabels) : NULL; /* live sets of labels seen */
    uint32_t deleted = 0;

    for (uint32_t i = b->ninsns; i-- > 0;) {
        IrInsn *in = &b->insns[i];
        uint32_t f = ir_op_info[in->op].flags;
        unsigned ndef = opt_ndef(in), nuse = opt_nuse(in);

        if (in->op == IR_OP_label && (uint64_t)in->imm < b->nlabels) {
            at_label[in->imm] = g_memdup2(live, n);
            continue;
        }
        if (f & IR_F_BRANCH) {
            const uint8_t *target = (uint64_t)in->imm < b->nlabels ? at_label[in->imm] : NULL;
            if (!target)
                memset(live, 1, n);
            else
                for (size_t t = 0; t < n; t++)
                    live[t] |= target[t];
        }

        bool any_live = false;
        for (unsigned k = 0; k < ndef; k++)
            any_live = any_live || live[in->def[k]];
        if (!any_live && removable(in)) {
            in->op = OPT_DELETED;
            deleted++;
            continue;
        }
        for (unsigned k = 0; k < ndef; k++)
            live[in->def[k]] = 0;
        for (unsigned k = 0; k < nuse; k++)
            live[in->use[k]] = 1;
    }
    for (uint32_t l = 0; l < b->nlabels; l++)
        g_free(at_label[l]);
    g_free(at_label);
    if (deleted)
        opt_compact(b);
}
