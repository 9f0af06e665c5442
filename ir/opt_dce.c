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


/* The walk; with env, opt_env's dead stores go in it too (a store found
 * dead is deleted before its value is marked live). */
static void dce_block(IrBlock *b, EnvDeadStores *env)
{
    size_t n = (size_t)b->ntemps + 1;
    static GPrivate work_key = G_PRIVATE_INIT(opt_work_free);
    OptWork *w = opt_work(&work_key);
    uint8_t *live = opt_buf_zero(&w->buf[0], n);
    /* the live sets of labels seen, one row per label */
    uint8_t *label_live = opt_buf(&w->buf[1], b->nlabels * n);
    bool *label_seen = opt_buf_zero(&w->buf[2], b->nlabels + 1);
    uint32_t deleted = 0;

    for (uint32_t i = b->ninsns; i-- > 0;) {
        IrInsn *in = &b->insns[i];
        if (env && opt_env_dead_cares(in) && opt_env_dead_op(env, in)) {
            in->op = OPT_DELETED;
            deleted++;
            continue;
        }
        uint32_t f = ir_op_info[in->op].flags;
        unsigned ndef = opt_ndef(in), nuse = opt_nuse(in);

        if (in->op == IR_OP_label && (uint64_t)in->imm < b->nlabels) {
            label_seen[in->imm] = true;
            memcpy(label_live + in->imm * n, live, n);
            continue;
        }
        if (f & IR_F_BRANCH) {
            bool known = (uint64_t)in->imm < b->nlabels && label_seen[in->imm];
            const uint8_t *target = known ? label_live + in->imm * n : NULL;
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
    if (deleted)
        opt_compact(b);
}

void opt_dce(IrBlock *b)
{
    dce_block(b, NULL);
}

void opt_dce_env(IrBlock *b, uint32_t env_stored_end)
{
    dce_block(b, opt_env_dead_begin(b, env_stored_end));
}
